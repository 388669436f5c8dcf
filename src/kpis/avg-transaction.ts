/** `avg-transaction`: revenue ÷ number of sales (transactions or deals closed won) in the period. */
import { ratio, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate, failWith } from '../core/calendar.ts';
import { currencyConflict } from '../core/money.ts';
import { saleCustomer, saleDate, salesOnly, sumAmounts, type Sales } from './sales.ts';
import { isDealColumns, isSaleColumns, revenueColumns, type DealColumns, type SaleColumns } from './columns.ts';

export const avgTransactionMeta: MetricMeta = {
  id: 'avg-transaction',
  name: { en: 'Average transaction value', es: 'Tasa promedio de transacción' },
  formula: {
    en: 'revenue ÷ number of sales (transactions or deals closed won) in the period',
    es: 'ingresos ÷ número de ventas (transacciones u oportunidades ganadas) del periodo',
  },
  unit: 'money',
  better: 'up',
  seeds: ['002'],
};

export const avgTransaction = defineMetric<Sales | SaleColumns | DealColumns>(avgTransactionMeta, (input, options) => {
  if (isSaleColumns(input) || isDealColumns(input)) return revenueColumns(input, options, 'mean');
  const conflict = currencyConflict([{ name: 'sales', rows: input }]);
  if (conflict) return failWith(conflict, options);
  return evaluate({ sales: { rows: salesOnly(input), date: saleDate, customer: saleCustomer } }, options, ({ sales }) => {
    const s = sumAmounts(sales);
    return 'ok' in s ? s : ratio(s.sum, s.count, 'no sales in the period', s.count);
  });
});
