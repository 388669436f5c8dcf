/**
 * The calendar, in UTC: the one home of day arithmetic, period keys and period spans.
 *
 * - Day constants: `DAY_MS`, `WEEK_MS`, `YEAR_DAYS`, `MONTH_DAYS` (average Gregorian).
 * - Day numbers (days since 1970-01-01): `daysFromCivil`, `civilFromDays`, `dayOf`, `isoDay`, and
 *   `isoDate` of an instant.
 * - Period keys: `bucketKey(t, grain)` names the bucket holding an instant: '2017-03-01' (day),
 *   '2017-W09' (ISO week), '2017-03' (month), '2017-Q1' (quarter), '2017' (year).
 * - Spans: a month, quarter or year as `{ key, period, start, end }`, [start, end) in UTC ms, with
 *   `periodOf`, `parseWhen`, `periodOfString`, `shiftPeriod`, `sameLastYear`, `periodsEndingAt`.
 *
 * Pure; no time zone but UTC is ever consulted. Parsing of record dates is schema/dates.ts's; the
 * period filter and group-by every metric shares is kpis/metric.ts's.
 */

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** Days in an average Gregorian year, and in an average month (30.4375). */
export const YEAR_DAYS = 365.25;
export const MONTH_DAYS = YEAR_DAYS / 12;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil): no Date object. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year and month (0-11) of a day number, without a Date (Hinnant's civil_from_days). */
export function civilFromDays(days: number): { y: number; m: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 2 : mp - 10;
  return { y: yoe + era * 400 + (m <= 1 ? 1 : 0), m };
}

/** Days in month m (1-12) of year y. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The day number (days since 1970-01-01, UTC) holding an instant. */
export function dayOf(t: number): number {
  return Math.floor(t / DAY_MS);
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` of a day number. */
export function isoDay(day: number): string {
  return isoDate(day * DAY_MS);
}

/** Whole days from a to b (b − a), floored. */
export function daysBetween(a: number, b: number): number {
  return Math.floor((b - a) / DAY_MS);
}

// --- Period keys -------------------------------------------------------------------------

export type TimeBucket = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const TIME_BUCKETS: ReadonlySet<string> = new Set<TimeBucket>(['day', 'week', 'month', 'quarter', 'year']);

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM` of a month index (year × 12 + month 0-11). */
export function monthKey(index: number): string {
  const y = Math.floor(index / 12);
  return `${y}-${pad(index - y * 12 + 1)}`;
}

/** Month index (year × 12 + month 0-11) of a day number. */
export function monthIndex(day: number): number {
  const { y, m } = civilFromDays(day);
  return y * 12 + m;
}

/** Key of the UTC time bucket holding t: '2017-03-01', '2017-W09' (ISO week), '2017-03', '2017-Q1', '2017'. */
export function bucketKey(t: number, bucket: TimeBucket): string {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (bucket) {
    case 'day':
      return isoDate(t);
    case 'month':
      return `${y}-${pad(m + 1)}`;
    case 'quarter':
      return `${y}-Q${Math.floor(m / 3) + 1}`;
    case 'year':
      return String(y);
    case 'week': {
      // ISO 8601 week: the week with the year's first Thursday is week 1.
      const day = (d.getUTCDay() + 6) % 7;
      const thursday = Date.UTC(y, m, d.getUTCDate() - day + 3);
      const ty = new Date(thursday).getUTCFullYear();
      const week = 1 + Math.floor((thursday - Date.UTC(ty, 0, 1)) / WEEK_MS);
      return `${ty}-W${pad(week)}`;
    }
  }
}

// --- Spans: months, quarters, years --------------------------------------------------------

/** The grains a span can have. */
export type SpanGrain = 'month' | 'quarter' | 'year';

export interface PeriodSpan {
  readonly key: string;
  readonly period: SpanGrain;
  /** Inclusive start, UTC ms. */
  readonly start: number;
  /** Exclusive end (start of the next period), UTC ms. */
  readonly end: number;
}

/** Index of a period counted from year 0 (months, quarters or years), for arithmetic. */
function indexOf(year: number, month0: number, period: SpanGrain): number {
  if (period === 'year') return year;
  if (period === 'quarter') return year * 4 + Math.floor(month0 / 3);
  return year * 12 + month0;
}

function spanOfIndex(i: number, period: SpanGrain): PeriodSpan {
  if (period === 'year') {
    return { key: String(i), period, start: Date.UTC(i, 0, 1), end: Date.UTC(i + 1, 0, 1) };
  }
  if (period === 'quarter') {
    const y = Math.floor(i / 4);
    const q = i - y * 4;
    return { key: `${y}-Q${q + 1}`, period, start: Date.UTC(y, q * 3, 1), end: Date.UTC(y, q * 3 + 3, 1) };
  }
  const y = Math.floor(i / 12);
  const m = i - y * 12;
  return { key: monthKey(i), period, start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1) };
}

/** The period containing a UTC timestamp. */
export function periodOf(ms: number, period: SpanGrain): PeriodSpan {
  const d = new Date(ms);
  return spanOfIndex(indexOf(d.getUTCFullYear(), d.getUTCMonth(), period), period);
}

/**
 * Parses `2017`, `2017-Q3`, `2017-09`, `2017-09-30` (or a full ISO timestamp) to a UTC ms
 * inside the period it names; null when it is not a date.
 */
export function parseWhen(s: string): number | null {
  const m = /^(\d{4})(?:-(?:Q([1-4])|(\d{2})(?:-(\d{2}))?))?/.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]);
  if (m[2]) return Date.UTC(y, (Number(m[2]) - 1) * 3, 1);
  if (m[3]) {
    const mo = Number(m[3]);
    if (mo < 1 || mo > 12) return null;
    if (m[4]) {
      const day = Number(m[4]);
      if (day < 1 || day > daysInMonth(y, mo)) return null; // 2017-02-30
      const ms = s.length > 10 ? Date.parse(s) : Date.UTC(y, mo - 1, day);
      return Number.isFinite(ms) ? ms : null;
    }
    return Date.UTC(y, mo - 1, 1);
  }
  return Date.UTC(y, 0, 1);
}

/** The period a key or date string falls in, at a given granularity; null when unparseable. */
export function periodOfString(s: string, period: SpanGrain): PeriodSpan | null {
  const ms = parseWhen(s);
  return ms === null ? null : periodOf(ms, period);
}

/** The period `n` periods after (negative: before) the given one. */
export function shiftPeriod(p: PeriodSpan, n: number): PeriodSpan {
  const d = new Date(p.start);
  return spanOfIndex(indexOf(d.getUTCFullYear(), d.getUTCMonth(), p.period) + n, p.period);
}

/** The same period one year earlier. */
export function sameLastYear(p: PeriodSpan): PeriodSpan {
  const per = p.period === 'year' ? 1 : p.period === 'quarter' ? 4 : 12;
  return shiftPeriod(p, -per);
}

/** The `count` periods ending with (and including) `last`, oldest first. */
export function periodsEndingAt(last: PeriodSpan, count: number): PeriodSpan[] {
  const out: PeriodSpan[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(shiftPeriod(last, -i));
  return out;
}
