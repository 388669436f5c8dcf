/**
 * The "deals" aggregate (issue #13) and its finishing step.
 *
 * Every deal KPI of `dealSummary` is two steps:
 * 1. an aggregate step — counts and sums per cell (the total, and each group of each dimension),
 *    plus the sales-cycle values (or their median) per cell. The JS passes produce it
 *    (`aggregateDeals` over deal columns in columns.ts, `dealSummary`'s pass over rows); a SQL
 *    engine can produce the same cells (`GROUP BY` / `GROUPING SETS`, the median by
 *    `percentile_cont(0.5)`);
 * 2. the finishing step here — `finishDeals` — turns the cells into the KPI values with the one
 *    definition of each KPI below (`revenueValue`, `avgTransactionValue`, `winRateValue`,
 *    `cycleMeanValue`, `cycleMedianValue`).
 *
 * A cell counts the deals closed (won or lost) in the period, by close date:
 *
 * | field       | meaning                                                         | SQL row (aggregates.md) |
 * |-------------|-----------------------------------------------------------------|-------------------------|
 * | `won`       | deals closed won                                                | `won`                   |
 * | `lost`      | deals closed lost (`won + lost` = closed)                       | `lost`                  |
 * | `sales`     | won deals with an amount                                        |                         |
 * | `missing`   | won deals without an amount (revenue is then not available)     |                         |
 * | `revenue`   | Σ amount of those `sales`                                       | `revenue`               |
 * | `cycleN`    | won deals with both dates, closed on or after creation          | `cycle_days_n`          |
 * | `cycleSum`  | Σ days from creation to close over those                        | `cycle_days_sum`        |
 * | `cycleDays` | the `cycleN` cycles themselves (any order), for the median      |                         |
 * | `cycleMedian` | or their median already taken                                  | `cycle_days_median`     |
 *
 * Sums add in input order (row order in JS), so the JS paths agree to the last bit.
 */
import { available, notAvailable, ratio, type MetricValue } from '../core/result.ts';
import { medianInPlace } from '../core/stats.ts';
import type { Grouped, GroupValue, Period } from './metric.ts';

export interface DealSummaryOptions {
  readonly period?: Period;
  /** Dimensions to break every metric down by (each gives one entry of `by`). */
  readonly groupBy?: string | readonly string[];
}

/** The five main deal metrics over one set of deals. */
export interface DealMetrics<V> {
  readonly revenue: V;
  readonly avgTransaction: V;
  readonly winRate: V;
  /** Mean days from creation to close of the deals won in the period. */
  readonly salesCycle: V;
  readonly salesCycleMedian: V;
}

export interface DealSummary extends DealMetrics<MetricValue> {
  /** Per dimension of `groupBy` (null prototype): each metric grouped by it. */
  readonly by: Readonly<Record<string, DealMetrics<Grouped>>>;
}

/** Counts and sums of one cell: the total, or one group of one dimension. */
export interface DealCell {
  readonly won: number;
  readonly lost: number;
  readonly sales: number;
  readonly missing: number;
  readonly revenue: number;
  readonly cycleN: number;
  readonly cycleSum: number;
  /** The cycles in days (length `cycleN`); `finishDeals` reorders them (a selection). */
  readonly cycleDays?: Float64Array;
  /** The median of the cycles, when the producer took it (SQL); used before `cycleDays`. */
  readonly cycleMedian?: number;
}

/** One dimension's cells: `cells[c]` is the group `keys[c]` (any order; empty cells allowed). */
export interface DealGroups {
  readonly keys: readonly string[];
  readonly cells: readonly DealCell[];
}

export interface DealAggregate {
  readonly kind: 'deals';
  readonly total: DealCell;
  /** Per dimension, in `groupBy` order (null prototype). */
  readonly by: Readonly<Record<string, DealGroups>>;
  /** Set when no value can be computed (an invalid period, a dimension the input cannot group by): every value is it. */
  readonly invalid: MetricValue | null;
  /** Set when the deals mix currencies: revenue and average transaction are it (before `invalid`). */
  readonly currencyIssue: MetricValue | null;
}

