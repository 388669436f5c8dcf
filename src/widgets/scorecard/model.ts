/**
 * Configuration + records → ScorecardModel: per KPI its current value, status, pacing, the
 * comparison with the previous period (or the same period last year), its series and the
 * six "A" marks. Pure: `now` is an input, no DOM, no formatting.
 *
 * Periods: the current period of a KPI is the calendar period (its `targetPeriod`, UTC)
 * containing `now` (= the config's `asOf`, read as the end of that day, else the clock).
 * - A total that builds up (revenue, deals opened) in a period still running is judged against
 *   expected-to-date (target × elapsed share), and compared with the comparison period up to
 *   the same point (period-to-date against period-to-date).
 * - Rates and averages are judged against the full target at any time.
 * The series holds the `historyPeriods` (default 8) periods up to the current one; leading
 * periods before the data starts are left out.
 */
import type { Deal } from '../../core/schema/records.ts';
import type { Direction, KpiConfig, KpiUnit, Label, Period, ScorecardConfig } from './config.ts';
import { available, notAvailable, type MetricMeta, type MetricValue } from '../../core/result.ts';
import { isGrouped, type GroupBy, type MetricOptions } from '../../kpis/metric.ts';
import { DEFAULT_PACING, pacing, type Pacing } from '../../core/targets/pacing.ts';
import { DAY_MS, parseWhen, periodOf, periodOfString, periodsEndingAt, sameLastYear, shiftPeriod, type PeriodSpan } from '../../core/calendar.ts';
import { overallStatus, resolveLevels, scaleLevels, statusOf, type Levels, type Status, type StatusReason } from '../../core/targets/status.ts';
import type { SourceRows } from './sources.ts';
import {
  checkAccurate, checkAchievable, checkActionable, checkAligned, checkAlive, checkKpiCount, checkSharp,
  DEFAULT_MAX_KPIS, type ACheck, type QualityCounts,
} from './six-a.ts';
import { accumulatesByDefault, whyNotComputable, type MetricLookup, type ScorecardMetric } from './metrics.ts';

export type KpiStatusReason = StatusReason | 'too-early';

export interface SeriesValue {
  readonly key: string;
  readonly value: number | null;
}

export interface Comparison {
  readonly kind: 'previous-period' | 'same-period-last-year';
  readonly key: string;
  readonly value: MetricValue;
  /** current − comparison, when both are available. */
  readonly delta: number | null;
  /** delta ÷ |comparison|, when the comparison is not 0. */
  readonly deltaRatio: number | null;
  /** Both sides cover the same elapsed part of their periods (a running period's total). */
  readonly toDate: boolean;
}

export interface KpiModel {
  readonly id: string;
  readonly label: Label;
  readonly source: 'metric' | 'supplied';
  readonly metric: string | null;
  readonly meta: MetricMeta | null;
  readonly unit: KpiUnit;
  readonly direction: Direction;
  readonly accumulates: boolean;
  readonly kind: 'leading' | 'lagging' | null;
  readonly period: PeriodSpan;
  readonly value: MetricValue;
  readonly target: number;
  /** Levels for the full period. */
  readonly levels: Levels;
  /** Levels the status was judged against (scaled to date while a total's period runs). */
  readonly judgedLevels: Levels;
  readonly status: Status;
  readonly statusReason: KpiStatusReason;
  /** For totals in a running period; null otherwise. */
  readonly pacing: Pacing | null;
  readonly comparison: Comparison | null;
  readonly series: readonly SeriesValue[];
  readonly checks: readonly ACheck[];
  readonly quality: QualityCounts | null;
  readonly dataAgeDays: number | null;
  readonly config: KpiConfig;
}

export interface ScorecardModel {
  readonly now: number;
  readonly kpis: readonly KpiModel[];
  readonly status: Status;
  /** Scorecard-level "sharp": a limited number of KPIs. */
  readonly countCheck: ACheck;
  /** Problems found while resolving the config against the catalogue (unknown metric, thresholds in the wrong order). */
  readonly problems: readonly { readonly kpi: string; readonly index: number; readonly field: string; readonly message: string }[];
}

export interface BuildInput {
  readonly config: ScorecardConfig;
  /** Validated deals (may be empty when every KPI is supplied). */
  readonly deals: readonly Deal[];
  /** Validation counts of the deals (the "accurate" check). */
  readonly quality?: QualityCounts | null;
  readonly metrics: MetricLookup;
  /** Epoch ms; the config's `asOf` wins. */
  readonly now?: number;
  /** The other sources' validated rows (leads, costs, transactions, activities). */
  readonly sources?: Omit<SourceRows, 'deals'>;
  /** Each other source's quality counts and date span (the accurate and alive checks of the KPIs that read it). */
  readonly sourceInfo?: Readonly<Record<string, SourceInfo>>;
}

