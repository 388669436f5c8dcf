/**
 * <kpi-ltv>'s declaration: the columns it reads, its options, and the pipeline the base
 * class runs (read → compute → result). Plain data and functions: no lit, no DOM.
 */
import { opt, type OptionValues } from '../../core/element/options.ts';
import type { WidgetSpec } from '../../core/element/spec.ts';
import { TIME_UNITS } from './predictive.ts';
import { MIN_REPEAT_CUSTOMERS } from './model.ts';
import { computeLtvModel, isStaleLtvInput, readLtv, SYNC_ROWS } from './compute.ts';
import { costsOption, LTV_SPEC_FIELDS, readSegments, resultWithSegments, staleForSegments, withSegments, type SegmentedData, type SegmentedModel, type SegmentedResult } from './segments.ts';

/** The model and result, with `segments` when `group-by` is set (segments.ts). */
export type LtvModel = SegmentedModel;
export type LtvResult = SegmentedResult;
export type { SegmentsResult, SegmentRow, SegmentAcquisition, SegmentCost } from './segments.ts';

export const LTV_METHODS = ['historical', 'simple', 'predictive', 'auto'] as const;

export const LTV_INPUTS = ['transactions', 'patterns'] as const;

export const ltvOptions = {
  /** transactions (default): one row per purchase; patterns: BG/NBD pattern counts {x, t_x, T, n} (issue #13, patterns.ts). */
  input: opt.enum('input', LTV_INPUTS, 'transactions'),
  /** historical, simple, predictive or auto (default): predictive with ≥ 30 repeat customers, else simple. */
  method: opt.enum('method', LTV_METHODS, 'auto'),
  /** Average gross margin as a rate: 0.3, "0.3" or "30%". Default: the data's cost/margin column, else 1 (revenue). */
  margin: opt.rate('margin', undefined),
  /** Customer lifespan in years for the simple CLTV; default 1 ÷ annual churn. */
  lifespan: opt.number('lifespan', undefined, { above: 0 }),
  /**
   * Repeat customers the predictive method needs (default 30, see MIN_REPEAT_CUSTOMERS in
   * model.ts): below it, predictive (asked for or chosen by `auto`) falls back to simple and says why.
   */
  minRepeat: opt.number('min-repeat', MIN_REPEAT_CUSTOMERS, { min: 0, integer: true }),
  /** days, weeks (default) or months: the predictive model's time unit. */
  timeUnit: opt.enum('time-unit', TIME_UNITS, 'weeks'),
  /** Last day of the calibration period (YYYY-MM-DD); default the last transaction day. */
  calibrationEnd: opt.date('calibration-end', undefined),
  /** Prediction horizon in time units, fractions computed as given (0.5 = half a week); default 52 weeks in the chosen unit (52 weeks, 12 months, 364 days). */
  horizon: opt.number('horizon', undefined, { above: 0 }),
  /** Annual discount rate: 0.1 (default), "0.1" or "10%". */
  discountRate: opt.rate('discount-rate', undefined),
  /** Customer acquisition cost. */
  cac: opt.number('cac', undefined, { min: 0 }),
  /** Total acquisition (sales + marketing) cost; with `new-customers` gives CAC. */
  acquisitionCost: opt.number('acquisition-cost', undefined, { min: 0 }),
  /** New customers won with `acquisition-cost` (default: the customers in the data). */
  newCustomers: opt.number('new-customers', undefined, { min: 0 }),
  /** LTV:CAC target. */
  ltvCacTarget: opt.number('ltv-cac-target', 3, { above: 0 }),
  /** Acquisition cost (and new customers) per segment, with `group-by`: CAC, LTV:CAC and payback per segment (segments.ts). */
  costs: costsOption,
};

export type LtvOptions = OptionValues<typeof ltvOptions>;

export const ltvSpec: WidgetSpec<LtvOptions, SegmentedData, LtvModel, LtvResult> = {
  // LTV_FIELDS and `group` (from group-by: LTV by segment, segments.ts).
  fields: LTV_SPEC_FIELDS,
  options: ltvOptions,
  read: (input, o) => readSegments(input, o.costs, readLtv(input, o)),
  compute: (d, o, ctx) => withSegments(computeLtvModel(d, o, ctx), d, o.ltvCacTarget),
  result: resultWithSegments,
  isEmpty: (m) => m.result.customers === 0,
  rejectedOf: (m) => m.result.rejected,
  findingsOf: (m) => m.result.quality.findings,
  stale: (input) => isStaleLtvInput(input) || staleForSegments(input),
  syncRows: SYNC_ROWS,
  /** Costs per segment may come as a named source: `src-costs`, a `data-source="costs"` child, `sources.costs`. */
  sources: { default: 'transactions', names: ['transactions', 'costs'] },
};
