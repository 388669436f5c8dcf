/**
 * <kpi-funnel>'s pipeline steps: read the parsed input into validated funnel rows (aggregated
 * stages or one record per lead/deal), then analyse them (kpis/funnel-analysis.ts).
 */
import { z } from '../../core/schema/z.ts';
import { coerce, mapRowsSteps, type FieldSpecs } from '../../core/data/fields.ts';
import { rowsOf } from '../../core/data/load.ts';
import { KpiError } from '../../core/data/errors.ts';
import { drainSteps, readProgress } from '../../core/steps.ts';
import { validateRowsSteps } from '../../core/schema/validate.ts';
import { validationError } from '../../core/schema/validation-error.ts';
import type { Input, Progress, Read } from '../../core/element/spec.ts';
import { analyseFunnel, type FunnelAnalysis, type FunnelRow } from '../../kpis/funnel-analysis.ts';
import { funnelWhatIfs, type FunnelWhatIf } from '../../kpis/funnel-what-if.ts';
import { pipelineForecast, type PipelineForecast } from '../../kpis/pipeline-forecast.ts';
import { checkCurrencyAttribute, checkDuplicateColumns, excludedAsRejected, NO_FINDINGS, QualityPass, type QualityReport } from '../../core/data/quality.ts';
import type { FunnelOptions } from './spec.ts';

export interface FunnelData {
  readonly rows: FunnelRow[];
  readonly mode: 'stages' | 'records';
  readonly order?: readonly string[];
  /** What the data-quality pass found (records: duplicate ids, negative / implausible values, currencies). */
  readonly quality: QualityReport;
  /** The as-of date (YYYY-MM-DD) dates were checked against (records). */
  readonly asOf?: string;
}

/** The analysis plus what the funnel adds to it: the what-if of every step and the pipeline forecast. */
export interface FunnelExtras {
  /** The what-if of each step (index k − 1 = the step into stage k). */
  readonly whatIf: readonly FunnelWhatIf[];
  /** Records only, when some deals are still open: expected wins by open stage. */
  readonly forecast: PipelineForecast | null;
}

const DAY_MS = 86_400_000;

/**
 * Aggregated stages are all or nothing: one bad stage row (a count of "n/a", -5, NaN, an
 * object) is a `validation` error naming the row; the funnel is never rebuilt from the rest
 * (that would relink it: "5 entered B" when A was unreadable).
 */
const ALL_OR_NOTHING = 'stages';

/**
 * Zod schemas are immutable: the parts that do not depend on the options are built once, on
 * first use, and reused by every read (building and first-parsing a schema cost more than
 * validating six stage rows). The records schema closes over the stages and lost values, so
 * it is still built per read, from these parts.
 */
const buildShared = () => ({
  optionalText: z.optional(z.string().check(z.minLength(1))),
  period: z.optional(z.union([z.string().check(z.minLength(1)), z.number()])),
});
let shared: ReturnType<typeof buildShared> | undefined;
const sharedSchemas = () => (shared ??= buildShared());

/** An aggregated stage row. */
let stagesRow: ReturnType<typeof buildStagesSchema> | undefined;
const buildStagesSchema = () =>
  z.object({
    stage: z.string({ error: 'expected a stage name' }).check(z.minLength(1)),
    count: z.number().check(z.nonnegative('a stage count cannot be negative'), z.lte(1e12, 'not a plausible count')),
    value: z.optional(z.number()),
    group: sharedSchemas().optionalText,
    period: sharedSchemas().period,
  });
const stagesSchema = () => (stagesRow ??= buildStagesSchema());

const looksLikeDate = (v: unknown) => typeof v === 'string' && /^\d{4}[-/]\d{1,2}[-/]\d{1,2}|^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(v.trim());

export function readFunnelRows(input: Input, o: FunnelOptions, fields: FieldSpecs): Read<FunnelData> {
  return drainSteps(readFunnelRowsSteps(input, o, fields));
}

