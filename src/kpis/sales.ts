/**
 * What counts as a sale: a transaction, or a deal closed won. Revenue-type metrics accept
 * either; a deal's sale date is its close date and only won deals are sales.
 */
import type { Deal, Transaction } from '../core/schema/records.ts';
import { notAvailable, type NotAvailable } from '../core/result.ts';

export type Sale = Transaction | Deal;
export type Sales = readonly Transaction[] | readonly Deal[];

export function isDeal(row: Sale): row is Deal {
  return Object.hasOwn(row, 'status');
}

/** True for a transaction, or a deal with status won. */
export function isSale(row: Sale): boolean {
  return isDeal(row) ? row.status === 'won' : true;
}

/** The date a sale counts on: a transaction's date, a deal's close date. */
export function saleDate(row: Sale): Date | undefined {
  return isDeal(row) ? row.closeDate : row.date;
}

/** The customer of a sale: a transaction's customer, a deal's account (or its id when none). */
export function saleCustomer(row: Sale): string | undefined {
  return isDeal(row) ? row.account ?? row.id : row.customer;
}

/** The sales among the rows: every transaction, or the won deals. */
export function salesOnly(rows: Sales): Sale[] {
  const out: Sale[] = [];
  for (const r of rows as readonly Sale[]) if (isSale(r)) out.push(r);
  return out;
}

export interface AmountSum {
  readonly sum: number;
  readonly count: number;
}

/** Σ amount of the rows; rows without a finite amount make it not available (never skipped silently). */
export function sumAmounts(rows: readonly Sale[]): AmountSum | NotAvailable {
  let sum = 0;
  let missing = 0;
  for (const r of rows) {
    const a = r.amount;
    if (typeof a === 'number' && Number.isFinite(a)) sum += a;
    else missing++;
  }
  if (missing > 0) return notAvailable('missing-input', `${missing} sale(s) have no amount`, { rows: rows.length });
  return { sum, count: rows.length };
}

/** The first sale of each customer (ties: the first in input order), for "new customer" logic. */
export function firstSales(rows: readonly Sale[]): Sale[] {
  const first = new Map<string, { row: Sale; t: number }>();
  for (const r of rows) {
    if (!isSale(r)) continue;
    const c = saleCustomer(r);
    const d = saleDate(r);
    if (c === undefined || d === undefined) continue;
    const t = d.getTime();
    const prev = first.get(c);
    if (prev === undefined || t < prev.t) first.set(c, { row: r, t });
  }
  return [...first.values()].map((v) => v.row);
}
