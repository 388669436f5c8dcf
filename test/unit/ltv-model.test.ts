/**
 * Table tests of the LTV glue (src/ltv/): historical LTV (seed 000), simple CLTV with its
 * lifespan (seed 002), cohort curves, LTV:CAC and payback, method choice, columns. Every
 * expected value is worked by hand in the comment beside it, and the historical and simple
 * headlines are checked against the metric library's own functions on the same data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toColumns } from '../../src/widgets/ltv/columns.ts';
import { cacModel, chooseMethod, computeBase, customerValues } from '../../src/widgets/ltv/model.ts';
import { computeLtv } from '../../src/widgets/ltv/fit-here.ts';
import { resolvePredictive } from '../../src/widgets/ltv/predictive.ts';
import { topIndices } from '../../src/widgets/ltv/customers.ts';
import { ltvHistorical } from '../../src/kpis/ltv-historical.ts';
import { cltv } from '../../src/kpis/cltv.ts';
import { Transaction } from '../../src/core/schema/records.ts';
import type { MetricValue } from '../../src/core/result.ts';

const COLS = { customer: 'customer', date: 'date', amount: 'amount', margin: 'margin', cost: 'cost' };
type Row = { customer: string; date: string; amount: number | string; cost?: number; margin?: number };
const base = (rows: Row[], options: { margin?: number; lifespanYears?: number } = {}) => computeBase(toColumns(rows, COLS), options);
const val = (m: MetricValue) => (m.ok ? m.value : `n/a (${m.reason})`);
const close = (a: number | string, b: number, what: string) => {
  assert.equal(typeof a, 'number', `${what}: ${a}`);
  assert.ok(Math.abs((a as number) - b) < 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} ≠ ${b}`);
};

// A buys 100 + 50 + 150 = 300, B 200 + 100 = 300, C 60: revenue 660 in 6 transactions,
// 2022-01-10 to 2023-12-20 = 709 days.
const SMALL: Row[] = [
  { customer: 'A', date: '2022-01-10', amount: 100 },
  { customer: 'A', date: '2022-06-10', amount: 50 },
  { customer: 'A', date: '2023-12-20', amount: 150 },
  { customer: 'B', date: '2022-02-01', amount: 200 },
  { customer: 'B', date: '2022-03-01', amount: 100 },
  { customer: 'C', date: '2022-01-10', amount: 60 },
];
const YEARS = 709 / 365.25;

test('historical LTV = Σ a customer’s transactions × AGM, averaged (seed 000)', () => {
  const cases: [string, Row[], number | undefined, { agm: number; perCustomer: number[]; mean: number }][] = [
    // AGM given 30 %: A 300 × 0.3 = 90, B 90, C 60 × 0.3 = 18; mean 198 / 3 = 66
    ['rate 30 %', SMALL, 0.3, { agm: 0.3, perCustomer: [90, 90, 18], mean: 66 }],
    // No margin: values are revenue; mean 660 / 3 = 220
    ['no margin', SMALL, undefined, { agm: 1, perCustomer: [300, 300, 60], mean: 220 }],
    // Costs: revenue 400, cost 60 + 150 = 210 → AGM 190 / 400 = 0.475; A 100 × 0.475, B 300 × 0.475; mean 95
    ['cost column', [
      { customer: 'A', date: '2022-01-01', amount: 100, cost: 60 },
      { customer: 'B', date: '2022-01-02', amount: 300, cost: 150 },
    ], undefined, { agm: 0.475, perCustomer: [47.5, 142.5], mean: 95 }],
    // Margin in money: cost = 200 − 50 = 150 and 100 − 70 = 30 → AGM 120 / 300 = 0.4; A 300 × 0.4 = 120
    ['margin column', [
      { customer: 'A', date: '2022-01-01', amount: 200, margin: 50 },
      { customer: 'A', date: '2022-02-01', amount: 100, margin: 70 },
    ], undefined, { agm: 0.4, perCustomer: [120], mean: 120 }],
  ];
  for (const [name, rows, margin, want] of cases) {
    const b = base(rows, margin !== undefined ? { margin } : {});
    close(val(b.agm), want.agm, `${name} AGM`);
    close(val(b.historical), want.mean, `${name} mean`);
    const per = customerValues(b, 'historical');
    want.perCustomer.forEach((v, i) => close(per[i]!, v, `${name} customer ${i}`));
  }
});

test('simple CLTV = average purchase × purchases a year × lifespan × AGM (seed 002)', () => {
  const cases: [string, Row[], { margin?: number; lifespanYears?: number }, { apv: number; freq: number; lifespan: number; source: string; cltv: number }][] = [
    // APV 660 / 6 = 110; frequency 6 / 3 / (709 / 365.25) a year; churn: cut 2022-12-20, all 3
    // acquired before it, B and C bought nothing after it → 2/3, lifespan 1.5 y.
    // CLTV = 110 × 2 / YEARS × 1.5 = 220 / YEARS × 1.5 ≈ 170.00
    ['churn lifespan', SMALL, {}, { apv: 110, freq: 2 / YEARS, lifespan: 1.5, source: 'churn', cltv: (220 / YEARS) * 1.5 }],
    // Lifespan given 3 y and a 50 % margin: 220 / YEARS × 3 × 0.5
    ['given lifespan, 50 % margin', SMALL, { lifespanYears: 3, margin: 0.5 }, { apv: 110, freq: 2 / YEARS, lifespan: 3, source: 'given', cltv: (220 / YEARS) * 3 * 0.5 }],
    // 60 days of data: no annual churn; lifespan = mean span (60 + 30) / 2 days = 45 / 365.25 y.
    // APV 300 / 4 = 75; frequency 4 / 2 / (60 / 365.25); CLTV = 150 / (60/365.25) × 45/365.25 = 112.5
    ['observed span', [
      { customer: 'A', date: '2022-01-01', amount: 100 },
      { customer: 'A', date: '2022-03-02', amount: 100 },
      { customer: 'B', date: '2022-01-01', amount: 50 },
      { customer: 'B', date: '2022-01-31', amount: 50 },
    ], {}, { apv: 75, freq: 2 / (60 / 365.25), lifespan: 45 / 365.25, source: 'observed-span', cltv: 112.5 }],
  ];
  for (const [name, rows, options, want] of cases) {
    const b = base(rows, options);
    close(val(b.avgPurchaseValue), want.apv, `${name} APV`);
    close(val(b.purchaseFrequency), want.freq, `${name} frequency`);
    close(val(b.lifespan.value), want.lifespan, `${name} lifespan`);
    assert.equal(b.lifespan.source, want.source, name);
    close(val(b.simple), want.cltv, `${name} CLTV`);
    // Per customer values average to the headline.
    const per = customerValues(b, 'simple');
    close(per.reduce((s, v) => s + v, 0) / per.length, want.cltv, `${name} per-customer mean`);
  }
  // One day of data: purchases a year are unknown, not Infinity.
  const oneDay = base([{ customer: 'A', date: '2022-01-01', amount: 10 }, { customer: 'B', date: '2022-01-01', amount: 20 }]);
  assert.equal(oneDay.simple.ok, false);
  assert.equal(!oneDay.simple.ok && oneDay.simple.reason, 'zero-denominator');
});

test('the glue agrees with the metric library (ltv-historical.ts, cltv.ts)', () => {
  const records = SMALL.map((r) => Transaction.parse(r));
  const lib = ltvHistorical(records, { agm: 0.3 }) as MetricValue;
  close(val(base(SMALL, { margin: 0.3 }).historical), val(lib) as number, 'historical');
  const libCltv = cltv(records, { lifespanYears: 2 }) as MetricValue;
  close(val(base(SMALL, { lifespanYears: 2 }).simple), val(libCltv) as number, 'cltv');
});

test('cohort curves: cumulative revenue per customer by month since acquisition', () => {
  const b = base(SMALL);
  // Cohort 2022-01: A and C. Month 0: (100 + 60) / 2 = 80; month 5 (June 2022): + 50 / 2 → 105;
  // month 23 (Dec 2023): + 150 / 2 → 180. Data ends in month 23, so 24 points.
  // Cohort 2022-02: B. Month 0: 200; month 1: 300; 23 points.
  assert.deepEqual(b.cohorts.map((c) => [c.key, c.customers, c.points.length]), [['2022-01', 2, 24], ['2022-02', 1, 23]]);
  const jan = b.cohorts[0]!.points;
  assert.deepEqual([jan[0]!.value, jan[4]!.value, jan[5]!.value, jan[22]!.value, jan[23]!.value], [80, 80, 105, 105, 180]);
  const feb = b.cohorts[1]!.points;
  assert.deepEqual([feb[0]!.value, feb[1]!.value, feb[22]!.value], [200, 300, 300]);
});

test('LTV:CAC and CAC payback', () => {
  const b = base(SMALL);
  // Monthly revenue per customer: 220 / (709 / 30.4375) months
  const monthly = 220 / (709 / (365.25 / 12));
  const cases: [string, Parameters<typeof cacModel>[2], number, { cac: number; ratio: number; meets: boolean; payback: number; source: string }][] = [
    // LTV 66 ÷ CAC 30 = 2.2 < 3
    ['cac given', { cac: 30 }, 66, { cac: 30, ratio: 2.2, meets: false, payback: 30 / monthly, source: 'given' }],
    // 900 / 10 new customers = 90; 300 / 90 = 3.33 ≥ 3
    ['costs ÷ new customers', { acquisitionCost: 900, newCustomers: 10 }, 300, { cac: 90, ratio: 300 / 90, meets: true, payback: 90 / monthly, source: 'costs' }],
    // New customers default to the 3 customers in the data: 90 / 3 = 30; target 2 → 66 / 30 = 2.2 meets
    ['costs ÷ customers in data', { acquisitionCost: 90, target: 2 }, 66, { cac: 30, ratio: 2.2, meets: true, payback: 30 / monthly, source: 'costs' }],
  ];
  for (const [name, inputs, ltv, want] of cases) {
    const m = cacModel({ ok: true, value: ltv }, b, inputs)!;
    close(val(m.cac), want.cac, `${name} CAC`);
    close(val(m.ltvCac), want.ratio, `${name} ratio`);
    close(val(m.payback), want.payback, `${name} payback`);
    assert.equal(m.meetsTarget, want.meets, name);
    assert.equal(m.source, want.source, name);
  }
  assert.equal(cacModel({ ok: true, value: 66 }, b, {}), null);
  const zero = cacModel({ ok: true, value: 66 }, b, { cac: 0 })!;
  assert.equal(zero.ltvCac.ok, false);
  assert.equal(zero.meetsTarget, null);
});

test('method choice: predictive from 30 repeat customers, else simple; the attribute wins, except predictive on thin data', () => {
  const cases: [Parameters<typeof chooseMethod>[0], number, string, string][] = [
    [undefined, 30, 'predictive', 'enough-repeat'],
    [undefined, 29, 'simple', 'few-repeat'],
    ['historical', 1000, 'historical', 'asked'],
    ['historical', 0, 'historical', 'asked'],
    // issue 11: predictive asked for on fewer than 30 repeat customers falls back to simple.
    ['predictive', 0, 'simple', 'few-repeat'],
    ['predictive', 29, 'simple', 'few-repeat'],
    ['predictive', 30, 'predictive', 'asked'],
  ];
  for (const [asked, repeat, method, reason] of cases) assert.deepEqual(chooseMethod(asked, repeat), { method, reason });
});

test('predictive settings: horizon default 52 weeks in the unit; annual discount per unit', () => {
  const cases: [Parameters<typeof resolvePredictive>[0], number, number][] = [
    [{ unit: 'weeks' }, 52, Math.pow(1.1, 7 / 365.25) - 1],
    [{ unit: 'days' }, 364, Math.pow(1.1, 1 / 365.25) - 1],
    [{ unit: 'months', discountRate: 0.2, horizon: 24 }, 24, Math.pow(1.2, 1 / 12) - 1],
  ];
  for (const [s, horizon, rate] of cases) {
    const r = resolvePredictive(s);
    assert.equal(r.horizon, horizon);
    close(r.discountRatePerUnit, rate, `${s.unit} rate`);
  }
});

test('columns: invalid rows are listed with their row number across chunks, the rest kept', () => {
  const rows = [
    ...SMALL,
    { customer: '', date: '2022-01-01', amount: 1 },
    { customer: 'D', date: '31/02/2022', amount: 1 },
    { customer: 'E', date: '2022-01-01', amount: 'n/a' },
  ];
  const cols = toColumns(rows, COLS, { chunk: 2 });
  assert.equal(cols.n, 6);
  assert.deepEqual(cols.rejected.map((r) => [r.row, r.issues[0]!.path]), [[7, 'customer'], [8, 'date'], [9, 'amount']]);
  assert.match(cols.rejected[1]!.issues[0]!.message, /expected a date, got "31\/02\/2022"/);
  assert.equal(cols.rejected[1]!.issues[0]!.row, 8);
});

test('top customers: a linear scan keeps the N largest, largest first, NaN skipped', () => {
  const cases: [number[], number, number[]][] = [
    [[5, 1, 9, 3, 9, 7], 3, [2, 4, 5]],
    [[NaN, 2, 1], 5, [1, 2]],
    [[], 3, []],
  ];
  for (const [scores, n, want] of cases) assert.deepEqual(topIndices(scores, n), want);
});

test('computeLtv: the whole pipeline without a fit falls back from predictive to simple and says why', () => {
  // minRepeat 0: the fit is tried (and fails) on 2 repeat customers.
  const m = computeLtv(SMALL, COLS, {}, { method: 'predictive', minRepeat: 0, predictive: resolvePredictive({ unit: 'weeks' }), cac: {} });
  assert.equal(m.result.method, 'simple');
  assert.equal(m.result.methodReason, 'predictive-failed');
  assert.equal(m.result.predictive!.ok, false);
  close(val(m.result.ltv), (220 / YEARS) * 1.5, 'simple value');
  assert.equal(m.result.distribution.n, 3);
});
