/**
 * LTV by segment (src/widgets/ltv/segments.ts) in node: the spec's read + compute with
 * `group-by`, worked by hand on a small channel table; costs in each accepted shape; cohorts;
 * and the CRM proof: account LTV by sector against an independent computation straight from
 * data/accounts.csv + data/sales_pipeline.csv, and the ASSUMED sector costs
 * (data/assumed-sector-costs.csv, data/ASSUMPTIONS.md) checked by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseOptions } from '../../src/core/element/options.ts';
import { KpiError } from '../../src/core/data/errors.ts';
import { parseText, type Parsed } from '../../src/core/data/load.ts';
import { inputOf } from '../../src/core/element/pipeline.ts';
import { readNow, type ComputeContext, type Computed, type Input } from '../../src/core/element/spec.ts';
import { ltvOptions, ltvSpec, type LtvModel } from '../../src/widgets/ltv/spec.ts';
import { cohortPeriod, parseCosts, type SegmentRow, type SegmentsResult } from '../../src/widgets/ltv/segments.ts';

const ctx: ComputeContext = { signal: new AbortController().signal, onProgress: () => {} };

function drain(c: Computed<LtvModel>): LtvModel {
  if (c && typeof (c as Generator).next === 'function') {
    const g = c as Generator<unknown, LtvModel, void>;
    let r = g.next();
    while (!r.done) r = g.next();
    return r.value;
  }
  if (c && typeof (c as Promise<LtvModel>).then === 'function') throw new Error('expected a synchronous model');
  return c as LtvModel;
}

function inputFor(parsed: Parsed, mapping: Record<string, string | undefined>, sources?: Record<string, Parsed>): Input {
  const settings = { mapping, lang: 'en', currency: 'USD', currencyExplicit: false };
  const base = inputOf(ltvSpec.fields, parsed, settings);
  if (!sources) return base;
  const { mapping: _m, ...shared } = settings;
  return { ...base, sources: Object.fromEntries(Object.entries(sources).map(([k, p]) => [k, { parsed: p, settings: shared }])) };
}

function run(rows: unknown, mapping: Record<string, string | undefined>, options: Record<string, unknown>, sources?: Record<string, Parsed>): LtvModel {
  const parsed: Parsed = Array.isArray(rows) ? { format: 'json', value: rows } : (rows as Parsed);
  const o = parseOptions(ltvOptions, options);
  const read = readNow(ltvSpec.read(inputFor(parsed, mapping, sources), o));
  return drain(ltvSpec.compute(read.data, o, ctx) as Computed<LtvModel>);
}

const seg = (s: SegmentsResult | undefined, name: string): SegmentRow => {
  const r = s?.rows.find((x) => x.segment === name);
  assert.ok(r, `segment ${name}`);
  return r;
};
const v = (m: { ok: boolean; value?: number } | null | undefined) => (m && m.ok ? m.value! : NaN);

/**
 * Four customers, two channels; C's later row says "Search" but C came through Referral.
 *   A Search    2022-01-10 100, 2022-07-10 300 → 400
 *   B Search    2022-02-01 200                 → 200
 *   C Referral  2022-03-01 500, 2022-09-01 250 → 750 (the second row's channel is Search)
 *   D Referral  2022-12-31  50                 →  50
 * Span 2022-01-10 → 2022-12-31 = 355 days.
 */
const CHANNELS = [
  { customer: 'A', date: '2022-01-10', amount: 100, channel: 'Search' },
  { customer: 'A', date: '2022-07-10', amount: 300, channel: 'Search' },
  { customer: 'B', date: '2022-02-01', amount: 200, channel: 'Search' },
  { customer: 'C', date: '2022-09-01', amount: 250, channel: 'Search' },
  { customer: 'C', date: '2022-03-01', amount: 500, channel: 'Referral' },
  { customer: 'D', date: '2022-12-31', amount: 50, channel: 'Referral ' },
];

