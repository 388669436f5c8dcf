/**
 * <kpi-scorecard>'s pipeline steps, pure (no lit, no DOM):
 *
 * - `readScorecardConfig`: the `config` option's parse (property or inline data-config JSON)
 *   → a typed configuration, or a `config` KpiError naming the KPI and the field;
 * - `readScorecard`: parsed input → validated deals (with the counts the "accurate" check
 *   needs), and everything compute needs (configuration with `as-of` applied, the group);
 * - `computeScorecard`: deals and the other sources → the scorecard model (model.ts) and, when
 *   grouped, the matrix (matrix.ts). The arithmetic of each KPI is the catalogue's (metrics.ts →
 *   src/kpis); which sources it reads, its metadata's (sources.ts).
 *
 * With `input="aggregates"` the input is pre-aggregated numerators and denominators
 * (aggregates.ts) instead of records.
 */
import { mapRowsSteps } from '../../core/data/fields.ts';
import { rowsOf } from '../../core/data/load.ts';
import { KpiError } from '../../core/data/errors.ts';
import { drainSteps, readProgress } from '../../core/steps.ts';
import { validationError } from '../../core/schema/validation-error.ts';
import type { Deal } from '../../core/schema/records.ts';
import type { RejectedRow } from '../../core/schema/validate.ts';
import type { Input, Progress, Read } from '../../core/element/spec.ts';
import { parseScorecardConfig, type ScorecardConfig } from './config.ts';
import { buildScorecard, type ScorecardModel } from './model.ts';
import { buildMatrix, type MatrixModel } from './matrix.ts';
import { dealMetrics, metricMeta, scorecardMetrics, type MetricLookup } from './metrics.ts';
import { channelFromLeads, mappingOf, NAMED_SOURCES, readSource, type NamedSource, type SourceRows } from './sources.ts';
import { aggregateMetrics, hasGroups, readAggregates, type AggregateData } from './aggregates.ts';
import type { SourceInfo } from './model.ts';
import { SCORECARD_FIELDS, toDealsSteps, type DealsInput } from './records.ts';
import type { QualityCounts } from './six-a.ts';
import { checkCurrencyAttribute, checkDuplicateColumns, excludedAsRejected, QualityPass, type Finding } from '../../core/data/quality.ts';

export const NO_CONFIG =
  'no scorecard configuration: set the config property or config-src, or add a <script type="application/json" data-config> or <table data-config> child';

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
  /** The other sources' validated rows, their quality and span, and which sources came with rows. */
  readonly sources?: Omit<SourceRows, 'deals'>;
  readonly sourceInfo?: Readonly<Record<string, SourceInfo>>;
  /** Default: deals only. */
  readonly given?: readonly string[];
  /** input="aggregates": the pre-aggregated rows (then `deals` is empty). */
  readonly aggregates?: AggregateData | null;
}

/** Rows, left out and total of each source besides deals (in `result`). */
export interface SourceCounts {
  readonly valid: number;
  readonly rejected: number;
  readonly total: number;
}

/** The options read and compute use (a subset of ScorecardOptions, so this module does not import the spec). */
export interface ScorecardReadOptions {
  readonly config: ScorecardConfig | undefined;
  readonly wonValues: readonly string[];
  readonly lostValues: readonly string[];
  readonly asOf: string | undefined;
  /** records (default) or aggregates (pre-aggregated numerators and denominators). */
  readonly input?: 'records' | 'aggregates';
  /** Each named source's field mapping (`leads-fields` …). */
  readonly leadsFields?: readonly (readonly [string, string])[] | undefined;
  readonly costsFields?: readonly (readonly [string, string])[] | undefined;
  readonly transactionsFields?: readonly (readonly [string, string])[] | undefined;
  readonly activitiesFields?: readonly (readonly [string, string])[] | undefined;
}

/** Whether any KPI is computed from records (else every value is supplied and no rows are needed). */
export function computesFromRecords(config: ScorecardConfig): boolean {
  return config.kpis.some((k) => k.metric !== undefined);
}

