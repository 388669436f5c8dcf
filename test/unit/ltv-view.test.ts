/**
 * <kpi-ltv>'s view model (src/widgets/ltv/view.ts) in node: formatted texts, sorted customer
 * tables, the parameter table, the LTV:CAC bullet, the histogram's tab stop and the cohorts
 * drawn. Expected strings are worked by hand beside each assertion.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeLtv } from '../../src/widgets/ltv/fit-here.ts';
import { resolvePredictive, type FittedParams } from '../../src/widgets/ltv/predictive.ts';
import { ltvSettings } from '../../src/widgets/ltv/compute.ts';
import { parseOptions } from '../../src/core/element/options.ts';
import { ltvOptions } from '../../src/widgets/ltv/spec.ts';
import { translator } from '../../src/core/i18n/index.ts';
import { buildLtvProgress, buildLtvView, DEFAULT_SORTS, nextLtvSort, shownCohorts, type LtvViewContext } from '../../src/widgets/ltv/view.ts';
import type { LtvModel } from '../../src/widgets/ltv/pipeline.ts';
import type { Cohort } from '../../src/widgets/ltv/model.ts';

/** A buys 100 + 50 + 150 = 300, B 200 + 100 = 300, C 60: revenue 660 over 6 transactions. */
const SMALL = [
  { customer: 'A', date: '2022-01-10', amount: 100 },
  { customer: 'A', date: '2022-06-10', amount: 50 },
  { customer: 'A', date: '2023-12-20', amount: 150 },
  { customer: 'B', date: '2022-02-01', amount: 200 },
  { customer: 'B', date: '2022-03-01', amount: 100 },
  { customer: 'C', date: '2022-01-10', amount: 60 },
];
const COLS = { customer: 'customer', date: 'date', amount: 'amount' };

function model(attrs: Record<string, unknown>): LtvModel {
  const settings = ltvSettings(parseOptions(ltvOptions, attrs));
  return computeLtv(SMALL, COLS, {}, settings);
}

const en: LtvViewContext = { locale: 'en', t: translator('en', 'ltv'), currency: 'USD', width: 640 };
const ui = { sorts: DEFAULT_SORTS, activeBin: -1 };

test('historical at a 30 % margin: the summary, headline and method texts', () => {
  const v = buildLtvView(model({ method: 'historical', margin: '30%' }), en, ui);
  // (300 + 300 + 60) × 0.3 ÷ 3 customers = 66
  assert.equal(v.summary, 'Average lifetime value per customer: $66.00 (historical), over 3 customers and 6 transactions from 2022-01-10 to 2023-12-20.');
  assert.deepEqual(v.headline[0], { label: 'LTV per customer', value: '$66.00', detail: 'Historical LTV', main: true });
  // Revenue 660 in compact money; 2 customers (A, B) bought more than once.
  assert.equal(v.headline[1]!.detail, 'Repeat customers: 2');
  assert.equal(v.headline[2]!.value, '$660');
  assert.equal(v.headline[2]!.detail, '6 transactions');
  assert.equal(v.headline[3]!.value, '30%');
  assert.equal(v.method.why, 'Method chosen in the widget’s settings.');
  assert.equal(v.method.how, 'Each customer’s purchases added up × average gross margin 30%.');
  assert.equal(v.method.margin, 'Gross margin taken from the widget’s settings.');
  assert.equal(v.method.life, null);
  assert.equal(v.method.params, null);
  assert.equal(v.bullet, null); // no CAC input
});

