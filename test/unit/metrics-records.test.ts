/** Record schemas, date parsing and the period / group-by helpers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDate } from '../../src/core/schema/dates.ts';
import { formatIssue } from '../../src/core/schema/validate.ts';
import { bucketKey, isoDate } from '../../src/core/calendar.ts';
import { Activity, Cost, CustomerSummary, Deal, parseRecords, recordSchemas, StageCount, Transaction } from '../../src/core/schema/records.ts';
import { evaluate, keyFunction, NONE_KEY, resolvePeriod } from '../../src/kpis/metric.ts';
import { commonCurrency } from '../../src/core/money.ts';
import { available } from '../../src/core/result.ts';

const day = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));

test('parseDate: accepted forms', () => {
  const cases: [unknown, object | undefined, number | null][] = [
    ['2017-03-01', undefined, day('2017-03-01')],
    ['2017/03/01', undefined, day('2017-03-01')],
    [' 2017-3-1 ', undefined, day('2017-03-01')],
    ['2017-03-01 13:45:10', undefined, day('2017-03-01') + (13 * 3600 + 45 * 60 + 10) * 1000],
    ['2017-03-01T13:45:10.5Z', undefined, day('2017-03-01') + (13 * 3600 + 45 * 60 + 10) * 1000 + 500],
    ['2017-03-01T13:45+02:00', undefined, day('2017-03-01') + (11 * 3600 + 45 * 60) * 1000],
    ['25/12/2017', undefined, day('2017-12-25')], // day > 12: day first
    ['12/25/2017', undefined, day('2017-12-25')], // month first
    ['03/04/2017', undefined, null], // ambiguous without an option: rejected, never guessed
    ['03/04/2017', { dayFirst: true }, day('2017-04-03')],
    ['03/04/2017', { dayFirst: false }, day('2017-03-04')],
    ['05/05/2017', undefined, day('2017-05-05')], // same either way
    ['2017-02-29', undefined, null], // not a leap year
    ['2016-02-29', undefined, day('2016-02-29')],
    ['2017-13-01', undefined, null],
    ['yesterday', undefined, null],
    ['', undefined, null],
    [new Date(Date.UTC(2020, 0, 2)), undefined, day('2020-01-02')],
    [new Date(Number.NaN), undefined, null],
    [1_500_000_000_000, undefined, 1_500_000_000_000],
    [Number.POSITIVE_INFINITY, undefined, null],
    [43831, { excelSerial: true }, day('2020-01-01')], // Excel serial of 2020-01-01
    [61, { excelSerial: true }, day('1900-03-01')], // after Excel's phantom 29 Feb 1900
    [null, undefined, null],
    [{}, undefined, null],
  ];
  for (const [input, options, want] of cases) assert.equal(parseDate(input, options), want, String(input));
  assert.equal(isoDate(day('2017-03-01')), '2017-03-01');
});

test('Transaction: money as numeric text, types normalised, unknown keys dropped', () => {
  const t = Transaction.parse({ customer: 42, date: '2024-01-02', amount: ' 12.5 ', type: 'Cross Sell', currency: 'eur', extra: 1 });
  assert.deepEqual({ ...t, date: t.date.toISOString() }, { customer: '42', date: '2024-01-02T00:00:00.000Z', amount: 12.5, type: 'cross-sell', currency: 'EUR' });
  assert.equal(Transaction.safeParse({ customer: 'a', date: '2024-01-02', amount: '' }).success, false); // no silent 0
  assert.equal(Transaction.safeParse({ customer: 'a', date: '2024-01-02', amount: '1,5' }).success, false);
  assert.equal(Transaction.safeParse({ customer: 'a', date: '2024-01-02', amount: 1, type: 'gift' }).success, false);
  assert.equal(Transaction.safeParse({ customer: 'a', date: '2024-01-02', amount: 1, currency: 'euro' }).success, false);
});

test('Deal: source is channel, statuses from CRM words, empty optional fields absent', () => {
  const d = Deal.parse({ id: 'x', source: 'web', status: 'Closed Won', amount: '', closeDate: '2017-03-01', createdDate: '' });
  assert.equal(d.channel, 'web');
  assert.equal(d.status, 'won');
  assert.equal(d.amount, undefined);
  assert.equal(d.createdDate, undefined);
  assert.equal(Deal.safeParse({ id: 'x', status: 'maybe' }).success, false);
});

test('__proto__ keys in user data never reach a prototype', () => {
  const input = JSON.parse('{"__proto__": {"polluted": true}, "id": "x", "status": "open", "stageDates": {"__proto__": "2024-02-02", "mql": "2024-01-01"}}');
  const d = Deal.parse(input);
  assert.equal(Object.getPrototypeOf(d), Object.prototype);
  assert.equal((d as Record<string, unknown>).polluted, undefined);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(d.stageDates), null);
  // a stage called __proto__ is just a stage: an own key of a null-prototype object
  assert.deepEqual(Object.keys(d.stageDates!).sort(), ['__proto__', 'mql']);
  // an object where a date should be is rejected, not merged
  assert.equal(Deal.safeParse(JSON.parse('{"id": "x", "status": "open", "stageDates": {"__proto__": {"x": 1}}}')).success, false);
  const withSource = Deal.parse(JSON.parse('{"__proto__": {"polluted": true}, "id": "y", "source": "ads", "status": "won"}'));
  assert.equal((withSource as Record<string, unknown>).polluted, undefined);
  assert.equal(withSource.channel, 'ads');
});

test('pre-aggregated inputs are strict', () => {
  assert.equal(StageCount.safeParse({ stage: 'a', count: 3 }).success, true);
  assert.equal(StageCount.safeParse({ stage: 'a', count: 3, extra: 1 }).success, false);
  assert.equal(StageCount.safeParse({ stage: 'a', count: -1 }).success, false);
  assert.equal(CustomerSummary.safeParse({ customer: 'a', since: '2024-01-01', until: null }).success, true);
  assert.equal(CustomerSummary.safeParse({ customer: 'a', since: '2024-01-01', x: 1 }).success, false);
});

test('Cost and Activity', () => {
  assert.equal(Cost.safeParse({ channel: 'web', date: '2024-01-01', amount: 1, kind: 'marketing' }).success, true);
  assert.equal(Cost.safeParse({ channel: 'web', date: '2024-01-01', amount: 1, kind: 'other' }).success, false);
  assert.equal(Activity.parse({ rep: 'ann', type: 'Call', date: '2024-01-01' }).type, 'call');
});

test('parseRecords reports every rejected row by its number (data rows counted from 1) and keeps the rest', () => {
  const r = parseRecords(Transaction, [
    { customer: 'a', date: '2024-01-01', amount: 1 },
    { customer: 'b', date: '31/31/2024', amount: 1 },
    { customer: 'c', date: '2024-01-03', amount: 'x' },
  ]);
  assert.equal(r.records.length, 1);
  assert.deepEqual(r.indices, [0]);
  // the second and third data rows: rows are numbered from 1, as a spreadsheet shows them (header excluded)
  assert.deepEqual(r.issues.map((i) => [i.row, i.path]), [[2, 'date'], [3, 'amount']]);
  assert.deepEqual(r.rejected.map((x) => x.row), [2, 3]);
  assert.equal(formatIssue(r.issues[1]!), 'row 3, amount: not a finite amount: x');
  // DD/MM/YYYY exports with an option
  const dmy = recordSchemas({ dayFirst: true });
  assert.equal(dmy.Transaction.parse({ customer: 'a', date: '03/04/2024', amount: 1 }).date.toISOString().slice(0, 10), '2024-04-03');
});

test('periods: from inclusive, to exclusive unless toInclusive', () => {
  assert.deepEqual(resolvePeriod({ from: '2024-01-01', to: '2024-04-01' }), { from: day('2024-01-01'), to: day('2024-04-01') });
  assert.deepEqual(resolvePeriod({ from: '2024-01-01', to: '2024-03-31', toInclusive: true }), { from: day('2024-01-01'), to: day('2024-04-01') });
  assert.equal(resolvePeriod({ to: '2024-01-01T10:00:00Z', toInclusive: true })!.to, Date.UTC(2024, 0, 1, 10) + 1);
  assert.deepEqual(resolvePeriod(undefined), { from: -Infinity, to: Infinity });
  assert.equal(resolvePeriod({ from: 'nope' }), null);
});

test('time buckets in UTC', () => {
  const cases: [string, 'day' | 'week' | 'month' | 'quarter' | 'year', string][] = [
    ['2024-03-31', 'quarter', '2024-Q1'],
    ['2024-04-01', 'quarter', '2024-Q2'],
    ['2024-12-31', 'month', '2024-12'],
    ['2024-12-31', 'year', '2024'],
    ['2024-12-30', 'week', '2025-W01'], // ISO week: the Monday of 2025's first week
    ['2021-01-03', 'week', '2020-W53'],
    ['2024-02-29', 'day', '2024-02-29'],
  ];
  for (const [d, b, want] of cases) assert.equal(bucketKey(day(d), b), want, `${d} ${b}`);
});

test('group keys: own field, aliases, missing → (none), functions', () => {
  const src = { rows: [] as { channel?: string; rep?: string }[] };
  assert.equal(keyFunction('channel', 'x', src)({ channel: 'web' }), 'web');
  assert.equal(keyFunction('source', 'x', src)({ channel: 'web' }), 'web');
  assert.equal(keyFunction('owner', 'x', src)({ rep: 'ann' }), 'ann');
  assert.equal(keyFunction('channel', 'x', src)({}), NONE_KEY);
  assert.equal(keyFunction('constructor', 'x', src)({}), NONE_KEY); // never the prototype's
  assert.equal(keyFunction((r: { channel?: string }) => r.channel?.toUpperCase(), 'x', src)({ channel: 'web' }), 'WEB');
});

test('evaluate: a key missing from one input gets no rows of it; groups sorted by key', () => {
  const r = evaluate(
    { a: { rows: [{ k: 'z' }, { k: 'y' }] }, b: { rows: [{ k: 'y' }, { k: 'x' }] } },
    { groupBy: 'k' },
    ({ a, b }) => available(a.length * 10 + b.length),
  );
  assert.ok('groups' in r);
  assert.deepEqual(r.groups.map((g) => [g.key, g.value.ok && g.value.value]), [['x', 1], ['y', 11], ['z', 10]]);
});

test('one currency per computation', () => {
  assert.deepEqual(commonCurrency([{ name: 't', rows: [{ currency: 'USD' }, {}, { currency: 'usd' }] }]), { currency: 'USD' });
  const r = commonCurrency([{ name: 't', rows: [{ currency: 'USD' }] }, { name: 'c', rows: [{}, { currency: 'EUR' }] }]);
  assert.ok('ok' in r && !r.ok && r.reason === 'mixed-currency');
  assert.match((r as { detail: string }).detail, /EUR at c row 1/);
});
