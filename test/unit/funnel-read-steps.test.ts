// <kpi-funnel>'s read in steps (widgets/funnel/compute.ts readFunnelRowsSteps): a large input
// yields as it goes, so the main thread can read it in slices when no worker runs the pipeline,
// and the rows it gives are counted exactly as before (worked out by hand below).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inputOf } from '../../src/core/element/pipeline.ts';
import { parseOptions } from '../../src/core/element/options.ts';
import { readNow } from '../../src/core/element/spec.ts';
import { funnelFields, funnelOptions, funnelSpec } from '../../src/widgets/funnel/spec.ts';
import { computeFunnelAnalysis, type FunnelData } from '../../src/widgets/funnel/compute.ts';

const STAGES = ['Prospecting', 'Engaging', 'Won', 'Lost'];

test('100,000 records are read in steps, with progress, and counted as by hand', () => {
  const rows = Array.from({ length: 100_000 }, (_, i) => ({ opportunity_id: `d${i}`, deal_stage: i === 5 ? 'Wonn' : STAGES[i % 4], close_value: i % 4 === 2 ? 100 : null }));
  const o = parseOptions(funnelOptions, { stageField: 'deal_stage', stages: 'Prospecting, Engaging, Won', lostValues: 'Lost', asOf: '2030-01-01' });
  const input = inputOf(funnelFields, { format: 'json', value: rows }, { mapping: { stage: 'deal_stage' }, lang: 'en', currency: 'USD', currencyExplicit: false });
  const steps = funnelSpec.read(input, o as never) as Generator<{ stage: string; done: number; total?: number }, unknown, void>;
  assert.equal(typeof steps.next, 'function', 'read returns steps');
  let yields = 0;
  let r = steps.next();
  for (; !r.done; r = steps.next()) {
    yields++;
    assert.equal(r.value.stage, 'read');
  }
  assert.ok(yields >= 20, `${yields} steps for 100,000 rows`);
  const read = readNow(r.value as never) as { data: FunnelData; rejected: readonly { row: number }[]; total: number };
  assert.equal(read.total, 100_000);
  // Row 6 (i = 5, an Engaging row typed "Wonn") is neither a stage nor a lost value: left out, named by its row.
  assert.deepEqual(read.rejected.map((x) => x.row), [6]);
  // 99,999 rows: 25,000 Prospecting, 24,999 Engaging, 25,000 Won, 25,000 Lost (reached Engaging, the stage before the last).
  // Reached Prospecting: all 99,999; Engaging: 99,999 − 25,000 still in Prospecting = 74,999; Won: 25,000.
  const a = computeFunnelAnalysis(read.data, o as never);
  assert.deepEqual(a.current.steps.map((s) => s.count), [99_999, 74_999, 25_000]);
});