test('historical LTV by channel, worked by hand, with costs: CAC, LTV:CAC and payback per channel', () => {
  const m = run(CHANNELS, { group: 'channel' }, { method: 'historical', margin: '50%', costs: 'Search: 300/2; referral: 100; Display: 80/1' });
  const s = m.segments!;
  assert.equal(s.by, 'channel');
  assert.equal(s.kind, 'column');
  assert.equal(s.method, 'historical');
  assert.equal(s.switched, 1); // C
  assert.deepEqual(s.unmatchedCosts, ['Display']);
  const search = seg(s, 'Search');
  const referral = seg(s, 'Referral'); // "Referral " trimmed
  assert.equal(search.customers, 2);
  assert.equal(search.transactions, 3);
  assert.equal(search.revenue, 600);
  // Search: 600 × 0.5 ÷ 2 = 150; customers 200 and 100: sd = √((50² + 50²) ÷ 1) = 70.711; ± 1.96 × 70.711 ÷ √2 = 98
  assert.equal(v(search.historical), 150);
  assert.equal(v(search.ltv), 150);
  assert.ok(Math.abs(v(search.marginOfError) - 98) < 1e-9);
  assert.equal(search.thin, 'few-customers'); // 2 < 10
  // Referral: C 750 (both rows) + D 50 = 800 × 0.5 ÷ 2 = 200; customers 375 and 25: ± 1.96 × 175 = 343
  assert.equal(referral.revenue, 800);
  assert.equal(v(referral.ltv), 200);
  assert.ok(Math.abs(v(referral.marginOfError) - 343) < 1e-9);
  // Costs. Search: 300 ÷ 2 new customers = CAC 150; LTV:CAC 150 ÷ 150 = 1.
  const sa = search.acquisition!;
  assert.equal(v(sa.cac), 150);
  assert.equal(sa.newCustomersFrom, 'given');
  assert.equal(v(sa.ltvCac), 1);
  assert.equal(sa.meetsTarget, false);
  // Payback = CAC ÷ (revenue ÷ customers ÷ months × margin); months = 355 ÷ 30.4375 = 11.66324…
  // Search: 150 ÷ (600 ÷ 2 ÷ 11.66324 × 0.5) = 150 ÷ 12.86092 = 11.66324 months
  assert.ok(Math.abs(v(sa.payback) - 355 / 30.4375) < 1e-9);
  // Referral: no new customers given → its 2 customers in the data: CAC 100 ÷ 2 = 50; LTV:CAC 200 ÷ 50 = 4 ≥ 3.
  const ra = referral.acquisition!;
  assert.equal(ra.newCustomersFrom, 'data');
  assert.equal(v(ra.cac), 50);
  assert.equal(v(ra.ltvCac), 4);
  assert.equal(ra.meetsTarget, true);
  // 50 ÷ (800 ÷ 2 ÷ 11.66324 × 0.5) = 50 ÷ 17.14790 = 2.91581 months
  assert.ok(Math.abs(v(ra.payback) - 0.25 * (355 / 30.4375)) < 1e-9);
  // The segments add up to the headline: (2 × 150 + 2 × 200) ÷ 4 = 175 = 1400 × 0.5 ÷ 4.
  assert.equal(v(m.result.ltv), 175);
  assert.equal((m.result as { segments?: unknown }).segments, undefined); // the model's result; the spec's result adds them:
  assert.equal(ltvSpec.result(m, { data: {} as never, rejected: [], total: 0 }, {} as never).segments, s);
});

test('simple CLTV by channel uses the widget’s lifespan, margin and observed span', () => {
  const m = run(CHANNELS, { group: 'channel' }, { method: 'simple', margin: 0.5, lifespan: 2 });
  const s = m.segments!;
  assert.equal(s.method, 'simple');
  // Search: 600 ÷ 2 ÷ (355 ÷ 365.25 years) × 2 years × 0.5 = 300 × 1.0288732 = 308.662
  assert.ok(Math.abs(v(seg(s, 'Search').simple) - (300 * 365.25) / 355) < 1e-9);
  assert.ok(Math.abs(v(seg(s, 'Search').ltv) - 308.66197) < 1e-4);
  // Historical is there for every method: 150.
  assert.equal(v(seg(s, 'Search').historical), 150);
  assert.equal(seg(s, 'Search').predictive, null);
});

test('cohorts: the quarter, month or year of the first purchase', () => {
  assert.equal(cohortPeriod('cohort'), 'quarter');
  assert.equal(cohortPeriod('Cohort-Year'), 'year');
  assert.equal(cohortPeriod('channel'), null);
  const q = run(CHANNELS, { group: 'cohort' }, { method: 'historical', margin: 0.5 }).segments!;
  assert.equal(q.kind, 'cohort');
  // 2022-Q1: A, B, C (first purchases in Jan, Feb, Mar): 1350 × 0.5 ÷ 3 = 225; 2022-Q4: D, 25.
  assert.deepEqual(q.rows.map((r) => [r.segment, r.customers, v(r.ltv)]), [['2022-Q1', 3, 225], ['2022-Q4', 1, 25]]);
  const y = run(CHANNELS, { group: 'cohort-year' }, { method: 'historical', margin: 0.5 }).segments!;
  assert.deepEqual(y.rows.map((r) => [r.segment, r.customers]), [['2022', 4]]);
  const mo = run(CHANNELS, { group: 'cohort-month' }, { method: 'historical' }).segments!;
  assert.deepEqual(mo.rows.map((r) => r.segment), ['2022-01', '2022-02', '2022-03', '2022-12']);
});

