/**
 * Histogram geometry: bins (from src/ltv/distribution.ts) and a size → bars, axis ticks
 * and an optional marker (the mean). The overflow bin (customers past the last bin) is drawn
 * as one more bar after a small gap, labelled by the element ("≥ $320").
 *
 * Returns plain numbers; lit draws them (src/elements/kpi-ltv.ts).
 */
import { scaleLinear } from './scale.ts';

export interface HistogramBinInput {
  readonly x0: number;
  readonly x1: number;
  readonly count: number;
}

export interface HistogramInput {
  readonly bins: readonly HistogramBinInput[];
  readonly overflow?: { readonly from: number; readonly count: number } | null;
  /** A value to mark with a vertical line (e.g. the mean). */
  readonly marker?: number | null;
  readonly width: number;
  readonly height: number;
  readonly margin?: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
  readonly xTicks?: number;
  readonly yTicks?: number;
}

export interface HistogramBar {
  readonly id: string;
  readonly index: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly x0: number;
  /** Infinity for the overflow bar. */
  readonly x1: number;
  readonly count: number;
  readonly overflow: boolean;
}

export interface HistogramGeometry {
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
  readonly bars: readonly HistogramBar[];
  readonly xTicks: readonly { readonly value: number; readonly x: number }[];
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
  readonly marker: { readonly value: number; readonly x: number } | null;
  /** x of the overflow bar's centre (for its label), or null. */
  readonly overflowX: number | null;
}

const DEFAULT_MARGIN = { top: 12, right: 12, bottom: 28, left: 44 };

export function histogramLayout(input: HistogramInput): HistogramGeometry {
  const width = Math.max(0, Number.isFinite(input.width) ? input.width : 0);
  const height = Math.max(0, Number.isFinite(input.height) ? input.height : 0);
  const m = input.margin ?? DEFAULT_MARGIN;
  const left = m.left;
  const right = Math.max(left, width - m.right);
  const top = m.top;
  const bottom = Math.max(top, height - m.bottom);
  const bins = input.bins;
  const over = input.overflow && input.overflow.count > 0 ? input.overflow : null;
  if (bins.length === 0) {
    return { width, height, plot: { left, right, top, bottom }, bars: [], xTicks: [], yTicks: [], marker: null, overflowX: null };
  }
  const lo = bins[0]!.x0;
  const hi = bins[bins.length - 1]!.x1;
  // The overflow bar takes one bin's width plus a gap of half a bin.
  const binW = (right - left) / (bins.length + (over ? 1.5 : 0));
  const xEnd = left + binW * bins.length;
  const x = scaleLinear().domain([lo, hi]).range([left, xEnd]);
  let maxCount = over ? over.count : 0;
  for (const b of bins) if (b.count > maxCount) maxCount = b.count;
  const y = scaleLinear().domain([0, Math.max(1, maxCount)]).range([bottom, top]).nice(input.yTicks ?? 4);
  const gap = binW > 6 ? 1 : 0;
  const bars: HistogramBar[] = bins.map((b, i) => {
    const x0 = x(b.x0);
    const x1 = x(b.x1);
    const yTop = y(b.count);
    return { id: `b${i}`, index: i, x: x0 + gap / 2, y: yTop, w: Math.max(0, x1 - x0 - gap), h: Math.max(0, bottom - yTop), x0: b.x0, x1: b.x1, count: b.count, overflow: false };
  });
  let overflowX: number | null = null;
  if (over) {
    const ox = xEnd + binW * 0.5;
    const yTop = y(over.count);
    bars.push({ id: 'overflow', index: bars.length, x: ox + gap / 2, y: yTop, w: Math.max(0, binW - gap), h: Math.max(0, bottom - yTop), x0: over.from, x1: Infinity, count: over.count, overflow: true });
    overflowX = ox + binW / 2;
  }
  const xTicks = x.ticks(input.xTicks ?? Math.max(2, Math.min(8, Math.floor((xEnd - left) / 70)))).map((v) => ({ value: v, x: x(v) }));
  // Counts are whole customers: no 0.5 ticks.
  const yTicks = y.ticks(input.yTicks ?? 4).filter((v) => Number.isInteger(v)).map((v) => ({ value: v, y: y(v) }));
  const mv = input.marker;
  const marker = mv !== null && mv !== undefined && Number.isFinite(mv) && mv >= lo && mv <= hi ? { value: mv, x: x(mv) } : null;
  return { width, height, plot: { left, right, top, bottom }, bars, xTicks, yTicks, marker, overflowX };
}
