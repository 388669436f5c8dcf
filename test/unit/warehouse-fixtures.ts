/**
 * Shared fixtures of the warehouse tests (issue #13): the CRM export and CDNOW as the CLI reads
 * them, the aggregate options for each, a comparison of aggregate rows (integers exact, floats
 * within 1e-9), a throwaway PostgreSQL (scripts/pg-test-server.sh, or KPI_PG_URL) and loaders.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { csvToRecords } from '../../src/core/data/csv.ts';
import type { AggregateOptions } from '../../src/cli/aggregate.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CRM_CSV = join(ROOT, 'data/sales_pipeline.csv');

export const crmRows = (): Record<string, string>[] => csvToRecords(readFileSync(CRM_CSV, 'utf8')).records;

export const CRM_FUNNEL: AggregateOptions = {
  stages: ['Prospecting', 'Engaging', 'Won'],
  lostValues: ['Lost'],
  stageCol: 'deal_stage',
  valueCol: 'close_value',
  stageDates: { Engaging: 'engage_date', Won: 'close_date' },
};
export const CRM_DEALS: AggregateOptions = { statusCol: 'deal_stage', amountCol: 'close_value', createdCol: 'engage_date', closedCol: 'close_date' };

/** CDNOW_master.txt (a header line, then customer, YYYYMMDD, CDs, dollars; whitespace separated) as a CSV with ISO dates. */
let cdnowPath: string | undefined;
export function cdnowCsv(): string {
  if (cdnowPath) return cdnowPath;
  const lines = readFileSync(join(ROOT, 'data/CDNOW_master.txt'), 'utf8').trim().split('\n');
  const out = ['customer_id,date,amount'];
  for (const l of lines) {
    const [id, d, , amount] = l.trim().split(/\s+/);
    if (!/^\d{8}$/.test(d ?? '')) continue; // the header line
    out.push(`${id},${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)},${amount}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'kpi-cdnow-'));
  cdnowPath = join(dir, 'cdnow_master.csv');
  writeFileSync(cdnowPath, out.join('\n') + '\n');
  return cdnowPath;
}
export const cdnowRows = (): Record<string, string>[] => csvToRecords(readFileSync(cdnowCsv(), 'utf8')).records;
export const CDNOW: AggregateOptions = { customerCol: 'customer_id', dateCol: 'date', amountCol: 'amount', calibrationEnd: '1997-09-30', unit: 'weeks' };

/** Integers must be equal, other numbers within 1e-9 (relative to the larger magnitude, at least 1). */
export function close(a: number, b: number): boolean {
  if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Same rows in the same order: strings and nulls equal, integers exact, floats within 1e-9. */
export function assertSameRows(actual: readonly object[], expected: readonly object[], label = ''): void {
  assert.equal(actual.length, expected.length, `${label}: ${actual.length} rows, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as Record<string, unknown>;
    const e = expected[i] as Record<string, unknown>;
    assert.deepEqual(Object.keys(a).sort(), Object.keys(e).sort(), `${label}: row ${i} keys`);
    for (const k of Object.keys(e)) {
      const x = a[k], y = e[k];
      if (typeof x === 'number' && typeof y === 'number') {
        assert.ok(close(x, y), `${label}: row ${i} ${k}: ${x} vs ${y} (row ${JSON.stringify(e)})`);
      } else assert.equal(x, y, `${label}: row ${i} ${k} (row ${JSON.stringify(e)})`);
    }
  }
}

// --- PostgreSQL -----------------------------------------------------------------------------

export interface PgServer {
  readonly url: string;
  stop(): void;
}

/** KPI_PG_URL when set; else a throwaway cluster from scripts/pg-test-server.sh; else the reason to skip. */
export function startPg(): PgServer | { skip: string } {
  const env = process.env['KPI_PG_URL'];
  if (env) return { url: env, stop() {} };
  const hasBinaries = process.env['PG_BIN'] ? existsSync(join(process.env['PG_BIN'], 'initdb')) : (() => {
    try {
      return execFileSync('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/initdb'], { encoding: 'utf8' }).trim() !== '';
    } catch {
      return false;
    }
  })();
  if (!hasBinaries) {
    const where = process.env['PG_BIN'] ? `${process.env['PG_BIN']}/initdb` : '/usr/lib/postgresql/*/bin/initdb';
    return { skip: `no PostgreSQL: KPI_PG_URL is unset and there is no ${where} (apt-get install postgresql)` };
  }
  const out = execFileSync(join(ROOT, 'scripts/pg-test-server.sh'), { encoding: 'utf8' }).trim().split('\n');
  const [url, dir] = [out[0]!, out[1]!];
  return { url, stop: () => execFileSync(join(ROOT, 'scripts/pg-test-server.sh'), ['stop', dir]) };
}

type Client = { query(text: string, values?: unknown[]): Promise<unknown> };

/** Creates `table` (columns name → SQL type) and inserts the rows in batches; '' becomes NULL. */
export async function loadPg(client: Client, table: string, columns: Readonly<Record<string, string>>, rows: readonly Record<string, unknown>[]): Promise<void> {
  const names = Object.keys(columns);
  await client.query(`DROP TABLE IF EXISTS "${table}"`);
  await client.query(`CREATE TABLE "${table}" (${names.map((n) => `"${n}" ${columns[n]}`).join(', ')})`);
  const batch = Math.floor(30_000 / names.length);
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const values: unknown[] = [];
    const tuples = chunk.map((r) => `(${names.map((n) => {
      const v = r[n];
      values.push(v === '' || v === undefined ? null : v);
      return `$${values.length}`;
    }).join(', ')})`);
    await client.query(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

let csvDir: string | undefined;
/** The rows as a CSV file for DuckDB to load (one file, rewritten each call: load it before the next). */
export function csvFile(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  csvDir ??= mkdtempSync(join(tmpdir(), 'kpi-wh-'));
  const path = join(csvDir, 'rows.csv');
  const esc = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
  };
  writeFileSync(path, [columns.join(','), ...rows.map((r) => columns.map((c) => esc(r[c])).join(','))].join('\n') + '\n');
  return path;
}