/**
 * `readFunnelRows` as steps: it yields every few thousand rows, so a large input read on the
 * main thread (no worker) is drained in slices, never in one long task.
 */
export function* readFunnelRowsSteps(input: Input, o: FunnelOptions, fields: FieldSpecs): Generator<Progress, Read<FunnelData>, void> {
  const raw = rowsOf(input.parsed.value, 'stages');
  if (!raw) throw new KpiError({ code: 'validation', message: 'expected a list of rows (an array, or an object with a "rows" array)' });
  checkCurrencyAttribute(input.currency);
  // No rows at all: the empty state, as in every widget (not a missing-column error).
  if (raw.length === 0) return { data: { rows: [], mode: o.input === 'records' ? 'records' : 'stages', quality: NO_FINDINGS }, rejected: [], total: 0 };
  const stages = o.stages ?? [];
  const stageDates = o.stageDates ?? [];
  for (const [stage] of stageDates) {
    if (stages.length && !stages.some((s) => s.toLowerCase() === stage.toLowerCase())) {
      throw new KpiError({ code: 'config', message: `stage-dates: "${stage}" is not one of the stages (${stages.join(', ')})` });
    }
  }
  const columns: Record<string, string | undefined> = { ...input.columns, period: o.periodField || undefined };
  const rows = yield* readProgress(mapRowsSteps(raw, fields, columns, { decimal: input.decimal, dayOrder: input.dayOrder }), raw.length);
  const mode = o.input === 'auto' ? (columns['count'] !== undefined ? 'stages' : 'records') : o.input;
  if (columns['stage'] === undefined && stageDates.length === 0) {
    const found = input.parsed.header ?? Object.keys((raw[0] ?? {}) as object);
    throw new KpiError({ code: 'config', message: `no stage column found: map one with stage-field (columns: ${found.slice(0, 12).join(', ') || 'none'})` });
  }
  checkDuplicateColumns(input.parsed.header ?? Object.keys((raw[0] ?? {}) as object), columns);
  const order = stages.length ? stages : undefined;
  if (stageDates.length && !order) throw new KpiError({ code: 'config', message: 'stage-dates needs the stages attribute to know the stage order' });
  const dateCols = order ? order.map((s) => stageDates.find(([k]) => k.toLowerCase() === s.toLowerCase())?.[1]) : [];
  const lostValues = o.lostValues;
  const lostKeys = new Set(lostValues.map((v) => v.toLowerCase()));
  const known = new Set((order ?? []).map((s) => s.toLowerCase()));

  const withDates = dateCols.some((c) => c !== undefined);
  const canonical = rows;
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % 16_384 === 0) yield { stage: 'read', done: i, total: rows.length };
    const out = rows[i]!;
    const src = raw[i] as Record<string, unknown> | null;
    if (withDates && src && typeof src === 'object') {
      out['dates'] = dateCols.map((c) => (c === undefined ? undefined : coerce(src[c], 'date', { dayOrder: input.dayOrder })));
    }
    const p = out['period'];
    if (p instanceof Date || looksLikeDate(p)) out['period'] = coerce(p, 'date', { dayOrder: input.dayOrder });
    else if (typeof p === 'number' && p < 10_000) out['period'] = String(p);
  }

  const schema =
    mode === 'stages'
      ? stagesSchema()
      : z
          .object({
            stage: sharedSchemas().optionalText,
            lostAt: sharedSchemas().optionalText,
            value: z.optional(z.number()),
            group: sharedSchemas().optionalText,
            period: sharedSchemas().period,
            dates: z.optional(z.array(z.union([z.number(), z.undefined()], { error: 'expected a date' }))),
            id: sharedSchemas().optionalText,
            currency: sharedSchemas().optionalText,
          })
          .check(
            z.refine(
              (r) =>
                (r.stage !== undefined && (known.size === 0 || known.has(r.stage.toLowerCase()) || lostKeys.has(r.stage.toLowerCase()))) ||
                (r.dates !== undefined && r.dates.some((d) => d !== undefined)),
              {
                path: ['stage'],
                error: (iss) => {
                  const s = (iss.input as { stage?: unknown }).stage;
                  return s === undefined
                    ? 'no stage and no stage date'
                    : `"${String(s)}" is not a stage (${[...(order ?? [])].join(', ')}) or a lost value (${lostValues.join(', ')})`;
                },
              },
            ),
          );
  if (order) {
    // A `stages` attribute naming no stage of the data: say which stages the data has. With
    // `stage-dates` too: records may be placed by their dates alone, so a stage column holding
    // only lost values is fine, but one naming stages, none of them in `stages`, is not.
    const found = new Map<string, string>();
    for (let i = 0; i < canonical.length; i++) {
      if (i > 0 && i % 65_536 === 0) yield { stage: 'read', done: i, total: canonical.length };
      const s = canonical[i]!['stage'];
      if (typeof s === 'string') found.set(s.toLowerCase(), s);
    }
    const names = [...found.values()].filter((v) => !lostKeys.has(v.toLowerCase()));
    if (found.size > 0 && !order.some((s) => found.has(s.toLowerCase())) && (stageDates.length === 0 || names.length > 0)) {
      throw new KpiError({ code: 'config', message: `stages: none of ${order.map((s) => `"${s}"`).join(', ')} is in the data; the stages found are ${names.slice(0, 20).join(', ') || 'only lost values'}` });
    }
  }
  checkTargets(o, order, canonical);
  const validated = yield* readProgress(validateRowsSteps(canonical, schema, (k) => (k === 'dates' ? 'stage-dates' : input.columnName(k))), canonical.length);
  if (validated.rejected.length > 0 && (validated.valid.length === 0 || mode === ALL_OR_NOTHING)) throw validationError(validated.rejected, validated.total);
  if (mode === 'stages') {
    return { data: { rows: validated.valid as FunnelRow[], mode, ...(order ? { order } : {}), quality: NO_FINDINGS }, rejected: [], total: validated.total };
  }
  const asOf = o.asOf ?? new Date().toISOString().slice(0, 10);
  const q = yield* recordQuality(validated.valid as Record<string, unknown>[], validated.validIndex, {
    id: columns['id'] !== undefined ? 'id' : undefined,
    amount: 'value',
    currency: 'currency',
    ...(input.currency !== undefined ? { pageCurrency: input.currency } : {}),
    currencyExplicit: input.currencyExplicit ?? false,
    columnName: (k) => (k.startsWith('date:') ? k.slice(5) : k === 'period' && o.periodField ? o.periodField : input.columnName(k)),
  }, asOf, order ?? [], dateCols);
  const rejected = [...validated.rejected, ...excludedAsRejected(q.report)].sort((a, b) => a.row - b.row);
  if (q.rows.length === 0 && rejected.length > 0) throw validationError(rejected, validated.total);
  return { data: { rows: q.rows as FunnelRow[], mode, ...(order ? { order } : {}), quality: q.report, asOf }, rejected, total: validated.total };
}

