/**
 * SQL templates for the aggregate step of issue #13: one function per aggregate kind, each
 * returning one SELECT whose rows are the `rows` of that kind's aggregate file
 * (src/aggregates/shapes.ts), column for column. The definitions are the JS ones
 * (src/aggregates/*.ts, which call src/kpis and src/models); the tests run both on the same
 * fixtures and compare the aggregates.
 *
 * `source` is any relation: a table name (quoted by the caller with `dialect.ident`), or a table
 * function such as DuckDB's `read_csv('deals.csv')`. Column names are quoted here. Options that are
 * values (stage names, dates) are inlined as escaped literals: the result is plain SQL a user can
 * paste into another warehouse (`npx kpi-kit sql --dialect postgres funnel`).
 */
import type { Dialect, Grain } from './dialects.ts';

/** Texts that mean won / lost (the kit's lists, core/deal-status.ts, kept equal by a test). */
export const SQL_WON_VALUES: readonly string[] = ['won', 'closed won', 'closed-won', 'ganada', 'ganado'];
export const SQL_LOST_VALUES: readonly string[] = ['lost', 'closed lost', 'closed-lost', 'disqualified', 'perdido', 'perdida', 'descartado'];

/** The key of a missing group or period (kpis/metric.ts NONE_KEY). */
export const SQL_NONE_KEY = '(none)';

export interface TemplateBase {
  /** The relation to read (already quoted / a table function). */
  readonly source: string;
  /**
   * True when the date columns are DATE and the amounts numeric already (a typed table): the
   * templates then skip the defensive casts of text columns, which costs time on large tables.
   */
  readonly typed?: boolean;
}

// --- funnel ---------------------------------------------------------------------------------

export interface FunnelSqlOptions extends TemplateBase {
  /** Stage order, first to last. */
  readonly stages: readonly string[];
  /** Values of the stage column that mean lost (compared trimmed, lower case). */
  readonly lostValues: readonly string[];
  readonly columns: {
    readonly stage: string;
    readonly value?: string | undefined;
    /** Date column per stage name (stages without one are left out). */
    readonly stageDates?: Readonly<Record<string, string>>;
  };
}

const lowerTrim = (e: string) => `lower(trim(${e}))`;
const inList = (d: Dialect, values: readonly string[]) => values.map((v) => d.str(v.trim().toLowerCase())).join(', ');

/**
 * Stage counts of records that *reached* each stage, the sum of their values and the median days
 * from the previous stage's date to this one's (kpis/funnel-records.ts `reachedCounts`):
 * reached = the named stage or the furthest dated one, whichever is later; a lost record stops at
 * its furthest dated stage but never the last (else the stage before the last).
 */
