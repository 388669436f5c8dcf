/**
 * `lead-source`: the share of the period's leads that came from a source. Grouped by `channel`
 * (the usual call) each group's value is its share, with the lead counts as numerator and
 * denominator; ungrouped, the share of `source` (or of all leads, 1, when no source is named).
 * A lead is a deal record; its date is its creation date.
 */
import { ratio, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate } from '../core/calendar.ts';
import type { Deal } from '../core/schema/records.ts';

export const leadSourceMeta: MetricMeta = {
  id: 'lead-source',
  name: { en: 'Lead source', es: 'Fuente de origen del lead' },
  formula: {
    en: 'leads from a source (web, social, referral, ads, sales team) ÷ all leads in the period',
    es: 'leads de una fuente (web, redes sociales, recomendación, anuncios, equipo de ventas) ÷ todos los leads del periodo',
  },
  unit: 'ratio',
  better: null,
  seeds: ['002'],
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
