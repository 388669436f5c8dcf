/**
 * `cpl`: marketing cost in the period ÷ new leads (deals created) in the period, per channel or
 * campaign with a group-by (costs and leads must carry the same dimension).
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { ratio, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate, failWith } from './metric.ts';
import { currencyConflict } from '../core/money.ts';
import type { Cost, Deal } from '../core/schema/records.ts';

export const cplMeta: MetricMeta = {
  id: 'cpl',
  ...kpiText('cpl'),
  unit: 'money',
  better: 'down',
  seeds: ['000', '001'],
  input: { fields: { costs: ['costs'], leads: ['deals'] } },
  accumulates: false,
};

export interface CplInput {
  readonly costs: readonly Cost[];
  readonly leads: readonly Deal[];
}

export function marketingCost(costs: readonly Cost[]): number {
  let s = 0;
  for (const c of costs) if (c.kind === 'marketing') s += c.amount;
  return s;
}

export const cpl = defineMetric<CplInput>(cplMeta, (input, options) => {
  const conflict = currencyConflict([{ name: 'costs', rows: input.costs }]);
  if (conflict) return failWith(conflict, options);
  return evaluate(
    { costs: { rows: input.costs, date: (c: Cost) => c.date }, leads: { rows: input.leads, date: (d: Deal) => d.createdDate } },
    options,
    ({ costs, leads }) => ratio(marketingCost(costs), leads.length, 'no new leads in the period', costs.length + leads.length),
  );
});
