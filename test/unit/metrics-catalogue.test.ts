/** The registry and its generated documentation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { catalogue, catalogueEntries, metricById, metricIds } from '../../src/kpis/catalogue.ts';
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

test('the public barrel exports the catalogue functions and the lead funnel', () => {
  for (const name of ['revenue', 'winRate', 'salesCycle', 'computeFunnel', 'conversionMeta', 'catalogue', 'checkReferences', 'parseRecords', 'Transaction', 'Deal', 'saleColumns', 'dealColumns', 'runLtvFit']) {
    assert.ok(name in publicApi, name);
  }
});

test('docs/METRICS.md is generated from the metadata and up to date', () => {
  const onDisk = readFileSync(new URL('../../docs/METRICS.md', import.meta.url), 'utf8');
  assert.equal(onDisk, renderMetricDocs(), 'docs/METRICS.md is out of date: run node --import tsx scripts/gen-metric-docs.mjs');
  for (const { meta } of catalogueEntries) {
    assert.ok(onDisk.includes(`\`${meta.id}\``), meta.id);
    assert.ok(onDisk.includes(meta.formula.en) && onDisk.includes(meta.formula.es), meta.id);
  }
});
