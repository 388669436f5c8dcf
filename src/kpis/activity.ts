/**
 * `activity`: the number of sales activities (contacts, new leads, calls, appointments,
 * proposals, orders…) in the period, of one `type` or of several, per rep or team with a group-by.
 * No activity at all in the period is "no data"; activities present but none of the type is 0.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { available, notAvailable, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate } from './metric.ts';
import type { Activity } from '../core/schema/records.ts';

export const activityMeta: MetricMeta = {
  id: 'activity',
  ...kpiText('activity'),
  unit: 'count',
  better: 'up',
  seeds: ['004'],
  input: { list: ['activities'] },
  accumulates: true,
};

export interface ActivityOptions {
  /** Count only activities of this type (or these types); lower-case. */
  readonly type?: string | readonly string[];
}

export const activity = defineMetric<readonly Activity[], ActivityOptions>(activityMeta, (input, options) => {
  const types = options?.type === undefined ? null : new Set(typeof options.type === 'string' ? [options.type] : options.type);
  return evaluate({ activities: { rows: input, date: (a: Activity) => a.date } }, options, ({ activities }) => {
    if (activities.length === 0) return notAvailable('no-data', 'no activities in the period', { rows: 0 });
    let n = 0;
    for (const a of activities) if (types === null || types.has(a.type)) n++;
    return available(n, { rows: activities.length });
  });
});
