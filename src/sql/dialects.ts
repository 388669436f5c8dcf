/**
 * The per-dialect table of `kpi-kit/sql`: the few places where the aggregate templates differ
 * between warehouses. Everything else in the templates is plain SQL every tested dialect runs.
 *
 * | what                  | duckdb                          | postgres                         | clickhouse                  |
 * |-----------------------|---------------------------------|----------------------------------|-----------------------------|
 * | date difference (days)| `date_diff('day', a, b)`        | `(b - a)` on dates               | `dateDiff('day', a, b)`     |
 * | median / percentile   | `quantile_cont(x, p)`           | `percentile_cont(p) WITHIN GROUP`| `quantileExact(p)(x)`*      |
 * | integer division      | `a // b` (`/` is float)         | `div(a, b)` (`/` on ints is int) | `intDiv(a, b)`              |
 * | float division        | `a / b`                         | `a::float8 / b`                  | `a / b`                     |
 * | date truncation       | `date_trunc('month', d)`        | `date_trunc('month', d)::date`   | `toStartOfMonth(d)`         |
 *
 * (*) ClickHouse is listed only where tested; see docs/warehouse.md.
 *
 * Dependency-free: no engine is imported here, only text is built.
 */

export type DialectName = 'duckdb' | 'postgres' | 'clickhouse';
export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface Dialect {
  readonly name: DialectName;
  /** A quoted identifier ("col", or `col` in ClickHouse). A dotted name quotes each part. */
  ident(name: string): string;
  /** A string literal. */
  str(value: string): string;
  /** A date literal from `YYYY-MM-DD`. */
  dateLit(iso: string): string;
  /** An expression read as a date (DATE columns unchanged; ISO text cast; empty text → NULL). */
  asDate(expr: string): string;
  /** An expression read as a double (numeric text cast; empty text → NULL). */
  asDouble(expr: string): string;
  /** An expression as text. */
  asText(expr: string): string;
  /** Whole days from date a to date b (b − a). */
  dateDiffDays(a: string, b: string): string;
  /** Continuous percentile p (0.5 = median) of x over the group, NULLs ignored; NULL on no rows. */
  percentile(x: string, p: number): string;
  /** Integer division of two integers, rounding toward −∞ for non-negative operands. */
  intDiv(a: string, b: string): string;
  /** Floating-point division. */
  floatDiv(a: string, b: string): string;
  /** First day of the grain's bucket containing date d. */
  dateTrunc(grain: Grain, d: string): string;
  /** The kit's bucket label of date d (calendar.ts bucketKey): 2017-03-01, 2017-W09, 2017-03, 2017-Q1, 2017. */
  periodLabel(grain: Grain, d: string): string;
  /** A NULL typed as a double (UNION branches must agree on types in PostgreSQL). */
  readonly nullDouble: string;
  /** Cast of a count to a 64-bit integer. */
  asBigint(expr: string): string;
  /** greatest / least of a list (no NULLs in the list). */
  greatest(list: readonly string[]): string;
  least(list: readonly string[]): string;
}

const quoteWith = (q: string) => (name: string) =>
  name
    .split('.')
    .map((part) => q + part.split(q).join(q + q) + q)
    .join('.');

const sqlString = (value: string) => `'${value.split("'").join("''")}'`;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
function checkIso(iso: string): string {
  if (!ISO_DAY.test(iso)) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  return iso;
}

const num = (p: number) => {
  if (!(p >= 0 && p <= 1)) throw new Error(`percentile must be in [0, 1], got ${p}`);
  return String(p);
};

export const duckdb: Dialect = {
  name: 'duckdb',
  ident: quoteWith('"'),
  str: sqlString,
  dateLit: (iso) => `DATE '${checkIso(iso)}'`,
  asDate: (e) => `TRY_CAST(NULLIF(TRIM(CAST(${e} AS VARCHAR)), '') AS DATE)`,
  asDouble: (e) => `TRY_CAST(NULLIF(TRIM(CAST(${e} AS VARCHAR)), '') AS DOUBLE)`,
  asText: (e) => `CAST(${e} AS VARCHAR)`,
  dateDiffDays: (a, b) => `date_diff('day', ${a}, ${b})`,
  percentile: (x, p) => `quantile_cont(${x}, ${num(p)})`,
  intDiv: (a, b) => `(${a}) // (${b})`,
  floatDiv: (a, b) => `CAST(${a} AS DOUBLE) / (${b})`,
  dateTrunc: (g, d) => `CAST(date_trunc('${g}', ${d}) AS DATE)`,
  periodLabel: (g, d) => {
    switch (g) {
      case 'day': return `strftime(${d}, '%Y-%m-%d')`;
      case 'month': return `strftime(${d}, '%Y-%m')`;
      case 'year': return `strftime(${d}, '%Y')`;
      case 'quarter': return `strftime(${d}, '%Y') || '-Q' || CAST(quarter(${d}) AS VARCHAR)`;
      case 'week': return `CAST(isoyear(${d}) AS VARCHAR) || '-W' || lpad(CAST(week(${d}) AS VARCHAR), 2, '0')`;
    }
  },
  nullDouble: 'CAST(NULL AS DOUBLE PRECISION)',
  asBigint: (e) => `CAST(${e} AS BIGINT)`,
  greatest: (l) => (l.length === 1 ? l[0]! : `greatest(${l.join(', ')})`),
  least: (l) => (l.length === 1 ? l[0]! : `least(${l.join(', ')})`),
};

