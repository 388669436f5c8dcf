/**
 * The `kpi-kit` CLI (issue #13): aggregate files written by --engine duckdb and --engine js agree,
 * `sql` prints each dialect's SQL, and bad input ends with one clear line and a non-zero exit:
 * an unknown kind, a missing column (named, with the columns found), an empty result, an
 * unreachable database. Plus the aggregate file shapes (src/aggregates/shapes.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { parseAggregate, parseAggregateOf, patternHistory, aggregateFile } from '../../src/aggregates/shapes.ts';
import { funnelSql, dealsSql, patternsSql, duckdb, postgres, clickhouse, dialectOf, TESTED_DIALECTS } from '../../src/sql/index.ts';
import { assertSameRows, CRM_CSV, ROOT, cdnowCsv } from './warehouse-fixtures.ts';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const io = { out: { write: (s: string) => ((out += s), true) }, err: { write: (s: string) => ((err += s), true) } } as never;
  const code = await main(args, io);
  return { code, out, err };
}

const FUNNEL = ['--stages', 'Prospecting,Engaging,Won', '--lost', 'Lost', '--stage-col', 'deal_stage', '--value-col', 'close_value', '--stage-dates', 'Engaging:engage_date,Won:close_date'];
const DEALS = ['--status-col', 'deal_stage', '--amount-col', 'close_value', '--created-col', 'engage_date', '--closed-col', 'close_date'];
const dir = mkdtempSync(join(tmpdir(), 'kpi-cli-'));

test('aggregate funnel --engine duckdb writes a valid file with progress on stderr; --engine js writes the same rows', async () => {
  const out = join(dir, 'funnel.json');
  const r = await run(['aggregate', 'funnel', '--engine', 'duckdb', '--threads', '2', '--input', CRM_CSV, '--out', out, ...FUNNEL]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /kpi-kit: funnel on duckdb \(2 threads\)/);
  assert.match(r.err, /wrote 3 row\(s\) to .*funnel\.json/);
  const f = parseAggregateOf('funnel', JSON.parse(readFileSync(out, 'utf8')));
  assert.ok(f.ok, f.ok ? '' : f.error);
  assert.deepEqual(f.value.rows.map((x) => [x.stage, x.count]), [['Prospecting', 8800], ['Engaging', 8300], ['Won', 4238]]);
  const js = await run(['aggregate', 'funnel', '--engine', 'js', '--input', CRM_CSV, '-q', ...FUNNEL]);
  assert.equal(js.code, 0, js.err);
  assert.equal(js.err, '');
  const jf = JSON.parse(js.out);
  assert.equal(jf.source.engine, 'js');
  assertSameRows(jf.rows, f.value.rows, 'js vs duckdb');
});

test('aggregate deals / scorecard by quarter: duckdb = js', async () => {
  for (const kind of ['deals', 'scorecard']) {
    const a = await run(['aggregate', kind, '--input', CRM_CSV, '--period', 'quarter', '--group-col', 'sales_agent', '-q', ...DEALS]);
    const b = await run(['aggregate', kind, '--engine', 'js', '--input', CRM_CSV, '--period', 'quarter', '--group-col', 'sales_agent', '-q', ...DEALS]);
    assert.equal(a.code + b.code, 0, a.err + b.err);
    const fa = parseAggregate(JSON.parse(a.out));
    assert.ok(fa.ok && fa.value.kind === kind);
    assertSameRows(JSON.parse(a.out).rows, JSON.parse(b.out).rows, kind);
  }
});

test('aggregate ltv (= patterns) and customers --score on CDNOW', async () => {
  const a = await run(['aggregate', 'ltv', '--input', cdnowCsv(), '--calibration-end', '1997-09-30', '-q']);
  assert.equal(a.code, 0, a.err);
  const f = JSON.parse(a.out);
  assert.equal(f.kind, 'patterns');
  assert.equal(f.rows.length, 8685);
  const c = await run(['aggregate', 'customers', '--input', cdnowCsv(), '--calibration-end', '1997-09-30', '--score', '--horizon', '39', '-q']);
  assert.equal(c.code, 0, c.err);
  const cf = JSON.parse(c.out);
  assert.equal(cf.rows.length, 23570);
  // customer 00003 (the raw file): purchases 1997-01-02, 03-30, 04-02 (then after the end): x = 2,
  // t_x = 90 days, T = 271 days, monetary = (20.76 + 19.54) / 2; the id keeps its zeros
  const c3 = cf.rows.find((r: { id: string }) => r.id === '00003');
  assert.deepEqual([c3.x, c3.t_x * 7, c3.T * 7], [2, 90, 271]);
  assert.ok(Math.abs(c3.monetary - 20.15) < 1e-9);
  assert.ok(c3.p_alive > 0 && c3.p_alive <= 1 && c3.expected > 0);
  // customer 00002 bought twice on one day: one transaction, x = 0, so alive with probability 1
  const c2 = cf.rows.find((r: { id: string }) => r.id === '00002');
  assert.deepEqual([c2.x, c2.p_alive], [0, 1]);
  assert.ok(cf.params.fit.r > 0 && cf.params.horizon === 39);
});

test('bad input: unknown kind (exit 2), missing column named with the columns found, empty result, missing file', async () => {
  let r = await run(['aggregate', 'churn-magic', '--input', CRM_CSV]);
  assert.equal(r.code, 2);
  assert.equal(r.err.trim(), 'kpi-kit: unknown kind "churn-magic" (one of funnel, deals, scorecard, patterns, customers, ltv)');
  r = await run(['aggregate', 'deals', '--input', CRM_CSV, '-q', ...DEALS.slice(0, 6), '--closed-col', 'closing_day']);
  assert.equal(r.code, 1);
  assert.equal(
    r.err.trim(),
    `kpi-kit: missing column "closing_day" in ${CRM_CSV} (set it with --closed-col); columns found: opportunity_id, sales_agent, product, account, deal_stage, engage_date, close_date, close_value`,
  );
  r = await run(['aggregate', 'funnel', '--input', CRM_CSV, '-q', '--stage-col', 'deal_stage', '--stages', 'Lead,Demo', '--lost', 'Gone']);
  assert.equal(r.code, 1);
  assert.match(r.err, /^kpi-kit: empty result: no row of .* names one of the stages Lead, Demo \(column "deal_stage"\) or has a stage date\n$/);
  r = await run(['aggregate', 'funnel', '--input', join(dir, 'nope.csv'), '--stages', 'A', '-q']);
  assert.equal(r.code, 1);
  assert.match(r.err, /input file not found: .*nope\.csv/);
  r = await run(['aggregate', 'deals', '--engine', 'postgres', '--url', 'postgres://x@127.0.0.1:1/db', '--input', 't', '-q']);
  assert.equal(r.code, 1);
  assert.match(r.err, /^kpi-kit: cannot reach PostgreSQL at 127\.0\.0\.1:1\/db: /);
  r = await run(['aggregate', 'deals', '--input', CRM_CSV, '--period', 'fortnight']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--period must be one of day, week, month, quarter, year/);
});

test('sql --dialect prints SQL for a kind; unknown dialects and kinds are refused', async () => {
  const r = await run(['sql', '--dialect', 'postgres', 'funnel', '--input', 'crm.deals', ...FUNNEL]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /FROM "crm"\."deals"/);
  assert.match(r.out, /percentile_cont\(0\.5\) WITHIN GROUP \(ORDER BY/);
  const d = await run(['sql', '--dialect', 'duckdb', 'patterns', '--calibration-end', '1997-09-30', '--bin', '1']);
  assert.match(d.out, /\(tx_days\) \/\/ \(7\)/);
  assert.match(d.out, /FROM "transactions"/);
  const bad = await run(['sql', '--dialect', 'oracle', 'funnel']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown dialect "oracle"/);
  // ClickHouse: SQL printed, with the warning that it is untested (docs/warehouse.md says why)
  const ch = await run(['sql', '--dialect', 'clickhouse', 'deals']);
  assert.equal(ch.code, 0);
  assert.match(ch.out, /FROM `deals`/);
  assert.match(ch.err, /warning: the clickhouse SQL is not tested and ClickHouse 18\.16 cannot run it/);
  const noEnd = await run(['sql', '--dialect', 'duckdb', 'patterns']);
  assert.equal(noEnd.code, 2);
  assert.match(noEnd.err, /--calibration-end YYYY-MM-DD is required/);
});

test('the dialect table: date difference, percentile, integer division, truncation, labels', () => {
  assert.deepEqual(TESTED_DIALECTS, ['duckdb', 'postgres']);
  assert.equal(duckdb.intDiv('a', 'b'), '(a) // (b)');
  assert.equal(postgres.intDiv('a', 'b'), 'div(a, b)');
  assert.equal(clickhouse.intDiv('a', 'b'), 'intDiv(a, b)');
  assert.equal(postgres.dateDiffDays('a', 'b'), '(b - a)');
  assert.equal(duckdb.percentile('x', 0.9), 'quantile_cont(x, 0.9)');
  assert.equal(postgres.dateTrunc('month', 'd'), "CAST(date_trunc('month', d) AS DATE)");
  assert.equal(postgres.ident('a"b.c'), '"a""b"."c"');
  assert.equal(postgres.str("O'Brien"), "'O''Brien'");
  assert.throws(() => dialectOf('__proto__'), /unknown dialect/);
  assert.throws(() => postgres.dateLit('1997-9-30'), /not a YYYY-MM-DD date/);
  // a stage name with a quote is a literal, never SQL
  assert.match(funnelSql(postgres, { source: 't', stages: ["Won't"], lostValues: [], columns: { stage: 's' } }), /'won''t'/);
  assert.match(dealsSql(duckdb, { source: 't', period: 'week', columns: { status: 's', amount: 'a', created: 'c', closed: 'd' } }), /isoyear\(close_d\)/);
  assert.throws(() => patternsSql(duckdb, { source: 't', unit: 'weeks', bin: 0.5, calibrationEnd: '2020-01-01', columns: { customer: 'c', date: 'd', amount: 'a' } }), /whole number of days/);
});

test('aggregate files: the envelope is checked, a file of another kind is named, binned patterns give the bin means', () => {
  const f = aggregateFile('patterns', { engine: 'duckdb', input: 'tx.parquet' }, { unit: 'weeks', calibrationEnd: '1997-09-30', bin: 1 }, [{ x: 2, t_x: 3, T: 30, n: 4, sum_t_x: 13, sum_T: 122 }], '2026-11-25T00:00:00.000Z');
  assert.deepEqual(parseAggregateOf('patterns', f), { ok: true, value: f });
  assert.deepEqual(parseAggregateOf('funnel', f), { ok: false, error: 'expected an aggregate of kind "funnel", got "patterns"' });
  const bad = parseAggregate({ ...f, version: 2 });
  assert.equal(bad.ok, false);
  const neg = parseAggregateOf('patterns', { ...f, rows: [{ x: -1, t_x: 0, T: 1, n: 1 }] });
  assert.ok(!neg.ok && /rows\.0\.x/.test(neg.error));
  assert.deepEqual(patternHistory(f.rows[0]!), { frequency: 2, recency: 13 / 4, T: 122 / 4, n: 4 });
  assert.deepEqual(patternHistory({ x: 0, t_x: 0, T: 5, n: 2 }), { frequency: 0, recency: 0, T: 5, n: 2 });
});

test('the CLI runs from source as a program: node --import tsx src/cli/main.ts', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'aggregate', 'nonsense', '--input', 'x'], { encoding: 'utf8', cwd: ROOT });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown kind "nonsense"/);
});
