/** `avg-transaction`: revenue ÷ number of sales (transactions or deals closed won) in the period. */
import { kpiText } from '../core/i18n/kpi.ts';
import type { MetricMeta } from '../core/result.ts';
import { columnsKind, defineMetric, evaluate, failWith, overColumns } from './metric.ts';
import { currencyConflict } from '../core/money.ts';
import { saleCustomer, saleDate, salesOnly, sumAmounts, type Sales } from './sales.ts';
import type { DealColumns, SaleColumns } from './columns.ts';
import { avgTransactionValue } from './deal-aggregate.ts';

export const avgTransactionMeta: MetricMeta = {
  id: 'avg-transaction',
  ...kpiText('avg-transaction'),
  unit: 'money',
  better: 'up',
  seeds: ['002'],
  input: { list: ['deals', 'transactions'] },
  accumulates: false,
};

export const avgTransaction = defineMetric<Sales | SaleColumns | DealColumns>(avgTransactionMeta, (input, options) => {
  if (columnsKind(input)) return overColumns(input as SaleColumns | DealColumns, options, 'avgTransaction');
  input = input as Sales;
  const conflict = currencyConflict([{ name: 'sales', rows: input }]);
  if (conflict) return failWith(conflict, options);
  return evaluate({ sales: { rows: salesOnly(input), date: saleDate, customer: saleCustomer } }, options, ({ sales }) => {
    const s = sumAmounts(sales);
    return 'ok' in s ? s : avgTransactionValue(s.sum, s.count, 0);
  });
});
