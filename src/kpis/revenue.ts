/**
 * `revenue`: Σ amount of sales in the period — transactions, or deals closed won (by close date).
 * No sale in the period is "no data", not a silent 0. Accepts columnar input (see columns.ts)
 * for large data sets.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import type { MetricMeta } from '../core/result.ts';
import { columnsKind, defineMetric, evaluate, failWith, overColumns } from './metric.ts';
import { currencyConflict } from '../core/money.ts';
import { saleCustomer, saleDate, salesOnly, sumAmounts, type Sale, type Sales } from './sales.ts';
import type { DealColumns, SaleColumns } from './columns.ts';
import { revenueValue } from './deal-aggregate.ts';

export const revenueMeta: MetricMeta = {
  id: 'revenue',
  ...kpiText('revenue'),
  unit: 'money',
  better: 'up',
  seeds: ['000', '001', '004'],
  input: { list: ['deals', 'transactions'] },
  accumulates: true,
};

/** Σ amount of the sales given (already filtered), as a metric value. */
export function revenueOf(sales: readonly Sale[]) {
  const s = sumAmounts(sales);
  return 'ok' in s ? s : revenueValue(s.sum, s.count, 0);
}

export const revenue = defineMetric<Sales | SaleColumns | DealColumns>(revenueMeta, (input, options) => {
  if (columnsKind(input)) return overColumns(input as SaleColumns | DealColumns, options, 'revenue');
  input = input as Sales;
  const conflict = currencyConflict([{ name: 'sales', rows: input }]);
  if (conflict) return failWith(conflict, options);
  return evaluate({ sales: { rows: salesOnly(input), date: saleDate, customer: saleCustomer } }, options, ({ sales }) => revenueOf(sales));
});
