/**
 * Columnar fast path for large inputs: typed arrays built in one pass, then the aggregate step —
 * `aggregateDeals`, one fused pass that adds up every count and sum of the deal KPIs, total and
 * per group, and collects the sales cycles per cell — and the finishing step (`finishDeals` /
 * `finishMetric`, deal-aggregate.ts). All 15 deal values (5 metrics × total and 2 dimensions)
 * take one pass; bench/deal-aggregate.mjs holds it to ≤ 2× a hand-written typed-array loop.
 * `revenue` and `avg-transaction` (sale or deal columns),
 * `win-rate` and `sales-cycle` (deal columns) accept these columns in place of records and give the same results (same period semantics,
 * same not-available reasons). Group-by works on the dimensions encoded at build time and on the
 * time buckets `month`, `quarter` and `year`; a group-by function needs records.
 *
 * Building accepts validated records or plain rows as JSON gives them (dates as strings).
 */
import { dealStatusCode } from '../core/deal-status.ts';
import { isoDayTime } from '../core/schema/dates.ts';
import { DAY_MS, bucketKey, civilFromDays, dayOf } from '../core/calendar.ts';
import { notAvailable, type MetricValue } from '../core/result.ts';
import { INVALID_PERIOD, NONE_KEY, columnsKind, installColumns, resolvePeriod, timeOf, type Grouped, type MetricOptions, type Period } from './metric.ts';
import { finishMetric, invalidDeals, type DealAggregate, type DealCell, type DealField, type DealGroups, type DealSummaryOptions } from './deal-aggregate.ts';

/** A dictionary-encoded text column: `keys[codes[i]]` is row i's value. */
export interface Dictionary {
  readonly codes: Int32Array;
  readonly keys: readonly string[];
}

interface ColumnsBase {
  readonly length: number;
  readonly amount: Float64Array;
  /** Encoded dimensions by name (null prototype). */
  readonly dims: Readonly<Record<string, Dictionary>>;
  /** Set when the rows mix currencies: every metric over these columns returns it. */
  readonly currencyIssue: MetricValue | null;
}

export interface SaleColumns extends ColumnsBase {
  readonly kind: 'sale-columns';
  /** Sale date (transaction date, deal close date) in epoch ms; NaN when missing. */
  readonly time: Float64Array;
}

export interface DealColumns extends ColumnsBase {
  readonly kind: 'deal-columns';
  /** 0 open, 1 won, 2 lost. */
  readonly status: Uint8Array;
  readonly created: Float64Array;
  readonly closed: Float64Array;
}

export const DEFAULT_DIMS: readonly string[] = ['channel', 'owner', 'team', 'region', 'product', 'customer'];

export function isSaleColumns(x: unknown): x is SaleColumns {
  return columnsKind(x) === 'sale-columns';
}
export function isDealColumns(x: unknown): x is DealColumns {
  return columnsKind(x) === 'deal-columns';
}

type Row = Readonly<Record<string, unknown>>;

/** Epoch ms of a date value; the ISO-day text form is parsed inline. NaN when missing or invalid. */
function time(v: unknown): number {
  if (typeof v === 'string') {
    const t = isoDayTime(v);
    if (t === t) return t;
  }
  const t = timeOf(v);
  return t === null ? Number.NaN : t;
}

function amountOf(a: unknown): number {
  if (typeof a === 'number') return Number.isFinite(a) ? a : Number.NaN;
  if (typeof a === 'string' && a.trim() !== '') return Number(a);
  return Number.NaN;
}

const ALIAS: Readonly<Record<string, string>> = { channel: 'source', owner: 'rep', customer: 'account' };

/**
 * A reader of one field. The usual dimensions get a named property load each (one shape of row
 * per reader, so the load stays monomorphic and fast); any other name is read as an own property
 * only, so a dimension named like an Object.prototype member (`constructor`) never reads the
 * prototype's.
 */
function fieldReader(name: string): (r: Row) => unknown {
  switch (name) {
    case 'channel': return (r) => r.channel;
    case 'source': return (r) => r.source;
    case 'owner': return (r) => r.owner;
    case 'rep': return (r) => r.rep;
    case 'team': return (r) => r.team;
    case 'region': return (r) => r.region;
    case 'product': return (r) => r.product;
    case 'customer': return (r) => r.customer;
    case 'account': return (r) => r.account;
    case 'type': return (r) => r.type;
    default: return (r) => (Object.hasOwn(r, name) ? r[name] : undefined);
  }
}

