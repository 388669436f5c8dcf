/**
 * Transactions → per-customer RFM summary, the input of the BG/NBD and Gamma-Gamma
 * models (the "frequency / recency / T / monetary value" table of Fader, Hardie & Lee).
 *
 * Definitions (as in the papers and `lifetimes`' summary_data_from_transaction_data):
 * - purchases by one customer on one calendar day are one transaction (amounts summed);
 * - only days up to the calibration end (inclusive) count;
 * - frequency = distinct purchase days − 1 (repeat purchases);
 * - recency = last − first purchase day; T = calibration end − first purchase day,
 *   both in the chosen unit (days; weeks = 7 days; months = 365.25 / 12 days);
 * - monetary = mean amount of the repeat purchase days, excluding the first; 0 when
 *   there is no repeat purchase.
 *
 * Days are calendar days: a `YYYY-MM-DD` (or `YYYYMMDD`) string is that date; a Date or a
 * timestamp string is bucketed by its UTC date. Customers are listed in order of first
 * appearance. Rows that cannot be used are counted by reason, never silently dropped.
 *
 * Built for 1,000,000 rows: one pass into typed arrays, a counting sort by customer,
 * and a typed-array sort of each customer's days. No spread into Math.max.
 */
import { notAvailable, type NotAvailable } from '../core/result.ts';
import { runToCompletion } from './optimize.ts';
import { DAY_MS, MONTH_DAYS, daysFromCivil, daysInMonth, isoDay } from '../core/calendar.ts';

export type TimeUnit = 'days' | 'weeks' | 'months';

export interface Transaction {
  readonly customerId: string | number;
  readonly date: Date | string;
  readonly amount: number;
}

export interface RfmRow {
  readonly id: string;
  /** Repeat purchase days in the calibration period. */
  readonly frequency: number;
  /** Last − first purchase, in the unit. */
  readonly recency: number;
  /** Calibration end − first purchase, in the unit. */
  readonly T: number;
  /** Mean amount of repeat purchase days (0 when frequency is 0). */
  readonly monetary: number;
  /** Purchase days in the hold-out period (calibration end, holdout end]; only with `holdoutEnd`. */
  readonly holdoutFrequency?: number;
  /** Amount spent in the hold-out period; only with `holdoutEnd`. */
  readonly holdoutAmount?: number;
}

export interface RfmSummaryOptions {
  /** Time unit of recency and T (default 'weeks'). */
  readonly unit?: TimeUnit;
  /** Last day of the calibration period, inclusive (default: the last purchase day in the data). */
  readonly calibrationEnd?: Date | string;
  /** Last day of an optional hold-out period, inclusive, after the calibration end. */
  readonly holdoutEnd?: Date | string;
}

export interface RfmSkipped {
  readonly invalidCustomer: number;
  readonly invalidDate: number;
  readonly invalidAmount: number;
}

export interface RfmSummary {
  readonly ok: true;
  readonly unit: TimeUnit;
  /** Calibration end as `YYYY-MM-DD`. */
  readonly calibrationEnd: string;
  readonly holdoutEnd?: string;
  /** Hold-out length in the unit (only with `holdoutEnd`). */
  readonly holdoutLength?: number;
  readonly customers: RfmRow[];
  /** Input rows seen. */
  readonly rows: number;
  /** Rows that entered the summary (valid and not after the calibration/hold-out end). */
  readonly used: number;
  /** Valid rows after the calibration end (or the hold-out end, when given). */
  readonly afterPeriod: number;
  /** Customers whose first purchase is after the calibration end (not in `customers`). */
  readonly customersAfterCalibration: number;
  readonly skipped: RfmSkipped;
}

export type RfmSummaryResult = RfmSummary | NotAvailable;

/** Days per unit. Months are average Gregorian months. */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { days: 1, weeks: 7, months: MONTH_DAYS };

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function ymdDay(y: number, m: number, d: number): number {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return daysFromCivil(y, m, d);
}

/**
 * Calendar day number (days since 1970-01-01) of a Date or a date string, or NaN.
 * Fast paths for `YYYY-MM-DD` and `YYYYMMDD`; other strings go through Date.parse and
 * are bucketed by UTC date.
 */
