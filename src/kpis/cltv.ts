/**
 * `cltv`: average purchase value × average purchase frequency per year (= customer value per
 * year) × average customer lifespan in years.
 *
 * - purchase value = revenue ÷ purchases; frequency = purchases ÷ customers ÷ years observed, so
 *   customer value per year = revenue ÷ customers ÷ years.
 * - years observed: the period's length when it is closed, else the span from the first to the
 *   last transaction in scope (not available when that span is zero).
 * - lifespan: `lifespanYears` when given, else the customers' mean observed span (first to last
 *   purchase, over the transactions in scope) — a lower bound; not available when zero.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { available, notAvailable, type MetricMeta, type MetricValue } from '../core/result.ts';
import { defineMetric, evaluate, failWith, periodDays, timeOf } from './metric.ts';
import { currencyConflict } from '../core/money.ts';
import { DAY_MS, YEAR_DAYS } from '../core/calendar.ts';
import type { Transaction } from '../core/schema/records.ts';


export const cltvMeta: MetricMeta = {
  id: 'cltv',
  ...kpiText('cltv'),
  unit: 'money',
  better: 'up',
  seeds: ['002'],
  input: { list: ['transactions'] },
  accumulates: false,
};

export interface CltvOptions {
  readonly lifespanYears?: number;
}

/** The customers' mean observed span in years (first to last purchase), from their spans' sum in days: a lower bound of the lifespan. */
export function meanSpanYearsFrom(totalSpanDays: number, customers: number): number {
  return customers > 0 ? totalSpanDays / customers / YEAR_DAYS : 0;
}

function meanSpanYears(rows: readonly Transaction[]): number {
  const span = new Map<string, [number, number]>();
  for (const t of rows) {
    const x = timeOf(t.date);
    if (x === null) continue;
    const s = span.get(t.customer);
    if (!s) span.set(t.customer, [x, x]);
    else {
      if (x < s[0]) s[0] = x;
      if (x > s[1]) s[1] = x;
    }
  }
  let total = 0;
  for (const [a, b] of span.values()) total += b - a;
  return meanSpanYearsFrom(total / DAY_MS, span.size);
}

export interface CltvTotals {
  readonly revenue: number;
  readonly customers: number;
  /** Days observed: the closed period's length, else the span from the first to the last purchase. */
  readonly days: number;
  /** Average customer lifespan in years, or why it is not known. */
  readonly lifespanYears: number | MetricValue;
  /** A gross margin to apply (a rate, or why it is not known); default 1, values are revenue. */
  readonly margin?: number | MetricValue;
  readonly rows?: number;
}

/**
 * The formula over totals: revenue ÷ customers ÷ years observed (= purchase value × purchases a
 * year) × lifespan × margin. The records path and the LTV widget's columns both end here.
 */
export function cltvFrom(t: CltvTotals): MetricValue {
  const rows = t.rows === undefined ? {} : { rows: t.rows };
  if (!(t.customers > 0)) return notAvailable('no-data', 'no transactions in the period', { rows: 0 });
  if (!(t.days > 0)) return notAvailable('zero-denominator', 'the observed time is zero: give a closed period', rows);
  const perYear = t.revenue / t.customers / (t.days / YEAR_DAYS);
  const life = t.lifespanYears;
  if (typeof life === 'object' && !life.ok) return life;
  const lifespan = typeof life === 'number' ? life : life.value;
  if (!(lifespan > 0) || !Number.isFinite(lifespan)) {
    return notAvailable('missing-input', 'the customer lifespan is unknown (no repeat purchases): pass lifespanYears', rows);
  }
  const m = t.margin ?? 1;
  if (typeof m === 'object' && !m.ok) return m;
  const margin = typeof m === 'number' ? m : m.value;
  return available(perYear * lifespan * margin, { numerator: t.revenue, denominator: t.customers, ...rows });
}

export const cltv = defineMetric<readonly Transaction[], CltvOptions>(cltvMeta, (input, options) => {
  const conflict = currencyConflict([{ name: 'transactions', rows: input }]);
  if (conflict) return failWith(conflict, options);
  return evaluate({ transactions: { rows: input, date: (t: Transaction) => t.date, customer: (t: Transaction) => t.customer } }, options, ({ transactions }, { period }): MetricValue => {
    if (transactions.length === 0) return notAvailable('no-data', 'no transactions in the period', { rows: 0 });
    let revenue = 0;
    let first = Infinity;
    let last = -Infinity;
    const customers = new Set<string>();
    for (const t of transactions) {
      revenue += t.amount;
      customers.add(t.customer);
      const x = timeOf(t.date);
      if (x !== null) {
        if (x < first) first = x;
        if (x > last) last = x;
      }
    }
    const days = periodDays(period) ?? (last - first) / DAY_MS;
    const lifespanYears = options?.lifespanYears ?? (days > 0 ? meanSpanYears(transactions) : 0);
    return cltvFrom({ revenue, customers: customers.size, days, lifespanYears, rows: transactions.length });
  });
});
