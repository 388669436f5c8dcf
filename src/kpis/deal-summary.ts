/**
 * `dealSummary`: the main deal metrics — revenue, average transaction, win rate, sales cycle mean
 * and median — in one pass over the deals, total and broken down by any number of dimensions at
 * once. For a dashboard over a large export it replaces building columns and then running each
 * metric: every row is read once, each date string is parsed only where a metric needs it (the
 * close date of a deal closed in a period, or of a won deal; the creation date of a won deal), and
 * every group key is interned once per row for all the metrics.
 *
 * Each result is the very value the metric function returns on the same deals, period and group-by
 * (same numerator, denominator, rows and not-available reasons):
 *
 * | field              | equals                                                   |
 * |--------------------|----------------------------------------------------------|
 * | `revenue`          | `revenue(deals, { period })`                             |
 * | `avgTransaction`   | `avgTransaction(deals, { period })`                      |
 * | `winRate`          | `winRate(deals, { period })`                             |
 * | `salesCycle`       | `salesCycle(deals, { period })` (the mean)               |
 * | `salesCycleMedian` | `salesCycle(deals, { period, stat: 'median' })`          |
 * | `by[dim].revenue`… | the same call with `groupBy: dim` (a `{ total, groups }`) |
 *
 * Deals may be validated records or plain rows as JSON gives them (dates as text, `YYYY-MM-DD` on a
 * fast path; status read as the schema reads it, `Closed Won` is won). Dimensions are field names
 * (`channel` ≡ `source`, `owner` ≡ `rep`, `customer` ≡ `account`, any other own field) or the
 * close-date buckets `day`, `week`, `month`, `quarter` and `year`; `cohort` and group-by functions
 * need the metric functions themselves (asking for them here gives `invalid-input`). Mixed
 * currencies make revenue and avgTransaction `mixed-currency`, as those functions do; an invalid
 * period makes every value `invalid-input`.
 *
 * ```ts
 * const s = dealSummary(JSON.parse(text), { period: { from: '2024-01-01', to: '2024-04-01' }, groupBy: ['channel', 'owner'] });
 * s.revenue;                 // { ok: true, value: 3000, rows: 2 }
 * s.by.owner.winRate.groups; // [{ key: 'ann', value: { ok: true, value: 0.5, numerator: 1, denominator: 2, rows: 2 } }, …]
 * ```
 *
 * Two steps: `aggregateDealRows` (the pass, giving the "deals" aggregate of deal-aggregate.ts)
 * and `finishDeals` (the values); `aggregateDeals` in columns.ts gives the same aggregate from columns.
 *
 * Over 1,000,000 JSON rows in Chromium (bench/metrics.mjs) it takes 0.14–0.17 × the JSON.parse of
 * those rows (with two dimensions), about 1.2–1.3 × a bare pass that only reads the fields these
 * metrics need, interns the two keys and parses the two dates.
 */
import { dealStatusCode } from '../core/deal-status.ts';
import { isoDayTime } from '../core/schema/dates.ts';
import { DAY_MS, TIME_BUCKETS, bucketKey, isoDate, type TimeBucket } from '../core/calendar.ts';
import { notAvailable } from '../core/result.ts';
import { INVALID_PERIOD, NONE_KEY, resolvePeriod, timeOf } from './metric.ts';
import { currencyConflict } from '../core/money.ts';
import { finishDeals, invalidDeals, type DealAggregate, type DealCell, type DealGroups, type DealSummary, type DealSummaryOptions } from './deal-aggregate.ts';

export type { DealMetrics, DealSummary, DealSummaryOptions } from './deal-aggregate.ts';

type Row = Readonly<Record<string, unknown>>;

const ALIAS: Readonly<Record<string, string>> = { channel: 'source', source: 'channel', owner: 'rep', rep: 'owner', customer: 'account', account: 'customer' };

/** A finite amount (numbers, or numeric text as the schema's Money accepts), else NaN. */
function amountOf(a: unknown): number {
  if (typeof a === 'number') return Number.isFinite(a) ? a : Number.NaN;
  if (typeof a === 'string' && a.trim() !== '') {
    const x = Number(a);
    return Number.isFinite(x) ? x : Number.NaN;
  }
  return Number.NaN;
}

/** The text of a group key, as the record path writes it. */
function keyText(v: unknown): string {
  if (typeof v === 'string') return v === '' ? NONE_KEY : v;
  if (v === undefined || v === null) return NONE_KEY;
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? isoDate(v.getTime()) : NONE_KEY;
  return String(v);
}

