/** Table tests: cohort curves geometry and the direct labels kept apart. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cohortLayout, spreadLabels } from '../../src/charts/cohort-layout.ts';

test('spreadLabels keeps labels at least gap apart, in order, inside the plot', () => {
  const cases: [number[], number, number, number, number[]][] = [
    [[50, 10, 90], 14, 0, 100, [50, 10, 90]], // already apart
    [[50, 52, 54], 14, 0, 100, [50, 64, 78]], // pushed down in order of wanted y
    [[95, 96, 97], 14, 0, 100, [72, 86, 100]], // pushed past the bottom: shifted up as a block
    [[1, 2], 14, 5, 100, [5, 19]], // clamped to the top
  ];
  for (const [wanted, gap, top, bottom, want] of cases) assert.deepEqual(spreadLabels(wanted, gap, top, bottom), want);
});

test('one path per cohort through its points; labels at the right of the plot', () => {
  // Plot x 48..(300 − 8 − 64 = 228), y 10..(150 − 28 = 122); x domain 0..2 months; y 0..100.
  const g = cohortLayout({
    series: [
      { id: '2022-01', points: [{ month: 0, value: 50 }, { month: 1, value: 80 }, { month: 2, value: 100 }] },
      { id: '2022-02', points: [{ month: 0, value: 40 }, { month: 1, value: 60 }] },
    ],
    width: 300,
    height: 150,
  });
  assert.deepEqual(g.plot, { left: 48, right: 228, top: 10, bottom: 122 });
  const [a, b] = g.lines;
  assert.equal(a!.path, 'M48,66L138,32.4L228,10');
  assert.deepEqual(a!.end, { x: 228, y: 10 });
  assert.equal(b!.end.x, 138);
  assert.ok(Math.abs(b!.end.y - 54.8) < 1e-9);
  assert.equal(g.labelX, 234);
  // Labels 10 and 54.8 are more than 14 apart; the first is clamped to top + 4.
  assert.equal(g.lines[0]!.labelY, 14);
  assert.ok(Math.abs(g.lines[1]!.labelY - 54.8) < 1e-9);
  assert.ok(g.xTicks.every((t) => Number.isInteger(t.value)));
});

test('no series and NaN values give finite geometry', () => {
  const g = cohortLayout({ series: [], width: 200, height: 100 });
  assert.equal(g.lines.length, 0);
  const h = cohortLayout({ series: [{ id: 'x', points: [{ month: 0, value: NaN }] }], width: 200, height: 100 });
  assert.equal(h.lines[0]!.path, '');
  assert.ok(Number.isFinite(h.lines[0]!.end.x) && Number.isFinite(h.lines[0]!.labelY));
});
