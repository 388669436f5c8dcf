/**
 * `saturation`: products a customer holds ÷ products offered, averaged over the customers who
 * bought in the period. A customer holds every product bought before the period's end. Products
 * offered: `offered` (a count or the list), else the distinct products in the whole input.
 * The cross-sell potential left is 1 − saturation.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { notAvailable, ratio, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate, timeOf } from './metric.ts';
import type { Transaction } from '../core/schema/records.ts';

export const saturationMeta: MetricMeta = {
  id: 'saturation',
  ...kpiText('saturation'),
  unit: 'ratio',
  better: null,
  seeds: ['004'],
  input: { list: ['transactions'] },
  accumulates: false,
};

export interface SaturationOptions {
  readonly offered?: number | readonly string[];
}

export const saturation = defineMetric<readonly Transaction[], SaturationOptions>(saturationMeta, (input, options) => {
  const o = options?.offered;
  let offered: number;
  let catalogue: ReadonlySet<string> | null = null;
  if (o === undefined) {
    const all = new Set<string>();
    for (const t of input) if (t.product !== undefined) all.add(t.product);
    offered = all.size;
  } else if (typeof o === 'number') offered = o;
  else {
    catalogue = new Set(o);
    offered = catalogue.size;
  }
  return evaluate({ transactions: { rows: input, date: (t: Transaction) => t.date, customer: (t: Transaction) => t.customer, filter: false } }, options, ({ transactions }, { period }) => {
    const active = new Set<string>();
    const held = new Map<string, Set<string>>();
    for (const t of transactions) {
      const x = timeOf(t.date);
      if (x === null || x >= period.to) continue;
      if (x >= period.from) active.add(t.customer);
      if (t.product === undefined || (catalogue !== null && !catalogue.has(t.product))) continue;
      let s = held.get(t.customer);
      if (!s) held.set(t.customer, (s = new Set()));
      s.add(t.product);
    }
    if (active.size === 0) return notAvailable('no-data', 'no customers bought in the period', { rows: 0 });
    if (!(offered > 0)) return notAvailable('zero-denominator', 'no products offered', { rows: transactions.length });
    let sum = 0;
    for (const c of active) sum += Math.min(held.get(c)?.size ?? 0, offered) / offered;
    return ratio(sum, active.size, 'no customers', transactions.length);
  });
});
