/**
 * The period filter and group-by shared by every metric, and `defineMetric`.
 *
 * A period is `{ from?, to?, toInclusive? }`:
 * - `from` is **inclusive**: a record dated exactly `from` is in the period.
 * - `to` is **exclusive** by default, so consecutive periods never count a record twice:
 *   `{ from: '2017-01-01', to: '2017-04-01' }` is the first quarter of 2017.
 * - `toInclusive: true` includes the day of `to` (for a date at midnight UTC, the whole day;
 *   for a date with a time, that instant): `{ from: '2017-01-01', to: '2017-03-31', toInclusive: true }`
 *   is the same quarter.
 * - Either end may be left out (open). Dates are any `DateInput` (see schema/dates.ts), read as UTC.
 *
 * A group-by is a dimension name or a function of the row. Names are read from the row's own
 * properties (`channel`, `owner`, `team`, `region`, `product`, `customer`, `type`, any key), with
 * `source` ≡ `channel` and `rep` ≡ `owner`; `day`, `week`, `month`, `quarter` and `year` bucket the
 * record's date (core/calendar.ts's keys) (the one the metric filters on) in UTC; `cohort` is the month of the customer's
 * first record in the input. Rows without the dimension fall in the group `(none)`.
 */
import { DAY_MS, TIME_BUCKETS, bucketKey, isoDate, type TimeBucket } from '../core/calendar.ts';
import { parseDate, type DateInput } from '../core/schema/dates.ts';
import { notAvailable, type MetricMeta, type MetricValue } from '../core/result.ts';

export type { DateInput };

export interface Period {
  /** Inclusive start. */
  readonly from?: DateInput;
  /** End: exclusive unless `toInclusive`. */
  readonly to?: DateInput;
  /** Include the day (or instant, when it has a time) of `to`. */
  readonly toInclusive?: boolean;
}

/** A period as epoch milliseconds: from ≤ t < to; open ends are ±Infinity. */
export interface ResolvedPeriod {
  readonly from: number;
  readonly to: number;
}

export const INVALID_PERIOD = 'the period is not valid: an end is not a date, or from is after to';

export const ALL_TIME: ResolvedPeriod = Object.freeze({ from: -Infinity, to: Infinity });

/** The period in epoch ms, or null when an end is not a valid date or `from` is after `to`. */
export function resolvePeriod(period: Period | undefined): ResolvedPeriod | null {
  if (!period) return ALL_TIME;
  let from = -Infinity;
  let to = Infinity;
  if (period.from !== undefined && period.from !== null) {
    const t = parseDate(period.from);
    if (t === null) return null;
    from = t;
  }
  if (period.to !== undefined && period.to !== null) {
    const t = parseDate(period.to);
    if (t === null) return null;
    to = period.toInclusive ? (t % DAY_MS === 0 ? t + DAY_MS : t + 1) : t;
  }
  if (from > to) return null;
  return { from, to };
}

export function inPeriod(t: number | null, p: ResolvedPeriod): boolean {
  return t !== null && t >= p.from && t < p.to;
}

/** Length of a closed period in days, or null when an end is open. */
export function periodDays(p: ResolvedPeriod): number | null {
  return Number.isFinite(p.from) && Number.isFinite(p.to) ? (p.to - p.from) / DAY_MS : null;
}

/** Epoch ms of a record's date field: Date, epoch ms or a parsable string; null otherwise. */
export function timeOf(v: unknown): number | null {
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isFinite(t) ? t : null;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return parseDate(v);
  return null;
}

export const NONE_KEY = '(none)';

export type GroupBy<R = any> = string | ((row: R, input: string) => unknown);

export interface MetricOptions<R = any> {
  readonly period?: Period;
  readonly groupBy?: GroupBy<R>;
}

export interface GroupValue {
  readonly key: string;
  readonly value: MetricValue;
}

