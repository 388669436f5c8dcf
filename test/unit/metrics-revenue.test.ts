/** Table tests: revenue, avg-transaction, revenue-split, gross-margin, incremental-revenue (values by hand). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { revenue } from '../../src/kpis/revenue.ts';
import { avgTransaction } from '../../src/kpis/avg-transaction.ts';
import { revenueSplit } from '../../src/kpis/revenue-split.ts';
import { grossMargin } from '../../src/kpis/gross-margin.ts';
import { incrementalRevenue } from '../../src/kpis/incremental-revenue.ts';
import { Cost, Transaction } from '../../src/core/schema/records.ts';
import { check, costs, deals, EMPTY, na, Q1, Q2, transactions as T, type Want } from './metrics-fixtures.ts';
import type { MetricValue } from '../../src/core/result.ts';
import type { Grouped } from '../../src/kpis/metric.ts';
import { loadMessages } from '../../src/core/i18n/index.ts';

// Spanish is loaded on demand (English is bundled): load it before the tests read it.
await loadMessages('es');

const zeroAmount = [Transaction.parse({ customer: 'z', date: '2024-01-02', amount: 0, cost: 0 })];
const campaignCosts = [Cost.parse({ channel: 'web', campaign: 'spring', date: '2024-03-01', amount: 100, kind: 'marketing' })];
const baseline = [
  { from: '2024-01-01', to: '2024-02-01' }, // 31 days
  { from: '2024-02-01', to: '2024-03-01' }, // 29 days (2024 is a leap year)
];
const march = { from: '2024-03-01', to: '2024-04-01' }; // 31 days

const cases: [string, () => MetricValue | Grouped, Want][] = [
  // revenue: Q1 = rows 0,1,2,4 = 100 + 50 + 200 + 300 = 650; Q2 = rows 3,5 = 200 + 100 = 300
  ['revenue Q1', () => revenue(T, { period: Q1 }), 650],
  ['revenue Q2', () => revenue(T, { period: Q2 }), 300],
  ['revenue all time', () => revenue(T), 950],
  ['revenue, to inclusive: 2024-01-05 … 2024-01-20 both included = 100 + 200', () => revenue(T, { period: { from: '2024-01-05', to: '2024-01-20', toInclusive: true } }), 300],
  ['revenue, to exclusive: 2024-01-05 … 2024-01-20 = 100', () => revenue(T, { period: { from: '2024-01-05', to: '2024-01-20' } }), 100],
  ['revenue empty period', () => revenue(T, { period: EMPTY }), na('no-data')],
  ['revenue of no rows', () => revenue([]), na('no-data')],
  // Q1 by channel: web 100 + 50 + 300 = 450, ads 200
  ['revenue Q1 by channel', () => revenue(T, { period: Q1, groupBy: 'channel' }), { total: 650, groups: { web: 450, ads: 200 } }],
  ['revenue by quarter', () => revenue(T, { groupBy: 'quarter' }), { total: 950, groups: { '2024-Q1': 650, '2024-Q2': 300 } }],
  // cohort = month of first purchase: a (Jan) 100+50+100, b (Jan) 200+200, c (Mar) 300
  ['revenue by cohort', () => revenue(T, { groupBy: 'cohort' }), { total: 950, groups: { '2024-01': 650, '2024-03': 300 } }],
  // deals: won d1 1000 (Jan 31), d3 2000 (Mar 2) in Q1; d6 600 (Apr 19) in Q2
  ['revenue from won deals Q1', () => revenue(deals, { period: Q1 }), 3000],
  ['revenue from won deals by owner', () => revenue(deals, { groupBy: 'owner' }), { total: 3600, groups: { ann: 1600, bob: 2000 } }],

  // avg-transaction: Q1 650 / 4 = 162.5; Q2 300 / 2 = 150
  ['avg-transaction Q1', () => avgTransaction(T, { period: Q1 }), 162.5],
  ['avg-transaction empty period (0 sales)', () => avgTransaction(T, { period: EMPTY }), na('zero-denominator')],
  ['avg-transaction Q1 by channel', () => avgTransaction(T, { period: Q1, groupBy: 'channel' }), { total: 162.5, groups: { web: 150, ads: 200 } }],
  // deals: (1000 + 2000 + 600) / 3 = 1200
  ['avg-transaction won deals', () => avgTransaction(deals), 1200],

  // revenue-split (share from new customers): Q1 new rows 0,2,4 = 600 / 650; Q2 no new = 0 / 300
  ['revenue-split Q1', () => revenueSplit(T, { period: Q1 }), 600 / 650],
  ['revenue-split Q1 existing', () => revenueSplit(T, { period: Q1, segment: 'existing' }), 50 / 650],
  ['revenue-split Q2', () => revenueSplit(T, { period: Q2 }), 0],
  ['revenue-split empty period', () => revenueSplit(T, { period: EMPTY }), na('zero-denominator')],
  ['revenue-split zero revenue', () => revenueSplit(zeroAmount), na('zero-denominator')],
  // by channel: web new 100 + 300 of 100+50+300+100 = 400/550; ads new 200 of 400
  ['revenue-split by channel', () => revenueSplit(T, { groupBy: 'channel' }), { total: 600 / 950, groups: { web: 400 / 550, ads: 200 / 400 } }],
  // deals have no type: new = an account's first won deal: d1 (acc1), d3 (acc3) = 3000 of 3600
  ['revenue-split deals (first won deal per account)', () => revenueSplit(deals), 3000 / 3600],

  // gross-margin: Q1 revenue 650, cost 60 + 20 + 150 + 100 = 330 → 320 / 650
  ['gross-margin Q1', () => grossMargin(T, { period: Q1 }), 320 / 650],
  ['gross-margin empty period', () => grossMargin(T, { period: EMPTY }), na('no-data')],
  ['gross-margin zero revenue', () => grossMargin(zeroAmount), na('zero-denominator')],
  ['gross-margin without cost', () => grossMargin([Transaction.parse({ customer: 'x', date: '2024-01-01', amount: 5 })]), na('missing-input')],
  // margin instead of cost: cost = 80 − 30 = 50 → (80 − 50) / 80
  ['gross-margin from margin field', () => grossMargin([Transaction.parse({ customer: 'x', date: '2024-01-01', amount: 80, margin: 30 })]), 30 / 80],
  // Q1 by channel: web (450 − 180) / 450; ads (200 − 150) / 200
  ['gross-margin Q1 by channel', () => grossMargin(T, { period: Q1, groupBy: 'channel' }), { total: 320 / 650, groups: { web: 270 / 450, ads: 50 / 200 } }],

  // incremental-revenue, campaign = March (31 days): sales 300 (row 4).
  // Baseline: Jan 100 + 200 = 300 (31 days → 300 over 31 days); Feb 50 over 29 days → 50 × 31 / 29.
  // Baseline = (300 + 1550/29) / 2; cost = 100 → 300 − 150 − 775/29 − 100 = 50 − 775/29
  ['incremental-revenue March', () => incrementalRevenue({ sales: T, costs: campaignCosts }, { period: march, baseline }), 50 - 775 / 29],
  ['incremental-revenue without baseline', () => incrementalRevenue({ sales: T, costs: campaignCosts }, { period: march }), na('missing-input')],
  ['incremental-revenue without a closed period', () => incrementalRevenue({ sales: T, costs: campaignCosts }, { baseline }), na('missing-input')],
  ['incremental-revenue empty periods', () => incrementalRevenue({ sales: T, costs: [] }, { period: { from: '2020-03-01', to: '2020-04-01' }, baseline: [{ from: '2020-01-01', to: '2020-02-01' }] }), na('no-data')],
  // web: 300 − (100 + 50 × 31/29) / 2 − 100; ads: 0 − (200 + 0) / 2 − 0 = −100
  ['incremental-revenue by channel', () => incrementalRevenue({ sales: T, costs: campaignCosts }, { period: march, baseline, groupBy: 'channel' }), { total: 50 - 775 / 29, groups: { web: 300 - (100 + 1550 / 29) / 2 - 100, ads: -100 } }],
  // campaign filter: only 'autumn' costs count → cost 0
  ['incremental-revenue other campaign', () => incrementalRevenue({ sales: T, costs: campaignCosts }, { period: march, baseline, campaign: 'autumn' }), 150 - 775 / 29],
];

for (const [name, run, want] of cases) test(name, () => check(run(), want, name));

test('mixing currencies is not available and names the rows', () => {
  const rows = [
    Transaction.parse({ customer: 'a', date: '2024-01-01', amount: 1, currency: 'usd' }),
    Transaction.parse({ customer: 'b', date: '2024-01-02', amount: 2 }),
    Transaction.parse({ customer: 'c', date: '2024-01-03', amount: 3, currency: 'EUR' }),
  ];
  for (const f of [revenue, avgTransaction, revenueSplit]) {
    const r = f(rows);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.reason, 'mixed-currency');
      assert.match(r.detail, /EUR at sales row 2/);
    }
  }
  const g = revenue(rows, { groupBy: 'customer' });
  assert.equal(g.total.ok, false);
  assert.equal(g.groups.length, 0);
  // one currency (and rows without one) is fine: 1 + 2
  check(revenue(rows.slice(0, 2)), 3);
});

test('an invalid period end is invalid input, not a silent empty period', () => {
  check(revenue(T, { period: { from: 'not a date' } }), na('invalid-input'));
});

test('metrics carry their catalogue metadata', () => {
  assert.equal(revenue.meta.id, 'revenue');
  assert.equal(avgTransaction.meta.unit, 'money');
  assert.equal(grossMargin.meta.better, 'up');
  assert.equal(revenueSplit.meta.better, null);
  assert.equal(incrementalRevenue.meta.formula.es.length > 0, true);
});

test('costs fixture unchanged by the revenue metrics', () => {
  assert.equal(costs.length, 4);
});
