/** Table tests for the columnar fast path (columns.ts): same values as the record path, by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dealColumns, saleColumns } from '../../src/kpis/columns.ts';
import { revenue } from '../../src/kpis/revenue.ts';
import { avgTransaction } from '../../src/kpis/avg-transaction.ts';
import { winRate } from '../../src/kpis/win-rate.ts';
import { salesCycle } from '../../src/kpis/sales-cycle.ts';
import { check, deals as D, EMPTY, na, Q1, Q2, transactions as T, type Want } from './metrics-fixtures.ts';
import type { MetricValue } from '../../src/core/result.ts';
import type { Grouped } from '../../src/kpis/metric.ts';

const dc = dealColumns(D);
const tc = saleColumns(T);
// the same deals as plain JSON rows (dates as text), as a fetch would give them
const raw = dealColumns(JSON.parse(JSON.stringify(D)), ['owner', 'channel']);

const cases: [string, () => MetricValue | Grouped, Want][] = [
  // won deals: d1 1000 (Jan 31), d3 2000 (Mar 2), d6 600 (Apr 19)
  ['revenue Q1 (deal columns)', () => revenue(dc, { period: Q1 }), 3000],
  ['revenue Q2 (raw JSON columns)', () => revenue(raw, { period: Q2 }), 600],
  ['revenue empty period', () => revenue(dc, { period: EMPTY }), na('no-data')],
  ['revenue by owner', () => revenue(dc, { groupBy: 'owner' }), { total: 3600, groups: { ann: 1600, bob: 2000 } }],
  ['revenue by close quarter', () => revenue(raw, { groupBy: 'quarter' }), { total: 3600, groups: { '2024-Q1': 3000, '2024-Q2': 600 } }],
  ['avg-transaction all', () => avgTransaction(dc), 1200],
  ['avg-transaction empty period', () => avgTransaction(dc, { period: EMPTY }), na('zero-denominator')],
  // transactions: Q1 650 (web 450, ads 200)
  ['revenue Q1 (sale columns)', () => revenue(tc, { period: Q1, groupBy: 'channel' }), { total: 650, groups: { web: 450, ads: 200 } }],
  ['avg-transaction Q1 by month', () => avgTransaction(tc, { period: Q1, groupBy: 'month' }), { total: 162.5, groups: { '2024-01': 150, '2024-02': 50, '2024-03': 300 } }],
  // win rate: Q1 d1 won, d2 lost (ann), d3 won (bob)
  ['win-rate Q1 by owner', () => winRate(dc, { period: Q1, groupBy: 'owner' }), { total: 2 / 3, groups: { ann: 1 / 2, bob: 1 } }],
  ['win-rate empty period', () => winRate(raw, { period: EMPTY }), na('zero-denominator')],
  ['win-rate by year', () => winRate(raw, { groupBy: 'year' }), { total: 3 / 5, groups: { '2024': 3 / 5 } }],
  // cycle: d1 30, d3 30, d6 40
  ['sales-cycle mean', () => salesCycle(dc), 100 / 3],
  ['sales-cycle median by owner', () => salesCycle(raw, { stat: 'median', groupBy: 'owner' }), { total: 30, groups: { ann: 35, bob: 30 } }],
  ['sales-cycle empty period', () => salesCycle(dc, { period: EMPTY }), na('no-data')],
  // what columns cannot do is said, not guessed
  ['grouping by a function needs records', () => revenue(dc, { groupBy: (d: unknown) => String(d) }), { total: na('invalid-input'), groups: {} }],
  ['grouping by a dimension not encoded', () => winRate(raw, { groupBy: 'region' }), { total: na('invalid-input'), groups: {} }],
  ['an inverted period', () => revenue(dc, { period: { from: '2024-05-01', to: '2024-01-01' } }), na('invalid-input')],
];

for (const [name, run, want] of cases) test(name, () => check(run(), want, name));

test('mixed currencies in columns are not available, naming rows', () => {
  const cols = saleColumns([
    { customer: 'a', date: '2024-01-01', amount: 1, currency: 'USD' },
    { customer: 'b', date: '2024-01-01', amount: 1, currency: 'EUR' },
  ]);
  const r = revenue(cols);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.reason, 'mixed-currency');
    assert.match(r.detail, /rows 1/);
  }
  const d = dealColumns([
    { id: 'x', status: 'won', amount: 1, currency: 'USD' },
    { id: 'y', status: 'won', amount: 1, currency: 'usd' },
  ]);
  check(revenue(d), 2); // same currency, any case
});

test('a dimension named like a prototype member reads only own properties', () => {
  const cols = dealColumns([{ status: 'won', amount: 5 }], ['constructor']);
  assert.deepEqual((cols.dims as Record<string, { keys: readonly string[] }>)['constructor']!.keys, ['(none)']);
});
