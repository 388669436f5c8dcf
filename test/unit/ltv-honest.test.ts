// <kpi-ltv> honest about time (issue #12): one as-of date in the customer tables, the at-risk list
// ranked by what is still plausibly at stake, the fitted population named, fractional horizons
// computed as given; and pattern counts as input (issue #13).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { computeLtv } from '../../src/widgets/ltv/fit-here.ts';
import { fitOptions, resolvePredictive } from '../../src/widgets/ltv/predictive.ts';
import { buildLtvView, DEFAULT_SORTS } from '../../src/widgets/ltv/view.ts';
import { totalsAsOf, isoDayNumber } from '../../src/widgets/ltv/as-of.ts';
import { readPatterns, patternsModel, NEEDS_CUSTOMERS } from '../../src/widgets/ltv/patterns.ts';
import { patternsFitSteps } from '../../src/widgets/ltv/patterns-fit.ts';
import { buildPatternsView } from '../../src/widgets/ltv/patterns-view.ts';
import { drain } from '../../src/widgets/ltv/pipeline.ts';
import { translator } from '../../src/core/i18n/index.ts';
import { KpiError } from '../../src/core/data/errors.ts';
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive } from '../../src/models/bgnbd.ts';
import { cdnow, value } from '../fixtures/cdnow.ts';
import type { LtvColumns } from '../../src/widgets/ltv/columns.ts';

const tx = JSON.parse(readFileSync(new URL('../../data/cdnow_transactions.json', import.meta.url), 'utf8')) as { customerId: string; date: string; amount: number }[];
const MAP = { customer: 'customerId', date: 'date', amount: 'amount' };
const settings = (horizon?: number) => ({ predictive: resolvePredictive({ unit: 'weeks', calibrationEnd: '1997-09-30', ...(horizon !== undefined ? { horizon } : {}) }), cac: {} });
const m = computeLtv(tx, MAP, {}, settings(), true);
const r = m.result;
const en = { locale: 'en', t: translator('en', 'ltv'), currency: 'USD', width: 1000 };
const ui = { sorts: DEFAULT_SORTS, activeBin: -1 };

/** Per customer, computed here from the JSON rows: transactions and revenue up to 1997-09-30 and the last day. */
const asOf = new Map<string, { n: number; revenue: number; last: string }>();
for (const t of tx) {
  if (t.date > '1997-09-30') continue;
  const a = asOf.get(String(t.customerId)) ?? { n: 0, revenue: 0, last: '' };
  a.n++;
  a.revenue += t.amount;
  if (t.date > a.last) a.last = t.date;
  asOf.set(String(t.customerId), a);
}

test('one as-of date: every table row counts transactions, revenue and last purchase up to the calibration end', () => {
  assert.equal(r.predictive!.asOf, '1997-09-30');
  assert.equal(r.to, '1998-06-30');
  for (const row of [...r.atRisk, ...r.top]) {
    const a = asOf.get(row.id)!;
    assert.ok(row.last <= '1997-09-30', `${row.id} last ${row.last}`);
    assert.equal(row.last, a.last, row.id);
    assert.equal(row.transactions, a.n, row.id);
    assert.ok(Math.abs(row.revenue - a.revenue) < 1e-9, row.id);
  }
  // Customer 211 (P(alive) 9.7 % at the calibration end) bought again on 1998-06-27: not in its row.
  const v = buildLtvView(m, en, ui);
  assert.match(v.tables[0]!.note!, /Every column as of 1997-09-30, the calibration end\.$/);
  assert.match(v.tables[1]!.note!, /^Every column as of 1997-09-30/);
  // totalsAsOf by hand: two customers, a row after the cut left out.
  const cols = { n: 3, ids: ['a', 'b'], customer: Int32Array.from([0, 1, 0]), day: Float64Array.from([10, 11, 20]), amount: Float64Array.from([5, 7, 9]) } as unknown as LtvColumns;
  const t = totalsAsOf(cols, 15);
  assert.deepEqual([...t.revenue], [5, 7]);
  assert.deepEqual([...t.transactions], [1, 1]);
  assert.deepEqual([...t.lastDay], [10, 11]);
  assert.equal(isoDayNumber('1970-01-11'), 10);
  assert.ok(Number.isNaN(isoDayNumber('30/09/1997')));
});

test('without data past the calibration end the tables are as they were: no as-of note, no hold-out', () => {
  const upTo = tx.filter((t) => t.date <= '1997-09-30');
  const m2 = computeLtv(upTo, MAP, {}, settings(), true);
  assert.equal(m2.result.predictive!.holdout, null);
  const v = buildLtvView(m2, en, ui);
  assert.equal(v.holdout, null);
  assert.equal(v.tables[1]!.note, null);
  // Same fit, same customers: the lists agree with the full data's, as of the same day.
  assert.deepEqual(m2.result.top.map((c) => [c.id, c.transactions, c.last]), r.top.map((c) => [c.id, c.transactions, c.last]));
});

