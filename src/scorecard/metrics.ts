/**
 * The metrics a scorecard KPI can name (`metric: 'win-rate'`), over deals.
 *
 * Each entry is the metric library's own function (src/metrics/*) with its meta; the scorecard
 * adds nothing to the arithmetic. One scorecard-local count lives here because the catalogue
 * has no plain "opportunities opened" count: `deals-opened`, the deals created in the period,
 * which seed 001 pairs with the win rate ("who opens opportunities well but closes badly?").
 */
import type { Deal } from '../schema/records.ts';
import { available, notAvailable, type MetricMeta, type MetricValue } from '../metrics/result.ts';
import { evaluate, type Grouped, type MetricOptions } from '../metrics/period.ts';
import { revenue } from '../metrics/revenue.ts';
import { winRate } from '../metrics/win-rate.ts';
import { avgTransaction } from '../metrics/avg-transaction.ts';
import { salesCycle } from '../metrics/sales-cycle.ts';
import { closeRate } from '../metrics/close-rate.ts';

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

type AnyMetric = ((input: readonly Deal[], options?: object) => MetricValue | Grouped) & { readonly meta: MetricMeta };

const wrap = (fn: AnyMetric): ScorecardMetric => ({ meta: fn.meta, compute: (deals, options) => fn(deals, options) });

const BUILT_IN: ReadonlyMap<string, ScorecardMetric> = new Map<string, ScorecardMetric>([
  ['revenue', wrap(revenue as unknown as AnyMetric)],
  ['win-rate', wrap(winRate as unknown as AnyMetric)],
  ['avg-transaction', wrap(avgTransaction as unknown as AnyMetric)],
  ['sales-cycle', wrap(salesCycle as unknown as AnyMetric)],
  ['close-rate', wrap(closeRate as unknown as AnyMetric)],
  ['deals-opened', { meta: dealsOpenedMeta, compute: (deals, options) => dealsOpened(deals, options) }],
]);

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
