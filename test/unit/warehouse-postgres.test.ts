/**
 * Issue #13 on PostgreSQL: the same fixtures as warehouse-duckdb.test.ts through the SQL
 * templates on a real server, compared with the JS aggregate step (integers exact, floats within
 * 1e-9). The server: KPI_PG_URL when set, else a throwaway cluster on 127.0.0.1 started by
 * scripts/pg-test-server.sh (Debian's postgresql binaries); without either the tests are skipped
 * with the reason.
 *
 * Tables are loaded twice: typed (DATE, NUMERIC) and all TEXT, so both the typed SQL and the
 * casting SQL run. PostgreSQL's `/` on integers is integer division and its SUM(int) is numeric:
 * both are covered by the dialect table and the engine's conversion.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import pg from 'pg';
import { openPostgres, pgNumber } from '../../src/cli/engines/postgres.ts';
import type { EngineConnection } from '../../src/cli/engines/types.ts';
import { rowsOf, sqlFor, typedColumns, runAggregate, type AggregateOptions } from '../../src/cli/aggregate.ts';
import { main } from '../../src/cli/main.ts';
import { funnelAggregate } from '../../src/aggregates/funnel.ts';
import { dealsAggregate } from '../../src/aggregates/deals.ts';
import { scorecardFromDeals } from '../../src/aggregates/scorecard.ts';
import { customersAggregate, patternsFromCustomers } from '../../src/aggregates/customers.ts';
import { patternHistory, type AggregateKind, type PatternRow } from '../../src/aggregates/shapes.ts';
import { fitBgNbd, fitBgNbdWeighted } from '../../src/models/bgnbd.ts';
import { assertSameRows, CDNOW, cdnowRows, CRM_DEALS, CRM_FUNNEL, crmRows, loadPg, startPg, type PgServer } from './warehouse-fixtures.ts';
import { dealArb, funnelArb, txArb, FC_DEALS, FC_FUNNEL, fcTransactions, jsRows } from './warehouse-arbitraries.ts';

const server = startPg();
const skip = 'skip' in server ? server.skip : false;
if (skip) console.log(`# PostgreSQL tests skipped: ${skip}`);

let db: EngineConnection;
let admin: pg.Client;
before(async () => {
  if (skip) return;
  const url = (server as PgServer).url;
  admin = new pg.Client(url);
  await admin.connect();
  db = await openPostgres(url);
  const crm = crmRows();
  const CRM_TYPES = { opportunity_id: 'text', sales_agent: 'text', product: 'text', account: 'text', deal_stage: 'text', engage_date: 'date', close_date: 'date', close_value: 'numeric' };
  await loadPg(admin, 'crm', CRM_TYPES, crm);
  await loadPg(admin, 'crm_text', Object.fromEntries(Object.keys(CRM_TYPES).map((k) => [k, 'text'])), crm);
  await loadPg(admin, 'cdnow', { customer_id: 'text', date: 'date', amount: 'numeric' }, cdnowRows());
});
after(async () => {
  if (skip) return;
  await db?.close();
  await admin?.end();
  (server as PgServer).stop();
});

async function sqlRows(kind: AggregateKind, table: string, o: AggregateOptions, typed?: boolean) {
  const cols = await db.columns(table);
  const t = typed ?? typedColumns(kind, o, cols);
  return rowsOf(kind, await db.query(sqlFor(kind, db.dialect, db.relation(table), o, t)));
}

const jsDeals = (rows: readonly Record<string, unknown>[], o: AggregateOptions) =>
  dealsAggregate(rows, { columns: { status: o.statusCol!, amount: o.amountCol!, created: o.createdCol!, closed: o.closedCol!, group: o.groupCol }, period: o.period ?? null });

test('the engine converts int8 and numeric text to numbers, and refuses an int8 beyond 2^53', { skip }, () => {
  assert.equal(pgNumber('6711', 20), 6711);
  assert.equal(pgNumber('10005534.00', 1700), 10_005_534);
  assert.throws(() => pgNumber('9007199254740993', 20), /beyond 2\^53/);
});

test('PostgreSQL: CRM funnel 8,800 / 8,300 / 4,238 and median 57 days, = JS (typed and text tables)', { skip }, async () => {
  const js = funnelAggregate(crmRows(), { stages: CRM_FUNNEL.stages!, lostValues: CRM_FUNNEL.lostValues!, columns: { stage: 'deal_stage', value: 'close_value', stageDates: CRM_FUNNEL.stageDates! } });
  const typed = await sqlRows('funnel', 'crm', CRM_FUNNEL);
  assert.deepEqual(typed.map((r) => (r as { count: number }).count), [8800, 8300, 4238]);
  assert.equal((typed[2] as { medianDays: number }).medianDays, 57);
  assertSameRows(typed, js, 'typed');
  assertSameRows(await sqlRows('funnel', 'crm_text', CRM_FUNNEL), js, 'text');
});

test('PostgreSQL: CRM deals (4,238 won of 6,711, revenue 10,005,534) per ISO week and per agent × quarter, and the scorecard, = JS', { skip }, async () => {
  const rows = crmRows();
  for (const o of [
    { ...CRM_DEALS, period: 'week' },
    { ...CRM_DEALS, period: 'quarter', groupCol: 'sales_agent' },
  ] as AggregateOptions[]) {
    const js = jsDeals(rows, o);
    const t = js[0]!;
    assert.deepEqual([t.won, t.closed, t.revenue, t.cycle_days_median], [4238, 6711, 10_005_534, 57]);
    assertSameRows(await sqlRows('deals', 'crm', o), js, `typed ${o.period}`);
    assertSameRows(await sqlRows('deals', 'crm_text', o), js, `text ${o.period}`);
    assertSameRows(await sqlRows('scorecard', 'crm', o), scorecardFromDeals(js), `scorecard ${o.period}`);
  }
});

test('PostgreSQL: CDNOW master 23,570 customers / 8,685 patterns = JS; the fit from the SQL patterns = the per-customer fit', { skip }, async () => {
  const customers = customersAggregate(cdnowRows(), { columns: { customer: 'customer_id', date: 'date', amount: 'amount' }, calibrationEnd: '1997-09-30', unit: 'weeks' });
  const patterns = (await sqlRows('patterns', 'cdnow', CDNOW)) as PatternRow[];
  assert.equal(patterns.length, 8_685);
  assert.equal(patterns.reduce((s, p) => s + p.n, 0), 23_570);
  assertSameRows(patterns, patternsFromCustomers(customers, 'weeks'), 'patterns');
  assertSameRows(await sqlRows('patterns', 'cdnow', { ...CDNOW, bin: 1 }), patternsFromCustomers(customers, 'weeks', 1), 'weekly bins');
  assertSameRows(await sqlRows('customers', 'cdnow', CDNOW), customers, 'customers');
  const perCustomer = fitBgNbd(customers.map((c) => ({ frequency: c.x, recency: c.t_x, T: c.T })));
  const weighted = fitBgNbdWeighted(patterns.map(patternHistory));
  assert.ok(perCustomer.ok && weighted.ok);
  for (const k of ['r', 'alpha', 'a', 'b'] as const) {
    assert.ok(Math.abs(weighted[k] - perCustomer[k]) <= 1e-9 * Math.max(1, Math.abs(perCustomer[k])), `${k}: ${weighted[k]} vs ${perCustomer[k]}`);
  }
});

test('PostgreSQL: the CLI writes the funnel file and reports a missing table and an unreachable server', { skip }, async () => {
  const url = (server as PgServer).url;
  const f = await runAggregate(db, 'funnel', 'crm', CRM_FUNNEL);
  assert.equal(f.source.engine, 'postgres');
  const err: string[] = [];
  const io = { out: { write: () => true }, err: { write: (s: string) => err.push(s) > 0 } } as never;
  assert.equal(await main(['aggregate', 'deals', '--engine', 'postgres', '--url', url, '--input', 'no_such_table', '-q'], io), 1);
  assert.match(err.join(''), /cannot read table no_such_table in PostgreSQL at 127\.0\.0\.1:\d+\/postgres: relation "no_such_table" does not exist/);
  err.length = 0;
  assert.equal(await main(['aggregate', 'deals', '--engine', 'postgres', '--url', 'postgres://nobody@127.0.0.1:1/none', '--input', 'crm', '-q'], io), 1);
  assert.match(err.join(''), /cannot reach PostgreSQL at 127\.0\.0\.1:1\/none: .*ECONNREFUSED/);
});

// --- fast-check ------------------------------------------------------------------------------

const TEXT = (cols: string[]) => Object.fromEntries(cols.map((c) => [c, 'text']));

test('PostgreSQL fast-check: deals, funnels and transactions = JS', { skip }, async () => {
  await fc.assert(
    fc.asyncProperty(dealArb, async ({ rows, period, grouped }) => {
      const o: AggregateOptions = { ...FC_DEALS, period, groupCol: grouped ? 'grp' : undefined };
      await loadPg(admin, 'fc_deals', TEXT(['status', 'amount', 'created', 'closed', 'grp']), rows);
      const js = jsDeals(jsRows(rows), o);
      assertSameRows(await sqlRows('deals', 'fc_deals', o), js, 'deals');
      assertSameRows(await sqlRows('scorecard', 'fc_deals', o), scorecardFromDeals(js), 'scorecard');
    }),
    { numRuns: 20, seed: 1311 },
  );
  await fc.assert(
    fc.asyncProperty(funnelArb, async (rows) => {
      await loadPg(admin, 'fc_funnel', { stage: 'text', value: 'numeric', d1: 'date', d2: 'date', d3: 'date' }, rows);
      const js = funnelAggregate(jsRows(rows), { stages: FC_FUNNEL.stages!, lostValues: FC_FUNNEL.lostValues!, columns: { stage: 'stage', value: 'value', stageDates: FC_FUNNEL.stageDates! } });
      assertSameRows(await sqlRows('funnel', 'fc_funnel', FC_FUNNEL), js, 'funnel');
    }),
    { numRuns: 20, seed: 1312 },
  );
  await fc.assert(
    fc.asyncProperty(txArb, async ({ rows, unit, bin }) => {
      await loadPg(admin, 'fc_tx', TEXT(['customer_id', 'date', 'amount']), rows);
      const o: AggregateOptions = { ...fcTransactions, unit, bin };
      const customers = customersAggregate(jsRows(rows), { columns: { customer: 'customer_id', date: 'date', amount: 'amount' }, calibrationEnd: o.calibrationEnd!, unit });
      assertSameRows(await sqlRows('customers', 'fc_tx', o), customers, 'customers');
      assertSameRows(await sqlRows('patterns', 'fc_tx', o), patternsFromCustomers(customers, unit, bin), 'patterns');
    }),
    { numRuns: 20, seed: 1313 },
  );
});