/**
 * The data-quality pass over validated records (core/data/quality.ts: duplicate ids, implausible
 * or negative values, currencies), plus the funnel's date rules, row by row:
 * - future-date: a stage date or a dated period after the as-of date (`as-of`, default today;
 *   + 1 day of time-zone slack) is ignored (the row is kept with its stage name): it neither
 *   places the record at a stage nor moves it into a period that has not happened (a row dated
 *   2099 would otherwise become "the latest period" the funnel shows);
 * - domain: a stage date earlier than an earlier stage's date (close before engage) is out of
 *   stage order: kept and flagged (its median days would be negative).
 */
function* recordQuality(
  valid: Record<string, unknown>[],
  validIndex: readonly number[],
  rules: ConstructorParameters<typeof QualityPass>[0],
  asOf: string,
  order: readonly string[],
  dateCols: readonly (string | undefined)[],
): Generator<Progress, { rows: Record<string, unknown>[]; report: QualityReport }, void> {
  const pass = new QualityPass(rules);
  const limit = Date.parse(`${asOf}T23:59:59Z`) + DAY_MS;
  const future = `after the as-of date ${asOf}: the date is ignored, the row kept`;
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < valid.length; i++) {
    if (i > 0 && i % 16_384 === 0) yield { stage: 'read', done: i, total: valid.length };
    const r = valid[i]!;
    const row = (validIndex[i] ?? i) + 1;
    if (!pass.check(r, row)) continue;
    const dates = r['dates'] as (number | undefined)[] | undefined;
    if (dates) {
      const kept = dates.slice();
      dates.forEach((t, k) => {
        if (t !== undefined && t > limit) {
          pass.add('future-date', `date:${dateCols[k] ?? order[k] ?? k}`, 'value-ignored', future, [row], [day(t)]);
          kept[k] = undefined;
        }
      });
      // Out of stage order: a date before the latest date of an earlier stage.
      let latest = -Infinity;
      kept.forEach((t, k) => {
        if (t === undefined) return;
        if (t < latest) pass.add('domain', `date:${dateCols[k] ?? order[k] ?? k}`, 'kept', 'earlier than the date of an earlier stage: out of stage order', [row], [day(t)]);
        latest = Math.max(latest, t);
      });
      r['dates'] = kept;
    }
    const p = r['period'];
    if (typeof p === 'number' && p >= 10_000 && p > limit) {
      pass.add('future-date', 'period', 'value-ignored', future, [row], [day(p)]);
      delete r['period'];
    }
    rows.push(r);
  }
  return { rows, report: pass.finish() };
}

