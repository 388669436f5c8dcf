import { css } from 'lit';
import { stateStyles } from './states.ts';

/**
 * Kit-wide design tokens, declared once. Every element falls back to these, so a page can
 * theme all widgets with a handful of custom properties on `:root`, or one widget on its host.
 *
 * `tokens` also carries the CSS of the loading, empty and error views (src/core/ui/states.ts),
 * which every element renders through the base class. The other shared parts bring their own
 * CSS, which a widget adds to its static styles: sortableStyles, tooltipStyles, bulletStyles,
 * axisStyles and tableStyles.
 */
export const baseStyles = css`
  :host {
    --_font: var(--kpi-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--kpi-color-text, #1f2937);
    --_muted: var(--kpi-color-muted, #5b6472);
    --_surface: var(--kpi-color-surface, #ffffff);
    --_subtle: var(--kpi-color-subtle, #f3f4f6);
    --_grid: var(--kpi-color-grid, #d9dde3);
    --_accent: var(--kpi-color-accent, #2563eb);
    --_accent-2: var(--kpi-color-accent-2, #93b4f5);
    --_good: var(--kpi-color-good, #15803d);
    --_warn: var(--kpi-color-warn, #b45309);
    --_bad: var(--kpi-color-bad, #b91c1c);
    --_focus: var(--kpi-color-focus, #1d4ed8);
    --_radius: var(--kpi-radius, 8px);
    --_gap: var(--kpi-gap, 12px);
    --_s1: var(--kpi-color-series-1, #2563eb);
    --_s2: var(--kpi-color-series-2, #0d9488);
    --_s3: var(--kpi-color-series-3, #9333ea);
    --_s4: var(--kpi-color-series-4, #ea580c);
    --_s5: var(--kpi-color-series-5, #0891b2);
    --_s6: var(--kpi-color-series-6, #be185d);
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--kpi-font-size, 14px);
    line-height: 1.4;
    color: var(--_text);
    background: var(--_surface);
    container-type: inline-size;
    min-width: 0;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .visually-hidden {
    /* Pinned to the corner of its containing block: at its static position, a hidden span
       after a long line pushed the page wider than a phone (seen at 360 px). */
    position: absolute !important;
    left: 0;
    top: 0;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    color: inherit;
  }
  /* The kit's secondary button: retry (states.ts), show the table (table-toggle.ts). */
  .retry,
  .toggle {
    padding: 4px 12px;
    border: 1px solid var(--_grid);
    border-radius: 6px;
    background: var(--_surface);
    cursor: pointer;
  }
  /* The row of headline figures the elements open with: label, value, detail. */
  .wrap {
    position: relative;
  }
  .headline {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 24px;
    margin: 4px 0 12px;
  }
  .stat {
    min-width: 110px;
  }
  .stat .k {
    display: block;
    font-size: 0.82em;
    color: var(--_muted);
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .stat .v {
    font-size: 1.5em;
    font-weight: 650;
    font-variant-numeric: tabular-nums;
  }
  .stat .d {
    font-size: 0.86em;
    color: var(--_muted);
  }
  h2.title {
    font-size: 1.08em;
    margin: 0 0 2px;
    font-weight: 650;
  }
  p.summary {
    margin: 0 0 8px;
    color: var(--_muted);
  }
`;

export const tokens = css`${baseStyles}${stateStyles}`;
