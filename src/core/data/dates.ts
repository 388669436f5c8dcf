/**
 * Date cells from CRM exports to UTC epoch milliseconds, for the field-mapping step.
 * One parser serves the whole kit (src/schema/dates.ts); this adapter adds the compact
 * `YYYYMMDD` form (CDNOW's), takes the day order from the Intl locale, and returns unparseable
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

const orders = new Map<string, DayOrder>();

/**
 * The order an Intl locale writes day and month, read from `Intl.DateTimeFormat(locale)
 * .formatToParts`: `en-US` (and plain `en`) month first, `en-GB`, `de`, `fr`, `es`, `pt-BR` day
 * first. A locale that writes the year first (`ja`, `sv`) puts the month before the day: 'mdy'.
 */
export function localeDayOrder(locale: string): DayOrder {
  let order = orders.get(locale);
  if (order) return order;
  try {
    const types = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' })
      .formatToParts(Date.UTC(2024, 3, 3))
      .map((p) => p.type);
    order = types.indexOf('month') < types.indexOf('day') ? 'mdy' : 'dmy';
  } catch {
    order = 'dmy';
  }
  orders.set(locale, order);
  return order;
}