export interface SourceInfo {
  readonly quality: QualityCounts | null;
  readonly oldest: number | null;
  readonly newest: number | null;
}

/** `asOf` as the instant it ends (a day given as a date covers that whole day). */
export function resolveNow(config: ScorecardConfig, fallback: number): number {
  if (!config.asOf) return fallback;
  const t = parseWhen(config.asOf);
  return t === null ? fallback : t + DAY_MS;
}

function matches(d: Deal, filter: Readonly<Record<string, string | number | boolean>> | undefined): boolean {
  if (!filter) return true;
  for (const [k, v] of Object.entries(filter)) {
    if (!Object.hasOwn(d, k)) return false;
    const x = (d as unknown as Record<string, unknown>)[k];
    if (x instanceof Date ? x.toISOString().slice(0, 10) !== String(v) : String(x) !== String(v)) return false;
  }
  return true;
}

function computeIn(metric: ScorecardMetric, rows: SourceRows, params: KpiConfig['params'], from: number, to: number, grain: Period, groupBy?: GroupBy): MetricValue {
  // `grain`: the KPI's period, for pre-aggregated rows (aggregates.ts); catalogue metrics ignore it.
  const opts: MetricOptions & Record<string, unknown> = groupBy === undefined
    ? { ...(params ?? {}), period: { from, to }, grain }
    : { ...(params ?? {}), period: { from, to }, grain, groupBy };
  const r = metric.compute(rows, opts);
  return isGrouped(r) ? r.total : r;
}

/** Newest close or creation date among the deals. */
export function newestDealTime(deals: readonly Deal[]): number | null {
  let newest: number | null = null;
  for (const d of deals) {
    for (const dt of [d.closeDate, d.createdDate]) {
      const t = dt?.getTime();
      if (t !== undefined && Number.isFinite(t) && (newest === null || t > newest)) newest = t;
    }
  }
  return newest;
}

/** Oldest close or creation date among the deals. */
function oldestDealTime(deals: readonly Deal[]): number | null {
  let oldest: number | null = null;
  for (const d of deals) {
    for (const dt of [d.closeDate, d.createdDate]) {
      const t = dt?.getTime();
      if (t !== undefined && Number.isFinite(t) && (oldest === null || t < oldest)) oldest = t;
    }
  }
  return oldest;
}

const valueOf = (m: MetricValue): number | null => (m.ok ? m.value : null);

function compare(kind: Comparison['kind'], key: string, current: MetricValue, other: MetricValue, toDate: boolean): Comparison {
  const a = valueOf(current);
  const b = valueOf(other);
  const delta = a !== null && b !== null ? a - b : null;
  const deltaRatio = delta !== null && b !== null && b !== 0 ? delta / Math.abs(b) : null;
  return { kind, key, value: other, delta, deltaRatio, toDate };
}

interface Judged {
  status: Status;
  reason: KpiStatusReason;
  judged: Levels;
  pace: Pacing | null;
}

function judge(value: MetricValue, levels: Levels, accumulates: boolean, period: PeriodSpan, now: number, config: ScorecardConfig): Judged {
  const v = valueOf(value);
  const running = now > period.start && now < period.end;
  if (!accumulates || !running) {
    const s = statusOf(v, levels);
    return { status: s.status, reason: s.reason, judged: levels, pace: null };
  }
  const pace = pacing(v, levels.target, period, now, {
    minElapsedShare: config.pacing?.minElapsedShare ?? DEFAULT_PACING.minElapsedShare,
    minDays: config.pacing?.minDays ?? DEFAULT_PACING.minDays,
  });
  if (pace.state === 'too-early' || pace.state === 'not-started') {
    // Already at the full target: that is on track whatever the date.
    const full = statusOf(v, levels);
    if (full.status === 'on-track') return { status: 'on-track', reason: full.reason, judged: levels, pace };
    return { status: 'unknown', reason: 'too-early', judged: levels, pace };
  }
  const judged = scaleLevels(levels, pace.elapsedShare);
  const s = statusOf(v, judged);
  return { status: s.status, reason: s.reason, judged, pace };
}

function trimLeading(series: SeriesValue[]): SeriesValue[] {
  let i = 0;
  while (i < series.length - 1 && series[i]!.value === null) i++;
  return series.slice(i);
}

interface Core {
  period: PeriodSpan;
  value: MetricValue;
  series: SeriesValue[];
  comparison: Comparison | null;
  history: number[];
  dataTime: number | null;
  quality: QualityCounts | null;
}

