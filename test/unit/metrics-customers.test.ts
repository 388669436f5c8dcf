/** Table tests: ltv-historical, cltv, retention, churn, renewal-rate, upsell-rate, saturation (values by hand). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ltvHistorical } from '../../src/kpis/ltv-historical.ts';
import { cltv } from '../../src/kpis/cltv.ts';
import { churn, retention, customerSpans } from '../../src/kpis/retention.ts';
import { renewalRate } from '../../src/kpis/renewal-rate.ts';
import { upsellRate } from '../../src/kpis/upsell-rate.ts';
import { saturation } from '../../src/kpis/saturation.ts';
import { CustomerSummary, Transaction } from '../../src/core/schema/records.ts';
import { check, EMPTY, na, Q1, Q2, transactions as T, type Want } from './metrics-fixtures.ts';
import type { MetricValue } from '../../src/core/result.ts';
import type { Grouped } from '../../src/kpis/metric.ts';

// Per customer: a rows 0,1,5 revenue 250 cost 140; b rows 2,3 revenue 400 cost 300; c row 4 revenue 300 cost 100.
const MAR_APR = { from: '2024-03-01', to: '2024-05-01' };
const MAY_JUN = { from: '2024-05-01', to: '2024-07-01' };
const sameDay = ['x', 'y'].map((customer) => Transaction.parse({ customer, date: '2024-01-01', amount: 10, cost: 5 }));
const summaries = [
  { customer: 'u', since: '2023-01-01', until: '2024-02-01' }, // lost in Q1
  { customer: 'v', since: '2023-06-01' }, // still active
  { customer: 'w', since: '2023-09-01', until: null },
  { customer: 'x', since: '2024-02-01' }, // new in Q1
].map((s) => CustomerSummary.parse(s));

const cases: [string, () => MetricValue | Grouped, Want][] = [
  // ltv-historical, all: revenue 950 × AGM (950 − 540)/950 over 3 customers = 410 / 3
  ['ltv-historical all', () => ltvHistorical(T), 410 / 3],
  // Q1: revenue 650, AGM 320/650 → 320 over customers a, b, c
  ['ltv-historical Q1', () => ltvHistorical(T, { period: Q1 }), 320 / 3],
  // a given AGM 0.5: 950 × 0.5 / 3
  ['ltv-historical with AGM', () => ltvHistorical(T, { agm: 0.5 }), 475 / 3],
  ['ltv-historical empty period', () => ltvHistorical(T, { period: EMPTY }), na('no-data')],
  ['ltv-historical zero revenue (AGM undefined)', () => ltvHistorical([Transaction.parse({ customer: 'z', date: '2024-01-01', amount: 0, cost: 0 })]), na('zero-denominator')],
  // per customer: each customer's gross profit: a 110, b 100, c 200
  ['ltv-historical by customer', () => ltvHistorical(T, { groupBy: 'customer' }), { total: 410 / 3, groups: { a: 110, b: 100, c: 200 } }],

  // cltv Q1: 650 / 3 customers / (91 / 365.25 years) × lifespan 2
  ['cltv Q1, lifespan 2 years', () => cltv(T, { period: Q1, lifespanYears: 2 }), (650 / 3 / (91 / 365.25)) * 2],
  // observed lifespan in Q1: a 36 days (Jan 5 → Feb 10), b 0, c 0 → mean 12 days = 12 / 365.25 years
  ['cltv Q1, observed lifespan', () => cltv(T, { period: Q1 }), (650 / 3 / (91 / 365.25)) * (12 / 365.25)],
  ['cltv empty period', () => cltv(T, { period: EMPTY }), na('no-data')],
  // no period and all purchases on one day: no time observed
  ['cltv zero observed time', () => cltv(sameDay, { lifespanYears: 1 }), na('zero-denominator')],
  ['cltv unknown lifespan', () => cltv(sameDay, { period: Q1 }), na('missing-input')],
  // Q1 by channel (lifespan 1): web: a + c, revenue 450 → 450/2/(91/365.25); ads: b 200 → 200/1/(91/365.25)
  ['cltv Q1 by channel', () => cltv(T, { period: Q1, lifespanYears: 1, groupBy: 'channel' }), { total: 650 / 3 / (91 / 365.25), groups: { web: 225 / (91 / 365.25), ads: 200 / (91 / 365.25) } }],

  // retention, activeDays 60: spans a [Jan 5, Apr 20 + 60 = Jun 19), b [Jan 20, Apr 2 + 60 = Jun 1), c [Mar 15, May 14)
  // Mar–Apr: S (active Mar 1) = a, b; E (active May 1) = a, b, c; N = c → (3 − 1) / 2 = 1; lost 0
  ['retention Mar–Apr', () => retention(T, { period: MAR_APR, activeDays: 60 }), 1],
  ['churn Mar–Apr', () => churn(T, { period: MAR_APR, activeDays: 60 }), 0],
  // May–Jun: S = a, b, c; E (Jul 1) = none; N = 0 → 0; lost 3 → churn 1
  ['retention May–Jun', () => retention(T, { period: MAY_JUN, activeDays: 60 }), 0],
  ['churn May–Jun', () => churn(T, { period: MAY_JUN, activeDays: 60 }), 1],
  // Q1: nobody was a customer on Jan 1
  ['retention Q1 (no customers at start)', () => retention(T, { period: Q1 }), na('zero-denominator')],
  ['churn empty input', () => churn([], { period: Q1 }), na('no-data')],
  ['retention empty period before any customer', () => retention(T, { period: EMPTY }), na('zero-denominator')],
  ['retention needs a closed period', () => retention(T), na('missing-input')],
  // summaries, Q1: S = u, v, w (3); E (Apr 1) = v, w, x (3); N = x (1); lost u (1) → retention 2/3, churn 1/3
  ['retention from customer summaries', () => retention(summaries, { period: Q1 }), 2 / 3],
  ['churn from customer summaries', () => churn(summaries, { period: Q1 }), 1 / 3],
  // by channel, Mar–Apr, 60 days: web a (S, E), c (N, E) → (2 − 1) / 1; ads b (S, E) → 1 / 1
  ['retention Mar–Apr by channel', () => retention(T, { period: MAR_APR, activeDays: 60, groupBy: 'channel' }), { total: 1, groups: { web: 1, ads: 1 } }],

  // renewal-rate: types new, upsell, new, renewal, new, renewal → 2 / 6
  ['renewal-rate all', () => renewalRate(T), 2 / 6],
  ['renewal-rate Q2', () => renewalRate(T, { period: Q2 }), 1],
  ['renewal-rate of p1', () => renewalRate(T, { product: 'p1' }), 2 / 4],
  ['renewal-rate empty period', () => renewalRate(T, { period: EMPTY }), na('zero-denominator')],
  ['renewal-rate untyped purchases', () => renewalRate([Transaction.parse({ customer: 'a', date: '2024-01-01', amount: 1 })]), na('missing-input')],
  // by product: p1 rows 0 new, 2 new, 3 renewal, 5 renewal → 1/2; p2 0/1; p3 0/1
  ['renewal-rate by product', () => renewalRate(T, { groupBy: 'product' }), { total: 1 / 3, groups: { p1: 0.5, p2: 0, p3: 0 } }],

  // upsell-rate Q1: active a, b, c; a bought an upsell → 1/3
  ['upsell-rate Q1', () => upsellRate(T, { period: Q1 }), 1 / 3],
  ['upsell-rate Q2', () => upsellRate(T, { period: Q2 }), 0],
  ['upsell-rate empty period', () => upsellRate(T, { period: EMPTY }), na('zero-denominator')],
  ['upsell-rate Q1 by channel', () => upsellRate(T, { period: Q1, groupBy: 'channel' }), { total: 1 / 3, groups: { web: 1 / 2, ads: 0 } }],

  // saturation Q1: offered p1 p2 p3 = 3; a holds p1 p2 (2/3), b p1 (1/3), c p3 (1/3) → 4/9
  ['saturation Q1', () => saturation(T, { period: Q1 }), 4 / 9],
  // all time: a p1 p2 (2/3), b p1 (1/3), c p3 (1/3) → 4/9; offering 4 products → (2 + 1 + 1) / 4 / 3 = 1/3
  ['saturation, 4 products offered', () => saturation(T, { offered: 4 }), 1 / 3],
  ['saturation, offered as a list (p1 only)', () => saturation(T, { offered: ['p1'] }), 2 / 3],
  ['saturation, nothing offered', () => saturation(T, { offered: 0 }), na('zero-denominator')],
  ['saturation empty period', () => saturation(T, { period: EMPTY }), na('no-data')],
  ['saturation Q1 by channel', () => saturation(T, { period: Q1, groupBy: 'channel' }), { total: 4 / 9, groups: { web: 1 / 2, ads: 1 / 3 } }],
];

for (const [name, run, want] of cases) test(name, () => check(run(), want, name));

test('customer spans: first purchase to last + active days', () => {
  const spans = customerSpans(T, 60);
  const a = spans.find((s) => s.customer === 'a')!;
  assert.equal(new Date(a.since).toISOString().slice(0, 10), '2024-01-05');
  assert.equal(new Date(a.until).toISOString().slice(0, 10), '2024-06-19');
});
