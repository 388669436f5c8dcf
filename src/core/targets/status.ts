/**
 * A KPI's status against its target: on track, at risk, off track (or unknown when the
 * value is not available). Pure; works for higher- and lower-is-better.
 *
 * Thresholds are levels on the bad side of the target. Resolved to absolute levels first:
 * - relative factor f: level = target + (f − 1) × |target|  (= target × f for a positive
 *   target; stays on the bad side for a negative one);
 * - `{ absolute: n }`: n.
 * Defaults: higher-is-better warning 1 (the target itself), critical 0.9;
 * lower-is-better warning 1, critical 1.1.
 *
 * Higher is better: value ≥ warning → on track; ≥ critical → at risk; else off track.
 * Lower is better:  value ≤ warning → on track; ≤ critical → at risk; else off track.
 * A neutral band (± half-width around the target) is on track whatever the thresholds say.
 */
import type { MetricValue } from '../result.ts';

/** The side a value is better on. */
export type Direction = 'up' | 'down';
/** A level as a factor of the target (a positive number) or an absolute value. */
export type Threshold = number | { readonly absolute: number };
/** Levels on the bad side of the target. */
export interface Thresholds {
  readonly warning?: Threshold | undefined;
  readonly critical?: Threshold | undefined;
}
/** Half-width of a band around the target that counts as on track: relative (0.02 = ±2 %) or absolute. */
export type NeutralBand = number | { readonly absolute: number };

export type Status = 'on-track' | 'at-risk' | 'off-track' | 'unknown';

/** Why a status is what it is, as a stable code the element translates. */
export type StatusReason =
  | 'met' // on the good side of warning
  | 'neutral' // inside the neutral band
  | 'below-warning' // past warning, not past critical
  | 'below-critical' // past critical
  | 'not-available'; // no value

export interface Levels {
  readonly target: number;
  readonly direction: Direction;
  readonly warning: number;
  readonly critical: number;
  /** Inclusive neutral band around the target, or null. */
  readonly neutralLow: number | null;
  readonly neutralHigh: number | null;
}

export const DEFAULT_THRESHOLDS: Readonly<Record<Direction, { warning: number; critical: number }>> = {
  up: { warning: 1, critical: 0.9 },
  down: { warning: 1, critical: 1.1 },
};

export function resolveLevel(target: number, t: Threshold): number {
  if (typeof t === 'number') return target + (t - 1) * Math.abs(target);
  return t.absolute;
}

/**
 * Absolute levels from a target, direction and thresholds. When the two levels are in the
 * wrong order for the direction (critical better than warning), `problem` says so; the
 * levels are then swapped so status stays monotonic.
 */
export function resolveLevels(
  target: number,
  direction: Direction,
  thresholds?: Thresholds,
  neutral?: NeutralBand,
): Levels & { readonly problem: string | null } {
  const d = DEFAULT_THRESHOLDS[direction];
  let warning = resolveLevel(target, thresholds?.warning ?? d.warning);
  let critical = resolveLevel(target, thresholds?.critical ?? d.critical);
  let problem: string | null = null;
  const wrongOrder = direction === 'up' ? critical > warning : critical < warning;
  if (wrongOrder) {
    problem = direction === 'up'
      ? `critical (${critical}) must not be above warning (${warning}) when higher is better`
      : `critical (${critical}) must not be below warning (${warning}) when lower is better`;
    [warning, critical] = [critical, warning];
  }
  let neutralLow: number | null = null;
  let neutralHigh: number | null = null;
  if (neutral !== undefined) {
    const half = typeof neutral === 'number' ? neutral * Math.abs(target) : neutral.absolute;
    neutralLow = target - half;
    neutralHigh = target + half;
  }
  return { target, direction, warning, critical, neutralLow, neutralHigh, problem };
}

export interface StatusResult {
  readonly status: Status;
  readonly reason: StatusReason;
}

function numberOf(value: MetricValue | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value.ok ? value.value : null;
}

/** Status of a value against resolved levels. */
export function statusOf(value: MetricValue | number | null | undefined, levels: Levels): StatusResult {
  const v = numberOf(value);
  if (v === null) return { status: 'unknown', reason: 'not-available' };
  if (levels.neutralLow !== null && levels.neutralHigh !== null && v >= levels.neutralLow && v <= levels.neutralHigh) {
    return { status: 'on-track', reason: 'neutral' };
  }
  if (levels.direction === 'up') {
    if (v >= levels.warning) return { status: 'on-track', reason: 'met' };
    if (v >= levels.critical) return { status: 'at-risk', reason: 'below-warning' };
    return { status: 'off-track', reason: 'below-critical' };
  }
  if (v <= levels.warning) return { status: 'on-track', reason: 'met' };
  if (v <= levels.critical) return { status: 'at-risk', reason: 'below-warning' };
  return { status: 'off-track', reason: 'below-critical' };
}

/** Convenience: status straight from target, direction and thresholds. */
export function kpiStatus(
  value: MetricValue | number | null | undefined,
  target: number,
  direction: Direction,
  thresholds?: Thresholds,
  neutral?: NeutralBand,
): StatusResult {
  return statusOf(value, resolveLevels(target, direction, thresholds, neutral));
}

/** Scales every level by a share (pacing: expected-to-date for a total that builds up). */
export function scaleLevels(levels: Levels, share: number): Levels {
  const s = (x: number | null) => (x === null ? null : x * share);
  return {
    target: levels.target * share,
    direction: levels.direction,
    warning: levels.warning * share,
    critical: levels.critical * share,
    neutralLow: s(levels.neutralLow),
    neutralHigh: s(levels.neutralHigh),
  };
}

const SEVERITY: Record<Status, number> = { 'on-track': 1, 'at-risk': 2, 'off-track': 3, unknown: 0 };

/** The worst status of a set; `unknown` only when nothing could be judged. */
export function overallStatus(statuses: readonly Status[]): Status {
  let worst: Status = 'unknown';
  for (const s of statuses) if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  return worst;
}

export function severity(s: Status): number {
  return SEVERITY[s];
}