/** `won-values` and `lost-values` must not share a value: a `config` error naming both attributes. */
export function checkWonLost(won: readonly string[], lost: readonly string[]): void {
  const l = new Set(lost.map((s) => s.trim().toLowerCase()));
  const both = won.filter((w) => l.has(w.trim().toLowerCase()));
  if (both.length > 0) {
    throw new KpiError({ code: 'config', message: `won-values and lost-values both name ${both.map((b) => `"${b}"`).join(', ')}: a stage is won or lost, not both` });
  }
}

/**
 * The data-quality pass over the validated deals (core/data/quality.ts): a repeated
 * opportunity id counts once (later rows excluded); an amount beyond ±1e12 excludes the row;
 * a deal with a negative amount is left out (it is no sale and no win); rows in another
 * currency than `currency` are excluded when the page set it (else mixed currencies are a
 * `validation` error); dates after the as-of date are flagged and kept (the periods already
 * leave them out).
 */
function* dealQuality(input: Input, deals: DealsInput, asOf: number): Generator<Progress, { keep: number[]; report: ReturnType<QualityPass['finish']> }, void> {
  const pass = new QualityPass({
    id: 'id',
    amount: 'amount',
    negative: 'excluded',
    currency: 'currency',
    ...(input.currency !== undefined ? { pageCurrency: input.currency } : {}),
    currencyExplicit: input.currencyExplicit ?? false,
    dates: ['createdDate', 'closeDate'],
    asOf,
    future: 'kept',
    columnName: input.columnName,
  });
  const keep: number[] = [];
  for (let i = 0; i < deals.deals.length; i++) {
    if (i > 0 && i % 16_384 === 0) yield { stage: 'read', done: i, total: deals.deals.length };
    if (pass.check(deals.deals[i] as unknown as Record<string, unknown>, deals.rows[i]!)) keep.push(i);
  }
  return { keep, report: pass.finish() };
}

/** The pre-aggregated input (input="aggregates"): no records, one lookup over the file's rows. */
function readAggregateScorecard(input: Input, config: ScorecardConfig): Read<ScorecardData> {
  const aggregates = readAggregates(input);
  return {
    data: {
      config,
      deals: [],
      groups: [],
      quality: null,
      groupBy: input.mapping['group'] || aggregates.groupBy || (hasGroups(aggregates) ? 'group' : null),
      sources: {},
      sourceInfo: { aggregates: { quality: aggregates.quality, oldest: aggregates.oldest, newest: aggregates.newest } },
      given: ['aggregates'],
      aggregates,
    },
    rejected: aggregates.rejected,
    total: aggregates.total,
  };
}

/** The named sources given besides deals, read with their own field mappings (sources.ts). */
function readNamedSources(input: Input, o: ScorecardReadOptions) {
  const rows: Record<string, readonly unknown[]> = {};
  const info: Record<string, SourceInfo> = {};
  // Rows a named source left out are announced with the deals' own (notice, kpi-warning, result), each naming its source.
  const rejected: RejectedRow[] = [];
  for (const name of NAMED_SOURCES) {
    const s = input.sources?.[name];
    if (!s) continue;
    const r = readSource(name, s, mappingOf(o[`${name}Fields` as const]));
    rows[name] = r.rows;
    info[name] = { quality: r.quality, oldest: r.oldest, newest: r.newest };
    for (const row of r.rejected) rejected.push({ ...row, source: name });
  }
  return { rows: rows as Omit<SourceRows, 'deals'>, info, rejected };
}

export function readScorecard(input: Input, o: ScorecardReadOptions): Read<ScorecardData> {
  return drainSteps(readScorecardSteps(input, o));
}

/**
 * `readScorecard` as steps: it yields every few thousand deals, so a large input read on the
 * main thread (no worker) is drained in slices, never in one long task.
 */
