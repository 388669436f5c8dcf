/**
 * The calibration-vs-hold-out tracking plot: cumulative repeat purchases by week, actual and
 * expected (two lines), with a vertical marker where the calibration ends. Plain numbers and
 * path strings; lit draws them (src/widgets/ltv/template.ts).
 */
import { line } from 'd3-shape';
import { scaleLinear } from './scale.ts';

export interface HoldoutLayoutInput {
  /** Cumulative values at the end of weeks 1 … W (index 0 = week 1); the curves start at 0 in week 0. */
  readonly actual: readonly number[];
  readonly expected: readonly number[];
  /** Where the calibration ends, in weeks. */
  readonly marker: number;
  readonly width: number;
  readonly height: number;
  readonly margin?: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
}

export interface HoldoutGeometry {
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
  readonly actualPath: string;
  readonly expectedPath: string;
  /** The ends of the two lines (for their direct labels). */
  readonly actualEnd: { readonly x: number; readonly y: number };
  readonly expectedEnd: { readonly x: number; readonly y: number };
  readonly markerX: number;
  readonly xTicks: readonly { readonly value: number; readonly x: number }[];
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
}

const DEFAULT_MARGIN = { top: 12, right: 12, bottom: 30, left: 52 };

export function holdoutLayout(input: HoldoutLayoutInput): HoldoutGeometry {
  const width = Math.max(0, Number.isFinite(input.width) ? input.width : 0);
  const height = Math.max(0, Number.isFinite(input.height) ? input.height : 0);
  const m = input.margin ?? DEFAULT_MARGIN;
  const left = m.left;
  const right = Math.max(left + 1, width - m.right);
  const top = m.top;
  const bottom = Math.max(top + 1, height - m.bottom);
  const weeks = Math.max(input.actual.length, input.expected.length, 1);
  let max = 0;
  for (const v of [...input.actual, ...input.expected]) if (Number.isFinite(v) && v > max) max = v;
  const x = scaleLinear().domain([0, weeks]).range([left, right]);
  const y = scaleLinear().domain([0, max > 0 ? max : 1]).range([bottom, top]).nice(4);
  const gen = line<{ x: number; y: number }>().x((p) => p.x).y((p) => p.y);
  const pointsOf = (values: readonly number[]) => [{ x: x(0), y: y(0) }, ...values.map((v, i) => ({ x: x(i + 1), y: y(Number.isFinite(v) ? v : 0) }))];
  const a = pointsOf(input.actual);
  const e = pointsOf(input.expected);
  const step = weeks <= 13 ? 1 : weeks <= 26 ? 4 : weeks <= 80 ? 13 : weeks <= 160 ? 26 : 52;
  const room = Math.max(1, Math.floor((right - left) / 36));
  const every = Math.max(step, Math.ceil(weeks / room / step) * step);
  const xTicks: { value: number; x: number }[] = [];
  for (let w = 0; w <= weeks; w += every) xTicks.push({ value: w, x: x(w) });
  return {
    width,
    height,
    plot: { left, right, top, bottom },
    actualPath: gen(a) ?? '',
    expectedPath: gen(e) ?? '',
    actualEnd: a[a.length - 1]!,
    expectedEnd: e[e.length - 1]!,
    markerX: x(Math.min(Math.max(input.marker, 0), weeks)),
    xTicks,
    yTicks: y.ticks(4).map((v) => ({ value: v, y: y(v) })),
  };
}
