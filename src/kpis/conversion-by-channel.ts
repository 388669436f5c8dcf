/**
 * Funnel metrics over deal records — `conversion`, `conversion-by-channel`, `bottleneck` — by
 * counting the deals that reached each stage (stage-reached.ts, on the lead's funnel-records.ts) and handing the counts to
 * `computeFunnel` (funnel.ts), which owns the conversion arithmetic.
 *
 * `conversion` and `bottleneck` also take pre-aggregated stage counts (`[{ stage, count }]`), in
 * stage order, with no period or group-by.
 *
 * The period selects a cohort: the deals that entered the first stage in it (their first stage
 * date, else their creation date), followed to wherever they got.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { notAvailable, type MetricMeta, type MetricValue } from '../core/result.ts';
import { available } from '../core/result.ts';
import { bottleneckMeta, computeFunnel, conversionMeta, type FunnelModel, type StageCount, type StepTargets } from './funnel.ts';
import { defineMetric, evaluate, failWith, resolvePeriod, inPeriod, timeOf, type Grouped, type MetricOptions, type GroupBy, type Period } from './metric.ts';
import { DEFAULT_STAGES, dealStageCounts, reachedDate, type StageOptions } from './stage-reached.ts';
import type { Deal } from '../core/schema/records.ts';

export { conversionMeta, bottleneckMeta };

export interface ConversionOptions extends StageOptions {
  /** Return the conversion into this stage from the previous one, instead of the overall rate. */
  readonly step?: string;
}

/** The funnel model of the deals that entered the first stage in the period. */
export function funnelOf(deals: readonly Deal[], options: StageOptions & { period?: Period; targets?: StepTargets } = {}): FunnelModel {
  const stages = options.stages ?? DEFAULT_STAGES;
  const p = resolvePeriod(options.period);
  const all = p !== null && p.from === -Infinity && p.to === Infinity;
  const cohort = p === null ? [] : all ? deals : deals.filter((d) => inPeriod(timeOf(reachedDate(d, stages[0]!)), p));
  return computeFunnel(dealStageCounts(cohort, stages), options.targets);
}

function conversionValue(deals: readonly Deal[], stages: readonly string[], step: string | undefined): MetricValue {
  if (stages.length < 2) return notAvailable('missing-input', 'a funnel needs at least two stages');
  if (deals.length === 0) return notAvailable('no-data', 'no leads entered the funnel in the period', { rows: 0 });
  const model = computeFunnel(dealStageCounts(deals, stages));
  if (step === undefined) return { ...model.overall, rows: deals.length };
  const s = model.steps.find((x) => x.stage === step);
  if (!s) return notAvailable('missing-input', `the funnel has no stage named ${step}`);
  return { ...s.fromPrevious, rows: deals.length };
}

/** Pre-aggregated counts (`{ stage, count }` rows, schema StageCount) rather than deal records. */
export function isStageCounts(input: readonly unknown[]): input is readonly StageCount[] {
  const first = input[0];
  return typeof first === 'object' && first !== null && Object.hasOwn(first, 'count') && Object.hasOwn(first, 'stage');
}

/** conversion / bottleneck over pre-aggregated counts: no period or group-by to apply. */
function fromCounts(counts: readonly StageCount[], options: MetricOptions | undefined, pick: (m: FunnelModel) => MetricValue) {
  if (options?.period !== undefined || options?.groupBy !== undefined) {
    return failWith(notAvailable('invalid-input', 'stage counts are already aggregated: a period or group-by needs records'), options);
  }
  return pick(computeFunnel(counts));
}

export const conversion = defineMetric<readonly Deal[] | readonly StageCount[], ConversionOptions>(conversionMeta, (input, options) => {
  if (isStageCounts(input)) {
    return fromCounts(input, options, (m) => {
      if (options?.step === undefined) return m.overall;
      const s = m.steps.find((x) => x.stage === options.step);
      return s ? s.fromPrevious : notAvailable('missing-input', `the funnel has no stage named ${options.step}`);
    });
  }
  const deals = input as readonly Deal[];
  const stages = options?.stages ?? DEFAULT_STAGES;
  return evaluate({ deals: { rows: deals, date: (d: Deal) => reachedDate(d, stages[0]!), customer: (d: Deal) => d.account } }, options, ({ deals: rows }) =>
    conversionValue(rows, stages, options?.step),
  );
});

export const conversionByChannelMeta: MetricMeta = {
  id: 'conversion-by-channel',
  ...kpiText('conversion-by-channel'),
  unit: 'ratio',
  better: 'up',
  seeds: ['002', '004'],
  input: { list: ['deals'] },
  accumulates: false,
};

/** `conversion` grouped by channel (or by `groupBy`): always a grouped result. */
export function conversionByChannel(deals: readonly Deal[], options: ConversionOptions & MetricOptions<Deal> = {}): Grouped {
  return conversion(deals as readonly Deal[] | readonly StageCount[], { ...options, groupBy: (options.groupBy ?? 'channel') as GroupBy });
}
Object.defineProperty(conversionByChannel, 'meta', { value: conversionByChannelMeta, enumerable: true });

export interface BottleneckOptions extends StageOptions {
  readonly targets?: StepTargets;
}

/**
 * `bottleneck`: the conversion of the funnel's weakest step (against its target, or against the
 * other steps without targets). `funnelOf` names the stage; the value is that step's conversion.
 */
export const bottleneck = defineMetric<readonly Deal[] | readonly StageCount[], BottleneckOptions>(bottleneckMeta, (input, options) => {
  if (isStageCounts(input)) {
    return fromCounts(input, options, () => {
      const b = computeFunnel(input, options?.targets).bottleneck;
      return b === null ? notAvailable('zero-denominator', 'no step of the funnel can be judged') : available(b.conversion);
    });
  }
  const stages = options?.stages ?? DEFAULT_STAGES;
  return evaluate({ deals: { rows: input as readonly Deal[], date: (d: Deal) => reachedDate(d, stages[0]!), customer: (d: Deal) => d.account } }, options, ({ deals }) => {
    if (deals.length === 0) return notAvailable('no-data', 'no leads entered the funnel in the period', { rows: 0 });
    const b = computeFunnel(dealStageCounts(deals, stages), options?.targets).bottleneck;
    if (b === null) return notAvailable('zero-denominator', 'no step of the funnel can be judged (no records reached its previous stage)', { rows: deals.length });
    return available(b.conversion, { rows: deals.length });
  });
});
