/**
 * The widget's predictive settings and the shapes of its fit: the options in the time unit, and
 * what the fit returns (parameters, per-customer predictions as typed arrays). The fit itself
 * (RFM summary, BG/NBD, Gamma-Gamma) is in ./fit-here.ts, which the worker runs and the widget
 * imports only when no worker can start: the models never load with the element. Pure and DOM-free.
 */
import type { TimeUnit } from '../../models/rfm-summary.ts';
import type { LtvFitOptions, LtvFitResult } from '../../models/clv-predictive.ts';
import { YEAR_DAYS } from '../../core/calendar.ts';
import type { HoldoutCheck } from './holdout-shape.ts';

export const TIME_UNITS: readonly TimeUnit[] = ['days', 'weeks', 'months'];

/** Time units in a year. */
export const UNITS_PER_YEAR: Readonly<Record<TimeUnit, number>> = { days: YEAR_DAYS, weeks: YEAR_DAYS / 7, months: 12 };

/** The default horizon, 52 weeks, in each unit. */
export const DEFAULT_HORIZON: Readonly<Record<TimeUnit, number>> = { days: 364, weeks: 52, months: 12 };

export interface PredictiveSettings {
  readonly unit: TimeUnit;
  /** `YYYY-MM-DD`; default the last transaction day. */
  readonly calibrationEnd?: string;
  /** In time units; default 52 weeks. */
  readonly horizon?: number;
  /** Annual discount rate (default 0.1). */
  readonly discountRate?: number;
}

export interface ResolvedPredictiveSettings {
  readonly unit: TimeUnit;
  readonly calibrationEnd: string | undefined;
  readonly horizon: number;
  readonly annualDiscountRate: number;
  /** The annual rate converted to one time unit: (1 + annual)^(1 / units per year) − 1. */
  readonly discountRatePerUnit: number;
}

export function resolvePredictive(s: PredictiveSettings): ResolvedPredictiveSettings {
  const horizon = s.horizon ?? DEFAULT_HORIZON[s.unit];
  const annual = s.discountRate ?? 0.1;
  return {
    unit: s.unit,
    calibrationEnd: s.calibrationEnd,
    horizon,
    annualDiscountRate: annual,
    discountRatePerUnit: Math.pow(1 + annual, 1 / UNITS_PER_YEAR[s.unit]) - 1,
  };
}

/**
 * Options for runLtvFit / fitInWorker: one discount period per time unit over the horizon. A
 * fractional horizon is computed as given (E[Y(t)] is continuous in t): ⌈h⌉ equal periods of
 * h ÷ ⌈h⌉ units, each discounted at the per-unit rate compounded over its length (0.5 weeks is
 * one period of half a week; 52 weeks stay 52 periods of one week).
 */
export function fitOptions(s: ResolvedPredictiveSettings): LtvFitOptions {
  const periods = Math.max(1, Math.ceil(s.horizon - 1e-9));
  const periodLength = s.horizon / periods;
  return {
    unit: s.unit,
    periods,
    periodLength,
    discountRate: periodLength === 1 ? s.discountRatePerUnit : Math.pow(1 + s.discountRatePerUnit, periodLength) - 1,
    summary: { unit: s.unit, ...(s.calibrationEnd ? { calibrationEnd: s.calibrationEnd } : {}) },
  };
}

export interface CustomerPredictions {
  /** Per widget customer (same order as the columns' ids); NaN where not predicted. */
  readonly clv: Float64Array;
  readonly probabilityAlive: Float64Array;
  readonly expectedPurchases: Float64Array;
  readonly expectedSpend: Float64Array;
  /** Customers predicted. */
  readonly predicted: number;
}

export interface FittedParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
  readonly bgnbdLogLik: number;
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
  readonly gammaGammaLogLik: number;
  /** The population the model was fitted on: customers and repeat customers up to the calibration end. */
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly converged: boolean;
}

export type { LtvFitResult, TimeUnit };

/** The fit as the widget needs it: parameters and per-customer predictions as typed arrays. */
export type CompactFit =
  | {
      readonly ok: true;
      readonly params: FittedParams;
      readonly calibrationEnd: string;
      readonly predictions: CustomerPredictions;
      /** Predicted against actual purchases after the calibration end, when the data goes on past it. */
      readonly holdout?: HoldoutCheck | null;
    }
  | { readonly ok: false; readonly reason: string; readonly detail: string };

export interface FitProgress {
  readonly stage: 'summary' | 'bgnbd' | 'gamma-gamma' | 'predict';
  readonly done: number;
}

/** What crosses to the pipeline worker: the columns the fit reads (typed arrays are transferred). */
export interface FitColumns {
  readonly n: number;
  /**
   * Customer ids by index. The copy sent to the worker carries none (`[]`) and `idCount`
   * instead: the fit keys customers by index, and 200k id strings would cost the page a long
   * task to serialise.
   */
  readonly ids: readonly string[];
  readonly idCount?: number;
  readonly customer: Int32Array;
  readonly day: Float64Array;
  readonly amount: Float64Array;
}
