/**
 * The continuous scales the layouts use: d3-scale's `scaleLinear` and `scaleSymlog` for a
 * two-number domain and a numeric range, with the same arithmetic (d3-scale's normalize,
 * interpolateNumber, clamp and `nice`) so every coordinate comes out bit for bit as d3-scale's,
 * and d3-array's `ticks` and `tickIncrement` for ticks and nice domains.
 *
 * Why not d3-scale itself: its generic `interpolate` accepts colours, dates and strings, which
 * brings d3-interpolate and d3-color into every page, and `tickFormat` brings d3-format — about
 * 7 kB gzip that no layout here uses (they map numbers to pixels; core/format formats labels).
 *
 *   const x = scaleLinear().domain([0, 1200]).range([0, 600]).nice(4);
 *   x(300) === 150; x.ticks(4); x.domain();
 */
import { tickIncrement, ticks } from 'd3-array';

export interface ContinuousScale {
  /** The range value of `x` (NaN for NaN). */
  (x: number): number;
  /** The domain: `[d0, d1]` after `nice`. */
  domain(): [number, number];
  domain(d: readonly [number, number]): this;
  range(): [number, number];
  range(r: readonly [number, number]): this;
  /** Keep the output within the range (values outside the domain map to its ends). */
  clamp(on: boolean): this;
  /** Extend the domain to round values for about `count` ticks (d3-scale's `linear.nice`). */
  nice(count?: number): this;
  /** About `count` round values within the domain (d3-array's `ticks`). */
  ticks(count?: number): number[];
}

type Transform = (x: number) => number;
const identity: Transform = (x) => x;

/** t ∈ [0, 1] of x between a and b; 0.5 for an empty domain (d3-scale's normalize). */
function normalize(a: number, b: number): Transform {
  const span = b - a;
  return span ? (x) => (x - a) / span : () => (Number.isNaN(span) ? NaN : 0.5);
}

/** d3-interpolate's interpolateNumber. */
const interpolateNumber = (a: number, b: number): Transform => (t) => a * (1 - t) + b * t;

function continuous(transform: Transform): ContinuousScale {
  let domain: [number, number] = [0, 1];
  let range: [number, number] = [0, 1];
  let clamping = false;
  let output: Transform | null = null;

  const scale = ((x: number) => {
    x = +x;
    if (Number.isNaN(x)) return NaN;
    if (clamping) {
      const lo = Math.min(domain[0], domain[1]);
      const hi = Math.max(domain[0], domain[1]);
      x = Math.max(lo, Math.min(hi, x));
    }
    if (!output) {
      const d0 = transform(domain[0]);
      const d1 = transform(domain[1]);
      const [n, i] = d1 < d0 ? [normalize(d1, d0), interpolateNumber(range[1], range[0])] : [normalize(d0, d1), interpolateNumber(range[0], range[1])];
      output = (v) => i(n(v));
    }
    return output(transform(x));
  }) as ContinuousScale;

  scale.domain = ((d?: readonly [number, number]) => {
    if (!d) return [domain[0], domain[1]];
    domain = [+d[0], +d[1]];
    output = null;
    return scale;
  }) as ContinuousScale['domain'];
  scale.range = ((r?: readonly [number, number]) => {
    if (!r) return [range[0], range[1]];
    range = [r[0], r[1]];
    output = null;
    return scale;
  }) as ContinuousScale['range'];
  scale.clamp = (on) => {
    clamping = !!on;
    return scale;
  };
  scale.ticks = (count = 10) => ticks(domain[0], domain[1], count);
  scale.nice = (count = 10) => {
    let [i0, i1] = [0, 1];
    let start = domain[0];
    let stop = domain[1];
    if (stop < start) [start, stop, i0, i1] = [stop, start, 1, 0];
    let prestep: number | undefined;
    for (let iter = 0; iter < 10; iter++) {
      const step = tickIncrement(start, stop, count);
      if (step === prestep) {
        const d: [number, number] = [domain[0], domain[1]];
        d[i0] = start;
        d[i1] = stop;
        return scale.domain(d);
      } else if (step > 0) {
        start = Math.floor(start / step) * step;
        stop = Math.ceil(stop / step) * step;
      } else if (step < 0) {
        start = Math.ceil(start * step) / step;
        stop = Math.floor(stop * step) / step;
      } else break;
      prestep = step;
    }
    return scale;
  };
  return scale;
}

/** A linear scale, as d3-scale's `scaleLinear()`. */
export function scaleLinear(): ContinuousScale {
  return continuous(identity);
}

/** A symmetric log scale with constant 1, as d3-scale's `scaleSymlog()`: sign(x)·log1p(|x|). */
export function scaleSymlog(): ContinuousScale {
  return continuous((x) => Math.sign(x) * Math.log1p(Math.abs(x)));
}
