import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { isoDay } from '../../src/core/calendar.ts';
import { dayNumber, summarizeTransactions, type RfmSummary, type Transaction } from '../../src/models/rfm-summary.ts';

const dataFile = (name: string): string => readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8');

function ok(r: ReturnType<typeof summarizeTransactions>): RfmSummary {
  assert.ok(r.ok, r.ok ? '' : `${r.reason}: ${r.detail}`);
  return r;
}

/** data/cdnow_summary.csv: customer_id,frequency,recency,T,monetary_value */
function publishedSummary(): { id: string; frequency: number; recency: number; T: number; monetary: number }[] {
  return dataFile('cdnow_summary.csv')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id, frequency, recency, T, monetary] = line.split(',');
      return { id, frequency: Number(frequency), recency: Number(recency), T: Number(T), monetary: Number(monetary) };
    });
}

function assertMatchesPublished(s: RfmSummary): void {
  const expected = publishedSummary();
  assert.equal(expected.length, 2357);
  assert.equal(s.customers.length, 2357);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const c = s.customers[i];
    assert.equal(c.id, e.id);
    assert.equal(c.frequency, e.frequency, `frequency of ${e.id}`);
    assert.ok(Math.abs(c.recency - e.recency) <= 1e-6, `recency of ${e.id}: ${c.recency} vs ${e.recency}`);
    assert.ok(Math.abs(c.T - e.T) <= 1e-6, `T of ${e.id}: ${c.T} vs ${e.T}`);
    assert.ok(Math.abs(c.monetary - e.monetary) <= 1e-6, `monetary of ${e.id}: ${c.monetary} vs ${e.monetary}`);
  }
}

test('CDNOW: cdnow_transactions.json summarised in weeks to 1997-09-30 reproduces cdnow_summary.csv', () => {
  const tx = JSON.parse(dataFile('cdnow_transactions.json')) as Transaction[];
  const s = ok(summarizeTransactions(tx, { unit: 'weeks', calibrationEnd: '1997-09-30' }));
  assertMatchesPublished(s);
  assert.equal(s.rows, 6919);
  assert.equal(s.used + s.afterPeriod, 6919);
  assert.deepEqual(s.skipped, { invalidCustomer: 0, invalidDate: 0, invalidAmount: 0 });
  assert.equal(s.customersAfterCalibration, 0);
  assert.equal(s.customers.filter((c) => c.frequency > 0).length, 946);
});

test('CDNOW: the raw CDNOW_sample.txt (YYYYMMDD dates) gives the same summary', () => {
  const rows: Transaction[] = dataFile('CDNOW_sample.txt')
    .trim()
    .split('\n')
    .map((line) => {
      const [, sampleId, date, , amount] = line.trim().split(/\s+/);
      return { customerId: String(Number(sampleId)), date, amount: Number(amount) };
    });
  assertMatchesPublished(ok(summarizeTransactions(rows, { unit: 'weeks', calibrationEnd: '19970930' })));
});

test('summary rules: same-day merge, inclusive calibration end, units, hold-out', () => {
  const tx: Transaction[] = [
    { customerId: 'a', date: '2024-01-01', amount: 10 },
    { customerId: 'a', date: '2024-01-01', amount: 5 }, // same day as the first: merged, not a repeat
    { customerId: 'b', date: '2024-01-03', amount: 7 },
    { customerId: 'a', date: '2024-01-15', amount: 20 },
    { customerId: 'a', date: '2024-01-15', amount: 4 }, // same day: one repeat worth 24
    { customerId: 'a', date: '2024-01-29', amount: 30 }, // on the calibration end: counts
    { customerId: 'a', date: '2024-01-30', amount: 99 }, // after: hold-out
    { customerId: 'c', date: '2024-02-02', amount: 1 }, // first purchase after the end: not a customer yet
  ];
  const s = ok(summarizeTransactions(tx, { unit: 'days', calibrationEnd: '2024-01-29', holdoutEnd: '2024-02-28' }));
  assert.deepEqual(s.customers, [
    { id: 'a', frequency: 2, recency: 28, T: 28, monetary: 27, holdoutFrequency: 1, holdoutAmount: 99 },
    { id: 'b', frequency: 0, recency: 0, T: 26, monetary: 0, holdoutFrequency: 0, holdoutAmount: 0 },
  ]);
  assert.equal(s.customersAfterCalibration, 1);
  assert.equal(s.holdoutLength, 30);
  assert.equal(s.calibrationEnd, '2024-01-29');

  const cases: [unit: 'days' | 'weeks' | 'months', recency: number][] = [
    ['days', 28],
    ['weeks', 4],
    ['months', 28 / (365.25 / 12)],
  ];
  for (const [unit, recency] of cases) {
    const u = ok(summarizeTransactions(tx, { unit, calibrationEnd: '2024-01-29' }));
    assert.equal(u.customers[0].recency, recency, unit);
    assert.equal(u.customers[0].T, recency, unit);
  }
});

test('summary: default calibration end is the last purchase day; Dates and timestamps bucket by UTC day', () => {
  const tx: Transaction[] = [
    { customerId: 1, date: new Date('2024-03-01T23:30:00Z'), amount: 1 },
    { customerId: 1, date: '2024-03-01T08:00:00Z', amount: 2 },
    { customerId: 1, date: new Date(Date.UTC(2024, 2, 8)), amount: 3 },
  ];
  const s = ok(summarizeTransactions(tx, { unit: 'days' }));
  assert.equal(s.calibrationEnd, '2024-03-08');
  assert.deepEqual(s.customers, [{ id: '1', frequency: 1, recency: 7, T: 7, monetary: 3 }]);
});