test('at risk: ranked by the expected CLV still at stake; an almost surely gone customer cannot top it', () => {
  assert.equal(r.atRisk.length, 10);
  assert.ok(r.atRisk.every((c) => c.probabilityAlive! < 0.5));
  assert.ok(r.atRisk.every((c, i) => i === 0 || c.valueAtStake! <= r.atRisk[i - 1]!.valueAtStake!));
  assert.ok(r.atRisk.every((c) => c.valueAtStake === c.value));
  // Independently: P(alive) of every customer from the fitted parameters, and the ten customers below
  // 50 % with the largest expected CLV (the widget's per-customer values).
  const ids = [...new Set(tx.map((t) => String(t.customerId)))];
  const valueOf = new Map(ids.map((id, c) => [id, m.values[c]!]));
  const params = r.predictive!.params!;
  const below = cdnow()
    .filter((c) => value(bgnbdProbabilityAlive(params, c.frequency, c.recency, c.T)) < 0.5)
    .map((c) => ({ id: c.id, v: valueOf.get(c.id)! }))
    .sort((a, b) => b.v - a.v);
  assert.ok(below.length > 100, `${below.length}`);
  assert.deepEqual(r.atRisk.map((c) => c.id), below.slice(0, 10).map((b) => b.id));
  // Customer 244 (P(alive) 0.02 %, the old list's first) is nowhere near the top: its expected value is cents.
  assert.ok(!r.atRisk.some((c) => c.id === '244'));
  assert.ok(r.atRisk[0]!.probabilityAlive! > 0.1);
  const v = buildLtvView(m, en, ui).tables[0]!;
  assert.deepEqual(v.columns.map((c) => c.key), ['id', 'transactions', 'revenue', 'last', 'probabilityAlive', 'expectedPurchases', 'expectedSpend', 'valueAtStake']);
  assert.equal(v.sort.key, 'valueAtStake');
});

test('the fitted population is named: 946 repeat customers to 1997-09-30, against 1,139 over all the data', () => {
  const v = buildLtvView(m, en, ui);
  assert.equal(v.headline[1]!.detail, 'Repeat customers: 1,139 · model fitted on 946 to 1997-09-30');
  assert.equal(v.method.params!.fitted, 'Fitted on 946 repeat customers (2,357 customers with a first purchase by 1997-09-30).');
});

test('fractional horizons are computed as given: half a week is about half of one week', () => {
  const o = fitOptions(resolvePredictive({ unit: 'weeks', horizon: 0.5 }));
  assert.equal(o.periods, 1);
  assert.equal(o.periodLength, 0.5);
  const w52 = fitOptions(resolvePredictive({ unit: 'weeks' }));
  assert.equal(w52.periods, 52);
  assert.equal(w52.periodLength, 1);
  const half = computeLtv(tx, MAP, {}, settings(0.5), true).result.predictive!;
  const one = computeLtv(tx, MAP, {}, settings(1), true).result.predictive!;
  const fit = half.params!;
  // Σ E[Y(0.5) | x, t_x, T] over the customers, from the closed form here.
  const expected = cdnow().reduce((s, c) => s + value(bgnbdConditionalExpectedPurchases(fit, c.frequency, c.recency, c.T, 0.5)), 0);
  assert.ok(Math.abs(half.expectedPurchases - expected) < 1e-8, `${half.expectedPurchases} vs ${expected}`);
  assert.ok(half.expectedPurchases > 0.45 * one.expectedPurchases && half.expectedPurchases < 0.55 * one.expectedPurchases);
  assert.equal(half.horizon, 0.5);
  assert.match(buildLtvView(computeLtv(tx, MAP, {}, settings(0.5), true), en, ui).method.meaning!, /over the next 0\.5\u00a0weeks/);
});

// ---- input="patterns" -----------------------------------------------------------------------

const samplePatterns = () => {
  const mp = new Map<string, { x: number; t_x: number; T: number; n: number }>();
  for (const c of cdnow()) {
    const k = `${c.frequency}|${c.recency}|${c.T}`;
    const p = mp.get(k);
    if (p) p.n++;
    else mp.set(k, { x: c.frequency, t_x: c.recency, T: c.T, n: 1 });
  }
  return [...mp.values()];
};

