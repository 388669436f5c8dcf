/**
 * A sparkline as geometry: a d3-shape line path (gaps where a period is not available),
 * the last point, and the minimum and maximum points, inside a width × height box.
 * Optionally a reference value (the target) whose y is returned and included in the domain.
 */
import { line } from 'd3-shape';

export interface SparkInputPoint {
  readonly key: string;
  readonly value: number | null;
}

export interface SparkPoint {
  readonly key: string;
  readonly index: number;
  readonly value: number;
  readonly x: number;
  readonly y: number;
}

export interface SparklineLayout {
  readonly width: number;
  readonly height: number;
  /** SVG path `d`; empty when fewer than two points are available. */
  readonly path: string;
  readonly points: readonly SparkPoint[];
  readonly last: SparkPoint | null;
  readonly min: SparkPoint | null;
  readonly max: SparkPoint | null;
  readonly referenceY: number | null;
  readonly domain: readonly [number, number] | null;
}

export interface SparklineOptions {
  readonly width: number;
  readonly height: number;
  /** Inner padding so the dots are not cut (default 3). */
  readonly padding?: number;
  readonly reference?: number | null;
}

export function sparklineLayout(series: readonly SparkInputPoint[], opts: SparklineOptions): SparklineLayout {
  const width = Math.max(0, opts.width);
  const height = Math.max(0, opts.height);
  const pad = opts.padding ?? 3;
  const n = series.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of series) {
    if (p.value === null || !Number.isFinite(p.value)) continue;
    if (p.value < lo) lo = p.value;
    if (p.value > hi) hi = p.value;
  }
  const reference = opts.reference !== undefined && opts.reference !== null && Number.isFinite(opts.reference) ? opts.reference : null;
  if (lo === Infinity) {
    return { width, height, path: '', points: [], last: null, min: null, max: null, referenceY: null, domain: null };
  }
  if (reference !== null) {
    if (reference < lo) lo = reference;
    if (reference > hi) hi = reference;
  }
  const flat = lo === hi;
  const xOf = (i: number) => (n <= 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1));
  const yOf = (v: number) => (flat ? height / 2 : height - pad - ((v - lo) / (hi - lo)) * (height - 2 * pad));
  const points: SparkPoint[] = [];
  series.forEach((p, index) => {
    if (p.value === null || !Number.isFinite(p.value)) return;
    points.push({ key: p.key, index, value: p.value, x: xOf(index), y: yOf(p.value) });
  });
  // A line with gaps: d3-shape's defined() breaks the path at missing periods.
  const gen = line<{ x: number; y: number } | null>()
    .defined((d) => d !== null)
    .x((d) => d!.x)
    .y((d) => d!.y);
  const byIndex: ({ x: number; y: number } | null)[] = series.map(() => null);
  for (const p of points) byIndex[p.index] = p;
  const path = points.length >= 2 ? (gen(byIndex) ?? '') : '';
  let min = points[0]!;
  let max = points[0]!;
  for (const p of points) {
    if (p.value < min.value) min = p;
    if (p.value > max.value) max = p;
  }
  return {
    width,
    height,
    path,
    points,
    last: points[points.length - 1] ?? null,
    min,
    max,
    referenceY: reference === null ? null : yOf(reference),
    domain: [lo, hi],
  };
}
