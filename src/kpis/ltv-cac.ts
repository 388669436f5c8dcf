/**
 * `ltv-cac`: customer lifetime value ÷ CAC (a common health rule: ≥ 3).
 *
 * LTV is `ltv` when given, else the historical LTV (ltv-historical.ts) over all the input
 * transactions (a lifetime is not cut by the period); CAC is the period's (cac.ts): costs in the
 * period ÷ customers whose first sale is in it (from `sales`, or from the transactions).
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { notAvailable, ratio, type MetricMeta, type MetricValue } from '../core/result.ts';
import { defineMetric, evaluate, failWith } from './metric.ts';
import { currencyConflict } from '../core/money.ts';
import { cacOf, cacSources } from './cac.ts';
import { ltvHistoricalOf } from './ltv-historical.ts';
import type { Sales } from './sales.ts';
import type { Cost, Transaction } from '../core/schema/records.ts';

export const ltvCacMeta: MetricMeta = {
  id: 'ltv-cac',
  ...kpiText('ltv-cac'),
  unit: 'number',
  better: 'up',
  seeds: ['standard', '002'],
  input: { fields: { transactions: ['transactions'], costs: ['costs'], sales: ['deals', 'transactions'] } },
  accumulates: false,
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

/** The formula over values: LTV ÷ CAC, not available when either is, or when CAC is zero. */
export function ltvCacFrom(ltv: MetricValue, cac: MetricValue, rows?: number): MetricValue {
  if (!ltv.ok) return ltv;
  if (!cac.ok) return cac;
  if (cac.value === 0) return notAvailable('zero-denominator', 'CAC is zero (no acquisition cost in the period)', rows === undefined ? {} : { rows });
  return ratio(ltv.value, cac.value, 'CAC is zero', rows);
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
      if (c.ok && c.value === 0) return ltvCacFrom(ltv, c, costs.length);
      return ltvCacFrom(ltv, c, transactions.length + costs.length);
    },
  );
});