/** A grouped result: one value per key (sorted by key) and the value over all rows. */
export interface Grouped {
  readonly total: MetricValue;
  readonly groups: readonly GroupValue[];
}

export function isGrouped(r: MetricValue | Grouped): r is Grouped {
  return (r as Grouped).groups !== undefined;
}

/** How a metric reads one of its inputs. */
export interface Source<R> {
  readonly rows: readonly R[];
  /** The date the period filters on and time buckets use. */
  readonly date?: (row: R) => unknown;
  /** Whose record it is, for the `cohort` dimension. */
  readonly customer?: (row: R) => unknown;
  /** false: the metric applies the period itself (it needs history before the period). */
  readonly filter?: boolean;
}

export interface EvalContext<I> {
  readonly period: ResolvedPeriod;
  /** The whole input after the period filter (for shares of a total). */
  readonly all: I;
  /** The group being computed, or null for the total. */
  readonly key: string | null;
}

type RowsOf<S> = { [K in keyof S]: S[K] extends Source<infer R> ? readonly R[] : never };

const ALIASES: Readonly<Record<string, string>> = { source: 'channel', channel: 'source', rep: 'owner', owner: 'rep', customer: 'account', account: 'customer' };

function ownKey(row: unknown, dim: string): unknown {
  if (typeof row !== 'object' || row === null) return undefined;
  if (Object.hasOwn(row, dim)) return (row as Record<string, unknown>)[dim];
  const alias = ALIASES[dim];
  if (alias !== undefined && Object.hasOwn(row, alias)) return (row as Record<string, unknown>)[alias];
  return undefined;
}

function keyText(v: unknown): string {
  if (v === undefined || v === null || v === '') return NONE_KEY;
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? isoDate(v.getTime()) : NONE_KEY;
  return String(v);
}

/** A function giving each row of a source its group key. */
export function keyFunction<R>(groupBy: GroupBy<R>, name: string, source: Source<R>): (row: R) => string {
  if (typeof groupBy === 'function') return (row) => keyText(groupBy(row, name));
  const dim = groupBy;
  if (TIME_BUCKETS.has(dim)) {
    const date = source.date;
    return (row) => {
      const own = ownKey(row, dim);
      if (own !== undefined) return keyText(own);
      const t = date ? timeOf(date(row)) : null;
      return t === null ? NONE_KEY : bucketKey(t, dim as TimeBucket);
    };
  }
  if (dim === 'cohort') {
    const first = new Map<string, number>();
    const customerOf = source.customer;
    if (customerOf && source.date) {
      for (const row of source.rows) {
        const c = customerOf(row);
        const t = timeOf(source.date(row));
        if (c === undefined || c === null || t === null) continue;
        const k = String(c);
        const prev = first.get(k);
        if (prev === undefined || t < prev) first.set(k, t);
      }
    }
    return (row) => {
      const own = ownKey(row, 'cohort');
      if (own !== undefined) return keyText(own);
      const c = customerOf ? customerOf(row) : undefined;
      const t = c === undefined || c === null ? undefined : first.get(String(c));
      return t === undefined ? NONE_KEY : bucketKey(t, 'month');
    };
  }
  return (row) => keyText(ownKey(row, dim));
}

/**
 * Applies the period to each input, computes the metric over everything, and, with a group-by,
 * over each group's rows of every input (a key missing from an input gets no rows of it).
 */
