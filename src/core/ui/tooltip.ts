/**
 * One tooltip for every chart. It is positioned through private custom properties that
 * `cssVars` sets with `style.setProperty` (CSSOM), never through a `style="…"` string, so
 * it works under a strict `style-src` Content-Security-Policy.
 *
 * The tooltip only repeats what the focused item's accessible name or the data table
 * already says, so it is `aria-hidden`.
 *
 * @cssprop --kpi-tooltip-bg - Tooltip background (default near-black).
 * @cssprop --kpi-tooltip-color - Tooltip text colour (default white).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { cssVars } from './css-vars.ts';

/** A point in the tooltip container's coordinates (px): the tooltip sits centred above it. */
export interface TooltipPoint {
  readonly x: number;
  readonly y: number;
}

/** The tooltip at `at`, or nothing when `at` is null. */
export function tooltip(at: TooltipPoint | null | undefined, content: unknown): TemplateResult | typeof nothing {
  if (!at) return nothing;
  return html`<div class="tooltip" part="tooltip" role="tooltip" aria-hidden="true"
    ${cssVars({ '--_tip-x': `${at.x}px`, '--_tip-y': `${at.y}px` })}>${content}</div>`;
}

/**
 * Where the point (x, y) of `drawing` (an SVG's user units, drawn at 1:1) lies inside
 * `container`, the positioned element the tooltip is rendered in.
 */
export function pointWithin(drawing: Element | null, container: Element | null, x: number, y: number): TooltipPoint {
  if (!drawing || !container) return { x, y };
  const d = drawing.getBoundingClientRect();
  const c = container.getBoundingClientRect();
  return { x: d.left - c.left + x, y: d.top - c.top + y };
}

export const tooltipStyles = css`
  .tooltip {
    position: absolute;
    left: var(--_tip-x, 0);
    top: var(--_tip-y, 0);
    transform: translate(-50%, calc(-100% - 8px));
    width: max-content;
    max-width: min(320px, 90%);
    padding: 6px 9px;
    border-radius: 6px;
    background: var(--kpi-tooltip-bg, light-dark(#111827, #f3f4f6));
    color: var(--kpi-tooltip-color, light-dark(#fff, #111827));
    font-size: 12.5px;
    line-height: 1.45;
    pointer-events: none;
    z-index: 2;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.18);
  }
  .tooltip strong {
    display: block;
    margin-bottom: 2px;
  }
`;
