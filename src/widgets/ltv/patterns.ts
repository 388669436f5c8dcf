/**
 * <kpi-ltv input="patterns">: BG/NBD pattern counts instead of transactions (issue #13, the
 * "patterns" aggregate of src/aggregates/shapes.ts). Rows { x, t_x, T, n } (n customers share
 * exactly that history) or binned rows that also carry sum_t_x and sum_T (fitted at the bin
 * means), given as the aggregate file the CLI writes, or as plain rows through `data`, an inline
 * script or `src`.
 *
 * read: validate the rows (zod PatternRow) and take the unit and calibration end from the file's
 * params (else the `time-unit` option). compute: the weighted fit in the kit's worker (job
 * `ltv-patterns-fit`, ./patterns-fit.ts; on this thread when no worker can start), then an
 * LtvModel whose `result.patterns` holds what pattern counts can tell: the parameters, expected
 * purchases and P(alive) per pattern and in total. Everything that needs a customer's money or
 * identity (CLV, the distribution, cohorts, customer lists) is "not available" and named.
 * Pure: no lit, no DOM, no model code (that loads in the worker).
 */
import { z } from '../../core/schema/z.ts';
import { rowsOf } from '../../core/data/load.ts';
import { KpiError } from '../../core/data/errors.ts';
import { notAvailable } from '../../core/result.ts';
import { NO_FINDINGS } from '../../core/data/quality.ts';
import { runJob } from '../../core/jobs/client.ts';
import type { ComputeContext } from '../../core/element/spec.ts';
import { parseAggregateOf, patternHistory, PatternRow } from '../../aggregates/shapes.ts';
import { DEFAULT_HORIZON, type TimeUnit } from './predictive.ts';
import type { LtvModel, LtvResult } from './pipeline.ts';
import type { PatternsFit, PatternsResult } from './patterns-shape.ts';

export type { PatternsResult } from './patterns-shape.ts';

/** What read hands to compute for pattern rows. */
export interface PatternsData {
  /** { frequency, recency, T, n } per row (binned rows at their means). */
  readonly rows: readonly { readonly frequency: number; readonly recency: number; readonly T: number; readonly n: number }[];
  readonly unit: TimeUnit | undefined;
  readonly calibrationEnd: string | null;
  readonly binned: boolean;
}

/** The outputs a pattern file cannot give, in the order the transactions widget shows them. */
export const NEEDS_CUSTOMERS = ['clv', 'distribution', 'cohorts', 'customers', 'ltvCac'] as const;

const NUMERIC = ['x', 't_x', 'T', 'n', 'sum_t_x', 'sum_T'] as const;

/** CSV cells arrive as strings: numbers where they are numbers, absent where empty. */
function coerce(row: unknown): unknown {
  if (row === null || typeof row !== 'object') return row;
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const k of NUMERIC) {
    const v = out[k];
    if (typeof v === 'string') {
      if (v.trim() === '') delete out[k];
      else out[k] = Number(v);
    }
  }
  return out;
}

/** The parsed input (an aggregate file of kind "patterns", or rows) → validated pattern rows. */
export function readPatterns(value: unknown): PatternsData {
  let rows: unknown[] | null;
  let unit: TimeUnit | undefined;
  let calibrationEnd: string | null = null;
  if (value !== null && typeof value === 'object' && (value as { kpiKit?: unknown }).kpiKit === 'aggregate') {
    const file = parseAggregateOf('patterns', value);
    if (!file.ok) throw new KpiError({ code: 'validation', message: file.error });
    rows = file.value.rows;
    unit = file.value.params.unit;
    calibrationEnd = file.value.params.calibrationEnd;
  } else rows = rowsOf(value);
  if (!rows) throw new KpiError({ code: 'validation', message: 'expected BG/NBD pattern rows {x, t_x, T, n} (an array, an object with a "rows" array, or a "patterns" aggregate file)' });
  const out: PatternsData['rows'][number][] = [];
  let binned = false;
  for (let i = 0; i < rows.length; i++) {
    const r = z.safeParse(PatternRow, coerce(rows[i]));
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new KpiError({ code: 'validation', message: `pattern row ${i + 1}: ${issue ? `${issue.path.join('.') || 'row'}: ${issue.message}` : 'not a pattern row'} (expected {x, t_x, T, n}, optionally sum_t_x and sum_T)` });
    }
    const row = r.data;
    if (row.sum_t_x !== undefined || row.sum_T !== undefined) binned = true;
    const h = patternHistory(row);
    if (h.recency > h.T + 1e-9 || (h.frequency === 0 && h.recency !== 0)) {
      throw new KpiError({ code: 'validation', message: `pattern row ${i + 1}: t_x must be in [0, T] and 0 when x is 0 (got x = ${row.x}, t_x = ${h.recency}, T = ${h.T})` });
    }
    out.push({ ...h, recency: Math.min(h.recency, h.T) });
  }
  return { rows: out, unit, calibrationEnd, binned };
}

/** Fit in the worker (or here), then the model. */
export function computePatternsModel(d: PatternsData, unitOption: TimeUnit, horizonOption: number | undefined, ctx: ComputeContext): Promise<LtvModel> {
  const unit = d.unit ?? unitOption;
  const horizon = horizonOption ?? DEFAULT_HORIZON[unit];
  ctx.onProgress({ stage: 'bgnbd', done: 0 });
  return runJob<{ stage: 'bgnbd' | 'predict'; done: number }, PatternsFit>('ltv-patterns-fit', { rows: d.rows, horizon }, {
    signal: ctx.signal,
    onProgress: (p) => ctx.onProgress({ stage: p.stage, done: p.done }),
    here: () => import('./patterns-fit.ts').then((m) => drainFit(m.patternsFitSteps(d.rows, horizon))),
  }).then((fit) =>
    patternsModel({ unit, horizon, calibrationEnd: d.calibrationEnd, binned: d.binned, rows: d.rows.length, fit, needsCustomers: [...NEEDS_CUSTOMERS] }),
  );
}

function drainFit(g: Generator<unknown, PatternsFit, void>): PatternsFit {
  let r = g.next();
  while (!r.done) r = g.next();
  return r.value;
}

/** The LtvModel of a patterns fit: `result.patterns` holds it; what needs customers is not available. */
export function patternsModel(p: PatternsResult): LtvModel {
  const why = 'pattern counts carry no per-customer spend or identity: give transactions, or a scored customer file';
  const na = notAvailable('missing-input', why);
  const customers = p.fit.ok ? p.fit.customers : p.rows;
  const result: LtvResult = {
    method: 'predictive',
    methodReason: 'asked',
    ltv: na,
    customers,
    repeatCustomers: p.fit.ok ? p.fit.repeatCustomers : 0,
    transactions: NaN,
    revenue: NaN,
    from: null,
    to: p.calibrationEnd,
    years: NaN,
    grossMargin: na,
    marginSource: 'none',
    rowsWithoutMargin: 0,
    historical: na,
    simple: { value: na, avgPurchaseValue: na, purchaseFrequency: na, lifespan: na, lifespanSource: 'observed-span' },
    predictive: null,
    cac: null,
    cohorts: [],
    distribution: { bins: [], overflow: null, n: 0, mean: null, median: null },
    top: [],
    atRisk: [],
    rejected: [],
    totalRows: p.rows,
    quality: NO_FINDINGS,
    patterns: p,
  };
  return { result, values: new Float64Array(0) };
}
