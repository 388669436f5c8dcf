import { test } from 'node:test';
import assert from 'node:assert/strict';
import { elapsedShare, pacing, type PaceState } from '../../src/core/targets/pacing.ts';
import { parseWhen, periodOf, periodOfString, periodsEndingAt, sameLastYear, shiftPeriod } from '../../src/core/calendar.ts';
import type { Period } from '../../src/widgets/scorecard/config.ts';

const at = (iso: string) => Date.parse(iso);

test('periods: keys and UTC boundaries', () => {
  const cases: [string, Period, string, string, string][] = [
    ['2017-11-15T12:00:00Z', 'month', '2017-11', '2017-11-01T00:00:00.000Z', '2017-12-01T00:00:00.000Z'],
    ['2017-11-15T12:00:00Z', 'quarter', '2017-Q4', '2017-10-01T00:00:00.000Z', '2018-01-01T00:00:00.000Z'],
    ['2017-11-15T12:00:00Z', 'year', '2017', '2017-01-01T00:00:00.000Z', '2018-01-01T00:00:00.000Z'],
    ['2017-12-31T23:59:59Z', 'quarter', '2017-Q4', '2017-10-01T00:00:00.000Z', '2018-01-01T00:00:00.000Z'],
    ['2018-01-01T00:00:00Z', 'quarter', '2018-Q1', '2018-01-01T00:00:00.000Z', '2018-04-01T00:00:00.000Z'],
    ['2016-02-29T00:00:00Z', 'month', '2016-02', '2016-02-01T00:00:00.000Z', '2016-03-01T00:00:00.000Z'],
  ];
  for (const [when, period, key, start, end] of cases) {
    const p = periodOf(at(when), period);
    assert.equal(p.key, key);
    assert.equal(new Date(p.start).toISOString(), start);
    assert.equal(new Date(p.end).toISOString(), end);
  }
});

test('periods: shifting, last year, parsing keys', () => {
  const q = periodOf(at('2017-02-10T00:00:00Z'), 'quarter');
  assert.equal(shiftPeriod(q, -1).key, '2016-Q4');
  assert.equal(shiftPeriod(q, 4).key, '2018-Q1');
  assert.equal(sameLastYear(q).key, '2016-Q1');
  assert.equal(sameLastYear(periodOf(at('2017-03-10T00:00:00Z'), 'month')).key, '2016-03');
  assert.deepEqual(periodsEndingAt(q, 3).map((p) => p.key), ['2016-Q3', '2016-Q4', '2017-Q1']);
  assert.equal(periodOfString('2017-Q3', 'quarter')?.key, '2017-Q3');
  assert.equal(periodOfString('2017-08', 'quarter')?.key, '2017-Q3');
  assert.equal(periodOfString('2017-09-30', 'month')?.key, '2017-09');
  assert.equal(periodOfString('2017', 'year')?.key, '2017');
  assert.equal(parseWhen('2017-02-30'), null);
  assert.equal(parseWhen('2017-13'), null);
  assert.equal(parseWhen('soon'), null);
});

type Row = [string, string, Period, number | null, number, PaceState, number | null];
// label, now, period, value, target, state, expected-to-date (rounded)
const rows: Row[] = [
  ['quarter half way', '2017-11-15T12:00:00Z', 'quarter', 500, 1000, 'running', 495],
  ['first day of the quarter: too early, not off track', '2017-10-01T12:00:00Z', 'quarter', 0, 1000, 'too-early', 5],
  ['day 5 of quarter (< 10 %): too early', '2017-10-06T00:00:00Z', 'quarter', 0, 1000, 'too-early', 54],
  ['day 2 of a month (< 3 days): too early', '2017-11-03T00:00:00Z', 'month', 0, 300, 'too-early', 20],
  ['day 4 of a month (> 10 %, > 3 days): judged', '2017-11-04T00:00:00Z', 'month', 0, 300, 'running', 30],
  ['exactly at the start: not started', '2017-10-01T00:00:00Z', 'quarter', 0, 1000, 'not-started', 0],
  ['period over: complete, full target', '2018-01-01T00:00:00Z', 'year', 900, 1000, 'running', 0],
  ['year, mid-July', '2017-07-02T12:00:00Z', 'year', null, 365, 'running', 183],
];

for (const [label, now, period, value, target, state, expected] of rows) {
  test(`pacing: ${label}`, () => {
    const p = pacing(value, target, period, at(now));
    if (label.startsWith('period over')) {
      // periodOf(now) is the new year; judge the previous one explicitly
      const prev = shiftPeriod(periodOf(at(now), period), -1);
      const c = pacing(value, target, prev, at(now));
      assert.equal(c.state, 'complete');
      assert.equal(c.expectedToDate, 1000);
      assert.equal(c.gap, -100);
      assert.equal(c.projected, 900);
      return;
    }
    assert.equal(p.state, state);
    assert.equal(Math.round(p.expectedToDate), expected);
    if (value === null) assert.equal(p.gap, null);
  });
}

test('pacing: projection and gap while running', () => {
  const p = pacing(600, 1000, 'quarter', at('2017-11-15T12:00:00Z'));
  assert.equal(Math.round(p.projected!), 1213); // 600 ÷ (45.5 / 92)
  assert.equal(Math.round(p.gap!), 105);
  assert.equal(p.totalDays, 92);
  assert.equal(p.elapsedDays, 45);
});

test('pacing: too early hides the projection', () => {
  const p = pacing(0, 1000, 'quarter', at('2017-10-02T00:00:00Z'));
  assert.equal(p.projected, null);
});

test('pacing: options move the guard', () => {
  assert.equal(pacing(0, 100, 'quarter', at('2017-10-06T00:00:00Z'), { minElapsedShare: 0.05, minDays: 1 }).state, 'running');
  assert.equal(pacing(0, 100, 'month', at('2017-11-20T00:00:00Z'), { minElapsedShare: 0.9 }).state, 'too-early');
});

test('elapsedShare is clamped to [0, 1]', () => {
  const q = periodOf(at('2017-11-15T00:00:00Z'), 'quarter');
  assert.equal(elapsedShare(q, q.start - 1000), 0);
  assert.equal(elapsedShare(q, q.end + 1000), 1);
});
