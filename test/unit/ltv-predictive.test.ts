/**
 * The widget's predictive glue on the real CDNOW sample (data/cdnow_transactions.json):
 * columns → summary → BG/NBD + Gamma-Gamma (metric library) → CLV per customer, lined up
 * with the widget's customers. Checked against the published estimates (Fader, Hardie & Lee
 * 2005; data/README.md), and for consistency across time units.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { toColumns } from '../../src/widgets/ltv/columns.ts';
import { resolvePredictive } from '../../src/widgets/ltv/predictive.ts';
import { compactFitSteps } from '../../src/widgets/ltv/fit-here.ts';
import { drain } from '../../src/widgets/ltv/pipeline.ts';
import { computeLtv } from '../../src/widgets/ltv/fit-here.ts';

const tx = JSON.parse(readFileSync(new URL('../../data/cdnow_transactions.json', import.meta.url), 'utf8')) as unknown[];
const MAP = { customer: 'customerId', date: 'date', amount: 'amount' };
const cols = toColumns(tx, MAP);

test('CDNOW sample, weeks, calibration to 1997-09-30: the published BG/NBD and Gamma-Gamma estimates', () => {
  const r = drain(compactFitSteps(cols, resolvePredictive({ unit: 'weeks', calibrationEnd: '1997-09-30' })));
  assert.ok(r.ok);
  const p = r.params;
  assert.deepEqual([p.r, p.alpha, p.a, p.b].map((v) => v.toFixed(3)), ['0.243', '4.414', '0.793', '2.426']);
  assert.deepEqual([p.p, p.q, p.gamma].map((v) => v.toFixed(2)), ['6.25', '3.74', '15.44']);
  assert.equal(p.repeatCustomers, 946);
  assert.equal(r.calibrationEnd, '1997-09-30');
  assert.equal(r.predictions.predicted, 2357);
  // Every prediction is a finite number and P(alive) is a probability.
  for (let c = 0; c < cols.ids.length; c++) {
    assert.ok(Number.isFinite(r.predictions.clv[c]!) && r.predictions.clv[c]! >= 0);
    assert.ok(r.predictions.probabilityAlive[c]! >= 0 && r.predictions.probabilityAlive[c]! <= 1);
  }
});

test('the same 52 weeks in days, weeks or months give the same mean CLV within 0.5 %', () => {
  const cases = [
    resolvePredictive({ unit: 'days', calibrationEnd: '1997-09-30' }),
    resolvePredictive({ unit: 'weeks', calibrationEnd: '1997-09-30' }),
    resolvePredictive({ unit: 'months', calibrationEnd: '1997-09-30' }),
  ];
  const means = cases.map((s) => {
    const r = drain(compactFitSteps(cols, s));
    assert.ok(r.ok);
    return r.predictions.clv.reduce((a, v) => a + v, 0) / cols.ids.length;
  });
  for (const m of means) assert.ok(Math.abs(m / means[1]! - 1) < 0.005, `${m} vs ${means[1]}`);
});

test('the whole model: predictive by default (1,139 repeat customers ≥ 30), at-risk customers have P(alive) < 0.5', () => {
  const m = computeLtv(tx, MAP, {}, { predictive: resolvePredictive({ unit: 'weeks', calibrationEnd: '1997-09-30' }), cac: { cac: 10 } }, true);
  const r = m.result;
  assert.equal(r.method, 'predictive');
  assert.equal(r.methodReason, 'enough-repeat');
  assert.equal(r.repeatCustomers, 1139);
  assert.ok(r.ltv.ok && Math.abs(r.ltv.value - 30.73) < 0.01, JSON.stringify(r.ltv));
  assert.equal(r.atRisk.length, 10);
  assert.ok(r.atRisk.every((c) => c.probabilityAlive! < 0.5));
  // Ranked by value at stake, largest first.
  assert.ok(r.atRisk.every((c, i) => i === 0 || c.valueAtStake! <= r.atRisk[i - 1]!.valueAtStake!));
  assert.ok(r.top.every((c, i) => i === 0 || c.value <= r.top[i - 1]!.value));
  assert.ok(r.cac!.ltvCac.ok && Math.abs(r.cac!.ltvCac.value - 3.073) < 0.001);
});
