// The pipeline forecast (src/kpis/pipeline-forecast.ts) as tables worked out by hand, then on the
// CRM export through the funnel's read path, checked against an independent count of the CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pipelineForecast } from '../../src/kpis/pipeline-forecast.ts';
import type { FunnelRecord } from '../../src/kpis/funnel-records.ts';
import type { MetricValue } from '../../src/core/result.ts';
import { runWidget } from './bad-inputs-harness.ts';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≈ ${b}`);
const v = (m: MetricValue): number | string => (m.ok ? m.value : m.reason);
const same = (got: number | string, want: number | string, what: string) =>
  typeof want === 'number' && typeof got === 'number' ? close(got, want) : assert.equal(got, want, what);

const STAGES = ['Lead', 'Qualified', 'Proposal', 'Won'];
const rep = (n: number, r: FunnelRecord): FunnelRecord[] => Array.from({ length: n }, () => ({ ...r }));
const RECORDS: FunnelRecord[] = [
  // Won: 4, three with a value: 100 + 200 + 300 = 600 → average won value 600 / 3 = 200.
  { stage: 'Won', value: 100 }, { stage: 'Won', value: 200 }, { stage: 'Won', value: 300 }, { stage: 'Won' },
  // Lost: 2 at Lead, 1 at Qualified, 1 with no lost-at stage (→ the stage before the last, Proposal).
  ...rep(2, { stage: 'Lost', lostAt: 'Lead' }), { stage: 'Lost', lostAt: 'Qualified' }, { stage: 'Lost' },
  // Open: 3 at Lead (no value); 2 at Qualified, one worth 50, one without a value; none at Proposal.
  ...rep(3, { stage: 'Lead' }), { stage: 'Qualified', value: 50 }, { stage: 'Qualified' },
  // A stage no one knows: left out.
  { stage: 'Foo' },
];

test('forecast by stage: win rates from the closed deals that reached each stage', () => {
  const f = pipelineForecast(RECORDS, { stages: STAGES, lostValues: ['Lost'] });
  assert.deepEqual([f.open, f.won, f.lost, f.unplaced], [5, 4, 4, 1]);
  same(v(f.averageWonValue), 200, 'average won'); // 600 / 3
  // Lost that reached: Lead 2 + 1 + 1 = 4; Qualified 1 + 1 = 2; Proposal 1.
  // [stage, open, lost reached, win rate, expected wins, expected value]
  const table: [string, number, number, number, number, number][] = [
    // Lead: 4 / (4 + 4) = 0.5; wins 3 × 0.5 = 1.5; value 0.5 × (3 × 200) = 300.
    ['Lead', 3, 4, 0.5, 1.5, 300],
    // Qualified: 4 / (4 + 2) = 2/3; wins 2 × 2/3 = 4/3; value 2/3 × (50 + 1 × 200) = 2/3 × 250 = 500/3.
    ['Qualified', 2, 2, 2 / 3, 4 / 3, 500 / 3],
    // Proposal: 4 / (4 + 1) = 0.8; no open deal: 0 and 0.
    ['Proposal', 0, 1, 0.8, 0, 0],
  ];
  assert.equal(f.stages.length, 3);
  table.forEach(([stage, open, lost, rate, wins, value], k) => {
    const s = f.stages[k]!;
    assert.deepEqual([s.stage, s.open, s.won, s.lost], [stage, open, 4, lost]);
    same(v(s.winRate), rate, `${stage} rate`);
    same(v(s.expectedWins), wins, `${stage} wins`);
    same(v(s.expectedValue), value, `${stage} value`);
  });
  // Totals: 1.5 + 4/3 + 0 = 17/6 wins; 300 + 500/3 + 0 = 1400/3.
  close(v(f.expectedWins) as number, 17 / 6);
  close(v(f.expectedValue) as number, 1400 / 3);
});

test('forecast edge cases: no closed deal, no values, own values only, placed by dates', () => {
  // Only open deals: no win rate anywhere; the stages with open deals and the totals are not available.
  const none = pipelineForecast([{ stage: 'Lead' }, { stage: 'Lead' }], { stages: STAGES, lostValues: ['Lost'] });
  assert.deepEqual(none.stages.map((s) => v(s.expectedWins)), ['zero-denominator', 0, 0]);
  assert.equal(v(none.expectedWins), 'zero-denominator');

  // No values: 1 won, 1 lost (at Proposal), 2 open at Lead → rate 1/2, wins 2 × 1/2 = 1; value not available.
  const noValue = pipelineForecast([{ stage: 'Won' }, { stage: 'Lost' }, { stage: 'Lead' }, { stage: 'Lead' }], { stages: STAGES, lostValues: ['Lost'] });
  assert.deepEqual([v(noValue.stages[0]!.expectedWins), v(noValue.stages[0]!.expectedValue), v(noValue.averageWonValue)], [1, 'missing-input', 'zero-denominator']);

  // Every open deal has its own value: no average needed. 1 won, 1 lost → 1/2; 0.5 × (80 + 20) = 50.
  const own = pipelineForecast([{ stage: 'Won' }, { stage: 'Lost' }, { stage: 'Lead', value: 80 }, { stage: 'Lead', value: 20 }], { stages: STAGES, lostValues: ['Lost'] });
  assert.equal(v(own.stages[0]!.expectedValue), 50);

  // Placed by dates: no stage named, dates for Lead and Qualified → open at Qualified.
  // Won 1, lost 1 at Lead (its only date) → Qualified's rate 1 / (1 + 0) = 1; Lead's 1 / 2.
  const dated = pipelineForecast(
    [{ dates: [1, 2, undefined, undefined] }, { stage: 'Won' }, { stage: 'Lost', dates: [1, undefined, undefined, undefined] }],
    { stages: STAGES, lostValues: ['Lost'] },
  );
  assert.deepEqual(dated.stages.map((s) => s.open), [0, 1, 0]);
  assert.deepEqual(dated.stages.map((s) => v(s.winRate)), [0.5, 1, 1]);
  assert.equal(v(dated.expectedWins), 1);

  // Fewer than two stages: no forecast.
  assert.equal(v(pipelineForecast([{ stage: 'Won' }], { stages: ['Won'], lostValues: [] }).expectedWins), 'missing-input');
});

test('the CRM export: 2,089 open deals → 1,319.20 expected wins, $3,114,522.50 expected (independent count)', async () => {
  const csv = readFileSync(new URL('../../data/sales_pipeline.csv', import.meta.url), 'utf8');
  // Independent: split the CSV by hand (no quoted fields in this file), count by deal_stage.
  const lines = csv.trim().split(/\r?\n/);
  const head = lines[0]!.split(',');
  const col = (name: string) => head.indexOf(name);
  const rows = lines.slice(1).map((l) => l.split(','));
  const by = (stage: string) => rows.filter((r) => r[col('deal_stage')] === stage);
  const won = by('Won');
  const lost = by('Lost');
  const prospecting = by('Prospecting');
  const engaging = by('Engaging');
  assert.deepEqual([won.length, lost.length, prospecting.length, engaging.length], [4238, 2473, 500, 1589]);
  // Every lost deal has an engage date, so it reached Engaging: the closed deals that reached
  // Prospecting and those that reached Engaging are the same 4,238 + 2,473 = 6,711.
  const lostEngaged = lost.filter((r) => r[col('engage_date')] !== '').length;
  assert.equal(lostEngaged, 2473);
  const rateP = won.length / (won.length + lost.length);
  const rateE = won.length / (won.length + lostEngaged);
  close(rateP, 4238 / 6711); // 0.63150…
  // No open deal has a close_value: each counts at the average won value, 10,005,534 / 4,238 = 2,360.909….
  assert.equal([...prospecting, ...engaging].filter((r) => r[col('close_value')] !== '').length, 0);
  const wonSum = won.reduce((s, r) => s + Number(r[col('close_value')]), 0);
  assert.equal(wonSum, 10_005_534);
  const avg = wonSum / won.length;
  const expect = {
    wins: [500 * rateP, 1589 * rateE], // 315.75…, 1,003.45…
    value: [500 * rateP * avg, 1589 * rateE * avg],
  };

  const o = await runWidget('funnel', csv, 'src', {
    fields: { stage: 'deal_stage', value: 'close_value' },
    options: { stages: 'Prospecting, Engaging, Won', lostValues: 'Lost', stageDates: 'Engaging:engage_date, Won:close_date' },
  });
  assert.equal(o.state, 'ready');
  const r = (o as { result: any }).result; // eslint-disable-line @typescript-eslint/no-explicit-any
  // The funnel's own numbers are unchanged.
  assert.deepEqual(r.current.steps.map((s: { count: number }) => s.count), [8800, 8300, 4238]);
  const f = r.forecast;
  assert.deepEqual(f.stages.map((s: { open: number }) => s.open), [500, 1589]);
  assert.deepEqual([f.won, f.lost, f.unplaced], [4238, 2473, 0]);
  close(f.stages[0].winRate.value, rateP);
  close(f.stages[1].winRate.value, rateE);
  close(f.stages[0].expectedWins.value, expect.wins[0]!);
  close(f.stages[1].expectedWins.value, expect.wins[1]!);
  close(f.stages[0].expectedValue.value, expect.value[0]!, 1e-6);
  close(f.stages[1].expectedValue.value, expect.value[1]!, 1e-6);
  // Totals: 2,089 × 4,238 / 6,711 = 1,319.2046…; 2,089 × 10,005,534 / 6,711 = 3,114,522.504…
  close(f.expectedWins.value, (2089 * 4238) / 6711, 1e-9);
  close(f.expectedValue.value, (2089 * 10_005_534) / 6711, 1e-6);
  close(f.expectedWins.value, 1319.2046, 1e-4);
  close(f.expectedValue.value, 3_114_522.504, 1e-3);
});