export const NO_SALES = 'no sales in the period';
export const NO_CLOSED = 'no deals closed (won or lost) in the period';
export const NO_CYCLE = 'no deals won in the period with a creation and close date';

// ── The one definition of each deal KPI from its sums ──────────────────────────────────────────

/** `revenue`: Σ amount of the sales; no sale is "no data", a sale without an amount makes it not available. */
export function revenueValue(sum: number, sales: number, missing: number): MetricValue {
  if (missing > 0) return notAvailable('missing-input', `${missing} sale(s) have no amount`, { rows: sales + missing });
  return sales === 0 ? notAvailable('no-data', NO_SALES, { rows: 0 }) : available(sum, { rows: sales });
}

/** `avg-transaction`: revenue ÷ number of sales. */
export function avgTransactionValue(sum: number, sales: number, missing: number): MetricValue {
  if (missing > 0) return notAvailable('missing-input', `${missing} sale(s) have no amount`, { rows: sales + missing });
  return ratio(sum, sales, NO_SALES, sales);
}

/** `win-rate`: won ÷ closed (won + lost). */
export function winRateValue(won: number, closed: number): MetricValue {
  return ratio(won, closed, NO_CLOSED, closed);
}

/** `sales-cycle` (mean): Σ cycle days ÷ cycles. */
export function cycleMeanValue(sum: number, n: number): MetricValue {
  return n === 0 ? notAvailable('no-data', NO_CYCLE, { rows: 0 }) : available(sum / n, { numerator: sum, denominator: n, rows: n });
}

/** `sales-cycle` (median): the median of the `n` cycles. */
export function cycleMedianValue(median: number, n: number): MetricValue {
  return n === 0 ? notAvailable('no-data', NO_CYCLE, { rows: 0 }) : available(median, { rows: n });
}

// ── Finishing ─────────────────────────────────────────────────────────────────────────────────

export type DealField = keyof DealMetrics<unknown>;
export const DEAL_FIELDS: readonly DealField[] = ['revenue', 'avgTransaction', 'winRate', 'salesCycle', 'salesCycleMedian'];

/** Largest whole cycle (days) the counting selection handles; others take quickselect. */
const MAX_COUNTED_DAYS = 1 << 16;

/**
 * The median of cycle values (reordered): a counting selection when they are whole days in a
 * range no wider than their count (the usual case: one histogram pass, exact), else quickselect.
 */
export function cycleMedian(xs: Float64Array): number {
  const n = xs.length;
  let max = 0;
  let whole = n >= 64;
  for (let i = 0; i < n && whole; i++) {
    const x = xs[i]!;
    if (!(x >= 0 && x < MAX_COUNTED_DAYS) || Math.floor(x) !== x) whole = false;
    else if (x > max) max = x;
  }
  if (!whole || max >= n) return medianInPlace(xs);
  const hist = new Int32Array(max + 1);
  for (let i = 0; i < n; i++) hist[xs[i]! | 0]++;
  // the values at sorted positions (n-1)>>1 and n>>1
  const lo = (n - 1) >> 1, hi = n >> 1;
  let seen = 0, vlo = -1;
  for (let d = 0; d <= max; d++) {
    seen += hist[d]!;
    if (vlo < 0 && seen > lo) vlo = d;
    if (seen > hi) return n % 2 === 1 ? d : (vlo + d) / 2;
  }
  return vlo;
}

/** The median of a cell's cycles: taken by the producer, else selected from its values. */
function medianOf(cell: DealCell): MetricValue {
  if (cell.cycleN === 0) return cycleMedianValue(0, 0);
  if (cell.cycleMedian !== undefined) return cycleMedianValue(cell.cycleMedian, cell.cycleN);
  const xs = cell.cycleDays;
  if (xs === undefined || xs.length !== cell.cycleN) return notAvailable('invalid-input', 'the aggregate carries neither the cycles nor their median', { rows: cell.cycleN });
  return cycleMedianValue(cycleMedian(xs), cell.cycleN);
}