export function funnelSql(d: Dialect, o: FunnelSqlOptions): string {
  const n = o.stages.length;
  if (n === 0) throw new Error('the funnel needs at least one stage');
  const c = o.columns;
  const stageCol = d.asText(d.ident(c.stage));
  const asDate = (e: string) => (o.typed ? e : d.asDate(e));
  const dateCols = o.stages.map((s) => {
    const col = c.stageDates ? Object.entries(c.stageDates).find(([k]) => k.trim().toLowerCase() === s.trim().toLowerCase())?.[1] : undefined;
    return col === undefined ? null : asDate(d.ident(col));
  });
  const named = `CASE ${lowerTrim(stageCol)} ${o.stages.map((s, i) => `WHEN ${d.str(s.trim().toLowerCase())} THEN ${i}`).join(' ')} ELSE -1 END`;
  const datedParts = dateCols.flatMap((e, i) => (e === null ? [] : [`CASE WHEN ${e} IS NOT NULL THEN ${i} ELSE -1 END`]));
  const dated = datedParts.length === 0 ? '-1' : d.greatest(datedParts);
  const lost = o.lostValues.length === 0 ? 'FALSE' : `(${lowerTrim(stageCol)} IN (${inList(d, o.lostValues)}))`;
  const value = c.value === undefined ? d.nullDouble : o.typed ? d.ident(c.value) : d.asDouble(d.ident(c.value));
  const cols = [
    `${named} AS named_i`,
    `${dated} AS dated_i`,
    `${lost} AS is_lost`,
    `${value} AS v`,
    ...dateCols.map((e, i) => `${e ?? 'NULL'} AS d${i}`),
  ];
  const reach = `CASE WHEN named_i = -1 AND is_lost THEN (CASE WHEN dated_i >= 0 THEN ${d.least(['dated_i', String(Math.max(0, n - 2))])} ELSE ${Math.max(0, n - 2)} END) ELSE ${d.greatest(['named_i', 'dated_i'])} END`;
  const selects = o.stages.map((s, i) => {
    const prev = i > 0 ? dateCols[i - 1] : null;
    const cur = dateCols[i];
    const gap = prev !== null && prev !== undefined && cur !== null ? `CASE WHEN r >= ${i} AND d${i - 1} IS NOT NULL AND d${i} IS NOT NULL THEN ${d.dateDiffDays(`d${i - 1}`, `d${i}`)} END` : null;
    return [
      `SELECT ${i} AS i, ${d.str(s)} AS stage`,
      `${d.asBigint(`SUM(CASE WHEN r >= ${i} THEN 1 ELSE 0 END)`)} AS count`,
      `SUM(CASE WHEN r >= ${i} THEN v END) AS value`,
      gap === null ? `${d.nullDouble} AS "medianDays"` : `${d.percentile(gap, 0.5)} AS "medianDays"`,
      gap === null ? `${d.asBigint('0')} AS "medianDaysN"` : `${d.asBigint(`COUNT(${gap})`)} AS "medianDaysN"`,
    ].join(', ') + ' FROM reached';
  });
  return [
    `WITH base AS (SELECT ${cols.join(', ')} FROM ${o.source}),`,
    `reached AS (SELECT ${reach} AS r, v, ${dateCols.map((_, i) => `d${i}`).join(', ')} FROM base)`,
    `SELECT stage, count, value, "medianDays", "medianDaysN" FROM (`,
    selects.join('\nUNION ALL\n'),
    `) AS stages ORDER BY i`,
  ].join('\n');
}

// --- deals ----------------------------------------------------------------------------------

export interface DealsSqlOptions extends TemplateBase {
  readonly columns: {
    /** Status or stage text: won / lost by the kit's lists (or wonValues / lostValues). */
    readonly status: string;
    readonly amount: string;
    readonly created: string;
    readonly closed: string;
    /** The grouping column, if any. */
    readonly group?: string | undefined;
  };
  /** Close-date bucket of the period column (none: no period breakdown). */
  readonly period?: Grain | null | undefined;
  readonly wonValues?: readonly string[];
  readonly lostValues?: readonly string[];
}

/**
 * Per period × group cell (plus the total, period and group NULL): deals, won, lost, closed,
 * revenue (Σ amount of won deals), revenue_n (won deals with an amount), and the sales cycle
 * (created → close days of won deals, when ≥ 0): sum, count and median. The same definitions as
 * kpis/deal-summary.ts (`dealSummary`): a closed deal counts in its close date's period; a deal
 * without a close date (or group) falls in "(none)".
 */
