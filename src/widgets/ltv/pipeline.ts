/**
 * Transactions + settings → the LTV model the widget draws and the `result` it exposes.
 *
 *   rows ─toColumnsSteps→ columns ─computeBaseSteps→ base ─chooseMethod→ method
 *        └ predictive: compactFitSteps (summary → BG/NBD + Gamma-Gamma → CLV), by the caller ┘
 *   → assembleSteps(prepared, fit) → LtvModel
 *
 * Every step is a generator that yields often, so the caller can run it straight through
 * (small inputs, tests) or in main-thread slices (1,000,000 rows). The fit itself is the
 * caller's (the element runs it in a Worker through fit.ts). Pure and DOM-free.
 */
import { available, notAvailable, type MetricValue } from '../../core/result.ts';
import type { RejectedRow } from '../../core/schema/validate.ts';
import { isoDay } from '../../core/calendar.ts';
import { NO_FINDINGS, type QualityReport } from '../../core/data/quality.ts';
import { toColumnsSteps, type ColumnOptions, type LtvColumns } from './columns.ts';
import { cacModel, chooseMethod, computeBaseSteps, customerValues, type BaseOptions, type CacInputs, type CacModel, type Cohort, type LifespanSource, type LtvBase, type LtvMethod, type MarginSource, type MethodChoice } from './model.ts';
import type { CompactFit, FittedParams, ResolvedPredictiveSettings } from './predictive.ts';
import { distributionSteps, type Distribution } from './distribution.ts';
import { atRiskCustomers, topCustomers, type CustomerRow } from './customers.ts';
import { isoDayNumber, totalsAsOfSteps } from './as-of.ts';
import type { HoldoutCheck } from './holdout-shape.ts';
import type { PatternsResult } from './patterns-shape.ts';

export interface LtvSettings extends BaseOptions {
  /** Undefined: predictive with enough repeat customers, else simple. */
  readonly method?: LtvMethod;
  readonly predictive: ResolvedPredictiveSettings;
  readonly cac: CacInputs;
  /** Rows in the customer tables (default 10). */
  readonly listSize?: number;
  /** Repeat customers needed for the default method to be predictive (default 30). */
  readonly minRepeat?: number;
}

export interface LtvProgress {
  readonly stage: 'read' | 'compute' | 'summary' | 'bgnbd' | 'gamma-gamma' | 'predict';
  readonly done: number;
  readonly total?: number;
}

export interface Prepared {
  readonly columns: LtvColumns;
  readonly base: LtvBase;
  readonly choice: MethodChoice;
  readonly settings: LtvSettings;
  /** The method is predictive and there are customers to fit. */
  readonly needsFit: boolean;
}

/** What `result` holds (plain data) and kpi-update carries. */
export interface LtvResult {
  readonly method: LtvMethod;
  /** Why this method: asked, enough-repeat, few-repeat, or predictive-failed (with `fallbackReason`). */
  readonly methodReason: MethodChoice['reason'] | 'predictive-failed';
  readonly fallbackReason?: string;
  /** Mean LTV per customer under the method. */
  readonly ltv: MetricValue;
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly transactions: number;
  readonly revenue: number;
  readonly from: string | null;
  readonly to: string | null;
  readonly years: number;
  readonly grossMargin: MetricValue;
  readonly marginSource: MarginSource;
  readonly rowsWithoutMargin: number;
  readonly historical: MetricValue;
  readonly simple: {
    readonly value: MetricValue;
    readonly avgPurchaseValue: MetricValue;
    readonly purchaseFrequency: MetricValue;
    readonly lifespan: MetricValue;
    readonly lifespanSource: LifespanSource;
    readonly churn?: MetricValue;
  };
  readonly predictive: PredictiveResult | null;
  readonly cac: CacModel | null;
  readonly cohorts: readonly Cohort[];
  readonly distribution: Distribution;
  readonly top: readonly CustomerRow[];
  readonly atRisk: readonly CustomerRow[];
  readonly rejected: readonly RejectedRow[];
  readonly totalRows: number;
  /** What the data-quality pass found (core/data/quality.ts; refunds netted: columns.ts). */
  readonly quality: QualityReport;
  /** `input="patterns"`: the weighted BG/NBD fit on pattern counts (patterns.ts); absent for transactions. */
  readonly patterns?: PatternsResult;
}