/** One dictionary-encoded column under construction. */
class DimEncoder {
  readonly codes: Int32Array;
  private readonly index = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly read: (r: Row) => unknown;
  private readonly readAlias: ((r: Row) => unknown) | null;

  constructor(name: string, n: number) {
    this.codes = new Int32Array(n);
    this.read = fieldReader(name);
    const alias = ALIAS[name];
    this.readAlias = alias === undefined ? null : fieldReader(alias);
  }

  add(r: Row, j: number): void {
    let v = this.read(r);
    if (v === undefined && this.readAlias !== null) v = this.readAlias(r);
    const k = typeof v === 'string' && v !== '' ? v : v === undefined || v === null || v === '' ? NONE_KEY : String(v);
    let c = this.index.get(k);
    if (c === undefined) {
      c = this.keys.length;
      this.index.set(k, c);
      this.keys.push(k);
    }
    this.codes[j] = c;
  }

  done(): Dictionary {
    return { codes: this.codes, keys: this.keys };
  }
}

/** The encoders of every dimension, fed one row at a time from the fused build loop. */
class DimEncoders {
  private readonly encoders: DimEncoder[];
  constructor(private readonly names: readonly string[], n: number) {
    this.encoders = names.map((name) => new DimEncoder(name, n));
  }
  add(r: Row, j: number): void {
    const e = this.encoders;
    for (let d = 0; d < e.length; d++) e[d]!.add(r, j);
  }
  done(): Record<string, Dictionary> {
    const out = Object.create(null) as Record<string, Dictionary>;
    this.names.forEach((name, d) => (out[name] = this.encoders[d]!.done()));
    return out;
  }
}

function currencyCheck(rows: readonly Row[], keep: Uint8Array | null): MetricValue | null {
  let first: string | undefined;
  const odd: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (keep !== null && keep[i] === 0) continue;
    const c = rows[i]!.currency;
    if (c === undefined || c === null || c === '' || typeof c !== 'string') continue;
    const u = c.toUpperCase();
    if (first === undefined) first = u;
    else if (u !== first) odd.push(i);
  }
  return odd.length === 0 ? null : notAvailable('mixed-currency', `${odd.length} row(s) are not in ${first}: rows ${odd.slice(0, 20).join(', ')}${odd.length > 20 ? ' …' : ''}`);
}

/**
 * Sale columns from transactions or deals (only won deals are sales; their date is the close date).
 */
export function saleColumns(rows: readonly object[], dims: readonly string[] = DEFAULT_DIMS): SaleColumns {
  const rs = rows as readonly Row[];
  const keep = new Uint8Array(rs.length);
  let n = 0;
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i]!;
    const sale = r.status === undefined || dealStatusCode(r.status) === 1;
    keep[i] = sale ? 1 : 0;
    if (sale) n++;
  }
  const amount = new Float64Array(n);
  const t = new Float64Array(n);
  const enc = new DimEncoders(dims, n);
  let j = 0;
  for (let i = 0; i < rs.length; i++) {
    if (keep[i] === 0) continue;
    const r = rs[i]!;
    amount[j] = amountOf(r.amount);
    t[j] = time(r.status === undefined ? r.date : r.closeDate);
    enc.add(r, j);
    j++;
  }
  return { kind: 'sale-columns', length: n, amount, time: t, dims: enc.done(), currencyIssue: currencyCheck(rs, keep) };
}

/** Deal columns from deals (validated, or plain rows with `status`, `createdDate`, `closeDate`, `amount`). */
export function dealColumns(rows: readonly object[], dims: readonly string[] = DEFAULT_DIMS): DealColumns {
  const rs = rows as readonly Row[];
  const n = rs.length;
  const amount = new Float64Array(n);
  const status = new Uint8Array(n);
  const created = new Float64Array(n);
  const closed = new Float64Array(n);
  const enc = new DimEncoders(dims, n);
  let first: string | undefined;
  let mixed = false;
  for (let i = 0; i < n; i++) {
    const r = rs[i]!;
    amount[i] = amountOf(r.amount);
    status[i] = dealStatusCode(r.status);
    created[i] = time(r.createdDate);
    closed[i] = time(r.closeDate);
    enc.add(r, i);
    const c = r.currency;
    if (typeof c === 'string' && c !== '') {
      if (first === undefined) first = c;
      else if (c !== first) mixed = true;
    }
  }
  // currencies are compared exactly in the hot loop; only a difference is looked at closely
  const currencyIssue = mixed ? currencyCheck(rs, null) : null;
  return { kind: 'deal-columns', length: n, amount, status, created, closed, dims: enc.done(), currencyIssue };
}

// ── The fused aggregate pass over columns ────────────────────────────────────────────────────────

