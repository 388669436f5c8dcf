/**
 * Cohort curves geometry: one line per acquisition cohort (cumulative value per customer
 * by months since acquisition), as d3-shape path strings, with direct labels at the line
 * ends pushed apart so they never overlap (the legend is not colour-only), and axis ticks.
 *
 * Returns plain numbers and strings; lit draws them (src/elements/kpi-ltv.ts).
 */
import { scaleLinear } from './scale.ts';
import { line } from 'd3-shape';

export interface CohortSeriesInput {
  readonly id: string;
  readonly points: readonly { readonly month: number; readonly value: number }[];
}

export interface CohortLayoutInput {
  readonly series: readonly CohortSeriesInput[];
  readonly width: number;
  readonly height: number;
  /** Room on the right for the direct labels (default 64 px). */
  readonly labelWidth?: number;
  readonly margin?: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
  /** Smallest vertical distance between two end labels (default 14 px). */
  readonly labelGap?: number;
}

export interface CohortLine {
  readonly id: string;
  readonly index: number;
  readonly path: string;
  /** The last point, and where its label goes. */
  readonly end: { readonly x: number; readonly y: number };
  readonly labelY: number;
  /** Each point's position, for markers and focus. */
  readonly points: readonly { readonly month: number; readonly value: number; readonly x: number; readonly y: number }[];
}

export interface CohortGeometry {
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
  readonly lines: readonly CohortLine[];
  readonly xTicks: readonly { readonly value: number; readonly x: number }[];
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
  readonly labelX: number;
}

/** Spread label positions (sorted by wanted y) at least `gap` apart inside [top, bottom]. */
export function spreadLabels(wanted: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const pos = order.map((o) => Math.max(top, o.y));
  for (let k = 0; k < pos.length; k++) {
    if (k > 0 && pos[k]! < pos[k - 1]! + gap) pos[k] = pos[k - 1]! + gap;
  }
  // Pushed past the bottom: shift back up as a block, then clamp the top.
  if (pos.length && pos[pos.length - 1]! > bottom) {
    pos[pos.length - 1] = bottom;
    for (let k = pos.length - 2; k >= 0; k--) pos[k] = Math.min(pos[k]!, pos[k + 1]! - gap);
  }
  // Only when there is no room for all: the top label stays inside, the rest overlap least.
  for (let k = 0; k < pos.length; k++) if (pos[k]! < top) pos[k] = top;
  const out = new Array<number>(wanted.length);
  order.forEach((o, k) => (out[o.i] = pos[k]!));
  return out;
}

const DEFAULT_MARGIN = { top: 10, right: 8, bottom: 28, left: 48 };

export function cohortLayout(input: CohortLayoutInput): CohortGeometry {
  const width = Math.max(0, Number.isFinite(input.width) ? input.width : 0);
  const height = Math.max(0, Number.isFinite(input.height) ? input.height : 0);
  const m = input.margin ?? DEFAULT_MARGIN;
  const labelWidth = input.labelWidth ?? 64;
  const left = m.left;
  const right = Math.max(left + 1, width - m.right - labelWidth);
  const top = m.top;
  const bottom = Math.max(top + 1, height - m.bottom);
  let maxMonth = 0;
  let maxValue = 0;
  for (const s of input.series) {
    for (const p of s.points) {
      if (p.month > maxMonth) maxMonth = p.month;
      if (Number.isFinite(p.value) && p.value > maxValue) maxValue = p.value;
    }
  }
  const x = scaleLinear().domain([0, Math.max(1, maxMonth)]).range([left, right]);
  const y = scaleLinear().domain([0, maxValue > 0 ? maxValue : 1]).range([bottom, top]).nice(4);
  const gen = line<{ x: number; y: number }>().x((p) => p.x).y((p) => p.y);
  const lines = input.series.map((s, index) => {
    const points = s.points.filter((p) => Number.isFinite(p.value)).map((p) => ({ month: p.month, value: p.value, x: x(p.month), y: y(p.value) }));
    const last = points[points.length - 1] ?? { x: left, y: bottom };
    return { id: s.id, index, path: points.length ? gen(points) ?? '' : '', end: { x: last.x, y: last.y }, labelY: last.y, points };
  });
  const spread = spreadLabels(lines.map((l) => l.end.y), input.labelGap ?? 14, top + 4, bottom);
  const withLabels = lines.map((l, i) => ({ ...l, labelY: spread[i]! }));
  const xTicks = x.ticks(Math.max(2, Math.min(maxMonth, Math.floor((right - left) / 50)))).filter((v) => Number.isInteger(v)).map((v) => ({ value: v, x: x(v) }));
  const yTicks = y.ticks(4).map((v) => ({ value: v, y: y(v) }));
  return { width, height, plot: { left, right, top, bottom }, lines: withLabels, xTicks, yTicks, labelX: right + 6 };
}
