// The calibration-vs-hold-out tracking plot's geometry, checked by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdoutLayout } from '../../src/charts/holdout-layout.ts';

test('two cumulative lines from 0, the marker at the calibration end, ticks every 13 weeks for 78 weeks', () => {
  const actual = Array.from({ length: 78 }, (_, i) => (i + 1) * 50);
  const expected = Array.from({ length: 78 }, (_, i) => (i + 1) * 40);
  const g = holdoutLayout({ actual, expected, marker: 39, width: 612, height: 220, margin: { top: 10, right: 10, bottom: 30, left: 52 } });
  // x: 0 … 78 weeks over 52 … 602 px (550 px); y: 0 … 3,900 niced to 4,000 over 190 … 10.
  assert.deepEqual(g.plot, { left: 52, right: 602, top: 10, bottom: 190 });
  assert.equal(g.markerX, 52 + 550 / 2);
  assert.ok(g.actualPath.startsWith('M52,190L'));
  assert.ok(g.expectedPath.startsWith('M52,190L'));
  assert.equal(g.actualEnd.x, 602);
  assert.ok(Math.abs(g.actualEnd.y - (190 - (3900 / 4000) * 180)) < 1e-9);
  assert.ok(Math.abs(g.expectedEnd.y - (190 - (3120 / 4000) * 180)) < 1e-9);
  assert.deepEqual(g.xTicks.map((t) => t.value), [0, 13, 26, 39, 52, 65, 78]);
  assert.deepEqual(g.yTicks.map((t) => t.value), [0, 1000, 2000, 3000, 4000]);
  // 79 points each (week 0 and weeks 1–78).
  assert.equal(g.actualPath.split('L').length, 79);
});

test('narrow: fewer x ticks, still on 13-week steps; a marker past the end is clamped; no data draws flat at 0', () => {
  const g = holdoutLayout({ actual: Array(78).fill(1), expected: Array(78).fill(1), marker: 100, width: 280, height: 200 });
  const step = g.xTicks[1]!.value - g.xTicks[0]!.value;
  assert.ok(step % 13 === 0 && step >= 13, String(step));
  assert.ok(g.xTicks.length <= 7);
  assert.equal(g.markerX, g.plot.right);
  const empty = holdoutLayout({ actual: [], expected: [], marker: 0, width: 300, height: 200 });
  assert.equal(empty.markerX, empty.plot.left);
  assert.equal(empty.actualPath, `M${empty.plot.left},${empty.plot.bottom}Z`); // d3's one-point path
});
