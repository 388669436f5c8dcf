/**
 * The part of the catalogue that a scorecard over deals can compute: the metrics whose function
 * takes a plain list of deals (MetricMeta.input), in catalogue order, and every catalogue id.
 * It imports only those metrics, so the scorecard carries neither the other metrics' code nor
 * the predictive CLV model (its fit lives in the worker). src/kpis/catalogue.ts is the whole
 * registry; test/unit/metrics-catalogue.test.ts checks that both lists here agree with it.
 */
import type { MetricMeta, MetricValue } from '../core/result.ts';
import type { Grouped, MetricOptions } from './metric.ts';
import { revenue } from './revenue.ts';
import { revenueSplit } from './revenue-split.ts';
import { avgTransaction } from './avg-transaction.ts';
import { leadSource } from './lead-source.ts';
import { bottleneck, conversion, conversionByChannel, conversionByChannelMeta } from './conversion-by-channel.ts';
import { mql, sql } from './stage-reached.ts';
import { winRate } from './win-rate.ts';
import { closeRate } from './close-rate.ts';
import { salesCycle } from './sales-cycle.ts';

/** What compute returns: a metric value, a grouped value, or (clv-predictive) the model's own result. */
export type CatalogueResult = MetricValue | Grouped | unknown;

export interface CatalogueEntry {
  readonly meta: MetricMeta;
  readonly compute: (input: any, options?: MetricOptions & Record<string, unknown>) => CatalogueResult;
}

/** A metric function as a catalogue entry. */
export const entryOf = (f: { meta: MetricMeta } & ((input: any, options?: any) => unknown)): CatalogueEntry => ({ meta: f.meta, compute: f });

/** Every catalogue id, in the catalogue's order (shared/KPI-CATALOGUE.md). */
export const catalogueIds: readonly string[] = Object.freeze([
  'revenue', 'revenue-split', 'avg-transaction', 'gross-margin', 'incremental-revenue',
  'cpl', 'cac', 'mroi', 'ltv-cac', 'cac-payback', 'lead-transformation-cost',
  'lead-source', 'conversion', 'conversion-by-channel', 'mql', 'sql', 'bottleneck', 'win-rate', 'close-rate', 'sales-cycle', 'activity',
  'ltv-historical', 'cltv', 'clv-predictive', 'retention', 'churn', 'renewal-rate', 'upsell-rate', 'saturation',
]);

/** The catalogue metrics over a plain list of deals, in catalogue order. */
export const dealCatalogueEntries: readonly CatalogueEntry[] = Object.freeze([
  entryOf(revenue),
  entryOf(revenueSplit),
  entryOf(avgTransaction),
  entryOf(leadSource),
  entryOf(conversion),
  { meta: conversionByChannelMeta, compute: conversionByChannel as CatalogueEntry['compute'] },
  entryOf(mql),
  entryOf(sql),
  entryOf(bottleneck),
  entryOf(winRate),
  entryOf(closeRate),
  entryOf(salesCycle),
]);
