/**
 * Date parsing for records: ISO strings, Date objects, epoch milliseconds and the forms
 * CRM exports use. Every parsed date is a UTC instant (epoch milliseconds); a date without
 * a time is midnight UTC, so a day never shifts with the reader's time zone.
 *
 * Accepted strings:
 * - `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`
 * - `YYYY-MM-DD HH:mm[:ss[.sss]]` and `YYYY-MM-DDTHH:mm[:ss[.sss]][Z|±HH:mm]` (no zone = UTC)
 * - `DD/MM/YYYY` and `MM/DD/YYYY` (also with `-` or `.`): when the first part is above 12 it is
 *   the day, when the second is it is the month; when both are ≤ 12 the order is ambiguous and
 *   `dayFirst` decides (with no option the value is rejected, never guessed).
 * - Excel serial day numbers only with `{ excelSerial: true }` (a bare number is otherwise epoch ms).
 *
 * Pure and DOM-free; no `Date.parse` (its handling of non-ISO forms differs between engines).
 * Day arithmetic (DAY_MS, day numbers, `isoDate`) is core/calendar.ts's.
 */
import { DAY_MS, daysFromCivil, daysInMonth } from '../calendar.ts';

export type DateInput = Date | string | number;

export interface DateParseOptions {
  /** How to read an ambiguous `NN/NN/YYYY`: true = DD/MM/YYYY, false = MM/DD/YYYY, undefined = reject. */
  readonly dayFirst?: boolean;
  /** Read numbers as Excel serial days (1900 system) instead of epoch milliseconds. */
  readonly excelSerial?: boolean;
}


function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | null {
  if (!(y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))) return null;
  if (!(h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60 && ms >= 0 && ms <= 999)) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/** Reads the digits at [a, b) of s; -1 when any is not a digit. */
function digits(s: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Fast path for the ISO day `YYYY-MM-DD` (the commonest form in exports, and the one the
 * benchmark's million rows use): no regular expression, no allocation, no Date. NaN when the
 * text is not exactly that form or not a real day.
 */
export function isoDayTime(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const y0 = s.charCodeAt(0) - 48, y1 = s.charCodeAt(1) - 48, y2 = s.charCodeAt(2) - 48, y3 = s.charCodeAt(3) - 48;
  const m0 = s.charCodeAt(5) - 48, m1 = s.charCodeAt(6) - 48, d0 = s.charCodeAt(8) - 48, d1 = s.charCodeAt(9) - 48;
  // every digit in 0..9: unsigned compare catches negatives too
  if (((y0 >>> 0) > 9) || ((y1 >>> 0) > 9) || ((y2 >>> 0) > 9) || ((y3 >>> 0) > 9) || ((m0 >>> 0) > 9) || ((m1 >>> 0) > 9) || ((d0 >>> 0) > 9) || ((d1 >>> 0) > 9)) return Number.NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (y < 1 || m < 1 || m > 12 || d < 1 || (d > 28 && d > daysInMonth(y, m))) return Number.NaN;
  return daysFromCivil(y, m, d) * DAY_MS;
}

const YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const NNY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function zoneOffsetMs(z: string | undefined): number {
  if (!z || z === 'Z' || z === 'z') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const body = z.slice(1).replace(':', '');
  return sign * (Number(body.slice(0, 2)) * 60 + Number(body.slice(2, 4))) * 60_000;
}

/** Epoch milliseconds of a date input, or null when it is not a valid date. */
export function parseDate(input: unknown, options: DateParseOptions = {}): number | null {
  if (input instanceof Date) {
    const t = input.getTime();
    return Number.isFinite(t) ? t : null;
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    if (options.excelSerial) {
      // Excel's day 1 is 1900-01-01 and it counts a 29 Feb 1900 that never was: day 60.
      if (input < 1) return null;
      const base = Date.UTC(1899, 11, 31);
      return base + (input >= 60 ? input - 1 : input) * DAY_MS;
    }
    return input;
  }
  if (typeof input !== 'string') return null;
  const direct = isoDayTime(input);
  if (direct === direct) return direct;
  const s = input.trim();
  const fast = isoDayTime(s);
  if (fast === fast) return fast;
  let m = YMD.exec(s);
  if (m) {
    const t = utc(+m[1]!, +m[2]!, +m[3]!, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, m[7] ? +m[7].padEnd(3, '0') : 0);
    return t === null ? null : t - zoneOffsetMs(m[8]);
  }
  m = NNY.exec(s);
  if (m) {
    const a = +m[1]!, b = +m[2]!;
    let day: number, month: number;
    if (a > 12 && b <= 12) [day, month] = [a, b];
    else if (b > 12 && a <= 12) [day, month] = [b, a];
    else if (a === b) [day, month] = [a, b];
    else if (options.dayFirst === true) [day, month] = [a, b];
    else if (options.dayFirst === false) [day, month] = [b, a];
    else return null;
    return utc(+m[3]!, month, day, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  }
  return null;
}

/** Like parseDate, but throws a readable error (for code paths that already validated). */
export function toTime(input: unknown, options?: DateParseOptions): number {
  const t = parseDate(input, options);
  if (t === null) throw new RangeError(`not a date: ${String(input).slice(0, 40)}`);
  return t;
}
