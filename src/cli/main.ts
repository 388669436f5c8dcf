#!/usr/bin/env node
/**
 * `npx kpi-kit`: run an aggregate of issue #13 on a warehouse, or print its SQL.
 *
 *   kpi-kit aggregate <kind> --engine duckdb|postgres|js --input <file or table> --out result.json
 *                            [--threads N] [--url postgres://…] [column mapping flags]
 *   kpi-kit sql --dialect duckdb|postgres|clickhouse <kind> [--input <table>] [column mapping flags]
 *
 * Progress goes to stderr; the result to --out (or stdout). Errors: one line on stderr, exit 1
 * (bad data, unreachable database, empty result) or 2 (bad usage: unknown kind, flag).
 * From source: `node --import tsx src/cli/main.ts …`.
 */
import { parseArgs } from 'node:util';
import { realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dialectOf, TESTED_DIALECTS } from '../sql/dialects.ts';
import { CLI_KINDS, kindOf, parseStageDates, periodOf, runAggregate, runAggregateJs, sqlFor, type AggregateOptions } from './aggregate.ts';
import { CliError, type EngineConnection } from './engines/types.ts';

const USAGE = `kpi-kit: the aggregate step of kpi-kit's KPIs, run in a database (issue #13)

Usage:
  kpi-kit aggregate <kind> --input <file or table> [--engine duckdb|postgres|js] [--out result.json]
                           [--threads N] [--url postgres://user@host:port/db] [--database file.duckdb]
  kpi-kit sql --dialect <${TESTED_DIALECTS.join('|')}|clickhouse> <kind> [--input <table>]

Kinds: ${CLI_KINDS.join(', ')}  (ltv = patterns)

Column mapping (defaults in brackets):
  funnel:             --stages "A,B,C" (required)  --stage-col [stage]  --value-col  --lost "Lost,…"
                      --stage-dates "B:b_date,C:c_date"
  deals, scorecard:   --status-col [status] --amount-col [amount] --created-col [created_date]
                      --closed-col [close_date] --group-col <col> --period day|week|month|quarter|year
  patterns, customers: --customer-col [customer_id] --date-col [date] --amount-col [amount]
                      --calibration-end YYYY-MM-DD [last purchase day] --unit weeks|days [weeks]
                      --bin <width in unit> (patterns)  --score --horizon <units> (customers)
`;

const OPTIONS = {
  engine: { type: 'string' },
  input: { type: 'string' },
  out: { type: 'string' },
  threads: { type: 'string' },
  url: { type: 'string' },
  database: { type: 'string' },
  dialect: { type: 'string' },
  stages: { type: 'string' },
  lost: { type: 'string' },
  'stage-col': { type: 'string' },
  'value-col': { type: 'string' },
  'stage-dates': { type: 'string' },
  'status-col': { type: 'string' },
  'amount-col': { type: 'string' },
  'created-col': { type: 'string' },
  'closed-col': { type: 'string' },
  'group-col': { type: 'string' },
  period: { type: 'string' },
  'customer-col': { type: 'string' },
  'date-col': { type: 'string' },
  'calibration-end': { type: 'string' },
  unit: { type: 'string' },
  bin: { type: 'string' },
  score: { type: 'boolean' },
  horizon: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean));

function positive(name: string, s: string | undefined, integer: boolean): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new CliError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${s}"`, 2);
  return n;
}

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function optionsOf(v: Values): AggregateOptions {
  const unit = v.unit;
  if (unit !== undefined && unit !== 'weeks' && unit !== 'days') throw new CliError(`--unit must be weeks or days, got "${unit}"`, 2);
  const end = v['calibration-end'];
  if (end !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(end)) throw new CliError(`--calibration-end must be YYYY-MM-DD, got "${end}"`, 2);
  return {
    stages: list(v.stages),
    lostValues: list(v.lost),
    stageCol: v['stage-col'],
    valueCol: v['value-col'],
    stageDates: v['stage-dates'] === undefined ? undefined : parseStageDates(v['stage-dates']),
    statusCol: v['status-col'],
    amountCol: v['amount-col'],
    createdCol: v['created-col'],
    closedCol: v['closed-col'],
    groupCol: v['group-col'],
    period: periodOf(v.period),
    customerCol: v['customer-col'],
    dateCol: v['date-col'],
    calibrationEnd: end,
    unit,
    bin: positive('bin', v.bin, false),
    score: v.score,
    horizon: positive('horizon', v.horizon, false),
  };
}

