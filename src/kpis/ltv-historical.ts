/**
 * `ltv-historical`: (transaction 1 + … + transaction N) × AGM per customer, averaged over the
 * customers, where AGM is the average gross margin ((revenue − cost) ÷ revenue) of the same
 * transactions, or `agm` when given. Grouped by `customer` it is each customer's LTV.
 * Transactions in the period only (pass no period for the whole history).
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { notAvailable, ratio, type MetricMeta, type MetricValue } from '../core/result.ts';
import { defineMetric, evaluate, failWith } from './metric.ts';
import { currencyConflict } from '../core/money.ts';
import { grossMarginOf } from './gross-margin.ts';
import type { Transaction } from '../core/schema/records.ts';

export const ltvHistoricalMeta: MetricMeta = {
  id: 'ltv-historical',
  ...kpiText('ltv-historical'),
  unit: 'money',
  better: 'up',
  seeds: ['000'],
  input: { list: ['transactions'] },
  accumulates: false,
};

export interface LtvHistoricalOptions {
  /** Average gross margin to use instead of the transactions' own (a rate, e.g. 0.4). */
  readonly agm?: number;
}

/** The formula over totals: revenue × AGM ÷ customers (the records path and the LTV widget's columns both end here). */
export function ltvHistoricalFrom(revenue: number, customers: number, agm: number, rows?: number): MetricValue {
  return ratio(revenue * agm, customers, 'no customers', rows);
}

export function ltvHistoricalOf(rows: readonly Transaction[], agm?: number): MetricValue {
  if (rows.length === 0) return notAvailable('no-data', 'no transactions in the period', { rows: 0 });
  let margin: number;
  if (agm !== undefined) {
    if (!Number.isFinite(agm)) return notAvailable('invalid-input', 'agm is not a finite number');
    margin = agm;
  } else {
    const gm = grossMarginOf(rows);
    if (!gm.ok) return gm;
    margin = gm.value;
  }
  let revenue = 0;
  const customers = new Set<string>();
  for (const t of rows) {
    revenue += t.amount;
    customers.add(t.customer);
  }
  return ltvHistoricalFrom(revenue, customers.size, margin, rows.length);
}

export const ltvHistorical = defineMetric<readonly Transaction[], LtvHistoricalOptions>(ltvHistoricalMeta, (input, options) => {
  const conflict = currencyConflict([{ name: 'transactions', rows: input }]);
  if (conflict) return failWith(conflict, options);
  return evaluate({ transactions: { rows: input, date: (t: Transaction) => t.date, customer: (t: Transaction) => t.customer } }, options, ({ transactions }) =>
    ltvHistoricalOf(transactions, options?.agm),
  );
});
