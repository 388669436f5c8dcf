/**
 * Issue #13 on DuckDB: the same fixtures through the JS aggregate step (src/aggregates) and the
 * SQL templates (src/sql) run by the CLI's DuckDB engine, compared on the aggregate (integers
 * exact, floats within 1e-9): the CRM export, CDNOW master, and fast-check data.
 *
 * Expected CRM figures (Python's csv module, test/unit/crm-pipeline.test.ts): funnel 8,800 / 8,300 /
 * 4,238; 4,238 won of 6,711 closed; revenue 10,005,534; Σ cycle days 219,452, median 57 days
 * Engaging → Won; revenue per quarter of close_date. CDNOW master to 1997-09-30 in weeks: 23,570
 * customers in 8,685 distinct (x, t_x, T) (counted independently below from the raw file).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { openDuckDb } from '../../src/cli/engines/duckdb.ts';
import type { EngineConnection } from '../../src/cli/engines/types.ts';
import { rowsOf, sqlFor, textColumns, typedColumns, runAggregate, type AggregateOptions } from '../../src/cli/aggregate.ts';
import { funnelAggregate } from '../../src/aggregates/funnel.ts';
import { dealsAggregate } from '../../src/aggregates/deals.ts';
import { scorecardFromDeals } from '../../src/aggregates/scorecard.ts';
import { customersAggregate, patternsFromCustomers } from '../../src/aggregates/customers.ts';
import { patternHistory, parseAggregateOf, type AggregateKind, type DealsRow, type FunnelRow, type PatternRow, type ScorecardRow } from '../../src/aggregates/shapes.ts';
import { fitBgNbd, fitBgNbdWeighted } from '../../src/models/bgnbd.ts';
import { LOST_VALUES, WON_VALUES } from '../../src/core/deal-status.ts';
import { SQL_LOST_VALUES, SQL_WON_VALUES } from '../../src/sql/templates.ts';
import { assertSameRows, CDNOW, cdnowCsv, cdnowRows, CRM_CSV, CRM_DEALS, CRM_FUNNEL, crmRows, csvFile, ROOT } from './warehouse-fixtures.ts';
import { dealArb, funnelArb, txArb, FC_DEALS, FC_FUNNEL, fcTransactions, jsRows } from './warehouse-arbitraries.ts';

let db: EngineConnection;
before(async () => {
  db = await openDuckDb({ threads: 2 });
});
after(async () => {
  await db.close();
});

/** The SQL path as the CLI runs it, optionally forcing the cast-everything (untyped) SQL. */
async function sqlRows(kind: AggregateKind, input: string, o: AggregateOptions, typed?: boolean) {
  const text = textColumns(kind, o);
  const cols = await db.columns(input, text);
  const t = typed ?? typedColumns(kind, o, cols);
  return rowsOf(kind, await db.query(sqlFor(kind, db.dialect, db.relation(input, text), o, t)));
}

const jsDeals = (rows: readonly Record<string, unknown>[], o: AggregateOptions) =>
  dealsAggregate(rows, { columns: { status: o.statusCol!, amount: o.amountCol!, created: o.createdCol!, closed: o.closedCol!, group: o.groupCol }, period: o.period ?? null });

test('the SQL won/lost lists are the kit\'s (core/deal-status.ts)', () => {
  assert.deepEqual(SQL_WON_VALUES, WON_VALUES);
  assert.deepEqual(SQL_LOST_VALUES, LOST_VALUES);
});

