import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sparklineLayout } from '../../src/charts/sparkline-layout.ts';

const s = (values: (number | null)[]) => values.map((value, i) => ({ key: `p${i}`, value }));

test('sparkline: path, last, min and max', () => {
  const l = sparklineLayout(s([3, 1, 4, 1.5, 5]), { width: 104, height: 24, padding: 2 });
  assert.match(l.path, /^M2,/);
  assert.equal(l.points.length, 5);
  assert.equal(l.last?.value, 5);
  assert.equal(l.last?.x, 102);
  assert.equal(l.last?.y, 2, 'max at the top');
  assert.equal(l.min?.value, 1);
  assert.equal(l.min?.index, 1, 'first of equal minima');
  assert.equal(l.min?.y, 22, 'min at the bottom');
  assert.equal(l.max?.key, 'p4');
});

test('sparkline: gaps break the line', () => {
  const l = sparklineLayout(s([1, null, 3, 4]), { width: 100, height: 20 });
  assert.equal((l.path.match(/M/g) ?? []).length, 2);
  assert.equal(l.points.length, 3);
});

test('sparkline: constant series is a flat line in the middle', () => {
  const l = sparklineLayout(s([2, 2, 2]), { width: 100, height: 20 });
  assert.ok(l.points.every((p) => p.y === 10));
});

test('sparkline: one point, no points', () => {
  const one = sparklineLayout(s([7]), { width: 100, height: 20 });
  assert.equal(one.path, '');
  assert.equal(one.last?.x, 50);
  const none = sparklineLayout(s([null, null]), { width: 100, height: 20 });
  assert.equal(none.path, '');
  assert.equal(none.last, null);
  assert.equal(sparklineLayout([], { width: 100, height: 20 }).last, null);
});

test('sparkline: reference (target) joins the domain', () => {
  const l = sparklineLayout(s([1, 2, 3]), { width: 100, height: 20, padding: 0, reference: 5 });
  assert.equal(l.referenceY, 0);
  assert.deepEqual(l.domain, [1, 5]);
  assert.equal(l.last?.y, 10);
});
