// The hold-out check of issue #12 on CDNOW: the BG/NBD fitted to 1997-09-30 (week 39, the published
// r, α, a, b) against what the same customers bought in weeks 40–78, per calibration frequency and
// cumulative by week. The actual figures are counted here from the raw CDNOW_sample.txt, apart from
// the widget's code; the predictions are summed here customer by customer from the model's closed forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { computeLtv } from '../../src/widgets/ltv/fit-here.ts';
import { resolvePredictive } from '../../src/widgets/ltv/predictive.ts';
import { buildLtvView, DEFAULT_SORTS } from '../../src/widgets/ltv/view.ts';
import { loadMessages, translator } from '../../src/core/i18n/index.ts';
import { bgnbdConditionalExpectedPurchases, bgnbdExpectedPurchases } from '../../src/models/bgnbd.ts';
import { conditionalExpectationCheck, expectedCumulativeRepeat } from '../../src/models/bgnbd-holdout.ts';
import { value } from '../fixtures/cdnow.ts';

// ---- the raw file, counted independently -----------------------------------------------------
const DAY = 86_400_000;
const dayOf = (yyyymmdd: string) => Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6, 8)) / DAY;
const ORIGIN = dayOf('19970101');
const CAL_END = dayOf('19970930');
const LAST = dayOf('19980630');
const raw = readFileSync(new URL('../../data/CDNOW_sample.txt', import.meta.url), 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/));
const daysBy = new Map<string, Set<number>>();
for (const r of raw) {
  const id = r[1]!;
  if (!daysBy.has(id)) daysBy.set(id, new Set());
  daysBy.get(id)!.add(dayOf(r[2]!));
}
interface Raw { first: number; x: number; tx: number; T: number; holdout: number; days: number[] }
const customers: Raw[] = [...daysBy.values()].map((s) => {
  const days = [...s].sort((a, b) => a - b);
  const cal = days.filter((d) => d <= CAL_END);
  return { first: days[0]!, x: cal.length - 1, tx: (cal[cal.length - 1]! - days[0]!) / 7, T: (CAL_END - days[0]!) / 7, holdout: days.length - cal.length, days };
});
const weeklyCumulative: number[] = [];
for (let w = 1; w <= 78; w++) {
  const end = ORIGIN + 7 * w - 1;
  weeklyCumulative.push(customers.reduce((n, c) => n + c.days.filter((d, i) => i > 0 && d <= end).length, 0));
}

// ---- the widget's model on the JSON copy of the same file ------------------------------------------
const tx = JSON.parse(readFileSync(new URL('../../data/cdnow_transactions.json', import.meta.url), 'utf8')) as unknown[];
const MAP = { customer: 'customerId', date: 'date', amount: 'amount' };
const model = computeLtv(tx, MAP, {}, { predictive: resolvePredictive({ unit: 'weeks', calibrationEnd: '1997-09-30' }), cac: {} }, true);
const p = model.result.predictive!;
const h = p.holdout!;

test('CDNOW: the raw file has 2,357 customers, all acquired by week 12; 2,457 repeat purchases in weeks 1–39 and 1,882 in weeks 40–78', () => {
  assert.equal(customers.length, 2_357);
  assert.ok(customers.every((c) => c.first <= ORIGIN + 7 * 12));
  assert.equal(customers.reduce((s, c) => s + c.x, 0), 2_457);
  assert.equal(customers.reduce((s, c) => s + c.holdout, 0), 1_882);
  assert.equal(weeklyCumulative[38], 2_457);
  assert.equal(weeklyCumulative[77], 2_457 + 1_882);
  assert.equal(LAST - CAL_END, 273); // 39 weeks
});

test('the widget fits the published r, α, a, b on 946 repeat customers and finds the 39-week hold-out', () => {
  assert.ok(p.ok && p.params);
  for (const [k, v] of [['r', 0.24259], ['alpha', 4.4136], ['a', 0.79292], ['b', 2.42591]] as const) assert.ok(Math.abs(p.params[k] - v) < 1e-4, k);
  assert.equal(p.params.customers, 2_357);
  assert.equal(p.params.repeatCustomers, 946);
  assert.equal(model.result.repeatCustomers, 1_139); // over all the data, to 1998-06-30
  assert.equal(h.calibrationEnd, '1997-09-30');
  assert.equal(h.holdoutEnd, '1998-06-30');
  assert.equal(h.length, 39);
  assert.equal(h.weeks, 78);
  assert.equal(h.calibrationWeeks, 39);
  assert.equal(h.origin, '1997-01-01');
  assert.equal(h.laterCustomers, 0);
});

