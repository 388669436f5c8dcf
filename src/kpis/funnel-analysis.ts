/**
 * The whole funnel analysis the <kpi-funnel> element shows, as one pure function of
 * validated rows: the funnel for the current period, the comparison period, and one
 * funnel per segment (lead source, channel, rep, region).
 */
import { bucketKey, type TimeBucket } from '../core/calendar.ts';
import { computeFunnel, type FunnelModel, type StepTargets } from './funnel.ts';
import { countsFromAggregates, reachedCounts, stagesInOrder, type FunnelRecord } from './funnel-records.ts';

/** The grain rows dated by epoch ms are bucketed by (core/calendar.ts's period keys). */
export type PeriodGrain = TimeBucket;

export interface FunnelRow extends FunnelRecord {
  readonly count?: number | undefined;
  readonly group?: string | undefined;
  /** A period key, or an epoch-ms date to bucket by `grain`. */
  readonly period?: string | number | undefined;
}

export interface FunnelAnalysisOptions {
  /** Stage order; defaults to the order stages first appear in the rows. */
  readonly stages?: readonly string[];
  readonly lostValues: readonly string[];
  readonly targets?: StepTargets;
  /** 'stages': rows are aggregated counts; 'records': one row per lead or deal. */
  readonly input: 'stages' | 'records';
  readonly grain?: PeriodGrain;
  /** The period to show; default the latest present. */
  readonly period?: string;
  /** The period to compare with: 'previous' (default when rows carry periods), 'none', or a period key. */
  readonly compare?: string;
  /** Segments to keep, by size, when grouped (the rest are summed into "other"). */
  readonly maxGroups?: number;
}

export interface Segment {
  readonly key: string;
  readonly funnel: FunnelModel;
  readonly size: number;
}

export interface FunnelAnalysis {
  readonly input: 'stages' | 'records';
  readonly stages: readonly string[];
  readonly current: FunnelModel;
  readonly period: string | null;
  readonly previous: FunnelModel | null;
  readonly previousPeriod: string | null;
  /** Against the comparison period: overall conversion in rate points, and each stage's count. */
  readonly change: {
    readonly overall: number | null;
    readonly counts: readonly (number | null)[];
  } | null;
  /** All periods present, in order. */
  readonly periods: readonly string[];
  readonly segments: readonly Segment[];
  /** Records that reached no known stage, 1-based positions among the valid rows. */
  readonly unplaced: readonly number[];
  /** Rows left out of the period view because they carry no period. */
  readonly withoutPeriod: number;
  readonly lost: number;
  readonly rows: number;
}

export const OTHER = '(other)';

function periodOf(r: FunnelRow, grain: PeriodGrain): string | undefined {
  if (r.period === undefined) return undefined;
  return typeof r.period === 'number' ? bucketKey(r.period, grain) : r.period;
}

function funnelOf(rows: readonly FunnelRow[], stages: readonly string[], options: FunnelAnalysisOptions) {
  if (options.input === 'stages') {
    return { counts: countsFromAggregates(rows as { stage: string; count: number; value?: number }[], stages), unplaced: [] as number[], lost: 0 };
  }
  return reachedCounts(rows, { stages, lostValues: options.lostValues });
}

export function analyseFunnel(rows: readonly FunnelRow[], options: FunnelAnalysisOptions): FunnelAnalysis {
  const grain = options.grain ?? 'quarter';
  const lostKeys = new Set(options.lostValues.map((v) => v.trim().toLowerCase()));
  const stages = options.stages && options.stages.length > 0
    ? options.stages
    : stagesInOrder(rows).filter((s) => !lostKeys.has(s.toLowerCase()));

  const periods = [...new Set(rows.map((r) => periodOf(r, grain)).filter((p): p is string => p !== undefined))].sort();
  let period: string | null = null;
  let previousPeriod: string | null = null;
  let inPeriod = rows;
  let withoutPeriod = 0;
  if (periods.length > 0) {
    period = options.period && periods.includes(options.period) ? options.period : periods[periods.length - 1]!;
    const compare = options.compare ?? 'previous';
    if (compare === 'previous') {
      const i = periods.indexOf(period);
      previousPeriod = i > 0 ? periods[i - 1]! : null;
    } else if (compare !== 'none' && periods.includes(compare)) {
      previousPeriod = compare;
    }
    withoutPeriod = rows.filter((r) => r.period === undefined).length;
    inPeriod = rows.filter((r) => periodOf(r, grain) === period);
  }

  const main = funnelOf(inPeriod, stages, options);
  const current = computeFunnel(main.counts, options.targets);
  const previous = previousPeriod
    ? computeFunnel(funnelOf(rows.filter((r) => periodOf(r, grain) === previousPeriod), stages, options).counts, options.targets)
    : null;

  // Segments: one funnel per group value, largest first.
  const byGroup = new Map<string, FunnelRow[]>();
  for (const r of inPeriod) {
    if (r.group === undefined) continue;
    let list = byGroup.get(r.group);
    if (!list) byGroup.set(r.group, (list = []));
    list.push(r);
  }
  let segments: Segment[] = [...byGroup].map(([key, list]) => {
    const f = computeFunnel(funnelOf(list, stages, options).counts, options.targets);
    return { key, funnel: f, size: f.steps[0]?.count ?? 0 };
  });
  segments.sort((a, b) => b.size - a.size || a.key.localeCompare(b.key));
  const max = options.maxGroups ?? 12;
  if (segments.length > max) {
    const keep = new Set(segments.slice(0, max - 1).map((s) => s.key));
    const rest = inPeriod.filter((r) => r.group !== undefined && !keep.has(r.group));
    const f = computeFunnel(funnelOf(rest, stages, options).counts, options.targets);
    segments = [...segments.slice(0, max - 1), { key: OTHER, funnel: f, size: f.steps[0]?.count ?? 0 }];
  }

  const change = previous
    ? {
        overall: current.overall.ok && previous.overall.ok ? current.overall.value - previous.overall.value : null,
        counts: current.steps.map((st, i) => {
          const p = previous.steps[i];
          return p ? st.count - p.count : null;
        }),
      }
    : null;

  return {
    input: options.input,
    stages,
    current,
    period,
    previous,
    previousPeriod,
    change,
    periods,
    segments,
    unplaced: main.unplaced,
    withoutPeriod,
    lost: main.lost,
    rows: inPeriod.length,
  };
}
