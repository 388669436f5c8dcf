/**
 * The registry of catalogue metrics: stable id → { meta, compute }. A scorecard config names a
 * metric by id (`metric: "cac"`) and the kit looks it up here; docs/METRICS.md is generated from
 * the metadata (scripts/gen-metric-docs.mjs). Ids and formulas follow shared/KPI-CATALOGUE.md.
 *
 * `compute(input, options)` takes the input the metric's own function takes (see each file);
 * `clv-predictive` is fitted rather than computed, so its compute is the predictive CLV fit.
 * Code that computes over deals only (the scorecard) imports src/kpis/catalogue-deals.ts instead,
 * which carries those metrics alone.
 */
import { entryOf as fn, type CatalogueEntry } from './catalogue-deals.ts';
import { kpiEn } from '../core/i18n/en-kpi.ts';
import { registerMessages } from '../core/i18n/tables.ts';
import { revenue } from './revenue.ts';
import { revenueSplit } from './revenue-split.ts';
import { avgTransaction } from './avg-transaction.ts';
import { grossMargin } from './gross-margin.ts';
import { incrementalRevenue } from './incremental-revenue.ts';
import { cpl } from './cpl.ts';
import { cac } from './cac.ts';
import { mroi } from './mroi.ts';
import { ltvCac } from './ltv-cac.ts';
import { cacPayback } from './cac-payback.ts';
import { leadTransformationCost } from './lead-transformation-cost.ts';
import { leadSource } from './lead-source.ts';
import { bottleneck, conversion, conversionByChannel, conversionByChannelMeta } from './conversion-by-channel.ts';
import { mql, sql } from './stage-reached.ts';
import { winRate } from './win-rate.ts';
import { closeRate } from './close-rate.ts';
import { salesCycle } from './sales-cycle.ts';
import { activity } from './activity.ts';
import { ltvHistorical } from './ltv-historical.ts';
import { cltv } from './cltv.ts';
import { clvPredictiveMeta, runLtvFit } from '../models/clv-predictive.ts';
import { churn, retention } from './retention.ts';
import { renewalRate } from './renewal-rate.ts';
import { upsellRate } from './upsell-rate.ts';
import { saturation } from './saturation.ts';

export type { CatalogueEntry, CatalogueResult } from './catalogue-deals.ts';

/** Every catalogue metric, in the catalogue's order. */
// The catalogue shows its KPIs' names and formulas: their English comes with it.
registerMessages('en', kpiEn);

export const catalogueEntries: readonly CatalogueEntry[] = Object.freeze([
  fn(revenue),
  fn(revenueSplit),
  fn(avgTransaction),
  fn(grossMargin),
  fn(incrementalRevenue),
  fn(cpl),
  fn(cac),
  fn(mroi),
  fn(ltvCac),
  fn(cacPayback),
  fn(leadTransformationCost),
  fn(leadSource),
  fn(conversion),
  { meta: conversionByChannelMeta, compute: conversionByChannel as CatalogueEntry['compute'] },
  fn(mql),
  fn(sql),
  fn(bottleneck),
  fn(winRate),
  fn(closeRate),
  fn(salesCycle),
  fn(activity),
  fn(ltvHistorical),
  fn(cltv),
  { meta: clvPredictiveMeta, compute: runLtvFit as CatalogueEntry['compute'] },
  fn(retention),
  fn(churn),
  fn(renewalRate),
  fn(upsellRate),
  fn(saturation),
]);

/** id → entry. A Map, so an id from config (even `__proto__`) never reads a prototype. */
export const catalogue: ReadonlyMap<string, CatalogueEntry> = new Map(catalogueEntries.map((e) => [e.meta.id, e]));

export function metricById(id: string): CatalogueEntry | undefined {
  return catalogue.get(id);
}

export const metricIds: readonly string[] = Object.freeze(catalogueEntries.map((e) => e.meta.id));