test('actuals: per calibration frequency and cumulative by week, as counted from the raw file', () => {
  assert.deepEqual(h.actualCumulative, weeklyCumulative);
  assert.equal(h.holdoutActual, 1_882);
  for (const g of h.groups) {
    const inGroup = customers.filter((c) => (g.plus ? c.x >= g.x : c.x === g.x));
    assert.equal(g.customers, inGroup.length, `x=${g.x}`);
    assert.equal(g.actual, inGroup.reduce((s, c) => s + c.holdout, 0), `x=${g.x}`);
  }
  assert.deepEqual(h.groups.map((g) => g.customers), [1411, 439, 214, 100, 62, 38, 29, 64]);
});

test('predictions: E[Y(39) | x, t_x, T] and Σ E[X(τ − s)] summed customer by customer', () => {
  const fit = p.params!;
  let conditional = 0;
  const byGroup = new Array<number>(8).fill(0);
  for (const c of customers) {
    const e = value(bgnbdConditionalExpectedPurchases(fit, c.x, c.tx, c.T, 39));
    conditional += e;
    byGroup[Math.min(c.x, 7)] += e;
  }
  assert.ok(Math.abs(h.conditionalPredicted - conditional) < 1e-8, `${h.conditionalPredicted} vs ${conditional}`);
  h.groups.forEach((g, i) => assert.ok(Math.abs(g.predicted - byGroup[i]!) < 1e-8, `x=${g.x}`));
  for (const w of [1, 13, 39, 40, 52, 78]) {
    const end = ORIGIN + 7 * w - 1;
    const expected = customers.reduce((s, c) => s + (end > c.first ? value(bgnbdExpectedPurchases(fit, (end - c.first) / 7)) : 0), 0);
    assert.ok(Math.abs(h.expectedCumulative[w - 1]! - expected) < 1e-8, `week ${w}`);
  }
});

test('the errors, stated: weeks 40–78 predicted against actual, cumulative at week 78, MAPE per group', () => {
  // Measured (the published fit): from each customer's history 1,653 predicted against 1,882 actual
  // (−12.1 %); the tracking curve 1,667 in weeks 40–78 (−11.4 %), cumulative at week 78 4,161 against
  // 4,339 (−4.1 %); in calibration 2,494 against 2,457 (+1.5 %). MAPE over the 8 groups 11.8 %.
  // (A hold-out total of ~1,360 predicted against ~1,359 actual, as sometimes quoted, is not what this
  // data gives: 1,882 repeat purchase days follow the calibration end.)
  assert.equal(Math.round(h.conditionalPredicted), 1_653);
  assert.equal(Math.round(h.holdoutExpected), 1_667);
  assert.equal(Math.round(h.expectedCumulative[77]!), 4_161);
  assert.equal(Math.round(h.expectedCumulative[38]!), 2_494);
  assert.equal(Math.round(h.conditionalError! * 1000) / 10, -12.1);
  assert.equal(Math.round(h.holdoutError! * 1000) / 10, -11.4);
  assert.equal(Math.round(h.endError! * 1000) / 10, -4.1);
  assert.equal(Math.round(h.mape! * 1000) / 10, 11.8);
  // MAPE is the mean of the groups' |errors|.
  const mean = h.groups.reduce((s, g) => s + Math.abs(g.error!), 0) / h.groups.length;
  assert.ok(Math.abs(mean - h.mape!) < 1e-12);
});