export const postgres: Dialect = {
  name: 'postgres',
  ident: quoteWith('"'),
  str: sqlString,
  dateLit: (iso) => `DATE '${checkIso(iso)}'`,
  // Only text that looks like a day is cast: a bad value becomes NULL instead of failing the query.
  asDate: (e) => `(CASE WHEN CAST(${e} AS TEXT) ~ '^\\s*\\d{4}-\\d{2}-\\d{2}' THEN CAST(substring(CAST(${e} AS TEXT) from '\\d{4}-\\d{2}-\\d{2}') AS DATE) END)`,
  asDouble: (e) => `(CASE WHEN trim(CAST(${e} AS TEXT)) ~ '^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$' THEN CAST(trim(CAST(${e} AS TEXT)) AS DOUBLE PRECISION) END)`,
  asText: (e) => `CAST(${e} AS TEXT)`,
  dateDiffDays: (a, b) => `(${b} - ${a})`,
  percentile: (x, p) => `percentile_cont(${num(p)}) WITHIN GROUP (ORDER BY ${x})`,
  intDiv: (a, b) => `div(${a}, ${b})`,
  floatDiv: (a, b) => `CAST(${a} AS DOUBLE PRECISION) / (${b})`,
  dateTrunc: (g, d) => `CAST(date_trunc('${g}', ${d}) AS DATE)`,
  periodLabel: (g, d) => {
    switch (g) {
      case 'day': return `to_char(${d}, 'YYYY-MM-DD')`;
      case 'month': return `to_char(${d}, 'YYYY-MM')`;
      case 'year': return `to_char(${d}, 'YYYY')`;
      case 'quarter': return `to_char(${d}, 'YYYY-"Q"Q')`;
      case 'week': return `to_char(${d}, 'IYYY-"W"IW')`;
    }
  },
  nullDouble: 'CAST(NULL AS DOUBLE PRECISION)',
  asBigint: (e) => `CAST(${e} AS BIGINT)`,
  greatest: (l) => (l.length === 1 ? l[0]! : `greatest(${l.join(', ')})`),
  least: (l) => (l.length === 1 ? l[0]! : `least(${l.join(', ')})`),
};

export const clickhouse: Dialect = {
  name: 'clickhouse',
  ident: quoteWith('`'),
  str: (v) => `'${v.split('\\').join('\\\\').split("'").join("\\'")}'`,
  dateLit: (iso) => `toDate('${checkIso(iso)}')`,
  asDate: (e) => `toDateOrNull(toString(${e}))`,
  asDouble: (e) => `toFloat64OrNull(toString(${e}))`,
  asText: (e) => `toString(${e})`,
  dateDiffDays: (a, b) => `dateDiff('day', ${a}, ${b})`,
  percentile: (x, p) => `quantileExact(${num(p)})(${x})`,
  intDiv: (a, b) => `intDiv(${a}, ${b})`,
  floatDiv: (a, b) => `toFloat64(${a}) / (${b})`,
  dateTrunc: (g, d) => {
    switch (g) {
      case 'day': return `toDate(${d})`;
      case 'week': return `toMonday(${d})`;
      case 'month': return `toStartOfMonth(${d})`;
      case 'quarter': return `toStartOfQuarter(${d})`;
      case 'year': return `toStartOfYear(${d})`;
    }
  },
  periodLabel: (g, d) => {
    switch (g) {
      case 'day': return `formatDateTime(${d}, '%Y-%m-%d')`;
      case 'month': return `formatDateTime(${d}, '%Y-%m')`;
      case 'year': return `formatDateTime(${d}, '%Y')`;
      case 'quarter': return `concat(toString(toYear(${d})), '-Q', toString(toQuarter(${d})))`;
      case 'week': return `concat(toString(toISOYear(${d})), '-W', leftPad(toString(toISOWeek(${d})), 2, '0'))`;
    }
  },
  nullDouble: 'CAST(NULL AS Nullable(Float64))',
  asBigint: (e) => `toInt64(${e})`,
  greatest: (l) => l.slice(1).reduce((acc, x) => `greatest(${acc}, ${x})`, l[0]!),
  least: (l) => l.slice(1).reduce((acc, x) => `least(${acc}, ${x})`, l[0]!),
};

export const DIALECTS: Readonly<Record<DialectName, Dialect>> = { duckdb, postgres, clickhouse };

/** Dialects whose SQL is run by the test suite (see docs/warehouse.md). */
export const TESTED_DIALECTS: readonly DialectName[] = ['duckdb', 'postgres'];

export function dialectOf(name: string): Dialect {
  const d = (DIALECTS as Record<string, Dialect | undefined>)[name];
  if (!d || !Object.hasOwn(DIALECTS, name)) throw new Error(`unknown dialect "${name}" (known: ${Object.keys(DIALECTS).join(', ')})`);
  return d;
}
