import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildScorecard, statusChanges, resolveNow } from '../../src/widgets/scorecard/model.ts';
import { buildMatrix, sortMatrixRows, medianOf } from '../../src/widgets/scorecard/matrix.ts';
import { dealMetrics } from '../../src/widgets/scorecard/metrics.ts';
import { toDeals } from '../../src/widgets/scorecard/records.ts';
import { ScorecardConfig, type KpiConfig } from '../../src/widgets/scorecard/config.ts';
import type { Deal } from '../../src/core/schema/records.ts';

const cfg = (kpis: Partial<KpiConfig>[], extra: Partial<ScorecardConfig> = {}) =>
  ScorecardConfig.parse({ kpis: kpis.map((k, i) => ({ id: `k${i}`, label: `K${i}`, targetPeriod: 'quarter', target: 100, ...k })), ...extra });

const deal = (id: string, owner: string, status: 'won' | 'lost' | 'open', amount: number, created: string, closed?: string): Deal => ({
  id, owner, status, amount, createdDate: new Date(`${created}T00:00:00Z`), ...(closed ? { closeDate: new Date(`${closed}T00:00:00Z`) } : {}),
}) as Deal;

// Q3 2017: 300 of revenue; Q4 2017 to 15 Nov: 250.
const deals: Deal[] = [
  deal('a', 'Ana', 'won', 100, '2017-06-01', '2017-07-10'),
  deal('b', 'Ana', 'won', 200, '2017-06-15', '2017-08-20'),
  deal('c', 'Bo', 'lost', 0, '2017-07-01', '2017-09-01'),
  deal('d', 'Bo', 'won', 150, '2017-09-01', '2017-10-10'),
  deal('e', 'Ana', 'won', 100, '2017-09-20', '2017-11-01'),
  deal('f', 'Bo', 'lost', 0, '2017-10-01', '2017-11-05'),
  deal('g', 'Cy', 'open', 0, '2017-10-20'),
  deal('h', 'Cy', 'open', 0, '2017-10-21'),
  deal('i', 'Cy', 'open', 0, '2017-10-22'),
];

test('resolveNow: asOf is the end of that day', () => {
  assert.equal(new Date(resolveNow(cfg([], { asOf: '2017-12-31' }), 0)).toISOString(), '2018-01-01T00:00:00.000Z');
  assert.equal(resolveNow(cfg([]), 42), 42);
});

test('supplied value: status against the full target (not a total)', () => {
  const m = buildScorecard({ config: cfg([{ value: 95 }], { asOf: '2017-11-15' }), deals: [], metrics: dealMetrics });
  const k = m.kpis[0]!;
  assert.equal(k.status, 'at-risk');
  assert.equal(k.pacing, null);
  assert.equal(k.period.key, '2017-Q4');
  assert.equal(k.source, 'supplied');
  assert.equal(m.status, 'at-risk');
});

test('supplied series: current point, comparison with previous and last year', () => {
  const series = [
    { period: '2016-Q4', value: 80 }, { period: '2017-Q1', value: 90 }, { period: '2017-Q2', value: 70 },
    { period: '2017-Q3', value: 100 }, { period: '2017-Q4', value: 110 },
  ];
  const m = buildScorecard({ config: cfg([{ series }, { series, comparison: 'same-period-last-year' }], { asOf: '2017-12-31' }), deals: [], metrics: dealMetrics });
  const [a, b] = m.kpis;
  assert.equal(a!.value.ok && a!.value.value, 110);
  assert.equal(a!.comparison?.key, '2017-Q3');
  assert.equal(a!.comparison?.delta, 10);
  assert.equal(a!.comparison?.deltaRatio, 0.1);
  assert.equal(b!.comparison?.key, '2016-Q4');
  assert.equal(b!.comparison?.delta, 30);
  assert.deepEqual(a!.series.map((s) => s.key), ['2016-Q4', '2017-Q1', '2017-Q2', '2017-Q3', '2017-Q4']);
  assert.equal(a!.status, 'on-track');
});

test('supplied series ending before now: the latest period is current; alive reflects its age', () => {
  const m = buildScorecard({
    config: cfg([{ series: [{ period: '2017-01', value: 5 }, { period: '2017-02', value: 6 }, { period: '2017-03', value: 7 }], targetPeriod: 'month', reviewCadence: 'monthly', target: 7 }], { asOf: '2017-09-30' }),
    deals: [], metrics: dealMetrics,
  });
  const k = m.kpis[0]!;
  assert.equal(k.period.key, '2017-03');
  assert.equal(k.status, 'on-track');
  const alive = k.checks.find((c) => c.a === 'alive')!;
  assert.equal(alive.mark, 'fail');
  assert.equal(alive.code, 'stale');
});

