/**
 * Stephen Few's bullet graph as geometry (Few, "Bullet Graph Design Specification", 2013):
 * - qualitative ranges: poor / satisfactory / good, from the KPI's critical and warning levels;
 * - the featured measure: a bar from zero to the value;
 * - the comparative measure: a short perpendicular marker at the target;
 * - a quantitative scale with ticks.
 *
 * The scale always runs left (low) to right (high). For lower-is-better KPIs the ranges are
 * reversed: 'good' sits next to zero and 'poor' at the far end, as the specification asks.
 * A value far past the scale (more than `overflowFactor` × the largest level) is clamped
 * and flagged `overflow` so the element can draw an arrow; negative values draw leftwards
 * from zero; a value that is not available draws no bar.
 *
 * An optional second comparative measure (a previous period, a pro-rated target) is a
 * shorter marker beside the target.
 *
 * Returns plain numbers; the partial in src/core/ui/bullet.ts draws them.
 */
import { scaleLinear } from './scale.ts';
import { anchorTicks, type AnchoredTick } from './axis.ts';
import type { BulletBar, BulletGeometry, BulletMarker, BulletRange, RangeId } from '../core/ui/geometry.ts';

export type { BulletBar, BulletMarker, BulletRange, RangeId } from '../core/ui/geometry.ts';

/** Which way is better: 'up' (higher) or 'down' (lower). */
export type Direction = 'up' | 'down';

export interface BulletInput {
  readonly value: number | null;
  readonly target: number;
  readonly direction: Direction;
  /** Absolute levels (see resolveLevels in src/targets/status.ts). */
  readonly warning: number;
  readonly critical: number;
  /** A second comparative measure, drawn as a shorter marker; null or absent draws none. */
  readonly comparative?: number | null;
  readonly width: number;
  readonly height: number;
  readonly ticks?: number;
  /** How far past the largest level the scale may stretch to show the value (default 2.5×). */
  readonly overflowFactor?: number;
}

export interface BulletLayout extends BulletGeometry {
  readonly domain: readonly [number, number];
  readonly comparative: BulletMarker | null;
  /** The x of the zero line (where the bar starts). */
  readonly zeroX: number;
  /** Scale ticks; the end labels are anchored inside the drawing. */
  readonly ticks: readonly AnchoredTick[];
}

function finiteOr(v: number, d: number): number {
  return Number.isFinite(v) ? v : d;
}

export function bulletLayout(input: BulletInput): BulletLayout {
  const width = Math.max(0, finiteOr(input.width, 0));
  const height = Math.max(0, finiteOr(input.height, 0));
  const comparative = input.comparative !== undefined && input.comparative !== null && Number.isFinite(input.comparative) ? input.comparative : null;
  const levels = [input.target, input.warning, input.critical, ...(comparative !== null ? [comparative] : [])].filter(Number.isFinite);
  const value = input.value !== null && Number.isFinite(input.value) ? input.value : null;
  let lo = 0;
  let baseHi = 0;
  for (const l of levels) {
    if (l < lo) lo = l;
    if (l > baseHi) baseHi = l;
  }
  // Room past the largest level so the last range is visible.
  baseHi = baseHi > 0 ? baseHi * 1.15 : lo < 0 ? 0 : 1;
  if (lo < 0) lo *= 1.15;
  let hi = baseHi;
  let overflow = false;
  const cap = baseHi * (input.overflowFactor ?? 2.5);
  if (value !== null && value > hi) {
    if (baseHi > 0 && value > cap) {
      hi = cap;
      overflow = true;
    } else hi = value;
  }
  let underflow = false;
  if (value !== null && value < lo) {
    const floor = lo < 0 ? lo * (input.overflowFactor ?? 2.5) : -baseHi * ((input.overflowFactor ?? 2.5) - 1);
    if (value < floor) {
      lo = floor;
      underflow = true;
    } else lo = value;
  }
  // Degenerate (denormal or equal) extents: give the scale a unit of room.
  if (!(hi - lo > 1e-9 * Math.max(1e-9, Math.abs(lo), Math.abs(hi)))) hi = lo + Math.max(1, Math.abs(lo));
  const scale = scaleLinear().domain([lo, hi]).range([0, width]).nice(input.ticks ?? 4);
  const [d0, d1] = scale.domain() as [number, number];
  const x = (v: number) => Math.min(width, Math.max(0, scale(v)));

  // Ranges along the scale, low to high.
  const lowLevel = Math.min(input.warning, input.critical);
  const highLevel = Math.max(input.warning, input.critical);
  const order: RangeId[] = input.direction === 'up' ? ['poor', 'satisfactory', 'good'] : ['good', 'satisfactory', 'poor'];
  const bounds: [number, number][] = [
    [d0, Math.max(d0, Math.min(lowLevel, d1))],
    [Math.max(d0, Math.min(lowLevel, d1)), Math.max(d0, Math.min(highLevel, d1))],
    [Math.max(d0, Math.min(highLevel, d1)), d1],
  ];
  const ranges: BulletRange[] = order.map((id, i) => {
    const [from, to] = bounds[i]!;
    return { id, from, to, x: x(from), width: Math.max(0, x(to) - x(from)) };
  });

  const zeroX = x(Math.min(d1, Math.max(d0, 0)));
  const barH = height / 3;
  let bar: BulletBar | null = null;
  if (value !== null) {
    const vx = x(Math.min(d1, Math.max(d0, value)));
    const negative = value < 0;
    bar = {
      x: negative ? vx : zeroX,
      y: (height - barH) / 2,
      width: Math.abs(vx - zeroX),
      height: barH,
      overflow: overflow || underflow,
      negative,
    };
  }
  const markerH = height * 0.7;
  const marker = { x: x(input.target), y1: (height - markerH) / 2, y2: (height + markerH) / 2 };
  const compH = height * 0.45;
  const comparativeMarker = comparative === null ? null : { x: x(comparative), y1: (height - compH) / 2, y2: (height + compH) / 2 };
  const ticks = anchorTicks(scale.ticks(input.ticks ?? 4).map((t) => ({ value: t, x: x(t) })), width);
  return { width, height, domain: [d0, d1], ranges, bar, marker, comparative: comparativeMarker, zeroX, ticks };
}
