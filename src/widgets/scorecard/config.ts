/**
 * The scorecard configuration: which KPIs, against which targets, judged how.
 *
 * Each KPI is either a catalogue metric computed from the records the scorecard is given
 * (`{ metric: 'win-rate', … }`) or a value / time series supplied directly
 * (`{ value: 0.31 }`, `{ series: [{ period: '2017-Q3', value: 0.29 }, …] }`).
 *
 * Thresholds are levels on the *bad* side of the target:
 * - a plain number is relative to the target: `0.9` = 90 % of target (higher-is-better),
 *   `1.1` = 110 % of target (lower-is-better);
 * - `{ absolute: n }` is a level in the KPI's own unit.
 * A value past `warning` is at risk, past `critical` off track. See src/targets/status.ts.
 *
 * Objects are strict (unknown keys are errors, so a typo never passes silently) and records
 * drop `__proto__` keys, so nothing in a config reaches an object prototype.
 */
import { z } from '../../core/schema/z.ts';

export const Period = z.enum(['month', 'quarter', 'year']);
export type Period = z.infer<typeof Period>;

export const Direction = z.enum(['up', 'down']);
export type Direction = z.infer<typeof Direction>;

export const ReviewCadence = z.enum(['daily', 'weekly', 'monthly', 'quarterly', 'yearly']);
export type ReviewCadence = z.infer<typeof ReviewCadence>;

export const KpiUnit = z.enum(['money', 'ratio', 'count', 'days', 'months', 'years', 'number']);
export type KpiUnit = z.infer<typeof KpiUnit>;

/** A label in one language, or per language (`es` falls back to `en`). */
export const Label = z.union([
  z.string().check(z.minLength(1)),
  z.strictObject({ en: z.string().check(z.minLength(1)), es: z.optional(z.string().check(z.minLength(1))) }),
]);
export type Label = z.infer<typeof Label>;

/** Relative factor of the target (a number) or an absolute level. */
export const Threshold = z.union([
  z.number().check(z.positive()),
  z.strictObject({ absolute: z.number() }),
]);
export type Threshold = z.infer<typeof Threshold>;

export const Thresholds = z.strictObject({
  warning: z.optional(Threshold),
  critical: z.optional(Threshold),
});
export type Thresholds = z.infer<typeof Thresholds>;

/** Half-width of a band around the target that counts as on track: relative (0.02 = ±2 %) or absolute. */
export const NeutralBand = z.union([
  z.number().check(z.nonnegative()),
  z.strictObject({ absolute: z.number().check(z.nonnegative()) }),
]);
export type NeutralBand = z.infer<typeof NeutralBand>;

/** `2017`, `2017-Q3`, `2017-09` or an ISO date (`2017-09-30`) that falls in the period. */
export const PeriodKeyString = z
  .string()
  .check(z.regex(/^\d{4}(-Q[1-4]|-\d{2}(-\d{2})?)?$/, 'expected a period like 2017, 2017-Q3, 2017-09 or 2017-09-30'));

