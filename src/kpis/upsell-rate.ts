/**
 * `upsell-rate`: customers with an upsell or cross-sell purchase in the period ÷ customers active
 * in it (with any purchase in the period).
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { ratio, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate } from './metric.ts';
import type { Transaction } from '../core/schema/records.ts';

export const upsellRateMeta: MetricMeta = {
  id: 'upsell-rate',
  ...kpiText('upsell-rate'),
  unit: 'ratio',
  better: 'up',
  seeds: ['002'],
  input: { list: ['transactions'] },
  accumulates: false,
};

export const upsellRate = defineMetric<readonly Transaction[]>(upsellRateMeta, (input, options) =>
  evaluate({ transactions: { rows: input, date: (t: Transaction) => t.date, customer: (t: Transaction) => t.customer } }, options, ({ transactions }) => {
    const active = new Set<string>();
    const upsold = new Set<string>();
    for (const t of transactions) {
      active.add(t.customer);
      if (t.type === 'upsell' || t.type === 'cross-sell') upsold.add(t.customer);
    }
    return ratio(upsold.size, active.size, 'no active customers in the period', transactions.length);
  }),
);
