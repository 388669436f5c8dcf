/**
 * Geometry of the LTV-by-segment comparison (kpi-ltv with `group-by`): one row per segment,
 * in the order given (the table's sort), in two panels that share the rows' positions:
 *
 * - value panel: the segment's LTV as a bar with its 95 % margin of error as a whisker, and,
 *   when a cost is known, its CAC as a thinner bar beneath, on one money axis from 0;
 * - ratio panel (when any segment has an LTV:CAC): LTV:CAC as a bar from 0 with a vertical
 *   reference line at the target (3:1).
 *
 * Wide panels put the labels in a column on the left; narrow ones (under NARROW px) put each
 * label on its own line above its bars, so nothing is squeezed at 360 px. Values that cannot
 * be drawn (not available, or negative) get no bar. Plain numbers out; lit draws them.
 */
import { scaleLinear } from './scale.ts';

/** Panels narrower than this put labels above the bars. */
export const NARROW = 480;

export interface SegmentBarInput {
  readonly id: string;
  readonly ltv: number | null;
  /** ± margin of error around the LTV, or null. */
  readonly margin: number | null;
  readonly cac: number | null;
  readonly ratio: number | null;
}

export interface SegmentsLayoutInput {
  readonly rows: readonly SegmentBarInput[];
  /** Width of each panel. */
  readonly width: number;
  /** The LTV:CAC reference (3). */
  readonly target: number;
  /** Width of the label column in a wide panel (the view measures its longest label). */
  readonly labelWidth: number;
  /** Room kept right of the longest bar for its value label. */
  readonly valueRoom: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Plot {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface ValueRowGeometry {
  readonly id: string;
  readonly labelX: number;
  readonly labelY: number;
  readonly ltv: Rect | null;
  readonly whisker: { readonly x1: number; readonly x2: number; readonly y: number } | null;
  readonly cac: Rect | null;
  /** Where the LTV value label starts (baseline), right of the bar and whisker. */
  readonly ltvText: { readonly x: number; readonly y: number };
  readonly cacText: { readonly x: number; readonly y: number } | null;
}

export interface RatioRowGeometry {
  readonly id: string;
  readonly labelX: number;
  readonly labelY: number;
  readonly bar: Rect | null;
  readonly text: { readonly x: number; readonly y: number };
}

export interface Panel<R> {
  readonly width: number;
  readonly height: number;
  readonly plot: Plot;
  readonly ticks: readonly { readonly value: number; readonly x: number; readonly anchor?: 'start' | 'end' }[];
  readonly rows: readonly R[];
}

export interface SegmentsLayout {
  /** Labels above the bars (narrow panels). */
  readonly stacked: boolean;
  readonly value: Panel<ValueRowGeometry>;
  readonly ratio: (Panel<RatioRowGeometry> & { readonly target: { readonly x: number; readonly y1: number; readonly y2: number } }) | null;
}

const TOP = 22;
const BOTTOM = 24;
const LABEL_LINE = 16;
const LTV_H = 12;
const CAC_H = 7;
const GAP = 2;
const ROW_PAD = 10;

const drawable = (v: number | null): v is number => v !== null && Number.isFinite(v) && v >= 0;

/** Ticks with their labels kept inside the panel: the first starts at its tick, the last ends at it, when near an edge. */
function ticksOf(values: readonly number[], at: (v: number) => number, width: number): { value: number; x: number; anchor?: 'start' | 'end' }[] {
  return values.map((value) => {
    const x = at(value);
    return x < 30 ? { value, x, anchor: 'start' as const } : x > width - 30 ? { value, x, anchor: 'end' as const } : { value, x };
  });
}

export function segmentsLayout(input: SegmentsLayoutInput): SegmentsLayout {
  const width = Math.max(200, input.width);
  const stacked = width < NARROW;
  const hasCac = input.rows.some((r) => drawable(r.cac));
  const barsH = LTV_H + (hasCac ? GAP + CAC_H : 0);
  const band = (stacked ? LABEL_LINE : 0) + barsH + ROW_PAD;
  const left = stacked ? 8 : Math.min(Math.round(width * 0.4), Math.max(60, input.labelWidth + 12));
  const plotH = band * input.rows.length;
  const height = TOP + plotH + BOTTOM;
  const barTop = (i: number) => TOP + i * band + (stacked ? LABEL_LINE : 0) + ROW_PAD / 2;
  const labelY = (i: number) => (stacked ? TOP + i * band + ROW_PAD / 2 + 11 : barTop(i) + LTV_H - 2);

  // Value panel: money from 0.
  let max = 0;
  for (const r of input.rows) {
    if (drawable(r.ltv)) max = Math.max(max, r.ltv + (drawable(r.margin) ? r.margin : 0));
    if (drawable(r.cac)) max = Math.max(max, r.cac);
  }
  const vRight = width - Math.max(24, input.valueRoom);
  const x = scaleLinear().domain([0, max > 0 ? max : 1]).range([left, vRight]).nice(4);
  const plot: Plot = { left, right: vRight, top: TOP, bottom: TOP + plotH };
  const valueRows: ValueRowGeometry[] = input.rows.map((r, i) => {
    const y = barTop(i);
    const ltv = drawable(r.ltv) ? { x: left, y, w: Math.max(1, x(r.ltv) - left), h: LTV_H } : null;
    const whisker = ltv && drawable(r.margin) && r.margin > 0 ? { x1: Math.max(left, x(r.ltv! - r.margin)), x2: x(r.ltv! + r.margin), y: y + LTV_H / 2 } : null;
    const cac = drawable(r.cac) ? { x: left, y: y + LTV_H + GAP, w: Math.max(1, x(r.cac) - left), h: CAC_H } : null;
    const end = Math.max(ltv ? ltv.x + ltv.w : left, whisker ? whisker.x2 : left);
    return {
      id: r.id,
      labelX: stacked ? left : left - 8,
      labelY: labelY(i),
      ltv,
      whisker,
      cac,
      ltvText: { x: end + 5, y: y + LTV_H - 2 },
      cacText: cac ? { x: cac.x + cac.w + 5, y: cac.y + CAC_H } : null,
    };
  });
  const value: Panel<ValueRowGeometry> = { width, height, plot, ticks: ticksOf(x.ticks(stacked ? 3 : 4), x, width), rows: valueRows };

  // Ratio panel: LTV:CAC from 0, with the target line.
  const ratios = input.rows.filter((r) => drawable(r.ratio));
  if (ratios.length === 0) return { stacked, value, ratio: null };
  const rBand = (stacked ? LABEL_LINE : 0) + LTV_H + ROW_PAD;
  const rTop = (i: number) => TOP + i * rBand + (stacked ? LABEL_LINE : 0) + ROW_PAD / 2;
  const rLabelY = (i: number) => (stacked ? TOP + i * rBand + ROW_PAD / 2 + 11 : rTop(i) + LTV_H - 2);
  // Same rows as the value panel when side by side: use the value panel's band then.
  const sameRows = !stacked;
  const top = (i: number) => (sameRows ? barTop(i) : rTop(i));
  const lab = (i: number) => (sameRows ? labelY(i) : rLabelY(i));
  const rPlotH = (sameRows ? band : rBand) * input.rows.length;
  let rMax = input.target * 1.5;
  for (const r of ratios) rMax = Math.max(rMax, r.ratio!);
  const rRight = width - Math.max(24, Math.min(input.valueRoom, 48));
  const rx = scaleLinear().domain([0, rMax]).range([left, rRight]).nice(4);
  const rows: RatioRowGeometry[] = input.rows.map((r, i) => {
    const y = top(i);
    const bar = drawable(r.ratio) ? { x: left, y, w: Math.max(1, rx(r.ratio) - left), h: LTV_H } : null;
    return { id: r.id, labelX: stacked ? left : left - 8, labelY: lab(i), bar, text: { x: (bar ? bar.x + bar.w : left) + 5, y: y + LTV_H - 2 } };
  });
  const rPlot: Plot = { left, right: rRight, top: TOP, bottom: TOP + rPlotH };
  return {
    stacked,
    value,
    ratio: {
      width,
      height: TOP + rPlotH + BOTTOM,
      plot: rPlot,
      ticks: ticksOf(rx.ticks(stacked ? 3 : 4), rx, width),
      rows,
      target: { x: rx(input.target), y1: TOP - 6, y2: TOP + rPlotH },
    },
  };
}