test('costs: the attribute text, an object and rows give the same entries; bad costs are config errors', () => {
  const want = [{ segment: 'Search', cost: 12000, newCustomers: 40 }, { segment: 'Referral', cost: 3000 }];
  assert.deepEqual(parseCosts('Search: 12000/40; Referral: 3000'), want);
  assert.deepEqual(parseCosts('Search: 12000/40, Referral: 3000'), want);
  assert.deepEqual(parseCosts({ Search: { cost: 12000, newCustomers: 40 }, Referral: 3000 }), want);
  assert.deepEqual(parseCosts([{ channel: 'Search', cost: '12000', new_customers: '40' }, { channel: 'Referral', cost: 3000, new_customers: '' }]), want);
  assert.deepEqual(parseOptions(ltvOptions, { costs: 'Search: 12000/40; Referral: 3000' }).costs, want);
  for (const bad of ['Search 12000', 'Search: -5', 'Search: 10/2.5', 'Search: 1; search: 2', 'Search: 1/2/3']) {
    assert.throws(() => parseOptions(ltvOptions, { costs: bad }), (e: unknown) => e instanceof KpiError && e.code === 'config' && /^costs: /.test(e.message), bad);
  }
  // Costs without group-by, a missing column, and costs given twice are config errors.
  const o = parseOptions(ltvOptions, { costs: 'Search: 1' });
  const parsed: Parsed = { format: 'json', value: CHANNELS };
  assert.throws(() => ltvSpec.read(inputFor(parsed, {}), o), /costs per segment need group-by/);
  assert.throws(() => ltvSpec.read(inputFor(parsed, { group: 'region' }), parseOptions(ltvOptions, {})), /group-by: no column "region"/);
  assert.throws(() => ltvSpec.read(inputFor(parsed, { group: 'channel' }, { costs: { format: 'json', value: [{ channel: 'Search', cost: 1 }] } }), o), /costs are given twice/);
});

// ---- The CRM export: account LTV by sector ------------------------------------------------

const DATA = new URL('../../data/', import.meta.url);
const csv = (f: string) => parseText(readFileSync(new URL(f, DATA), 'utf8'), 'csv');
const CRM_MAPPING = { customer: 'account', date: 'close_date', amount: 'close_value', group: 'sector' };

