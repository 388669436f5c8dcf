// The funnel what-if (src/kpis/funnel-what-if.ts) as tables. Every expected value is worked out by
// hand in the comment beside it: extra conversions = entered × (target − actual), never below 0;
// extra wins = extra conversions × the actual rates after the step; value = wins × average won value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageWonValue, funnelWhatIf, funnelWhatIfs, type WhatIfStage } from '../../src/kpis/funnel-what-if.ts';
import { computeFunnel } from '../../src/kpis/funnel.ts';
import type { MetricValue } from '../../src/core/result.ts';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≈ ${b}`);
/** The value, or the reason it is not available. */
const v = (m: MetricValue): number | string => (m.ok ? m.value : m.reason);
const same = (got: number | string, want: number | string, what: string) =>
  typeof want === 'number' && typeof got === 'number' ? close(got, want) : assert.equal(got, want, what);

// A: 1000 → B: 400 → C: 100 → D: 30, with $60,000 carried by the 30 that reached D ($2,000 each).
const F: WhatIfStage[] = [
  { stage: 'A', count: 1000 },
  { stage: 'B', count: 400, target: 0.5 },
  { stage: 'C', count: 100, target: 0.2 },
  { stage: 'D', count: 30, target: 0.4, value: 60_000 },
];

// [step, entered, actual, met, extra conversions, downstream, extra wins, extra value]
const table: [number, number, number, boolean, number, number, number, number][] = [
  // A→B: 400/1000 = 0.40 < 0.50: extra = 1000 × 0.5 − 400 = 100; downstream = 100/400 × 30/100 = 0.25 × 0.3 = 0.075;
  //      wins = 100 × 0.075 = 7.5; value = 7.5 × 2,000 = 15,000.
  [1, 1000, 0.4, false, 100, 0.075, 7.5, 15_000],
  // B→C: 100/400 = 0.25 ≥ 0.20: the target is already met → 0, 0, $0 (never negative). downstream = 30/100 = 0.3.
  [2, 400, 0.25, true, 0, 0.3, 0, 0],
  // C→D, the last step: 30/100 = 0.30 < 0.40: extra = 100 × 0.4 − 30 = 10; downstream = 1 (nothing after);
  //      wins = 10; value = 10 × 2,000 = 20,000.
  [3, 100, 0.3, false, 10, 1, 10, 20_000],
];

test('what-if per step: target missed, target met, the last step', () => {
  for (const [step, entered, actual, met, extra, down, wins, value] of table) {
    const w = funnelWhatIf(F, step);
    assert.equal(w.entered, entered, `step ${step} entered`);
    same(v(w.actual), actual, `step ${step} actual`);
    assert.equal(w.met, met, `step ${step} met`);
    same(v(w.extraConversions), extra, `step ${step} extra`);
    same(v(w.downstream), down, `step ${step} downstream`);
    same(v(w.extraWins), wins, `step ${step} wins`);
    same(v(w.extraValue), value, `step ${step} value`);
    same(v(w.averageValue), 2000, 'average'); // 60,000 / 30
    assert.equal(w.from, F[step - 1]!.stage);
    assert.equal(w.last, 'D');
  }
  assert.deepEqual(funnelWhatIfs(F).map((w) => v(w.extraWins)), [7.5, 0, 10]);
});

test('what-if edge cases: no target, zero entered, unknown downstream rate, no values', () => {
  // No target on A→B: no what-if (not available), and so no wins or value either.
  const noTarget = funnelWhatIf([{ stage: 'A', count: 100 }, { stage: 'B', count: 20 }, { stage: 'C', count: 5, value: 500 }], 1);
  assert.equal(noTarget.target, null);
  assert.equal(noTarget.met, false);
  assert.deepEqual([v(noTarget.extraConversions), v(noTarget.extraWins), v(noTarget.extraValue)], ['missing-input', 'missing-input', 'missing-input']);

  // A: 100 → B: 0 (target 30%) → C: 0 (target 50%).
  const Z: WhatIfStage[] = [{ stage: 'A', count: 100 }, { stage: 'B', count: 0, target: 0.3 }, { stage: 'C', count: 0, target: 0.5, value: 0 }];
  // B→C: nothing entered B: the rate is unknown, and there is nothing more to convert → 0 extra, 0 wins.
  const zero = funnelWhatIf(Z, 2);
  assert.equal(zero.entered, 0);
  assert.equal(v(zero.actual), 'zero-denominator');
  assert.deepEqual([v(zero.extraConversions), v(zero.extraWins)], [0, 0]);
  // …and no value: the average won value is unknown (0 records reached C).
  assert.equal(v(zero.extraValue), 'zero-denominator');
  // A→B: extra = 100 × 0.3 − 0 = 30; but B→C has no rate (0 entered B) → extra wins not available.
  const up = funnelWhatIf(Z, 1);
  assert.equal(v(up.extraConversions), 30);
  assert.equal(v(up.downstream), 'zero-denominator');
  assert.equal(v(up.extraWins), 'zero-denominator');

  // No values anywhere: wins are known, value is not. 50 → 10 (target 40%): extra = 50 × 0.4 − 10 = 10 = wins.
  const noValue = funnelWhatIf([{ stage: 'A', count: 50 }, { stage: 'B', count: 10, target: 0.4 }], 1);
  assert.deepEqual([v(noValue.extraWins), v(noValue.extraValue)], [10, 'missing-input']);
  // The value of a win given: 10 × 250 = 2,500.
  assert.equal(v(funnelWhatIf([{ stage: 'A', count: 50 }, { stage: 'B', count: 10, target: 0.4 }], 1, { averageValue: 250 }).extraValue), 2500);

  // Not a step: the first stage, or past the end.
  assert.throws(() => funnelWhatIf(F, 0), RangeError);
  assert.throws(() => funnelWhatIf(F, 4), RangeError);
  assert.equal(v(averageWonValue([{ stage: 'A', count: 3, value: 30 }])), 10);
});

test('the CRM funnel: Engaging → Won at its 55% target is worth 327 wins and $772,017.37', () => {
  // 8,800 → 8,300 → 4,238; won value $10,005,534 (sum of close_value of the 4,238 won deals).
  const m = computeFunnel(
    [{ stage: 'Prospecting', count: 8800 }, { stage: 'Engaging', count: 8300 }, { stage: 'Won', count: 4238, value: 10_005_534 }],
    { Engaging: 0.9, Won: 0.55 },
  );
  // Engaging: 8,300/8,800 = 94.3% ≥ 90%: met, 0.
  assert.deepEqual([funnelWhatIf(m.steps, 1).met, v(funnelWhatIf(m.steps, 1).extraWins)], [true, 0]);
  // Won: 4,238/8,300 = 51.06% < 55%: extra = 8,300 × 0.55 − 4,238 = 4,565 − 4,238 = 327 wins (last step);
  // average won = 10,005,534 / 4,238 = 2,360.909…; value = 327 × 10,005,534 / 4,238 = 3,271,809,618 / 4,238 = 772,017.3709…
  const w = funnelWhatIf(m.steps, m.bottleneck!.index);
  assert.equal(w.stage, 'Won');
  close(v(w.extraWins) as number, 327);
  close(v(w.extraValue) as number, 3_271_809_618 / 4238);
  close(v(w.extraValue) as number, 772_017.3709, 1e-4);
});
