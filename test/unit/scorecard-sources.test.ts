// <kpi-scorecard>'s named sources (issue #12) and its pre-aggregated input (issue #13), in node:
// the scorecard of CPL, CAC, marketing ROI, LTV:CAC and CAC payback by channel over the real CRM
// deals and the synthetic leads and costs of data/ASSUMPTIONS.md, checked against the same
// figures computed here with plain arithmetic straight from the CSV files; the "accurate" mark
// over every source a KPI reads; errors that name the source; every catalogue KPI resolved from
// its metadata; and the aggregate path giving the records path's numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseText, type Parsed } from '../../src/core/data/load.ts';
import { inputOf } from '../../src/core/element/pipeline.ts';
import type { Input } from '../../src/core/element/spec.ts';
import { KpiError } from '../../src/core/data/errors.ts';
import { LOST_VALUES, WON_VALUES } from '../../src/core/schema/records.ts';
import { computeScorecard, readScorecard, readScorecardConfig, scorecardIsEmpty } from '../../src/widgets/scorecard/compute.ts';
import { SCORECARD_FIELDS } from '../../src/widgets/scorecard/records.ts';
import { resolveInput } from '../../src/widgets/scorecard/sources.ts';
import { scorecardMetrics } from '../../src/widgets/scorecard/metrics.ts';
import { sourceCatalogueEntries } from '../../src/kpis/catalogue-sources.ts';
import { catalogueEntries } from '../../src/kpis/catalogue.ts';
import { scorecardAggregate } from '../../src/aggregates/scorecard.ts';
import { aggregateFile } from '../../src/aggregates/shapes.ts';

const DATA = resolve(import.meta.dirname, '../../data');
const text = (f: string) => readFileSync(resolve(DATA, f), 'utf8');
const csv = (f: string) => parseText(text(f), 'csv');
const settings = { lang: 'en', currency: 'USD', currencyExplicit: false };
const OPTIONS = { wonValues: WON_VALUES, lostValues: LOST_VALUES, asOf: undefined };

function inputWith(deals: Parsed, sources: Record<string, Parsed>, mapping: Record<string, string> = {}): Input {
  const named = Object.fromEntries(Object.entries(sources).map(([k, p]) => [k, { parsed: p, settings }]));
  return { ...inputOf(SCORECARD_FIELDS, deals, { ...settings, mapping }), sources: named };
}

const MARKETING = readScorecardConfig({
  asOf: '2017-12-31',
  kpis: [
    { id: 'cpl', metric: 'cpl', target: 40, targetPeriod: 'year' },
    { id: 'cac', metric: 'cac', target: 12000, targetPeriod: 'year' },
    { id: 'mroi', metric: 'mroi', target: 8, targetPeriod: 'year' },
    { id: 'ltv-cac', metric: 'ltv-cac', target: 3, targetPeriod: 'year', params: { agm: 0.6 } },
    { id: 'payback', metric: 'cac-payback', target: 12, targetPeriod: 'year', params: { grossMargin: 0.6 } },
  ],
});

// ---- the independent computation: plain arithmetic over the CSV lines ----------------------

const rowsOfCsv = (f: string) => {
  const [head, ...lines] = text(f).trim().split(/\r?\n/);
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])) as Record<string, string>);
};
const in2017 = (d: string) => d >= '2017-01-01' && d < '2018-01-01';

