import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kpiStatus, overallStatus, resolveLevels, scaleLevels, statusOf, type Status } from '../../src/core/targets/status.ts';
import { available, notAvailable } from '../../src/core/result.ts';
import type { Direction, NeutralBand, Thresholds } from '../../src/widgets/scorecard/config.ts';

type Row = [string, number | null, number, Direction, Thresholds | undefined, NeutralBand | undefined, Status, string];

const rows: Row[] = [
  // label, value, target, direction, thresholds, neutral, status, reason
  ['up: at target', 100, 100, 'up', undefined, undefined, 'on-track', 'met'],
  ['up: above target', 130, 100, 'up', undefined, undefined, 'on-track', 'met'],
  ['up: 95 % with default (warn 1, crit 0.9)', 95, 100, 'up', undefined, undefined, 'at-risk', 'below-warning'],
  ['up: exactly critical is at risk', 90, 100, 'up', undefined, undefined, 'at-risk', 'below-warning'],
  ['up: below critical', 89.9, 100, 'up', undefined, undefined, 'off-track', 'below-critical'],
  ['up: relative warning 0.9', 92, 100, 'up', { warning: 0.9, critical: 0.75 }, undefined, 'on-track', 'met'],
  ['up: relative critical 0.75', 80, 100, 'up', { warning: 0.9, critical: 0.75 }, undefined, 'at-risk', 'below-warning'],
  ['up: under 0.75', 70, 100, 'up', { warning: 0.9, critical: 0.75 }, undefined, 'off-track', 'below-critical'],
  ['up: absolute thresholds', 0.21, 0.25, 'up', { warning: { absolute: 0.22 }, critical: { absolute: 0.2 } }, undefined, 'at-risk', 'below-warning'],
  ['up: mixed absolute/relative', 0.19, 0.25, 'up', { warning: 0.9, critical: { absolute: 0.2 } }, undefined, 'off-track', 'below-critical'],
  ['up: neutral band rescues a near miss', 99, 100, 'up', undefined, 0.02, 'on-track', 'neutral'],
  ['up: outside neutral band', 97, 100, 'up', undefined, 0.02, 'at-risk', 'below-warning'],
  ['up: absolute neutral band', 97, 100, 'up', undefined, { absolute: 3 }, 'on-track', 'neutral'],
  ['down: at target', 60, 60, 'down', undefined, undefined, 'on-track', 'met'],
  ['down: under target is good', 40, 60, 'down', undefined, undefined, 'on-track', 'met'],
  ['down: 5 % over', 63, 60, 'down', undefined, undefined, 'at-risk', 'below-warning'],
  ['down: over 110 %', 70, 60, 'down', undefined, undefined, 'off-track', 'below-critical'],
  ['down: custom 1.2 / 1.5', 80, 60, 'down', { warning: 1.2, critical: 1.5 }, undefined, 'at-risk', 'below-warning'],
  ['down: custom 1.2 / 1.5, far over', 91, 60, 'down', { warning: 1.2, critical: 1.5 }, undefined, 'off-track', 'below-critical'],
  ['down: neutral band', 61, 60, 'down', undefined, 0.05, 'on-track', 'neutral'],
  ['down: target 0, anything above is off', 1, 0, 'down', undefined, undefined, 'off-track', 'below-critical'],
  ['down: target 0, zero is on', 0, 0, 'down', undefined, undefined, 'on-track', 'met'],
  ['up: negative target, relative factor stays on the bad side', -12, -10, 'up', { warning: 1, critical: 0.9 }, undefined, 'off-track', 'below-critical'],
  ['up: negative target, slightly worse', -10.5, -10, 'up', undefined, undefined, 'at-risk', 'below-warning'],
  ['not available', null, 100, 'up', undefined, undefined, 'unknown', 'not-available'],
];

for (const [label, value, target, direction, thresholds, neutral, status, reason] of rows) {
  test(`status: ${label}`, () => {
    const r = kpiStatus(value, target, direction, thresholds, neutral);
    assert.equal(r.status, status);
    assert.equal(r.reason, reason);
  });
}

test('status: MetricValue inputs', () => {
  assert.equal(kpiStatus(available(0.3), 0.25, 'up').status, 'on-track');
  assert.equal(kpiStatus(notAvailable('zero-denominator', 'x'), 0.25, 'up').status, 'unknown');
  assert.equal(kpiStatus(Number.NaN, 0.25, 'up').status, 'unknown');
});

test('thresholds: levels resolve relative to target', () => {
  const l = resolveLevels(200, 'up', { warning: 0.9, critical: 0.8 }, 0.05);
  assert.deepEqual([l.warning, l.critical, l.neutralLow, l.neutralHigh, l.problem], [180, 160, 190, 210, null]);
  const d = resolveLevels(60, 'down');
  assert.deepEqual([d.warning, Math.round(d.critical * 1e9) / 1e9], [60, 66]);
});

test('thresholds: wrong order is reported and swapped', () => {
  const l = resolveLevels(100, 'up', { warning: 0.8, critical: 0.9 });
  assert.match(l.problem ?? '', /critical/);
  assert.deepEqual([l.warning, l.critical], [90, 80]);
  const d = resolveLevels(100, 'down', { warning: 1.3, critical: 1.1 });
  assert.ok(d.problem);
  assert.equal(statusOf(120, d).status, 'at-risk');
});

test('scaleLevels: pacing scales every level', () => {
  const l = scaleLevels(resolveLevels(100, 'up', undefined, 0.1), 0.5);
  assert.deepEqual([l.target, l.warning, l.critical, l.neutralLow, l.neutralHigh], [50, 50, 45, 45, 55]);
});

test('overallStatus: the worst, unknown only when nothing judged', () => {
  assert.equal(overallStatus(['on-track', 'at-risk', 'unknown']), 'at-risk');
  assert.equal(overallStatus(['on-track', 'off-track', 'at-risk']), 'off-track');
  assert.equal(overallStatus(['unknown']), 'unknown');
  assert.equal(overallStatus([]), 'unknown');
  assert.equal(overallStatus(['on-track', 'unknown']), 'on-track');
});

import fc from 'fast-check';
import { severity } from '../../src/core/targets/status.ts';

test('status: property — a better value never gets a worse status', () => {
  const n = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  fc.assert(
    fc.property(n, n, n, fc.constantFrom('up' as const, 'down' as const), fc.double({ min: 0.5, max: 1, noNaN: true }), (a, b, target, dir, f) => {
      const thresholds = dir === 'up' ? { warning: 1, critical: f } : { warning: 1, critical: 2 - f };
      const [worse, better] = dir === 'up' ? [Math.min(a, b), Math.max(a, b)] : [Math.max(a, b), Math.min(a, b)];
      const sw = kpiStatus(worse, target, dir, thresholds).status;
      const sb = kpiStatus(better, target, dir, thresholds).status;
      return severity(sb) <= severity(sw) && sw !== 'unknown' && sb !== 'unknown';
    }),
  );
});