export function* readScorecardSteps(input: Input, o: ScorecardReadOptions): Generator<Progress, Read<ScorecardData>, void> {
  if (o.config === undefined) throw new KpiError({ code: 'config', message: NO_CONFIG });
  checkCurrencyAttribute(input.currency);
  checkWonLost(o.wonValues, o.lostValues);
  const config: ScorecardConfig = o.asOf ? { ...o.config, asOf: o.asOf } : o.config;
  if (o.input === 'aggregates') return readAggregateScorecard(input, config);
  const named = readNamedSources(input, o);
  const rows = rowsOf(input.parsed.value);
  if (!rows) throw new KpiError({ code: 'validation', message: 'expected a list of rows (an array, or an object with a "rows" array)' });
  if (rows.length > 0) checkDuplicateColumns(input.parsed.header ?? Object.keys((rows[0] ?? {}) as object), input.columns);
  const mapped = yield* readProgress(mapRowsSteps(rows, SCORECARD_FIELDS, input.columns, { decimal: input.decimal, dayOrder: input.dayOrder }), rows.length);
  const deals = yield* readProgress(toDealsSteps(mapped, {
    wonValues: o.wonValues,
    lostValues: o.lostValues,
    ...(config.knownValues ? { knownValues: config.knownValues } : {}),
    columnName: input.columnName,
  }), mapped.length);
  const asOf = config.asOf ? Date.parse(`${config.asOf}T23:59:59Z`) : Date.now();
  const { keep, report } = yield* dealQuality(input, deals, asOf);
  const excluded = excludedAsRejected(report);
  const rejected = [...deals.rejected, ...excluded].sort((a, b) => a.row - b.row);
  const kept = keep.map((i) => deals.deals[i]!);
  if (computesFromRecords(config) && kept.length === 0 && rejected.length > 0) throw validationError(rejected, deals.total);
  // The accurate mark: rows left out by the pass count as rejected (with their class as the
  // reason); every finding is listed by class; flagged rows are counted once each.
  const reasons: Record<string, number> = { ...deals.quality.reasons };
  const flagged: Record<string, number> = { ...deals.quality.flagged };
  const examples: Record<string, string> = { ...deals.quality.examples };
  const flaggedSet = new Set(deals.flaggedRows);
  const excludedSet = new Set(excluded.map((r) => r.row));
  for (const f of report.findings) {
    const reason = f.class === 'duplicate' ? 'duplicate' : f.class === 'negative' ? 'negative-amount' : f.class;
    if (f.action === 'excluded') reasons[`${f.field}: ${reason}`] = (reasons[`${f.field}: ${reason}`] ?? 0) + f.rows.length;
    else {
      flagged[reason] = (flagged[reason] ?? 0) + f.rows.length;
      for (const r of f.rows) flaggedSet.add(r);
    }
    if (f.examples?.length && !examples[reason]) examples[reason] = f.examples.slice(0, 3).join(', ');
  }
  for (const r of excludedSet) flaggedSet.delete(r);
  const quality: QualityCounts = {
    valid: kept.length,
    rejected: deals.quality.rejected + excludedSet.size,
    reasons,
    flagged,
    examples,
    flaggedRows: flaggedSet.size,
    findings: report.findings as Finding[],
  };
  const namedGiven = Object.keys(named.rows);
  // Deals take the channel of the lead that became them (when they carry none).
  const withChannel = named.rows.leads ? channelFromLeads(kept, named.rows.leads) : kept;
  return {
    data: {
      config,
      deals: withChannel,
      groups: keep.map((i) => deals.groups[i]),
      quality: rows.length > 0 ? quality : null,
      groupBy: input.mapping['group'] || null,
      sources: named.rows,
      sourceInfo: named.info,
      // Deals count as given when they came with rows, or when they are the only input (an empty deals list is the empty state).
      given: [...(rows.length > 0 || namedGiven.length === 0 ? ['deals'] : []), ...namedGiven],
      aggregates: null,
    },
    rejected: [...rejected, ...named.rejected],
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
  /** Rows of every source (deals, leads, costs…, or aggregate rows): none is the empty state. */
  readonly rowCount: number;
  /** Each source besides deals: its rows, valid and left out. */
  readonly sources: Readonly<Record<string, SourceCounts>>;
}

/** The metrics a scorecard's data can compute: over its sources, or over an aggregate file. */
export function metricsOf(data: ScorecardData): MetricLookup {
  if (data.aggregates) return aggregateMetrics(data.aggregates);
  const given = new Set(data.given ?? ['deals']);
  return given.size === 1 && given.has('deals') ? dealMetrics : scorecardMetrics(given);
}

/** Fields the metrics can group every source by (kpis/metric.ts names, with their aliases). */
const SHARED_DIMENSIONS = new Set(['channel', 'source', 'owner', 'rep', 'team', 'region', 'product', 'campaign', 'account', 'customer']);

/** The scorecard, and the matrix when `group-by` is set; a configuration the catalogue cannot serve is a `config` error. */
export function computeScorecard(data: ScorecardData, now?: number): ScorecardBuilt {
  const { config, deals } = data;
  const metrics = metricsOf(data);
  const more = { sources: data.sources ?? {}, sourceInfo: data.sourceInfo ?? {} };
  const model = buildScorecard({ config, deals, quality: data.quality, metrics, ...more, ...(now !== undefined ? { now } : {}) });
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
    // Several sources (or pre-aggregated groups): every source is grouped by the same field.
    const aggregated = !!data.aggregates;
    const several = aggregated || (data.given ?? []).some((g) => g !== 'deals');
    const dimension = several && (aggregated || SHARED_DIMENSIONS.has(groupBy)) ? groupBy : undefined;
    matrix = buildMatrix({ config, deals, metrics, groupBy, groupOf: (d) => groupOf.get(d), ...more, ...(dimension ? { dimension } : {}), ...(now !== undefined ? { now } : {}) });
  }
  const sources: Record<string, SourceCounts> = {};
  let rowCount = deals.length + (data.aggregates?.rows.length ?? 0);
  for (const [name, info] of Object.entries(more.sourceInfo)) {
    const q = info.quality;
    if (!q) continue;
    sources[name] = { valid: q.valid, rejected: q.rejected, total: q.valid + q.rejected };
    if (name !== 'aggregates') rowCount += q.valid;
  }
  return { model, matrix, config, quality: data.quality, dealCount: deals.length, rowCount, sources };
}

