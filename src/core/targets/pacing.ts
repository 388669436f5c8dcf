/**
 * Pacing for a period still running: a total that builds up over the period (revenue,
 * deals opened) is judged against expected-to-date = target × elapsed share of the period,
 * not against the full target.
 *
 * Guard: the first days of a period say little (a quiet Monday is not a missed quarter).
 * Below `minElapsedShare` (default 10 %) of the period, or fewer than `minDays` (default 3)
 * whole days in, the pace is 'too-early' and must not be read as off track.
 *
 * Periods are calendar periods in UTC (core/calendar.ts).
 */
import { DAY_MS, periodOf, type PeriodSpan, type SpanGrain } from '../calendar.ts';

export type PaceState = 'not-started' | 'too-early' | 'running' | 'complete';

export interface PacingOptions {
  readonly minElapsedShare?: number;
  readonly minDays?: number;
}

export const DEFAULT_PACING: Required<PacingOptions> = { minElapsedShare: 0.1, minDays: 3 };

export interface Pacing {
  readonly state: PaceState;
  readonly period: PeriodSpan;
  /** Share of the period elapsed at `now`, in [0, 1]. */
  readonly elapsedShare: number;
  readonly elapsedDays: number;
  readonly totalDays: number;
  /** target × elapsed share (the full target once complete). */
  readonly expectedToDate: number;
  /** value − expected-to-date, or null without a value. */
  readonly gap: number | null;
  /** value ÷ elapsed share: where the period ends at this pace; null while too early or without a value. */
  readonly projected: number | null;
}

/** Elapsed share of a period at `now`, clamped to [0, 1]. */
export function elapsedShare(period: PeriodSpan, now: number): number {
  if (now <= period.start) return 0;
  if (now >= period.end) return 1;
  return (now - period.start) / (period.end - period.start);
}

/**
 * Pace of a value against a target in the period containing `now` (or the given period).
 * `now` is a UTC timestamp; the elapsed share counts time up to `now`.
 */
export function pacing(
  value: number | null,
  target: number,
  period: SpanGrain | PeriodSpan,
  now: number,
  options: PacingOptions = {},
): Pacing {
  const span = typeof period === 'string' ? periodOf(now, period) : period;
  const minShare = options.minElapsedShare ?? DEFAULT_PACING.minElapsedShare;
  const minDays = options.minDays ?? DEFAULT_PACING.minDays;
  const share = elapsedShare(span, now);
  const elapsedDays = Math.max(0, Math.floor((Math.min(now, span.end) - span.start) / DAY_MS));
  const totalDays = Math.round((span.end - span.start) / DAY_MS);
  let state: PaceState;
  if (share <= 0) state = 'not-started';
  else if (share >= 1) state = 'complete';
  else if (share < minShare || elapsedDays < minDays) state = 'too-early';
  else state = 'running';
  const expectedToDate = target * share;
  const gap = value === null ? null : value - expectedToDate;
  const projected = value === null || state === 'too-early' || state === 'not-started' ? null : value / share;
  return { state, period: span, elapsedShare: share, elapsedDays, totalDays, expectedToDate, gap, projected };
}
