/**
 * The versioned aggregate files of issue #13 (/work/notes/aggregates.md): what the JS path
 * (src/aggregates/*.ts) and the SQL path (src/sql/, run by the CLI) both produce, and what the
 * widgets read. Every file is
 *
 * ```json
 * { "kpiKit": "aggregate", "version": 1, "kind": "funnel", "generatedAt": "2026-11-25T20:30:00.000Z",
 *   "source": { "engine": "duckdb", "input": "data/sales_pipeline.csv" },
 *   "params": { "stages": ["Prospecting", "Engaging", "Won"] },
 *   "rows": [{ "stage": "Prospecting", "count": 8800, "value": 10005534 }, …] }
 * ```
 *
 * Pure: no DOM, no node-only import. `parseAggregate(json)` validates any kind;
 * `parseAggregateOf('patterns', json)` one kind (a file of another kind is an error that names both).
 */
import { z } from '../core/schema/z.ts';

export const AGGREGATE_VERSION = 1 as const;

export const AGGREGATE_KINDS = ['funnel', 'deals', 'scorecard', 'patterns', 'customers'] as const;
export type AggregateKind = (typeof AGGREGATE_KINDS)[number];

export const ENGINES = ['js', 'duckdb', 'postgres', 'clickhouse'] as const;
export type Engine = (typeof ENGINES)[number];

const finite = z.number().check(z.refine((v) => Number.isFinite(v), 'must be a finite number'));
const count = z.int().check(z.gte(0));
const nonNegative = finite.check(z.gte(0));

export const AggregateSource = z.object({
  engine: z.enum(ENGINES),
  /** The file or table the aggregate was computed from. */
  input: z.string(),
});
export type AggregateSource = z.infer<typeof AggregateSource>;

// --- rows per kind --------------------------------------------------------------------------

/** count = records that reached the stage; value = Σ value of those records (null: no value column). */
export const FunnelRow = z.object({
  stage: z.string(),
  count,
  value: z.optional(z.nullable(finite)),
  /** Median days from the previous stage to this one (null where no record has both dates). */
  medianDays: z.optional(z.nullable(finite)),
  /** How many records had both dates (the median's row count). */
  medianDaysN: z.optional(count),
});
export type FunnelRow = z.infer<typeof FunnelRow>;

/** One period × group cell of the deal aggregates. `period`/`group` null: over all. */
export const DealsRow = z.object({
  period: z.nullable(z.string()),
  group: z.nullable(z.string()),
  /** Rows in the cell. */
  deals: count,
  won: count,
  lost: count,
  /** won + lost. */
  closed: count,
  /** Σ amount of the won deals. */
  revenue: finite,
  /** Won deals with an amount (the denominator of the average deal size). */
  revenue_n: count,
  /** Σ (close − created) days of the won deals with both dates. */
  cycle_days_sum: finite,
  cycle_days_n: count,
  /** Median of those days (null when cycle_days_n is 0). Medians do not add across cells. */
  cycle_days_median: z.nullable(finite),
});
export type DealsRow = z.infer<typeof DealsRow>;

/** value = numerator ÷ denominator (denominator 1 for plain sums). `group` null or "" for the total. */
export const ScorecardRow = z.object({
  kpi: z.string(),
  period: z.nullable(z.string()),
  group: z.nullable(z.string()),
  numerator: finite,
  denominator: finite,
});
export type ScorecardRow = z.infer<typeof ScorecardRow>;

/**
 * n customers share exactly (x, t_x, T) (t_x, T in params.unit). Binned files carry the exact
 * totals Σt_x and ΣT of the bin's customers: the fit then uses the bin means sum_t_x ÷ n, sum_T ÷ n.
 */
export const PatternRow = z.object({
  x: count,
  t_x: nonNegative,
  T: nonNegative,
  n: finite.check(z.gt(0)),
  sum_t_x: z.optional(nonNegative),
  sum_T: z.optional(nonNegative),
});
export type PatternRow = z.infer<typeof PatternRow>;

export const CustomerRow = z.object({
  id: z.string(),
  x: count,
  t_x: nonNegative,
  T: nonNegative,
  /** Mean amount of the repeat purchase days (0 without one). */
  monetary: finite,
  p_alive: z.optional(z.nullable(finite)),
  expected: z.optional(z.nullable(finite)),
  clv: z.optional(z.nullable(finite)),
});
export type CustomerRow = z.infer<typeof CustomerRow>;

// --- params per kind ------------------------------------------------------------------------

export const FunnelParams = z.object({
  stages: z.array(z.string()),
  lostValues: z.optional(z.array(z.string())),
});
export type FunnelParams = z.infer<typeof FunnelParams>;

export const PERIOD_GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

export const DealsParams = z.object({
  /** Bucket of the close date (null/absent: no period breakdown). */
  period: z.optional(z.nullable(z.enum(PERIOD_GRAINS))),
  /** The grouped field (null/absent: total only). */
  groupBy: z.optional(z.nullable(z.string())),
});
export type DealsParams = z.infer<typeof DealsParams>;