test('computed total in a running quarter: judged against expected-to-date (pacing)', () => {
  // 15 Nov = 46 of 92 days → expected 50 % of 500 = 250; Q4 revenue to date = 150 + 100 = 250.
  const m = buildScorecard({ config: cfg([{ metric: 'revenue', target: 500 }], { asOf: '2017-11-15' }), deals, metrics: dealMetrics });
  const k = m.kpis[0]!;
  assert.equal(k.accumulates, true);
  assert.equal(k.value.ok && k.value.value, 250);
  assert.equal(k.pacing?.state, 'running');
  assert.equal(Math.round(k.pacing!.expectedToDate), 250);
  assert.equal(k.status, 'on-track');
  // Compared to the same 46 days of Q3 (1 Jul – 15 Aug): 100.
  assert.equal(k.comparison?.toDate, true);
  assert.equal(k.comparison?.value.ok && k.comparison.value.value, 100);
  assert.equal(k.comparison?.delta, 150);
});

test('computed total in the first days of a quarter: too early, not off track', () => {
  const m = buildScorecard({ config: cfg([{ metric: 'revenue', target: 500 }], { asOf: '2017-10-02' }), deals, metrics: dealMetrics });
  const k = m.kpis[0]!;
  assert.equal(k.pacing?.state, 'too-early');
  assert.equal(k.status, 'unknown');
  assert.equal(k.statusReason, 'too-early');
});

test('computed rate: full target at any time; lower-is-better direction from the catalogue', () => {
  const m = buildScorecard({
    config: cfg([{ metric: 'win-rate', target: 0.7 }, { metric: 'sales-cycle', target: 30 }], { asOf: '2017-11-15' }),
    deals, metrics: dealMetrics,
  });
  const [win, cycle] = m.kpis;
  assert.equal(win!.accumulates, false);
  assert.equal(win!.value.ok && win!.value.value, 2 / 3); // Q4 to date: d, e won; f lost
  assert.equal(win!.status, 'at-risk'); // 0.667 ≥ 0.63 (0.9 × 0.7)
  assert.equal(cycle!.direction, 'down');
  // Q4 won: d 39 days, e 42 days → 40.5 > 33 (1.1 × 30)
  assert.equal(cycle!.value.ok && cycle!.value.value, 40.5);
  assert.equal(cycle!.status, 'off-track');
  assert.equal(m.status, 'off-track');
});

test('six marks are present in order; config fields drive aligned/actionable/alive', () => {
  const m = buildScorecard({
    config: cfg([{ metric: 'revenue', target: 500, objective: 'Grow', owner: 'Ana', reviewCadence: 'monthly' }], { asOf: '2017-11-15' }),
    deals, quality: { valid: 9, rejected: 0 }, metrics: dealMetrics,
  });
  const marks = Object.fromEntries(m.kpis[0]!.checks.map((c) => [c.a, `${c.mark}:${c.code}`]));
  assert.deepEqual(Object.keys(marks), ['aligned', 'achievable', 'sharp', 'accurate', 'actionable', 'alive']);
  assert.equal(marks.aligned, 'pass:objective');
  assert.equal(marks.actionable, 'pass:owner');
  assert.equal(marks.accurate, 'pass:all-valid');
  assert.equal(marks.alive, 'pass:fresh'); // newest deal 5 Nov, 11 days before 16 Nov
  assert.equal(m.kpis[0]!.dataAgeDays, 11);
});

test('too many KPIs: scorecard-level and per-KPI sharp warning', () => {
  const many = Array.from({ length: 8 }, () => ({ series: [{ period: '2017-Q1', value: 1 }, { period: '2017-Q2', value: 2 }, { period: '2017-Q3', value: 3 }] }));
  const m = buildScorecard({ config: cfg(many, { asOf: '2017-09-30' }), deals: [], metrics: dealMetrics });
  assert.equal(m.countCheck.mark, 'warn');
  assert.equal(m.kpis[0]!.checks[2]!.code, 'too-many-kpis');
  const ok = buildScorecard({ config: cfg(many, { asOf: '2017-09-30', maxKpis: 8 }), deals: [], metrics: dealMetrics });
  assert.equal(ok.countCheck.mark, 'pass');
});

test('unknown metric and thresholds in the wrong order are reported as problems', () => {
  const m = buildScorecard({
    config: cfg([{ metric: 'telepathy' }, { value: 1, thresholds: { warning: 0.8, critical: 0.9 } }]),
    deals, metrics: dealMetrics,
  });
  assert.deepEqual(m.problems.map((p) => [p.index, p.field]), [[0, 'metric'], [1, 'thresholds']]);
});

