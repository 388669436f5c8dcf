/**
 * The shape of <kpi-ltv>'s hold-out check (computed in the worker by ./holdout.ts, drawn by the
 * view): plain data that crosses the worker boundary. No code, so the element can import it
 * without loading the models.
 */
import type { TimeUnit } from '../../models/rfm-summary.ts';

export interface HoldoutGroup {
  /** Calibration repeat purchases; the last group is `x` or more. */
  readonly x: number;
  readonly plus: boolean;
  readonly customers: number;
  /** Hold-out purchases of the group: actual and predicted, totals and means per customer. */
  readonly actual: number;
  readonly predicted: number;
  readonly actualMean: number;
  readonly predictedMean: number;
  /** (predicted − actual) ÷ actual; null without actual purchases. */
  readonly error: number | null;
}

export interface HoldoutCheck {
  readonly unit: TimeUnit;
  readonly calibrationEnd: string;
  /** The last day of the data: the hold-out is (calibrationEnd, holdoutEnd]. */
  readonly holdoutEnd: string;
  /** Hold-out length in the unit. */
  readonly length: number;
  /** The first day of the data: week 1 starts on it. */
  readonly origin: string;
  /** Weeks of the tracking plot (the last one may be partial). */
  readonly weeks: number;
  /** Where the calibration ends, in weeks from the origin (39 for CDNOW). */
  readonly calibrationWeeks: number;
  /** Cumulative repeat purchases of the calibration customers at the end of each week: actual and expected. */
  readonly actualCumulative: readonly number[];
  readonly expectedCumulative: readonly number[];
  /** Customers the check follows (first purchase by the calibration end) and those who came later (left out). */
  readonly customers: number;
  readonly laterCustomers: number;
  /** Repeat purchases in the hold-out: actual, expected from the tracking curve, and (predicted − actual) ÷ actual. */
  readonly holdoutActual: number;
  readonly holdoutExpected: number;
  readonly holdoutError: number | null;
  /** Cumulative at the end of the hold-out: (expected − actual) ÷ actual. */
  readonly endError: number | null;
  /** Conditional expectations by calibration frequency (0 … 6, 7+). */
  readonly groups: readonly HoldoutGroup[];
  /** Σ E[Y(L) | x, t_x, T] against the actual hold-out purchases, its error and the MAPE over the groups. */
  readonly conditionalPredicted: number;
  readonly conditionalError: number | null;
  readonly mape: number | null;
}