test('the top customers: sorted by value, then by the header clicked, cells formatted', () => {
  const m = model({ method: 'historical', margin: 0.3 });
  const top = (sorts = DEFAULT_SORTS) => buildLtvView(m, en, { sorts, activeBin: -1 }).tables.at(-1)!;
  const t = top();
  assert.equal(t.kind, 'top');
  assert.equal(t.title, 'Top customers');
  assert.deepEqual(t.columns.map((c) => c.key), ['id', 'transactions', 'revenue', 'last', 'value']);
  // LTV: A 300 × 0.3 = 90, B 90, C 60 × 0.3 = 18; A and B tie, first seen first.
  assert.deepEqual(t.rows.map((r) => r.id), ['A', 'B', 'C']);
  // One precision per column: whole amounts throughout, so no cents ($300, not $300.00).
  assert.deepEqual(t.rows[0]!.cells, ['3', '$300', '2023-12-20', '$90']);
  assert.equal(t.rows[2]!.cells[3], '$18');
  assert.equal(t.rows[0]!.select, 'Select customer A');
  // Customer ids start ascending, then flip.
  let sorts = nextLtvSort(DEFAULT_SORTS, 'top', 'id');
  assert.deepEqual(sorts.top, { key: 'id', dir: 'ascending' });
  sorts = nextLtvSort(sorts, 'top', 'id');
  assert.deepEqual(top(sorts).rows.map((r) => r.id), ['C', 'B', 'A']);
  // Figures start descending; the at-risk table's sort is untouched.
  sorts = nextLtvSort(sorts, 'top', 'revenue');
  assert.deepEqual(sorts.top, { key: 'revenue', dir: 'descending' });
  assert.deepEqual(sorts.risk, DEFAULT_SORTS.risk);
  assert.deepEqual(top(sorts).rows.map((r) => r.id), ['A', 'B', 'C']); // 300, 300, 60
});

test('LTV:CAC: the bullet texts, from a CAC given as a number or as text', () => {
  for (const attrs of [{ acquisitionCost: 90, newCustomers: 3 }, { acquisitionCost: '90', newCustomers: '3' }]) {
    const b = buildLtvView(model({ method: 'historical', ...attrs }), en, ui).bullet!;
    // LTV 660 ÷ 3 = 220 (no margin: revenue); CAC 90 ÷ 3 = 30; 220 ÷ 30 = 7.33 → "7.3"
    assert.equal(b.value, '7.3 : 1');
    assert.equal(b.target, 'target 3 : 1');
    assert.deepEqual(b.status, { text: '✓ meets the target', good: true });
    assert.equal(b.label, 'LTV to CAC ratio 7.3 to 1 against a target of 3 to 1: ✓ meets the target.');
    assert.deepEqual(b.stats[0], { label: 'CAC', value: '$30.00', detail: 'acquisition cost ÷ new customers' });
    assert.equal(b.tick(3), '3×');
    // 640 px wide: min(520, max(260, 636)) = 520
    assert.equal(b.geometry.width, 520);
  }
  // A target of 8 is missed.
  const missed = buildLtvView(model({ method: 'historical', cac: 30, ltvCacTarget: '8' }), en, ui).bullet!;
  assert.deepEqual(missed.status, { text: '▼ below the target', good: false });
  assert.equal(missed.stats[0]!.detail, 'from the widget’s settings');
});

test('for a manager: no tile for an assumed margin, the meaning first, payback with its unit', () => {
  // No margin given: values are revenue (a 100 % margin is assumed), so no "Gross margin" tile.
  const v = buildLtvView(model({ method: 'historical', cac: 30 }), en, ui);
  assert.deepEqual(v.headline.map((s) => s.label), ['LTV per customer', 'Customers', 'Revenue']);
  // (300 + 300 + 60) ÷ 3 = 220, revenue since no margin was given.
  assert.equal(v.method.meaning, 'On average, a customer is expected to bring $220.00 of revenue.');
  // Payback = CAC ÷ monthly margin per customer: a number of months, said so.
  assert.match(v.bullet!.stats[1]!.value, /^\d+\.\d\u00a0months?$/);
});

