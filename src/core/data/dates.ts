/**
 * Date cells from CRM exports to UTC epoch milliseconds, for the field-mapping step.
 * One parser serves the whole kit (src/schema/dates.ts); this adapter adds the compact
 * `YYYYMMDD` form (CDNOW's), takes the day order from the locale, and returns unparseable
 * text unchanged so validation can name it ("expected a date, got "soon"").
 */
import { parseDate } from '../schema/dates.ts';

export type DayOrder = 'dmy' | 'mdy';

const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

export function parseDateCell(cell: unknown, order: DayOrder = 'dmy'): number | unknown {
  if (cell === null || cell === undefined) return undefined;
  let value = cell;
  if (typeof cell === 'string') {
    const s = cell.trim();
    if (s === '') return undefined;
    const m = COMPACT.exec(s);
    value = m ? `${m[1]}-${m[2]}-${m[3]}` : s;
  }
  const t = parseDate(value, { dayFirst: order === 'dmy' });
  return t === null ? cell : t;
}

/** The day order a locale writes: en-US month first, most others day first. */
export function localeDayOrder(lang: string): DayOrder {
  return /^en(-US)?$/i.test(lang) ? 'mdy' : 'dmy';
}