// Accumulator slots of one group (a stride of a Float64Array).
const REV = 0, SALES = 1, MISSING = 2, CLOSED = 3, WON = 4, CYC = 5, CYC_N = 6, STRIDE = 8;

/**
 * One dimension under accumulation: its keys interned to codes, and per-code sums. A row's key is
 * read with one property load and interned with one Map lookup; anything else (an absent field, a
 * non-text value, a field named like an Object.prototype member, a time bucket) takes `slowCode`,
 * which reads the row as the record path does.
 *
 * A plain record made by `dimOf`, handled by module functions, not a class: the pass's optimised
 * code then depends only on shapes the engine keeps alive (arrays, Maps, typed arrays, this one
 * literal's), so a garbage collection between two calls does not throw that code away.
 */
interface Dim {
  readonly name: string;
  /** The field read on the fast path, or '' when every row takes the slow one. */
  readonly field: string;
  /** How the pass reads it: 0 not at all (slow path), 1… a named load of FIELDS[id - 1], -1 a keyed load. */
  readonly fieldId: number;
  readonly alias: string | undefined;
  readonly bucket: TimeBucket | null;
  /** Key → code; codes are given in insertion order. */
  readonly index: Map<string, number>;
  acc: Float64Array;
  /** Group code of each collected cycle (parallel to the pass's `days`). */
  cycleCodes: Int32Array;
  /** Close time → code, for time buckets. */
  readonly bucketOf: Map<number, number>;
}

/** Dimensions the pass reads with a named load (see `scanChunk`'s switch: same order). */
const FIELDS: readonly string[] = ['channel', 'owner', 'team', 'region', 'product', 'account'];

function dimOf(name: string): Dim {
  const bucket = TIME_BUCKETS.has(name) ? (name as TimeBucket) : null;
  const field = bucket === null && !(name in Object.prototype) ? name : '';
  return {
    name,
    field,
    fieldId: field === '' ? 0 : FIELDS.indexOf(field) + 1 || -1,
    alias: ALIAS[name],
    bucket,
    index: new Map(),
    acc: new Float64Array(16 * STRIDE),
    cycleCodes: new Int32Array(0),
    bucketOf: new Map(),
  };
}

/** The code of key k in a dimension, a new one the first time. */
function intern(dim: Dim, k: string): number {
  const c = dim.index.get(k);
  return c !== undefined ? c : addKey(dim, k);
}

function addKey(dim: Dim, k: string): number {
  // codes in insertion order: the keys are listed from the Map after the pass
  const c = dim.index.size;
  dim.index.set(k, c);
  if ((c + 1) * STRIDE > dim.acc.length) {
    const a = new Float64Array(dim.acc.length * 2);
    a.set(dim.acc);
    dim.acc = a;
  }
  return c;
}

/** The group of a row the fast path did not settle; `closeTime` is its close date (ms or NaN). */
function slowCode(dim: Dim, r: Row, closeTime: number): number {
  const own = (k: string) => (Object.hasOwn(r, k) ? r[k] : undefined);
  if (dim.bucket === null) {
    // the row's own field, else its alias's (`source` for `channel`, …)
    const v = Object.hasOwn(r, dim.name) || dim.alias === undefined ? own(dim.name) : own(dim.alias);
    return intern(dim, keyText(v));
  }
  // a time bucket: the row's own field of that name first, as the record path does
  if (Object.hasOwn(r, dim.name)) return intern(dim, keyText(r[dim.name]));
  const t = closeTime === closeTime ? closeTime : -Infinity;
  let c = dim.bucketOf.get(t);
  if (c === undefined) {
    c = intern(dim, t === -Infinity ? NONE_KEY : bucketKey(t, dim.bucket));
    dim.bucketOf.set(t, c);
  }
  return c;
}

function dimsOf(groupBy: DealSummaryOptions['groupBy']): string[] {
  return groupBy === undefined ? [] : typeof groupBy === 'string' ? [groupBy] : [...new Set(groupBy)];
}

// Slots of the pass's running state (a Float64Array, for the same reason Dim is a plain record).
const S_REV = 0, S_SALES = 1, S_MISSING = 2, S_CLOSED = 3, S_WON = 4, S_CYC = 5, S_CYC_N = 6;
/** 1 once two rows state different currencies (compared exactly: the record path's check decides). */
const S_MIXED = 9;
const S_SIZE = 10;

