/**
 * From records (one per lead or deal) to stage counts. A record at a later stage has
 * passed through every earlier one, so counts are of records that *reached* a stage,
 * never of records that *are now* at it. A lost record left the funnel at the stage it
 * had reached.
 */
import { median } from 'd3-array';
import { available, notAvailable, type MetricValue } from '../core/result.ts';
import { DAY_MS } from '../core/calendar.ts';
import type { StageCount } from './funnel.ts';

export interface FunnelRecord {
  /** Current stage, or a lost / disqualified value. */
  readonly stage?: string | undefined;
  /** The stage at which a lost record was lost, when the data says so. */
  readonly lostAt?: string | undefined;
  /** Epoch ms per stage, aligned with `stages` (undefined where the record has none). */
  readonly dates?: readonly (number | undefined)[];
  readonly value?: number | undefined;
}

export interface ReachOptions {
  /** Stage order, first to last (e.g. Prospecting, Engaging, Won). */
  readonly stages: readonly string[];
  /** Values of the stage field that mean lost or disqualified (compared case-insensitively). */
  readonly lostValues: readonly string[];
}

export interface Reach {
  /** Index of the furthest stage reached, or -1 when the record names no known stage. */
  readonly index: number;
  readonly lost: boolean;
}

/** The default lost values: the schema's one list (core/schema/records.ts). */
export { LOST_VALUES as DEFAULT_LOST_VALUES } from '../core/deal-status.ts';

const key = (s: string) => s.trim().toLowerCase();

export function makeStageIndex(stages: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  stages.forEach((s, i) => m.set(key(s), i));
  return m;
}

/**
 * The furthest stage a record reached:
 * - the stage it names, or the furthest stage it has a date for, whichever is later;
 * - a lost record: the stage named by `lostAt`, else the furthest stage it has a date for
 *   (never the last stage: a lost deal was not won), else the stage before the last.
 */
export function stageReached(r: FunnelRecord, stageIndex: ReadonlyMap<string, number>, lostSet: ReadonlySet<string>, n: number): Reach {
  const named = r.stage === undefined ? -1 : stageIndex.get(key(r.stage)) ?? -1;
  let dated = -1;
  if (r.dates) for (let i = 0; i < r.dates.length; i++) if (r.dates[i] !== undefined) dated = i;
  const lost = r.stage !== undefined && named === -1 && lostSet.has(key(r.stage));
  if (lost) {
    const at = r.lostAt === undefined ? -1 : stageIndex.get(key(r.lostAt)) ?? -1;
    if (at >= 0) return { index: Math.min(at, n - 2), lost };
    if (dated >= 0) return { index: Math.min(dated, n - 2), lost };
    return { index: Math.max(0, n - 2), lost };
  }
  return { index: Math.max(named, dated), lost: false };
}

export interface ReachedCounts {
  readonly counts: StageCount[];
  /** Records that reached no known stage (unknown stage name and no dates), by 1-based input position. */
  readonly unplaced: number[];
  readonly lost: number;
}

/**
 * Count the records that reached each stage, sum their values and measure the median days
 * from one stage to the next where both dates exist.
 */
export function reachedCounts(records: readonly FunnelRecord[], options: ReachOptions): ReachedCounts {
  const n = options.stages.length;
  const stageIndex = makeStageIndex(options.stages);
  const lostSet = new Set(options.lostValues.map(key));
  const count = new Float64Array(n);
  const value = new Float64Array(n);
  const hasValue = new Uint8Array(n);
  const gaps: number[][] = Array.from({ length: n }, () => []);
  const unplaced: number[] = [];
  let lost = 0;
  for (let k = 0; k < records.length; k++) {
    const r = records[k]!;
    const reach = stageReached(r, stageIndex, lostSet, n);
    if (reach.index < 0) {
      unplaced.push(k + 1);
      continue;
    }
    if (reach.lost) lost++;
    for (let i = 0; i <= reach.index; i++) {
      count[i]!++;
      if (r.value !== undefined && Number.isFinite(r.value)) {
        value[i] += r.value;
        hasValue[i] = 1;
      }
    }
    if (r.dates) {
      for (let i = 1; i <= reach.index && i < r.dates.length; i++) {
        const a = r.dates[i - 1];
        const b = r.dates[i];
        if (a !== undefined && b !== undefined) gaps[i]!.push((b - a) / DAY_MS);
      }
    }
  }
  const counts: StageCount[] = options.stages.map((stage, i) => ({
    stage,
    count: count[i]!,
    value: hasValue[i] ? value[i]! : null,
    medianDays: i === 0 ? null : medianDays(gaps[i]!, options.stages[i - 1]!, stage),
  }));
  return { counts, unplaced, lost };
}

function medianDays(gaps: number[], from: string, to: string): MetricValue {
  if (gaps.length === 0) return notAvailable('missing-input', `no record has both a ${from} and a ${to} date`);
  return available(median(gaps)!, { rows: gaps.length });
}

/** Aggregated rows `{stage, count, value?}` in stage order; stages missing from the rows count 0. */
export function countsFromAggregates(
  rows: readonly { stage: string; count: number; value?: number | undefined }[],
  stages: readonly string[],
): StageCount[] {
  const idx = makeStageIndex(stages);
  const count = new Float64Array(stages.length);
  const value = new Float64Array(stages.length);
  const hasValue = new Uint8Array(stages.length);
  for (const r of rows) {
    const i = idx.get(key(r.stage));
    if (i === undefined) continue;
    count[i] += r.count;
    if (r.value !== undefined) {
      value[i] += r.value;
      hasValue[i] = 1;
    }
  }
  return stages.map((stage, i) => ({ stage, count: count[i]!, value: hasValue[i] ? value[i]! : null }));
}

/** Stage names in first-seen order: the default order when the page gives none. */
export function stagesInOrder(rows: readonly { stage?: string | undefined }[]): string[] {
  const seen = new Map<string, string>();
  for (const r of rows) if (r.stage !== undefined && !seen.has(key(r.stage))) seen.set(key(r.stage), r.stage.trim());
  return [...seen.values()];
}