/**
 * A scorecard that came back from the kit's worker (spec.job): each computed KPI's metadata is
 * the catalogue's own object again (its name and formula fill in as message tables load; the
 * worker loads none), and so is a label taken from it. A scorecard built here is returned as it is.
 */
export function reviveScorecard(b: ScorecardBuilt): ScorecardBuilt {
  const own = (id: string) => b.config.kpis.find((k) => k.id === id);
  const kpis = b.model.kpis.map((k) => {
    const meta = k.meta ? metricMeta(k.meta.id) ?? k.meta : null;
    return meta === k.meta ? k : { ...k, meta, label: own(k.id)?.label ?? meta?.name ?? k.label };
  });
  const matrix = b.matrix && {
    ...b.matrix,
    columns: b.matrix.columns.map((c) => {
      const k = own(c.id);
      const meta = k?.metric !== undefined ? metricMeta(k.metric) : undefined;
      return k && k.label === undefined && meta && c.label !== meta.name ? { ...c, label: meta.name } : c;
    }),
  };
  return kpis.every((k, i) => k === b.model.kpis[i]) && (!b.matrix || matrix!.columns.every((c, i) => c === b.matrix!.columns[i]))
    ? b
    : { ...b, model: { ...b.model, kpis }, matrix };
}

/** Nothing to show: no KPI, or only computed KPIs and no deal. */
export function scorecardIsEmpty(b: ScorecardBuilt): boolean {
  return b.config.kpis.length === 0 || (b.config.kpis.every((k) => k.metric !== undefined) && (b.rowCount ?? b.dealCount) === 0);
}