export function dealsSql(d: Dialect, o: DealsSqlOptions): string {
  const c = o.columns;
  const won = inList(d, o.wonValues ?? SQL_WON_VALUES);
  const lost = inList(d, o.lostValues ?? SQL_LOST_VALUES);
  const st = lowerTrim(d.asText(d.ident(c.status)));
  const asDate = (e: string) => (o.typed ? e : d.asDate(e));
  const amount = o.typed ? d.ident(c.amount) : d.asDouble(d.ident(c.amount));
  const closeD = asDate(d.ident(c.closed));
  const createdD = asDate(d.ident(c.created));
  const none = d.str(SQL_NONE_KEY);
  const period = o.period ? `COALESCE(${d.periodLabel(o.period, 'close_d')}, ${none})` : 'NULL';
  const groupText = c.group === undefined ? null : d.asText(d.ident(c.group));
  const group = groupText === null ? 'NULL' : `COALESCE(NULLIF(g_raw, ''), ${none})`;
  const base = [
    `WITH src AS (SELECT CASE WHEN ${st} IN (${won}) THEN 1 WHEN ${st} IN (${lost}) THEN 2 ELSE 0 END AS s,`,
    `  ${amount} AS amount, ${closeD} AS close_d, ${createdD} AS created_d${groupText === null ? '' : `, ${groupText} AS g_raw`}`,
    `  FROM ${o.source}),`,
    `cells AS (SELECT ${period} AS period, ${group} AS grp, s, amount,`,
    `  CASE WHEN s = 1 AND close_d IS NOT NULL AND created_d IS NOT NULL AND ${d.dateDiffDays('created_d', 'close_d')} >= 0 THEN ${d.dateDiffDays('created_d', 'close_d')} END AS cyc`,
    `  FROM src)`,
  ];
  const agg = [
    `${d.asBigint('COUNT(*)')} AS deals`,
    `${d.asBigint('SUM(CASE WHEN s = 1 THEN 1 ELSE 0 END)')} AS won`,
    `${d.asBigint('SUM(CASE WHEN s = 2 THEN 1 ELSE 0 END)')} AS lost`,
    `${d.asBigint('SUM(CASE WHEN s > 0 THEN 1 ELSE 0 END)')} AS closed`,
    `COALESCE(SUM(CASE WHEN s = 1 THEN amount END), 0) AS revenue`,
    `${d.asBigint('COUNT(CASE WHEN s = 1 THEN amount END)')} AS revenue_n`,
    `COALESCE(SUM(cyc), 0) AS cycle_days_sum`,
    `${d.asBigint('COUNT(cyc)')} AS cycle_days_n`,
    `${d.percentile('cyc', 0.5)} AS cycle_days_median`,
  ].join(', ');
  const byCells = o.period || c.group !== undefined;
  const parts = [`SELECT 0 AS lvl, CAST(NULL AS ${d.name === 'clickhouse' ? 'Nullable(String)' : 'VARCHAR'}) AS period, CAST(NULL AS ${d.name === 'clickhouse' ? 'Nullable(String)' : 'VARCHAR'}) AS grp, ${agg} FROM cells`];
  if (byCells) parts.push(`SELECT 1 AS lvl, period, grp, ${agg} FROM cells GROUP BY period, grp`);
  return [
    ...base,
    `SELECT period, grp AS "group", deals, won, lost, closed, revenue, revenue_n, cycle_days_sum, cycle_days_n, cycle_days_median FROM (`,
    parts.join('\nUNION ALL\n'),
    `) AS t ORDER BY lvl, period, grp`,
  ].join('\n');
}

// --- scorecard ------------------------------------------------------------------------------

/** The catalogue KPIs the scorecard aggregate carries, with their numerator / denominator columns of `deals`. */
export const SCORECARD_KPIS: readonly { readonly kpi: string; readonly numerator: string; readonly denominator: string | null }[] = [
  { kpi: 'revenue', numerator: 'revenue', denominator: null },
  { kpi: 'avg-transaction', numerator: 'revenue', denominator: 'revenue_n' },
  { kpi: 'win-rate', numerator: 'won', denominator: 'closed' },
  { kpi: 'sales-cycle', numerator: 'cycle_days_sum', denominator: 'cycle_days_n' },
];

/** Numerators and denominators per KPI × period × group, over the deals aggregate. */
export function scorecardSql(d: Dialect, o: DealsSqlOptions): string {
  const deals = dealsSql(d, o);
  const dbl = (e: string) => (d.name === 'clickhouse' ? `toFloat64(${e})` : `CAST(${e} AS DOUBLE PRECISION)`);
  const parts = SCORECARD_KPIS.map(
    (k, i) =>
      `SELECT ${i} AS k, ${d.str(k.kpi)} AS kpi, period, "group", ${dbl(k.numerator)} AS numerator, ${k.denominator === null ? dbl('1') : dbl(k.denominator)} AS denominator FROM deals_agg`,
  );
  // the deals SELECT ends in ORDER BY: wrap it as a sub-query
  return [
    `WITH deals_agg AS (SELECT * FROM (\n${deals}\n) AS d0)`,
    `SELECT kpi, period, "group", numerator, denominator FROM (`,
    parts.join('\nUNION ALL\n'),
    `) AS t ORDER BY k, period NULLS FIRST, "group" NULLS FIRST`,
  ].join('\n');
}

// --- customers and patterns -----------------------------------------------------------------

export interface CustomerSqlOptions extends TemplateBase {
  readonly columns: { readonly customer: string; readonly date: string; readonly amount: string };
  /** Last day of calibration, inclusive (YYYY-MM-DD). */
  readonly calibrationEnd: string;
  readonly unit: 'days' | 'weeks';
}

const DAYS_PER: Readonly<Record<'days' | 'weeks', number>> = { days: 1, weeks: 7 };

