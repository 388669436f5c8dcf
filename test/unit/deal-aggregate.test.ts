/**
 * The "deals" aggregate (kpis/deal-aggregate.ts) and the fused pass over columns
 * (`aggregateDeals`, columns.ts): table tests by hand on the shared deals, and a property test
 * that the fused pass + `finishDeals` equals a tiny straightforward reference (below: filter the
 * deals, collect each cell's amounts and cycles in arrays, sort for the median) on random deals
 * with missing, NaN, negative, duplicate and odd values — and that `dealSummary` over the rows
 * gives the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { aggregateDeals, dealColumns } from '../../src/kpis/columns.ts';
import { aggregateDealRows, dealSummary } from '../../src/kpis/deal-summary.ts';
import { cycleMedian, finishDeals, type DealAggregate, type DealCell, type DealMetrics, type DealSummary } from '../../src/kpis/deal-aggregate.ts';
import { bucketKey, type TimeBucket } from '../../src/core/calendar.ts';
import { dealStatusCode } from '../../src/core/deal-status.ts';
import { available, notAvailable, ratio, type MetricValue } from '../../src/core/result.ts';
import { NONE_KEY, resolvePeriod, timeOf, type Grouped, type Period } from '../../src/kpis/metric.ts';
import { deals as D, Q1 } from './metrics-fixtures.ts';

// ── By hand, on the shared deals (metrics-fixtures.ts) ─────────────────────────────────────────
//   d1 web ann won 1000 (30 d), d2 web ann lost, d3 ads bob won 2000 (30 d), d4 d5 open,
//   d6 ads ann won 600 (40 d, closed Apr 19), d7 web ann lost (closed Apr 10)

const cellNumbers = (c: DealCell) => ({ won: c.won, lost: c.lost, sales: c.sales, missing: c.missing, revenue: c.revenue, cycleN: c.cycleN, cycleSum: c.cycleSum, days: [...(c.cycleDays ?? [])].sort((a, b) => a - b) });
const cellsByKey = (agg: DealAggregate, dim: string) => Object.fromEntries(agg.by[dim]!.keys.map((k, c) => [k, cellNumbers(agg.by[dim]!.cells[c]!)]).filter(([, c]) => (c as { won: number; lost: number }).won + (c as { lost: number }).lost > 0));

test('aggregateDeals: the cells of the shared deals, by hand', () => {
  const agg = aggregateDeals(dealColumns(D), { groupBy: ['owner', 'quarter'] });
  assert.equal(agg.kind, 'deals');
  assert.equal(agg.invalid, null);
  assert.equal(agg.currencyIssue, null);
  assert.deepEqual(cellNumbers(agg.total), { won: 3, lost: 2, sales: 3, missing: 0, revenue: 3600, cycleN: 3, cycleSum: 100, days: [30, 30, 40] });
  assert.deepEqual(cellsByKey(agg, 'owner'), {
    ann: { won: 2, lost: 2, sales: 2, missing: 0, revenue: 1600, cycleN: 2, cycleSum: 70, days: [30, 40] },
    bob: { won: 1, lost: 0, sales: 1, missing: 0, revenue: 2000, cycleN: 1, cycleSum: 30, days: [30] },
  });
  // Q1: d1, d2, d3 closed; Q2: d6 won, d7 lost
  assert.deepEqual(cellsByKey(agg, 'quarter'), {
    '2024-Q1': { won: 2, lost: 1, sales: 2, missing: 0, revenue: 3000, cycleN: 2, cycleSum: 60, days: [30, 30] },
    '2024-Q2': { won: 1, lost: 1, sales: 1, missing: 0, revenue: 600, cycleN: 1, cycleSum: 40, days: [40] },
  });
  // in Q1 only
  assert.deepEqual(cellNumbers(aggregateDeals(dealColumns(D), { period: Q1 }).total), { won: 2, lost: 1, sales: 2, missing: 0, revenue: 3000, cycleN: 2, cycleSum: 60, days: [30, 30] });
});

test('finishDeals: the values of the shared deals, by hand, and the same as dealSummary', () => {
  const s = finishDeals(aggregateDeals(dealColumns(D), { groupBy: 'owner' }));
  assert.deepEqual(s.revenue, { ok: true, value: 3600, rows: 3 });
  assert.deepEqual(s.avgTransaction, { ok: true, value: 1200, numerator: 3600, denominator: 3, rows: 3 });
  assert.deepEqual(s.winRate, { ok: true, value: 3 / 5, numerator: 3, denominator: 5, rows: 5 });
  assert.deepEqual(s.salesCycle, { ok: true, value: 100 / 3, numerator: 100, denominator: 3, rows: 3 });
  assert.deepEqual(s.salesCycleMedian, { ok: true, value: 30, rows: 3 });
  assert.deepEqual(s.by.owner!.salesCycleMedian.groups.map((g) => [g.key, g.value.ok && g.value.value]), [['ann', 35], ['bob', 30]]);
  assert.deepEqual(s.by.owner!.winRate.groups.map((g) => [g.key, g.value.ok && g.value.value]), [['ann', 0.5], ['bob', 1]]);
  assert.deepEqual(JSON.parse(JSON.stringify(s)), JSON.parse(JSON.stringify(dealSummary(D, { groupBy: 'owner' }))));
});

test('finishDeals: a median given by the producer (as SQL gives it) is used as is', () => {
  const cell = (won: number, lost: number, revenue: number, cycleSum: number, cycleN: number, cycleMedian: number): DealCell => ({ won, lost, sales: won, missing: 0, revenue, cycleN, cycleSum, cycleMedian });
  const agg: DealAggregate = {
    kind: 'deals',
    total: cell(4238, 2473, 10_005_534, 0, 0, 0),
    by: Object.assign(Object.create(null), { owner: { keys: ['b', 'a'], cells: [cell(1, 1, 10, 9, 1, 9), cell(0, 2, 0, 0, 0, 0)] } }),
    invalid: null,
    currencyIssue: null,
  };
  const s = finishDeals(agg);
  // CRM export: 4,238 won of 6,711 closed, revenue 10,005,534
  assert.deepEqual(s.winRate, { ok: true, value: 4238 / 6711, numerator: 4238, denominator: 6711, rows: 6711 });
  assert.deepEqual(s.revenue, { ok: true, value: 10_005_534, rows: 4238 });
  assert.equal(s.salesCycleMedian.ok, false);
  // groups sorted by key; a group without sales is left out of revenue, kept in the win rate
  assert.deepEqual(s.by.owner!.revenue.groups.map((g) => g.key), ['b']);
  assert.deepEqual(s.by.owner!.winRate.groups.map((g) => [g.key, g.value.ok && g.value.value]), [['a', 0], ['b', 0.5]]);
  assert.deepEqual(s.by.owner!.salesCycleMedian.groups, [{ key: 'b', value: { ok: true, value: 9, rows: 1 } }]);
  // neither the values nor the median: said, not guessed
  const bare = finishDeals({ ...agg, total: { ...agg.total, cycleN: 2, cycleSum: 3, cycleMedian: undefined } });
  assert.equal(bare.salesCycleMedian.ok || bare.salesCycleMedian.reason, 'invalid-input');
});

test('aggregateDeals: what the columns cannot group by makes every value invalid-input', () => {
  const s = finishDeals(aggregateDeals(dealColumns(D), { groupBy: ['owner', 'stage'] }));
  assert.equal(s.winRate.ok || s.winRate.reason, 'invalid-input');
  assert.deepEqual(Object.keys(s.by), ['owner', 'stage']);
  assert.deepEqual(s.by.owner!.revenue.groups, []);
  const bad = finishDeals(aggregateDeals(dealColumns(D), { period: { from: '2024-05-01', to: '2024-01-01' } }));
  assert.equal(bad.revenue.ok || bad.revenue.reason, 'invalid-input');
});

// ── Property: the fused pass equals a straightforward reference ─────────────────────────────────

type Row = Record<string, unknown>;
const FIELDS = ['revenue', 'avgTransaction', 'winRate', 'salesCycle', 'salesCycleMedian'] as const;

/** The reference: per cell, arrays of what counts; values by their textbook formulas. */
function reference(rows: readonly Row[], options: { period?: Period; groupBy?: readonly string[] }, currencyIssue: MetricValue | null): DealSummary {
  const dims = options.groupBy ?? [];
  const p = resolvePeriod(options.period);
  const time = (v: unknown) => timeOf(v) ?? Number.NaN;
  const amountOf = (a: unknown) => (typeof a === 'number' && Number.isFinite(a) ? a : typeof a === 'string' && a.trim() !== '' && Number.isFinite(Number(a)) ? Number(a) : Number.NaN);
  interface Cell { closed: number; won: number; amounts: number[]; missing: number; cycles: number[] }
  const newCell = (): Cell => ({ closed: 0, won: 0, amounts: [], missing: 0, cycles: [] });
  const total = newCell();
  const groups = dims.map(() => new Map<string, Cell>());
  const keyOf = (r: Row, dim: string, tc: number) => {
    if (dim === 'month' || dim === 'quarter' || dim === 'year') return tc === tc ? bucketKey(tc, dim as TimeBucket) : NONE_KEY;
    const v = r[dim];
    return typeof v === 'string' && v !== '' ? v : v === undefined || v === null || v === '' ? NONE_KEY : String(v);
  };
  if (p !== null) {
    for (const r of rows) {
      const s = dealStatusCode(r.status);
      if (s === 0) continue;
      const tc = time(r.closeDate);
      if (!(p.from === -Infinity && p.to === Infinity) && !(tc >= p.from && tc < p.to)) continue;
      const cells = [total, ...dims.map((d, j) => {
        const k = keyOf(r, d, tc);
        if (!groups[j]!.has(k)) groups[j]!.set(k, newCell());
        return groups[j]!.get(k)!;
      })];
      for (const c of cells) {
        c.closed++;
        if (s !== 1) continue;
        c.won++;
        const a = amountOf(r.amount);
        if (a === a) c.amounts.push(a);
        else c.missing++;
        const x = (tc - time(r.createdDate)) / 86_400_000;
        if (x >= 0) c.cycles.push(x);
      }
    }
  }
  const noSales = 'no sales in the period';
  const noCycle = 'no deals won in the period with a creation and close date';
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const value = (c: Cell, f: (typeof FIELDS)[number]): MetricValue => {
    switch (f) {
      case 'revenue':
      case 'avgTransaction': {
        if (c.missing > 0) return notAvailable('missing-input', `${c.missing} sale(s) have no amount`, { rows: c.amounts.length + c.missing });
        if (f === 'avgTransaction') return ratio(sum(c.amounts), c.amounts.length, noSales, c.amounts.length);
        return c.amounts.length === 0 ? notAvailable('no-data', noSales, { rows: 0 }) : available(sum(c.amounts), { rows: c.amounts.length });
      }
      case 'winRate': return ratio(c.won, c.closed, 'no deals closed (won or lost) in the period', c.closed);
      case 'salesCycle': return c.cycles.length === 0 ? notAvailable('no-data', noCycle, { rows: 0 }) : available(sum(c.cycles) / c.cycles.length, { numerator: sum(c.cycles), denominator: c.cycles.length, rows: c.cycles.length });
      case 'salesCycleMedian': return c.cycles.length === 0 ? notAvailable('no-data', noCycle, { rows: 0 }) : available(median(c.cycles), { rows: c.cycles.length });
    }
  };
  const shown = (c: Cell, f: (typeof FIELDS)[number]) => (f === 'winRate' ? c.closed > 0 : f === 'revenue' || f === 'avgTransaction' ? c.won > 0 : c.cycles.length > 0);
  const invalid = p === null ? notAvailable('invalid-input', 'the period is not valid: an end is not a date, or from is after to') : null;
  const fail = (f: (typeof FIELDS)[number]) => ((f === 'revenue' || f === 'avgTransaction') && currencyIssue ? currencyIssue : invalid);
  const totals = Object.fromEntries(FIELDS.map((f) => [f, fail(f) ?? value(total, f)])) as unknown as DealMetrics<MetricValue>;
  const by = Object.create(null) as Record<string, DealMetrics<Grouped>>;
  dims.forEach((d, j) => {
    const keys = [...groups[j]!.keys()].sort();
    by[d] = Object.fromEntries(FIELDS.map((f) => [f, fail(f)
      ? { total: fail(f)!, groups: [] }
      : { total: totals[f], groups: keys.filter((k) => shown(groups[j]!.get(k)!, f)).map((k) => ({ key: k, value: value(groups[j]!.get(k)!, f) })) }])) as unknown as DealMetrics<Grouped>;
  });
  return { ...totals, by };
}