function independent() {
  const deals = rowsOfCsv('sales_pipeline.csv');
  const leads = rowsOfCsv('marketing-leads.csv');
  const costs = rowsOfCsv('marketing-costs.csv');
  const channelOfDeal = new Map<string, string>();
  for (const l of leads) if (l.opportunity_id) channelOfDeal.set(l.opportunity_id, l.channel!);
  const channels = ['events', 'paid-search', 'referral', 'social', 'web'];
  const out: Record<string, { cpl: number; cac: number; mroi: number; ltvCac: number; payback: number }> = {};
  const per = (c: string | null) => {
    const mine = (ch: string | undefined) => c === null || ch === c;
    let cost = 0;
    for (const r of costs) if (in2017(r.month!) && mine(r.channel)) cost += Number(r.amount);
    let newLeads = 0;
    for (const l of leads) if (in2017(l.created!) && mine(l.channel)) newLeads++;
    const won = deals.filter((d) => d.deal_stage === 'Won' && mine(channelOfDeal.get(d.opportunity_id!)));
    // New customers: accounts whose first won deal (earliest close; ties: the first row) closes in 2017.
    const first = new Map<string, { close: string; channel: string | undefined }>();
    for (const d of deals) {
      if (d.deal_stage !== 'Won') continue;
      const account = d.account || d.opportunity_id!;
      const prev = first.get(account);
      if (!prev || d.close_date! < prev.close) first.set(account, { close: d.close_date!, channel: channelOfDeal.get(d.opportunity_id!) });
    }
    let newCustomers = 0;
    for (const f of first.values()) if (in2017(f.close) && mine(f.channel)) newCustomers++;
    let revenue2017 = 0;
    const buyers2017 = new Set<string>();
    let revenueAll = 0;
    const customersAll = new Set<string>();
    for (const d of won) {
      revenueAll += Number(d.close_value);
      customersAll.add(d.account || d.opportunity_id!);
      if (in2017(d.close_date!)) {
        revenue2017 += Number(d.close_value);
        buyers2017.add(d.account || d.opportunity_id!);
      }
    }
    const cac = cost / newCustomers;
    const ltv = (revenueAll * 0.6) / customersAll.size;
    const monthlyGrossProfit = (revenue2017 / buyers2017.size / (365 / 30.4375)) * 0.6;
    return { cpl: cost / newLeads, cac, mroi: (revenue2017 - cost) / cost, ltvCac: ltv / cac, payback: cac / monthlyGrossProfit };
  };
  for (const c of channels) out[c] = per(c);
  out['total'] = per(null);
  return out;
}

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('CPL, CAC, marketing ROI, LTV:CAC and payback by channel equal an independent computation from the files', () => {
  const input = inputWith(csv('sales_pipeline.csv'), { leads: csv('marketing-leads.csv'), costs: csv('marketing-costs.csv') }, { group: 'channel' });
  const read = readScorecard(input, { ...OPTIONS, config: MARKETING });
  const b = computeScorecard(read.data);
  const want = independent();
  const kpi = (id: string) => b.model.kpis.find((k) => k.id === id)!.value;
  const num = (v: { ok: boolean; value?: number }) => (v.ok ? v.value! : Number.NaN);
  close(num(kpi('cpl')), want.total!.cpl, 'CPL total');
  close(num(kpi('cac')), want.total!.cac, 'CAC total');
  close(num(kpi('mroi')), want.total!.mroi, 'ROI total');
  close(num(kpi('ltv-cac')), want.total!.ltvCac, 'LTV:CAC total');
  close(num(kpi('payback')), want.total!.payback, 'payback total');
  // By hand from data/ASSUMPTIONS.md's 2017 totals: 1,069,387 ÷ 24,951 leads.
  close(num(kpi('cpl')), 1_069_387 / 24_951, 'CPL by hand');
  // All 85 accounts first buy in 2017 (the export's first close is in March 2017).
  close(num(kpi('cac')), 1_069_387 / 85, 'CAC by hand');
  const m = b.matrix!;
  assert.equal(m.groupBy, 'channel');
  assert.deepEqual(m.rows.map((r) => r.member), ['events', 'paid-search', 'referral', 'social', 'web']);
  for (const r of m.rows) {
    const w = want[r.member]!;
    close(num(r.cells['cpl']!.value), w.cpl, `CPL ${r.member}`);
    close(num(r.cells['cac']!.value), w.cac, `CAC ${r.member}`);
    close(num(r.cells['mroi']!.value), w.mroi, `ROI ${r.member}`);
    close(num(r.cells['ltv-cac']!.value), w.ltvCac, `LTV:CAC ${r.member}`);
    close(num(r.cells['payback']!.value), w.payback, `payback ${r.member}`);
  }
  // web by hand: 109,209 USD ÷ 6,039 leads created in 2017.
  close(num(m.rows.find((r) => r.member === 'web')!.cells['cpl']!.value), 109_209 / 6_039, 'CPL web by hand');
  // result: each source's counts.
  assert.deepEqual(b.sources['leads'], { valid: 26_459, rejected: 0, total: 26_459 });
  assert.deepEqual(b.sources['costs'], { valid: 75, rejected: 0, total: 75 });
});

