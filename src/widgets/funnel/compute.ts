/**
 * <kpi-funnel>'s pipeline steps: read the parsed input into validated funnel rows (aggregated
 * stages or one record per lead/deal), then analyse them (kpis/funnel-analysis.ts).
 */
import { z } from '../../core/schema/z.ts';
import { coerce, mapRows, type FieldSpecs } from '../../core/data/fields.ts';
import { rowsOf } from '../../core/data/load.ts';
import { KpiError } from '../../core/data/errors.ts';
import { validateRows } from '../../core/schema/validate.ts';
import { validationError } from '../../core/schema/validation-error.ts';
import type { Input, Read } from '../../core/element/spec.ts';
import { analyseFunnel, type FunnelAnalysis, type FunnelRow } from '../../kpis/funnel-analysis.ts';
import { checkCurrencyAttribute, checkDuplicateColumns, excludedAsRejected, NO_FINDINGS, qualityPass, type QualityReport } from '../../core/data/quality.ts';
import type { FunnelOptions } from './spec.ts';

export interface FunnelData {
  readonly rows: FunnelRow[];
  readonly mode: 'stages' | 'records';
  readonly order?: readonly string[];
  /** What the data-quality pass found (records: duplicate ids, negative / implausible values, currencies). */
  readonly quality: QualityReport;
}

/**
 * Aggregated stages are all or nothing: one bad stage row (a count of "n/a", -5, NaN, an
 * object) is a `validation` error naming the row; the funnel is never rebuilt from the rest
 * (that would relink it: "5 entered B" when A was unreadable).
 */
const ALL_OR_NOTHING = 'stages';

const looksLikeDate = (v: unknown) => typeof v === 'string' && /^\d{4}[-/]\d{1,2}[-/]\d{1,2}|^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(v.trim());

export function readFunnelRows(input: Input, o: FunnelOptions, fields: FieldSpecs): Read<FunnelData> {
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
  const rows = mapRows(raw, fields, columns, { decimal: input.decimal, dayOrder: input.dayOrder });
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

  const canonical = rows.map((out, i) => {
    const src = raw[i] as Record<string, unknown> | null;
    if (dateCols.some((c) => c !== undefined) && src && typeof src === 'object') {
      out['dates'] = dateCols.map((c) => (c === undefined ? undefined : coerce(src[c], 'date', { dayOrder: input.dayOrder })));
    }
    const p = out['period'];
    if (p instanceof Date || looksLikeDate(p)) out['period'] = coerce(p, 'date', { dayOrder: input.dayOrder });
    else if (typeof p === 'number' && p < 10_000) out['period'] = String(p);
    return out;
  });

  const optionalText = z.optional(z.string().check(z.minLength(1)));
  const period = z.optional(z.union([z.string().check(z.minLength(1)), z.number()]));
  const schema =
    mode === 'stages'
      ? z.object({
          stage: z.string({ error: 'expected a stage name' }).check(z.minLength(1)),
          count: z.number().check(z.nonnegative('a stage count cannot be negative'), z.lte(1e12, 'not a plausible count')),
          value: z.optional(z.number()),
          group: optionalText,
          period,
        })
      : z
          .object({
            stage: optionalText,
            lostAt: optionalText,
            value: z.optional(z.number()),
            group: optionalText,
            period,
            dates: z.optional(z.array(z.union([z.number(), z.undefined()], { error: 'expected a date' }))),
            id: optionalText,
            currency: optionalText,
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
  if (order && stageDates.length === 0) {
    // A `stages` attribute naming no stage of the data: say which stages the data has.
    const found = new Map<string, string>();
    for (const r of canonical) if (typeof r['stage'] === 'string') found.set(r['stage'].toLowerCase(), r['stage']);
    if (found.size > 0 && !order.some((s) => found.has(s.toLowerCase()))) {
      const names = [...found.values()].filter((v) => !lostKeys.has(v.toLowerCase()));
      throw new KpiError({ code: 'config', message: `stages: none of ${order.map((s) => `"${s}"`).join(', ')} is in the data; the stages found are ${names.slice(0, 20).join(', ') || 'only lost values'}` });
    }
  }
  checkTargets(o, order, canonical);
  const validated = validateRows(canonical, schema, (k) => (k === 'dates' ? 'stage-dates' : input.columnName(k)));
  if (validated.rejected.length > 0 && (validated.valid.length === 0 || mode === ALL_OR_NOTHING)) throw validationError(validated.rejected, validated.total);
  if (mode === 'stages') {
    return { data: { rows: validated.valid as FunnelRow[], mode, ...(order ? { order } : {}), quality: NO_FINDINGS }, rejected: [], total: validated.total };
  }
  const q = qualityPass(validated.valid as Record<string, unknown>[], validated.validIndex.map((i) => i + 1), {
    id: columns['id'] !== undefined ? 'id' : undefined,
    amount: 'value',
    currency: 'currency',
    ...(input.currency !== undefined ? { pageCurrency: input.currency } : {}),
    currencyExplicit: input.currencyExplicit ?? false,
    columnName: input.columnName,
  });
  const rejected = [...validated.rejected, ...excludedAsRejected(q.report)].sort((a, b) => a.row - b.row);
  if (q.rows.length === 0 && rejected.length > 0) throw validationError(rejected, validated.total);
  return { data: { rows: q.rows as FunnelRow[], mode, ...(order ? { order } : {}), quality: q.report }, rejected, total: validated.total };
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
