/**
 * One as-of date for <kpi-ltv>'s customer tables. The predictive columns (P(alive), expected
 * purchases and spend, CLV) are as of the calibration end; the customer's transactions, revenue
 * and last purchase are then counted up to that day too, so no row mixes two dates (a customer
 * with P(alive) 9.7 % on 1997-09-30 does not show a last purchase from 1998). Pure, DOM-free.
 */
import { daysFromCivil } from '../../core/calendar.ts';
import type { CustomerTotals } from './model.ts';
import type { LtvColumns } from './columns.ts';

/** Day number of a `YYYY-MM-DD`, or NaN. */
export function isoDayNumber(s: string | null | undefined): number {
  const m = typeof s === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
  return m ? daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
}

/** Per-customer totals over the transactions up to `endDay` (inclusive); customers with none get 0 and ±Infinity days. */
export function totalsAsOf(cols: LtvColumns, endDay: number): CustomerTotals {
  const steps = totalsAsOfSteps(cols, endDay);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** Rows between yields of `totalsAsOfSteps`. */
const SLICE = 65_536;

/** The same, yielding every 65,536 rows (main-thread slices over a million rows). */
export function* totalsAsOfSteps(cols: LtvColumns, endDay: number): Generator<void, CustomerTotals, void> {
  const k = cols.ids.length;
  const revenue = new Float64Array(k);
  const transactions = new Int32Array(k);
  const firstDay = new Float64Array(k).fill(Infinity);
  const lastDay = new Float64Array(k).fill(-Infinity);
  for (let i = 0; i < cols.n; i++) {
    if (i % SLICE === SLICE - 1) yield;
    const d = cols.day[i]!;
    if (d > endDay) continue;
    const c = cols.customer[i]!;
    revenue[c] += cols.amount[i]!;
    transactions[c]++;
    if (d < firstDay[c]!) firstDay[c] = d;
    if (d > lastDay[c]!) lastDay[c] = d;
  }
  return { revenue, transactions, firstDay, lastDay };
}