test('CRM funnel: 8,800 → 8,300 → 4,238, median 57 days Engaging → Won, the same in JS and DuckDB (typed and text columns)', async () => {
  const js = funnelAggregate(crmRows(), { stages: CRM_FUNNEL.stages!, lostValues: CRM_FUNNEL.lostValues!, columns: { stage: 'deal_stage', value: 'close_value', stageDates: CRM_FUNNEL.stageDates! } });
  assert.deepEqual(js.map((r) => r.count), [8800, 8300, 4238]);
  const won = js[2]!;
  assert.equal(won.medianDays, 57);
  assert.equal(won.medianDaysN, 4238);
  assert.equal(won.value, 10_005_534);
  // Prospecting has no date column: no median into Engaging
  assert.equal(js[1]!.medianDays, null);
  const typed = (await sqlRows('funnel', CRM_CSV, CRM_FUNNEL)) as FunnelRow[];
  assert.equal(typedColumns('funnel', CRM_FUNNEL, await db.columns(CRM_CSV)), true, 'read_csv types the dates as DATE');
  assertSameRows(typed, js, 'typed');
  assertSameRows(await sqlRows('funnel', CRM_CSV, CRM_FUNNEL, false), js, 'text');
});

test('CRM deals: 4,238 won of 6,711 closed, revenue 10,005,534, cycle Σ 219,452 / median 57, per quarter and per agent', async () => {
  const rows = crmRows();
  const byQuarter: AggregateOptions = { ...CRM_DEALS, period: 'quarter' };
  const js = jsDeals(rows, byQuarter);
  const total = js[0]!;
  assert.deepEqual(
    [total.period, total.group, total.deals, total.won, total.lost, total.closed, total.revenue, total.revenue_n, total.cycle_days_sum, total.cycle_days_n, total.cycle_days_median],
    [null, null, 8800, 4238, 2473, 6711, 10_005_534, 4238, 219_452, 4238, 57],
  );
  const rev = Object.fromEntries(js.slice(1).map((r) => [r.period, r.revenue]));
  assert.deepEqual(rev, { '(none)': 0, '2017-Q1': 1134672, '2017-Q2': 3086111, '2017-Q3': 2982255, '2017-Q4': 2802496 });
  // the open deals (no close date) fall in "(none)": 8,800 − 6,711
  assert.equal(js.find((r) => r.period === '(none)')!.deals, 2089);
  assertSameRows(await sqlRows('deals', CRM_CSV, byQuarter), js, 'quarter');
  assertSameRows(await sqlRows('deals', CRM_CSV, byQuarter, false), js, 'quarter, text');

  const byAgentMonth: AggregateOptions = { ...CRM_DEALS, groupCol: 'sales_agent', period: 'month' };
  const js2 = jsDeals(rows, byAgentMonth);
  const anna = js2.filter((r) => r.group === 'Anna Snelling');
  // Python: Anna Snelling won 208 of 336 closed (crm-pipeline.test.ts)
  assert.deepEqual([anna.reduce((s, r) => s + r.won, 0), anna.reduce((s, r) => s + r.closed, 0)], [208, 336]);
  assertSameRows(await sqlRows('deals', CRM_CSV, byAgentMonth), js2, 'agent × month');
});

test('CRM scorecard numerators / denominators: the same in JS and DuckDB', async () => {
  const o: AggregateOptions = { ...CRM_DEALS, groupCol: 'sales_agent', period: 'year' };
  const js = scorecardFromDeals(jsDeals(crmRows(), o));
  const win = js.find((r) => r.kpi === 'win-rate' && r.period === null && r.group === null)!;
  assert.deepEqual([win.numerator, win.denominator], [4238, 6711]);
  const avg = js.find((r) => r.kpi === 'avg-transaction' && r.period === null)!;
  assert.deepEqual([avg.numerator, avg.denominator], [10_005_534, 4238]);
  const cyc = js.find((r) => r.kpi === 'sales-cycle' && r.period === null)!;
  assert.deepEqual([cyc.numerator, cyc.denominator], [219_452, 4238]);
  assertSameRows((await sqlRows('scorecard', CRM_CSV, o)) as ScorecardRow[], js, 'scorecard');
});

