/**
 * Tick placement shared by the chart layouts: where each label of a horizontal scale is
 * anchored so that the end labels stay inside the drawing. Plain numbers, no DOM; the
 * partials in src/core/ui/axis.ts draw the result.
 */
import type { TickAnchor, XTick } from '../core/ui/geometry.ts';

export type { TickAnchor } from '../core/ui/geometry.ts';

export interface AnchoredTick extends XTick {
  readonly anchor: TickAnchor;
}

/** Room (px) a centred end label needs on its outer side, at the first and the last tick. */
export const EDGE_ROOM = { start: 12, end: 20 } as const;

/**
 * Anchors for ticks along [0, width]: the first label starts at its tick when the tick is
 * closer than EDGE_ROOM.start to the left edge, the last ends at its tick when closer than
 * EDGE_ROOM.end to the right edge (end labels are usually the widest); the rest are centred.
 */
export function anchorTicks(ticks: readonly { readonly value: number; readonly x: number }[], width: number): AnchoredTick[] {
  const last = ticks.length - 1;
  return ticks.map((t, i) => ({
    value: t.value,
    x: t.x,
    anchor: i === 0 && t.x < EDGE_ROOM.start ? 'start' : i === last && last > 0 && t.x > width - EDGE_ROOM.end ? 'end' : 'middle',
  }));
}