test('statusChanges: KPIs that crossed a threshold', () => {
  const before = buildScorecard({ config: cfg([{ value: 95 }, { value: 100 }]), deals: [], metrics: dealMetrics });
  const after = buildScorecard({ config: cfg([{ value: 80 }, { value: 101 }]), deals: [], metrics: dealMetrics });
  assert.deepEqual(statusChanges(before, after), [{ id: 'k0', from: 'at-risk', to: 'off-track' }]);
  assert.deepEqual(statusChanges(undefined, after), []);
});

test('matrix: rows per member, contrast flags who opens well but closes badly, sort with n/a last', () => {
  const config = cfg(
    [{ id: 'opened', metric: 'deals-opened', target: 10 }, { id: 'win', metric: 'win-rate', target: 0.6 }],
    { asOf: '2017-12-31', contrast: { high: 'opened', low: 'win' } },
  );
  const mx = buildMatrix({ config, deals, metrics: dealMetrics, groupBy: 'owner', groupOf: (d) => d.owner });
  assert.deepEqual(mx.rows.map((r) => r.member), ['Ana', 'Bo', 'Cy']);
  const cell = (m: string, k: string) => { const v = mx.rows.find((r) => r.member === m)!.cells[k]!.value; return v.ok ? v.value : null; };
  // Q4 opened: Bo f; Cy g h i. Win rate Q4: Ana 1/1, Bo 1/2, Cy none.
  assert.equal(cell('Cy', 'opened'), 3);
  assert.equal(cell('Ana', 'opened'), null);
  assert.equal(cell('Bo', 'win'), 0.5);
  assert.equal(mx.rows.find((r) => r.member === 'Bo')!.cells.win!.status, 'off-track');
  assert.equal(mx.columns.find((c) => c.id === 'opened')!.target, null, 'a total has no per-member target');
  // Opened median (Bo 1, Cy 3) = 2; win median (Ana 1, Bo 0.5) = 0.75: nobody has both.
  assert.deepEqual(mx.rows.filter((r) => r.contrast).map((r) => r.member), []);
  const sorted = sortMatrixRows(mx.rows, 'win', 'descending').map((r) => r.member);
  assert.deepEqual(sorted, ['Ana', 'Bo', 'Cy']);
  assert.deepEqual(sortMatrixRows(mx.rows, 'win', 'ascending').map((r) => r.member), ['Bo', 'Ana', 'Cy']);
  assert.deepEqual(sortMatrixRows(mx.rows, 'member', 'descending').map((r) => r.member), ['Cy', 'Bo', 'Ana']);
});

test('matrix contrast: flagged when better on high and worse on low', () => {
  const more: Deal[] = [
    ...deals,
    deal('j', 'Bo', 'lost', 0, '2017-10-02', '2017-12-01'),
    deal('k', 'Bo', 'lost', 0, '2017-10-03', '2017-12-02'),
    deal('l', 'Ana', 'won', 10, '2017-10-04', '2017-12-03'),
  ];
  const config = cfg([{ id: 'opened', metric: 'deals-opened', target: 10 }, { id: 'win', metric: 'win-rate', target: 0.6 }], { asOf: '2017-12-31', contrast: { high: 'opened', low: 'win' } });
  const mx = buildMatrix({ config, deals: more, metrics: dealMetrics, groupBy: 'owner', groupOf: (d) => d.owner });
  // opened: Ana 1, Bo 3, Cy 3 → median 3; win: Ana 2/2 = 1, Bo 1/4 = .25 → median .625. Bo: opened ≥ 3, win < .625.
  assert.deepEqual(mx.rows.filter((r) => r.contrast).map((r) => r.member), ['Bo']);
  assert.equal(medianOf([3, 1, 2]), 2);
  assert.equal(medianOf([]), null);
});

test('toDeals: status from stage, invalid rows dropped with reasons, suspicious rows flagged', () => {
  const rows = [
    { id: '1', stage: 'Won', amount: 10, closeDate: Date.UTC(2017, 0, 1), product: 'GTXPro', account: 'A' },
    { id: '2', stage: 'Engaging', product: 'GTX Pro' },
    { stage: 'Lost' },
    { id: '4', stage: 'Won', product: 'GTX Pro', account: 'B' },
  ].map((r) => Object.assign(Object.create(null), r) as Record<string, unknown>);
  const d = toDeals(rows, { knownValues: { product: ['GTX Pro'] } });
  assert.deepEqual(d.deals.map((x) => x.status), ['won', 'open', 'won']);
  assert.equal(d.quality.valid, 3);
  assert.equal(d.quality.rejected, 1);
  assert.deepEqual(Object.keys(d.quality.reasons ?? {}), ['id: missing']);
  assert.deepEqual({ ...d.quality.flagged }, { 'unknown-product': 1, 'open-without-account': 1, 'won-without-amount': 1 });
});
