/**
 * What the CLI needs of a database engine: run a query and return plain JS rows (numbers, not
 * BigInt or numeric strings), describe an input's columns, and turn an input (a file or a table)
 * into a relation the SQL templates read.
 */
import type { Dialect } from '../../sql/dialects.ts';

export interface ColumnInfo {
  readonly name: string;
  /** The engine's type name, upper case (DATE, DOUBLE, VARCHAR, …). */
  readonly type: string;
}

export interface EngineConnection {
  readonly name: 'duckdb' | 'postgres' | 'clickhouse';
  readonly dialect: Dialect;
  /**
   * The relation (SQL text) for an input: a file read by the engine, or a quoted table name.
   * `text`: columns to read as text from a file whatever they look like (ids such as 00001 keep
   * their zeros, as the JS path keeps them).
   */
  relation(input: string, text?: readonly string[]): string;
  /** Columns of an input (an error names the input when it does not exist). */
  columns(input: string, text?: readonly string[]): Promise<ColumnInfo[]>;
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** A failure the CLI reports as is (one line, exit 1), without a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** A BigInt as a number when it is exact, else an error (counts beyond 2^53 do not fit JSON numbers). */
export function bigintToNumber(v: bigint, what = 'value'): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new CliError(`${what} ${v} is beyond 2^53 and cannot be written as an exact JSON number`);
  }
  return Number(v);
}
