/**
 * The "6 A" audit of a KPI (seed 003: Alineados, Alcanzables, Agudos, Precisos, Accionables,
 * Vivos). Each check returns a mark (pass | warn | fail) with a stable reason code and the
 * numbers behind it; the element turns code + params into one line a manager understands,
 * in English or Spanish. Pure; no text for display is built here.
 *
 * Thresholds (documented defaults, overridable per call):
 * - achievable: the reference is the best of the last `historyPeriods` complete periods
 *   (highest when higher is better, lowest when lower is better), or the trend line's value
 *   for the current period when that is better (only with 4 or more past periods: a line through
 *   three points, one of them a partial quarter, says little). stretch = how far the target is past the
 *   reference, as a share of |reference|.
 *     stretch ≤ 10 % → pass ('within-reach')
 *     10 % < stretch ≤ 50 % → warn ('stretch')
 *     stretch > 50 % → fail ('out-of-reach')
 *   A target worse than every recent period → warn ('too-easy'). Fewer than 3 past
 *   periods → warn ('no-history').
 * - sharp: fewer than 3 points → warn ('short-series'); every point equal → fail ('constant');
 *   otherwise pass ('varies'). More KPIs on the scorecard than `maxKpis` (default 7) → warn
 *   ('too-many-kpis') on a series that would otherwise pass.
 * - accurate: share of input rows that passed validation. ≥ 99 % and nothing flagged → pass;
 *   ≥ 90 % → warn ('some-rejected' / 'flagged'); below → fail ('many-rejected'); no rows → fail.
 *   A value supplied directly with no quality counts → warn ('unverified').
 * - alive: data age vs the allowed age: `maxDataAgeDays`, else the review cadence
 *   (daily 1, weekly 7, monthly 31, quarterly 92, yearly 366 days). age ≤ allowed → pass;
 *   ≤ 2 × allowed → warn ('ageing'); beyond → fail ('stale'). No cadence → warn ('no-cadence').
 */
import type { Direction, ReviewCadence } from './config.ts';
import type { Finding } from '../../core/data/quality.ts';

export type Mark = 'pass' | 'warn' | 'fail';
export type AName = 'aligned' | 'achievable' | 'sharp' | 'accurate' | 'actionable' | 'alive';
export const A_NAMES: readonly AName[] = ['aligned', 'achievable', 'sharp', 'accurate', 'actionable', 'alive'];

export interface ACheck {
  readonly a: AName;
  readonly mark: Mark;
  /** Stable reason code the element translates. */
  readonly code: string;
  readonly params: Readonly<Record<string, number | string>>;
}

const check = (a: AName, mark: Mark, code: string, params: Record<string, number | string> = {}): ACheck => ({ a, mark, code, params });

// --- Aligned -----------------------------------------------------------------------------

export function checkAligned(objective: string | undefined | null): ACheck {
  const o = objective?.trim() ?? '';
  return o === '' ? check('aligned', 'fail', 'no-objective') : check('aligned', 'pass', 'objective', { objective: o });
}

// --- Achievable --------------------------------------------------------------------------

export const ACHIEVABLE = { passStretch: 0.1, failStretch: 0.5, minHistory: 3, minTrend: 4 } as const;

/** Least-squares line through (i, y_i); its value at x. Null with fewer than 2 points. */
export function trendAt(values: readonly number[], x: number): number | null {
  const n = values.length;
  if (n < 2) return null;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    const y = values[i]!;
    sx += i; sy += y; sxx += i * i; sxy += i * y;
  }
  const den = n * sxx - sx * sx;
  if (den === 0) return null;
  const slope = (n * sxy - sx * sy) / den;
  const intercept = (sy - slope * sx) / n;
  return intercept + slope * x;
}

/**
 * @param history values of the last complete periods, oldest first (not-available removed)
 */
