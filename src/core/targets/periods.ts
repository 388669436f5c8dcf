/**
 * Calendar periods in UTC: month, quarter, year. A period is named by a key
 * (`2017`, `2017-Q3`, `2017-09`) and spans [start, end) in UTC milliseconds.
 * Pure; no time zone but UTC is ever consulted.
 */
import type { Period } from '../../widgets/scorecard/config.ts';

export interface PeriodSpan {
  readonly key: string;
  readonly period: Period;
  /** Inclusive start, UTC ms. */
  readonly start: number;
  /** Exclusive end (start of the next period), UTC ms. */
  readonly end: number;
}

export const DAY_MS = 86_400_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** Index of a period counted from year 0 (months, quarters or years), for arithmetic. */
function indexOf(year: number, month0: number, period: Period): number {
  if (period === 'year') return year;
  if (period === 'quarter') return year * 4 + Math.floor(month0 / 3);
  return year * 12 + month0;
}

function spanOfIndex(i: number, period: Period): PeriodSpan {
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
  return { key: `${y}-${pad(m + 1)}`, period, start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1) };
}

/** The period containing a UTC timestamp. */
export function periodOf(ms: number, period: Period): PeriodSpan {
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
      const ms = s.length > 10 ? Date.parse(s) : Date.UTC(y, mo - 1, day);
      if (!Number.isFinite(ms)) return null;
      const d = new Date(Date.UTC(y, mo - 1, day));
      if (d.getUTCMonth() !== mo - 1) return null; // 2017-02-30
      return ms;
    }
    return Date.UTC(y, mo - 1, 1);
  }
  return Date.UTC(y, 0, 1);
}

/** The period a key or date string falls in, at a given granularity; null when unparseable. */
export function periodOfString(s: string, period: Period): PeriodSpan | null {
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

/** Whole days from a to b (b − a), floored. */
export function daysBetween(a: number, b: number): number {
  return Math.floor((b - a) / DAY_MS);
}