/** Per-sector historical LTV from the raw export, with no code of the kit: Σ won close_value × margin ÷ accounts. */
function independentSectorLtv(margin: number): Map<string, { accounts: number; revenue: number; ltv: number }> {
  const lines = (f: string) => readFileSync(new URL(f, DATA), 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
  const [ah, ...accounts] = lines('accounts.csv');
  const sectorOf = new Map(accounts.map((a) => [a[ah!.indexOf('account')]!, a[ah!.indexOf('sector')]!]));
  const [dh, ...deals] = lines('sales_pipeline.csv');
  const at = (d: string[], c: string) => d[dh!.indexOf(c)]!;
  const out = new Map<string, { accounts: Set<string>; revenue: number }>();
  for (const d of deals) {
    if (at(d, 'deal_stage') !== 'Won') continue;
    const sector = sectorOf.get(at(d, 'account'))!;
    const s = out.get(sector) ?? { accounts: new Set<string>(), revenue: 0 };
    s.accounts.add(at(d, 'account'));
    s.revenue += Number(at(d, 'close_value'));
    out.set(sector, s);
  }
  return new Map([...out].map(([k, s]) => [k, { accounts: s.accounts.size, revenue: s.revenue, ltv: (s.revenue * margin) / s.accounts.size }]));
}

test('CRM: account LTV by sector equals an independent computation from the raw export, every sector', () => {
  const m = run(csv('crm-account-purchases.csv'), CRM_MAPPING, { method: 'historical', margin: '60%' });
  const s = m.segments!;
  const want = independentSectorLtv(0.6);
  assert.equal(m.result.customers, 85);
  assert.equal(m.result.transactions, 4238);
  assert.equal(s.rows.length, want.size);
  assert.equal(s.rows.length, 10);
  for (const [sector, w] of want) {
    const r = seg(s, sector);
    assert.equal(r.customers, w.accounts, sector);
    assert.equal(r.revenue, w.revenue, sector);
    assert.ok(Math.abs(v(r.ltv) - w.ltv) < 1e-6, `${sector}: ${v(r.ltv)} vs ${w.ltv}`);
  }
  // Thin: fewer than 10 accounts; retail (17), medical and technolgy (12) are not.
  assert.deepEqual(s.rows.filter((r) => r.thin === null).map((r) => r.segment), ['retail', 'medical', 'technolgy']);
  // By office location: 71 accounts in the United States, 14 countries with one account each.
  const office = run(csv('crm-account-purchases.csv'), { ...CRM_MAPPING, group: 'office_location' }, { method: 'historical' }).segments!;
  assert.equal(office.rows.length, 15);
  assert.deepEqual([office.rows[0]!.segment, office.rows[0]!.customers], ['United States', 71]);
});

/**
 * The ASSUMED sector costs (data/assumed-sector-costs.csv), margin 60 % (ASSUMED), worked by
 * hand. Revenue per sector = Σ won close_value (the independent test above); the data spans
 * 2017-03-01 → 2017-12-31 = 305 days = 305 ÷ 30.4375 = 10.020534 months.
 *   LTV     = revenue × 0.6 ÷ accounts
 *   CAC     = cost ÷ new customers
 *   LTV:CAC = LTV ÷ CAC
 *   payback = CAC ÷ (revenue ÷ accounts ÷ 10.020534 × 0.6)
 */
const HAND: readonly (readonly [string, number, number, number, number])[] = [
  // sector, LTV, CAC, LTV:CAC, payback (months)
  // retail: 1,867,528 × 0.6 ÷ 17 = 65,912.753; 340,000 ÷ 17 = 20,000; 65,912.753 ÷ 20,000 = 3.29564; 20,000 ÷ (109,854.59 ÷ 10.020534 × 0.6 = 6,577.78) = 3.04054
  ['retail', 65912.7529, 20000, 3.295638, 3.040545],
  // medical: 1,359,595 × 0.6 ÷ 12 = 67,979.75; 300,000 ÷ 12 = 25,000; ÷ → 2.71919; 25,000 ÷ (113,299.58 ÷ 10.020534 × 0.6 = 6,784.05) = 3.68512
  ['medical', 67979.75, 25000, 2.71919, 3.685117],
  // technolgy: 1,515,487 × 0.6 ÷ 12 = 75,774.35; 180,000 ÷ 12 = 15,000; 5.05162; 15,000 ÷ 7,561.91 = 1.98363
  ['technolgy', 75774.35, 15000, 5.051623, 1.983626],
  // finance: 950,908 × 0.6 ÷ 8 = 71,318.10; 144,000 ÷ 8 = 18,000; 3.96212; 18,000 ÷ 7,117.20 = 2.52909
  ['finance', 71318.1, 18000, 3.962117, 2.529086],
  // marketing: 922,321 × 0.6 ÷ 8 = 69,174.075; 256,000 ÷ 8 = 32,000; 2.16169; 32,000 ÷ 6,903.25 = 4.63551
  ['marketing', 69174.075, 32000, 2.16169, 4.63551],
  // software: 1,077,934 × 0.6 ÷ 7 = 92,394.343; 210,000 ÷ 7 = 30,000; 3.07981; 30,000 ÷ 9,220.51 = 3.25362
  ['software', 92394.3429, 30000, 3.079811, 3.253619],
  // entertainment: 689,007 × 0.6 ÷ 6 = 68,900.70; 72,000 ÷ 6 = 12,000; 5.74173; 12,000 ÷ 6,875.97 = 1.74521
  ['entertainment', 68900.7, 12000, 5.741725, 1.745213],
  // telecommunications: 653,574 × 0.6 ÷ 6 = 65,357.40; 168,000 ÷ 6 = 28,000; 2.33419; 28,000 ÷ 6,522.36 = 4.29293
  ['telecommunications', 65357.4, 28000, 2.334193, 4.292933],
  // services: 533,006 × 0.6 ÷ 5 = 63,960.72; 120,000 ÷ 5 = 24,000; 2.66503; 24,000 ÷ 6,383.00 = 3.76001
  ['services', 63960.72, 24000, 2.66503, 3.760008],
  // employment: 436,174 × 0.6 ÷ 4 = 65,426.10; 160,000 ÷ 4 = 40,000; 1.63565; 40,000 ÷ 6,529.25 = 6.12632
  ['employment', 65426.1, 40000, 1.635652, 6.126322],
];

test('CRM + ASSUMED sector costs: CAC, LTV:CAC and payback per sector match the hand table', () => {
  const costs = csv('assumed-sector-costs.csv');
  // The costs as the named source (src-costs / data-source="costs"), and as the option: the same numbers.
  const viaSource = run(csv('crm-account-purchases.csv'), CRM_MAPPING, { method: 'historical', margin: '60%' }, { costs }).segments!;
  const viaOption = run(csv('crm-account-purchases.csv'), CRM_MAPPING, { method: 'historical', margin: '60%', costs: costs.value }).segments!;
  assert.deepEqual(viaSource, viaOption);
  assert.deepEqual(viaSource.unmatchedCosts, []);
  for (const [sector, ltv, cac, ratio, payback] of HAND) {
    const r = seg(viaSource, sector);
    const a = r.acquisition!;
    assert.ok(Math.abs(v(r.ltv) - ltv) < 1e-4, `${sector} LTV ${v(r.ltv)}`);
    assert.equal(v(a.cac), cac, `${sector} CAC`);
    assert.ok(Math.abs(v(a.ltvCac) - ratio) < 1e-6, `${sector} LTV:CAC ${v(a.ltvCac)}`);
    assert.ok(Math.abs(v(a.payback) - payback) < 1e-6, `${sector} payback ${v(a.payback)}`);
    assert.equal(a.meetsTarget, ratio >= 3, sector);
  }
  // Which sectors bring accounts worth at least 3× what they cost: 5 of 10.
  assert.deepEqual(viaSource.rows.filter((r) => r.acquisition?.meetsTarget).map((r) => r.segment).sort(), ['entertainment', 'finance', 'retail', 'software', 'technolgy']);
});

// ---- Predictive: the one pooled fit applied to each segment's customers ---------------------

test('predictive by first-purchase month on CDNOW: each cohort is the mean of its customers’ CLV from the one fit', async () => {
  const { computeLtv } = await import('../../src/widgets/ltv/fit-here.ts');
  const { toColumns } = await import('../../src/widgets/ltv/columns.ts');
  const { customerTotals } = await import('../../src/widgets/ltv/model.ts');
  const { ltvSettings } = await import('../../src/widgets/ltv/compute.ts');
  const { cohortsOf, computeSegments } = await import('../../src/widgets/ltv/segments.ts');
  const rows = JSON.parse(readFileSync(new URL('cdnow_transactions.json', DATA), 'utf8')) as unknown[];
  const cols = { customer: 'customerId', date: 'date', amount: 'amount' };
  const m = computeLtv(rows, cols, {}, ltvSettings(parseOptions(ltvOptions, { method: 'predictive', calibrationEnd: '1997-09-30' })), true);
  assert.equal(m.result.method, 'predictive');
  const totals = customerTotals(toColumns(rows, cols));
  assert.equal(totals.revenue.length, m.values.length);
  const s = computeSegments({ totals, segmentOf: cohortsOf(totals, 'month'), result: m.result, values: m.values, costs: null, target: 3, by: 'cohort-month', kind: 'cohort', period: 'month' });
  assert.equal(s.method, 'predictive');
  assert.equal(s.predictiveBasis, 'pooled-fit');
  // The CDNOW sample's customers all first bought in the first quarter of 1997.
  assert.deepEqual(s.rows.map((r) => r.segment).sort(), ['1997-01', '1997-02', '1997-03']);
  assert.equal(s.rows.reduce((n, r) => n + r.customers, 0), 2357);
  // Independently: the mean of the fitted CLV of each cohort's customers, and the customer-weighted
  // mean of the cohorts is the headline predictive LTV.
  const months = cohortsOf(totals, 'month');
  let weighted = 0;
  for (const r of s.rows) {
    let sum = 0;
    let n = 0;
    months.forEach((mo, c) => {
      if (mo === r.segment && Number.isFinite(m.values[c]!)) {
        sum += m.values[c]!;
        n++;
      }
    });
    assert.ok(Math.abs(v(r.predictive) - sum / n) < 1e-9, r.segment);
    assert.equal(v(r.ltv), v(r.predictive));
    assert.ok(v(r.historical) > 0 && v(r.simple) > 0);
    weighted += v(r.ltv) * n;
  }
  assert.ok(Math.abs(weighted / 2357 - v(m.result.ltv)) < 1e-9);
});
