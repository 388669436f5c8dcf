/** The registry and its generated documentation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { catalogue, catalogueEntries, metricById, metricIds } from '../../src/kpis/catalogue.ts';
import { catalogueIds, dealCatalogueEntries } from '../../src/kpis/catalogue-deals.ts';
import * as publicApi from '../../src/kpis/index.ts';
// @ts-expect-error: a plain .mjs script without types
import { renderMetricDocs } from '../../scripts/gen-metric-docs.mjs';
import { deals } from './metrics-fixtures.ts';

// The ids of shared/KPI-CATALOGUE.md, in its order.
const CATALOGUE_IDS = [
  'revenue', 'revenue-split', 'avg-transaction', 'gross-margin', 'incremental-revenue',
  'cpl', 'cac', 'mroi', 'ltv-cac', 'cac-payback', 'lead-transformation-cost',
  'lead-source', 'conversion', 'conversion-by-channel', 'mql', 'sql', 'bottleneck', 'win-rate', 'close-rate', 'sales-cycle', 'activity',
  'ltv-historical', 'cltv', 'clv-predictive', 'retention', 'churn', 'renewal-rate', 'upsell-rate', 'saturation',
];

test('every catalogue id is registered, once, in order', () => {
  assert.deepEqual(metricIds, CATALOGUE_IDS);
  assert.deepEqual(catalogueIds, CATALOGUE_IDS);
  assert.equal(catalogue.size, CATALOGUE_IDS.length);
});

test('every entry carries complete metadata', () => {
  for (const { meta, compute } of catalogueEntries) {
    assert.equal(typeof compute, 'function', meta.id);
    for (const lang of ['en', 'es'] as const) {
      assert.ok(meta.name[lang].trim().length > 0, `${meta.id} name.${lang}`);
      assert.ok(meta.formula[lang].trim().length > 0, `${meta.id} formula.${lang}`);
    }
    assert.ok(['money', 'ratio', 'count', 'days', 'months', 'years', 'number'].includes(meta.unit), meta.id);
    assert.ok(meta.better === 'up' || meta.better === 'down' || meta.better === null, meta.id);
    assert.ok(meta.seeds.length > 0, meta.id);
  }
});

test('lookup by id never reads a prototype', () => {
  assert.equal(metricById('__proto__'), undefined);
  assert.equal(metricById('constructor'), undefined);
  const wr = metricById('win-rate')!;
  const v = wr.compute(deals) as { ok: boolean; value: number };
  assert.equal(v.ok && v.value, 3 / 5);
});

// kpi-kit/metrics, name by name (values only: types leave no trace at run time). Each KPI and its
// meta, the registry, result helpers, record schemas, the columnar path and deal summary, data
// quality, and one fit entry point. Anything added or dropped must be added or dropped here too.
const PUBLIC_NAMES = [
  // results
  'available', 'notAvailable', 'ratio', 'valueOr', 'readsList', 'isGrouped',
  // records
  'Activity', 'Cost', 'CustomerSummary', 'Deal', 'DealStatus', 'StageCount', 'Transaction', 'TransactionType',
  'LOST_VALUES', 'WON_VALUES', 'dealStatusOf', 'parseRecords', 'recordSchemas',
  // the catalogue
  'catalogue', 'catalogueEntries', 'metricById', 'metricIds',
  // the KPI names' message tables
  'loadMessages',
  // the KPIs and their metadata
  'revenue', 'revenueMeta', 'revenueSplit', 'revenueSplitMeta', 'avgTransaction', 'avgTransactionMeta',
  'grossMargin', 'grossMarginMeta', 'incrementalRevenue', 'incrementalRevenueMeta',
  'cpl', 'cplMeta', 'cac', 'cacMeta', 'mroi', 'mroiMeta', 'ltvCac', 'ltvCacMeta', 'cacPayback', 'cacPaybackMeta',
  'leadTransformationCost', 'leadTransformationCostMeta', 'leadSource', 'leadSourceMeta',
  'conversion', 'conversionMeta', 'conversionByChannel', 'conversionByChannelMeta', 'bottleneck', 'bottleneckMeta',
  'mql', 'mqlMeta', 'sql', 'sqlMeta', 'stageRate', 'DEFAULT_STAGES',
  'winRate', 'winRateMeta', 'closeRate', 'closeRateMeta', 'salesCycle', 'salesCycleMeta', 'activity', 'activityMeta',
  'ltvHistorical', 'ltvHistoricalMeta', 'cltv', 'cltvMeta', 'clvPredictiveMeta', 'retention', 'retentionMeta', 'churn', 'churnMeta',
  'renewalRate', 'renewalRateMeta', 'upsellRate', 'upsellRateMeta', 'saturation', 'saturationMeta',
  // the funnel as the element computes it
  'computeFunnel', 'analyseFunnel', 'reachedCounts',
  // what the bottleneck is worth, and the open pipeline's expected wins (issue 12)
  'funnelWhatIf', 'funnelWhatIfs', 'pipelineForecast',
  // large inputs
  'saleColumns', 'dealColumns', 'dealSummary',
  // data quality
  'checkReferences', 'checkRequiredWhen', 'nearDuplicates', 'suggest',
  // predictive CLV: one fit, then predictions
  'fitClv', 'predictClv', 'predictCustomerClv', 'summarizeTransactions',
];

test('the public entry point exports exactly its listed names', () => {
  assert.deepEqual(Object.keys(publicApi).sort(), [...PUBLIC_NAMES].sort());
  assert.equal(new Set(PUBLIC_NAMES).size, PUBLIC_NAMES.length, 'a name is listed twice');
  // internals stay internal: numerics, optimiser, the model fits' own steps, other fit paths
  for (const name of ['selectInPlace', 'medianInPlace', 'hyp2f1', 'logGamma', 'nelderMead', 'bfgs', 'fitBgNbd', 'fitGammaGamma', 'runLtvFit', 'fitInWorker', 'fitInSlices', 'evaluate', 'defineMetric']) {
    assert.ok(!(name in publicApi), name);
  }
  // every catalogue KPI's meta is exported under its function's name + Meta
  for (const { meta } of catalogueEntries) {
    const exported = Object.values(publicApi).some((v) => v === meta);
    assert.ok(exported, `${meta.id}: meta not exported`);
  }
});

test('metadata states the input each KPI reads and whether it accumulates over a period', () => {
  const kinds = ['deals', 'transactions', 'costs', 'activities', 'stage-counts', 'customer-summaries'];
  for (const { meta } of catalogueEntries) {
    const lists = meta.input.list ? [meta.input.list] : Object.values(meta.input.fields ?? {});
    assert.ok(lists.length > 0, `${meta.id}: no input`);
    for (const l of lists) for (const k of l) assert.ok(kinds.includes(k), `${meta.id}: ${k}`);
    assert.equal(typeof meta.accumulates, 'boolean', meta.id);
  }
  const accumulating = catalogueEntries.filter((e) => e.meta.accumulates).map((e) => e.meta.id);
  assert.deepEqual(accumulating, ['revenue', 'incremental-revenue', 'mql', 'sql', 'activity']);
  const overDeals = catalogueEntries.filter((e) => publicApi.readsList(e.meta, 'deals')).map((e) => e.meta.id);
  assert.deepEqual(overDeals, ['revenue', 'revenue-split', 'avg-transaction', 'lead-source', 'conversion', 'conversion-by-channel', 'mql', 'sql', 'bottleneck', 'win-rate', 'close-rate', 'sales-cycle']);
  // The scorecard's part of the catalogue (src/kpis/catalogue-deals.ts): exactly those, with the same functions.
  assert.deepEqual(dealCatalogueEntries.map((e) => e.meta.id), overDeals);
  for (const e of dealCatalogueEntries) assert.equal(e.meta, metricById(e.meta.id)!.meta, e.meta.id);
  assert.deepEqual(metricById('cac')!.meta.input, { fields: { costs: ['costs'], sales: ['deals', 'transactions'] } });
});

test('docs/METRICS.md is generated from the metadata and up to date', () => {
  const onDisk = readFileSync(new URL('../../docs/METRICS.md', import.meta.url), 'utf8');
  assert.equal(onDisk, renderMetricDocs(), 'docs/METRICS.md is out of date: run node --import tsx scripts/gen-metric-docs.mjs');
  for (const { meta } of catalogueEntries) {
    assert.ok(onDisk.includes(`\`${meta.id}\``), meta.id);
    assert.ok(onDisk.includes(meta.formula.en) && onDisk.includes(meta.formula.es), meta.id);
  }
});
