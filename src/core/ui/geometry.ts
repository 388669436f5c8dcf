/**
 * The shapes the chart partials draw (plain numbers, no DOM, no lit). Layouts in
 * src/charts/ produce them; the partials in this folder draw them. They live in core so that
 * both can use them with imports pointing inward.
 */

export type TickAnchor = 'start' | 'middle' | 'end';

/** A tick on a horizontal scale. */
export interface XTick {
  readonly value: number;
  readonly x: number;
  /** How its label is anchored; default 'middle'. */
  readonly anchor?: TickAnchor;
}

/** A tick on a vertical scale. */
export interface YTick {
  readonly value: number;
  readonly y: number;
}

/** The bullet graph's qualitative bands. */
export type RangeId = 'poor' | 'satisfactory' | 'good';

export interface BulletRange {
  readonly id: RangeId;
  readonly x: number;
  readonly width: number;
  /** Value interval this range covers. */
  readonly from: number;
  readonly to: number;
}

export interface BulletBar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The value is past the scale's end; the bar is clamped there. */
  readonly overflow: boolean;
  readonly negative: boolean;
}

export interface BulletMarker {
  readonly x: number;
  readonly y1: number;
  readonly y2: number;
}

/** What the bullet partial draws. */
export interface BulletGeometry {
  readonly width: number;
  readonly height: number;
  readonly ranges: readonly BulletRange[];
  readonly bar: BulletBar | null;
  /** The target: Few's comparative measure. */
  readonly marker: BulletMarker;
  /** An optional second comparative measure (shorter than the target's marker). */
  readonly comparative?: BulletMarker | null;
  readonly ticks: readonly XTick[];
}