/** The oldest and newest record time of the sources a metric reads, and the quality to judge it by. */
function sourcesOf(metric: ScorecardMetric, input: BuildInput, deals: readonly Deal[]): { oldest: number | null; newest: number | null; quality: QualityCounts | null } {
  const reads = metric.reads ?? ['deals'];
  let oldest: number | null = null;
  let newest: number | null = null;
  const qualities: QualityCounts[] = [];
  for (const name of reads) {
    const info: SourceInfo = name === 'deals'
      ? { quality: input.quality ?? null, oldest: oldestDealTime(deals), newest: newestDealTime(input.deals) }
      : input.sourceInfo?.[name] ?? { quality: null, oldest: null, newest: null };
    if (info.oldest !== null && (oldest === null || info.oldest < oldest)) oldest = info.oldest;
    if (info.newest !== null && (newest === null || info.newest > newest)) newest = info.newest;
    if (info.quality) qualities.push(name === 'deals' && (reads.length > 1 || input.sourceInfo) ? { ...info.quality, source: 'deals' } : info.quality);
  }
  return { oldest, newest, quality: combineQuality(qualities) };
}

/**
 * The quality of several sources, as one "accurate" mark: the worst source's counts when any
 * source does not pass clean (a dirty leads file makes CPL not accurate, whatever the deals), else
 * the counts added up, named by all the sources.
 */
export function combineQuality(qs: readonly QualityCounts[]): QualityCounts | null {
  if (qs.length === 0) return null;
  if (qs.length === 1) return qs[0]!;
  const rank = { fail: 0, warn: 1, pass: 2 } as const;
  let worst = qs[0]!;
  let worstCheck = checkAccurate(worst);
  for (const q of qs.slice(1)) {
    const c = checkAccurate(q);
    const share = (x: QualityCounts) => x.valid / Math.max(1, x.valid + x.rejected);
    if (rank[c.mark] < rank[worstCheck.mark] || (c.mark === worstCheck.mark && share(q) < share(worst))) {
      worst = q;
      worstCheck = c;
    }
  }
  if (worstCheck.mark !== 'pass' || worstCheck.code !== 'all-valid') return worst;
  return {
    valid: qs.reduce((s, q) => s + q.valid, 0),
    rejected: 0,
    reasons: {},
    source: qs.map((q) => q.source).filter((x) => x !== undefined).join(', '),
  };
}

function computedCore(k: KpiConfig, metric: ScorecardMetric, input: BuildInput, now: number, accumulates: boolean, historyPeriods: number): Core {
  const deals = k.filter ? input.deals.filter((d) => matches(d, k.filter)) : input.deals;
  const rows: SourceRows = { ...(input.sources ?? {}), deals };
  const period = periodOf(now - 1, k.targetPeriod);
  const running = now < period.end;
  const grain = k.targetPeriod;
  const value = computeIn(metric, rows, k.params, period.start, Math.min(now, period.end), grain);
  const from = sourcesOf(metric, input, deals);
  const oldest = from.oldest;
  const spans = periodsEndingAt(period, historyPeriods + 1);
  const series = trimLeading(spans.map((p, i) => {
    if (oldest !== null && p.end <= oldest) return { key: p.key, value: null };
    const v = i === spans.length - 1 ? value : computeIn(metric, rows, k.params, p.start, p.end, grain);
    return { key: p.key, value: valueOf(v) };
  }));
  const history = series.slice(0, -1).map((s) => s.value).filter((v): v is number => v !== null);
  const kind = k.comparison ?? 'previous-period';
  const other = kind === 'previous-period' ? shiftPeriod(period, -1) : sameLastYear(period);
  const toDate = running && accumulates;
  const otherValue = toDate
    ? computeIn(metric, rows, k.params, other.start, other.start + (now - period.start), grain)
    : computeIn(metric, rows, k.params, other.start, other.end, grain);
  return {
    period,
    value,
    series,
    comparison: compare(kind, other.key, value, otherValue, toDate),
    history,
    dataTime: from.newest,
    quality: from.quality,
  };
}

