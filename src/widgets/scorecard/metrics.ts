/**
 * The metrics a scorecard KPI can name (`metric: 'win-rate'`), over deals.
 *
 * Each entry is the metric library's own function (src/kpis/*) with its meta; the scorecard
 * adds nothing to the arithmetic. One scorecard-local count lives here because the catalogue
 * has no plain "opportunities opened" count: `deals-opened`, the deals created in the period,
 * which seed 001 pairs with the win rate ("who opens opportunities well but closes badly?").
 */
import type { Deal } from '../../core/schema/records.ts';
import { available, notAvailable, readsList, type MetricMeta, type MetricValue } from '../../core/result.ts';
import { evaluate, type Grouped, type MetricOptions } from '../../kpis/metric.ts';
import { catalogueIds, dealCatalogueEntries } from '../../kpis/catalogue-deals.ts';

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
  input: { list: ['deals'] },
  accumulates: true,
};

export function dealsOpened(deals: readonly Deal[], options?: MetricOptions): MetricValue | Grouped {
  return evaluate({ deals: { rows: deals, date: (d: Deal) => d.createdDate, customer: (d: Deal) => d.account } }, options, ({ deals: ds }) =>
    ds.length === 0 ? notAvailable('no-data', 'no deals created in the period', { rows: 0 }) : available(ds.length, { rows: ds.length }),
  );
}

/**
 * The metrics the scorecard computes: every catalogue metric whose metadata says its function takes
 * a plain list of deals (MetricMeta.input), plus deals-opened. src/kpis/catalogue-deals.ts holds
 * those metrics alone (a test checks it against the catalogue's metadata), so the scorecard does
 * not carry the rest of the catalogue.
 */
const BUILT_IN: ReadonlyMap<string, ScorecardMetric> = new Map<string, ScorecardMetric>([
  ...dealCatalogueEntries
    .filter((e) => readsList(e.meta, 'deals'))
    .map((e): [string, ScorecardMetric] => [e.meta.id, { meta: e.meta, compute: (deals, options) => e.compute(deals, options) as MetricValue | Grouped }]),
  ['deals-opened', { meta: dealsOpenedMeta, compute: (deals, options) => dealsOpened(deals, options) }],
]);

/** Why a metric id cannot be computed by the scorecard: not in the catalogue, or needs other inputs. */
export function whyNotComputable(id: string): string {
  return catalogueIds.includes(id)
    ? `metric "${id}" needs inputs other than deals; give its "value" or "series" instead (computable here: ${[...BUILT_IN.keys()].join(', ')})`
    : `unknown metric "${id}" (computable here: ${[...BUILT_IN.keys()].join(', ')})`;
}

/** Metric ids a scorecard over deals understands. */
export const DEAL_METRIC_IDS: readonly string[] = [...BUILT_IN.keys()];

export const dealMetrics: MetricLookup = (id) => BUILT_IN.get(id);

/**
 * Whether a KPI over this metric is judged by pacing while its period runs: the metric's own
 * `accumulates` (MetricMeta); a KPI's `accumulates` overrides it. No metric: false.
 */
export function accumulatesByDefault(meta: MetricMeta | undefined): boolean {
  return meta?.accumulates ?? false;
}