export function dayNumber(date: unknown): number {
  if (typeof date === 'string') {
    const len = date.length;
    if (len === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
      const y0 = digit(date, 0), y1 = digit(date, 1), y2 = digit(date, 2), y3 = digit(date, 3);
      const m0 = digit(date, 5), m1 = digit(date, 6), d0 = digit(date, 8), d1 = digit(date, 9);
      if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return NaN;
      return ymdDay(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
    }
    if (len === 8) {
      let v = 0;
      for (let i = 0; i < 8; i++) {
        const c = digit(date, i);
        if (c < 0) return NaN;
        v = v * 10 + c;
      }
      return ymdDay(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
    }
    const ms = Date.parse(date);
    return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : NaN;
  }
  if (date instanceof Date) {
    const ms = date.getTime();
    return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : NaN;
  }
  return NaN;
}

/** Summarise transactions (synchronously). */
export function summarizeTransactions(rows: readonly Transaction[], options: RfmSummaryOptions = {}): RfmSummaryResult {
  return runToCompletion(summarizeTransactionsSteps(rows, options));
}

/** Rows per slice between yields in the first pass; customers per slice in the last pass. */
const ROW_SLICE = 32_768;
const CUSTOMER_SLICE = 4_096;

/**
 * The same summary as a generator that yields every few thousand rows/customers, so a
 * main-thread caller can run it in time slices.
 */
export function* summarizeTransactionsSteps(
  rows: readonly Transaction[],
  options: RfmSummaryOptions = {},
): Generator<void, RfmSummaryResult, void> {
  const unit = options.unit ?? 'weeks';
  const perUnit = DAYS_PER_UNIT[unit];
  if (perUnit === undefined) return notAvailable('invalid-input', `unknown time unit "${String(unit)}"`);
  let calEnd = NaN;
  if (options.calibrationEnd !== undefined) {
    calEnd = dayNumber(options.calibrationEnd);
    if (Number.isNaN(calEnd)) return notAvailable('invalid-input', 'calibrationEnd is not a valid date');
  }
  let holdEnd = NaN;
  const hasHoldout = options.holdoutEnd !== undefined;
  if (hasHoldout) {
    holdEnd = dayNumber(options.holdoutEnd);
    if (Number.isNaN(holdEnd)) return notAvailable('invalid-input', 'holdoutEnd is not a valid date');
    if (!Number.isNaN(calEnd) && holdEnd <= calEnd) {
      return notAvailable('invalid-input', 'holdoutEnd must be after calibrationEnd');
    }
  }
  if (!Array.isArray(rows)) return notAvailable('invalid-input', 'transactions must be an array');

  const n = rows.length;
  const ids = new Map<string, number>();
  const idList: string[] = [];
  const cust = new Int32Array(n);
  const days = new Float64Array(n);
  const amounts = new Float64Array(n);
  let invalidCustomer = 0;
  let invalidDate = 0;
  let invalidAmount = 0;
  let m = 0;
  let maxDay = -Infinity;
  let minDay = Infinity;
  let lastId = '';
  let lastC = -1;

  // Pass 1: validate and intern customer ids.
  for (let i = 0; i < n; i++) {
    if ((i & (ROW_SLICE - 1)) === ROW_SLICE - 1) yield;
    const row = rows[i];
    if (row === null || typeof row !== 'object') {
      invalidCustomer++;
      continue;
    }
    const rawId = row.customerId;
    let id: string;
    if (typeof rawId === 'string' && rawId !== '') id = rawId;
    else if (typeof rawId === 'number' && Number.isFinite(rawId)) id = String(rawId);
    else {
      invalidCustomer++;
      continue;
    }
    const day = dayNumber(row.date);
    if (Number.isNaN(day)) {
      invalidDate++;
      continue;
    }
    const amount = row.amount;
    if (typeof amount !== 'number' || !Number.isFinite(amount)) {
      invalidAmount++;
      continue;
    }
    // Exports are often grouped by customer: skip the Map when the id repeats.
    let c = id === lastId ? lastC : ids.get(id);
    if (c === undefined) {
      c = idList.length;
      ids.set(id, c);
      idList.push(id);
    }
    lastId = id;
    lastC = c;
    cust[m] = c;
    days[m] = day;
    amounts[m] = amount;
    if (day > maxDay) maxDay = day;
    if (day < minDay) minDay = day;
    m++;
  }
  if (Number.isNaN(calEnd)) {
    if (hasHoldout) return notAvailable('invalid-input', 'a holdoutEnd needs an explicit calibrationEnd');
    calEnd = m > 0 ? maxDay : 0;
  }
  const periodEnd = hasHoldout ? holdEnd : calEnd;

  // Pass 2: counting sort of the used rows by customer.
  const k = idList.length;
  const counts = new Int32Array(k + 1);
  let used = 0;
  for (let i = 0; i < m; i++) {
    if ((i & (ROW_SLICE - 1)) === ROW_SLICE - 1) yield;
    if (days[i] <= periodEnd) {
      counts[cust[i] + 1]++;
      used++;
    }
  }
  for (let c = 0; c < k; c++) counts[c + 1] += counts[c];
  const start = counts.slice(0, k + 1); // segment starts; counts[c] becomes the write cursor
  const perm = new Int32Array(used);
  let maxSeg = 0;
  for (let i = 0; i < m; i++) {
    if ((i & (ROW_SLICE - 1)) === ROW_SLICE - 1) yield;
    if (days[i] <= periodEnd) perm[counts[cust[i]]++] = i;
  }
  for (let c = 0; c < k; c++) {
    const len = start[c + 1] - start[c];
    if (len > maxSeg) maxSeg = len;
  }
  yield;

  // Pass 3: per customer, sort its rows by day (packed day·M + local index keys) and merge days.
  const M = Math.max(1, maxSeg);
  const keys = new Float64Array(M);
  const customers: RfmRow[] = [];
  let customersAfterCalibration = 0;
  const base = Number.isFinite(minDay) ? minDay : 0;
  for (let c = 0; c < k; c++) {
    if ((c & (CUSTOMER_SLICE - 1)) === CUSTOMER_SLICE - 1) yield;
    const s0 = start[c];
    const len = start[c + 1] - s0;
    if (len === 0) {
      customersAfterCalibration++; // every row is after the period: not a customer yet
      continue;
    }
    const seg = keys.subarray(0, len);
    for (let j = 0; j < len; j++) seg[j] = (days[perm[s0 + j]] - base) * M + j;
    if (len > 1) seg.sort();
    const first = Math.floor(seg[0] / M) + base;
    if (first > calEnd) {
      customersAfterCalibration++;
      continue;
    }
    let distinct = 0;
    let lastDay = NaN;
    let lastCalDay = first;
    let repeatSum = 0;
    let holdDays = 0;
    let holdSum = 0;
    for (let j = 0; j < len; j++) {
      const key = seg[j];
      const dOff = Math.floor(key / M);
      const row = perm[s0 + (key - dOff * M)];
      const d = dOff + base;
      const amt = amounts[row];
      if (d <= calEnd) {
        if (d !== lastDay) distinct++;
        if (distinct > 1) repeatSum += amt;
        lastCalDay = d;
      } else {
        if (d !== lastDay) holdDays++;
        holdSum += amt;
      }
      lastDay = d;
    }
    const frequency = distinct - 1;
    const row: RfmRow = hasHoldout
      ? {
          id: idList[c],
          frequency,
          recency: (lastCalDay - first) / perUnit,
          T: (calEnd - first) / perUnit,
          monetary: frequency > 0 ? repeatSum / frequency : 0,
          holdoutFrequency: holdDays,
          holdoutAmount: holdSum,
        }
      : {
          id: idList[c],
          frequency,
          recency: (lastCalDay - first) / perUnit,
          T: (calEnd - first) / perUnit,
          monetary: frequency > 0 ? repeatSum / frequency : 0,
        };
    customers.push(row);
  }

  const summary: RfmSummary = {
    ok: true,
    unit,
    calibrationEnd: isoDay(calEnd),
    ...(hasHoldout ? { holdoutEnd: isoDay(holdEnd), holdoutLength: (holdEnd - calEnd) / perUnit } : {}),
    customers,
    rows: n,
    used,
    afterPeriod: m - used,
    customersAfterCalibration,
    skipped: { invalidCustomer, invalidDate, invalidAmount },
  };
  return summary;
}