function suppliedCore(k: KpiConfig, now: number, historyPeriods: number): Core {
  const byKey = new Map<string, { span: PeriodSpan; value: number | null }>();
  for (const p of k.series ?? []) {
    const span = periodOfString(p.period, k.targetPeriod);
    if (span) byKey.set(span.key, { span, value: p.value });
  }
  let period = periodOf(now - 1, k.targetPeriod);
  let value: MetricValue;
  if (k.value !== undefined) {
    value = k.value === null ? notAvailable('missing-input', 'no value supplied') : available(k.value);
  } else {
    // No point for the current period: the latest period up to now is the current one.
    let latest: PeriodSpan | null = null;
    for (const { span } of byKey.values()) if (span.start < now && (latest === null || span.start > latest.start)) latest = span;
    if (latest && !byKey.has(period.key)) period = latest;
    const v = byKey.get(period.key)?.value;
    value = v === undefined || v === null ? notAvailable('no-data', `no value for ${period.key}`) : available(v);
  }
  const spans = periodsEndingAt(period, historyPeriods + 1);
  const series = trimLeading(spans.map((p, i) => {
    if (i === spans.length - 1) return { key: p.key, value: valueOf(value) };
    return { key: p.key, value: byKey.get(p.key)?.value ?? null };
  }));
  const history = series.slice(0, -1).map((s) => s.value).filter((v): v is number => v !== null);
  const kind = k.comparison ?? 'previous-period';
  const other = kind === 'previous-period' ? shiftPeriod(period, -1) : sameLastYear(period);
  const ov = byKey.get(other.key)?.value;
  const otherValue = ov === undefined || ov === null ? notAvailable('no-data', `no value for ${other.key}`) : available(ov);
  let dataTime: number | null = k.dataAsOf ? parseWhen(k.dataAsOf) : null;
  if (dataTime === null && k.series && k.series.length > 0) {
    // The newest period's end stands for when the data was current.
    let end: number | null = null;
    for (const { span } of byKey.values()) if (end === null || span.end > end) end = span.end;
    dataTime = end === null ? null : Math.min(end, now);
  }
  const quality = k.quality ? { valid: k.quality.valid, rejected: k.quality.rejected, ...(k.quality.reasons ? { reasons: k.quality.reasons } : {}) } : null;
  return {
    period,
    value,
    series,
    comparison: ov === undefined && k.series === undefined ? null : compare(kind, other.key, value, otherValue, false),
    history,
    dataTime,
    quality,
  };
}

export function buildScorecard(input: BuildInput): ScorecardModel {
  const { config } = input;
  const now = resolveNow(config, input.now ?? Date.now());
  const maxKpis = config.maxKpis ?? DEFAULT_MAX_KPIS;
  const historyPeriods = config.historyPeriods ?? 8;
  const problems: { kpi: string; index: number; field: string; message: string }[] = [];
  const kpis: KpiModel[] = [];

  config.kpis.forEach((k, index) => {
    let metric: ScorecardMetric | undefined;
    if (k.metric !== undefined) {
      metric = input.metrics(k.metric);
      if (!metric) {
        problems.push({ kpi: k.id, index, field: 'metric', message: input.metrics.why?.(k.metric) ?? whyNotComputable(k.metric) });
        return;
      }
    }
    const meta = metric?.meta ?? null;
    const direction: Direction = k.direction ?? (meta?.better ?? 'up');
    const unit: KpiUnit = k.unit ?? meta?.unit ?? 'number';
    const accumulates = k.accumulates ?? (metric ? accumulatesByDefault(meta ?? undefined) : false);
    const levelsR = resolveLevels(k.target, direction, k.thresholds, k.neutralBand);
    if (levelsR.problem) problems.push({ kpi: k.id, index, field: 'thresholds', message: levelsR.problem });
    const { problem: _p, ...levels } = levelsR;
    const core = metric ? computedCore(k, metric, input, now, accumulates, historyPeriods) : suppliedCore(k, now, historyPeriods);
    const j = judge(core.value, levels, accumulates, core.period, now, config);
    const dataAgeDays = core.dataTime === null ? null : Math.max(0, Math.floor((now - core.dataTime) / DAY_MS));
    const checks: ACheck[] = [
      checkAligned(k.objective),
      checkAchievable(k.target, direction, core.history),
      checkSharp(core.series.map((s) => s.value), config.kpis.length, maxKpis),
      checkAccurate(core.quality),
      checkActionable(k.owner, k.nextAction),
      checkAlive(dataAgeDays, k.reviewCadence, k.maxDataAgeDays),
    ];
    kpis.push({
      id: k.id,
      label: k.label ?? meta?.name ?? k.id,
      source: metric ? 'metric' : 'supplied',
      metric: k.metric ?? null,
      meta,
      unit,
      direction,
      accumulates,
      kind: k.kind ?? null,
      period: core.period,
      value: core.value,
      target: k.target,
      levels,
      judgedLevels: j.judged,
      status: j.status,
      statusReason: j.reason,
      pacing: j.pace,
      comparison: core.comparison,
      series: core.series,
      checks,
      quality: core.quality,
      dataAgeDays,
      config: k,
    });
  });

  return {
    now,
    kpis,
    status: overallStatus(kpis.map((k) => k.status)),
    countCheck: checkKpiCount(config.kpis.length, maxKpis),
    problems,
  };
}

/** KPIs whose status moved between two models (both judged), for `kpi-status-change`. */
export function statusChanges(before: ScorecardModel | undefined, after: ScorecardModel): { id: string; from: Status; to: Status }[] {
  if (!before) return [];
  const prev = new Map(before.kpis.map((k) => [k.id, k.status]));
  const out: { id: string; from: Status; to: Status }[] = [];
  for (const k of after.kpis) {
    const from = prev.get(k.id);
    if (from !== undefined && from !== k.status) out.push({ id: k.id, from, to: k.status });
  }
  return out;
}

export type { Period };
