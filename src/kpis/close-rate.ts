/**
 * `close-rate`: deals closed won in the period ÷ deals open (in progress) at some time in the
 * period. A deal is open in the period when it was created before the period ends (or has no
 * creation date) and it was not closed before the period starts. A deal won in the period was
 * open in it, so the rate is in [0, 1]. The seed compares it every 6 months: pass such a period.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { ratio, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate, timeOf } from './metric.ts';
import type { Deal } from '../core/schema/records.ts';

export const closeRateMeta: MetricMeta = {
  id: 'close-rate',
  ...kpiText('close-rate'),
  unit: 'ratio',
  better: 'up',
  seeds: ['002'],
  input: { list: ['deals'] },
  accumulates: false,
};

export const closeRate = defineMetric<readonly Deal[]>(closeRateMeta, (input, options) =>
  evaluate({ deals: { rows: input, date: (d: Deal) => d.closeDate, customer: (d: Deal) => d.account, filter: false } }, options, ({ deals }, { period }) => {
    let open = 0;
    let won = 0;
    for (const d of deals) {
      const created = timeOf(d.createdDate);
      const closed = d.status === 'open' ? null : timeOf(d.closeDate);
      if (created !== null && created >= period.to) continue;
      if (closed !== null && closed < period.from) continue;
      if (d.status !== 'open' && closed === null) continue; // closed at an unknown time: cannot place it
      open++;
      if (d.status === 'won' && closed !== null && closed < period.to) won++;
    }
    return ratio(won, open, 'no deals open in the period', open);
  }),
);
