/**
 * Columnar fast path for large inputs: typed arrays built in one pass, then each hot metric is one
 * more pass with no allocation per row. `revenue` and `avg-transaction` (sale or deal columns),
 * `win-rate` and `sales-cycle` (deal columns) accept these columns in place of records and give the same results (same period semantics,
 * same not-available reasons). Group-by works on the dimensions encoded at build time and on the
 * time buckets `month`, `quarter` and `year`; a group-by function needs records.
 *
 * Building accepts validated records or plain rows as JSON gives them (dates as strings).
 */
import { dealStatusCode } from '../core/deal-status.ts';
import { isoDayTime } from '../core/schema/dates.ts';
import { DAY_MS, bucketKey, civilFromDays, dayOf } from '../core/calendar.ts';
import { available, notAvailable, ratio, type MetricValue } from '../core/result.ts';
import { INVALID_PERIOD, failWith, NONE_KEY, resolvePeriod, timeOf, type Grouped, type GroupValue, type MetricOptions } from './metric.ts';
import { medianInPlace } from '../core/stats.ts';

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
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'sale-columns';
}
export function isDealColumns(x: unknown): x is DealColumns {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'deal-columns';
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

interface Grouping {
  /** Group code of row i, or -1 when it cannot be grouped. */
  code(i: number): number;
  readonly keys: string[];
  /** The codes themselves when the grouping is an encoded dimension (read directly in hot loops). */
  readonly direct: Int32Array | null;
}

/** A grouping over columns: an encoded dimension or a time bucket of `times`. */
function grouping(cols: ColumnsBase, by: MetricOptions['groupBy'], times: Float64Array): Grouping | string {
  if (typeof by === 'function') return 'a group-by function needs records, not columns';
  const dim = cols.dims[by as string];
  if (dim) {
    const codes = dim.codes;
    return { code: (i) => codes[i]!, keys: dim.keys.slice(), direct: codes };
  }
  if (by === 'month' || by === 'quarter' || by === 'year') {
    const index = new Map<number, number>();
    const keys: string[] = [];
    return {
      keys,
      direct: null,
      code(i) {
        const t = times[i]!;
        if (t !== t) {
          // no date: the (none) group, as the record path does
          let c = index.get(-Infinity);
          if (c === undefined) {
            c = keys.length;
            index.set(-Infinity, c);
            keys.push(NONE_KEY);
          }
          return c;
        }
        const { y, m } = civilFromDays(dayOf(t));
        const bucket = by === 'year' ? y * 12 : by === 'quarter' ? y * 12 + Math.floor(m / 3) : y * 12 + m;
        let c = index.get(bucket);
        if (c === undefined) {
          c = keys.length;
          index.set(bucket, c);
          keys.push(bucketKey(t, by));
        }
        return c;
      },
    };
  }
  return `the columns do not encode the dimension ${String(by)}`;
}

function sortGroups(keys: readonly string[], value: (code: number) => MetricValue | null): GroupValue[] {
  const groups: GroupValue[] = [];
  for (let c = 0; c < keys.length; c++) {
    const v = value(c);
    if (v !== null) groups.push({ key: keys[c]!, value: v });
  }
  return groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function windowOf(options: MetricOptions | undefined) {
  const p = resolvePeriod(options?.period);
  if (p === null) return null;
  return { from: p.from, to: p.to, all: p.from === -Infinity && p.to === Infinity };
}

/** revenue (`sum`) or avg-transaction (`mean`) over sale columns. */
export function revenueColumns(cols: SaleColumns | DealColumns, options: MetricOptions | undefined, stat: 'sum' | 'mean'): MetricValue | Grouped {
  if (cols.currencyIssue) return failWith(cols.currencyIssue, options);
  const w = windowOf(options);
  if (w === null) return failWith(notAvailable('invalid-input', INVALID_PERIOD), options);
  const { amount, length } = cols;
  // Deal columns are sales where won, on their close date: other rows get a NaN time and are
  // skipped by the `won` test below.
  const won = cols.kind === 'deal-columns' ? cols.status : null;
  const t = cols.kind === 'deal-columns' ? cols.closed : cols.time;
  const value = (sum: number, n: number, missing: number): MetricValue => {
    if (missing > 0) return notAvailable('missing-input', `${missing} sale(s) have no amount`, { rows: n + missing });
    if (stat === 'sum') return n === 0 ? notAvailable('no-data', 'no sales in the period', { rows: 0 }) : available(sum, { rows: n });
    return ratio(sum, n, 'no sales in the period', n);
  };
  const by = options?.groupBy;
  if (by === undefined) {
    let sum = 0, n = 0, missing = 0;
    for (let i = 0; i < length; i++) {
      if (won !== null && won[i] !== 1) continue;
      if (!w.all) {
        const ti = t[i]!;
        if (!(ti >= w.from && ti < w.to)) continue;
      }
      const a = amount[i]!;
      if (a === a) {
        sum += a;
        n++;
      } else missing++;
    }
    return value(sum, n, missing);
  }
  const g = grouping(cols, by, t);
  if (typeof g === 'string') return failWith(notAvailable('invalid-input', g), options);
  const direct = g.direct;
  let sums = new Float64Array(Math.max(g.keys.length, 16));
  let counts = new Float64Array(sums.length);
  let missings = new Float64Array(sums.length);
  let sum = 0, n = 0, missing = 0;
  for (let i = 0; i < length; i++) {
    if (won !== null && won[i] !== 1) continue;
    if (!w.all) {
      const ti = t[i]!;
      if (!(ti >= w.from && ti < w.to)) continue;
    }
    const c = direct !== null ? direct[i]! : g.code(i);
    if (c < 0) continue;
    if (c >= sums.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      sums = grow(sums);
      counts = grow(counts);
      missings = grow(missings);
    }
    const a = amount[i]!;
    if (a === a) {
      sums[c] += a;
      counts[c]++;
      sum += a;
      n++;
    } else {
      missings[c]++;
      missing++;
    }
  }
  return {
    total: value(sum, n, missing),
    groups: sortGroups(g.keys, (c) => (counts[c]! + missings[c]! === 0 ? null : value(sums[c]!, counts[c]!, missings[c]!))),
  };
}

/** win-rate over deal columns: won ÷ (won + lost), deals closed in the period. */
export function winRateColumns(cols: DealColumns, options: MetricOptions | undefined): MetricValue | Grouped {
  const w = windowOf(options);
  if (w === null) return failWith(notAvailable('invalid-input', INVALID_PERIOD), options);
  const { status, closed, length } = cols;
  const value = (won: number, closedN: number) => ratio(won, closedN, 'no deals closed (won or lost) in the period', closedN);
  const by = options?.groupBy;
  const g = by === undefined ? null : grouping(cols, by, closed);
  if (typeof g === 'string') return failWith(notAvailable('invalid-input', g), options);
  const size = g ? Math.max(g.keys.length, 1) : 1;
  const direct = g ? g.direct : null;
  let won = new Float64Array(size);
  let done = new Float64Array(size);
  let tw = 0, td = 0;
  for (let i = 0; i < length; i++) {
    const s = status[i]!;
    if (s === 0) continue;
    if (!w.all) {
      const ti = closed[i]!;
      if (!(ti >= w.from && ti < w.to)) continue;
    }
    td++;
    if (s === 1) tw++;
    if (g) {
      const c = direct !== null ? direct[i]! : g.code(i);
      if (c < 0) continue;
      if (c >= done.length) {
        const nw = new Float64Array(c * 2 + 2);
        nw.set(won);
        won = nw;
        const nd = new Float64Array(c * 2 + 2);
        nd.set(done);
        done = nd;
      }
      done[c]++;
      if (s === 1) won[c]++;
    }
  }
  const total = value(tw, td);
  if (!g) return total;
  return { total, groups: sortGroups(g.keys, (c) => (done[c]! === 0 ? null : value(won[c]!, done[c]!))) };
}

/** sales-cycle over deal columns: days from creation to close of deals won in the period. */
export function salesCycleColumns(cols: DealColumns, options: MetricOptions | undefined, stat: 'mean' | 'median'): MetricValue | Grouped {
  const w = windowOf(options);
  if (w === null) return failWith(notAvailable('invalid-input', INVALID_PERIOD), options);
  const { status, closed, created, length } = cols;
  const by = options?.groupBy;
  const g = by === undefined ? null : grouping(cols, by, closed);
  if (typeof g === 'string') return failWith(notAvailable('invalid-input', g), options);
  const value = (xs: Float64Array): MetricValue => {
    if (xs.length === 0) return notAvailable('no-data', 'no deals won in the period with a creation and close date', { rows: 0 });
    if (stat === 'median') return available(medianInPlace(xs), { rows: xs.length });
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += xs[i]!;
    return available(s / xs.length, { numerator: s, denominator: xs.length, rows: xs.length });
  };
  if (g === null && stat === 'mean') {
    // The mean needs no buffer: one pass, no allocation.
    let s = 0, n = 0;
    for (let i = 0; i < length; i++) {
      if (status[i] !== 1) continue;
      const tc = closed[i]!;
      if (!w.all && !(tc >= w.from && tc < w.to)) continue;
      const d = (tc - created[i]!) / DAY_MS;
      if (!(d >= 0)) continue;
      s += d;
      n++;
    }
    return n === 0 ? value(new Float64Array(0)) : available(s / n, { numerator: s, denominator: n, rows: n });
  }
  // One pass to collect the durations (and their group codes) of the deals in scope.
  const days = new Float64Array(length);
  const codes = g ? new Int32Array(length) : null;
  let n = 0;
  for (let i = 0; i < length; i++) {
    if (status[i] !== 1) continue;
    const tc = closed[i]!;
    if (!w.all && !(tc >= w.from && tc < w.to)) continue;
    const d = (tc - created[i]!) / DAY_MS;
    if (!(d >= 0)) continue;
    if (codes) {
      const c = g!.direct !== null ? g!.direct[i]! : g!.code(i);
      if (c < 0) continue;
      codes[n] = c;
    }
    days[n++] = d;
  }
  if (!g || !codes) return value(days.subarray(0, n));
  const counts = new Int32Array(g.keys.length);
  for (let i = 0; i < n; i++) counts[codes[i]!]++;
  const buckets = Array.from(counts, (c) => new Float64Array(c));
  const fill = new Int32Array(g.keys.length);
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    buckets[c]![fill[c]!++] = days[i]!;
  }
  // the buckets are filled: the total may now reorder `days`
  const total = value(days.subarray(0, n));
  return { total, groups: sortGroups(g.keys, (c) => (counts[c] === 0 ? null : value(buckets[c]!))) };
}
