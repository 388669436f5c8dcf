// Funnel arithmetic as tables. Every expected value is worked out by hand in the comment beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFunnel } from '../../src/kpis/funnel.ts';
import { reachedCounts } from '../../src/kpis/funnel-records.ts';
import { analyseFunnel } from '../../src/kpis/funnel-analysis.ts';
import { bucketKey as periodKey } from '../../src/core/calendar.ts';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) < eps, `${a} ≈ ${b}`);
const val = (m: { ok: boolean; value?: number }) => (m.ok ? m.value! : NaN);

test('conversion, drop-off and overall on a plain funnel', () => {
  // 1000 visitors → 200 leads → 50 MQL → 10 won
  const f = computeFunnel([
    { stage: 'Visitors', count: 1000 },
    { stage: 'Leads', count: 200 },
    { stage: 'MQL', count: 50 },
    { stage: 'Won', count: 10 },
  ]);
  const table: [string, number, number, number, number][] = [
    // stage, fromPrevious, fromFirst, dropOff, dropOffRate
    ['Leads', 200 / 1000, 0.2, 800, 0.8],
    ['MQL', 50 / 200, 0.05, 150, 0.75],
    ['Won', 10 / 50, 0.01, 40, 0.8],
  ];
  for (const [stage, fromPrev, fromFirst, drop, dropRate] of table) {
    const s = f.steps.find((x) => x.stage === stage)!;
    close(val(s.fromPrevious), fromPrev);
    close(val(s.fromFirst), fromFirst);
    assert.equal(s.dropOff, drop);
    close(val(s.dropOffRate), dropRate);
  }
  close(val(f.overall), 0.01); // 10 / 1000
  assert.equal(f.steps[0]!.fromPrevious.ok, false);
  close(val(f.steps[0]!.fromFirst), 1);
  // Weakest step without targets: MQL→Won 0.2 ties Visitors→Leads 0.2; the first one found wins.
  assert.deepEqual([f.bottleneck?.stage, f.bottleneck?.basis], ['Leads', 'weakest']);
});

test('bottleneck against targets is the step furthest below its target', () => {
  // Leads 0.2 vs 0.25 (gap −0.05); MQL 0.25 vs 0.4 (gap −0.15); Won 0.2 vs 0.1 (gap +0.1)
  const f = computeFunnel(
    [
      { stage: 'Visitors', count: 1000 },
      { stage: 'Leads', count: 200 },
      { stage: 'MQL', count: 50 },
      { stage: 'Won', count: 10 },
    ],
    { Leads: 0.25, MQL: 0.4, Won: 0.1 },
  );
  assert.equal(f.bottleneck?.stage, 'MQL');
  assert.equal(f.bottleneck?.basis, 'target');
  close(f.bottleneck!.gap!, -0.15);
  assert.deepEqual(f.missedTargets, ['Leads', 'MQL']);
  assert.equal(f.steps[3]!.missed, false);
});

test('positional targets apply to the steps after the first', () => {
  const f = computeFunnel([{ stage: 'A', count: 100 }, { stage: 'B', count: 30 }, { stage: 'C', count: 20 }], [null, 0.5, 0.5]);
  // B: 0.3 < 0.5 missed; C: 20/30 = 0.667 ≥ 0.5 met
  assert.deepEqual(f.missedTargets, ['B']);
});

test('zero denominators are "not available", never NaN or Infinity', () => {
  const f = computeFunnel([{ stage: 'Leads', count: 0 }, { stage: 'MQL', count: 0 }, { stage: 'Won', count: 0 }]);
  for (const s of f.steps) {
    assert.equal(s.fromFirst.ok, false);
    if (!s.fromFirst.ok) assert.equal(s.fromFirst.reason, 'zero-denominator');
    assert.equal(s.fromPrevious.ok, false);
  }
  assert.equal(f.overall.ok, false);
  assert.equal(f.bottleneck, null);
  assert.equal(JSON.stringify(f).includes('NaN'), false);
});

test('empty middle stage: conversions after it are not available, overall still computed', () => {
  // 100 → 0 → 0: step 1 = 0/100 = 0; step 2 = 0/0 n/a; overall = 0/100 = 0
  const f = computeFunnel([{ stage: 'A', count: 100 }, { stage: 'B', count: 0 }, { stage: 'C', count: 0 }]);
  close(val(f.steps[1]!.fromPrevious), 0);
  assert.equal(f.steps[2]!.fromPrevious.ok, false);
  close(val(f.overall), 0);
  assert.equal(f.bottleneck?.stage, 'B');
});

test('non-monotonic data is flagged, not hidden', () => {
  // 100 → 120: conversion 1.2, drop-off −20
  const f = computeFunnel([{ stage: 'Leads', count: 100 }, { stage: 'MQL', count: 120 }, { stage: 'SQL', count: 30 }]);
  assert.deepEqual(f.nonMonotonic, ['MQL']);
  close(val(f.steps[1]!.fromPrevious), 1.2);
  assert.equal(f.steps[1]!.dropOff, -20);
  assert.equal(f.steps[2]!.nonMonotonic, false);
});

