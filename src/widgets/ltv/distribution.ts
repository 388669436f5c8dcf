/**
 * The distribution of customer LTV as histogram bins (d3-array `bin`). Customer values are
 * heavy-tailed, so the bins cover up to the 99th percentile (niced) and the customers above
 * it are counted in one overflow bin instead of squeezing every other bar to a sliver.
 * Pure and DOM-free; no spread into Math.max.
 */
import { bin, bisectLeft, bisectRight, quantileSorted, ticks as d3ticks } from 'd3-array';

export interface Bin {
  readonly x0: number;
  readonly x1: number;
  readonly count: number;
}

export interface Distribution {
  readonly bins: readonly Bin[];
  /** Customers above the last bin, and where it starts. */
  readonly overflow: { readonly from: number; readonly count: number } | null;
  /** Customers with a value (finite). */
  readonly n: number;
  readonly mean: number | null;
  readonly median: number | null;
}

export interface DistributionOptions {
  /** About how many bins (default 20). */
  readonly bins?: number;
  /** Quantile where the overflow bin starts (default 0.99). */
  readonly clip?: number;
  /**
   * How to count: d3's `bin()` (default up to 20,000 values), or by bisecting the sorted
   * values at the same thresholds (default above: no array per bin, a few microseconds).
   * Both give the same bins (test/unit/histogram-layout.test.ts).
   */
  readonly counting?: 'd3' | 'sorted';
}

export function distribution(values: ArrayLike<number>, options: DistributionOptions = {}): Distribution {
  const steps = distributionSteps(values, options);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** The same, yielding after the copy and after the sort (for main-thread slices). */
export function* distributionSteps(values: ArrayLike<number>, options: DistributionOptions = {}): Generator<void, Distribution, void> {
  // Finite values, sorted once (a typed-array sort): quantiles are then read directly.
  const all = new Float64Array(values.length);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    all[n++] = v;
    sum += v;
  }
  if (n === 0) return { bins: [], overflow: null, n: 0, mean: null, median: null };
  yield;
  const sorted = all.subarray(0, n).sort();
  yield;
  const lo = sorted[0]!;
  const hi = sorted[n - 1]!;
  const count = options.bins ?? 20;
  const top = quantileSorted(sorted as unknown as number[], options.clip ?? 0.99) ?? hi;
  const start = Math.min(0, lo);
  let end = top > start ? top : hi > start ? hi : start + 1;
  const t = d3ticks(start, end, count);
  // Extend the thresholds to a tick at or past the end so no value below it is lost.
  const step = t.length > 1 ? t[1]! - t[0]! : end - start;
  let last = t.length ? t[t.length - 1]! : start;
  while (last < end) last += step;
  end = last;
  const thresholds = t.filter((x) => x > start && x < end);
  // Values past the end form the overflow bin; the rest go through d3's bin.
  const inRange = sorted.subarray(0, bisectRight(sorted, end));
  let bins: Bin[];
  if ((options.counting ?? (n > 20_000 ? 'sorted' : 'd3')) === 'd3') {
    const gen = bin<number, number>().domain([start, end]).thresholds(thresholds);
    bins = gen(inRange).map((b) => ({ x0: b.x0 ?? start, x1: b.x1 ?? end, count: b.length }));
  } else {
    // d3's rule: a value equal to a threshold goes to the bin above; the last bin holds `end`.
    const edges = [start, ...thresholds, end];
    bins = [];
    for (let i = 0; i < edges.length - 1; i++) {
      const x0 = edges[i]!;
      const x1 = edges[i + 1]!;
      const from = bisectLeft(inRange, x0);
      const to = i === edges.length - 2 ? inRange.length : bisectLeft(inRange, x1);
      bins.push({ x0, x1, count: to - from });
    }
  }
  const over = n - inRange.length;
  return {
    bins,
    overflow: over > 0 ? { from: end, count: over } : null,
    n,
    mean: sum / n,
    median: quantileSorted(sorted as unknown as number[], 0.5) ?? null,
  };
}
