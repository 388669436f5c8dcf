/**
 * `renewal-rate`: renewal purchases ÷ all purchases (of a product, with `groupBy: 'product'` or
 * `product`) in the period. Below 0.5 reads as an "equipment market", above as a "renewal market".
 * Every transaction in scope needs a type; untyped ones make the rate not available.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { notAvailable, ratio, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate } from './metric.ts';
import type { Transaction } from '../core/schema/records.ts';

export const renewalRateMeta: MetricMeta = {
  id: 'renewal-rate',
  ...kpiText('renewal-rate'),
  unit: 'ratio',
  better: 'up',
  seeds: ['004'],
  input: { list: ['transactions'] },
  accumulates: false,
};

export interface RenewalRateOptions {
  readonly product?: string;
}

export const renewalRate = defineMetric<readonly Transaction[], RenewalRateOptions>(renewalRateMeta, (input, options) => {
  const rows = options?.product === undefined ? input : input.filter((t) => t.product === options.product);
  return evaluate({ transactions: { rows, date: (t: Transaction) => t.date, customer: (t: Transaction) => t.customer } }, options, ({ transactions }) => {
    let renewals = 0;
    let untyped = 0;
    for (const t of transactions) {
      if (t.type === undefined) untyped++;
      else if (t.type === 'renewal') renewals++;
    }
    if (untyped > 0) return notAvailable('missing-input', `${untyped} purchase(s) have no type (new, renewal, upsell, cross-sell)`, { rows: transactions.length });
    return ratio(renewals, transactions.length, 'no purchases in the period', transactions.length);
  });
});