export interface PredictiveResult {
  readonly ok: boolean;
  /** Why not, when not ok. */
  readonly detail?: string;
  readonly unit: ResolvedPredictiveSettings['unit'];
  readonly calibrationEnd: string | null;
  readonly horizon: number;
  readonly annualDiscountRate: number;
  readonly discountRatePerUnit: number;
  readonly params: FittedParams | null;
  /** Mean discounted CLV × AGM over the predicted customers. */
  readonly meanClv: MetricValue;
  readonly meanProbabilityAlive: MetricValue;
  readonly expectedPurchases: number;
  readonly predicted: number;
  /** The one date every column of the customer tables is as of (the calibration end), or null. */
  readonly asOf?: string | null;
  /** Predicted against actual purchases after the calibration end (holdout.ts), or null. */
  readonly holdout?: HoldoutCheck | null;
}

/** Columns, base model, method and (for predictive) the RFM summary, yielding progress. */
export function* prepareSteps(
  raw: readonly unknown[],
  columns: Readonly<Record<string, string | undefined>>,
  columnOptions: ColumnOptions,
  settings: LtvSettings,
  cached?: LtvColumns,
): Generator<LtvProgress, Prepared, void> {
  const cols = cached ?? (yield* toColumnsSteps(raw, columns, columnOptions));
  return yield* prepareFromColumnsSteps(cols, settings);
}

export function* prepareFromColumnsSteps(cols: LtvColumns, settings: LtvSettings): Generator<LtvProgress, Prepared, void> {
  const baseSteps = computeBaseSteps(cols, settings);
  let b = baseSteps.next();
  let n = 0;
  while (!b.done) {
    yield { stage: 'compute', done: ++n };
    b = baseSteps.next();
  }
  const base = b.value;
  const choice = chooseMethod(settings.method, base.repeatCustomers, settings.minRepeat);
  return { columns: cols, base, choice, settings, needsFit: choice.method === 'predictive' && base.customers > 0 };
}

/** Report a sub-step's yields as 'compute' progress. */
function* progressOf<T>(g: Generator<void, T, void>): Generator<LtvProgress, T, void> {
  let r = g.next();
  let n = 0;
  while (!r.done) {
    yield { stage: 'compute', done: ++n };
    r = g.next();
  }
  return r.value;
}

/** Run a generator to its end. */
export function drain<T>(g: Generator<unknown, T, any>): T {
  let r = g.next();
  while (!r.done) r = g.next();
  return r.value;
}

function mean(values: Float64Array): { value: MetricValue; n: number } {
  let s = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return { value: n ? available(s / n) : notAvailable('no-data', 'no customer has a prediction'), n };
}

/** The model from the prepared data and, for predictive, the fit (null when not fitted). */
export function assembleModel(prep: Prepared, fit: CompactFit | null): LtvModel {
  return drain(assembleSteps(prep, fit));
}