export function checkAchievable(
  target: number,
  direction: Direction,
  history: readonly number[],
  opts: { passStretch?: number; failStretch?: number; minHistory?: number } = {},
): ACheck {
  const passStretch = opts.passStretch ?? ACHIEVABLE.passStretch;
  const failStretch = opts.failStretch ?? ACHIEVABLE.failStretch;
  const minHistory = opts.minHistory ?? ACHIEVABLE.minHistory;
  if (history.length < minHistory) {
    return check('achievable', 'warn', 'no-history', { periods: history.length, needed: minHistory, target });
  }
  const up = direction === 'up';
  let best = history[0]!;
  let worst = history[0]!;
  for (const v of history) {
    if (up ? v > best : v < best) best = v;
    if (up ? v < worst : v > worst) worst = v;
  }
  // A trend needs a few points to mean anything; with fewer, the best period alone is the reference.
  const trend = history.length >= ACHIEVABLE.minTrend ? trendAt(history, history.length) : null; // the next (current) period
  const reference = trend !== null && (up ? trend > best : trend < best) ? trend : best;
  const basis = reference === best ? 'best' : 'trend';
  const beyond = up ? target - reference : reference - target;
  const stretch = reference === 0 ? (beyond > 0 ? Infinity : 0) : beyond / Math.abs(reference);
  const params = { target, best, worst, reference, basis, stretch: Number.isFinite(stretch) ? stretch : -1 };
  if (up ? target < worst : target > worst) return check('achievable', 'warn', 'too-easy', params);
  if (stretch <= passStretch) return check('achievable', 'pass', 'within-reach', params);
  if (stretch <= failStretch) return check('achievable', 'warn', 'stretch', params);
  return check('achievable', 'fail', 'out-of-reach', params);
}

// --- Sharp -------------------------------------------------------------------------------

export const DEFAULT_MAX_KPIS = 7;

export function checkSharp(series: readonly (number | null)[], kpiCount: number, maxKpis = DEFAULT_MAX_KPIS): ACheck {
  const values = series.filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length < 3) return check('sharp', 'warn', 'short-series', { points: values.length, needed: 3 });
  let min = values[0]!;
  let max = values[0]!;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return check('sharp', 'fail', 'constant', { points: values.length, value: min });
  if (kpiCount > maxKpis) return check('sharp', 'warn', 'too-many-kpis', { count: kpiCount, max: maxKpis, points: values.length });
  return check('sharp', 'pass', 'varies', { points: values.length, min, max });
}

/** The scorecard-level half of "sharp": a limited number of KPIs. */
export function checkKpiCount(kpiCount: number, maxKpis = DEFAULT_MAX_KPIS): ACheck {
  return kpiCount > maxKpis
    ? check('sharp', 'warn', 'too-many-kpis', { count: kpiCount, max: maxKpis })
    : check('sharp', 'pass', 'few-kpis', { count: kpiCount, max: maxKpis });
}

// --- Accurate ----------------------------------------------------------------------------

export interface QualityCounts {
  /** Rows that passed validation and were used. */
  readonly valid: number;
  /** Rows dropped. */
  readonly rejected: number;
  /** Why rows were dropped: reason → count. */
  readonly reasons?: Readonly<Record<string, number>>;
  /** Rows kept but suspicious (e.g. a product name not in the product list): reason → count. */
  readonly flagged?: Readonly<Record<string, number>>;
  /** An example value per flag reason (e.g. 'unknown-product' → 'GTXPro'), to say what was flagged. */
  readonly examples?: Readonly<Record<string, string>>;
  /**
   * Distinct rows with at least one flag: a row flagged twice (an open deal with no account
   * naming an unknown product) counts once. Default: the sum of `flagged`.
   */
  readonly flaggedRows?: number;
  /** What the data-quality pass (core/data/quality.ts) found, by class, with the rows of each finding. */
  readonly findings?: readonly Finding[];
  /** The source these counts are of ("leads"; "deals, costs" for several), when a KPI reads other sources than deals. */
  readonly source?: string;
}

