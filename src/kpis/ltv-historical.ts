/**
 * `ltv-historical`: (transaction 1 + … + transaction N) × AGM per customer, averaged over the
 * customers, where AGM is the average gross margin ((revenue − cost) ÷ revenue) of the same
 * transactions, or `agm` when given. Grouped by `customer` it is each customer's LTV.
 * Transactions in the period only (pass no period for the whole history).
 */
import { notAvailable, ratio, type MetricMeta, type MetricValue } from '../core/result.ts';
import { defineMetric, evaluate, failWith } from '../core/calendar.ts';
import { currencyConflict } from '../core/money.ts';
import { grossMarginOf } from './gross-margin.ts';
import type { Transaction } from '../core/schema/records.ts';

export const ltvHistoricalMeta: MetricMeta = {
  id: 'ltv-historical',
  name: { en: 'Customer lifetime value (historical)', es: 'Valor de vida del cliente (histórico)' },
  formula: {
    en: '(transaction 1 + … + transaction N) × AGM per customer, averaged over customers; AGM = average gross margin',
    es: '(transacción 1 + … + transacción N) × MBP por cliente, promediado entre clientes; MBP = margen bruto promedio',
  },
  unit: 'money',
  better: 'up',
  seeds: ['000'],
};

export interface LtvHistoricalOptions {
  /** Average gross margin to use instead of the transactions' own (a rate, e.g. 0.4). */
  readonly agm?: number;
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
  return ratio(revenue * margin, customers.size, 'no customers', rows.length);
}

export const ltvHistorical = defineMetric<readonly Transaction[], LtvHistoricalOptions>(ltvHistoricalMeta, (input, options) => {
  const conflict = currencyConflict([{ name: 'transactions', rows: input }]);
  if (conflict) return failWith(conflict, options);
  return evaluate({ transactions: { rows: input, date: (t: Transaction) => t.date, customer: (t: Transaction) => t.customer } }, options, ({ transactions }) =>
    ltvHistoricalOf(transactions, options?.agm),
  );
});