/** The same, yielding between the heavier parts (distribution, lists) for main-thread slices. */
export function* assembleSteps(prep: Prepared, fit: CompactFit | null): Generator<LtvProgress, LtvModel, void> {
  const { base, columns: cols, settings } = prep;
  const listSize = settings.listSize ?? 10;
  let method = prep.choice.method;
  let methodReason: LtvResult['methodReason'] = prep.choice.reason;
  let fallbackReason: string | undefined;
  let predictive: PredictiveResult | null = null;
  let values: Float64Array;
  let top: CustomerRow[];
  let atRisk: CustomerRow[] = [];
  let ltv: MetricValue;
  const agm = base.agm.ok ? base.agm.value : NaN;
  const ps = settings.predictive;
  if (method === 'predictive') {
    if (!fit || !fit.ok) {
      const detail = fit && !fit.ok ? fit.detail : 'the model was not fitted';
      predictive = {
        ok: false,
        detail,
        unit: ps.unit,
        calibrationEnd: ps.calibrationEnd ?? null,
        horizon: ps.horizon,
        annualDiscountRate: ps.annualDiscountRate,
        discountRatePerUnit: ps.discountRatePerUnit,
        params: null,
        meanClv: notAvailable('no-data', detail),
        meanProbabilityAlive: notAvailable('no-data', detail),
        expectedPurchases: 0,
        predicted: 0,
      };
      method = 'simple';
      methodReason = 'predictive-failed';
      fallbackReason = detail;
    } else {
      const p = fit.predictions;
      values = new Float64Array(p.clv.length);
      for (let c = 0; c < values.length; c++) values[c] = p.clv[c]! * agm;
      // Each pass over the customers is its own step: at 231,779 customers each is a few ms.
      yield { stage: 'compute', done: 0 };
      const m = mean(values);
      yield { stage: 'compute', done: 0 };
      const alive = mean(p.probabilityAlive);
      yield { stage: 'compute', done: 0 };
      let purchases = 0;
      for (let c = 0; c < values.length; c++) if (Number.isFinite(p.expectedPurchases[c]!)) purchases += p.expectedPurchases[c]!;
      predictive = {
        ok: true,
        unit: ps.unit,
        calibrationEnd: fit.calibrationEnd,
        horizon: ps.horizon,
        annualDiscountRate: ps.annualDiscountRate,
        discountRatePerUnit: ps.discountRatePerUnit,
        params: fit.params,
        meanClv: m.value,
        meanProbabilityAlive: alive.value,
        expectedPurchases: purchases,
        predicted: p.predicted,
        asOf: fit.calibrationEnd,
        holdout: fit.holdout ?? null,
      };
      ltv = m.value;
      yield { stage: 'compute', done: 1 };
      // The tables' transactions, revenue and last purchase as of the calibration end, like P(alive).
      const calDay = isoDayNumber(fit.calibrationEnd);
      const asOf = calDay < base.lastDay ? { ...base, totals: yield* progressOf(totalsAsOfSteps(cols, calDay)) } : base;
      yield { stage: 'compute', done: 1 };
      top = topCustomers(cols.ids, asOf, values, listSize, p);
      yield { stage: 'compute', done: 1 };
      atRisk = atRiskCustomers(cols.ids, asOf, values, p, listSize);
      yield { stage: 'compute', done: 2 };
      const dist = yield* progressOf(distributionSteps(values));
      yield { stage: 'compute', done: 3 };
      return build(dist);
    }
  }
  values = customerValues(base, method === 'historical' ? 'historical' : 'simple');
  ltv = method === 'historical' ? base.historical : base.simple;
  top = topCustomers(cols.ids, base, values, listSize);
  yield { stage: 'compute', done: 2 };
  const dist = yield* progressOf(distributionSteps(values));
  yield { stage: 'compute', done: 3 };
  return build(dist);

  function build(dist: Distribution): LtvModel {
    const result: LtvResult = {
      method,
      methodReason,
      ...(fallbackReason !== undefined ? { fallbackReason } : {}),
      ltv,
      customers: base.customers,
      repeatCustomers: base.repeatCustomers,
      transactions: base.transactions,
      revenue: base.revenue,
      from: base.customers ? isoDay(base.firstDay) : null,
      to: base.customers ? isoDay(base.lastDay) : null,
      years: base.years,
      grossMargin: base.agm,
      marginSource: base.marginSource,
      rowsWithoutMargin: base.rowsWithoutMargin,
      historical: base.historical,
      simple: {
        value: base.simple,
        avgPurchaseValue: base.avgPurchaseValue,
        purchaseFrequency: base.purchaseFrequency,
        lifespan: base.lifespan.value,
        lifespanSource: base.lifespan.source,
        ...(base.lifespan.churn ? { churn: base.lifespan.churn } : {}),
      },
      predictive,
      cac: cacModel(ltv, base, settings.cac),
      cohorts: base.cohorts,
      distribution: dist,
      top,
      atRisk,
      rejected: cols.rejected,
      totalRows: cols.total,
      quality: cols.quality ?? NO_FINDINGS,
    };
    return { result, values };
  }
}

export interface LtvModel {
  readonly result: LtvResult;
  /** Per-customer LTV under the method (same order as the columns' ids). */
  readonly values: Float64Array;
}

// `computeLtv` (everything synchronously, fitting on this thread) is in ./fit-here.ts, with the fit.