test('records: reaching a later stage counts in every earlier one; lost deals leave where they were', () => {
  const stages = ['Prospecting', 'Engaging', 'Won'];
  const records = [
    { stage: 'Prospecting' }, // reached 0
    { stage: 'Engaging' }, // reached 0,1
    { stage: 'Won' }, // reached 0,1,2
    { stage: 'Won' },
    { stage: 'Lost' }, // no dates, no lostAt → the stage before the last: 0,1
    { stage: 'Lost', lostAt: 'Prospecting' }, // 0
    { stage: 'Unknown' }, // unplaced
  ];
  const r = reachedCounts(records, { stages, lostValues: ['Lost'] });
  // Prospecting: 6 placed records; Engaging: Engaging + 2 Won + 1 Lost = 4; Won: 2
  assert.deepEqual(r.counts.map((c) => c.count), [6, 4, 2]);
  assert.deepEqual(r.unplaced, [7]);
  assert.equal(r.lost, 2);
});

test('records with a date per stage: furthest dated stage counts; median days between stages', () => {
  const d = (s: string) => Date.parse(`${s}T00:00:00Z`);
  const stages = ['Lead', 'Opportunity', 'Won'];
  const records = [
    { dates: [d('2024-01-01'), d('2024-01-11'), d('2024-02-10')] }, // 10 d, 30 d
    { dates: [d('2024-01-01'), d('2024-01-21'), undefined] }, // 20 d
    { dates: [d('2024-01-05'), undefined, undefined] },
    { dates: [undefined, d('2024-03-01'), undefined] }, // reached Opportunity without a Lead date: counts in Lead too
    { stage: 'Lost', dates: [d('2024-01-01'), d('2024-01-31'), d('2024-02-20')] }, // lost: capped before Won → 0,1; 30 d
  ];
  const r = reachedCounts(records, { stages, lostValues: ['Lost'] });
  assert.deepEqual(r.counts.map((c) => c.count), [5, 4, 1]);
  // Lead→Opportunity gaps: 10, 20, 30 → median 20. Opportunity→Won: 30 (the lost record's Won date is ignored).
  close(val(r.counts[1]!.medianDays!), 20);
  close(val(r.counts[2]!.medianDays!), 30);
});

test('values are summed over the records that reached each stage', () => {
  const r = reachedCounts(
    [{ stage: 'Won', value: 100 }, { stage: 'Engaging', value: 40 }, { stage: 'Lost', value: 0 }],
    { stages: ['Prospecting', 'Engaging', 'Won'], lostValues: ['Lost'] },
  );
  // Prospecting: 100 + 40 + 0; Engaging: 100 + 40 + 0 (lost reached Engaging); Won: 100
  assert.deepEqual(r.counts.map((c) => c.value), [140, 140, 100]);
});

test('period keys in UTC', () => {
  const t = Date.UTC(2017, 8, 30); // 2017-09-30
  assert.equal(periodKey(t, 'quarter'), '2017-Q3');
  assert.equal(periodKey(t, 'month'), '2017-09');
  assert.equal(periodKey(t, 'year'), '2017');
  assert.equal(periodKey(Date.UTC(2021, 0, 3), 'week'), '2020-W53');
  assert.equal(periodKey(Date.UTC(2024, 0, 1), 'week'), '2024-W01');
});

test('analysis: latest period vs the one before, segments largest first', () => {
  const rows = [
    { stage: 'A', count: 100, period: '2024-Q1', group: 'web' },
    { stage: 'B', count: 40, period: '2024-Q1', group: 'web' },
    { stage: 'A', count: 50, period: '2024-Q2', group: 'web' },
    { stage: 'B', count: 25, period: '2024-Q2', group: 'web' },
    { stage: 'A', count: 150, period: '2024-Q2', group: 'ads' },
    { stage: 'B', count: 30, period: '2024-Q2', group: 'ads' },
  ];
  const a = analyseFunnel(rows, { input: 'stages', lostValues: [] });
  assert.equal(a.period, '2024-Q2');
  assert.equal(a.previousPeriod, '2024-Q1');
  // Q2: A = 200, B = 55 → 0.275; Q1: 40/100 = 0.4
  close(val(a.current.overall), 55 / 200);
  close(val(a.previous!.overall), 0.4);
  // Change against Q1: 0.275 − 0.4 = −0.125 overall; counts A 200 − 100 = +100, B 55 − 40 = +15
  close(a.change!.overall!, -0.125);
  assert.deepEqual(a.change!.counts, [100, 15]);
  assert.deepEqual(a.segments.map((s) => [s.key, s.size]), [['ads', 150], ['web', 50]]);
  close(val(a.segments[0]!.funnel.overall), 0.2);
  close(val(a.segments[1]!.funnel.overall), 0.5);
});

test('segment matrix cells: shared 0–100 % scale, reference tick, above/below', async () => {
  const { matrixCell } = await import('../../src/charts/segment-matrix-layout.ts');
  assert.deepEqual(matrixCell(0.5, 0.25, 80), { w: 40, refX: 20, vsReference: 'above' });
  assert.deepEqual(matrixCell(0.1, 0.25, 80), { w: 8, refX: 20, vsReference: 'below' });
  assert.deepEqual(matrixCell(1.4, null, 80), { w: 80, refX: null, vsReference: null }); // clamped: a growing stage
  assert.deepEqual(matrixCell(null, 0.3, 80), { w: 0, refX: 24, vsReference: null });
  assert.deepEqual(matrixCell(0.001, 0.3, 80), { w: 1, refX: 24, vsReference: 'below' }); // a sliver stays visible
});