test('the scorecard figures over deals alone do not change (Q4 2017 revenue $2,802,496)', () => {
  const config = readScorecardConfig({ asOf: '2017-12-31', kpis: [{ id: 'rev', metric: 'revenue', target: 3_000_000 }, { id: 'win', metric: 'win-rate', target: 0.6 }] });
  const alone = computeScorecard(readScorecard(inputOf(SCORECARD_FIELDS, csv('sales_pipeline.csv'), { ...settings, mapping: {} }), { ...OPTIONS, config }).data);
  const withSources = computeScorecard(readScorecard(inputWith(csv('sales_pipeline.csv'), { leads: csv('marketing-leads.csv'), costs: csv('marketing-costs.csv') }), { ...OPTIONS, config }).data);
  for (const b of [alone, withSources]) {
    const rev = b.model.kpis[0]!.value;
    assert.ok(rev.ok && rev.value === 2_802_496);
  }
  assert.deepEqual(withSources.model.kpis[1]!.value, alone.model.kpis[1]!.value);
});

test('the accurate mark covers every source a KPI reads: dirty leads make CPL not accurate, deals-only KPIs keep theirs', () => {
  const leads = rowsOfCsv('marketing-leads.csv').slice(0, 200);
  // 30 of 200 leads with an unreadable date: 85 % valid → fail (below 90 %).
  const dirty = leads.map((l, i) => (i % 20 < 3 ? { ...l, created: 'n/a' } : l));
  const config = readScorecardConfig({
    asOf: '2016-12-31',
    kpis: [{ id: 'cpl', metric: 'cpl', target: 40, targetPeriod: 'year' }, { id: 'open', metric: 'deals-opened', target: 100, targetPeriod: 'year' }],
  });
  const read = readScorecard(inputWith(csv('sales_pipeline.csv'), { leads: { format: 'json', value: dirty }, costs: csv('marketing-costs.csv') }), { ...OPTIONS, config });
  // The 30 leads left out are announced (notice, kpi-warning, result.rejected), each naming its source and row.
  const fromLeads = read.rejected.filter((r) => r.source === 'leads');
  assert.equal(fromLeads.length, 30);
  assert.deepEqual(fromLeads.slice(0, 4).map((r) => r.row), [1, 2, 3, 21]);
  assert.equal(fromLeads[0]!.issues[0]!.path, 'created');
  assert.equal(read.rejected.filter((r) => r.source === undefined).length, 0);
  const b = computeScorecard(read.data);
  const accurate = (id: string) => b.model.kpis.find((k) => k.id === id)!.checks.find((c) => c.a === 'accurate')!;
  const cpl = accurate('cpl');
  assert.equal(cpl.mark, 'fail');
  assert.equal(cpl.code, 'many-rejected');
  assert.equal(cpl.params.source, 'leads');
  assert.equal(cpl.params.valid, 170);
  assert.equal(cpl.params.rejected, 30);
  assert.equal(cpl.params.reason, 'created: not a date: n/a');
  // deals-opened reads the deals only: the dirty leads do not touch it (its own flags: 1,425 open deals without account).
  const open = accurate('open');
  assert.equal(open.code, 'flagged');
  assert.equal(open.params.valid, 8800);
  // Clean leads: CPL passes, over both of its sources.
  const clean = computeScorecard(readScorecard(inputWith(csv('sales_pipeline.csv'), { leads: { format: 'json', value: leads }, costs: csv('marketing-costs.csv') }), { ...OPTIONS, config }).data);
  const ok = clean.model.kpis[0]!.checks.find((c) => c.a === 'accurate')!;
  assert.equal(ok.mark, 'pass');
  assert.equal(ok.params.source, 'costs, leads');
  assert.equal(ok.params.valid, 275);
});

