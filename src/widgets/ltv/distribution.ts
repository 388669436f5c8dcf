/**
 * The distribution of customer LTV as histogram bins (d3-array `bin`). Customer values are
 * heavy-tailed, so the bins cover up to the 99th percentile (niced) and the customers above
 * it are counted in one overflow bin instead of squeezing every other bar to a sliver.
 * Pure and DOM-free; no spread into Math.max.
 */
import { bin, bisectRight, quantileSorted, ticks as d3ticks } from 'd3-array';
import { selectInPlace } from '../../core/stats.ts';

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

/** d3's `quantileSorted` of `a[0, n)` without sorting: the same two order statistics, by selection (reorders `a`). */
function quantileSelect(a: Float64Array, p: number): number {
  const n = a.length;
  const i = (n - 1) * p;
  const i0 = Math.floor(i);
  const v0 = selectInPlace(a, i0);
  if (i0 + 1 >= n || i === i0) return v0;
  // After selection every value right of i0 is ≥ v0: the next order statistic is their minimum.
  let v1 = Infinity;
  for (let j = i0 + 1; j < n; j++) if (a[j]! < v1) v1 = a[j]!;
  return v0 + (v1 - v0) * (i - i0);
}

/**
 * The same, yielding after the copy and after each heavier pass (for main-thread slices).
 * Up to 20,000 values they are sorted and binned by d3; above, nothing is sorted: the
 * quantiles are selected (quickselect) and each value finds its bin by bisecting the
 * thresholds, which gives the same bins (test/unit/histogram-layout.test.ts) without a
 * 30 ms sort of 231,779 values.
 */
export function* distributionSteps(values: ArrayLike<number>, options: DistributionOptions = {}): Generator<void, Distribution, void> {
  const all = new Float64Array(values.length);
  let n = 0;
  let sum = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    all[n++] = v;
    sum += v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (n === 0) return { bins: [], overflow: null, n: 0, mean: null, median: null };
  yield;
  const counting = options.counting ?? (n > 20_000 ? 'sorted' : 'd3');
  const finite = all.subarray(0, n);
  const sorted = counting === 'd3' ? finite.sort() : null;
  const quantile = (p: number) => (sorted ? (quantileSorted(sorted as unknown as number[], p) ?? NaN) : quantileSelect(finite, p));
  const top = quantile(options.clip ?? 0.99);
  const median = quantile(0.5);
  yield;
  const count = options.bins ?? 20;
  const start = Math.min(0, lo);
  let end = top > start ? top : hi > start ? hi : start + 1;
  const t = d3ticks(start, end, count);
  // Extend the thresholds to a tick at or past the end so no value below it is lost.
  const step = t.length > 1 ? t[1]! - t[0]! : end - start;
  let last = t.length ? t[t.length - 1]! : start;
  while (last < end) last += step;
  end = last;
  const thresholds = t.filter((x) => x > start && x < end);
  const edges = [start, ...thresholds, end];
  let bins: Bin[];
  let inRange: number;
  if (sorted) {
    // Values past the end form the overflow bin; the rest go through d3's bin.
    const within = sorted.subarray(0, bisectRight(sorted, end));
    inRange = within.length;
    const gen = bin<number, number>().domain([start, end]).thresholds(thresholds);
    bins = gen(within).map((b) => ({ x0: b.x0 ?? start, x1: b.x1 ?? end, count: b.length }));
  } else {
    // d3's rule: a value equal to a threshold goes to the bin above; the last bin holds `end`.
    const counts = new Float64Array(edges.length - 1);
    const lastBin = edges.length - 2;
    inRange = 0;
    for (let i = 0; i < n; i++) {
      const v = finite[i]!;
      if (v > end) continue;
      inRange++;
      counts[Math.min(lastBin, bisectRight(edges, v) - 1)]++;
    }
    bins = [];
    for (let i = 0; i <= lastBin; i++) bins.push({ x0: edges[i]!, x1: edges[i + 1]!, count: counts[i]! });
  }
  const over = n - inRange;
  return {
    bins,
    overflow: over > 0 ? { from: end, count: over } : null,
    n,
    mean: sum / n,
    median: Number.isNaN(median) ? null : median,
  };
}
