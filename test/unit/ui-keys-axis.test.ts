import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rovingKey } from '../../src/core/ui/roving-focus.ts';
import { anchorTicks } from '../../src/charts/axis.ts';
import { bulletLayout } from '../../src/charts/bullet-layout.ts';

test('rovingKey: arrows move one step without wrapping, Home/End jump, Enter/Space select, Escape escapes', () => {
  const cases: [string, number, unknown][] = [
    ['ArrowRight', 0, { move: 1 }],
    ['ArrowDown', 0, { move: 1 }],
    ['ArrowLeft', 2, { move: 1 }],
    ['ArrowUp', 2, { move: 1 }],
    ['ArrowRight', 4, { move: 4 }], // last of 5: stays
    ['ArrowLeft', 0, { move: 0 }], // first: stays
    ['Home', 3, { move: 0 }],
    ['End', 1, { move: 4 }],
    ['Enter', 2, { select: true }],
    [' ', 2, { select: true }],
    ['Escape', 2, { escape: true }],
    ['a', 2, null],
    ['Tab', 2, null],
  ];
  for (const [key, index, expected] of cases) assert.deepEqual(rovingKey(key, index, 5), expected, `${key} from ${index}`);
  assert.equal(rovingKey('ArrowRight', 0, 0), null, 'no items: nothing to do');
});

test('anchorTicks: end labels that would stick out are anchored inside the drawing', () => {
  const ticks = [0, 50, 100, 150, 200].map((v) => ({ value: v, x: v }));
  assert.deepEqual(anchorTicks(ticks, 200).map((t) => t.anchor), ['start', 'middle', 'middle', 'middle', 'end']);
  // First tick 12 px or more from the left edge, last 20 px or more from the right: centred.
  const inner = [{ value: 1, x: 12 }, { value: 2, x: 100 }, { value: 3, x: 180 }];
  assert.deepEqual(anchorTicks(inner, 200).map((t) => t.anchor), ['middle', 'middle', 'middle']);
  assert.deepEqual(anchorTicks([{ value: 1, x: 190 }], 200).map((t) => t.anchor), ['middle'], 'a lone tick is never end-anchored');
});

test('bulletLayout: an optional comparative marker, shorter than the target, widens the scale when needed', () => {
  const base = { width: 200, height: 30, direction: 'up', target: 100, warning: 100, critical: 90 } as const;
  const without = bulletLayout({ ...base, value: 80 });
  assert.equal(without.comparative, null);
  const b = bulletLayout({ ...base, value: 80, comparative: 60 });
  assert.deepEqual(b.domain, without.domain, 'a comparative inside the scale leaves it alone');
  // Domain [0, 120] (115 niced to ticks of 20): 60 sits at 100 px.
  assert.deepEqual(b.domain, [0, 120]);
  assert.equal(b.comparative!.x, 100);
  assert.ok(b.comparative!.y2 - b.comparative!.y1 < b.marker.y2 - b.marker.y1, 'shorter than the target marker');
  assert.ok(Math.abs((b.comparative!.y1 + b.comparative!.y2) / 2 - 15) < 1e-9, 'centred vertically');
  const far = bulletLayout({ ...base, value: 80, comparative: 200 });
  assert.ok(far.domain[1] >= 200, 'the scale reaches the comparative');
  assert.equal(far.comparative!.x, (200 / far.domain[1]) * 200);
  assert.equal(bulletLayout({ ...base, value: 80, comparative: Number.NaN }).comparative, null);
  assert.equal(b.ticks[0]!.anchor, 'start');
  assert.equal(b.ticks[b.ticks.length - 1]!.anchor, 'end');
});
