/**
 * `kpi-kit/sql`: dependency-free SQL templates of the aggregate step (issue #13), one per
 * aggregate kind, for the tested dialects (DuckDB, PostgreSQL; ClickHouse: see docs/warehouse.md),
 * with the small per-dialect table (date differences, percentiles, integer division, date
 * truncation) in dialects.ts. Each template returns one SELECT whose rows are the `rows` of the
 * aggregate file of that kind (kpi-kit's aggregate JSON, version 1).
 *
 * ```ts
 * import { funnelSql, postgres } from 'kpi-kit/sql';
 * const sql = funnelSql(postgres, { source: 'crm.deals', stages: ['Prospecting', 'Engaging', 'Won'], lostValues: ['Lost'],
 *   columns: { stage: 'deal_stage', value: 'close_value', stageDates: { Engaging: 'engage_date', Won: 'close_date' } } });
 * ```
 */
export { DIALECTS, TESTED_DIALECTS, dialectOf, duckdb, postgres, clickhouse, type Dialect, type DialectName, type Grain } from './dialects.ts';
export {
  funnelSql, dealsSql, scorecardSql, customersSql, patternsSql,
  SCORECARD_KPIS, SQL_WON_VALUES, SQL_LOST_VALUES, SQL_NONE_KEY,
  type FunnelSqlOptions, type DealsSqlOptions, type CustomerSqlOptions, type PatternSqlOptions, type TemplateBase,
} from './templates.ts';