test('summary: unusable rows are counted by reason, never silently dropped', () => {
  const tx = [
    { customerId: 'a', date: '2024-01-01', amount: 10 },
    { customerId: '', date: '2024-01-01', amount: 10 },
    { customerId: 'a', date: '2024-02-30', amount: 10 },
    { customerId: 'a', date: 'yesterday', amount: 10 },
    { customerId: 'a', date: '2024-01-02', amount: Number.NaN },
    { customerId: 'a', date: '2024-01-02', amount: '3' },
    null,
  ] as unknown as Transaction[];
  const s = ok(summarizeTransactions(tx, { calibrationEnd: '2024-01-31' }));
  assert.deepEqual(s.skipped, { invalidCustomer: 2, invalidDate: 2, invalidAmount: 2 });
  assert.equal(s.used, 1);
  assert.equal(s.customers.length, 1);
});

test('summary: invalid options are "not available", empty input is an empty summary', () => {
  const cases: [Parameters<typeof summarizeTransactions>[1], string][] = [
    [{ calibrationEnd: 'nope' }, 'invalid-input'],
    [{ calibrationEnd: '2024-01-31', holdoutEnd: '2024-01-01' }, 'invalid-input'],
    [{ holdoutEnd: '2024-01-01' }, 'invalid-input'],
    [{ unit: 'fortnights' as 'days' }, 'invalid-input'],
  ];
  for (const [options, reason] of cases) {
    const r = summarizeTransactions([{ customerId: 'a', date: '2024-01-01', amount: 1 }], options);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.reason, reason);
  }
  const empty = ok(summarizeTransactions([], { calibrationEnd: '2024-01-01' }));
  assert.deepEqual(empty.customers, []);
});

test('dayNumber / isoDay: table', () => {
  const cases: [unknown, number][] = [
    ['1970-01-01', 0],
    ['19700102', 1],
    ['2000-02-29', 11016],
    ['1900-03-01', -25508],
    [new Date('2024-03-01T23:59:59Z'), 19783],
    ['2023-02-29', NaN],
    ['2024-13-01', NaN],
    ['20241301', NaN],
    [42, NaN],
  ];
  for (const [input, expected] of cases) assert.equal(dayNumber(input), expected, String(input));
  assert.equal(isoDay(11016), '2000-02-29');
  fc.assert(
    fc.property(fc.integer({ min: -50000, max: 80000 }), (d) => {
      assert.equal(dayNumber(isoDay(d)), d);
    }),
  );
});

/** A deliberately naive reference: group, sort, merge days, with plain objects. */
function naiveSummary(tx: Transaction[], calEnd: string): Map<string, { f: number; rec: number; T: number; m: number }> {
  const byCustomer = new Map<string, Map<string, number>>();
  for (const t of tx) {
    if ((t.date as string) > calEnd) continue;
    const id = String(t.customerId);
    const days = byCustomer.get(id) ?? new Map<string, number>();
    days.set(t.date as string, (days.get(t.date as string) ?? 0) + t.amount);
    byCustomer.set(id, days);
  }
  const out = new Map<string, { f: number; rec: number; T: number; m: number }>();
  const ms = (d: string): number => Date.parse(`${d}T00:00:00Z`) / 86400000;
  for (const [id, days] of byCustomer) {
    const sorted = [...days.keys()].sort();
    const f = sorted.length - 1;
    const repeat = sorted.slice(1).reduce((s, d) => s + (days.get(d) as number), 0);
    out.set(id, { f, rec: ms(sorted[f]) - ms(sorted[0]), T: ms(calEnd) - ms(sorted[0]), m: f > 0 ? repeat / f : 0 });
  }
  return out;
}

test('property: the typed-array summary agrees with a naive reference on random transactions', () => {
  const txArb = fc.array(
    fc.record({
      customerId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      date: fc.integer({ min: 0, max: 60 }).map((d) => isoDay(19700 + d)),
      amount: fc.integer({ min: 0, max: 10000 }).map((c) => c / 100),
    }),
    { maxLength: 60 },
  );
  fc.assert(
    fc.property(txArb, (tx) => {
      const calEnd = isoDay(19740);
      const s = ok(summarizeTransactions(tx, { unit: 'days', calibrationEnd: calEnd }));
      const ref = naiveSummary(tx, calEnd);
      assert.equal(s.customers.length, ref.size);
      for (const c of s.customers) {
        const r = ref.get(c.id);
        assert.ok(r);
        assert.equal(c.frequency, r.f);
        assert.equal(c.recency, r.rec);
        assert.equal(c.T, r.T);
        assert.ok(Math.abs(c.monetary - r.m) < 1e-9);
        assert.ok(c.recency <= c.T && c.recency >= 0);
      }
    }),
    { numRuns: 300, seed: 1997 },
  );
});

test('1,000,000 rows: summarised in one go (no spread, no stack overflow), purchase days conserved', () => {
  const n = 1_000_000;
  const tx: Transaction[] = new Array(n);
  const pairs = new Set<number>();
  for (let i = 0; i < n; i++) {
    const c = i % 150_000;
    const d = (i * 7919) % 700;
    tx[i] = { customerId: `c${c}`, date: isoDay(10000 + d), amount: 1 };
    pairs.add(c * 1000 + d);
  }
  const s = ok(summarizeTransactions(tx, { unit: 'days', calibrationEnd: isoDay(10699) }));
  assert.equal(s.customers.length, 150_000);
  assert.equal(s.used, n);
  let purchaseDays = 0;
  for (const c of s.customers) purchaseDays += c.frequency + 1;
  assert.equal(purchaseDays, pairs.size);
});