test('the view states the check in words, draws the marker at week 39, and lists the groups (en, es)', async () => {
  const en = { locale: 'en', t: translator('en', 'ltv'), currency: 'USD', width: 1000 };
  const v = buildLtvView(model, en, { sorts: DEFAULT_SORTS, activeBin: -1 });
  const hv = v.holdout!;
  assert.equal(hv.lines[0], 'The forecast over 52 weeks starts at the calibration end, 1997-09-30; 39 weeks of it are already in the data (to 1998-06-30), so the model can be checked against them.');
  assert.equal(hv.lines[2], 'Repeat purchases after the calibration end: 1,653 predicted from each customer’s history, 1,882 actual (−12.1%).');
  assert.equal(hv.lines[3], 'Cumulative repeat purchases at the end of the data: 4,161 expected, 4,339 actual (−4.1%); in the hold-out alone 1,667 against 1,882 (−11.4%).');
  assert.equal(hv.lines[4], 'By purchases in calibration (0 to 7+), the mean absolute error per group is 11.8%.');
  assert.deepEqual(hv.groups.rows[7], ['7+', '64', '6.36', '6.16', '−3.2%']);
  assert.deepEqual(hv.groups.rows[8], ['All', '2,357', '0.80', '0.70', '−12.1%']);
  // 78 weeks over the plot: the marker at 39 is in the middle.
  const c = hv.chart;
  assert.ok(Math.abs(c.marker.x - (c.plot.left + c.plot.right) / 2) < 1e-9);
  assert.deepEqual(c.x.ticks.map((t) => t.value), [0, 13, 26, 39, 52, 65, 78]);
  // The data tables carry the groups and the 78 weeks.
  assert.equal(v.data.at(-1)!.rows.length, 78);
  assert.deepEqual(v.data.at(-1)!.rows[38], ['39', '2,457', '2,494']);
  await loadMessages('es');
  const vs = buildLtvView(model, { ...en, locale: 'es', t: translator('es', 'ltv') }, { sorts: DEFAULT_SORTS, activeBin: -1 }).holdout!;
  assert.equal(vs.lines[2]!.replace(/[\u00a0\u202f]/g, ' '), 'Compras repetidas tras el fin de la calibración: 1.653 previstas a partir del historial de cada cliente, 1.882 reales (−12,1 %).');
});

test('model functions by hand: groups, errors and MAPE; cumulative expectation of two cohorts', () => {
  const q = { r: 0.24259, alpha: 4.4136, a: 0.79292, b: 2.42591 };
  const rows = [
    { frequency: 0, recency: 0, T: 10, holdout: 1 },
    { frequency: 9, recency: 9, T: 10, holdout: 4 },
    { frequency: 8, recency: 2, T: 10, holdout: 0 },
  ];
  const c = conditionalExpectationCheck(q, rows, 5);
  assert.ok(c.ok);
  const e = rows.map((r) => value(bgnbdConditionalExpectedPurchases(q, r.frequency, r.recency, r.T, 5)));
  assert.equal(c.groups.length, 8);
  assert.equal(c.groups[0]!.customers, 1);
  assert.equal(c.groups[7]!.customers, 2); // 8 and 9 are both "7+"
  assert.ok(Math.abs(c.groups[7]!.predicted - (e[1]! + e[2]!)) < 1e-12);
  assert.equal(c.groups[7]!.actual, 4);
  assert.ok(Math.abs(c.groups[0]!.error! - (e[0]! - 1)) < 1e-12);
  assert.equal(c.groups[3]!.error, null); // no customer, no purchase: not in the MAPE
  assert.ok(Math.abs(c.mape! - (Math.abs(e[0]! - 1) + Math.abs((e[1]! + e[2]! - 4) / 4)) / 2) < 1e-12);
  const cum = expectedCumulativeRepeat(q, [{ start: 0, n: 2 }, { start: 3, n: 1 }], [2, 5]);
  assert.ok(cum instanceof Float64Array);
  assert.ok(Math.abs(cum[0]! - 2 * value(bgnbdExpectedPurchases(q, 2))) < 1e-12); // the second cohort has not started
  assert.ok(Math.abs(cum[1]! - (2 * value(bgnbdExpectedPurchases(q, 5)) + value(bgnbdExpectedPurchases(q, 2)))) < 1e-12);
  const bad = conditionalExpectationCheck(q, rows, 0);
  assert.ok(!bad.ok);
});
