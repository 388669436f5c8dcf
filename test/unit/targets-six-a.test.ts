import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkAccurate, checkAchievable, checkActionable, checkAligned, checkAlive, checkKpiCount, checkSharp,
  trendAt, worstMark, type ACheck, type Mark,
} from '../../src/widgets/scorecard/six-a.ts';

function is(c: ACheck, mark: Mark, code: string) {
  assert.equal(c.mark, mark, `${c.a}: expected ${mark}/${code}, got ${c.mark}/${c.code}`);
  assert.equal(c.code, code);
}

test('aligned', () => {
  const rows: [string | undefined, Mark, string][] = [
    ['Grow revenue 20 % in 2017', 'pass', 'objective'],
    ['   ', 'fail', 'no-objective'],
    [undefined, 'fail', 'no-objective'],
  ];
  for (const [objective, mark, code] of rows) is(checkAligned(objective), mark, code);
  assert.equal(checkAligned(' x ').params.objective, 'x');
});

test('achievable: table', () => {
  const rows: [string, number, 'up' | 'down', number[], Mark, string][] = [
    ['within the best period', 100, 'up', [80, 95, 105, 90], 'pass', 'within-reach'],
    ['5 % past the best', 110, 'up', [80, 100, 105, 90], 'pass', 'within-reach'],
    ['30 % past the best: stretch', 130, 'up', [80, 100, 95, 90], 'warn', 'stretch'],
    ['double the best: out of reach', 200, 'up', [80, 100, 95, 90], 'fail', 'out-of-reach'],
    ['rising trend makes a high target reachable', 135, 'up', [70, 90, 110, 130], 'pass', 'within-reach'],
    ['worse than every period: too easy', 50, 'up', [80, 100, 95, 90], 'warn', 'too-easy'],
    ['two periods only: no history', 100, 'up', [80, 95], 'warn', 'no-history'],
    ['three periods: no trend, the best alone (CRM revenue, Q1 partial)', 3_500_000, 'up', [1134672, 3086111, 2982255], 'warn', 'stretch'],
    ['lower is better, within', 55, 'down', [60, 52, 58, 65], 'pass', 'within-reach'],
    ['lower is better, stretch', 40, 'down', [60, 52, 58, 65], 'warn', 'stretch'],
    ['lower is better, out of reach', 20, 'down', [60, 52, 58, 65], 'fail', 'out-of-reach'],
    ['lower is better, too easy', 70, 'down', [60, 52, 58, 65], 'warn', 'too-easy'],
  ];
  for (const [label, target, dir, history, mark, code] of rows) {
    const c = checkAchievable(target, dir, history);
    assert.equal(`${label}: ${c.mark}/${c.code}`, `${label}: ${mark}/${code}`);
  }
});

test('achievable: params carry the reference', () => {
  const c = checkAchievable(130, 'up', [80, 100, 95, 90]);
  assert.equal(c.params.best, 100);
  assert.equal(c.params.basis, 'best');
  assert.ok(Math.abs((c.params.stretch as number) - 0.3) < 1e-9);
  const t = checkAchievable(135, 'up', [70, 90, 110, 130]);
  assert.equal(t.params.basis, 'trend');
  assert.equal(t.params.reference, 150);
});

test('trendAt: least squares', () => {
  assert.equal(trendAt([1, 2, 3], 3), 4);
  assert.equal(trendAt([5], 1), null);
  assert.equal(trendAt([2, 2, 2], 3), 2);
});

test('sharp: table', () => {
  const rows: [(number | null)[], number, number | undefined, Mark, string][] = [
    [[1, 2, 3, 2], 5, undefined, 'pass', 'varies'],
    [[4, 4, 4, 4], 5, undefined, 'fail', 'constant'],
    [[4, null, 4, 4], 5, undefined, 'fail', 'constant'],
    [[1, 2], 5, undefined, 'warn', 'short-series'],
    [[null, null, 3], 5, undefined, 'warn', 'short-series'],
    [[1, 2, 3], 8, undefined, 'warn', 'too-many-kpis'],
    [[1, 2, 3], 8, 10, 'pass', 'varies'],
    [[1, 2, 3], 7, undefined, 'pass', 'varies'],
  ];
  for (const [series, count, max, mark, code] of rows) is(checkSharp(series, count, max), mark, code);
  is(checkKpiCount(8), 'warn', 'too-many-kpis');
  is(checkKpiCount(7), 'pass', 'few-kpis');
  is(checkKpiCount(12, 12), 'pass', 'few-kpis');
});

test('accurate: table', () => {
  is(checkAccurate({ valid: 1000, rejected: 0 }), 'pass', 'all-valid');
  is(checkAccurate({ valid: 995, rejected: 5, reasons: { 'bad date': 5 } }), 'pass', 'few-rejected');
  is(checkAccurate({ valid: 950, rejected: 50, reasons: { 'bad date': 30, 'no amount': 20 } }), 'warn', 'some-rejected');
  is(checkAccurate({ valid: 500, rejected: 500 }), 'fail', 'many-rejected');
  is(checkAccurate({ valid: 0, rejected: 0 }), 'fail', 'no-rows');
  is(checkAccurate({ valid: 8800, rejected: 0, flagged: { 'unknown-product': 1480 } }), 'warn', 'flagged');
  is(checkAccurate(null), 'warn', 'unverified');
  const c = checkAccurate({ valid: 950, rejected: 50, reasons: { 'bad date': 30, 'no amount': 20 } });
  assert.equal(c.params.reason, 'bad date');
  assert.equal(c.params.reasonCount, 30);
  assert.equal(c.params.share, 0.95);
});

test('actionable: table', () => {
  is(checkActionable('Ana', 'Coach on closing'), 'pass', 'owner-and-action');
  is(checkActionable('Ana', undefined), 'pass', 'owner');
  is(checkActionable(undefined, 'Weekly pipeline review'), 'pass', 'action');
  is(checkActionable('', ' '), 'fail', 'no-owner');
  is(checkActionable(undefined, undefined), 'fail', 'no-owner');
});

test('alive: table', () => {
  is(checkAlive(3, 'weekly'), 'pass', 'fresh');
  is(checkAlive(7, 'weekly'), 'pass', 'fresh');
  is(checkAlive(10, 'weekly'), 'warn', 'ageing');
  is(checkAlive(20, 'weekly'), 'fail', 'stale');
  is(checkAlive(40, 'monthly', 60), 'pass', 'fresh');
  is(checkAlive(100, 'quarterly'), 'warn', 'ageing');
  is(checkAlive(5, undefined), 'warn', 'no-cadence');
  is(checkAlive(null, 'monthly'), 'warn', 'unknown-age');
  is(checkAlive(400, undefined, 30), 'fail', 'stale');
});

test('worstMark', () => {
  assert.equal(worstMark([checkAligned('x'), checkActionable('a', undefined)]), 'pass');
  assert.equal(worstMark([checkAligned('x'), checkAlive(10, 'weekly')]), 'warn');
  assert.equal(worstMark([checkAligned(''), checkAlive(10, 'weekly')]), 'fail');
});