/** A date that is not `YYYY-MM-DD` text: the general parser. */
function slowTime(v: unknown): number {
  const t = timeOf(v);
  return t === null ? Number.NaN : t;
}

/** Rows per call of scanChunk. */
const CHUNK = 4096;

/**
 * The pass over rows [start, end), adding to `st` and the dimensions' sums. Per row one status
 * compare; only for deals closed in the period the group lookups (one loop over the dimensions adds
 * everything the row contributes to its groups); only for won deals the amount and
 * the dates. The pass is cut into chunks so that the engine optimises this small function as a
 * whole, with feedback for every line, and keeps that code from one call to the next (a single
 * long loop is optimised on the stack mid-loop instead, and thrown away where it ends).
 * Sums carry over between chunks unchanged, so they add in input order exactly as the metric
 * functions do.
 */
function scanChunk(rows: readonly Row[], start: number, end: number, dims: readonly Dim[], from: number, to: number, closeAlways: boolean, st: Float64Array, days: Float64Array, currency: { first: unknown }): void {
  const filtered = from !== -Infinity || to !== Infinity;
  const D = dims.length;
  let rev = st[S_REV]!, sales = st[S_SALES]!, missing = st[S_MISSING]!, closed = st[S_CLOSED]!, won = st[S_WON]!;
  let cyc = st[S_CYC]!, cycN = st[S_CYC_N]!, mixed = st[S_MIXED] === 1;
  let first = currency.first;
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    const cur = r.currency;
    if (cur !== undefined) {
      if (first === undefined) first = cur;
      else if (cur !== first) mixed = true;
    }
    const stt = r.status;
    const s = stt === 'won' ? 1 : stt === 'lost' ? 2 : stt === 'open' ? 0 : dealStatusCode(stt);
    if (s === 0) continue;
    let tc = Number.NaN;
    if (closeAlways || s === 1) {
      const v = r.closeDate;
      tc = typeof v === 'string' ? isoDayTime(v) : Number.NaN;
      if (tc !== tc) tc = slowTime(v);
      if (filtered && !(tc >= from && tc < to)) continue;
    }
    // closed in the period: it counts for the win rate; won, it is a sale, and a sales cycle when
    // both dates are there and in order
    closed++;
    const isWon = s === 1;
    let a = Number.NaN, x = Number.NaN;
    if (isWon) {
      won++;
      const am = r.amount;
      a = typeof am === 'number' && am - am === 0 ? am : amountOf(am);
      if (a === a) {
        rev += a;
        sales++;
      } else missing++;
      const v = r.createdDate;
      let tr = typeof v === 'string' ? isoDayTime(v) : Number.NaN;
      if (tr !== tr) tr = slowTime(v);
      x = (tc - tr) / DAY_MS;
    }
    const cycle = x >= 0;
    if (cycle) {
      days[cycN] = x;
      cyc += x;
    }
    for (let d = 0; d < D; d++) {
      const dim = dims[d]!;
      // the usual dimensions by a named load each (fast, shape-specific); others by a keyed one
      let v: unknown;
      switch (dim.fieldId) {
        case 0: v = undefined; break;
        case 1: v = r.channel; break;
        case 2: v = r.owner; break;
        case 3: v = r.team; break;
        case 4: v = r.region; break;
        case 5: v = r.product; break;
        case 6: v = r.account; break;
        default: v = r[dim.field];
      }
      let c: number | undefined;
      if (typeof v === 'string' && v !== '') {
        c = dim.index.get(v);
        if (c === undefined) c = addKey(dim, v);
      } else c = slowCode(dim, r, tc);
      const acc = dim.acc;
      const o = c * STRIDE;
      acc[o + CLOSED]++;
      if (isWon) {
        acc[o + WON]++;
        if (a === a) {
          acc[o + REV] += a;
          acc[o + SALES]++;
        } else acc[o + MISSING]++;
        if (cycle) {
          acc[o + CYC] += x;
          acc[o + CYC_N]++;
          dim.cycleCodes[cycN] = c;
        }
      }
    }
    if (cycle) cycN++;
  }
  st[S_REV] = rev;
  st[S_SALES] = sales;
  st[S_MISSING] = missing;
  st[S_CLOSED] = closed;
  st[S_WON] = won;
  st[S_CYC] = cyc;
  st[S_CYC_N] = cycN;
  st[S_MIXED] = mixed ? 1 : 0;
  currency.first = first;
}

