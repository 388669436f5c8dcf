/**
 * Which stage of the funnel a deal reached, and `mql` / `sql`: the number of leads that reached
 * the stage in the period.
 *
 * Stages are the user's (default `DEFAULT_STAGES`). A deal reached a stage when `stageDates` has
 * a date for it, when its `stage` (furthest stage reached) is that stage or a later one, or when
 * it was won (a won deal passed every stage). The date it reached the stage is that stage date,
 * else the deal's creation date — that is the date the period filters on.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { available, notAvailable, type MetricMeta, type MetricValue } from '../core/result.ts';
import { defineMetric, evaluate, timeOf } from './metric.ts';
import { computeFunnel, type StageCount } from './funnel.ts';
import { LOST_VALUES } from '../core/deal-status.ts';
import { makeStageIndex, reachedCounts, stageReached, type FunnelRecord } from './funnel-records.ts';
import type { Deal } from '../core/schema/records.ts';

export const DEFAULT_STAGES: readonly string[] = ['lead', 'mql', 'sql', 'opportunity', 'customer'];

export interface StageOptions {
  /** Funnel stages in order, first to last (default lead → mql → sql → opportunity → customer). */
  readonly stages?: readonly string[];
}

/** The date a deal entered a stage, from its stage dates (a plain object or a Map). */
export function stageDate(deal: Deal, stage: string): Date | undefined {
  const sd = deal.stageDates as unknown;
  if (sd === undefined || sd === null) return undefined;
  if (sd instanceof Map) return sd.get(stage);
  return Object.hasOwn(sd as object, stage) ? (sd as Record<string, Date>)[stage] : undefined;
}

/**
 * The deal as a record of the lead's funnel code (funnel-records.ts): a won deal is at the last
 * stage, a lost one was lost at its `stage`, an open one is at its `stage`; stage dates align.
 */
export function toFunnelRecord(deal: Deal, stages: readonly string[]): FunnelRecord {
  const dates = stages.map((s) => timeOf(stageDate(deal, s)) ?? undefined);
  const value = typeof deal.amount === 'number' ? deal.amount : undefined;
  if (deal.status === 'won') return { stage: stages[stages.length - 1], dates, value };
  if (deal.status === 'lost') return { stage: 'lost', lostAt: deal.stage, dates, value };
  return { stage: deal.stage, dates, value };
}

/** Index in `stages` of the furthest stage the deal reached (-1: none), by `stageReached`. */
export function reachedIndex(deal: Deal, stages: readonly string[] = DEFAULT_STAGES): number {
  return stageReached(toFunnelRecord(deal, stages), makeStageIndex(stages), LOST, stages.length).index;
}

/** True when the deal reached `stage` of `stages`. */
export function reached(deal: Deal, stage: string, stages: readonly string[] = DEFAULT_STAGES): boolean {
  const want = stages.indexOf(stage);
  return want >= 0 && reachedIndex(deal, stages) >= want;
}

/** When the deal reached `stage` (its stage date, else its creation date). */
export function reachedDate(deal: Deal, stage: string): Date | undefined {
  return stageDate(deal, stage) ?? deal.createdDate;
}

/** Stage counts of deals, by the lead's `reachedCounts`: the counts `computeFunnel` takes. */
export function dealStageCounts(deals: readonly Deal[], stages: readonly string[] = DEFAULT_STAGES): StageCount[] {
  return reachedCounts(deals.map((d) => toFunnelRecord(d, stages)), { stages, lostValues: LOST_VALUES }).counts;
}

const LOST: ReadonlySet<string> = new Set(LOST_VALUES);

function countReached(stage: string, deals: readonly Deal[], stages: readonly string[]): MetricValue {
  if (!stages.includes(stage)) return notAvailable('missing-input', `the funnel has no stage named ${stage}`);
  if (deals.length === 0) return notAvailable('no-data', 'no leads in the period', { rows: 0 });
  const want = stages.indexOf(stage);
  let n = 0;
  for (const d of deals) if (reachedIndex(d, stages) >= want) n++;
  return available(n, { rows: deals.length });
}

function stageCountMetric(id: 'mql' | 'sql', meta: MetricMeta) {
  return defineMetric<readonly Deal[], StageOptions & { stage?: string }>(meta, (input, options) => {
    const stages = options?.stages ?? DEFAULT_STAGES;
    const stage = options?.stage ?? id;
    return evaluate({ deals: { rows: input, date: (d: Deal) => reachedDate(d, stage), customer: (d: Deal) => d.account } }, options, ({ deals }) =>
      countReached(stage, deals, stages),
    );
  });
}

export const mqlMeta: MetricMeta = {
  id: 'mql',
  ...kpiText('mql'),
  unit: 'count',
  better: 'up',
  seeds: ['000', '001', '002'],
  input: { list: ['deals'] },
  accumulates: true,
};

export const sqlMeta: MetricMeta = {
  id: 'sql',
  ...kpiText('sql'),
  unit: 'count',
  better: 'up',
  seeds: ['000', '001', '002'],
  input: { list: ['deals'] },
  accumulates: true,
};

export const mql = stageCountMetric('mql', mqlMeta);
export const sql = stageCountMetric('sql', sqlMeta);

/**
 * Conversion from one stage to another (default MQL → SQL) over the leads that reached `fromStage`
 * in the period: reached `toStage` ÷ reached `fromStage`, by `computeFunnel`.
 */
export const stageRate = defineMetric<readonly Deal[], StageOptions & { fromStage?: string; toStage?: string }>(
  { ...sqlMeta, id: 'mql-sql-rate', ...kpiText('mql-sql-rate'), unit: 'ratio', accumulates: false },
  (input, options) => {
    const stages = options?.stages ?? DEFAULT_STAGES;
    const from = options?.fromStage ?? 'mql';
    const to = options?.toStage ?? 'sql';
    return evaluate({ deals: { rows: input, date: (d: Deal) => reachedDate(d, from), customer: (d: Deal) => d.account } }, options, ({ deals }) => {
      if (!stages.includes(from) || !stages.includes(to)) return notAvailable('missing-input', `the funnel has no stage ${from} or ${to}`);
      const entered = deals.filter((d) => reached(d, from, stages));
      const counts = [
        { stage: from, count: entered.length },
        { stage: to, count: entered.filter((d) => reached(d, to, stages)).length },
      ];
      return computeFunnel(counts).overall;
    });
  },
);