test('patterns: an aggregate file or plain rows (CSV strings too) are read; bad rows are a validation error', () => {
  const rows = samplePatterns();
  const file = { kpiKit: 'aggregate', version: 1, kind: 'patterns', generatedAt: '2026-11-25T00:00:00Z', source: { engine: 'js', input: 'cdnow' }, params: { unit: 'weeks', calibrationEnd: '1997-09-30' }, rows };
  const d = readPatterns(file);
  assert.equal(d.rows.length, rows.length);
  assert.equal(d.unit, 'weeks');
  assert.equal(d.calibrationEnd, '1997-09-30');
  assert.equal(d.binned, false);
  assert.equal(readPatterns({ rows }).rows.length, rows.length);
  const csv = readPatterns([{ x: '2', t_x: '30.5', T: '38', n: '4', sum_t_x: '', sum_T: '' }]);
  assert.deepEqual(csv.rows, [{ frequency: 2, recency: 30.5, T: 38, n: 4 }]);
  const binned = readPatterns([{ x: 1, t_x: 7, T: 35, n: 2, sum_t_x: 17, sum_T: 73 }]);
  assert.deepEqual(binned.rows, [{ frequency: 1, recency: 8.5, T: 36.5, n: 2 }]);
  assert.equal(binned.binned, true);
  for (const bad of [[{ x: 1, t_x: 5, T: 4, n: 1 }], [{ x: -1, t_x: 0, T: 4, n: 1 }], [{ x: 1, t_x: 1, T: 4 }], { foo: 1 }, { ...file, kind: 'funnel' }]) {
    assert.throws(() => readPatterns(bad), (e: unknown) => e instanceof KpiError && e.code === 'validation', JSON.stringify(bad).slice(0, 60));
  }
});

test('patterns: the weighted fit gives the published parameters and the population outputs, and names what needs customers', () => {
  const fit = drain(patternsFitSteps(readPatterns(samplePatterns()).rows, 52));
  assert.ok(fit.ok);
  for (const [k, v] of [['r', 0.24259], ['alpha', 4.4136], ['a', 0.79292], ['b', 2.42591]] as const) assert.ok(Math.abs(fit.params[k] - v) < 1e-4, k);
  assert.equal(fit.customers, 2_357);
  assert.equal(fit.repeatCustomers, 946);
  // Σ n · E[Y(52)] equals the transactions widget's expected purchases at 52 weeks (same fit, same customers).
  assert.ok(Math.abs(fit.expectedPurchases - r.predictive!.expectedPurchases) < 1e-6 * r.predictive!.expectedPurchases, `${fit.expectedPurchases} vs ${r.predictive!.expectedPurchases}`);
  assert.equal(Math.round(fit.expectedPurchases), 2_089);
  assert.ok(Math.abs(fit.meanProbabilityAlive - (r.predictive!.meanProbabilityAlive as { value: number }).value) < 1e-9);
  assert.equal(fit.top.length, 10);
  assert.deepEqual([fit.top[0]!.x, fit.top[0]!.tx], [0, 0]);
  assert.ok(fit.top.every((p, i) => i === 0 || p.n <= fit.top[i - 1]!.n));
  const model = patternsModel({ unit: 'weeks', horizon: 52, calibrationEnd: '1997-09-30', binned: false, rows: 1016, fit, needsCustomers: [...NEEDS_CUSTOMERS] });
  assert.equal(model.result.customers, 2_357);
  assert.equal(model.result.ltv.ok, false);
  assert.ok(model.result.patterns);
  const v = buildPatternsView(model.result.patterns!, en);
  assert.equal(v.lines[0], 'BG/NBD fitted on 1,016 purchase patterns standing for 2,357 customers (946 repeat customers); time in weeks.');
  assert.match(v.lines[1]!, /^Expected repeat purchases over the next 52 weeks: 2,089 for the 2,357 customers \(0\.886 per customer\)\.$/);
  assert.deepEqual(v.params!.cells, ['r = 0.243', 'α = 4.414', 'a = 0.793', 'b = 2.426']);
  // By repeat purchases: 1,411 customers with none (P(alive) 100 % in BG/NBD: one drops out only after a purchase) … 64 with 7+.
  assert.deepEqual(v.table!.rows.map((row) => row[0]), ['0', '1', '2', '3', '4', '5', '6', '7+']);
  assert.deepEqual(v.table!.rows.map((row) => row[1]), ['1,411', '439', '214', '100', '62', '38', '29', '64']);
  assert.equal(v.table!.rows[0]![2], '100.0%');
  const g7 = fit.byFrequency[7]!;
  const top = readPatterns(samplePatterns()).rows.filter((q) => q.frequency >= 7);
  const e7 = top.reduce((s, q) => s + q.n * value(bgnbdConditionalExpectedPurchases(fit.params, q.frequency, q.recency, q.T, 52)), 0) / 64;
  assert.ok(Math.abs(g7.expectedPurchases - e7) < 1e-9);
  assert.equal(v.table!.rows[7]![3], e7.toFixed(2));
  assert.match(v.needs, /CLV in money, the LTV distribution, cohort curves and the customer lists need per-customer data/);
  const failed = buildPatternsView({ unit: 'weeks', horizon: 52, calibrationEnd: null, binned: false, rows: 1, fit: { ok: false, detail: 'no customer made a repeat purchase' }, needsCustomers: [] }, en);
  assert.equal(failed.error, 'The model could not be fitted to these patterns: no customer made a repeat purchase');
});
