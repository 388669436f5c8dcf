import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bulletLayout } from '../../src/charts/bullet-layout.ts';

const base = { width: 200, height: 30 } as const;

test('bullet: higher is better — poor, satisfactory, good from left to right', () => {
  const b = bulletLayout({ ...base, value: 80, target: 100, direction: 'up', warning: 100, critical: 90 });
  assert.deepEqual(b.ranges.map((r) => r.id), ['poor', 'satisfactory', 'good']);
  assert.deepEqual(b.ranges.map((r) => [r.from, r.to]), [[0, 90], [90, 100], [100, b.domain[1]]]);
  assert.equal(b.domain[0], 0);
  assert.ok(b.domain[1] >= 115, 'room past the target');
  assert.equal(b.bar?.x, 0);
  assert.equal(Math.round(b.bar!.width), Math.round((80 / b.domain[1]) * 200));
  assert.equal(Math.round(b.marker.x), Math.round((100 / b.domain[1]) * 200));
  assert.equal(b.bar?.height, 10, 'featured measure is a third of the height');
  assert.ok(b.marker.y2 - b.marker.y1 > b.bar!.height, 'marker taller than the bar');
  assert.ok(b.ticks.length >= 3);
  assert.equal(b.ticks[0]!.value, 0);
});

test('bullet: lower is better — ranges reversed, good next to zero', () => {
  const b = bulletLayout({ ...base, value: 70, target: 60, direction: 'down', warning: 60, critical: 66 });
  assert.deepEqual(b.ranges.map((r) => r.id), ['good', 'satisfactory', 'poor']);
  assert.equal(b.ranges[0]!.from, 0);
  assert.equal(b.ranges[0]!.to, 60);
  assert.equal(b.ranges[1]!.to, 66);
  assert.ok(b.bar!.width > 0);
});

test('bullet: ranges tile the whole scale', () => {
  const b = bulletLayout({ ...base, value: 40, target: 50, direction: 'up', warning: 45, critical: 30 });
  const total = b.ranges.reduce((s, r) => s + r.width, 0);
  assert.ok(Math.abs(total - 200) < 1e-9);
});

test('bullet: value past the scale extends it, far past clamps and flags overflow', () => {
  const near = bulletLayout({ ...base, value: 180, target: 100, direction: 'up', warning: 100, critical: 90 });
  assert.ok(near.domain[1] >= 180);
  assert.equal(near.bar?.overflow, false);
  const far = bulletLayout({ ...base, value: 10_000, target: 100, direction: 'up', warning: 100, critical: 90 });
  assert.equal(far.bar?.overflow, true);
  assert.ok(far.bar!.x + far.bar!.width <= 200 + 1e-9);
  assert.ok(far.marker.x > 40, 'the target stays readable');
});

test('bullet: negative value draws leftwards from zero', () => {
  const b = bulletLayout({ ...base, value: -20, target: 100, direction: 'up', warning: 100, critical: 90 });
  assert.ok(b.domain[0] <= -20);
  assert.equal(b.bar?.negative, true);
  assert.ok(Math.abs(b.bar!.x + b.bar!.width - b.zeroX) < 1e-9);
  assert.ok(b.zeroX > 0);
});

test('bullet: zero value has a zero-width bar; not available has none', () => {
  const z = bulletLayout({ ...base, value: 0, target: 100, direction: 'up', warning: 100, critical: 90 });
  assert.equal(z.bar?.width, 0);
  const n = bulletLayout({ ...base, value: null, target: 100, direction: 'up', warning: 100, critical: 90 });
  assert.equal(n.bar, null);
  assert.equal(n.ranges.length, 3);
});

test('bullet: target 0 and zero size do not produce NaN', () => {
  for (const b of [
    bulletLayout({ ...base, value: 3, target: 0, direction: 'down', warning: 0, critical: 0 }),
    bulletLayout({ width: 0, height: 0, value: 3, target: 10, direction: 'up', warning: 10, critical: 9 }),
  ]) {
    // Every number anywhere in the geometry is finite (JSON.stringify would hide NaN as null).
    const numbers: number[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'number') numbers.push(v);
      else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    walk(b);
    assert.ok(numbers.length > 5);
    assert.deepEqual(numbers.filter((n) => !Number.isFinite(n)), []);
    for (const n of [b.marker.x, b.zeroX, ...b.ranges.flatMap((r) => [r.x, r.width]), ...(b.bar ? [b.bar.x, b.bar.width] : [])]) {
      assert.ok(Number.isFinite(n), `finite: ${n}`);
    }
  }
});

test('bullet: property — geometry stays inside the box and finite', () => {
  const num = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  fc.assert(
    fc.property(num, num, fc.double({ min: 0.5, max: 1, noNaN: true }), fc.constantFrom('up' as const, 'down' as const), (value, target, f, dir) => {
      const warning = target;
      const critical = dir === 'up' ? target - Math.abs(target) * (1 - f) : target + Math.abs(target) * (1 - f);
      const b = bulletLayout({ ...base, value, target, direction: dir, warning, critical });
      const xs = [b.marker.x, b.zeroX, ...b.ranges.flatMap((r) => [r.x, r.x + r.width]), ...(b.bar ? [b.bar.x, b.bar.x + b.bar.width] : [])];
      return xs.every((x) => Number.isFinite(x) && x >= -1e-9 && x <= 200 + 1e-9);
    }),
  );
});