test('errors name the source: a leads file with no valid row, a KPI whose source is not given', () => {
  const leads = { format: 'json' as const, value: [{ lead_id: 'a', created: 'soon', channel: 'web' }, { lead_id: 'b', created: 'later', channel: 'web' }] };
  const config = readScorecardConfig({ asOf: '2017-12-31', kpis: [{ id: 'cpl', metric: 'cpl', target: 40 }] });
  assert.throws(
    () => readScorecard(inputWith(csv('sales_pipeline.csv'), { leads }), { ...OPTIONS, config }),
    (e: unknown) => e instanceof KpiError && e.code === 'validation' && e.source === 'leads' && e.message.startsWith('leads: 2 of 2 rows are not valid: row 1, created: not a date'),
  );
  // No costs: CPL cannot be computed; the config error says which source to give and how.
  const read = readScorecard(inputWith(csv('sales_pipeline.csv'), { leads: csv('marketing-leads.csv') }), { ...OPTIONS, config });
  assert.throws(
    () => computeScorecard(read.data),
    (e: unknown) => e instanceof KpiError && e.code === 'config' && /metric "cpl" needs more sources: costs\. Give costs \(src-costs, sources\.costs or a data-source="costs" child\)/.test(e.message),
  );
  // A field mapping per source: leads-fields maps "when" to the lead's date.
  const renamed = { format: 'json' as const, value: [{ id: 'x', when: '2017-03-02', channel: 'web' }] };
  const r = readScorecard(inputWith({ format: 'json', value: [] }, { leads: renamed, costs: { format: 'json', value: [{ month: '2017-03-01', channel: 'web', amount: 50 }] } }), {
    ...OPTIONS, config: readScorecardConfig({ asOf: '2017-03-31', kpis: [{ id: 'cpl', metric: 'cpl', target: 40, targetPeriod: 'month' }] }), leadsFields: [['date', 'when']],
  });
  const b = computeScorecard(r.data);
  assert.deepEqual(b.model.kpis[0]!.value, { ok: true, value: 50, numerator: 50, denominator: 1, rows: 2 });
  assert.equal(scorecardIsEmpty(b), false);
});

test('every catalogue KPI computed from records resolves its sources from its metadata alone', () => {
  // The catalogue minus the fitted model.
  assert.deepEqual(sourceCatalogueEntries.map((e) => e.meta.id), catalogueEntries.map((e) => e.meta.id).filter((id) => id !== 'clv-predictive'));
  for (const e of sourceCatalogueEntries) assert.equal(e.meta, catalogueEntries.find((c) => c.meta.id === e.meta.id)!.meta, e.meta.id);
  const all = new Set(['deals', 'leads', 'costs', 'transactions', 'activities']);
  const reads: Record<string, readonly string[]> = {};
  for (const e of sourceCatalogueEntries) {
    const r = resolveInput(e.meta, all);
    assert.ok(r.ok, e.meta.id);
    if (r.ok) reads[e.meta.id] = r.reads;
  }
  assert.deepEqual(reads['cpl'], ['costs', 'leads']);
  assert.deepEqual(reads['cac'], ['costs', 'deals']);
  assert.deepEqual(reads['ltv-cac'], ['transactions', 'costs', 'deals']);
  assert.deepEqual(reads['activity'], ['activities']);
  assert.deepEqual(reads['retention'], ['transactions']);
  assert.deepEqual(reads['revenue'], ['deals']);
  // Deals alone: transactions are the won deals; costs and activities are missing.
  const deals = scorecardMetrics(new Set(['deals']));
  assert.deepEqual(deals('ltv-historical')?.reads, ['deals']);
  assert.equal(deals('activity'), undefined);
  assert.match(deals.why!('activity'), /metric "activity" needs inputs other than deals: activities/);
  assert.match(deals.why!('clv-predictive'), /fitted model/);
});

