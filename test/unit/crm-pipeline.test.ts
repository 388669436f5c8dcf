/**
 * The metric library on a real CRM export (Maven Analytics' CRM + Sales + Opportunities, bundled in
 * data/): win rate per agent, manager and regional office (joined through sales_teams.csv),
 * revenue (Won close_value) per quarter of close_date, average deal size (Won), and the sales cycle
 * engage_date → close_date of Won deals.
 *
 * The expected figures were computed independently of the library, with Python's csv module and
 * no kpi-kit code, by this one-off script run from the repo root (python3 /tmp/crm.py):
 *
 *   import csv, statistics; from datetime import date; from collections import defaultdict
 *   P = list(csv.DictReader(open('data/sales_pipeline.csv')))
 *   teams = {r['sales_agent']: r for r in csv.DictReader(open('data/sales_teams.csv'))}
 *   def wr(key):  # (won, won + lost) per key
 *       won = defaultdict(int); closed = defaultdict(int)
 *       for r in P:
 *           if r['deal_stage'] not in ('Won', 'Lost'): continue
 *           k = key(r); closed[k] += 1
 *           if r['deal_stage'] == 'Won': won[k] += 1
 *       return {k: (won[k], closed[k]) for k in sorted(closed)}
 *   wr(lambda r: teams[r['sales_agent']]['regional_office']) ... ['manager'] ... r['sales_agent']
 *   rev[f"{y}-Q{(m-1)//3+1}"] += int(close_value) for Won rows, by close_date
 *   days = [(date.fromisoformat(close) - date.fromisoformat(engage)).days for Won rows]
 *   statistics.mean(days), statistics.median(days)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { csvToRecords } from '../../src/core/data/csv.ts';
import { Deal, parseRecords } from '../../src/core/schema/records.ts';
import { winRate } from '../../src/kpis/win-rate.ts';
import { revenue } from '../../src/kpis/revenue.ts';
import { avgTransaction } from '../../src/kpis/avg-transaction.ts';
import { salesCycle } from '../../src/kpis/sales-cycle.ts';
import { dealColumns, saleColumns } from '../../src/kpis/columns.ts';
import { check } from './metrics-fixtures.ts';

const read = (name: string) => csvToRecords(readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8')).records;
const pipeline = read('sales_pipeline.csv');
const teams = new Map(read('sales_teams.csv').map((t) => [t.sales_agent!, t]));

// One Deal per opportunity: owner = agent, team = manager, region = regional office (the join).
const parsed = parseRecords(
  Deal,
  pipeline.map((r) => ({
    id: r.opportunity_id,
    owner: r.sales_agent,
    team: teams.get(r.sales_agent!)?.manager,
    region: teams.get(r.sales_agent!)?.regional_office,
    account: r.account,
    product: r.product,
    stage: r.deal_stage,
    status: r.deal_stage === 'Won' ? 'won' : r.deal_stage === 'Lost' ? 'lost' : 'open',
    createdDate: r.engage_date,
    closeDate: r.close_date,
    amount: r.close_value,
  })),
);
const deals = parsed.records;

// Python's (won, won + lost), pasted.
const BY_OFFICE: Record<string, [number, number]> = { Central: [1629, 2604], East: [1171, 1858], West: [1438, 2249] };
const BY_MANAGER: Record<string, [number, number]> = {
  'Cara Losch': [480, 745], 'Celia Rouche': [610, 962], 'Dustin Brinkmann': [747, 1186],
  'Melvin Marxen': [882, 1418], 'Rocco Neubert': [691, 1113], 'Summer Sewald': [828, 1287],
};
const BY_AGENT: Record<string, [number, number]> = {
  'Anna Snelling': [208, 336], 'Boris Faz': [101, 153], 'Cassey Cress': [163, 261], 'Cecily Lampkin': [107, 160],
  'Corliss Cosme': [150, 229], 'Daniell Hammack': [114, 187], 'Darcel Schlecht': [349, 553], 'Donn Cantrell': [158, 275],
  'Elease Gluck': [80, 126], 'Garret Kinder': [75, 123], 'Gladys Colclough': [135, 232], 'Hayden Neloms': [107, 152],
  'James Ascencio': [135, 206], 'Jonathan Berthelot': [171, 264], 'Kami Bicknell': [174, 272], 'Kary Hendrixson': [209, 335],
  'Lajuana Vencill': [127, 231], 'Markita Hansen': [130, 227], 'Marty Freudenburg': [122, 194], 'Maureen Marcano': [149, 213],
  'Moses Frase': [129, 195], 'Niesha Huffines': [105, 175], 'Reed Clapper': [155, 237], 'Rosalina Dieter': [72, 110],
  'Rosie Papadopoulos': [78, 121], 'Versie Hillebrand': [176, 264], 'Vicki Laflamme': [221, 347], 'Violet Mclelland': [122, 193],
  'Wilburn Farren': [55, 79], 'Zane Levy': [161, 261],
};
const TOTAL: [number, number] = [4238, 6711];
const REVENUE_BY_QUARTER = { '2017-Q1': 1134672, '2017-Q2': 3086111, '2017-Q3': 2982255, '2017-Q4': 2802496 };
const REVENUE_TOTAL = 10005534;
const WON = 4238;
const CYCLE_DAYS_SUM = 219452; // mean = 219452 / 4238 = 51.78197…
const CYCLE_MEDIAN = 57;

const rates = (t: Record<string, [number, number]>) => Object.fromEntries(Object.entries(t).map(([k, [w, n]]) => [k, w / n]));

test('the export parses into 8,800 deals without a rejected row', () => {
  assert.equal(parsed.total, 8800);
  assert.equal(parsed.issues.length, 0, JSON.stringify(parsed.issues.slice(0, 3)));
  assert.equal(deals.filter((d) => d.status === 'open').length, 8800 - 6711);
});

test('win rate per regional office (joined via sales_teams.csv)', () => {
  const r = winRate(deals, { groupBy: 'region' });
  check(r, { total: TOTAL[0] / TOTAL[1], groups: rates(BY_OFFICE) });
  // numerator and denominator are the counts
  const central = r.groups.find((g) => g.key === 'Central')!.value;
  assert.deepEqual([central.numerator, central.denominator], BY_OFFICE.Central);
});

test('win rate per manager', () => check(winRate(deals, { groupBy: 'team' }), { total: TOTAL[0] / TOTAL[1], groups: rates(BY_MANAGER) }));

test('win rate per agent', () => check(winRate(deals, { groupBy: 'owner' }), { total: TOTAL[0] / TOTAL[1], groups: rates(BY_AGENT) }));

test('revenue (Won close_value) per quarter of close_date', () => {
  check(revenue(deals, { groupBy: 'quarter' }), { total: REVENUE_TOTAL, groups: REVENUE_BY_QUARTER });
  // the same quarter as a period: from inclusive, to exclusive
  check(revenue(deals, { period: { from: '2017-04-01', to: '2017-07-01' } }), REVENUE_BY_QUARTER['2017-Q2']);
  check(revenue(deals, { period: { from: '2017-04-01', to: '2017-06-30', toInclusive: true } }), REVENUE_BY_QUARTER['2017-Q2']);
});

test('average deal size (Won)', () => {
  check(avgTransaction(deals), REVENUE_TOTAL / WON);
  const v = avgTransaction(deals);
  assert.equal(v.ok && v.denominator, WON);
});

test('sales cycle engage_date → close_date of Won deals: mean and median days', () => {
  check(salesCycle(deals), CYCLE_DAYS_SUM / WON);
  check(salesCycle(deals, { stat: 'median' }), CYCLE_MEDIAN);
});

test('the columnar fast path gives the same figures on the raw CSV rows', () => {
  const raw = pipeline.map((r) => ({
    owner: r.sales_agent,
    region: teams.get(r.sales_agent!)?.regional_office,
    status: r.deal_stage === 'Won' ? 'won' : r.deal_stage === 'Lost' ? 'lost' : 'open',
    createdDate: r.engage_date,
    closeDate: r.close_date,
    amount: r.close_value,
  }));
  const dc = dealColumns(raw, ['owner', 'region']);
  check(winRate(dc, { groupBy: 'region' }), { total: TOTAL[0] / TOTAL[1], groups: rates(BY_OFFICE) });
  check(winRate(dc, { groupBy: 'owner' }), { total: TOTAL[0] / TOTAL[1], groups: rates(BY_AGENT) });
  check(salesCycle(dc), CYCLE_DAYS_SUM / WON);
  check(salesCycle(dc, { stat: 'median' }), CYCLE_MEDIAN);
  const sc = saleColumns(raw, ['owner', 'region']);
  check(revenue(sc, { groupBy: 'quarter' }), { total: REVENUE_TOTAL, groups: REVENUE_BY_QUARTER });
  check(avgTransaction(sc), REVENUE_TOTAL / WON);
});