/** One metric of one cell (no currency or validity check: the callers make them). */
function cellValue(cell: DealCell, field: DealField): MetricValue {
  switch (field) {
    case 'revenue': return revenueValue(cell.revenue, cell.sales, cell.missing);
    case 'avgTransaction': return avgTransactionValue(cell.revenue, cell.sales, cell.missing);
    case 'winRate': return winRateValue(cell.won, cell.won + cell.lost);
    case 'salesCycle': return cycleMeanValue(cell.cycleSum, cell.cycleN);
    case 'salesCycleMedian': return medianOf(cell);
  }
}

/** Whether a group shows a metric at all (the metric functions list only groups with rows). */
function hasRows(cell: DealCell, field: DealField): boolean {
  switch (field) {
    case 'revenue':
    case 'avgTransaction': return cell.sales + cell.missing > 0;
    case 'winRate': return cell.won + cell.lost > 0;
    default: return cell.cycleN > 0;
  }
}

const MONEY = (field: DealField) => field === 'revenue' || field === 'avgTransaction';

/** What stands in for every value of `field` when the aggregate cannot give it, or null. */
function failure(agg: DealAggregate, field: DealField): MetricValue | null {
  // revenue and avgTransaction look at currencies before anything else
  if (MONEY(field) && agg.currencyIssue !== null) return agg.currencyIssue;
  return agg.invalid;
}

/** Codes of a dimension's groups, sorted by key (as the metric functions list them). */
function keyOrder(groups: DealGroups): number[] {
  const keys = groups.keys;
  return keys.map((_, c) => c).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
}

/**
 * One metric from the aggregate: the total, or `{ total, groups }` by dimension `dim` (which the
 * aggregate must carry). Equals what the metric function returns on the same deals and options.
 * `total` may be passed in when already finished (it is then not computed again).
 */
export function finishMetric(agg: DealAggregate, field: DealField, dim?: string, total?: MetricValue, order?: readonly number[]): MetricValue | Grouped {
  const fail = failure(agg, field);
  if (fail !== null) return dim === undefined ? fail : { total: fail, groups: [] };
  const t = total ?? cellValue(agg.total, field);
  if (dim === undefined) return t;
  const groups = agg.by[dim];
  if (groups === undefined) return { total: notAvailable('invalid-input', `the aggregate is not grouped by ${dim}`), groups: [] };
  const out: GroupValue[] = [];
  for (const c of order ?? keyOrder(groups)) {
    const cell = groups.cells[c]!;
    if (hasRows(cell, field)) out.push({ key: groups.keys[c]!, value: cellValue(cell, field) });
  }
  return { total: t, groups: out };
}

/**
 * The finishing step: every metric, total and by each dimension of the aggregate. Equals
 * `dealSummary` on the deals the aggregate was made from (cycle values are reordered in place).
 */
export function finishDeals(agg: DealAggregate): DealSummary {
  const totals = Object.create(null) as Record<DealField, MetricValue>;
  for (const f of DEAL_FIELDS) totals[f] = finishMetric(agg, f) as MetricValue;
  const by = Object.create(null) as Record<string, DealMetrics<Grouped>>;
  for (const dim of Object.keys(agg.by)) {
    const order = keyOrder(agg.by[dim]!);
    const m = {} as Record<DealField, Grouped>;
    for (const f of DEAL_FIELDS) m[f] = finishMetric(agg, f, dim, totals[f], order) as Grouped;
    by[dim] = m;
  }
  return { revenue: totals.revenue, avgTransaction: totals.avgTransaction, winRate: totals.winRate, salesCycle: totals.salesCycle, salesCycleMedian: totals.salesCycleMedian, by };
}

/** An aggregate that gives `invalid` for every value (and `currencyIssue` for the money ones). */
export function invalidDeals(invalid: MetricValue, dims: readonly string[], currencyIssue: MetricValue | null = null): DealAggregate {
  const by = Object.create(null) as Record<string, DealGroups>;
  for (const d of dims) by[d] = { keys: [], cells: [] };
  return { kind: 'deals', total: emptyCell(), by, invalid, currencyIssue };
}

export function emptyCell(): DealCell {
  return { won: 0, lost: 0, sales: 0, missing: 0, revenue: 0, cycleN: 0, cycleSum: 0 };
}
