/**
 * Glue between the widget's settings and the predictive CLV fit (metrics/clv-predictive.ts,
 * run by metrics/ltv-fit-client.ts): the options in the time unit, the RFM summary of the
 * columns (metrics/rfm-summary.ts, in slices), and per-customer predictions lined up with
 * the widget's customers. Pure and DOM-free.
 */
import { summarizeTransactionsSteps, type RfmSummaryResult, type TimeUnit, type Transaction } from '../../models/rfm-summary.ts';
import { fitPredictiveClvSteps, type LtvFitOptions, type LtvFitResult, type PredictiveClvResult } from '../../models/clv-predictive.ts';
import { isoDay, YEAR_DAYS } from '../../core/calendar.ts';
import type { LtvColumns } from './columns.ts';

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

/** Options for runLtvFit / fitInWorker: one discount period per time unit over the horizon. */
export function fitOptions(s: ResolvedPredictiveSettings): LtvFitOptions {
  return {
    unit: s.unit,
    periods: Math.max(1, Math.round(s.horizon)),
    periodLength: 1,
    discountRate: s.discountRatePerUnit,
    summary: { unit: s.unit, ...(s.calibrationEnd ? { calibrationEnd: s.calibrationEnd } : {}) },
  };
}

/** The columns as the summariser's transactions (dates as UTC day strings), built in slices. */
export function* transactionsSteps(cols: LtvColumns): Generator<void, Transaction[], void> {
  const out = new Array<Transaction>(cols.n);
  const dayText = new Map<number, string>();
  for (let i = 0; i < cols.n; i++) {
    if ((i & 32767) === 32767) yield;
    const d = cols.day[i]!;
    let s = dayText.get(d);
    if (s === undefined) {
      s = isoDay(d);
      dayText.set(d, s);
    }
    out[i] = { customerId: cols.ids[cols.customer[i]!]!, date: s, amount: cols.amount[i]! };
  }
  return out;
}

/** RFM summary of the columns, yielding often. */
export function* summaryFromColumnsSteps(cols: LtvColumns, s: ResolvedPredictiveSettings): Generator<void, RfmSummaryResult, void> {
  const tx = yield* transactionsSteps(cols);
  const steps = summarizeTransactionsSteps(tx, fitOptions(s).summary);
  let r = steps.next();
  while (!r.done) {
    yield;
    r = steps.next();
  }
  return r.value;
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

/** Line the fit's per-customer predictions up with the columns' customers. */
export function alignPredictions(fit: PredictiveClvResult, ids: readonly string[]): CustomerPredictions {
  const k = ids.length;
  const clv = new Float64Array(k).fill(NaN);
  const alive = new Float64Array(k).fill(NaN);
  const purchases = new Float64Array(k).fill(NaN);
  const spend = new Float64Array(k).fill(NaN);
  const at = new Map<string, number>();
  for (let c = 0; c < k; c++) at.set(ids[c]!, c);
  let predicted = 0;
  for (const row of fit.customers) {
    const c = at.get(row.id);
    if (c === undefined || !row.ok) continue;
    clv[c] = row.clv;
    alive[c] = row.probabilityAlive;
    purchases[c] = row.expectedPurchases;
    spend[c] = row.expectedSpend;
    predicted++;
  }
  return { clv, probabilityAlive: alive, expectedPurchases: purchases, expectedSpend: spend, predicted };
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
  readonly repeatCustomers: number;
  readonly converged: boolean;
}

export function fittedParams(fit: PredictiveClvResult): FittedParams {
  return {
    r: fit.bgnbd.r,
    alpha: fit.bgnbd.alpha,
    a: fit.bgnbd.a,
    b: fit.bgnbd.b,
    bgnbdLogLik: fit.bgnbd.logLik,
    p: fit.gammaGamma.p,
    q: fit.gammaGamma.q,
    gamma: fit.gammaGamma.gamma,
    gammaGammaLogLik: fit.gammaGamma.logLik,
    repeatCustomers: fit.bgnbd.repeatCustomers,
    converged: fit.bgnbd.converged && fit.gammaGamma.converged,
  };
}

export type { LtvFitResult, TimeUnit };

/** The fit as the widget needs it: parameters and per-customer predictions as typed arrays. */
export type CompactFit =
  | {
      readonly ok: true;
      readonly params: FittedParams;
      readonly calibrationEnd: string;
      readonly predictions: CustomerPredictions;
    }
  | { readonly ok: false; readonly reason: string; readonly detail: string };

export interface FitProgress {
  readonly stage: 'summary' | 'bgnbd' | 'gamma-gamma' | 'predict';
  readonly done: number;
}

/** What crosses to the pipeline worker: the columns the fit reads (typed arrays are transferred). */
export interface FitColumns {
  readonly n: number;
  readonly ids: readonly string[];
  readonly customer: Int32Array;
  readonly day: Float64Array;
  readonly amount: Float64Array;
}

/**
 * Columns → RFM summary (rfm-summary.ts) → BG/NBD + Gamma-Gamma fit and CLV per customer
 * (clv-predictive.ts's fitPredictiveClvSteps) → predictions lined up with the columns'
 * customers. A generator that yields often: the worker runs it straight through, the
 * main-thread fallback in slices.
 */
export function* compactFitSteps(cols: FitColumns, s: ResolvedPredictiveSettings): Generator<FitProgress, CompactFit, void> {
  const summarySteps = summaryFromColumnsSteps(cols as LtvColumns, s);
  let r = summarySteps.next();
  let k = 0;
  while (!r.done) {
    yield { stage: 'summary', done: ++k };
    r = summarySteps.next();
  }
  const summary = r.value;
  if (!summary.ok) return summary;
  const fit = yield* fitPredictiveClvSteps({ customers: summary.customers, unit: s.unit }, fitOptions(s));
  if (!fit.ok) return fit;
  return { ok: true, params: fittedParams(fit), calibrationEnd: summary.calibrationEnd, predictions: alignPredictions(fit, cols.ids) };
}
