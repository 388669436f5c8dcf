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
import { available, notAvailable, type MetricMeta, type MetricValue } from '../core/result.ts';
import { defineMetric, evaluate, failWith, periodDays, timeOf } from '../core/calendar.ts';
import { currencyConflict } from '../core/money.ts';
import type { Transaction } from '../core/schema/records.ts';

const YEAR_DAYS = 365.25;
const DAY = 86_400_000;

export const cltvMeta: MetricMeta = {
  id: 'cltv',
  name: { en: 'Customer lifetime value (CLTV)', es: 'CLTV' },
  formula: {
    en: 'average purchase value × average purchase frequency (per year) × average customer lifespan (years)',
    es: 'valor medio de compra × frecuencia media de compra (por año) × vida media del cliente (años)',
  },
  unit: 'money',
  better: 'up',
  seeds: ['002'],
};

export interface CltvOptions {
  readonly lifespanYears?: number;
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
  if (span.size === 0) return 0;
  let total = 0;
  for (const [a, b] of span.values()) total += b - a;
  return total / span.size / DAY / YEAR_DAYS;
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
    const days = periodDays(period) ?? (last - first) / DAY;
    if (!(days > 0)) return notAvailable('zero-denominator', 'the observed time is zero: give a closed period', { rows: transactions.length });
    const perYear = revenue / customers.size / (days / YEAR_DAYS);
    const lifespan = options?.lifespanYears ?? meanSpanYears(transactions);
    if (!(lifespan > 0) || !Number.isFinite(lifespan)) {
      return notAvailable('missing-input', 'the customer lifespan is unknown (no repeat purchases): pass lifespanYears', { rows: transactions.length });
    }
    return available(perYear * lifespan, { numerator: revenue, denominator: customers.size, rows: transactions.length });
  });
});