const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
// dates as a CRM export gives them: ISO days, Date objects (some with a time of day), epoch ms,
// missing, empty or not dates at all
const dayNumber = fc.integer({ min: -60, max: 420 });
const date = fc.oneof(
  { weight: 6, arbitrary: dayNumber.map((d) => new Date(BASE + d * DAY).toISOString().slice(0, 10)) },
  { weight: 2, arbitrary: fc.tuple(dayNumber, fc.integer({ min: 0, max: 23 })).map(([d, h]) => new Date(BASE + d * DAY + h * 3_600_000)) },
  { weight: 1, arbitrary: dayNumber.map((d) => BASE + d * DAY) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, '', 'soon', '2024-13-01') },
);
const amount = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -5000, max: 20_000 }) },
  { weight: 2, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, Number.NaN, Number.POSITIVE_INFINITY, '', ' ', '250', '-12.5', 'n/a') },
);
const row: fc.Arbitrary<Row> = fc.record({
  id: fc.constantFrom('d1', 'd2', 'd3', 'd1'), // duplicate ids: each row counts
  status: fc.constantFrom('won', 'won', 'lost', 'open', 'Closed Won', 'Closed Lost', 'WON', 'pending', undefined),
  owner: maybe(fc.constantFrom('ann', 'bob', 'cy', '', 7)),
  channel: maybe(fc.constantFrom('web', 'ads', 'referral', null)),
  amount,
  createdDate: date,
  closeDate: date,
  currency: maybe(fc.constantFrom('USD', 'USD', 'USD', 'usd', 'EUR')),
});
const period: fc.Arbitrary<Period | undefined> = fc.option(
  fc.record({ from: maybe(dayNumber.map((d) => new Date(BASE + d * DAY).toISOString().slice(0, 10))), to: maybe(dayNumber.map((d) => new Date(BASE + d * DAY).toISOString().slice(0, 10))), toInclusive: maybe(fc.boolean()) }),
  { nil: undefined },
);
const groupBy = fc.subarray(['channel', 'owner', 'month', 'quarter', 'year']);