export const ACCURATE = { pass: 0.99, warn: 0.9 } as const;

function topReason(reasons: Readonly<Record<string, number>> | undefined): { reason: string; count: number } | null {
  if (!reasons) return null;
  let top: { reason: string; count: number } | null = null;
  for (const [reason, count] of Object.entries(reasons)) {
    if (count > 0 && (top === null || count > top.count)) top = { reason, count };
  }
  return top;
}

export function checkAccurate(q: QualityCounts | null | undefined): ACheck {
  if (!q) return check('accurate', 'warn', 'unverified');
  const total = q.valid + q.rejected;
  if (total === 0) return check('accurate', 'fail', 'no-rows');
  const share = q.valid / total;
  const top = topReason(q.reasons);
  const flagged = q.flaggedRows ?? (q.flagged ? Object.values(q.flagged).reduce((s, n) => s + n, 0) : 0);
  const topFlag = topReason(q.flagged);
  const params: Record<string, number | string> = {
    valid: q.valid,
    rejected: q.rejected,
    total,
    share,
    flagged,
  };
  if (top) { params.reason = top.reason; params.reasonCount = top.count; }
  if (q.source !== undefined) params.source = q.source;
  if (topFlag) { params.flag = topFlag.reason; params.flagCount = topFlag.count; }
  if (share < ACCURATE.warn) return check('accurate', 'fail', 'many-rejected', params);
  if (share < ACCURATE.pass) return check('accurate', 'warn', 'some-rejected', params);
  if (flagged > 0) return check('accurate', 'warn', 'flagged', params);
  if (q.rejected > 0) return check('accurate', 'pass', 'few-rejected', params);
  return check('accurate', 'pass', 'all-valid', params);
}

// --- Actionable --------------------------------------------------------------------------

export function checkActionable(owner: string | undefined | null, nextAction: string | undefined | null): ACheck {
  const o = owner?.trim() ?? '';
  const n = nextAction?.trim() ?? '';
  if (o !== '' && n !== '') return check('actionable', 'pass', 'owner-and-action', { owner: o, action: n });
  if (o !== '') return check('actionable', 'pass', 'owner', { owner: o });
  if (n !== '') return check('actionable', 'pass', 'action', { action: n });
  return check('actionable', 'fail', 'no-owner');
}

// --- Alive -------------------------------------------------------------------------------

export const CADENCE_DAYS: Readonly<Record<ReviewCadence, number>> = {
  daily: 1,
  weekly: 7,
  monthly: 31,
  quarterly: 92,
  yearly: 366,
};

/**
 * @param dataAgeDays days from the newest data point to `now` (null when unknown)
 */
export function checkAlive(dataAgeDays: number | null, reviewCadence?: ReviewCadence, maxDataAgeDays?: number): ACheck {
  const allowed = maxDataAgeDays ?? (reviewCadence ? CADENCE_DAYS[reviewCadence] : null);
  if (allowed === null) {
    return dataAgeDays === null
      ? check('alive', 'warn', 'no-cadence')
      : check('alive', 'warn', 'no-cadence', { age: dataAgeDays });
  }
  const cadence = reviewCadence ?? '';
  if (dataAgeDays === null) return check('alive', 'warn', 'unknown-age', { allowed, cadence });
  const params = { age: dataAgeDays, allowed, cadence };
  if (dataAgeDays <= allowed) return check('alive', 'pass', 'fresh', params);
  if (dataAgeDays <= 2 * allowed) return check('alive', 'warn', 'ageing', params);
  return check('alive', 'fail', 'stale', params);
}

/** The worst mark of a set (for a compact badge: 4/6 pass, worst = fail). */
export function worstMark(checks: readonly ACheck[]): Mark {
  if (checks.some((c) => c.mark === 'fail')) return 'fail';
  if (checks.some((c) => c.mark === 'warn')) return 'warn';
  return 'pass';
}