test('CDNOW master to 1997-09-30 (weeks): 23,570 customers, 8,685 patterns, the same in JS and DuckDB', async () => {
  // independent count from the raw file: distinct purchase days per customer up to the end
  const days = new Map<string, Set<string>>();
  for (const l of readFileSync(join(ROOT, 'data/CDNOW_master.txt'), 'utf8').trim().split('\n')) {
    const [id, d] = l.trim().split(/\s+/);
    if (d! <= '19970930') (days.get(id!) ?? days.set(id!, new Set()).get(id!)!).add(d!);
  }
  const keys = new Set<string>();
  const dn = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6)) / 86_400_000;
  const end = dn('19970930');
  for (const set of days.values()) {
    const sorted = [...set].sort();
    keys.add(`${sorted.length - 1}|${dn(sorted.at(-1)!) - dn(sorted[0]!)}|${end - dn(sorted[0]!)}`);
  }
  assert.equal(days.size, 23_570);
  assert.equal(keys.size, 8_685);

  const input = cdnowCsv();
  const o = { columns: { customer: 'customer_id', date: 'date', amount: 'amount' }, calibrationEnd: '1997-09-30', unit: 'weeks' } as const;
  const customers = customersAggregate(cdnowRows(), o);
  assert.equal(customers.length, 23_570);
  const patterns = patternsFromCustomers(customers, 'weeks');
  assert.equal(patterns.length, 8_685);
  assert.equal(patterns.reduce((s, p) => s + p.n, 0), 23_570);
  const sqlPatterns = (await sqlRows('patterns', input, CDNOW)) as PatternRow[];
  assertSameRows(sqlPatterns, patterns, 'patterns');
  assertSameRows(await sqlRows('customers', input, CDNOW), customers, 'customers');
  const binned = patternsFromCustomers(customers, 'weeks', 1);
  assertSameRows(await sqlRows('patterns', input, { ...CDNOW, bin: 1 }), binned, 'weekly bins');
  // the bins keep the exact totals
  assert.ok(Math.abs(binned.reduce((s, p) => s + (p.sum_T ?? 0), 0) - customers.reduce((s, c) => s + c.T, 0)) < 1e-6);

  // BG/NBD fitted from the SQL patterns equals the fit from all 23,570 customers
  const perCustomer = fitBgNbd(customers.map((c) => ({ frequency: c.x, recency: c.t_x, T: c.T })));
  const weighted = fitBgNbdWeighted(sqlPatterns.map(patternHistory));
  assert.ok(perCustomer.ok && weighted.ok);
  assert.equal(weighted.customers, 23_570);
  for (const k of ['r', 'alpha', 'a', 'b'] as const) {
    assert.ok(Math.abs(weighted[k] - perCustomer[k]) <= 1e-9 * Math.max(1, Math.abs(perCustomer[k])), `${k}: ${weighted[k]} vs ${perCustomer[k]}`);
  }
  assert.ok(Math.abs(weighted.logLik - perCustomer.logLik) <= 1e-9 * Math.abs(perCustomer.logLik));
});

test('runAggregate writes a valid versioned file (the CLI path)', async () => {
  const f = await runAggregate(db, 'funnel', CRM_CSV, CRM_FUNNEL);
  const parsed = parseAggregateOf('funnel', JSON.parse(JSON.stringify(f)));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  assert.equal(f.source.engine, 'duckdb');
  assert.deepEqual(f.params, { stages: ['Prospecting', 'Engaging', 'Won'], lostValues: ['Lost'] });
  const p = await runAggregate(db, 'patterns', cdnowCsv(), { ...CDNOW, calibrationEnd: undefined });
  // without --calibration-end: the last purchase day, 1998-06-30
  assert.equal((p.params as { calibrationEnd: string }).calibrationEnd, '1998-06-30');
});

test('DuckDB reads a Parquet export directly: the same funnel and deals as from the CSV', async () => {
  const parquet = join(mkdtempSync(join(tmpdir(), 'kpi-parquet-')), 'pipeline.parquet');
  await db.query(`COPY (SELECT * FROM read_csv('${CRM_CSV}')) TO '${parquet}' (FORMAT parquet)`);
  const f = await runAggregate(db, 'funnel', parquet, CRM_FUNNEL);
  assert.deepEqual(f.rows.map((r) => (r as FunnelRow).count), [8800, 8300, 4238]);
  assertSameRows(await sqlRows('deals', parquet, { ...CRM_DEALS, period: 'quarter' }), await sqlRows('deals', CRM_CSV, { ...CRM_DEALS, period: 'quarter' }), 'parquet vs csv');
});

