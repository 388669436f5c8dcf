/** Table tests: histogram geometry and the LTV distribution bins it draws. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { histogramLayout } from '../../src/charts/histogram-layout.ts';
import { distribution } from '../../src/widgets/ltv/distribution.ts';

const M = { top: 10, right: 10, bottom: 30, left: 40 };

test('bars fill the plot left to right, heights proportional to counts', () => {
  // Plot x 40..240 (200 px), y 10..90 (80 px); 4 bins of 50 px; y domain [0, 10] already nice.
  const g = histogramLayout({ bins: [{ x0: 0, x1: 10, count: 10 }, { x0: 10, x1: 20, count: 5 }, { x0: 20, x1: 30, count: 0 }, { x0: 30, x1: 40, count: 2 }], width: 250, height: 120, margin: M });
  assert.deepEqual(g.plot, { left: 40, right: 240, top: 10, bottom: 90 });
  const cases: [number, { x: number; w: number; y: number; h: number }][] = [
    [0, { x: 40.5, w: 49, y: 10, h: 80 }],
    [1, { x: 90.5, w: 49, y: 50, h: 40 }],
    [2, { x: 140.5, w: 49, y: 90, h: 0 }],
    [3, { x: 190.5, w: 49, y: 74, h: 16 }],
  ];
  for (const [i, want] of cases) {
    const b = g.bars[i]!;
    for (const k of ['x', 'w', 'y', 'h'] as const) assert.ok(Math.abs(b[k] - want[k]) < 1e-9, `bar ${i} ${k}: ${b[k]} ≠ ${want[k]}`);
  }
  assert.equal(g.overflowX, null);
});

test('the overflow bin is one more bar after a half-bin gap, and the marker sits on the scale', () => {
  // 2 bins + 1.5 → binW = 200 / 3.5; overflow bar starts at 40 + 2.5 binW.
  const g = histogramLayout({ bins: [{ x0: 0, x1: 50, count: 4 }, { x0: 50, x1: 100, count: 2 }], overflow: { from: 100, count: 1 }, marker: 25, width: 250, height: 120, margin: M });
  const binW = 200 / 3.5;
  const o = g.bars[2]!;
  assert.equal(o.overflow, true);
  assert.equal(o.x1, Infinity);
  assert.ok(Math.abs(o.x - (40 + 2.5 * binW + 0.5)) < 1e-9);
  assert.ok(Math.abs(g.overflowX! - (40 + 3 * binW)) < 1e-9);
  assert.ok(Math.abs(g.marker!.x - (40 + binW / 2)) < 1e-9);
});

test('no bins: empty geometry, no NaN', () => {
  const g = histogramLayout({ bins: [], width: 300, height: 100 });
  assert.deepEqual([g.bars.length, g.xTicks.length, g.marker], [0, 0, null]);
  const z = histogramLayout({ bins: [{ x0: 0, x1: 1, count: 0 }], width: NaN, height: 100 });
  assert.ok(z.bars.every((b) => [b.x, b.y, b.w, b.h].every(Number.isFinite)));
});

test('distribution: bins to the 99th percentile, the tail counted as overflow, totals conserved', () => {
  const values = Float64Array.from({ length: 1000 }, (_, i) => (i < 990 ? i % 100 : 10_000 + i));
  const d = distribution(values);
  const inBins = d.bins.reduce((s, b) => s + b.count, 0);
  assert.equal(inBins + (d.overflow?.count ?? 0), 1000);
  assert.equal(d.overflow!.count, 10);
  assert.equal(d.bins[0]!.x0, 0);
  assert.ok(d.bins.every((b, i) => i === 0 || b.x0 === d.bins[i - 1]!.x1), 'contiguous');
  assert.equal(d.n, 1000);
});

test('distribution: NaN skipped, one value, negative values', () => {
  const cases: [number[], { n: number; mean: number | null; bins: boolean }][] = [
    [[NaN, NaN], { n: 0, mean: null, bins: false }],
    [[5], { n: 1, mean: 5, bins: true }],
    [[-10, 0, 10], { n: 3, mean: 0, bins: true }],
  ];
  for (const [v, want] of cases) {
    const d = distribution(v);
    assert.equal(d.n, want.n);
    assert.equal(d.mean, want.mean);
    assert.equal(d.bins.length > 0, want.bins);
    assert.equal(d.bins.reduce((s, b) => s + b.count, 0) + (d.overflow?.count ?? 0), want.n);
  }
});

test('distribution: selecting quantiles and bisecting thresholds (no sort) gives d3 bin()’s bins, quantiles and median exactly', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const cases: [string, Float64Array][] = [
    ['log-normal', Float64Array.from({ length: 5000 }, () => Math.round(Math.exp(3 + rand() * 2) * 100) / 100)],
    ['integers on thresholds', Float64Array.from({ length: 3000 }, () => Math.floor(rand() * 50) * 10)],
    ['with negatives', Float64Array.from({ length: 2000 }, () => (rand() - 0.3) * 1000)],
    ['even count, many ties', Float64Array.from({ length: 40_000 }, () => Math.floor(rand() * 7) * 12.5)],
    ['odd count, heavy tail', Float64Array.from({ length: 30_001 }, () => Math.round(Math.exp(rand() * 9)))],
  ];
  for (const [name, values] of cases) {
    const a = distribution(values, { counting: 'd3' });
    const b = distribution(values, { counting: 'sorted' });
    assert.deepEqual(b.bins, a.bins, name);
    assert.deepEqual(b.overflow, a.overflow, name);
    assert.equal(b.median, a.median, name);
    assert.equal(b.mean, a.mean, name);
    assert.equal(b.n, a.n, name);
  }
});
