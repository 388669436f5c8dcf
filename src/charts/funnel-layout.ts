/**
 * Funnel geometry: centred bars whose width is proportional to the count that reached
 * each stage, joined by trapezoid connectors that carry the step conversion. Returns
 * plain numbers and path strings; lit draws them, this file never touches the DOM or
 * formats text.
 */
import { scaleLinear, scaleSymlog } from './scale.ts';

export interface FunnelLayoutStep {
  readonly id: string;
  readonly count: number;
  /** Comparison period's count, drawn as an outline. */
  readonly previous?: number | null;
}

export interface FunnelLayoutOptions {
  readonly width: number;
  /** Compact rows for small multiples. */
  readonly compact?: boolean;
  /** Domain maximum; by default the largest count (current or previous). */
  readonly max?: number;
  /**
   * 'linear' (width ∝ count), 'log' (symmetric log: small stages stay visible), or 'auto':
   * log when the largest count is more than `LOG_RATIO` times the smallest non-zero one.
   */
  readonly scale?: 'linear' | 'log' | 'auto';
}

export const LOG_RATIO = 40;

/** The scale 'auto' resolves to for these counts. */
export function resolveScale(counts: readonly number[], scale: 'linear' | 'log' | 'auto' = 'auto'): 'linear' | 'log' {
  if (scale !== 'auto') return scale;
  let max = 0;
  let min = Infinity;
  for (const c of counts) {
    if (c > max) max = c;
    if (c > 0 && c < min) min = c;
  }
  return min !== Infinity && max / min > LOG_RATIO ? 'log' : 'linear';
}

export interface BarGeometry {
  readonly id: string;
  readonly index: number;
  /** Top of the stage's label line. */
  readonly labelY: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Outline of the comparison period's bar, or null. */
  readonly previous: { readonly x: number; readonly w: number } | null;
}

export interface ConnectorGeometry {
  readonly id: string;
  /** Index of the stage being entered. */
  readonly index: number;
  readonly path: string;
  /** Where the step's conversion text is centred. */
  readonly textX: number;
  readonly textY: number;
  readonly y: number;
  readonly h: number;
}

export interface FunnelGeometry {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly centre: number;
  readonly bars: readonly BarGeometry[];
  readonly connectors: readonly ConnectorGeometry[];
  readonly labelHeight: number;
  readonly scale: 'linear' | 'log';
}

const r1 = (v: number) => Math.round(v * 10) / 10;

export function funnelLayout(steps: readonly FunnelLayoutStep[], options: FunnelLayoutOptions): FunnelGeometry {
  const width = Math.max(120, options.width);
  const compact = options.compact ?? false;
  const pad = compact ? 2 : 4;
  const labelHeight = compact ? 16 : 20;
  const barHeight = compact ? 16 : width < 480 ? 24 : 30;
  const gap = compact ? 18 : 30;
  const left = pad;
  const right = width - pad;
  const centre = (left + right) / 2;
  let max = options.max ?? 0;
  if (options.max === undefined) {
    for (const s of steps) {
      if (s.count > max) max = s.count;
      if (s.previous != null && s.previous > max) max = s.previous;
    }
  }
  const kind = resolveScale(steps.flatMap((s) => (s.previous != null ? [s.count, s.previous] : [s.count])), options.scale);
  const domain: [number, number] = [0, max > 0 ? max : 1];
  const scale = (kind === 'log' ? scaleSymlog() : scaleLinear()).domain(domain).range([0, right - left]).clamp(true);
  const barW = (v: number) => (v > 0 ? Math.max(2, scale(v)) : 0);

  const bars: BarGeometry[] = [];
  const connectors: ConnectorGeometry[] = [];
  let y = 0;
  steps.forEach((s, index) => {
    if (index > 0) {
      const prev = bars[index - 1]!;
      const top = y;
      const bottom = y + gap;
      const w = barW(s.count);
      const x0 = centre - w / 2;
      const path = `M${r1(prev.x)},${r1(top)}L${r1(prev.x + prev.w)},${r1(top)}L${r1(x0 + w)},${r1(bottom)}L${r1(x0)},${r1(bottom)}Z`;
      connectors.push({ id: s.id, index, path, textX: r1(centre), textY: r1(top + gap / 2), y: r1(top), h: gap });
      y = bottom;
    }
    const labelY = y;
    y += labelHeight;
    const w = barW(s.count);
    const pw = s.previous != null ? barW(s.previous) : null;
    bars.push({
      id: s.id,
      index,
      labelY: r1(labelY),
      x: r1(centre - w / 2),
      y: r1(y),
      w: r1(w),
      h: barHeight,
      previous: pw === null ? null : { x: r1(centre - pw / 2), w: r1(pw) },
    });
    y += barHeight;
  });
  return { width, height: Math.ceil(y + pad), left, right, centre, bars, connectors, labelHeight, scale: kind };
}

/** Columns of a small-multiples grid: cells at least `minCell` px wide. */
export function gridColumns(width: number, count: number, minCell = 240): number {
  return Math.max(1, Math.min(count, Math.floor(width / minCell)));
}

/** The width a funnel is drawn at: the host's measured width (600 until it is measured), at least 240. */
export function funnelWidth(hostWidth: number): number {
  return Math.max(240, hostWidth || 600);
}

/** Below this width the chart drops the words after its ▼ / ⚠ marks and the median days. */
export const NARROW_WIDTH = 480;

/** Gap between grid cells and a cell's horizontal padding + border (the widget's CSS: 12 px gap, 10 px padding, 1 px border). */
const GRID_GAP = 12;
const CELL_INSET = 22;

/** The small-multiples grid of segment funnels at `width`: its columns and each cell's drawing width. */
export function segmentGrid(width: number, count: number): { readonly cols: number; readonly cellWidth: number } {
  const cols = gridColumns(width, count, width < 700 ? 200 : 230);
  return { cols, cellWidth: Math.floor((width - (cols - 1) * GRID_GAP) / cols) - CELL_INSET };
}

/**
 * Width of each conversion bar in the segment × step matrix at `width`, with `columns` rate
 * columns (the steps after the first, plus overall): 48 to 140 px, after 220 px for the name
 * and size columns and 56 px per column for the rate text.
 */
export function matrixBarWidth(width: number, columns: number): number {
  return Math.max(48, Math.min(140, Math.floor((width - 220) / Math.max(1, columns)) - 56));
}
