/**
 * `cac`: all sales + marketing cost in the period ÷ new customers won in it. A customer is new in
 * the period when their first sale in the input (first won deal of the account, or first
 * transaction) falls in it; grouped by channel, a customer belongs to the channel of that first sale.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { ratio, type MetricMeta, type MetricValue } from '../core/result.ts';
import { defineMetric, evaluate, failWith } from './metric.ts';
import { currencyConflict } from '../core/money.ts';
import { firstSales, saleCustomer, saleDate, type Sale, type Sales } from './sales.ts';
import type { Cost } from '../core/schema/records.ts';

export const cacMeta: MetricMeta = {
  id: 'cac',
  ...kpiText('cac'),
  unit: 'money',
  better: 'down',
  seeds: ['001', '002'],
  input: { fields: { costs: ['costs'], sales: ['deals', 'transactions'] } },
  accumulates: false,
};

export interface CacInput {
  readonly costs: readonly Cost[];
  /** Won deals or transactions: customers are counted from their first sale. */
  readonly sales: Sales;
}

/** The formula over totals: acquisition cost ÷ new customers. */
export function cacFrom(cost: number, newCustomers: number, rows?: number): MetricValue {
  return ratio(cost, newCustomers, 'no new customers won in the period', rows);
}

export function cacOf(costs: readonly Cost[], newCustomers: readonly Sale[]): MetricValue {
  let cost = 0;
  for (const c of costs) cost += c.amount;
  return cacFrom(cost, newCustomers.length, costs.length + newCustomers.length);
}

/** Sources for CAC: costs in the period and each customer's first sale (new customer). */
export function cacSources(input: CacInput) {
  return {
    costs: { rows: input.costs, date: (c: Cost) => c.date },
    customers: { rows: firstSales(input.sales as readonly Sale[]), date: saleDate, customer: saleCustomer },
  };
}

export const cac = defineMetric<CacInput>(cacMeta, (input, options) => {
  const conflict = currencyConflict([{ name: 'costs', rows: input.costs }]);
  if (conflict) return failWith(conflict, options);
  return evaluate(cacSources(input), options, ({ costs, customers }) => cacOf(costs, customers));
});