/** Plain JSON of a summary (null prototypes and undefined fields aside), for deepStrictEqual. */
const plain = (s: DealSummary) => JSON.parse(JSON.stringify(s)) as unknown;

test('property: aggregateDeals + finishDeals over columns equals the straightforward reference, and dealSummary over rows', () => {
  fc.assert(
    fc.property(fc.array(row, { maxLength: 40 }), period, groupBy, (rows, p, dims) => {
      const cols = dealColumns(rows, ['channel', 'owner']);
      const agg = aggregateDeals(cols, { period: p, groupBy: dims });
      // currencies mixed (case aside) exactly when the reference says so; the wording is the columns'
      const kept = rows.map((r) => r.currency).filter((c): c is string => typeof c === 'string' && c !== '').map((c) => c.toUpperCase());
      assert.equal(agg.currencyIssue !== null, new Set(kept).size > 1);
      // the aggregate's counts and sums: the total is the reference's
      const ref = reference(rows, { period: p, groupBy: dims }, agg.currencyIssue);
      const fused = finishDeals(agg);
      assert.deepStrictEqual(plain(fused), plain(ref));
      // the same deals as rows through dealSummary's own pass
      const summary = dealSummary(rows, { period: p, groupBy: dims });
      const rowRef = reference(rows, { period: p, groupBy: dims }, summary.revenue.ok || summary.revenue.reason !== 'mixed-currency' ? null : summary.revenue);
      assert.deepStrictEqual(plain(summary), plain(rowRef));
    }),
    { numRuns: 500 },
  );
});

