/**
 * `ltv-cac`: customer lifetime value ÷ CAC (a common health rule: ≥ 3).
 *
 * LTV is `ltv` when given, else the historical LTV (ltv-historical.ts) over all the input
 * transactions (a lifetime is not cut by the period); CAC is the period's (cac.ts): costs in the
 * period ÷ customers whose first sale is in it (from `sales`, or from the transactions).
 */
import { notAvailable, ratio, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate, failWith } from '../core/calendar.ts';
import { currencyConflict } from '../core/money.ts';
import { cacOf, cacSources } from './cac.ts';
import { ltvHistoricalOf } from './ltv-historical.ts';
import type { Sales } from './sales.ts';
import type { Cost, Transaction } from '../core/schema/records.ts';

export const ltvCacMeta: MetricMeta = {
  id: 'ltv-cac',
  name: { en: 'LTV : CAC', es: 'LTV : CAC' },
  formula: { en: 'customer lifetime value ÷ customer acquisition cost (healthy: ≥ 3)', es: 'valor de vida del cliente ÷ coste de adquisición del cliente (sano: ≥ 3)' },
  unit: 'number',
  better: 'up',
  seeds: ['standard', '002'],
};

export interface LtvCacInput {
  readonly transactions: readonly Transaction[];
  readonly costs: readonly Cost[];
  /** Where new customers are counted from (default: the transactions). */
  readonly sales?: Sales;
}

export interface LtvCacOptions {
  /** A lifetime value to use instead of the historical one. */
  readonly ltv?: number;
  /** Average gross margin for the historical LTV. */
  readonly agm?: number;
}

export const ltvCac = defineMetric<LtvCacInput, LtvCacOptions>(ltvCacMeta, (input, options) => {
  const conflict = currencyConflict([{ name: 'transactions', rows: input.transactions }, { name: 'costs', rows: input.costs }, { name: 'sales', rows: input.sales ?? [] }]);
  if (conflict) return failWith(conflict, options);
  const sources = cacSources({ costs: input.costs, sales: input.sales ?? input.transactions });
  return evaluate(
    { ...sources, transactions: { rows: input.transactions, date: (t: Transaction) => t.date, customer: (t: Transaction) => t.customer, filter: false } },
    options,
    ({ costs, customers, transactions }) => {
      const ltv = options?.ltv !== undefined ? { ok: true as const, value: options.ltv } : ltvHistoricalOf(transactions, options?.agm);
      if (!ltv.ok) return ltv;
      const c = cacOf(costs, customers);
      if (!c.ok) return c;
      if (c.value === 0) return notAvailable('zero-denominator', 'CAC is zero (no acquisition cost in the period)', { rows: costs.length });
      return ratio(ltv.value, c.value, 'CAC is zero', transactions.length + costs.length);
    },
  );
});
