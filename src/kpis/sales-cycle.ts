/**
 * `sales-cycle`: days from creation (or from the date the deal entered `fromStage`) to close, over
 * deals won in the period (by close date). The mean by default, the median with
 * `stat: 'median'`. Deals without both dates, or closed before they were created, are left out
 * (the value's `rows` says how many counted).
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { notAvailable, type MetricMeta, type MetricValue } from '../core/result.ts';
import { columnsKind, defineMetric, evaluate, overColumns, timeOf } from './metric.ts';
import { DAY_MS } from '../core/calendar.ts';
import type { DealColumns } from './columns.ts';
import { median } from '../core/stats.ts';
import { stageDate } from './stage-reached.ts';
import type { Deal } from '../core/schema/records.ts';
import { cycleMeanValue, cycleMedianValue } from './deal-aggregate.ts';

export const salesCycleMeta: MetricMeta = {
  id: 'sales-cycle',
  ...kpiText('sales-cycle'),
  unit: 'days',
  better: 'down',
  seeds: ['002'],
  input: { list: ['deals'] },
  accumulates: false,
};

export interface SalesCycleOptions {
  readonly stat?: 'mean' | 'median';
  /** Start the clock when the deal entered this stage (from `stageDates`) instead of its creation. */
  readonly fromStage?: string;
}

/** Days of a won deal's cycle, or null (not won, a date missing, or closed before it started). */
export function cycleDaysOf(d: Deal, fromStage?: string): number | null {
  if (d.status !== 'won') return null;
  const start = timeOf(fromStage === undefined ? d.createdDate : stageDate(d, fromStage));
  const end = timeOf(d.closeDate);
  if (start === null || end === null || end < start) return null;
  return (end - start) / DAY_MS;
}

/** Days of each won deal's cycle (deals without both dates, or negative, are skipped). */
export function cycleDays(deals: readonly Deal[], fromStage?: string): number[] {
  const out: number[] = [];
  for (const d of deals) {
    const x = cycleDaysOf(d, fromStage);
    if (x !== null) out.push(x);
  }
  return out;
}

export function cycleStat(days: readonly number[], stat: 'mean' | 'median' = 'mean'): MetricValue {
  if (stat === 'median') return cycleMedianValue(days.length === 0 ? 0 : median(days), days.length);
  let s = 0;
  for (const d of days) s += d;
  return cycleMeanValue(s, days.length);
}

export const salesCycle = defineMetric<readonly Deal[] | DealColumns, SalesCycleOptions>(salesCycleMeta, (input, options) => {
  if (columnsKind(input) === 'deal-columns') {
    if (options?.fromStage !== undefined) return notAvailable('invalid-input', 'fromStage needs records, not columns');
    return overColumns(input as DealColumns, options, options?.stat === 'median' ? 'salesCycleMedian' : 'salesCycle');
  }
  input = input as readonly Deal[];
  const won = input.filter((d) => cycleDaysOf(d, options?.fromStage) !== null);
  return evaluate({ deals: { rows: won, date: (d: Deal) => d.closeDate, customer: (d: Deal) => d.account } }, options, ({ deals }) =>
    cycleStat(cycleDays(deals, options?.fromStage), options?.stat),
  );
});
