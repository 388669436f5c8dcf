/**
 * The metrics a scorecard KPI can name (`metric: 'win-rate'`), over deals.
 *
 * Each entry is the metric library's own function (src/metrics/*) with its meta; the scorecard
 * adds nothing to the arithmetic. One scorecard-local count lives here because the catalogue
 * has no plain "opportunities opened" count: `deals-opened`, the deals created in the period,
 * which seed 001 pairs with the win rate ("who opens opportunities well but closes badly?").
 */
import type { Deal } from '../../core/schema/records.ts';
import { available, notAvailable, type MetricMeta, type MetricValue } from '../../core/result.ts';
import { evaluate, type Grouped, type MetricOptions } from '../../core/calendar.ts';
import { metricById } from '../../kpis/catalogue.ts';

export type MetricParams = Readonly<Record<string, string | number | boolean>>;

export interface ScorecardMetric {
  readonly meta: MetricMeta;
  compute(deals: readonly Deal[], options: MetricOptions & { readonly [param: string]: unknown }): MetricValue | Grouped;
}

/** Finds a metric by id; undefined when the scorecard cannot compute it from deals. */
export type MetricLookup = (id: string) => ScorecardMetric | undefined;

export const dealsOpenedMeta: MetricMeta = {
  id: 'deals-opened',
  name: { en: 'Opportunities opened', es: 'Oportunidades abiertas' },
  formula: {
    en: 'number of deals created (engaged) in the period',
    es: 'número de oportunidades creadas (en contacto) en el periodo',
  },
  unit: 'count',
  better: 'up',
  seeds: ['001'],
};

export function dealsOpened(deals: readonly Deal[], options?: MetricOptions): MetricValue | Grouped {
  return evaluate({ deals: { rows: deals, date: (d: Deal) => d.createdDate, customer: (d: Deal) => d.account } }, options, ({ deals: ds }) =>
    ds.length === 0 ? notAvailable('no-data', 'no deals created in the period', { rows: 0 }) : available(ds.length, { rows: ds.length }),
  );
}

/** Catalogue metrics whose input is a list of deals (see src/metrics/catalogue.ts). */
const OVER_DEALS = ['revenue', 'win-rate', 'avg-transaction', 'sales-cycle', 'close-rate'];

function fromCatalogue(id: string): ScorecardMetric {
  const entry = metricById(id);
  if (!entry) throw new Error(`catalogue has no metric "${id}"`);
  return { meta: entry.meta, compute: (deals, options) => entry.compute(deals, options) as MetricValue | Grouped };
}

const BUILT_IN: ReadonlyMap<string, ScorecardMetric> = new Map<string, ScorecardMetric>([
  ...OVER_DEALS.map((id) => [id, fromCatalogue(id)] as const),
  ['deals-opened', { meta: dealsOpenedMeta, compute: (deals, options) => dealsOpened(deals, options) }],
]);

/** Why a metric id cannot be computed by the scorecard: not in the catalogue, or needs other inputs. */
export function whyNotComputable(id: string): string {
  return metricById(id)
    ? `metric "${id}" needs inputs other than deals; give its "value" or "series" instead (computable here: ${[...BUILT_IN.keys()].join(', ')})`
    : `unknown metric "${id}" (computable here: ${[...BUILT_IN.keys()].join(', ')})`;
}

/** Metric ids a scorecard over deals understands. */
export const DEAL_METRIC_IDS: readonly string[] = [...BUILT_IN.keys()];

export const dealMetrics: MetricLookup = (id) => BUILT_IN.get(id);

/**
 * Totals that build up over a period (judged by pacing while it runs); rates, averages and
 * durations do not. A KPI's `accumulates` overrides this.
 */
export function accumulatesByDefault(meta: MetricMeta | undefined): boolean {
  if (!meta) return false;
  if (meta.unit === 'count') return true;
  return ['revenue', 'incremental-revenue', 'activity', 'mql', 'sql'].includes(meta.id);
}
