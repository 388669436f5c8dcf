/**
 * `lead-transformation-cost`: activities needed per outcome in the period — e.g. appointments
 * (`meeting`) per `order`, or `call`s per `meeting`: count of `of` ÷ count of `per`.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { ratio, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate } from './metric.ts';
import type { Activity } from '../core/schema/records.ts';

export const leadTransformationCostMeta: MetricMeta = {
  id: 'lead-transformation-cost',
  ...kpiText('lead-transformation-cost'),
  unit: 'number',
  better: 'down',
  seeds: ['004'],
  input: { list: ['activities'] },
  accumulates: false,
};

export interface TransformationOptions {
  /** The effort counted (default 'meeting'). */
  readonly of?: string;
  /** The outcome it is counted per (default 'order'). */
  readonly per?: string;
}

export const leadTransformationCost = defineMetric<readonly Activity[], TransformationOptions>(leadTransformationCostMeta, (input, options) => {
  const of = options?.of ?? 'meeting';
  const per = options?.per ?? 'order';
  return evaluate({ activities: { rows: input, date: (a: Activity) => a.date } }, options, ({ activities }) => {
    let effort = 0;
    let outcomes = 0;
    for (const a of activities) {
      if (a.type === of) effort++;
      if (a.type === per) outcomes++;
    }
    return ratio(effort, outcomes, `no ${per} activities in the period`, activities.length);
  });
});
