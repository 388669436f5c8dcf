/**
 * Property tests (fast-check) over random finite inputs:
 * - nothing returns NaN or Infinity (value, numerator, denominator), grouped or not;
 * - rates stay in [0, 1] or come back not available;
 * - grouped results add up to the ungrouped total where the metric is additive;
 * - inputs are never mutated (they are deep-frozen, and compared before / after);
 * - the columnar fast path agrees with the record path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { catalogue } from '../../src/kpis/catalogue.ts';
import { isGrouped, type Grouped, type Period } from '../../src/kpis/metric.ts';
import type { MetricValue } from '../../src/core/result.ts';
import type { Activity, Cost, Deal, Transaction } from '../../src/core/schema/records.ts';
import { revenue } from '../../src/kpis/revenue.ts';
import { avgTransaction } from '../../src/kpis/avg-transaction.ts';
import { winRate } from '../../src/kpis/win-rate.ts';
import { salesCycle } from '../../src/kpis/sales-cycle.ts';
import { mql, sql, stageRate, DEFAULT_STAGES } from '../../src/kpis/stage-reached.ts';
import { activity } from '../../src/kpis/activity.ts';
import { dealColumns, saleColumns } from '../../src/kpis/columns.ts';

const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);
const day = fc.integer({ min: -60, max: 420 }).map((d) => new Date(BASE + d * DAY));
const money = fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true });
const positive = fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true });
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const transaction = (amount: fc.Arbitrary<number>) =>
  fc.record({
    customer: pick(['a', 'b', 'c', 'd', 'e']),
    date: day,
    amount,
    cost: maybe(money),
    product: maybe(pick(['p1', 'p2', 'p3'])),
    type: maybe(pick(['new', 'renewal', 'upsell', 'cross-sell'] as const)),
    channel: maybe(pick(['web', 'ads', 'referral'])),
  }, { requiredKeys: ['customer', 'date', 'amount'] }) as fc.Arbitrary<Transaction>;

const deal: fc.Arbitrary<Deal> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  channel: maybe(pick(['web', 'ads', 'referral'])),
  owner: maybe(pick(['ann', 'bob', 'cy'])),
  team: maybe(pick(['A', 'B'])),
  region: maybe(pick(['north', 'south'])),
  account: maybe(pick(['x', 'y', 'z'])),
  stage: maybe(pick([...DEFAULT_STAGES, 'other'])),
  amount: maybe(money),
  status: pick(['won', 'lost', 'open'] as const),
  createdDate: maybe(day),
  closeDate: maybe(day),
}, { requiredKeys: ['id', 'status'] }) as fc.Arbitrary<Deal>;

const cost: fc.Arbitrary<Cost> = fc.record({
  channel: maybe(pick(['web', 'ads', 'direct'])),
  date: day,
  amount: money,
  kind: pick(['marketing', 'sales'] as const),
}, { requiredKeys: ['date', 'amount', 'kind'] }) as fc.Arbitrary<Cost>;

const act: fc.Arbitrary<Activity> = fc.record({ rep: pick(['ann', 'bob']), type: pick(['call', 'meeting', 'order', 'proposal']), date: day });

const period: fc.Arbitrary<Period | undefined> = fc.option(
  fc.record({ from: maybe(day), to: maybe(day), toInclusive: maybe(fc.boolean()) }),
  { nil: undefined },
);
const groupBy = fc.option(pick(['channel', 'owner', 'team', 'customer', 'product', 'month', 'quarter', 'cohort', 'type']), { nil: undefined });

interface Data {
  transactions: Transaction[];
  deals: Deal[];
  costs: Cost[];
  activities: Activity[];
}
const data = (amount = money): fc.Arbitrary<Data> =>
  fc.record({
    transactions: fc.array(transaction(amount), { maxLength: 25 }),
    deals: fc.array(deal, { maxLength: 25 }),
    costs: fc.array(cost, { maxLength: 8 }),
    activities: fc.array(act, { maxLength: 15 }),
  });

/** How each catalogue metric is called on the random data (clv-predictive is another engineer's model). */
const INPUT: Record<string, (d: Data) => unknown> = {
  revenue: (d) => d.transactions,
  'revenue-split': (d) => d.transactions,
  'avg-transaction': (d) => d.deals,
  'gross-margin': (d) => d.transactions,
  'incremental-revenue': (d) => ({ sales: d.transactions, costs: d.costs }),
  cpl: (d) => ({ costs: d.costs, leads: d.deals }),
  cac: (d) => ({ costs: d.costs, sales: d.deals }),
  mroi: (d) => ({ sales: d.deals, costs: d.costs }),
  'ltv-cac': (d) => ({ transactions: d.transactions, costs: d.costs }),
  'cac-payback': (d) => ({ transactions: d.transactions, costs: d.costs }),
  'lead-transformation-cost': (d) => d.activities,
  'lead-source': (d) => d.deals,
  conversion: (d) => d.deals,
  'conversion-by-channel': (d) => d.deals,
  mql: (d) => d.deals,
  sql: (d) => d.deals,
  bottleneck: (d) => d.deals,
  'win-rate': (d) => d.deals,
  'close-rate': (d) => d.deals,
  'sales-cycle': (d) => d.deals,
  activity: (d) => d.activities,
  'ltv-historical': (d) => d.transactions,
  cltv: (d) => d.transactions,
  retention: (d) => d.transactions,
  churn: (d) => d.transactions,
  'renewal-rate': (d) => d.transactions,
  'upsell-rate': (d) => d.transactions,
  saturation: (d) => d.transactions,
};
const RATES = ['win-rate', 'close-rate', 'conversion', 'conversion-by-channel', 'lead-source', 'renewal-rate', 'upsell-rate', 'saturation', 'retention', 'churn', 'bottleneck', 'revenue-split'];

