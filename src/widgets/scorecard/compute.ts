/**
 * <kpi-scorecard>'s pipeline steps, pure (no lit, no DOM):
 *
 * - `readScorecardConfig`: the `config` option's parse (property or inline data-config JSON)
 *   → a typed configuration, or a `config` KpiError naming the KPI and the field;
 * - `readScorecard`: parsed input → validated deals (with the counts the "accurate" check
 *   needs), and everything compute needs (configuration with `as-of` applied, the group);
 * - `computeScorecard`: deals → the scorecard model (model.ts) and, when grouped, the matrix
 *   (matrix.ts). The arithmetic of each KPI is the catalogue's (metrics.ts → src/kpis).
 */
import { mapRows } from '../../core/data/fields.ts';
import { rowsOf } from '../../core/data/load.ts';
import { KpiError } from '../../core/data/errors.ts';
import { validationError } from '../../core/schema/validation-error.ts';
import type { Deal } from '../../core/schema/records.ts';
import type { Input, Read } from '../../core/element/spec.ts';
import { parseScorecardConfig, type ScorecardConfig } from './config.ts';
import { buildScorecard, type ScorecardModel } from './model.ts';
import { buildMatrix, type MatrixModel } from './matrix.ts';
import { dealMetrics } from './metrics.ts';
import { SCORECARD_FIELDS, toDeals } from './records.ts';
import type { QualityCounts } from './six-a.ts';

export const NO_CONFIG =
  'no scorecard configuration: set the config property or add a <script type="application/json" data-config> child';

/** The `config` option's parse: the typed configuration, or one `config` KpiError (the first issue, and how many more). */
export function readScorecardConfig(raw: unknown): ScorecardConfig {
  const parsed = parseScorecardConfig(raw);
  if (parsed.ok) return parsed.config;
  const first = parsed.issues[0]!;
  throw new KpiError({
    code: 'config',
    message: parsed.issues.length > 1 ? `${first.message} (and ${parsed.issues.length - 1} more)` : first.message,
    issues: parsed.issues.map((i) => ({ path: i.where, message: i.problem })),
  });
}

/** What read hands to compute. */
export interface ScorecardData {
  /** The configuration, with the `as-of` attribute applied. */
  readonly config: ScorecardConfig;
  readonly deals: readonly Deal[];
  /** Group key of each deal (same index), from the group column. */
  readonly groups: readonly (string | undefined)[];
  /** Validation counts, or null when no rows were given (a scorecard of supplied values). */
  readonly quality: QualityCounts | null;
  /** The `group-by` column (or deal field), or null: then no matrix. */
  readonly groupBy: string | null;
}

/** The options read and compute use (a subset of ScorecardOptions, so this module does not import the spec). */
export interface ScorecardReadOptions {
  readonly config: ScorecardConfig | undefined;
  readonly wonValues: readonly string[];
  readonly lostValues: readonly string[];
  readonly asOf: string | undefined;
}

/** Whether any KPI is computed from records (else every value is supplied and no rows are needed). */
export function computesFromRecords(config: ScorecardConfig): boolean {
  return config.kpis.some((k) => k.metric !== undefined);
}

export function readScorecard(input: Input, o: ScorecardReadOptions): Read<ScorecardData> {
  if (o.config === undefined) throw new KpiError({ code: 'config', message: NO_CONFIG });
  const config: ScorecardConfig = o.asOf ? { ...o.config, asOf: o.asOf } : o.config;
  const rows = rowsOf(input.parsed.value);
  if (!rows) throw new KpiError({ code: 'validation', message: 'expected a list of rows (an array, or an object with a "rows" array)' });
  const mapped = mapRows(rows, SCORECARD_FIELDS, input.columns, { decimal: input.decimal, dayOrder: input.dayOrder });
  const deals = toDeals(mapped, {
    wonValues: o.wonValues,
    lostValues: o.lostValues,
    ...(config.knownValues ? { knownValues: config.knownValues } : {}),
    columnName: input.columnName,
  });
  if (computesFromRecords(config) && deals.deals.length === 0 && deals.rejected.length > 0) throw validationError(deals.rejected, deals.total);
  return {
    data: {
      config,
      deals: deals.deals,
      groups: deals.groups,
      quality: rows.length > 0 ? deals.quality : null,
      groupBy: input.mapping['group'] || null,
    },
    rejected: deals.rejected,
    total: deals.total,
  };
}

/** What compute gives: the model, the matrix when grouped, and what the view and `result` need beside. */
export interface ScorecardBuilt {
  readonly model: ScorecardModel;
  readonly matrix: MatrixModel | null;
  readonly config: ScorecardConfig;
  readonly quality: QualityCounts | null;
  readonly dealCount: number;
}

/** The scorecard, and the matrix when `group-by` is set; a configuration the catalogue cannot serve is a `config` error. */
export function computeScorecard(data: ScorecardData, now?: number): ScorecardBuilt {
  const { config, deals } = data;
  const model = buildScorecard({ config, deals, quality: data.quality, metrics: dealMetrics, ...(now !== undefined ? { now } : {}) });
  if (model.problems.length > 0) {
    const issues = model.problems.map((p) => ({ path: `kpis[${p.index}].${p.field} (KPI "${p.kpi}")`, message: p.message }));
    throw new KpiError({ code: 'config', message: `${issues[0]!.path}: ${issues[0]!.message}`, issues });
  }
  let matrix: MatrixModel | null = null;
  if (data.groupBy && computesFromRecords(config)) {
    const groupBy = data.groupBy;
    // A deal field (owner, team, region…) groups by that field; any other name is the group column.
    const byField = Object.hasOwn(SCORECARD_FIELDS, groupBy) && groupBy !== 'group' ? groupBy : null;
    const groupOf = new Map<Deal, string | undefined>();
    deals.forEach((d, i) => groupOf.set(d, byField ? ((d as unknown as Record<string, unknown>)[byField] as string | undefined) : data.groups[i]));
    matrix = buildMatrix({ config, deals, metrics: dealMetrics, groupBy, groupOf: (d) => groupOf.get(d), ...(now !== undefined ? { now } : {}) });
  }
  return { model, matrix, config, quality: data.quality, dealCount: deals.length };
}

/** Nothing to show: no KPI, or only computed KPIs and no deal. */
export function scorecardIsEmpty(b: ScorecardBuilt): boolean {
  return b.config.kpis.length === 0 || (b.config.kpis.every((k) => k.metric !== undefined) && b.dealCount === 0);
}