/** The whole pass: every cycle buffer sized for all rows up front (no growth check in the loop). */
function scan(rows: readonly Row[], dims: readonly Dim[], from: number, to: number, closeAlways: boolean) {
  const st = new Float64Array(S_SIZE);
  const days = new Float64Array(rows.length);
  for (const dim of dims) dim.cycleCodes = new Int32Array(rows.length);
  const currency = { first: undefined as unknown };
  // a short first chunk runs the whole function once (its end too) before the engine optimises it
  for (let i = 0, end = Math.min(64, rows.length); i < rows.length; i = end, end = Math.min(end + CHUNK, rows.length)) {
    scanChunk(rows, i, end, dims, from, to, closeAlways, st, days, currency);
  }
  return {
    rev: st[S_REV]!, sales: st[S_SALES]!, missing: st[S_MISSING]!, closed: st[S_CLOSED]!, won: st[S_WON]!, cyc: st[S_CYC]!, cycN: st[S_CYC_N]!,
    days, mixed: st[S_MIXED] === 1,
  };
}

/** A dimension's cells from its sums, each with its cycles (a counting sort of the pass's `days` by cell). */
function groupsOf(dim: Dim, days: Float64Array, cycN: number): DealGroups {
  const keys = [...dim.index.keys()];
  const acc = dim.acc;
  const start = new Int32Array(keys.length + 1);
  for (let c = 0; c < keys.length; c++) start[c + 1] = start[c]! + acc[c * STRIDE + CYC_N]!;
  const part = new Float64Array(cycN);
  const at = start.slice();
  const codes = dim.cycleCodes;
  for (let j = 0; j < cycN; j++) part[at[codes[j]!]!++] = days[j]!;
  const cells: DealCell[] = keys.map((_, c) => {
    const o = c * STRIDE;
    return {
      won: acc[o + WON]!, lost: acc[o + CLOSED]! - acc[o + WON]!, sales: acc[o + SALES]!, missing: acc[o + MISSING]!, revenue: acc[o + REV]!,
      cycleN: acc[o + CYC_N]!, cycleSum: acc[o + CYC]!, cycleDays: part.subarray(start[c]!, start[c + 1]!),
    };
  });
  return { keys, cells };
}

/**
 * The aggregate step over rows: `dealSummary`'s one pass, as the "deals" aggregate (see
 * deal-aggregate.ts) that `finishDeals` turns into the values.
 */
export function aggregateDealRows(deals: readonly object[], options: DealSummaryOptions = {}): DealAggregate {
  const names = dimsOf(options.groupBy);
  for (const name of names) {
    if (typeof name !== 'string') return invalidDeals(notAvailable('invalid-input', 'a group-by function needs the metric functions, not dealSummary'), names.map(String));
    if (name === 'cohort') return invalidDeals(notAvailable('invalid-input', 'the cohort dimension needs the metric functions, not dealSummary'), names);
  }
  const period = resolvePeriod(options.period);
  if (period === null) return invalidDeals(notAvailable('invalid-input', INVALID_PERIOD), names, currencyConflict([{ name: 'sales', rows: deals }]));
  const dims = names.map(dimOf);
  // the close date of every closed deal is needed to filter by period or bucket by it
  const closeAlways = period.from !== -Infinity || period.to !== Infinity || dims.some((d) => d.bucket !== null);
  const rows = deals as readonly Row[];
  const { rev, sales, missing, closed, won, cyc, cycN, days, mixed } = scan(rows, dims, period.from, period.to, closeAlways);
  const by = Object.create(null) as Record<string, DealGroups>;
  for (const dim of dims) by[dim.name] = groupsOf(dim, days, cycN);
  const total: DealCell = { won, lost: closed - won, sales, missing, revenue: rev, cycleN: cycN, cycleSum: cyc, cycleDays: days.subarray(0, cycN) };
  return { kind: 'deals', total, by, invalid: null, currencyIssue: mixed ? currencyConflict([{ name: 'sales', rows }]) : null };
}

/**
 * Revenue, average transaction, win rate and sales cycle (mean and median) of the deals, in one
 * pass, in the period (by close date) and broken down by each dimension of `groupBy`.
 */
export function dealSummary(deals: readonly object[], options: DealSummaryOptions = {}): DealSummary {
  return finishDeals(aggregateDealRows(deals, options));
}