/** A dimension ready for the pass: the group code of every row, and the keys of the codes. */
interface Coded {
  readonly codes: Int32Array;
  readonly keys: readonly string[];
}

/**
 * Codes of the rows' `month`, `quarter` or `year` of `times` (NaN: the (none) group), for the rows
 * the pass may count (`status` not 0). One Map lookup per row, by whole day.
 */
function bucketCodes(times: Float64Array, status: Uint8Array | null, by: 'month' | 'quarter' | 'year'): Coded {
  const n = times.length;
  const codes = new Int32Array(n);
  const byDay = new Map<number, number>();
  const byBucket = new Map<number, number>();
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    if (status !== null && status[i] === 0) continue;
    const t = times[i]!;
    const day = t === t ? dayOf(t) : -Infinity;
    let c = byDay.get(day);
    if (c === undefined) {
      // no date: the (none) group, as the record path does
      const bucket = day === -Infinity ? -Infinity : bucketOfDay(day, by);
      c = byBucket.get(bucket);
      if (c === undefined) {
        c = keys.length;
        byBucket.set(bucket, c);
        keys.push(day === -Infinity ? NONE_KEY : bucketKey(t, by));
      }
      byDay.set(day, c);
    }
    codes[i] = c;
  }
  return { codes, keys };
}

function bucketOfDay(day: number, by: 'month' | 'quarter' | 'year'): number {
  const { y, m } = civilFromDays(day);
  return by === 'year' ? y * 12 : by === 'quarter' ? y * 12 + Math.floor(m / 3) : y * 12 + m;
}

/** A dimension over columns: an encoded dimension or a close-date bucket; else why not. */
function coded(cols: SaleColumns | DealColumns, by: unknown, times: Float64Array, status: Uint8Array | null): Coded | string {
  if (typeof by === 'function') return 'a group-by function needs records, not columns';
  const dim = typeof by === 'string' && Object.hasOwn(cols.dims, by) ? cols.dims[by] : undefined;
  if (dim) return dim;
  if (by === 'month' || by === 'quarter' || by === 'year') return bucketCodes(times, status, by);
  return `the columns do not encode the dimension ${String(by)}`;
}

// Slots of one cell's sums (a stride of a Float64Array).
const WON = 0, LOST = 1, SALES = 2, MISSING = 3, REV = 4, CYC_N = 5, CYC = 6, STRIDE = 8;

/**
 * The pass: one loop over the rows adding every count and sum to the total (locals) and to each
 * dimension's cell (one Float64Array of all cells), the cycles collected with their cells' codes
 * when `collect`; then the cycles partitioned per cell (a counting sort: each cell's values end up
 * in one subarray).
 */