export function evaluate<S extends Record<string, Source<any>>>(
  sources: S,
  options: MetricOptions | undefined,
  core: (input: RowsOf<S>, ctx: EvalContext<RowsOf<S>>) => MetricValue,
): MetricValue | Grouped {
  type I = RowsOf<S>;
  const period = resolvePeriod(options?.period);
  const groupBy = options?.groupBy;
  if (period === null) {
    const na = notAvailable('invalid-input', INVALID_PERIOD);
    return groupBy === undefined ? na : { total: na, groups: [] };
  }
  const names = Object.keys(sources);
  const all = {} as Record<string, readonly unknown[]>;
  for (const name of names) {
    const s = sources[name] as Source<unknown>;
    const filter = s.filter !== false && s.date !== undefined && (Number.isFinite(period.from) || Number.isFinite(period.to));
    if (!filter) {
      all[name] = s.rows;
      continue;
    }
    const date = s.date!;
    const kept: unknown[] = [];
    for (const row of s.rows) if (inPeriod(timeOf(date(row)), period)) kept.push(row);
    all[name] = kept;
  }
  const total = core(all as I, { period, all: all as I, key: null });
  if (groupBy === undefined) return total;

  const parts = new Map<string, Record<string, unknown[]>>();
  for (const name of names) {
    const s = sources[name] as Source<unknown>;
    const keyOf = keyFunction(groupBy, name, s);
    for (const row of all[name]!) {
      const k = keyOf(row);
      let part = parts.get(k);
      if (!part) {
        part = {};
        for (const n of names) part[n] = [];
        parts.set(k, part);
      }
      part[name]!.push(row);
    }
  }
  const keys = [...parts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const groups = keys.map((key) => ({ key, value: core(parts.get(key) as unknown as I, { period, all: all as I, key }) }));
  return { total, groups };
}

/** A metric function: ungrouped calls return a MetricValue, grouped calls a Grouped. */
export interface MetricFn<I, O extends object = {}> {
  (input: I, options?: O & { readonly period?: Period; readonly groupBy?: undefined }): MetricValue;
  (input: I, options: O & { readonly period?: Period; readonly groupBy: GroupBy }): Grouped;
  (input: I, options?: O & MetricOptions): MetricValue | Grouped;
  readonly meta: MetricMeta;
}

export function defineMetric<I, O extends object = {}>(
  meta: MetricMeta,
  fn: (input: I, options?: O & MetricOptions) => MetricValue | Grouped,
): MetricFn<I, O> {
  const f = (input: I, options?: O & MetricOptions) => fn(input, options);
  Object.defineProperty(f, 'meta', { value: meta, enumerable: true });
  Object.defineProperty(f, 'name', { value: meta.id });
  return f as unknown as MetricFn<I, O>;
}

/** The same not-available result in the shape the call expects (plain or grouped). */
export function failWith(na: MetricValue, options: MetricOptions | undefined): MetricValue | Grouped {
  return options?.groupBy === undefined ? na : { total: na, groups: [] };
}

/**
 * Column inputs (kpis/columns.ts). A metric that accepts columns asks `overColumns`; the engine
 * that computes over them is installed by columns.ts when it loads, so a metric imported alone
 * does not carry the columnar code: columns can only be built by `dealColumns` / `saleColumns`,
 * whose module installs it.
 */
export type ColumnsField = 'revenue' | 'avgTransaction' | 'winRate' | 'salesCycle' | 'salesCycleMedian';
type ColumnsEngine = (cols: object, options: MetricOptions | undefined, field: ColumnsField) => MetricValue | Grouped;
let columnsEngine: ColumnsEngine | null = null;

export function installColumns(engine: ColumnsEngine): void {
  columnsEngine = engine;
}

/** `'deal-columns'` or `'sale-columns'` for columns built by columns.ts; undefined otherwise. */
export function columnsKind(x: unknown): 'deal-columns' | 'sale-columns' | undefined {
  const kind = typeof x === 'object' && x !== null ? (x as { kind?: unknown }).kind : undefined;
  return kind === 'deal-columns' || kind === 'sale-columns' ? kind : undefined;
}

/** One metric over columns, through the installed engine. */
export function overColumns(cols: object, options: MetricOptions | undefined, field: ColumnsField): MetricValue | Grouped {
  if (!columnsEngine) return failWith(notAvailable('invalid-input', 'columns given, but the columns module is not loaded: build them with dealColumns or saleColumns'), options);
  return columnsEngine(cols, options, field);
}
