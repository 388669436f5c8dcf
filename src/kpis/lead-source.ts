/**
 * `lead-source`: the share of the period's leads that came from a source. Grouped by `channel`
 * (the usual call) each group's value is its share, with the lead counts as numerator and
 * denominator; ungrouped, the share of `source` (or of all leads, 1, when no source is named).
 * A lead is a deal record; its date is its creation date.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { ratio, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate } from './metric.ts';
import type { Deal } from '../core/schema/records.ts';

export const leadSourceMeta: MetricMeta = {
  id: 'lead-source',
  ...kpiText('lead-source'),
  unit: 'ratio',
  better: null,
  seeds: ['002'],
  input: { list: ['deals'] },
  accumulates: false,
};

export interface LeadSourceOptions {
  /** Ungrouped: the share of this channel. */
  readonly source?: string;
}

export const leadSource = defineMetric<readonly Deal[], LeadSourceOptions>(leadSourceMeta, (input, options) =>
  evaluate({ leads: { rows: input, date: (d: Deal) => d.createdDate, customer: (d: Deal) => d.account } }, options, ({ leads }, { all }) => {
    const n = options?.source === undefined ? leads.length : leads.filter((d) => d.channel === options.source).length;
    return ratio(n, all.leads.length, 'no leads in the period', leads.length);
  }),
);