/** Targets by stage must name a stage (of the `stages` attribute, else of the data). */
function checkTargets(o: FunnelOptions, order: readonly string[] | undefined, rows: readonly Record<string, unknown>[]): void {
  const t = o.targets;
  if (!t || Array.isArray(t)) return;
  const known = order ? [...order] : [...new Set(rows.map((r) => r['stage']).filter((s): s is string => typeof s === 'string'))];
  const keys = new Set(known.map((s) => s.toLowerCase()));
  const unknown = Object.keys(t).filter((k) => !keys.has(k.toLowerCase()));
  if (unknown.length > 0) {
    throw new KpiError({ code: 'config', message: `targets: ${unknown.map((k) => `"${k}"`).join(', ')} is not a stage (the stages are ${known.slice(0, 20).join(', ')})` });
  }
}

/** The what-if of every step of the current funnel, and the pipeline forecast over every record. */
export function computeFunnelExtras(data: FunnelData, analysis: FunnelAnalysis, o: FunnelOptions): FunnelExtras {
  const whatIf = analysis.current.steps.length >= 2 ? funnelWhatIfs(analysis.current.steps) : [];
  if (data.mode !== 'records' || analysis.stages.length < 2) return { whatIf, forecast: null };
  const forecast = pipelineForecast(data.rows, { stages: analysis.stages, lostValues: o.lostValues });
  return { whatIf, forecast: forecast.open > 0 ? forecast : null };
}

export function computeFunnelAnalysis(data: FunnelData, o: FunnelOptions): FunnelAnalysis {
  return analyseFunnel(data.rows, {
    ...(data.order ? { stages: data.order } : {}),
    lostValues: o.lostValues,
    ...(o.targets ? { targets: o.targets } : {}),
    input: data.mode,
    grain: o.periodGrain,
    ...(o.period ? { period: o.period } : {}),
    ...(o.compare ? { compare: o.compare } : {}),
    maxGroups: o.maxGroups,
  });
}
