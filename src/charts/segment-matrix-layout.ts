/**
 * Geometry for the segment × step matrix: each cell is a small bar of a step's conversion,
 * on one shared 0–100 % scale so segments compare at a glance, with a tick at the
 * all-segments rate for reference. Plain numbers; lit draws them.
 */
import { scaleLinear } from './scale.ts';

export interface MatrixCell {
  /** Bar width in px (0 when the rate is not available). */
  readonly w: number;
  /** x of the reference tick, or null. */
  readonly refX: number | null;
  /** Rate above / below the reference (null when either is missing). */
  readonly vsReference: 'above' | 'below' | 'equal' | null;
}

export function matrixCell(rate: number | null, reference: number | null, width: number): MatrixCell {
  const x = scaleLinear().domain([0, 1]).range([0, width]).clamp(true);
  const w = rate === null ? 0 : Math.max(rate > 0 ? 1 : 0, Math.round(x(rate) * 10) / 10);
  const refX = reference === null ? null : Math.round(x(reference) * 10) / 10;
  const vsReference = rate === null || reference === null ? null : Math.abs(rate - reference) < 1e-9 ? 'equal' : rate > reference ? 'above' : 'below';
  return { w, refX, vsReference };
}