function values(r: MetricValue | Grouped): MetricValue[] {
  return isGrouped(r) ? [r.total, ...r.groups.map((g) => g.value)] : [r];
}

function assertFiniteOrFlagged(v: MetricValue, label: string) {
  for (const k of ['value', 'numerator', 'denominator', 'rows'] as const) {
    const x = (v as unknown as Record<string, unknown>)[k];
    if (x !== undefined) assert.ok(typeof x === 'number' && Number.isFinite(x), `${label}: ${k} = ${x}`);
  }
  if (!v.ok) assert.ok(typeof v.reason === 'string' && typeof v.detail === 'string', label);
}

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

const snapshot = (d: Data) => JSON.stringify(d, (_k, v) => (v instanceof Date ? `D${v.getTime()}` : v));

test('no metric returns NaN or Infinity, and no input is mutated', () => {
  fc.assert(
    fc.property(data(), period, groupBy, pick(Object.keys(INPUT)), (d, p, g, id) => {
      const before = snapshot(d);
      deepFreeze(d);
      const entry = catalogue.get(id)!;
      const options: Record<string, unknown> = { period: p, groupBy: g };
      if (id === 'incremental-revenue') options.baseline = [{ from: '2023-12-01', to: '2024-01-01' }];
      const r = entry.compute(INPUT[id]!(d), options) as MetricValue | Grouped;
      for (const v of values(r)) assertFiniteOrFlagged(v, id);
      assert.equal(snapshot(d), before, `${id} mutated its input`);
    }),
    { numRuns: 600 },
  );
});

test('rates stay in [0, 1] or come back not available', () => {
  fc.assert(
    fc.property(data(positive), period, groupBy, pick(RATES), (d, p, g, id) => {
      const r = catalogue.get(id)!.compute(INPUT[id]!(d), { period: p, groupBy: g }) as MetricValue | Grouped;
      for (const v of values(r)) if (v.ok) assert.ok(v.value >= 0 && v.value <= 1 + 1e-12, `${id}: ${v.value}`);
    }),
    { numRuns: 600 },
  );
});

