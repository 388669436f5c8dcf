/**
 * Checking a fitted BG/NBD model against a hold-out period: the two plots of Fader, Hardie &
 * Lee (2005) that analysts use.
 *
 * - Conditional expectations by calibration frequency: customers grouped by their repeat
 *   purchases in the calibration period (0, 1, …, 7+); per group the mean actual purchases in
 *   the hold-out against the mean E[Y(L) | x, t_x, T] (FHL eq. 10) over the group's customers.
 * - Tracking: cumulative repeat purchases of the calibration cohort over calendar time, actual
 *   against Σ_customers E[X(τ − s_i)] (FHL eq. 9, each customer from their first purchase s_i),
 *   across the calibration and the hold-out. The forecast ignores the customers' histories,
 *   exactly as FHL's tracking plot does.
 *
 * Pure functions, no DOM. Time is in the summary's unit (α carries it).
 */
import { notAvailable, type NotAvailable } from '../core/result.ts';
import {
  bgnbdConditionalExpectedPurchases,
  bgnbdConditionalFromParts,
  bgnbdConditionalNumerator,
  bgnbdExpectedPurchases,
  bgnbdProbabilityAlive,
  checkBgNbdParams,
  type BgNbdParams,
  type RepeatHistory,
} from './bgnbd.ts';

/** A calibration history with what the customer bought in the hold-out. */
export interface HoldoutHistory extends RepeatHistory {
  /** Repeat purchases (purchase days) in the hold-out period. */
  readonly holdout: number;
}

export interface FrequencyGroup {
  /** Calibration repeat purchases; the last group holds `x` and more (`plus`). */
  readonly x: number;
  readonly plus: boolean;
  readonly customers: number;
  /** Hold-out purchases of the group's customers: actual and expected (totals). */
  readonly actual: number;
  readonly predicted: number;
  /** Means per customer. */
  readonly actualMean: number;
  readonly predictedMean: number;
  /** (predicted − actual) ÷ actual, or null when no purchase was made. */
  readonly error: number | null;
}

export interface ConditionalCheck {
  readonly ok: true;
  /** Hold-out length in the unit. */
  readonly length: number;
  readonly groups: readonly FrequencyGroup[];
  readonly customers: number;
  readonly actual: number;
  readonly predicted: number;
  /** (predicted − actual) ÷ actual over every customer. */
  readonly error: number | null;
  /** Mean of |error| over the groups with purchases (mean absolute percentage error, as a rate). */
  readonly mape: number | null;
}

/**
 * Predicted against actual hold-out purchases per calibration frequency (0 … maxX−1, maxX+).
 * E[Y(L) | x, t_x, T]'s costly 2F1 depends on (x, T) only and is shared by the customers who
 * have them (see bgnbdConditionalNumerator).
 */
export function conditionalExpectationCheck(
  params: BgNbdParams,
  customers: readonly HoldoutHistory[],
  length: number,
  maxX = 7,
): ConditionalCheck | NotAvailable {
  const bad = checkBgNbdParams(params);
  if (bad) return bad;
  if (!(length > 0) || !Number.isFinite(length)) return notAvailable('invalid-input', `hold-out length must be a finite number > 0 (got ${length})`);
  const k = maxX + 1;
  const n = new Float64Array(k);
  const act = new Float64Array(k);
  const pred = new Float64Array(k);
  const numerators = new Map<number, Map<number, number | null>>();
  for (const c of customers) {
    const alive = bgnbdProbabilityAlive(params, c.frequency, c.recency, c.T);
    if (!alive.ok) return alive;
    let byT = numerators.get(c.frequency);
    if (byT === undefined) numerators.set(c.frequency, (byT = new Map()));
    let num = byT.get(c.T);
    if (num === undefined) {
      const v = bgnbdConditionalNumerator(params, c.frequency, c.T, length);
      if (v !== null && !v.ok) return v;
      num = v === null ? null : v.value;
      byT.set(c.T, num);
    }
    const e = num === null ? bgnbdConditionalExpectedPurchases(params, c.frequency, c.recency, c.T, length) : bgnbdConditionalFromParts(num, alive.value);
    if (!e.ok) return e;
    const g = Math.min(c.frequency, maxX);
    n[g]++;
    act[g] += c.holdout;
    pred[g] += e.value;
  }
  const groups: FrequencyGroup[] = [];
  let actual = 0;
  let predicted = 0;
  let absErr = 0;
  let withPurchases = 0;
  for (let g = 0; g < k; g++) {
    actual += act[g];
    predicted += pred[g];
    const error = act[g] > 0 ? (pred[g] - act[g]) / act[g] : null;
    if (error !== null) {
      absErr += Math.abs(error);
      withPurchases++;
    }
    groups.push({
      x: g,
      plus: g === maxX,
      customers: n[g],
      actual: act[g],
      predicted: pred[g],
      actualMean: n[g] > 0 ? act[g] / n[g] : 0,
      predictedMean: n[g] > 0 ? pred[g] / n[g] : 0,
      error,
    });
  }
  return {
    ok: true,
    length,
    groups,
    customers: customers.length,
    actual,
    predicted,
    error: actual > 0 ? (predicted - actual) / actual : null,
    mape: withPurchases > 0 ? absErr / withPurchases : null,
  };
}

/** Customers who made their first purchase at the same time (in the unit, from any origin). */
export interface Cohort {
  readonly start: number;
  readonly n: number;
}

/**
 * Expected cumulative repeat purchases of the cohorts at each time in `ends` (same origin and
 * unit as the cohorts' starts): Σ_cohorts n · E[X(end − start)], 0 before a cohort starts.
 * E[X(t)] is computed once per distinct t.
 */
export function expectedCumulativeRepeat(params: BgNbdParams, cohorts: readonly Cohort[], ends: readonly number[]): Float64Array | NotAvailable {
  const bad = checkBgNbdParams(params);
  if (bad) return bad;
  const memo = new Map<number, number>();
  const out = new Float64Array(ends.length);
  for (let w = 0; w < ends.length; w++) {
    let s = 0;
    for (const c of cohorts) {
      const t = ends[w]! - c.start;
      if (!(t > 0) || c.n === 0) continue;
      let e = memo.get(t);
      if (e === undefined) {
        const v = bgnbdExpectedPurchases(params, t);
        if (!v.ok) return v;
        e = v.value;
        memo.set(t, e);
      }
      s += c.n * e;
    }
    out[w] = s;
  }
  return out;
}