async function openEngine(name: string, v: Values, threads: number | undefined): Promise<EngineConnection> {
  if (name === 'duckdb') {
    const { openDuckDb } = await import('./engines/duckdb.ts');
    return openDuckDb({ database: v.database, threads });
  }
  if (name === 'postgres') {
    const url = v.url ?? process.env['KPI_PG_URL'] ?? process.env['DATABASE_URL'];
    if (!url) throw new CliError('--engine postgres needs --url postgres://user@host:port/db (or KPI_PG_URL / DATABASE_URL)', 2);
    const { openPostgres } = await import('./engines/postgres.ts');
    return openPostgres(url);
  }
  throw new CliError(`unknown engine "${name}" (duckdb, postgres or js)`, 2);
}

export async function main(argv: readonly string[], io = { out: process.stdout, err: process.stderr }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.err.write(`kpi-kit: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const v = parsed.values as Values;
  const [command, kindName, ...extra] = parsed.positionals;
  if (v.help || command === undefined || command === 'help') {
    (command === undefined && !v.help ? io.err : io.out).write(USAGE);
    return command === undefined && !v.help ? 2 : 0;
  }
  const say = (m: string) => {
    if (!v.quiet) io.err.write(`kpi-kit: ${m}\n`);
  };
  let engine: EngineConnection | undefined;
  try {
    if (extra.length > 0) throw new CliError(`unexpected argument "${extra[0]}"`, 2);
    if (command === 'sql') {
      const kind = kindOf(kindName);
      if (!v.dialect) throw new CliError('sql: --dialect is required (duckdb, postgres or clickhouse)', 2);
      const d = (() => {
        try {
          return dialectOf(v.dialect);
        } catch (e) {
          throw new CliError((e as Error).message, 2);
        }
      })();
      if (!TESTED_DIALECTS.includes(d.name)) {
        say(`warning: the ${d.name} SQL is not tested and ClickHouse 18.16 cannot run it (no WITH … AS (subquery), no trim); see docs/warehouse.md`);
      }
      const input = v.input ?? (kind === 'patterns' || kind === 'customers' ? 'transactions' : 'deals');
      io.out.write(sqlFor(kind, d, d.ident(input), optionsOf(v)) + ';\n');
      return 0;
    }
    if (command !== 'aggregate') throw new CliError(`unknown command "${command}" (aggregate or sql)`, 2);
    const kind = kindOf(kindName);
    if (!v.input) throw new CliError('aggregate: --input <file or table> is required', 2);
    const options = optionsOf(v);
    const threads = positive('threads', v.threads, true);
    const engineName = v.engine ?? 'duckdb';
    const t0 = performance.now();
    let file;
    if (engineName === 'js') {
      file = runAggregateJs(kind, v.input, options, say);
    } else {
      say(`${kind} on ${engineName}${threads ? ` (${threads} threads)` : ''}, input ${v.input}`);
      engine = await openEngine(engineName, v, threads);
      // a heartbeat while the query runs: long aggregates show they are alive
      const timer = setInterval(() => say(`… ${((performance.now() - t0) / 1000).toFixed(0)} s`), 5000);
      try {
        file = await runAggregate(engine, kind, v.input, options, say);
      } finally {
        clearInterval(timer);
      }
    }
    const text = JSON.stringify(file) + '\n';
    if (v.out) {
      writeFileSync(v.out, text);
      say(`wrote ${file.rows.length} row(s) to ${v.out} (${text.length} bytes) in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    } else io.out.write(text);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      io.err.write(`kpi-kit: ${e.message}\n`);
      return e.exitCode;
    }
    io.err.write(`kpi-kit: ${(e as Error).message ?? String(e)}\n`);
    return 1;
  } finally {
    await engine?.close();
  }
}

/** True when this module is the program (node dist/cli.js, the npx bin symlink, node --import tsx src/cli/main.ts). */
function isMain(): boolean {
  const self = process.argv[1];
  if (!self) return false;
  try {
    return realpathSync(self) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Run when executed, not when imported by a test.
if (isMain()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