export const ScorecardParams = DealsParams;
export type ScorecardParams = DealsParams;

export const TIME_UNITS = ['days', 'weeks'] as const;
export const PatternsParams = z.object({
  unit: z.enum(TIME_UNITS),
  /** Last day of calibration, inclusive (YYYY-MM-DD). */
  calibrationEnd: z.string(),
  asOf: z.optional(z.string()),
  /** Bin width in `unit` for t_x and T (absent: exact patterns). */
  bin: z.optional(finite.check(z.gt(0))),
});
export type PatternsParams = z.infer<typeof PatternsParams>;

export const CustomersParams = z.object({
  unit: z.enum(TIME_UNITS),
  calibrationEnd: z.string(),
  asOf: z.optional(z.string()),
});
export type CustomersParams = z.infer<typeof CustomersParams>;

// --- files ----------------------------------------------------------------------------------

function fileOf<K extends AggregateKind, P extends z.ZodMiniType, R extends z.ZodMiniType>(kind: K, params: P, row: R) {
  return z.object({
    kpiKit: z.literal('aggregate'),
    version: z.literal(AGGREGATE_VERSION),
    kind: z.literal(kind),
    generatedAt: z.string(),
    source: AggregateSource,
    params,
    rows: z.array(row),
  });
}

export const FunnelFile = fileOf('funnel', FunnelParams, FunnelRow);
export const DealsFile = fileOf('deals', DealsParams, DealsRow);
export const ScorecardFile = fileOf('scorecard', ScorecardParams, ScorecardRow);
export const PatternsFile = fileOf('patterns', PatternsParams, PatternRow);
export const CustomersFile = fileOf('customers', CustomersParams, CustomerRow);

export type FunnelFile = z.infer<typeof FunnelFile>;
export type DealsFile = z.infer<typeof DealsFile>;
export type ScorecardFile = z.infer<typeof ScorecardFile>;
export type PatternsFile = z.infer<typeof PatternsFile>;
export type CustomersFile = z.infer<typeof CustomersFile>;

export const AggregateFile = z.discriminatedUnion('kind', [FunnelFile, DealsFile, ScorecardFile, PatternsFile, CustomersFile]);
export type AggregateFile = z.infer<typeof AggregateFile>;

export interface AggregateFileOf {
  funnel: FunnelFile;
  deals: DealsFile;
  scorecard: ScorecardFile;
  patterns: PatternsFile;
  customers: CustomersFile;
}

export const FILE_SCHEMAS = {
  funnel: FunnelFile,
  deals: DealsFile,
  scorecard: ScorecardFile,
  patterns: PatternsFile,
  customers: CustomersFile,
} as const;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

function issuesText(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`)
    .join('; ');
}

/** Any aggregate file (validated; rows as given). */
export function parseAggregate(json: unknown): ParseResult<AggregateFile> {
  const r = z.safeParse(AggregateFile, json);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: `not a kpi-kit aggregate file: ${issuesText(r.error)}` };
}

/** One kind of aggregate file: another kind is an error naming both. */
export function parseAggregateOf<K extends AggregateKind>(kind: K, json: unknown): ParseResult<AggregateFileOf[K]> {
  const got = json !== null && typeof json === 'object' ? (json as { kind?: unknown }).kind : undefined;
  if (typeof got === 'string' && got !== kind && (AGGREGATE_KINDS as readonly string[]).includes(got)) {
    return { ok: false, error: `expected an aggregate of kind "${kind}", got "${got}"` };
  }
  const r = z.safeParse(FILE_SCHEMAS[kind] as z.ZodMiniType, json);
  return r.success
    ? { ok: true, value: r.data as AggregateFileOf[K] }
    : { ok: false, error: `not a kpi-kit "${kind}" aggregate file: ${issuesText(r.error)}` };
}

/** Wraps rows in the versioned envelope. */
export function aggregateFile<K extends AggregateKind>(
  kind: K,
  source: AggregateSource,
  params: AggregateFileOf[K]['params'],
  rows: AggregateFileOf[K]['rows'],
  generatedAt: string = new Date().toISOString(),
): AggregateFileOf[K] {
  return { kpiKit: 'aggregate', version: AGGREGATE_VERSION, kind, generatedAt, source, params, rows } as unknown as AggregateFileOf[K];
}

/**
 * A pattern row as the weighted BG/NBD fit reads it ({ frequency, recency, T, n }): binned rows use
 * the bin means Σt_x ÷ n and ΣT ÷ n, exact rows their own t_x and T.
 */
export function patternHistory(row: PatternRow): { frequency: number; recency: number; T: number; n: number } {
  const recency = row.sum_t_x !== undefined ? row.sum_t_x / row.n : row.t_x;
  const T = row.sum_T !== undefined ? row.sum_T / row.n : row.T;
  return { frequency: row.x, recency, T, n: row.n };
}