test('transactions and activities: churn, retention, renewal, upsell, activity and transformation cost from their sources', () => {
  // Two customers: A buys in 2016 and 2017 (a renewal, then an upsell), B only in 2016 (lost at the end of 2017: 365 days after).
  const transactions = [
    { customer: 'A', date: '2016-03-01', amount: 100, type: 'new' },
    { customer: 'B', date: '2016-06-01', amount: 50, type: 'new' },
    { customer: 'A', date: '2017-03-01', amount: 120, type: 'renewal' },
    { customer: 'A', date: '2017-09-01', amount: 30, type: 'upsell' },
  ];
  const activities = [
    { rep: 'Ana', type: 'call', date: '2017-02-01' }, { rep: 'Ana', type: 'meeting', date: '2017-02-03' },
    { rep: 'Ana', type: 'meeting', date: '2017-02-10' }, { rep: 'Ana', type: 'order', date: '2017-02-20' },
    { rep: 'Bo', type: 'meeting', date: '2017-05-01' }, { rep: 'Bo', type: 'call', date: '2017-05-02' },
  ];
  const config = readScorecardConfig({
    asOf: '2017-12-31',
    kpis: [
      { id: 'churn', metric: 'churn', target: 0.2, targetPeriod: 'year' },
      { id: 'retention', metric: 'retention', target: 0.8, targetPeriod: 'year' },
      { id: 'renewal', metric: 'renewal-rate', target: 0.5, targetPeriod: 'year' },
      { id: 'upsell', metric: 'upsell-rate', target: 0.5, targetPeriod: 'year' },
      { id: 'calls', metric: 'activity', target: 10, targetPeriod: 'year', params: { type: 'call' } },
      { id: 'ltc', metric: 'lead-transformation-cost', target: 2, targetPeriod: 'year' },
    ],
  });
  const b = computeScorecard(readScorecard(inputWith({ format: 'json', value: [] }, { transactions: { format: 'json', value: transactions }, activities: { format: 'json', value: activities } }), { ...OPTIONS, config }).data);
  const v = (id: string) => {
    const x = b.model.kpis.find((k) => k.id === id)!.value;
    return x.ok ? x.value : x.reason;
  };
  // 2017: at start A and B (both bought before and are within 365 days); B's last purchase + 365 d = 2017-06-01 < end → lost.
  assert.equal(v('churn'), 1 / 2);
  assert.equal(v('retention'), 1 / 2);
  // 2017 purchases: a renewal and an upsell → 1 of 2; customers with an upsell: A of {A} → 1.
  assert.equal(v('renewal'), 1 / 2);
  assert.equal(v('upsell'), 1);
  assert.equal(v('calls'), 2);
  // Meetings per order in 2017: 3 ÷ 1.
  assert.equal(v('ltc'), 3);
  // With no deals given, only the sources: not empty.
  assert.equal(scorecardIsEmpty(b), false);
});

test('input="aggregates": the CRM scorecard aggregate (src/aggregates) gives the records path its numbers', () => {
  const raw = csv('sales_pipeline.csv').value as Record<string, unknown>[];
  const columns = { status: 'deal_stage', amount: 'close_value', created: 'engage_date', closed: 'close_date' };
  const file = aggregateFile('scorecard', { engine: 'js', input: 'data/sales_pipeline.csv' }, { period: 'quarter', groupBy: null }, scorecardAggregate(raw, { columns, period: 'quarter' }));
  const config = readScorecardConfig({
    asOf: '2017-12-31',
    kpis: [
      { id: 'rev', metric: 'revenue', target: 3_000_000 },
      { id: 'win', metric: 'win-rate', target: 0.6 },
      { id: 'avg', metric: 'avg-transaction', target: 2_500 },
    ],
  });
  const agg = computeScorecard(readScorecard(inputOf(SCORECARD_FIELDS, { format: 'json', value: file }, { ...settings, mapping: {} }), { ...OPTIONS, config, input: 'aggregates' }).data);
  const rec = computeScorecard(readScorecard(inputOf(SCORECARD_FIELDS, csv('sales_pipeline.csv'), { ...settings, mapping: {} }), { ...OPTIONS, config }).data);
  const rev = agg.model.kpis[0]!.value;
  assert.ok(rev.ok && rev.value === 2_802_496, JSON.stringify(rev));
  for (let i = 0; i < 3; i++) {
    const a = agg.model.kpis[i]!;
    const r = rec.model.kpis[i]!;
    assert.ok(a.value.ok && r.value.ok, a.id);
    close(a.value.ok ? a.value.value : NaN, r.value.ok ? r.value.value : NaN, a.id);
    // The series over the quarters and the comparison with Q3 agree too.
    assert.deepEqual(a.series.map((s) => s.key), r.series.map((s) => s.key), a.id);
    a.series.forEach((s, j) => (s.value === null ? assert.equal(r.series[j]!.value, null) : close(s.value, r.series[j]!.value!, `${a.id} ${s.key}`)));
    close(a.comparison!.value.ok ? a.comparison!.value.value : NaN, r.comparison!.value.ok ? r.comparison!.value.value : NaN, `${a.id} vs Q3`);
  }
  // The accurate mark speaks of the aggregate rows.
  assert.equal(agg.model.kpis[0]!.checks.find((c) => c.a === 'accurate')!.params.source, 'aggregates');
});

