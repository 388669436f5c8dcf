/**
 * The shapes of <kpi-ltv input="patterns">: what the patterns fit returns (plain data that
 * crosses the worker boundary) and what `result.patterns` holds. No code.
 */
import type { TimeUnit } from '../../models/rfm-summary.ts';

export interface PatternOutput {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  /** Customers with this pattern. */
  readonly n: number;
  readonly probabilityAlive: number;
  /** Expected repeat purchases per customer over the horizon. */
  readonly expectedPurchases: number;
}

export interface FrequencyOutput {
  readonly x: number;
  /** The last group: x and more. */
  readonly plus: boolean;
  readonly customers: number;
  readonly meanProbabilityAlive: number;
  /** Expected repeat purchases per customer over the horizon. */
  readonly expectedPurchases: number;
}

export type PatternsFit =
  | {
      readonly ok: true;
      readonly params: { readonly r: number; readonly alpha: number; readonly a: number; readonly b: number; readonly logLik: number; readonly converged: boolean };
      /** Σ n, and Σ n over the patterns with x > 0. */
      readonly customers: number;
      readonly repeatCustomers: number;
      readonly patterns: number;
      /** Σ n · E[Y(horizon) | x, t_x, T]. */
      readonly expectedPurchases: number;
      /** Σ n · P(alive) ÷ Σ n. */
      readonly meanProbabilityAlive: number;
      /** The largest patterns by customers. */
      readonly top: readonly PatternOutput[];
      /** By repeat purchases x = 0 … 6 and 7+: customers, and their customer-weighted P(alive) and expected purchases. */
      readonly byFrequency: readonly FrequencyOutput[];
    }
  | { readonly ok: false; readonly detail: string };

/** `result.patterns`: the fit with the settings it was made under. */
export interface PatternsResult {
  readonly unit: TimeUnit;
  readonly horizon: number;
  /** From the aggregate file's params, when given. */
  readonly calibrationEnd: string | null;
  /** Rows are weekly/daily bins carrying Σt_x and ΣT (fitted at the bin means). */
  readonly binned: boolean;
  readonly rows: number;
  readonly fit: PatternsFit;
  /** Outputs that need per-customer data, by name. */
  readonly needsCustomers: readonly string[];
}