test('additive metrics: groups add up to the total', () => {
  const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, scale);
  fc.assert(
    fc.property(data(), period, fc.constantFrom('channel', 'owner', 'customer', 'month', 'quarter', 'cohort', 'product'), (d, p, g) => {
      // revenue over transactions (every transaction has an amount: no group can be missing)
      const r = revenue(d.transactions, { period: p, groupBy: g });
      let sum = 0, scale = 0;
      for (const x of r.groups) if (x.value.ok) {
        sum += x.value.value;
        scale += Math.abs(x.value.value);
      }
      if (r.total.ok) assert.ok(close(sum, r.total.value, scale), `revenue by ${g}: ${sum} vs ${r.total.value}`);
      else assert.equal(r.groups.length, 0);
      // counts
      for (const f of [mql, sql]) {
        const c = f(d.deals, { period: p, groupBy: g });
        const s = c.groups.reduce((a, x) => a + (x.value.ok ? x.value.value : 0), 0);
        assert.equal(s, c.total.ok ? c.total.value : 0, `${f.meta.id} by ${g}`);
      }
      const a = activity(d.activities, { period: p, groupBy: g === 'owner' ? 'rep' : g });
      assert.equal(a.groups.reduce((s, x) => s + (x.value.ok ? x.value.value : 0), 0), a.total.ok ? a.total.value : 0);
      // win rate: won and closed counts add up
      const w = winRate(d.deals, { period: p, groupBy: g });
      const num = w.groups.reduce((s, x) => s + (x.value.numerator ?? 0), 0);
      const den = w.groups.reduce((s, x) => s + (x.value.denominator ?? 0), 0);
      assert.equal(num, w.total.numerator ?? 0);
      assert.equal(den, w.total.denominator ?? 0);
    }),
    { numRuns: 400 },
  );
});

test('MQL → SQL rate is SQL ÷ MQL counts whenever both exist', () => {
  fc.assert(
    fc.property(fc.array(deal, { maxLength: 30 }), (ds) => {
      const r = stageRate(ds);
      const m = mql(ds, {});
      if (r.ok) assert.ok(r.value >= 0 && r.value <= 1 && m.ok && m.value > 0);
    }),
  );
});

test('columns and records agree', () => {
  const same = (a: MetricValue | Grouped, b: MetricValue | Grouped, label: string) => {
    const va = values(a);
    const vb = values(b);
    assert.equal(va.length, vb.length, label);
    if (isGrouped(a) && isGrouped(b)) assert.deepEqual(a.groups.map((x) => x.key), b.groups.map((x) => x.key), label);
    va.forEach((x, i) => {
      const y = vb[i]!;
      assert.equal(x.ok, y.ok, `${label}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
      if (x.ok && y.ok) assert.ok(Math.abs(x.value - y.value) <= 1e-9 * Math.max(1, Math.abs(x.value)), `${label}: ${x.value} vs ${y.value}`);
      else if (!x.ok && !y.ok) assert.equal(x.reason, y.reason, label);
    });
  };
  fc.assert(
    fc.property(data(), period, fc.option(fc.constantFrom('channel', 'owner', 'month', 'quarter', 'year'), { nil: undefined }), (d, p, g) => {
      const dc = dealColumns(d.deals);
      const sc = saleColumns(d.deals);
      const tc = saleColumns(d.transactions);
      const o = { period: p, groupBy: g };
      same(revenue(sc, o), revenue(d.deals, o), 'revenue deals');
      same(revenue(dc, o), revenue(d.deals, o), 'revenue deal columns');
      same(avgTransaction(dc, o), avgTransaction(d.deals, o), 'avg deal columns');
      same(revenue(tc, o), revenue(d.transactions, o), 'revenue transactions');
      same(avgTransaction(sc, o), avgTransaction(d.deals, o), 'avg');
      same(winRate(dc, o), winRate(d.deals, o), 'win rate');
      same(salesCycle(dc, o), salesCycle(d.deals, o), 'cycle mean');
      same(salesCycle(dc, { ...o, stat: 'median' }), salesCycle(d.deals, { ...o, stat: 'median' }), 'cycle median');
    }),
    { numRuns: 400 },
  );
});