test('input="aggregates": rows as CSV, grouped; a period with group rows only totals Σ numerator ÷ Σ denominator', () => {
  const rows = [
    'kpi,period,group,numerator,denominator',
    'cpl,2017-Q4,web,1000,50',
    'cpl,2017-Q4,events,3000,25',
    'cpl,2017-Q3,web,900,45',
    'cpl,2017-Q3,,1800,60',
    'cpl,2017-Q2,web,oops,3',
  ].join('\n');
  const config = readScorecardConfig({ asOf: '2017-12-31', kpis: [{ id: 'cpl', metric: 'cpl', target: 40 }] });
  const read = readScorecard(inputOf(SCORECARD_FIELDS, parseText(rows, 'csv'), { ...settings, mapping: {} }), { ...OPTIONS, config, input: 'aggregates' });
  assert.equal(read.rejected.length, 1);
  assert.equal(read.rejected[0]!.row, 5);
  const b = computeScorecard(read.data);
  const k = b.model.kpis[0]!;
  // Q4: no total row → (1000 + 3000) ÷ (50 + 25).
  assert.deepEqual(k.value, { ok: true, value: 4000 / 75, numerator: 4000, denominator: 75, rows: 2 });
  // Q3 has its own total row: 1800 ÷ 60.
  assert.ok(k.comparison!.value.ok && k.comparison!.value.value === 30);
  // 4 of the 5 aggregate rows are valid: 80 %, below the 90 % the accurate mark needs.
  const acc = k.checks.find((c) => c.a === 'accurate')!;
  assert.equal(acc.code, 'many-rejected');
  assert.equal(acc.params.source, 'aggregates');
  assert.deepEqual(b.matrix!.rows.map((r) => [r.member, r.cells['cpl']!.value.ok ? r.cells['cpl']!.value.value : null]), [['events', 120], ['web', 20]]);
});

test('input="aggregates": the DuckDB-written data/aggregates/crm-scorecard.json gives the records path its numbers', () => {
  const file = JSON.parse(text('aggregates/crm-scorecard.json'));
  assert.equal(file.source.engine, 'duckdb');
  const config = readScorecardConfig({
    asOf: '2017-12-31',
    kpis: [{ id: 'rev', metric: 'revenue', target: 3_000_000 }, { id: 'win', metric: 'win-rate', target: 0.6 }, { id: 'cycle', metric: 'sales-cycle', target: 45 }],
  });
  const agg = computeScorecard(readScorecard(inputOf(SCORECARD_FIELDS, { format: 'json', value: file }, { ...settings, mapping: {} }), { ...OPTIONS, config, input: 'aggregates' }).data);
  const rec = computeScorecard(readScorecard(inputOf(SCORECARD_FIELDS, csv('sales_pipeline.csv'), { ...settings, mapping: {} }), { ...OPTIONS, config }).data);
  const rev = agg.model.kpis[0]!.value;
  assert.ok(rev.ok && rev.value === 2_802_496);
  for (let i = 0; i < 3; i++) {
    const a = agg.model.kpis[i]!.value;
    const r = rec.model.kpis[i]!.value;
    assert.ok(a.ok && r.ok, agg.model.kpis[i]!.id);
    close(a.ok ? a.value : NaN, r.ok ? r.value : NaN, agg.model.kpis[i]!.id);
  }
});
