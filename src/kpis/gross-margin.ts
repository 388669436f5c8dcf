/**
 * `gross-margin`: (revenue − cost of sales) ÷ revenue over transactions in the period.
 * A transaction's cost is its `cost`, or `amount − margin` when only the margin is given;
 * a transaction with neither makes the margin not available (its rows are named).
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { notAvailable, ratio, type MetricMeta, type MetricValue } from '../core/result.ts';
import { defineMetric, evaluate, failWith } from './metric.ts';
import { currencyConflict } from '../core/money.ts';
import type { Transaction } from '../core/schema/records.ts';

export const grossMarginMeta: MetricMeta = {
  id: 'gross-margin',
  ...kpiText('gross-margin'),
  unit: 'ratio',
  better: 'up',
  seeds: ['004'],
  input: { list: ['transactions'] },
  accumulates: false,
};

/** Cost of sales of a transaction, or null when neither cost nor margin is given. */
export function costOfSale(t: Transaction): number | null {
  if (typeof t.cost === 'number' && Number.isFinite(t.cost)) return t.cost;
  if (typeof t.margin === 'number' && Number.isFinite(t.margin)) return t.amount - t.margin;
  return null;
}

/** Revenue and cost of sales of the transactions, or why they cannot be summed. */
export function revenueAndCost(rows: readonly Transaction[]): { revenue: number; cost: number } | MetricValue {
  let revenue = 0;
  let cost = 0;
  const missing: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i]!;
    const c = costOfSale(t);
    if (c === null) missing.push(i);
    else cost += c;
    revenue += t.amount;
  }
  if (missing.length > 0) {
    return notAvailable('missing-input', `${missing.length} transaction(s) in scope have neither cost nor margin (first: #${missing.slice(0, 5).join(', #')} of the period's rows)`, { rows: rows.length });
  }
  return { revenue, cost };
}

/** The formula over totals: (revenue − cost of sales) ÷ revenue. */
export function grossMarginFrom(revenue: number, cost: number, rows?: number): MetricValue {
  return ratio(revenue - cost, revenue, 'revenue is zero', rows);
}

/** Gross margin of already-filtered transactions. */
export function grossMarginOf(rows: readonly Transaction[]): MetricValue {
  if (rows.length === 0) return notAvailable('no-data', 'no transactions in the period', { rows: 0 });
  const rc = revenueAndCost(rows);
  if ('ok' in rc) return rc;
  return grossMarginFrom(rc.revenue, rc.cost, rows.length);
}

export const grossMargin = defineMetric<readonly Transaction[]>(grossMarginMeta, (input, options) => {
  const conflict = currencyConflict([{ name: 'transactions', rows: input }]);
  if (conflict) return failWith(conflict, options);
  return evaluate({ transactions: { rows: input, date: (t) => t.date, customer: (t) => t.customer } }, options, ({ transactions }) => grossMarginOf(transactions));
});
