// src/charts/scale.ts against d3-scale itself: the same coordinates, nice domains and ticks,
// bit for bit, for random domains, ranges and inputs, and a few values worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as d3 from 'd3-scale';
import { scaleLinear, scaleSymlog } from '../../src/charts/scale.ts';

// Integers and doubles, without subnormals (d3-array's ticks itself cannot span those).
const num = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: -1e7, max: 1e7, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-9));
const pair = fc.tuple(num, num);

test('by hand: linear, clamped, nice, symlog', () => {
  const x = scaleLinear().domain([0, 1200]).range([0, 600]);
  assert.equal(x(300), 150);
  assert.equal(x(-120), -60);
  assert.equal(x.clamp(true)(-120), 0);
  assert.equal(x(2400), 600);
  // 0…1180 with about 4 ticks: 1180 / 4 = 295 → a step of 200 → 0…1200; 3 ticks: 393 → 500 → 0…1500.
  const n = scaleLinear().domain([0, 1180]).range([0, 300]).nice(4);
  assert.deepEqual(n.domain(), [0, 1200]);
  assert.deepEqual(n.ticks(4), [0, 200, 400, 600, 800, 1000, 1200]);
  assert.equal(n(750), 187.5);
  assert.deepEqual(scaleLinear().domain([0, 1180]).nice(3).domain(), [0, 1500]);
  assert.deepEqual(scaleLinear().domain([-0.37, 0.12]).nice(5).domain(), [-0.4, 0.2]);
  // A reversed range (y axes): 0 → bottom.
  assert.equal(scaleLinear().domain([0, 10]).range([100, 0])(2.5), 75);
  // symlog: log1p(x) / log1p(max) of the width; log1p(0) = 0.
  const s = scaleSymlog().domain([0, 99]).range([0, 200]);
  assert.equal(s(0), 0);
  assert.equal(s(99), 200);
  assert.ok(Math.abs(s(9) - (200 * Math.log(10)) / Math.log(100)) < 1e-12); // 100
  // An empty domain maps to the middle of the range, as d3 does.
  assert.equal(scaleLinear().domain([5, 5]).range([0, 10])(5), 5);
  assert.ok(Number.isNaN(scaleLinear()(NaN)));
});

test('linear: the same values as d3-scale, with and without clamp and nice', () => {
  fc.assert(
    fc.property(pair, pair, fc.array(num, { maxLength: 8 }), fc.boolean(), fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), (d, r, xs, clamp, count) => {
      const ours = scaleLinear().domain(d).range(r).clamp(clamp);
      const theirs = d3.scaleLinear().domain(d).range(r).clamp(clamp);
      if (count !== undefined) {
        ours.nice(count);
        theirs.nice(count);
      }
      assert.deepEqual(ours.domain(), theirs.domain());
      assert.deepEqual(ours.ticks(count), theirs.ticks(count));
      for (const x of [...xs, d[0], d[1]]) assert.ok(Object.is(ours(x), theirs(x)), `${x}: ${ours(x)} vs ${theirs(x)}`);
    }),
    { numRuns: 500 },
  );
});

test('symlog: the same values as d3-scale', () => {
  fc.assert(
    fc.property(pair, pair, fc.array(num, { maxLength: 8 }), fc.boolean(), (d, r, xs, clamp) => {
      const ours = scaleSymlog().domain(d).range(r).clamp(clamp);
      const theirs = d3.scaleSymlog().domain(d).range(r).clamp(clamp);
      for (const x of [...xs, d[0], d[1]]) assert.ok(Object.is(ours(x), theirs(x)), `${x}: ${ours(x)} vs ${theirs(x)}`);
    }),
    { numRuns: 300 },
  );
});
