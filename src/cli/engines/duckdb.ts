/**
 * The DuckDB engine (`@duckdb/node-api`, an optional peer dependency): in memory, or a database
 * file; reads CSV and Parquet files directly (`read_csv` / `read_parquet`). Result conversion:
 * BIGINT/HUGEINT (BigInt) → number when exact (else an error), DECIMAL → number.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { duckdb as dialect } from '../../sql/dialects.ts';
import { CliError, bigintToNumber, type ColumnInfo, type EngineConnection } from './types.ts';

export interface DuckDbOptions {
  /** Database file (default: in memory). */
  readonly database?: string | undefined;
  readonly threads?: number | undefined;
}

const FILE = /\.(csv|tsv|txt|csv\.gz|tsv\.gz|parquet)$/i;

/** A DuckDB value as plain JS. */
export function duckValue(v: unknown, column: string): unknown {
  if (typeof v === 'bigint') return bigintToNumber(v, column);
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return v.toISOString();
  // DECIMAL and other wrapped values: their text is the exact decimal
  const text = String(v);
  const n = Number(text);
  return Number.isFinite(n) && text.trim() !== '' ? n : text;
}

export async function openDuckDb(options: DuckDbOptions = {}): Promise<EngineConnection> {
  let api: typeof import('@duckdb/node-api');
  try {
    api = await import('@duckdb/node-api');
  } catch {
    throw new CliError('the duckdb engine needs the optional peer dependency @duckdb/node-api: npm install @duckdb/node-api');
  }
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config['threads'] = String(options.threads);
  const instance = await api.DuckDBInstance.create(options.database ?? ':memory:', config);
  const conn = await instance.connect();
  const run = async (sql: string) => {
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(row)) out[k] = duckValue(row[k], k);
      return out;
    });
  };
  const relation = (input: string, text: readonly string[] = []) => {
    if (!FILE.test(input)) return dialect.ident(input);
    const path = dialect.str(resolve(input));
    if (/\.parquet$/i.test(input)) return `read_parquet(${path})`;
    const types = text.length === 0 ? '' : `, types = {${[...new Set(text)].map((c) => `${dialect.str(c)}: 'VARCHAR'`).join(', ')}}`;
    return `read_csv(${path}${types})`;
  };
  return {
    name: 'duckdb',
    dialect,
    relation,
    async columns(input, text) {
      if (FILE.test(input) && !existsSync(input)) throw new CliError(`input file not found: ${input}`);
      try {
        const rows = await run(`DESCRIBE SELECT * FROM ${relation(input, text)}`);
        return rows.map((r): ColumnInfo => ({ name: String(r['column_name']), type: String(r['column_type']).toUpperCase() }));
      } catch (e) {
        throw new CliError(`cannot read ${input} with DuckDB: ${(e as Error).message.split('\n')[0]}`);
      }
    },
    query: run,
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
