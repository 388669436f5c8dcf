/**
 * The bullet graph (Few), drawn from the geometry of src/charts/bullet-layout.ts: three
 * qualitative bands, the featured measure, the target marker, an optional second
 * comparative marker, an arrow when the measure runs past the scale, and the scale's
 * labels. One partial and one set of custom properties for every widget.
 *
 * The shape it draws, BulletGeometry, is in ./geometry.ts.
 *
 * @cssprop --kpi-bullet-poor - The darkest band, "poor".
 * @cssprop --kpi-bullet-satisfactory - The middle band.
 * @cssprop --kpi-bullet-good - The lightest band, "good".
 * @cssprop --kpi-bullet-measure - The featured measure (default: the text colour).
 * @cssprop --kpi-bullet-target - The target marker (default: the text colour).
 * @cssprop --kpi-bullet-comparative - The second comparative marker (default: the muted text colour).
 */
import { css, html, nothing, svg, type TemplateResult } from 'lit';
import { axisBottom } from './axis.ts';
import type { BulletGeometry } from './geometry.ts';

export type { BulletGeometry } from './geometry.ts';


export interface BulletOptions {
  /** Label of a scale tick; without it the scale has no labels. */
  readonly tick?: (value: number) => string;
  /** Accessible name (role img); without it the graph is hidden from assistive technology. */
  readonly label?: string;
  /** `part` of the SVG. */
  readonly part?: string;
}

/** Height the tick labels add under the bands. */
export const BULLET_AXIS_HEIGHT = 16;

export function bullet(g: BulletGeometry, o: BulletOptions = {}): TemplateResult {
  const h = g.height;
  const total = h + (o.tick ? BULLET_AXIS_HEIGHT : 0);
  const bar = g.bar;
  const arrow = bar?.overflow
    ? bar.negative
      ? `M1,${h / 2 - 6} l-6,6 l6,6 z`
      : `M${g.width - 1},${h / 2 - 6} l6,6 l-6,6 z`
    : null;
  return html`<svg class="bullet" part=${o.part ?? nothing} width=${g.width} height=${total} viewBox="0 0 ${g.width} ${total}"
      role=${o.label ? 'img' : nothing} aria-label=${o.label ?? nothing} aria-hidden=${o.label ? nothing : 'true'}>
    ${g.ranges.map((r) => svg`<rect class="range ${r.id}" x=${r.x} y="0" width=${r.width} height=${h}></rect>`)}
    ${bar ? svg`<rect class="measure" x=${bar.x} y=${bar.y} width=${Math.max(bar.width, 1)} height=${bar.height}></rect>` : nothing}
    ${arrow ? svg`<path class="overflow" d=${arrow}></path>` : nothing}
    ${g.comparative ? svg`<line class="comparative" x1=${g.comparative.x} x2=${g.comparative.x} y1=${g.comparative.y1} y2=${g.comparative.y2}></line>` : nothing}
    <line class="marker" x1=${g.marker.x} x2=${g.marker.x} y1=${g.marker.y1} y2=${g.marker.y2}></line>
    ${o.tick ? axisBottom(g.ticks, { y: h + 12, format: o.tick }) : nothing}
  </svg>`;
}

export const bulletStyles = css`
  svg.bullet {
    display: block;
    overflow: visible;
  }
  .bullet .range.poor {
    fill: var(--kpi-bullet-poor, light-dark(#b9bec6, #4b5563));
  }
  .bullet .range.satisfactory {
    fill: var(--kpi-bullet-satisfactory, light-dark(#d5d9de, #374151));
  }
  .bullet .range.good {
    fill: var(--kpi-bullet-good, light-dark(#eceef1, #2a3240));
  }
  .bullet .measure,
  .bullet .overflow {
    fill: var(--kpi-bullet-measure, var(--_text));
  }
  .bullet .marker {
    stroke: var(--kpi-bullet-target, var(--_text));
    stroke-width: 2.5;
  }
  .bullet .comparative {
    stroke: var(--kpi-bullet-comparative, var(--_muted));
    stroke-width: 2;
  }
  @media (forced-colors: active) {
    .bullet .range {
      fill: Canvas;
      stroke: GrayText;
    }
    .bullet .measure,
    .bullet .overflow {
      fill: CanvasText;
    }
    .bullet .marker,
    .bullet .comparative {
      stroke: Highlight;
    }
  }
`;
