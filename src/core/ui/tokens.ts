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
  /* Light and dark palettes through light-dark(): the host's color-scheme picks one. By default
     it follows the reader's prefers-color-scheme; theme="light" | "dark" on the element (or
     --kpi-color-scheme on the page) pins it. Every --kpi-* property still overrides a token. */
  :host {
    color-scheme: var(--kpi-color-scheme, light dark);
    --_font: var(--kpi-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--kpi-color-text, light-dark(#1f2937, #e5e7eb));
    --_muted: var(--kpi-color-muted, light-dark(#5b6472, #a3acb9));
    --_surface: var(--kpi-color-surface, light-dark(#ffffff, #151b24));
    --_subtle: var(--kpi-color-subtle, light-dark(#f3f4f6, #222a36));
    --_grid: var(--kpi-color-grid, light-dark(#d9dde3, #3a4452));
    --_accent: var(--kpi-color-accent, light-dark(#2563eb, #6ea1ff));
    --_accent-2: var(--kpi-color-accent-2, light-dark(#93b4f5, #35558f));
    --_good: var(--kpi-color-good, light-dark(#15803d, #4ade80));
    --_warn: var(--kpi-color-warn, light-dark(#b45309, #fbbf24));
    --_bad: var(--kpi-color-bad, light-dark(#b91c1c, #fca5a5));
    --_focus: var(--kpi-color-focus, light-dark(#1d4ed8, #93c5fd));
    --_radius: var(--kpi-radius, 8px);
    --_gap: var(--kpi-gap, 12px);
    --_s1: var(--kpi-color-series-1, light-dark(#2563eb, #6ea1ff));
    --_s2: var(--kpi-color-series-2, light-dark(#0d9488, #2dd4bf));
    --_s3: var(--kpi-color-series-3, light-dark(#9333ea, #c084fc));
    --_s4: var(--kpi-color-series-4, light-dark(#ea580c, #fb923c));
    --_s5: var(--kpi-color-series-5, light-dark(#0891b2, #22d3ee));
    --_s6: var(--kpi-color-series-6, light-dark(#be185d, #f472b6));
    /* One type scale (a 1.125 ratio over the host's size): every font-size in the kit is one of these. */
    --_fs-xs: calc(var(--_fs) * 0.79);
    --_fs-sm: calc(var(--_fs) * 0.889);
    --_fs-md: var(--_fs);
    --_fs-lg: calc(var(--_fs) * 1.125);
    --_fs-xl: calc(var(--_fs) * 1.6);
    --_fs: var(--kpi-font-size, 14px);
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_fs);
    line-height: 1.4;
    color: var(--_text);
    background: var(--_surface);
    container-type: inline-size;
    min-width: 0;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  /* Forced colours (Windows high contrast): SVG fills are not forced by the browser, so every
     token becomes a system colour and every SVG text and mark follows it. */
  @media (forced-colors: active) {
    :host {
      --_text: CanvasText;
      --_muted: CanvasText;
      --_surface: Canvas;
      --_subtle: Canvas;
      --_grid: GrayText;
      --_accent: Highlight;
      --_accent-2: GrayText;
      --_good: CanvasText;
      --_warn: CanvasText;
      --_bad: CanvasText;
      --_focus: Highlight;
      --_s1: Highlight;
      --_s2: Highlight;
      --_s3: Highlight;
      --_s4: Highlight;
      --_s5: Highlight;
      --_s6: Highlight;
    }
    svg text,
    svg tspan {
      fill: CanvasText !important;
    }
    svg line,
    svg path[stroke],
    svg polyline {
      stroke: CanvasText;
    }
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
  /* Horizontal scroll regions (data tables, matrices) show that they scroll: a shadow on the
     side that has more, which disappears once scrolled to that end (local vs scroll backgrounds).
     The row headers stay in view while the numbers scroll. */
  .table-wrap,
  .matrix-wrap {
    overflow-x: auto;
    background:
      linear-gradient(to right, var(--_surface) 30%, transparent) left center / 28px 100% no-repeat local,
      linear-gradient(to left, var(--_surface) 30%, transparent) right center / 28px 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, color-mix(in srgb, var(--_text) 28%, transparent), transparent) left center / 12px 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, color-mix(in srgb, var(--_text) 28%, transparent), transparent) right center / 12px 100% no-repeat scroll;
  }
  .table-wrap caption,
  .matrix-wrap caption {
    /* A caption wraps at the host's width, not at the (wider, scrolling) table's. */
    max-width: 100cqw;
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
    font-size: var(--_fs-xs);
    color: var(--_muted);
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .stat .v {
    font-size: var(--_fs-xl);
    font-weight: 650;
    font-variant-numeric: tabular-nums;
  }
  .stat .d {
    font-size: var(--_fs-sm);
    color: var(--_muted);
  }
  h2.title {
    font-size: var(--_fs-lg);
    margin: 0 0 2px;
    font-weight: 650;
  }
  p.summary {
    margin: 0 0 8px;
    color: var(--_muted);
  }
`;

export const tokens = css`${baseStyles}${stateStyles}`;