test('the parameter table: three decimals, and one line per model on a phone', () => {
  const base = model({ method: 'historical' });
  const params: FittedParams = {
    r: 0.24259, alpha: 4.4136, a: 0.79292, b: 2.42591, bgnbdLogLik: -9582.43,
    p: 6.2496, q: 3.7442, gamma: 15.4435, gammaGammaLogLik: -4000.04, customers: 2000, repeatCustomers: 1000, converged: true,
  };
  const ps = resolvePredictive({ unit: 'weeks', calibrationEnd: '1997-09-30' });
  const predictive = {
    ok: true, unit: ps.unit, calibrationEnd: '1997-09-30', horizon: 52, annualDiscountRate: 0.1, discountRatePerUnit: ps.discountRatePerUnit,
    params, meanClv: base.result.ltv, meanProbabilityAlive: { ok: true as const, value: 0.5 }, expectedPurchases: 10, predicted: 3,
  };
  const m: LtvModel = { ...base, result: { ...base.result, method: 'predictive', methodReason: 'asked', predictive } };
  const p = buildLtvView(m, en, ui).method.params!;
  assert.equal(p.narrow, false);
  assert.deepEqual(p.rows[0], {
    model: 'BG/NBD',
    cells: ['r = 0.243', 'α = 4.414', 'a = 0.793', 'b = 2.426'],
    logLik: '−9,582.4',
    line: 'r = 0.243, α = 4.414, a = 0.793, b = 2.426 · Log-likelihood −9,582.4',
  });
  assert.deepEqual(p.rows[1]!.cells, ['p = 6.25', 'q = 3.744', 'γ = 15.444', '']);
  assert.equal(p.notConverged, null);
  assert.equal(buildLtvView(m, { ...en, width: 400 }, ui).method.params!.narrow, true);
  // German numbers: "0,243", English text (no German message table).
  const de = buildLtvView(m, { ...en, locale: 'de', t: translator('de', 'ltv') }, ui);
  assert.equal(de.method.params!.rows[0]!.cells[0], 'r = 0,243');
  assert.match(de.headline[0]!.value, /^220,00\s\$$/); // LTV 660 ÷ 3 = 220 (no margin)
  // The predictive tables: at risk first, with P(alive) and the value at stake.
  const v = buildLtvView(m, en, ui);
  assert.deepEqual(v.tables.map((t) => t.kind), ['risk', 'top']);
  assert.equal(v.tables[0]!.empty, 'No customer has P(alive) below 50 %.');
  assert.deepEqual(v.tables[1]!.columns.map((c) => c.key), ['id', 'transactions', 'revenue', 'last', 'probabilityAlive', 'expectedPurchases', 'expectedSpend', 'value']);
});

test('the histogram: one tab stop, the active bar, bars with customers at least 1 px high', () => {
  const m = model({ method: 'historical' });
  const h = buildLtvView(m, en, ui).histogram;
  assert.equal(h.bars.filter((b) => b.tabIndex === 0).length, 1);
  assert.equal(h.bars[0]!.tabIndex, 0);
  for (const b of h.bars) if (/: [1-9]/.test(b.label)) assert.ok(b.h >= 1, b.label);
  assert.equal(h.bars.reduce((n, b) => n + Number(b.label.match(/: (\d+) customers?$/)![1]), 0), 3);
  const h1 = buildLtvView(m, en, { sorts: DEFAULT_SORTS, activeBin: 1 }).histogram;
  assert.equal(h1.bars[1]!.tabIndex, 0);
  assert.equal(h1.bars[1]!.active, true);
  assert.equal(h1.bars[0]!.tabIndex, -1);
  // The tooltip points at the bar's top centre.
  assert.equal(h1.bars[1]!.tipX, h1.bars[1]!.x + h1.bars[1]!.w / 2);
  // 640 px is under 760: one chart per row, the full width.
  assert.equal(h.width, 640);
  assert.equal(buildLtvView(m, { ...en, width: 1000 }, ui).histogram.width, 492); // (1000 − 16) ÷ 2
});

test('cohorts: the 8 largest are drawn in their order, the rest noted', () => {
  const cohorts: Cohort[] = Array.from({ length: 10 }, (_, i) => ({ key: `2022-${String(i + 1).padStart(2, '0')}`, customers: i === 3 || i === 7 ? 1 : 10 + i, points: [] }));
  const shown = shownCohorts(cohorts);
  // 2022-04 and 2022-08 have 1 customer each: left out.
  assert.deepEqual(shown.map((c) => c.key), ['2022-01', '2022-02', '2022-03', '2022-05', '2022-06', '2022-07', '2022-09', '2022-10']);
  assert.equal(shownCohorts(cohorts.slice(0, 8)).length, 8);
  const v = buildLtvView(model({ method: 'historical' }), en, ui).cohorts;
  // SMALL: A and C in 2022-01, B in 2022-02.
  assert.deepEqual(v.lines.map((l) => [l.id, l.cls]), [['2022-01', 'c0'], ['2022-02', 'c1']]);
  assert.equal(v.note, null);
});

test('progress: the stage text with its share done', () => {
  assert.deepEqual(buildLtvProgress({ stage: 'read', done: 5000, total: 20000 }, en), { text: 'Reading rows… 25%', value: 0.25, label: 'Progress' });
  assert.deepEqual(buildLtvProgress({ stage: 'summary', done: 0 }, en), { text: 'Summarising purchase histories…', label: 'Progress' });
  assert.equal(buildLtvProgress({ stage: 'bgnbd', done: 12 }, en).text, 'Fitting the model… purchases (BG/NBD), step 12');
});