function pass(cols: SaleColumns | DealColumns, from: number, to: number, dims: readonly Coded[], names: readonly string[], collect: boolean): Pick<DealAggregate, 'total' | 'by'> {
  const deal = cols.kind === 'deal-columns';
  const status = deal ? cols.status : null;
  const times = deal ? cols.closed : cols.time;
  const created = deal ? cols.created : null;
  const { amount, length: n } = cols;
  const filtered = from !== -Infinity || to !== Infinity;
  const D = dims.length;
  const codes = dims.map((d) => d.codes);
  const base = new Int32Array(D + 1);
  for (let d = 0; d < D; d++) base[d + 1] = base[d]! + dims[d]!.keys.length;
  const acc = new Float64Array(Math.max(base[D]!, 1) * STRIDE);
  const cycles = created !== null && collect;
  const days = new Float64Array(cycles ? n : 0);
  const cellOf = codes.map(() => new Int32Array(cycles ? n : 0));
  let won = 0, lost = 0, sales = 0, missing = 0, rev = 0, cycN = 0, cyc = 0;
  for (let i = 0; i < n; i++) {
    const s = status === null ? 1 : status[i]!;
    if (s === 0) continue;
    const tc = times[i]!;
    if (filtered && !(tc >= from && tc < to)) continue;
    if (s !== 1) {
      lost++;
      for (let d = 0; d < D; d++) acc[(base[d]! + codes[d]![i]!) * STRIDE + LOST]++;
      continue;
    }
    won++;
    const a = amount[i]!;
    const hasAmount = a === a;
    if (hasAmount) {
      rev += a;
      sales++;
    } else missing++;
    const x = created === null ? Number.NaN : (tc - created[i]!) / DAY_MS;
    const cycle = x >= 0;
    if (cycle) {
      cyc += x;
      if (cycles) days[cycN] = x;
    }
    for (let d = 0; d < D; d++) {
      const c = base[d]! + codes[d]![i]!;
      const o = c * STRIDE;
      acc[o + WON]++;
      if (hasAmount) {
        acc[o + REV] += a;
        acc[o + SALES]++;
      } else acc[o + MISSING]++;
      if (cycle) {
        acc[o + CYC] += x;
        acc[o + CYC_N]++;
        if (cycles) cellOf[d]![cycN] = c;
      }
    }
    if (cycle) cycN++;
  }
  const cell = (o: number, cycleDays: Float64Array | undefined): DealCell => ({
    won: acc[o + WON]!, lost: acc[o + LOST]!, sales: acc[o + SALES]!, missing: acc[o + MISSING]!, revenue: acc[o + REV]!,
    cycleN: acc[o + CYC_N]!, cycleSum: acc[o + CYC]!, ...(cycleDays ? { cycleDays } : {}),
  });
  const by = Object.create(null) as Record<string, DealGroups>;
  for (let d = 0; d < D; d++) {
    const lo = base[d]!, hi = base[d + 1]!;
    // each cell's cycles: a counting sort of this dimension's cycles by cell
    const start = new Int32Array(hi - lo + 1);
    let part: Float64Array | null = null;
    if (cycles) {
      for (let c = lo; c < hi; c++) start[c - lo + 1] = start[c - lo]! + acc[c * STRIDE + CYC_N]!;
      part = new Float64Array(cycN);
      const at = start.slice();
      const of = cellOf[d]!;
      for (let j = 0; j < cycN; j++) part[at[of[j]! - lo]!++] = days[j]!;
    }
    const cells: DealCell[] = [];
    for (let c = lo; c < hi; c++) cells.push(cell(c * STRIDE, part === null ? undefined : part.subarray(start[c - lo]!, start[c - lo + 1]!)));
    by[names[d]!] = { keys: dims[d]!.keys, cells };
  }
  const total: DealCell = { won, lost, sales, missing, revenue: rev, cycleN: cycN, cycleSum: cyc, ...(cycles ? { cycleDays: days.subarray(0, cycN) } : {}) };
  return { total, by };
}

function dimNames(groupBy: unknown): unknown[] {
  if (groupBy === undefined) return [];
  return Array.isArray(groupBy) ? [...new Set(groupBy as unknown[])] : [groupBy];
}

/** The aggregate of columns for `options`; `collect` false leaves the cycles out (no median). */
function aggregate(cols: SaleColumns | DealColumns, options: { readonly period?: Period; readonly groupBy?: unknown } | undefined, collect: boolean): DealAggregate {
  const names = dimNames(options?.groupBy);
  const labels = names.map(String);
  const p = resolvePeriod(options?.period);
  if (p === null) return invalidDeals(notAvailable('invalid-input', INVALID_PERIOD), labels, cols.currencyIssue);
  const status = cols.kind === 'deal-columns' ? cols.status : null;
  const times = cols.kind === 'deal-columns' ? cols.closed : cols.time;
  const dims: Coded[] = [];
  for (const name of names) {
    const c = coded(cols, name, times, status);
    if (typeof c === 'string') return invalidDeals(notAvailable('invalid-input', c), labels, cols.currencyIssue);
    dims.push(c);
  }
  return { kind: 'deals', ...pass(cols, p.from, p.to, dims, labels, collect), invalid: null, currencyIssue: cols.currencyIssue };
}

/**
 * The aggregate step over deal columns: one fused pass over the rows that adds up every count and
 * sum the deal KPIs need, total and per group of each dimension of `groupBy` (dimensions encoded
 * in the columns, or `month`, `quarter`, `year` of the close date), and collects the sales cycles
 * per cell. `finishDeals` (deal-aggregate.ts) turns it into the values; together they equal
 * `dealSummary` on the same deals, and each metric function on these columns.
 */
export function aggregateDeals(cols: DealColumns, options: DealSummaryOptions = {}): DealAggregate {
  return aggregate(cols, options, true);
}

/** One metric over columns: the aggregate step (what it needs), then its finishing. */
function columnsMetric(cols: SaleColumns | DealColumns, options: MetricOptions | undefined, field: DealField): MetricValue | Grouped {
  const agg = aggregate(cols, options, field === 'salesCycleMedian');
  const dim = options?.groupBy === undefined ? undefined : String(options.groupBy);
  return finishMetric(agg, field, dim);
}

// The metrics reach the columnar engine through metric.ts's `overColumns` (see there).
installColumns((cols, options, field) => columnsMetric(cols as SaleColumns | DealColumns, options, field));
