/**
 * The part of the catalogue a scorecard computes from its named sources (deals, leads, costs,
 * transactions, activities): every metric whose function takes records, in catalogue order —
 * all of src/kpis/catalogue.ts except `clv-predictive`, which is fitted (a model, in the worker),
 * not computed. Each entry's `meta.input` says which records it reads; the scorecard resolves
 * them to its sources from that metadata alone (src/widgets/scorecard/sources.ts), so a KPI
 * needs no code of its own there. Importing this reaches no model
 * (test/unit/lean-imports.test.ts); test/unit/metrics-catalogue.test.ts checks it against the
 * whole catalogue.
 */
import { entryOf, dealCatalogueEntries, type CatalogueEntry } from './catalogue-deals.ts';
import { grossMargin } from './gross-margin.ts';
import { incrementalRevenue } from './incremental-revenue.ts';
import { cpl } from './cpl.ts';
import { cac } from './cac.ts';
import { mroi } from './mroi.ts';
import { ltvCac } from './ltv-cac.ts';
import { cacPayback } from './cac-payback.ts';
import { leadTransformationCost } from './lead-transformation-cost.ts';
import { activity } from './activity.ts';
import { ltvHistorical } from './ltv-historical.ts';
import { cltv } from './cltv.ts';
import { churn, retention } from './retention.ts';
import { renewalRate } from './renewal-rate.ts';
import { upsellRate } from './upsell-rate.ts';
import { saturation } from './saturation.ts';
import { catalogueIds } from './catalogue-deals.ts';

/** The ids computed from records elsewhere (fitted models): not scorecard sources' business. */
export const FITTED_IDS: readonly string[] = Object.freeze(['clv-predictive']);

const others: readonly CatalogueEntry[] = [
  entryOf(grossMargin),
  entryOf(incrementalRevenue),
  entryOf(cpl),
  entryOf(cac),
  entryOf(mroi),
  entryOf(ltvCac),
  entryOf(cacPayback),
  entryOf(leadTransformationCost),
  entryOf(activity),
  entryOf(ltvHistorical),
  entryOf(cltv),
  entryOf(retention),
  entryOf(churn),
  entryOf(renewalRate),
  entryOf(upsellRate),
  entryOf(saturation),
];

const byId = new Map<string, CatalogueEntry>([...dealCatalogueEntries, ...others].map((e) => [e.meta.id, e]));

/** Every catalogue metric computed from records, in the catalogue's order. */
export const sourceCatalogueEntries: readonly CatalogueEntry[] = Object.freeze(
  catalogueIds.filter((id) => byId.has(id)).map((id) => byId.get(id)!),
);
