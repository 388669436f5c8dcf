/**
 * Axis partials: tick labels (and grid lines) from a layout's ticks. A layout computes where
 * the ticks go and how each label is anchored (src/charts/*-layout.ts, src/charts/axis.ts);
 * these only draw them. Each returns an SVG `<g class="axis">` hidden from assistive
 * technology: the chart's accessible name and the data table carry the numbers.
 *
 * The tick shapes are in ./geometry.ts.
 *
 * @cssprop --kpi-axis-color - Tick label colour (default: the muted text colour).
 * @cssprop --kpi-axis-grid - Grid line colour (default: --kpi-color-grid).
 */
import { css, nothing, svg, type SVGTemplateResult } from 'lit';

import type { XTick, YTick } from './geometry.ts';

export type { TickAnchor, XTick, YTick } from './geometry.ts';

export interface AxisBottomOptions {
  /** Baseline of the labels. */
  readonly y: number;
  readonly format: (value: number) => string;
}

/** Labels along a horizontal scale. */
export function axisBottom(ticks: readonly XTick[], o: AxisBottomOptions): SVGTemplateResult {
  return svg`<g class="axis" aria-hidden="true">${ticks.map(
    (t) => svg`<text x=${t.x} y=${o.y} text-anchor=${t.anchor ?? 'middle'}>${o.format(t.value)}</text>`,
  )}</g>`;
}

export interface AxisLeftOptions {
  /** The plot's left edge: labels end 6 px before it. */
  readonly x: number;
  readonly format: (value: number) => string;
  /** Draw a grid line across the plot at each tick, from `x` to `gridTo`. */
  readonly gridTo?: number;
}

/** Labels (and grid lines) along a vertical scale. */
export function axisLeft(ticks: readonly YTick[], o: AxisLeftOptions): SVGTemplateResult {
  return svg`<g class="axis" aria-hidden="true">${ticks.map(
    (t) => svg`${o.gridTo !== undefined ? svg`<line class="gridline" x1=${o.x} x2=${o.gridTo} y1=${t.y} y2=${t.y}></line>` : nothing}<text
      x=${o.x - 6} y=${t.y} dy="0.32em" text-anchor="end">${o.format(t.value)}</text>`,
  )}</g>`;
}

export const axisStyles = css`
  .axis text {
    font-size: 11px;
    fill: var(--kpi-axis-color, var(--_muted));
    font-variant-numeric: tabular-nums;
  }
  .axis line,
  .gridline {
    stroke: var(--kpi-axis-grid, var(--_grid));
    stroke-width: 1;
  }
`;
