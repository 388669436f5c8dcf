/**
 * Funnel arithmetic over stage counts: conversion per step and overall, drop-off,
 * bottleneck against targets. Pure and DOM-free; counts come either from aggregated
 * input or from `reachedCounts()` over records (funnel-records.ts).
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { notAvailable, ratio, type MetricMeta, type MetricValue } from '../core/result.ts';

export interface StageCount {
  readonly stage: string;
  readonly count: number;
  /** Money in the stage (pipeline value), where given. */
  readonly value?: number | null;
  /** Median days from the previous stage to this one, where stage dates exist. */
  readonly medianDays?: MetricValue | null;
}

export interface FunnelStep {
  readonly stage: string;
  readonly index: number;
  readonly count: number;
  readonly value: number | null;
  /** count ÷ previous stage's count (not available for the first stage). */
  readonly fromPrevious: MetricValue;
  /** count ÷ first stage's count. */
  readonly fromFirst: MetricValue;
  /** previous − count (null for the first stage). Negative when the data grows. */
  readonly dropOff: number | null;
  /** dropOff ÷ previous. */
  readonly dropOffRate: MetricValue;
  /** Target for fromPrevious, a rate in [0, 1], or null. */
  readonly target: number | null;
  /** fromPrevious − target, when both exist. */
  readonly gap: number | null;
  /** True when a target is set and fromPrevious is below it (or not available). */
  readonly missed: boolean;
  /** True when this stage is larger than the one before it: shown and flagged, never hidden. */
  readonly nonMonotonic: boolean;
  readonly medianDays: MetricValue | null;
}

export interface Bottleneck {
  readonly index: number;
  readonly stage: string;
  /** 'target': the step furthest below its target; 'weakest': lowest step conversion (no targets). */
  readonly basis: 'target' | 'weakest';
  /** The conversion of the step, and its gap to target (basis 'target'). */
  readonly conversion: number;
  readonly gap: number | null;
}

export interface FunnelModel {
  readonly steps: readonly FunnelStep[];
  /** last ÷ first. */
  readonly overall: MetricValue;
  readonly bottleneck: Bottleneck | null;
  /** Stages whose count exceeds the previous stage's. */
  readonly nonMonotonic: readonly string[];
  readonly missedTargets: readonly string[];
}

/** Per-step targets: by stage name (the stage being entered), or by position (index 1 = first step). */
export type StepTargets = Readonly<Record<string, number>> | readonly (number | null)[];

function targetFor(targets: StepTargets | undefined, stage: string, index: number): number | null {
  if (!targets || index === 0) return null;
  const t = Array.isArray(targets) ? (targets as readonly (number | null)[])[index] : (targets as Record<string, number>)[stage];
  return typeof t === 'number' && Number.isFinite(t) ? t : null;
}

export function computeFunnel(counts: readonly StageCount[], targets?: StepTargets): FunnelModel {
  const first = counts[0];
  const steps: FunnelStep[] = counts.map((c, index) => {
    const prev = index > 0 ? counts[index - 1] : undefined;
    const fromPrevious = prev
      ? ratio(c.count, prev.count, `no records reached ${prev.stage}`)
      : notAvailable('missing-input', 'the first stage has no previous stage');
    const fromFirst = first ? ratio(c.count, first.count, `no records reached ${first.stage}`) : notAvailable('no-data', 'no stages');
    const dropOff = prev ? prev.count - c.count : null;
    const dropOffRate = prev && dropOff !== null
      ? ratio(dropOff, prev.count, `no records reached ${prev.stage}`)
      : notAvailable('missing-input', 'the first stage has no previous stage');
    const target = targetFor(targets, c.stage, index);
    const gap = target !== null && fromPrevious.ok ? fromPrevious.value - target : null;
    const missed = target !== null && (!fromPrevious.ok || fromPrevious.value < target);
    return {
      stage: c.stage,
      index,
      count: c.count,
      value: c.value ?? null,
      fromPrevious,
      fromFirst,
      dropOff,
      dropOffRate,
      target,
      gap,
      missed,
      nonMonotonic: prev !== undefined && c.count > prev.count,
      medianDays: c.medianDays ?? null,
    };
  });

  const last = counts[counts.length - 1];
  const overall = counts.length < 2 || !first || !last
    ? notAvailable('missing-input', 'a funnel needs at least two stages')
    : ratio(last.count, first.count, `no records reached ${first.stage}`);

  return {
    steps,
    overall,
    bottleneck: findBottleneck(steps),
    nonMonotonic: steps.filter((s) => s.nonMonotonic).map((s) => s.stage),
    missedTargets: steps.filter((s) => s.missed).map((s) => s.stage),
  };
}

/**
 * The step furthest below its target; with no targets on any step, the step with the
 * lowest conversion from the previous stage. Steps whose conversion is not available
 * (nothing entered the previous stage) cannot be judged and are skipped.
 */
export function findBottleneck(steps: readonly FunnelStep[]): Bottleneck | null {
  const judged = steps.filter((s) => s.index > 0 && s.fromPrevious.ok);
  const withTarget = judged.filter((s) => s.gap !== null);
  if (withTarget.length > 0) {
    let worst = withTarget[0]!;
    for (const s of withTarget) if ((s.gap as number) < (worst.gap as number)) worst = s;
    // When every target is met, this is still the step with the least headroom.
    return { index: worst.index, stage: worst.stage, basis: 'target', conversion: (worst.fromPrevious as { value: number }).value, gap: worst.gap };
  }
  if (judged.length === 0) return null;
  let weakest = judged[0]!;
  for (const s of judged) {
    if ((s.fromPrevious as { value: number }).value < (weakest.fromPrevious as { value: number }).value) weakest = s;
  }
  return { index: weakest.index, stage: weakest.stage, basis: 'weakest', conversion: (weakest.fromPrevious as { value: number }).value, gap: null };
}

export const conversionMeta: MetricMeta = {
  id: 'conversion',
  ...kpiText('conversion'),
  unit: 'ratio',
  better: 'up',
  seeds: ['002', '004'],
  input: { list: ['deals', 'stage-counts'] },
  accumulates: false,
};

export const bottleneckMeta: MetricMeta = {
  id: 'bottleneck',
  ...kpiText('bottleneck'),
  unit: 'ratio',
  better: null,
  seeds: ['004'],
  input: { list: ['deals', 'stage-counts'] },
  accumulates: false,
};