// --- fast-check: random deals, funnels and transactions, JS vs DuckDB (typed and text) ---------

/** The rows as a DuckDB table twice: every column text, and with dates / amounts typed. */
async function tables(rows: readonly Record<string, unknown>[], columns: readonly string[], dates: readonly string[], amounts: readonly string[], name: string) {
  const path = csvFile(rows, columns);
  await db.query(`CREATE OR REPLACE TABLE ${name}_text AS SELECT * FROM read_csv('${path}', all_varchar = true, header = true)`);
  const typed = columns.map((c) =>
    dates.includes(c) ? `TRY_CAST("${c}" AS DATE) AS "${c}"` : amounts.includes(c) ? `TRY_CAST("${c}" AS DOUBLE) AS "${c}"` : `"${c}"`,
  );
  await db.query(`CREATE OR REPLACE TABLE ${name}_typed AS SELECT ${typed.join(', ')} FROM ${name}_text`);
}

test('fast-check deals (status spellings, groups, periods incl. ISO weeks): JS = DuckDB', async () => {
  await fc.assert(
    fc.asyncProperty(dealArb, async ({ rows, period, grouped }) => {
      const o: AggregateOptions = { ...FC_DEALS, period, groupCol: grouped ? 'grp' : undefined };
      await tables(rows, ['status', 'amount', 'created', 'closed', 'grp'], ['created', 'closed'], ['amount'], 'fc_deals');
      const js = jsDeals(jsRows(rows), o) as DealsRow[];
      assertSameRows(await sqlRows('deals', 'fc_deals_text', o, false), js, 'text');
      assertSameRows(await sqlRows('deals', 'fc_deals_typed', o, true), js, 'typed');
      assertSameRows(await sqlRows('scorecard', 'fc_deals_typed', o, true), scorecardFromDeals(js), 'scorecard');
    }),
    { numRuns: 25, seed: 1301 },
  );
});

test('fast-check funnels (named, dated, lost, unplaced records): JS = DuckDB', async () => {
  await fc.assert(
    fc.asyncProperty(funnelArb, async (rows) => {
      await tables(rows, ['stage', 'value', 'd1', 'd2', 'd3'], ['d1', 'd2', 'd3'], ['value'], 'fc_funnel');
      const js = funnelAggregate(jsRows(rows), { stages: FC_FUNNEL.stages!, lostValues: FC_FUNNEL.lostValues!, columns: { stage: 'stage', value: 'value', stageDates: FC_FUNNEL.stageDates! } });
      assertSameRows(await sqlRows('funnel', 'fc_funnel_text', FC_FUNNEL, false), js, 'text');
      assertSameRows(await sqlRows('funnel', 'fc_funnel_typed', FC_FUNNEL, true), js, 'typed');
    }),
    { numRuns: 25, seed: 1302 },
  );
});

test('fast-check transactions (same-day purchases, after the end, cents): customers and patterns JS = DuckDB', async () => {
  await fc.assert(
    fc.asyncProperty(txArb, async ({ rows, unit, bin }) => {
      await tables(rows, ['customer_id', 'date', 'amount'], ['date'], ['amount'], 'fc_tx');
      const o: AggregateOptions = { ...fcTransactions, unit, bin };
      const customers = customersAggregate(jsRows(rows), { columns: { customer: 'customer_id', date: 'date', amount: 'amount' }, calibrationEnd: o.calibrationEnd!, unit });
      assertSameRows(await sqlRows('customers', 'fc_tx_text', o, false), customers, 'customers');
      assertSameRows(await sqlRows('patterns', 'fc_tx_typed', o, true), patternsFromCustomers(customers, unit, bin), 'patterns');
    }),
    { numRuns: 25, seed: 1303 },
  );
});
