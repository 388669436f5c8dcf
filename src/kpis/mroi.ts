/**
 * `mroi`: (revenue attributed to marketing − marketing cost) ÷ marketing cost, in the period —
 * "for each euro invested, how much comes back" (0.5 = 50 cents of profit per euro). Attributed
 * revenue is the sales in the period accepted by `attributed` (default: every sale); grouped by
 * channel, each channel's sales against its own cost.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { notAvailable, ratio, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate, failWith } from './metric.ts';
import { currencyConflict } from '../core/money.ts';
import { marketingCost } from './cpl.ts';
import { saleCustomer, saleDate, salesOnly, sumAmounts, type Sale, type Sales } from './sales.ts';
import type { Cost } from '../core/schema/records.ts';

export const mroiMeta: MetricMeta = {
  id: 'mroi',
  ...kpiText('mroi'),
  unit: 'ratio',
  better: 'up',
  seeds: ['000', '001', '004'],
  input: { fields: { sales: ['deals', 'transactions'], costs: ['costs'] } },
  accumulates: false,
};

export interface MroiInput {
  readonly sales: Sales;
  readonly costs: readonly Cost[];
}

export interface MroiOptions {
  /** Which sales marketing brought (default: all). */
  readonly attributed?: (sale: Sale) => boolean;
}

export const mroi = defineMetric<MroiInput, MroiOptions>(mroiMeta, (input, options) => {
  const conflict = currencyConflict([{ name: 'sales', rows: input.sales }, { name: 'costs', rows: input.costs }]);
  if (conflict) return failWith(conflict, options);
  const attributed = options?.attributed;
  const sales = salesOnly(input.sales).filter((s) => attributed === undefined || attributed(s));
  return evaluate(
    { sales: { rows: sales, date: saleDate, customer: saleCustomer }, costs: { rows: input.costs, date: (c: Cost) => c.date } },
    options,
    ({ sales: inPeriod, costs }) => {
      const rev = sumAmounts(inPeriod);
      if ('ok' in rev) return rev;
      const cost = marketingCost(costs);
      if (inPeriod.length === 0 && costs.length === 0) return notAvailable('no-data', 'no sales and no costs in the period', { rows: 0 });
      return ratio(rev.sum - cost, cost, 'no marketing cost in the period', inPeriod.length + costs.length);
    },
  );
});
