/** Table tests: cpl, cac, mroi, ltv-cac, cac-payback, lead-transformation-cost (values by hand). */
import { test } from 'node:test';
import { cpl } from '../../src/kpis/cpl.ts';
import { cac } from '../../src/kpis/cac.ts';
import { mroi } from '../../src/kpis/mroi.ts';
import { ltvCac } from '../../src/kpis/ltv-cac.ts';
import { cacPayback } from '../../src/kpis/cac-payback.ts';
import { leadTransformationCost } from '../../src/kpis/lead-transformation-cost.ts';
import { activities as A, check, costs as C, deals as D, EMPTY, na, Q1, Q2, transactions as T, type Want } from './metrics-fixtures.ts';
import type { MetricValue } from '../../src/core/result.ts';
import type { Grouped } from '../../src/kpis/metric.ts';

const FEB = { from: '2024-02-01', to: '2024-03-01' };
const MONTH_DAYS = 365.25 / 12;

const cases: [string, () => MetricValue | Grouped, Want][] = [
  // cpl Q1: marketing cost 300 (web) + 500 (ads) = 800 (the 900 is sales cost); leads created in Q1: all 7
  ['cpl Q1', () => cpl({ costs: C, leads: D }, { period: Q1 }), 800 / 7],
  // Q2: 400 of marketing, no lead created → zero denominator
  ['cpl Q2 (no new leads)', () => cpl({ costs: C, leads: D }, { period: Q2 }), na('zero-denominator')],
  ['cpl empty period', () => cpl({ costs: C, leads: D }, { period: EMPTY }), na('zero-denominator')],
  // by channel: web 300 / 4 leads (d1 d2 d5 d7); ads 500 / 3 (d3 d4 d6); direct has only sales cost and no lead
  ['cpl Q1 by channel', () => cpl({ costs: C, leads: D }, { period: Q1, groupBy: 'channel' }), { total: 800 / 7, groups: { web: 75, ads: 500 / 3, direct: na('zero-denominator') } }],

  // cac Q1: all cost 300 + 500 + 900 = 1700; new customers = accounts whose first won deal closes in Q1: acc1 (d1), acc3 (d3)
  ['cac Q1 from deals', () => cac({ costs: C, sales: D }, { period: Q1 }), 850],
  // Q2: d6 is acc1's second win: no new customer
  ['cac Q2 (no new customer)', () => cac({ costs: C, sales: D }, { period: Q2 }), na('zero-denominator')],
  ['cac empty period', () => cac({ costs: C, sales: D }, { period: EMPTY }), na('zero-denominator')],
  // from transactions: first purchases a (Jan 5), b (Jan 20), c (Mar 15) → 1700 / 3
  ['cac Q1 from transactions', () => cac({ costs: C, sales: T }, { period: Q1 }), 1700 / 3],
  ['cac Q1 by channel', () => cac({ costs: C, sales: D }, { period: Q1, groupBy: 'channel' }), { total: 850, groups: { web: 300, ads: 500, direct: na('zero-denominator') } }],

  // mroi Q1: won revenue 1000 + 2000 = 3000, marketing cost 800 → (3000 − 800) / 800
  ['mroi Q1', () => mroi({ sales: D, costs: C }, { period: Q1 }), 2200 / 800],
  // February: no sale, only sales cost → no marketing cost
  ['mroi Feb (no marketing cost)', () => mroi({ sales: D, costs: C }, { period: FEB }), na('zero-denominator')],
  ['mroi empty period', () => mroi({ sales: D, costs: C }, { period: EMPTY }), na('no-data')],
  // web (1000 − 300) / 300; ads (2000 − 500) / 500; direct: no sale, no marketing cost
  ['mroi Q1 by channel', () => mroi({ sales: D, costs: C }, { period: Q1, groupBy: 'channel' }), { total: 2200 / 800, groups: { web: 700 / 300, ads: 3, direct: na('zero-denominator') } }],
  // attributed: only web sales count → (1000 − 800) / 800
  ['mroi Q1, web sales attributed', () => mroi({ sales: D, costs: C }, { period: Q1, attributed: (s) => s.channel === 'web' }), 200 / 800],

  // ltv-cac: LTV = revenue × AGM / customers over all transactions = 950 × (410/950) / 3 = 410/3;
  // CAC Q1 = 1700 / 3 (new customers a, b, c) → (410/3) / (1700/3) = 410 / 1700
  ['ltv-cac Q1', () => ltvCac({ transactions: T, costs: C }, { period: Q1 }), 410 / 1700],
  ['ltv-cac Q1 with a given LTV', () => ltvCac({ transactions: T, costs: C }, { period: Q1, ltv: 1700 }), 3],
  ['ltv-cac Q2 (no new customer)', () => ltvCac({ transactions: T, costs: C }, { period: Q2 }), na('zero-denominator')],
  ['ltv-cac with no cost (CAC 0)', () => ltvCac({ transactions: T, costs: [] }, { period: Q1 }), na('zero-denominator')],
  ['ltv-cac empty period', () => ltvCac({ transactions: T, costs: C }, { period: EMPTY }), na('zero-denominator')],
  // by channel: web customers a (LTV 250 − 140 = 110), c (300 − 100 = 200) → LTV 155; CAC web 300 / 2 = 150
  //             ads: b LTV 400 − 300 = 100; CAC 500 / 1 → 0.2; direct: costs only → no new customers
  ['ltv-cac Q1 by channel', () => ltvCac({ transactions: T, costs: C }, { period: Q1, groupBy: 'channel' }), { total: 410 / 1700, groups: { web: 155 / 150, ads: 100 / 500, direct: na('no-data') } }],

  // cac-payback Q1: CAC 1700/3; revenue 650 from 3 buyers over 91 days = 91/30.4375 months; GM 320/650
  // monthly gross profit per customer = 650 × 320/650 / 3 / (91/30.4375) → payback = 1700/320 × 91/30.4375
  ['cac-payback Q1', () => cacPayback({ transactions: T, costs: C }, { period: Q1 }), (1700 / 320) * (91 / MONTH_DAYS)],
  ['cac-payback Q1 with gross margin 0.5', () => cacPayback({ transactions: T, costs: C }, { period: Q1, grossMargin: 0.5 }), (1700 / 3) / ((650 / 3 / (91 / MONTH_DAYS)) * 0.5)],
  ['cac-payback needs a closed period', () => cacPayback({ transactions: T, costs: C }), na('missing-input')],
  ['cac-payback with zero margin', () => cacPayback({ transactions: T, costs: C }, { period: Q1, grossMargin: 0 }), na('zero-denominator')],
  ['cac-payback empty period', () => cacPayback({ transactions: T, costs: C }, { period: EMPTY }), na('zero-denominator')],
  // by channel Q1: web CAC 300/2, buyers a, c, revenue 450, GM 270/450 → 150 / (270/2/(91/30.4375));
  // ads: CAC 500/1, buyer b, revenue 200, GM 50/200 → 500 / (50/(91/30.4375)); direct: no new customers
  ['cac-payback Q1 by channel', () => cacPayback({ transactions: T, costs: C }, { period: Q1, groupBy: 'channel' }), {
    total: (1700 / 320) * (91 / MONTH_DAYS),
    groups: { web: 150 / (135 / (91 / MONTH_DAYS)), ads: 500 / (50 / (91 / MONTH_DAYS)), direct: na('zero-denominator') },
  }],

  // lead-transformation-cost: meetings per order: 4 meetings (ann 2, bob 2) / 2 orders
  ['lead-transformation-cost meetings per order', () => leadTransformationCost(A), 2],
  ['lead-transformation-cost calls per meeting', () => leadTransformationCost(A, { of: 'call', per: 'meeting' }), 1],
  ['lead-transformation-cost per proposal (none)', () => leadTransformationCost(A, { per: 'proposal' }), na('zero-denominator')],
  ['lead-transformation-cost empty period', () => leadTransformationCost(A, { period: EMPTY }), na('zero-denominator')],
  // February: ann call + meeting, no order
  ['lead-transformation-cost calls per meeting in Feb', () => leadTransformationCost(A, { period: FEB, of: 'call', per: 'meeting' }), 1],
  ['lead-transformation-cost by rep', () => leadTransformationCost(A, { groupBy: 'rep' }), { total: 2, groups: { ann: 2, bob: 2 } }],
  // calls per meeting by owner (rep ≡ owner): ann 3 / 2, bob 1 / 2
  ['lead-transformation-cost by owner (alias)', () => leadTransformationCost(A, { of: 'call', per: 'meeting', groupBy: 'owner' }), { total: 1, groups: { ann: 1.5, bob: 0.5 } }],
];

for (const [name, run, want] of cases) test(name, () => check(run(), want, name));
