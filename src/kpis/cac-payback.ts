/**
 * `cac-payback`: months to earn back the acquisition cost: CAC ÷ (monthly revenue per customer ×
 * gross margin). Monthly revenue per customer = revenue in the period ÷ customers who bought in it
 * ÷ months in the period (days ÷ 30.4375), so the period must be closed. Gross margin is
 * `grossMargin` when given, else the period's transactions' own.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { notAvailable, ratio, type MetricMeta, type MetricValue } from '../core/result.ts';
import { defineMetric, evaluate, failWith, periodDays } from './metric.ts';
import { currencyConflict } from '../core/money.ts';
import { MONTH_DAYS } from '../core/calendar.ts';
import { cacOf, cacSources } from './cac.ts';
import { grossMarginOf } from './gross-margin.ts';
import type { Sales } from './sales.ts';
import type { Cost, Transaction } from '../core/schema/records.ts';

export const cacPaybackMeta: MetricMeta = {
  id: 'cac-payback',
  ...kpiText('cac-payback'),
  unit: 'months',
  better: 'down',
  seeds: ['standard'],
  input: { fields: { transactions: ['transactions'], costs: ['costs'], sales: ['deals', 'transactions'] } },
  accumulates: false,
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

export interface CacPaybackTotals {
  /** Revenue of the customers who bought in the observed time, and how many they are. */
  readonly revenue: number;
  readonly customers: number;
  /** Days observed: the period's length (or, for a whole history, its span). */
  readonly days: number;
  /** Gross margin as a rate. */
  readonly margin: number;
  readonly rows?: number;
}

/** The formula over totals: CAC ÷ (revenue ÷ customers ÷ months observed × gross margin). */
export function cacPaybackFrom(cac: MetricValue, t: CacPaybackTotals): MetricValue {
  if (!cac.ok) return cac;
  if (!(t.days > 0) || !(t.customers > 0)) return notAvailable('zero-denominator', 'monthly revenue per customer is unknown (no customers or no time observed)', t.rows === undefined ? {} : { rows: t.rows });
  const monthly = t.revenue / t.customers / (t.days / MONTH_DAYS);
  return ratio(cac.value, monthly * t.margin, 'monthly gross profit per customer is zero', t.rows);
}

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
      return cacPaybackFrom(c, { revenue, customers: buyers.size, days, margin, rows: transactions.length + costs.length });
    },
  );
});
