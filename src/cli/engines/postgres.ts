/**
 * The PostgreSQL engine (`pg`, an optional peer dependency). Result conversion per connection (no
 * global type parser is changed): int8 (COUNT, SUM of integers) → number when exact, else an
 * error; numeric → number; float8 as is.
 */
import { CliError, bigintToNumber, type ColumnInfo, type EngineConnection } from './types.ts';
import { postgres as dialect } from '../../sql/dialects.ts';

const INT8 = 20, NUMERIC = 1700;
/** Type names of the OIDs the CLI looks at (columns()). */
const TYPE_NAMES: Readonly<Record<number, string>> = {
  16: 'BOOLEAN', 20: 'BIGINT', 21: 'SMALLINT', 23: 'INTEGER', 25: 'TEXT', 700: 'REAL', 701: 'DOUBLE', 1043: 'VARCHAR',
  1082: 'DATE', 1114: 'TIMESTAMP', 1184: 'TIMESTAMPTZ', 1700: 'NUMERIC',
};

export function pgNumber(text: string, oid: number): number {
  if (oid === INT8) return bigintToNumber(BigInt(text), 'int8');
  const n = Number(text);
  if (!Number.isFinite(n)) throw new CliError(`numeric value ${text} is not a finite number`);
  return n;
}

/** Host and port of a connection URL, for error messages (never the password). */
function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the given URL';
  }
}

export async function openPostgres(url: string): Promise<EngineConnection> {
  let pg: typeof import('pg');
  try {
    pg = (await import('pg')).default as unknown as typeof import('pg');
  } catch {
    throw new CliError('the postgres engine needs the optional peer dependency pg: npm install pg');
  }
  const types = {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === INT8 || oid === NUMERIC) return (text: string) => pgNumber(text, oid);
      return pg.types.getTypeParser(oid, format as 'text');
    }) as typeof pg.types.getTypeParser,
  };
  const client = new pg.Client({ connectionString: url, types, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    throw new CliError(`cannot reach PostgreSQL at ${where(url)}: ${(e as Error).message}`);
  }
  const relation = (input: string) => dialect.ident(input);
  return {
    name: 'postgres',
    dialect,
    relation,
    async columns(input) {
      try {
        const r = await client.query(`SELECT * FROM ${relation(input)} LIMIT 0`);
        return r.fields.map((f): ColumnInfo => ({ name: f.name, type: TYPE_NAMES[f.dataTypeID] ?? `OID ${f.dataTypeID}` }));
      } catch (e) {
        throw new CliError(`cannot read table ${input} in PostgreSQL at ${where(url)}: ${(e as Error).message}`);
      }
    },
    async query(sql) {
      const r = await client.query(sql);
      return r.rows as Record<string, unknown>[];
    },
    async close() {
      await client.end();
    },
  };
}