/**
 * Per customer (models/rfm-summary.ts `summarizeTransactions`): purchases on one day are one
 * transaction; only days up to the calibration end count; x = purchase days − 1; t_x = last − first
 * day; T = calibration end − first day (in the unit); monetary = mean amount of the repeat days.
 * Rows with a missing customer, date or amount are left out (the JS path counts them as skipped).
 */
function customerDaysSql(d: Dialect, o: CustomerSqlOptions): string {
  const c = o.columns;
  const date = o.typed ? d.ident(c.date) : d.asDate(d.ident(c.date));
  const amount = o.typed ? d.ident(c.amount) : d.asDouble(d.ident(c.amount));
  const id = d.asText(d.ident(c.customer));
  const end = d.dateLit(o.calibrationEnd);
  return [
    `WITH tx AS (SELECT ${id} AS id, ${date} AS day, ${amount} AS amount FROM ${o.source}),`,
    `days AS (SELECT id, day, SUM(amount) AS amount FROM tx`,
    `  WHERE id IS NOT NULL AND id <> '' AND day IS NOT NULL AND amount IS NOT NULL AND day <= ${end} GROUP BY id, day),`,
    `firsts AS (SELECT id, MIN(day) AS first_day FROM days GROUP BY id),`,
    `cust AS (SELECT days.id AS id, ${d.asBigint('COUNT(*) - 1')} AS x,`,
    `  ${d.dateDiffDays('MIN(firsts.first_day)', 'MAX(days.day)')} AS tx_days,`,
    `  ${d.dateDiffDays('MIN(firsts.first_day)', end)} AS t_days,`,
    `  SUM(CASE WHEN days.day > firsts.first_day THEN days.amount ELSE 0 END) AS repeat_amount`,
    `  FROM days JOIN firsts ON days.id = firsts.id GROUP BY days.id)`,
  ].join('\n');
}

export function customersSql(d: Dialect, o: CustomerSqlOptions): string {
  const per = DAYS_PER[o.unit];
  const unit = (e: string) => (per === 1 ? d.floatDiv(e, '1') : d.floatDiv(e, String(per)));
  return [
    customerDaysSql(d, o),
    `SELECT id, x, ${unit('tx_days')} AS t_x, ${unit('t_days')} AS "T",`,
    `  CASE WHEN x > 0 THEN ${d.floatDiv('repeat_amount', 'x')} ELSE ${d.floatDiv('0', '1')} END AS monetary`,
    `FROM cust ORDER BY id`,
  ].join('\n');
}

export interface PatternSqlOptions extends CustomerSqlOptions {
  /**
   * Bin width in the unit (e.g. 1 with unit weeks: weekly bins). The bin label is the lower edge
   * (t_x = bin · ⌊t_x / bin⌋); each row carries the exact Σt_x and ΣT of its customers.
   */
  readonly bin?: number | undefined;
}

/** BG/NBD pattern counts: n customers per exact (x, t_x, T), or per bin of t_x and T with the sums. */
export function patternsSql(d: Dialect, o: PatternSqlOptions): string {
  const per = DAYS_PER[o.unit];
  const unit = (e: string) => d.floatDiv(e, String(per));
  if (o.bin === undefined) {
    return [
      customerDaysSql(d, o),
      `SELECT x, ${unit('tx_days')} AS t_x, ${unit('t_days')} AS "T", ${d.asBigint('COUNT(*)')} AS n`,
      `FROM cust GROUP BY x, tx_days, t_days ORDER BY x, tx_days, t_days`,
    ].join('\n');
  }
  const binDays = o.bin * per;
  if (!Number.isInteger(binDays) || binDays <= 0) throw new Error(`bin must be a whole number of days, got ${o.bin} ${o.unit}`);
  return [
    customerDaysSql(d, o) + ',',
    `binned AS (SELECT x, ${d.intDiv('tx_days', String(binDays))} AS bx, ${d.intDiv('t_days', String(binDays))} AS bt, tx_days, t_days FROM cust)`,
    `SELECT x, ${d.floatDiv(`bx * ${binDays}`, String(per))} AS t_x, ${d.floatDiv(`bt * ${binDays}`, String(per))} AS "T", ${d.asBigint('COUNT(*)')} AS n,`,
    `  ${unit('SUM(tx_days)')} AS sum_t_x, ${unit('SUM(t_days)')} AS "sum_T"`,
    `FROM binned GROUP BY x, bx, bt ORDER BY x, bx, bt`,
  ].join('\n');
}