export const SeriesPoint = z.strictObject({
  period: PeriodKeyString,
  value: z.nullable(z.number()),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

const SafeKey = z.string().check(z.refine((k) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype', 'reserved key'));
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const NumberFormat = z.strictObject({
  decimals: z.optional(z.number().check(z.int(), z.gte(0), z.lte(6))),
  compact: z.optional(z.boolean()),
  percent: z.optional(z.boolean()),
});
export type NumberFormat = z.infer<typeof NumberFormat>;

export const KpiConfig = z
  .strictObject({
    id: z.string().check(z.regex(/^[A-Za-z0-9_.-]+$/, 'expected letters, digits, "-", "_" or "."')),
    /** Default: the catalogue metric's name (en/es), or the id for a supplied KPI. */
    label: z.optional(Label),
    // Source: a catalogue metric over the records…
    metric: z.optional(z.string().check(z.minLength(1))),
    params: z.optional(z.record(SafeKey, Scalar)),
    /** Only records whose field equals the value (e.g. `{ deal_stage: 'Won' }`). */
    filter: z.optional(z.record(SafeKey, Scalar)),
    // …or supplied directly.
    value: z.optional(z.nullable(z.number())),
    series: z.optional(z.array(SeriesPoint)),
    /** ISO date the supplied value was last refreshed (for the "alive" check). */
    dataAsOf: z.optional(z.iso.date()),

    target: z.number(),
    /** The period the target applies to; default a quarter. */
    targetPeriod: z._default(Period, 'quarter'),
    /** Target per member when the scorecard is grouped (default: `target` for rates, none for totals). */
    groupTarget: z.optional(z.number()),
    direction: z.optional(Direction),
    thresholds: z.optional(Thresholds),
    neutralBand: z.optional(NeutralBand),
    comparison: z.optional(z.enum(['previous-period', 'same-period-last-year'])),
    /** True for totals that build up over the period (revenue, counts): judged by pacing while it runs. */
    accumulates: z.optional(z.boolean()),

    objective: z.optional(z.string().check(z.minLength(1))),
    owner: z.optional(z.string().check(z.minLength(1))),
    nextAction: z.optional(z.string().check(z.minLength(1))),
    reviewCadence: z.optional(ReviewCadence),
    maxDataAgeDays: z.optional(z.number().check(z.positive())),
    kind: z.optional(z.enum(['leading', 'lagging'])),
    unit: z.optional(KpiUnit),
    format: z.optional(NumberFormat),
    /** Rows validation kept / dropped, for a supplied value whose source was checked elsewhere. */
    quality: z.optional(
      z.strictObject({
        valid: z.number().check(z.int(), z.nonnegative()),
        rejected: z.number().check(z.int(), z.nonnegative()),
        reasons: z.optional(z.record(SafeKey, z.number().check(z.int(), z.nonnegative()))),
      }),
    ),
  })
  .check(
    z.superRefine((k, ctx) => {
      const computed = k.metric !== undefined;
      const supplied = k.value !== undefined || k.series !== undefined;
      if (computed && supplied) {
        ctx.addIssue({ code: 'custom', path: ['metric'], message: 'give either "metric" or "value"/"series", not both' });
      } else if (!computed && !supplied) {
        ctx.addIssue({ code: 'custom', path: ['metric'], message: 'missing: give "metric" (computed from records) or "value"/"series" (supplied)' });
      }
      if (!computed && (k.params !== undefined || k.filter !== undefined)) {
        ctx.addIssue({ code: 'custom', path: [k.params !== undefined ? 'params' : 'filter'], message: '"params" and "filter" only apply to a "metric" KPI' });
      }
    }),
  );
export type KpiConfig = z.infer<typeof KpiConfig>;

export const ScorecardConfig = z
  .strictObject({
    title: z.optional(Label),
    kpis: z.array(KpiConfig),
    /** Evaluate as of this date (ISO); default: now. Periods, pacing and data age are measured from it. */
    asOf: z.optional(z.iso.date()),
    /**
     * Reference lists per record field (e.g. `{ product: [...] }` from the product table): rows
     * with a value outside the list are counted as flagged in the "accurate" check.
     */
    knownValues: z.optional(z.record(SafeKey, z.array(z.string()))),
    /** More KPIs than this draws the "sharp" warning (seed 003: a limited number). */
    maxKpis: z.optional(z.number().check(z.int(), z.positive())),
    pacing: z.optional(
      z.strictObject({
        minElapsedShare: z.optional(z.number().check(z.gte(0), z.lte(1))),
        minDays: z.optional(z.number().check(z.int(), z.nonnegative())),
      }),
    ),
    /** Periods of history the "achievable" check looks back over. */
    historyPeriods: z.optional(z.number().check(z.int(), z.gte(1), z.lte(60))),
    /**
     * In a grouped matrix, flag members high on `high` and low on `low` (both KPI ids),
     * e.g. `{ high: 'opened', low: 'win-rate' }`: who opens well but closes badly.
     */
    contrast: z.optional(z.strictObject({ high: z.string().check(z.minLength(1)), low: z.string().check(z.minLength(1)) })),
  })
  .check(
    z.superRefine((c, ctx) => {
      const seen = new Map<string, number>();
      c.kpis.forEach((k, i) => {
        const before = seen.get(k.id);
        if (before !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['kpis', i, 'id'], message: `duplicate id (also kpis[${before}])` });
        } else seen.set(k.id, i);
      });
      if (c.contrast) {
        for (const key of ['high', 'low'] as const) {
          if (!seen.has(c.contrast[key])) {
            ctx.addIssue({ code: 'custom', path: ['contrast', key], message: `no KPI with id "${c.contrast[key]}"` });
          }
        }
      }
    }),
  );
export type ScorecardConfig = z.infer<typeof ScorecardConfig>;

// ---------------------------------------------------------------------------------------
// Readable errors

/** One configuration problem, named by its path and the KPI it belongs to. */
export interface ConfigIssue {
  /** `kpis[2].target` */
  readonly path: string;
  /** The KPI's id (or label) when the issue is inside one. */
  readonly kpi: string | null;
  /** `kpis[2].target (KPI "win-rate")` */
  readonly where: string;
  /** `expected a number, got "abc"` */
  readonly problem: string;
  /** `kpis[2].target (KPI "win-rate"): expected a number, got "abc"` */
  readonly message: string;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: ScorecardConfig }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

type IssueLike = {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
  readonly format?: string;
};

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(config)' : out;
}

function own(obj: unknown, key: PropertyKey): unknown {
  if (obj === null || typeof obj !== 'object') return undefined;
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<PropertyKey, unknown>)[key] : undefined;
}