test('property: the aggregate cells add up (groups sum to the total, won + lost = closed) and medians come from their values', () => {
  fc.assert(
    fc.property(fc.array(row, { maxLength: 40 }), period, fc.constantFrom('channel', 'owner', 'month'), (rows, p, dim) => {
      for (const agg of [aggregateDeals(dealColumns(rows, ['channel', 'owner']), { period: p, groupBy: dim }), aggregateDealRows(rows, { period: p, groupBy: dim })]) {
        if (agg.invalid) continue;
        const cells = agg.by[dim]!.cells;
        for (const k of ['won', 'lost', 'sales', 'missing', 'cycleN'] as const) assert.equal(cells.reduce((a, c) => a + c[k], 0), agg.total[k], k);
        for (const c of [agg.total, ...cells]) {
          assert.equal(c.cycleDays!.length, c.cycleN);
          assert.ok(c.sales + c.missing === c.won && c.cycleN <= c.won);
          for (const x of c.cycleDays!) assert.ok(x >= 0 && Number.isFinite(x));
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('property: cycleMedian (counting for whole days, else quickselect) is the median', () => {
  const sortedMedian = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const values = fc.oneof(
    fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 400 }),
    fc.array(fc.integer({ min: 0, max: 70_000 }), { minLength: 60, maxLength: 300 }),
    fc.array(fc.double({ min: 0, max: 400, noNaN: true }), { minLength: 1, maxLength: 300 }),
  );
  fc.assert(fc.property(values, (xs) => assert.equal(cycleMedian(Float64Array.from(xs)), sortedMedian(xs))), { numRuns: 400 });
  // by hand: 64 values 0..63 → (31 + 32) / 2; one more (63) → 32
  const r = Array.from({ length: 64 }, (_, i) => i);
  assert.equal(cycleMedian(Float64Array.from(r)), 31.5);
  assert.equal(cycleMedian(Float64Array.from([...r, 63])), 32);
});
