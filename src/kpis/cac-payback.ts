/**
 * `cac-payback`: months to earn back the acquisition cost: CAC ÷ (monthly revenue per customer ×
 * gross margin). Monthly revenue per customer = revenue in the period ÷ customers who bought in it
 * ÷ months in the period (days ÷ 30.4375), so the period must be closed. Gross margin is
 * `grossMargin` when given, else the period's transactions' own.
 */
import { notAvailable, ratio, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate, failWith, periodDays } from '../core/calendar.ts';
import { currencyConflict } from '../core/money.ts';
import { cacOf, cacSources } from './cac.ts';
import { grossMarginOf } from './gross-margin.ts';
import type { Sales } from './sales.ts';
import type { Cost, Transaction } from '../core/schema/records.ts';

export const cacPaybackMeta: MetricMeta = {
  id: 'cac-payback',
  name: { en: 'CAC payback', es: 'Recuperación del CAC' },
  formula: { en: 'CAC ÷ (monthly revenue per customer × gross margin), in months', es: 'CAC ÷ (ingresos mensuales por cliente × margen bruto), en meses' },
  unit: 'months',
  better: 'down',
  seeds: ['standard'],
};

export interface CacPaybackInput {
  readonly transactions: readonly Transaction[];
  readonly costs: readonly Cost[];
  /** Where new customers are counted from (default: the transactions). */
  readonly sales?: Sales;
}

export interface CacPaybackOptions {
  readonly grossMargin?: number;
}

const MONTH_DAYS = 365.25 / 12;

export const cacPayback = defineMetric<CacPaybackInput, CacPaybackOptions>(cacPaybackMeta, (input, options) => {
  const conflict = currencyConflict([{ name: 'transactions', rows: input.transactions }, { name: 'costs', rows: input.costs }, { name: 'sales', rows: input.sales ?? [] }]);
  if (conflict) return failWith(conflict, options);
  const sources = cacSources({ costs: input.costs, sales: input.sales ?? input.transactions });
  return evaluate(
    { ...sources, transactions: { rows: input.transactions, date: (t: Transaction) => t.date, customer: (t: Transaction) => t.customer } },
    options,
    ({ costs, customers, transactions }, { period }) => {
      const days = periodDays(period);
      if (days === null || days <= 0) return notAvailable('missing-input', 'CAC payback needs a closed period (from and to)');
      const c = cacOf(costs, customers);
      if (!c.ok) return c;
      if (transactions.length === 0) return notAvailable('no-data', 'no transactions in the period', { rows: 0 });
      let margin: number;
      if (options?.grossMargin !== undefined) margin = options.grossMargin;
      else {
        const gm = grossMarginOf(transactions);
        if (!gm.ok) return gm;
        margin = gm.value;
      }
      let revenue = 0;
      const buyers = new Set<string>();
      for (const t of transactions) {
        revenue += t.amount;
        buyers.add(t.customer);
      }
      const monthly = revenue / buyers.size / (days / MONTH_DAYS);
      return ratio(c.value, monthly * margin, 'monthly gross profit per customer is zero', transactions.length + costs.length);
    },
  );
});
