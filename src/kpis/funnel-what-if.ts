/**
 * Funnel what-if: what one step meeting its target is worth.
 *
 * Stages 0…n−1; step i (i ≥ 1) converts the records that entered stage i−1 into stage i at
 * `actual_i = count_i ÷ count_{i−1}`, with a target rate `target_i`. If step i converted at its
 * target instead, and every later step kept its actual rate:
 *
 *   extra conversions  = entered × max(0, target_i − actual_i)        (entered = count_{i−1})
 *                      = max(0, entered × target_i − count_i)
 *   downstream         = Π_{j > i} actual_j                            (1 for the last step)
 *   extra wins         = extra conversions × downstream                (records reaching the last stage)
 *   average won value  = value of the last stage ÷ its count          (or `averageValue` given)
 *   extra value        = extra wins × average won value
 *
 * A target already met adds nothing (0, never a negative "what-if"). A step with no target has
 * no what-if (not available). Nothing entered (entered = 0): nothing more to convert, 0. A
 * downstream step whose own previous stage is empty has no rate: extra wins are not available
 * unless there are no extra conversions to carry. Pure and DOM-free; counts may be fractional
 * only if the input is.
 */
import { available, notAvailable, type MetricValue } from '../core/result.ts';

/** One stage as the what-if reads it: a `FunnelStep` (funnel.ts) fits. */
export interface WhatIfStage {
  readonly stage: string;
  readonly count: number;
  /** Target for the conversion into this stage from the previous one, in [0, 1], or none. */
  readonly target?: number | null;
  /** Money carried by the records that reached this stage (read on the last stage only). */
  readonly value?: number | null;
}

export interface FunnelWhatIf {
  /** The step: the index of the stage it leads into (≥ 1). */
  readonly index: number;
  /** The stage entered before the step, and the stage the step leads into. */
  readonly from: string;
  readonly stage: string;
  /** The last stage (where wins are counted). */
  readonly last: string;
  /** count_{i−1}: the records that entered the step. */
  readonly entered: number;
  readonly actual: MetricValue;
  readonly target: number | null;
  /** True when the step has a target and converts at or above it. */
  readonly met: boolean;
  readonly extraConversions: MetricValue;
  /** Π of the actual rates after the step (1 for the last step). */
  readonly downstream: MetricValue;
  readonly extraWins: MetricValue;
  readonly averageValue: MetricValue;
  readonly extraValue: MetricValue;
}

export interface WhatIfOptions {
  /** The value of one extra win; default the last stage's value ÷ its count. */
  readonly averageValue?: number;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The average value of a record that reached the last stage: its value ÷ its count. */
export function averageWonValue(stages: readonly WhatIfStage[], options: WhatIfOptions = {}): MetricValue {
  if (options.averageValue !== undefined) return available(options.averageValue);
  const last = stages[stages.length - 1];
  if (!last || !finite(last.value)) return notAvailable('missing-input', 'the last stage carries no value');
  if (last.count === 0) return notAvailable('zero-denominator', `no records reached ${last.stage}`);
  return available(last.value / last.count, { numerator: last.value, denominator: last.count });
}

/** The what-if of step `index` (the stage it leads into, 1…n−1). Throws on an index outside the steps. */
export function funnelWhatIf(stages: readonly WhatIfStage[], index: number, options: WhatIfOptions = {}): FunnelWhatIf {
  if (!Number.isInteger(index) || index < 1 || index >= stages.length) {
    throw new RangeError(`funnelWhatIf: step ${index} is not a step of a funnel of ${stages.length} stages (1…${stages.length - 1})`);
  }
  const prev = stages[index - 1]!;
  const cur = stages[index]!;
  const last = stages[stages.length - 1]!;
  const entered = prev.count;
  const target = finite(cur.target) ? cur.target : null;
  const actual: MetricValue = entered > 0 ? available(cur.count / entered, { numerator: cur.count, denominator: entered }) : notAvailable('zero-denominator', `no records reached ${prev.stage}`);
  const met = target !== null && actual.ok && actual.value >= target;

  let extraConversions: MetricValue;
  if (target === null) extraConversions = notAvailable('missing-input', `the step ${prev.stage} → ${cur.stage} has no target`);
  else if (entered <= 0) extraConversions = available(0, { rows: 0 });
  else extraConversions = available(Math.max(0, entered * target - cur.count));

  let downstream: MetricValue = available(1);
  for (let j = index + 1; j < stages.length && downstream.ok; j++) {
    const a = stages[j - 1]!;
    const b = stages[j]!;
    downstream = a.count > 0 ? available(downstream.value * (b.count / a.count)) : notAvailable('zero-denominator', `no records reached ${a.stage}: the ${a.stage} → ${b.stage} rate is unknown`);
  }

  let extraWins: MetricValue;
  if (!extraConversions.ok) extraWins = extraConversions;
  else if (extraConversions.value === 0) extraWins = available(0);
  else extraWins = downstream.ok ? available(extraConversions.value * downstream.value) : downstream;

  const averageValue = averageWonValue(stages, options);
  const extraValue: MetricValue = !extraWins.ok ? extraWins : !averageValue.ok ? averageValue : available(extraWins.value * averageValue.value);

  return { index, from: prev.stage, stage: cur.stage, last: last.stage, entered, actual, target, met, extraConversions, downstream, extraWins, averageValue, extraValue };
}

/** The what-if of every step (index 1…n−1), in order. */
export function funnelWhatIfs(stages: readonly WhatIfStage[], options: WhatIfOptions = {}): FunnelWhatIf[] {
  return stages.slice(1).map((_, k) => funnelWhatIf(stages, k + 1, options));
}