function at(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const p of path) cur = own(cur, p);
  return cur;
}

/** A short, safe rendering of what the user wrote: `"abc"`, `12`, `null`, `an object`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  return 'an object';
}

const ARTICLE: Record<string, string> = {
  number: 'a number',
  string: 'a text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function kpiName(input: unknown, path: readonly PropertyKey[]): string | null {
  if (path[0] !== 'kpis' || typeof path[1] !== 'number') return null;
  const k = at(input, ['kpis', path[1]]);
  const id = own(k, 'id');
  // A malformed id is the problem itself: name the KPI by its label then.
  if (typeof id === 'string' && /^[A-Za-z0-9_.-]+$/.test(id)) return id;
  const label = own(k, 'label');
  if (typeof label === 'string' && label !== '') return label;
  const en = own(label, 'en');
  if (typeof en === 'string' && en !== '') return en;
  return null;
}

function describeIssue(issue: IssueLike, input: unknown): string {
  const got = at(input, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (got === undefined) return `missing (expected ${ARTICLE[issue.expected ?? ''] ?? issue.expected})`;
      return `expected ${ARTICLE[issue.expected ?? ''] ?? issue.expected}, got ${describeValue(got)}`;
    }
    case 'invalid_value':
      return `expected one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(got)}`;
    case 'unrecognized_keys':
      return `unknown field${(issue.keys?.length ?? 0) > 1 ? 's' : ''} ${(issue.keys ?? []).map((k) => JSON.stringify(k)).join(', ')}`;
    case 'invalid_union':
      if (issue.path[issue.path.length - 1] === 'label') return `expected a text or { en, es }, got ${describeValue(got)}`;
      if (issue.path.includes('thresholds') || issue.path[issue.path.length - 1] === 'neutralBand') {
        return `expected a positive number (share of target) or { absolute: number }, got ${describeValue(got)}`;
      }
      return `not a valid value: ${describeValue(got)}`;
    case 'invalid_format':
      if (issue.format === 'regex') return `${issue.message}, got ${describeValue(got)}`;
      return `expected a date like 2017-12-31, got ${describeValue(got)}`;
    default: {
      // Strip zod's generic "Invalid input: " prefix, keep the specifics.
      const m = issue.message.replace(/^Invalid input:\s*/, '');
      return got !== undefined && issue.code !== 'custom' ? `${m}, got ${describeValue(got)}` : m;
    }
  }
}

/** Turns zod issues into one readable line each, naming the KPI (by id or label) and the field. */
export function formatConfigIssues(issues: readonly IssueLike[], input: unknown): ConfigIssue[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    const kpi = kpiName(input, issue.path);
    const where = kpi === null ? path : `${path} (KPI "${kpi}")`;
    const problem = describeIssue(issue, input);
    return { path, kpi, where, problem, message: `${where}: ${problem}` };
  });
}

/** Validates a configuration: the typed config, or readable issues. Never throws. */
export function parseScorecardConfig(input: unknown): ConfigResult {
  const r = ScorecardConfig.safeParse(input);
  if (r.success) return { ok: true, config: r.data };
  return { ok: false, issues: formatConfigIssues(r.error.issues as unknown as IssueLike[], input) };
}

/** The label in `lang`, falling back to English. */
export function labelText(label: Label | undefined, lang: string): string {
  if (label === undefined) return '';
  if (typeof label === 'string') return label;
  return lang.startsWith('es') ? (label.es ?? label.en) : label.en;
}
