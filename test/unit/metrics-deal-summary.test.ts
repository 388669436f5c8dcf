/**
 * dealSummary (deal-summary.ts): table tests worked out by hand from the shared deals, and a
 * property test that every field equals the metric function it stands for on random deals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dealSummary, type DealMetrics } from '../../src/kpis/deal-summary.ts';
import { revenue } from '../../src/kpis/revenue.ts';
import { avgTransaction } from '../../src/kpis/avg-transaction.ts';
import { winRate } from '../../src/kpis/win-rate.ts';
import { salesCycle } from '../../src/kpis/sales-cycle.ts';
import type { Grouped, Period } from '../../src/kpis/metric.ts';
import type { MetricValue } from '../../src/core/result.ts';
import type { Deal } from '../../src/core/schema/records.ts';
import { check, deals as D, EMPTY, na, Q1, Q2, type Want } from './metrics-fixtures.ts';

// The shared deals (metrics-fixtures.ts):
//   d1 web ann won  1000, created Jan 1,  closed Jan 31 (30 d)
//   d2 web ann lost  500, closed Feb 9
//   d3 ads bob won  2000, created Feb 1,  closed Mar 2  (30 d, leap February)
//   d4, d5 open
//   d6 ads ann won   600, created Mar 10, closed Apr 19 (40 d)
//   d7 web ann lost,      closed Apr 10
const all = dealSummary(D, { groupBy: ['owner', 'channel', 'quarter'] });
const q1 = dealSummary(D, { period: Q1, groupBy: 'owner' });
// the same deals as a fetch gives them: dates as text
const raw = JSON.parse(JSON.stringify(D)) as object[];

type Field = keyof DealMetrics<unknown>;
const cases: [string, () => MetricValue | Grouped, Want][] = [
  ['revenue, all time', () => all.revenue, 3600],
  ['average transaction, all time', () => all.avgTransaction, 1200],
  ['win rate, all time: 3 won of 5 closed', () => all.winRate, 3 / 5],
  ['sales cycle mean: (30 + 30 + 40) / 3', () => all.salesCycle, 100 / 3],
  ['sales cycle median', () => all.salesCycleMedian, 30],
  ['revenue by owner', () => all.by.owner!.revenue, { total: 3600, groups: { ann: 1600, bob: 2000 } }],
  ['average transaction by channel', () => all.by.channel!.avgTransaction, { total: 1200, groups: { web: 1000, ads: 1300 } }],
  // ann: d1 won, d2 lost, d6 won, d7 lost; bob: d3 won
  ['win rate by owner', () => all.by.owner!.winRate, { total: 3 / 5, groups: { ann: 2 / 4, bob: 1 } }],
  ['win rate by close quarter', () => all.by.quarter!.winRate, { total: 3 / 5, groups: { '2024-Q1': 2 / 3, '2024-Q2': 1 / 2 } }],
  ['sales cycle median by owner: ann (30, 40)', () => all.by.owner!.salesCycleMedian, { total: 30, groups: { ann: 35, bob: 30 } }],
  ['sales cycle mean by channel', () => all.by.channel!.salesCycle, { total: 100 / 3, groups: { web: 30, ads: 35 } }],
  // Q1 closes: d1 won, d2 lost (ann), d3 won (bob)
  ['revenue in Q1', () => q1.revenue, 3000],
  ['win rate in Q1 by owner', () => q1.by.owner!.winRate, { total: 2 / 3, groups: { ann: 1 / 2, bob: 1 } }],
  ['sales cycle in Q2 (d6 only), from text dates', () => dealSummary(raw, { period: Q2 }).salesCycle, 40],
  // nothing closed in the period: not available, never 0 or NaN
  ['revenue, empty period', () => dealSummary(D, { period: EMPTY }).revenue, na('no-data')],
  ['average transaction, empty period', () => dealSummary(D, { period: EMPTY }).avgTransaction, na('zero-denominator')],
  ['win rate, empty period', () => dealSummary(D, { period: EMPTY }).winRate, na('zero-denominator')],
  ['sales cycle, empty period', () => dealSummary(D, { period: EMPTY }).salesCycleMedian, na('no-data')],
  ['grouped, empty period', () => dealSummary(D, { period: EMPTY, groupBy: 'owner' }).by.owner!.revenue, { total: na('no-data'), groups: {} }],
  ['no deals at all', () => dealSummary([]).winRate, na('zero-denominator')],
  // only open deals: win rate has a zero denominator
  ['only open deals', () => dealSummary(D.filter((d) => d.status === 'open')).winRate, na('zero-denominator')],
  ['an inverted period', () => dealSummary(D, { period: { from: '2024-05-01', to: '2024-01-01' } }).revenue, na('invalid-input')],
  ['an inverted period, grouped', () => dealSummary(D, { period: { from: '2024-05-01', to: '2024-01-01' }, groupBy: 'owner' }).by.owner!.winRate, { total: na('invalid-input'), groups: {} }],
  // a field read by a keyed load (not one of the usual dimensions): the lost deals' stages
  ['win rate by stage', () => dealSummary(raw, { groupBy: 'stage' }).by.stage!.winRate, { total: 3 / 5, groups: { '(none)': 1, sql: 0, opportunity: 0 } }],
  ['revenue by team and by source (≡ channel)', () => dealSummary(D, { groupBy: ['team', 'source'] }).by.source!.revenue, { total: 3600, groups: { web: 1000, ads: 2600 } }],
  ['cohort needs the metric functions', () => dealSummary(D, { groupBy: 'cohort' }).by.cohort!.revenue, { total: na('invalid-input'), groups: {} }],
];
for (const [name, run, want] of cases) test(`dealSummary: ${name}`, () => check(run(), want, name));

test('dealSummary: the numerator, denominator and rows say what a value rests on', () => {
  assert.deepEqual(all.winRate, { ok: true, value: 0.6, numerator: 3, denominator: 5, rows: 5 });
  assert.deepEqual(all.revenue, { ok: true, value: 3600, rows: 3 });
  assert.deepEqual(all.salesCycle, { ok: true, value: 100 / 3, numerator: 100, denominator: 3, rows: 3 });
  assert.deepEqual(all.salesCycleMedian, { ok: true, value: 30, rows: 3 });
});

test('dealSummary: plain JSON rows give the same summary as validated records', () => {
  for (const period of [undefined, Q1, Q2, EMPTY]) {
    assert.deepEqual(dealSummary(raw, { period, groupBy: ['owner', 'channel', 'month'] }), dealSummary(D, { period, groupBy: ['owner', 'channel', 'month'] }));
  }
});

test('dealSummary: a won deal without an amount makes revenue not available, naming how many', () => {
  const s = dealSummary([...raw, { id: 'x', owner: 'cy', status: 'won', createdDate: '2024-01-01', closeDate: '2024-01-02' }], { groupBy: 'owner' });
  assert.equal(s.revenue.ok, false);
  if (!s.revenue.ok) assert.equal(s.revenue.reason, 'missing-input');
  check(s.by.owner!.revenue, { total: na('missing-input'), groups: { ann: 1600, bob: 2000, cy: na('missing-input') } });
  // the other metrics still count it
  check(s.winRate, 4 / 6);
  check(s.salesCycleMedian, 30);
});

test('dealSummary: mixed currencies make revenue not available, and leave the rates alone', () => {
  const rows = [
    { id: 'a', status: 'won', amount: 1, currency: 'USD', createdDate: '2024-01-01', closeDate: '2024-01-03' },
    { id: 'b', status: 'won', amount: 1, currency: 'EUR', createdDate: '2024-01-01', closeDate: '2024-01-05' },
  ];
  const s = dealSummary(rows, { groupBy: 'owner' });
  check(s.revenue, na('mixed-currency'));
  check(s.by.owner!.avgTransaction, { total: na('mixed-currency'), groups: {} });
  check(s.winRate, 1);
  check(s.salesCycleMedian, 3);
  // the same currency in other letter case is one currency, as everywhere else
  check(dealSummary([rows[0]!, { ...rows[1]!, currency: 'usd' }]).revenue, 2);
});

test('dealSummary: cycles with a time of day take the exact (selection) median', () => {
  const at = (d: string) => new Date(d);
  const rows = [
    { id: 'a', status: 'won', amount: 1, createdDate: at('2024-01-01T00:00Z'), closeDate: at('2024-01-01T12:00Z') }, // 0.5
    { id: 'b', status: 'won', amount: 1, createdDate: at('2024-01-01T00:00Z'), closeDate: at('2024-01-03T00:00Z') }, // 2
    { id: 'c', status: 'won', amount: 1, createdDate: at('2024-01-01T00:00Z'), closeDate: at('2024-01-04T06:00Z') }, // 3.25
    { id: 'd', status: 'won', amount: 1, createdDate: at('2024-01-05T00:00Z'), closeDate: at('2024-01-01T00:00Z') }, // negative: left out
  ];
  check(dealSummary(rows).salesCycleMedian, 2);
  check(dealSummary(rows.slice(0, 2)).salesCycleMedian, 1.25);
  assert.deepEqual(dealSummary(rows).salesCycleMedian, salesCycle(rows as Deal[], { stat: 'median' }));
});

test('dealSummary: group keys from data never reach a prototype', () => {
  const rows = ['__proto__', 'constructor', 'toString'].map((owner, i) => ({ id: String(i), owner, status: 'won', amount: 10 * (i + 1) }));
  check(dealSummary(rows, { groupBy: 'owner' }).by.owner!.revenue, { total: 60, groups: { ['__proto__']: 10, constructor: 20, toString: 30 } });
  check(dealSummary(rows, { groupBy: 'constructor' }).by['constructor']!.revenue, { total: 60, groups: { '(none)': 60 } });
});

// Property: every field equals the metric function on the same deals, period and group-by.
const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);
// mostly midnight (whole-day cycles: medians by counting), sometimes a time of day (fractional
// cycles: medians by selection)
const day = fc.tuple(fc.integer({ min: -60, max: 420 }), fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 6)).map(([d, h]) => new Date(BASE + d * DAY + h * 3_600_000));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const deal: fc.Arbitrary<Deal> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  channel: maybe(pick(['web', 'ads', 'referral'])),
  owner: maybe(pick(['ann', 'bob', 'cy'])),
  region: maybe(pick(['north', 'south'])),
  amount: maybe(fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true })),
  status: pick(['won', 'lost', 'open'] as const),
  createdDate: maybe(day),
  closeDate: maybe(day),
  currency: maybe(pick(['USD', 'EUR'])),
}, { requiredKeys: ['id', 'status'] }) as fc.Arbitrary<Deal>;
const period: fc.Arbitrary<Period | undefined> = fc.option(fc.record({ from: maybe(day), to: maybe(day), toInclusive: maybe(fc.boolean()) }), { nil: undefined });
const dims = fc.subarray(['channel', 'owner', 'region', 'month', 'quarter', 'year', 'week']);

test('dealSummary: equals revenue, avgTransaction, winRate and salesCycle on random deals', () => {
  fc.assert(
    fc.property(fc.array(deal, { maxLength: 30 }), period, dims, fc.boolean(), (deals, p, groupBy, json) => {
      const input = json ? (JSON.parse(JSON.stringify(deals)) as object[]) : deals;
      const s = dealSummary(input, { period: p, groupBy });
      const want = (g?: string) => ({
        revenue: revenue(deals, { period: p, groupBy: g }),
        avgTransaction: avgTransaction(deals, { period: p, groupBy: g }),
        winRate: winRate(deals, { period: p, groupBy: g }),
        salesCycle: salesCycle(deals, { period: p, groupBy: g }),
        salesCycleMedian: salesCycle(deals, { period: p, groupBy: g, stat: 'median' }),
      });
      const { by, ...totals } = s;
      assert.deepStrictEqual(totals, want());
      assert.deepStrictEqual(Object.keys(by), groupBy);
      for (const g of groupBy) assert.deepStrictEqual(by[g], want(g), g);
      // and nothing is NaN or Infinity
      const values = [...Object.values(totals), ...Object.values(by).flatMap((m) => Object.values(m).flatMap((x: Grouped) => [x.total, ...x.groups.map((v) => v.value)]))];
      for (const v of values as MetricValue[]) {
        for (const k of ['value', 'numerator', 'denominator', 'rows'] as const) {
          const x = (v as Partial<Record<typeof k, number>>)[k];
          if (x !== undefined) assert.ok(Number.isFinite(x), k);
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('dealSummary: the fields are the five metrics, each once', () => {
  const fields: Field[] = ['revenue', 'avgTransaction', 'winRate', 'salesCycle', 'salesCycleMedian'];
  assert.deepEqual(Object.keys(all).sort(), [...fields, 'by'].sort());
});
