/**
 * <kpi-funnel>'s own CSS: the chart, the segment grid and matrix, the notices. The shared parts
 * (tokens, states, sortable header, tooltip, data table) come from core/ui.
 */
import { css } from 'lit';

export const funnelStyles = css`
  :host {
    --_reserve: 420px;
  }
  .stat .v.small {
    font-size: var(--_fs-lg);
    font-weight: 600;
    display: block;
    padding-top: 6px;
  }
  svg {
    display: block;
    overflow: visible;
    font-variant-numeric: tabular-nums;
  }
  .bar {
    fill: var(--kpi-funnel-bar, var(--_accent));
    transition: x 0.3s, width 0.3s;
  }
  .bar.missed {
    fill: var(--kpi-funnel-bar-missed, color-mix(in srgb, var(--_bad) 70%, var(--_accent)));
  }
  /* The comparison period: a second, thinner bar under each stage's own. */
  .prev {
    fill: var(--kpi-funnel-bar-previous, var(--_accent-2));
  }
  .legend-row {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    margin: 0 0 8px;
    font-size: var(--_fs-sm);
    color: var(--_muted);
  }
  .legend-row .key {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .swatch {
    display: inline-block;
    width: 14px;
    height: 10px;
    border-radius: 2px;
    background: var(--kpi-funnel-bar, var(--_accent));
    forced-color-adjust: none;
  }
  .swatch.previous {
    background: var(--kpi-funnel-bar-previous, var(--_accent-2));
    height: 6px;
  }
  .swatch.missed {
    background: var(--kpi-funnel-bar-missed, color-mix(in srgb, var(--_bad) 70%, var(--_accent)));
  }
  .legend-row .scale-note {
    color: var(--_text);
    font-weight: 600;
  }
  .connector {
    fill: var(--kpi-funnel-connector, color-mix(in srgb, var(--_accent) 14%, var(--_surface)));
  }
  .connector.missed {
    fill: color-mix(in srgb, var(--_bad) 14%, var(--_surface));
  }
  .stage-label {
    font-size: 13px;
    font-weight: 600;
    fill: var(--_text);
  }
  .stage-count {
    font-size: 13px;
    fill: var(--_text);
  }
  .stage-count .muted,
  .muted {
    fill: var(--_muted);
    font-weight: 400;
  }
  .conv {
    font-size: 12.5px;
    fill: var(--_text);
    font-weight: 600;
  }
  .conv .miss {
    fill: var(--_bad);
  }
  .conv .grew {
    fill: var(--_warn);
  }
  g.stage {
    cursor: pointer;
    outline: none;
  }
  g.stage:focus-visible .focus-ring {
    stroke: var(--_focus);
    stroke-width: 2;
  }
  /* The stage clicked last stays marked: a tinted band and a solid outline. */
  g.stage.selected .focus-ring {
    fill: color-mix(in srgb, var(--_accent) 8%, transparent);
    stroke: var(--_focus);
    stroke-width: 1.5;
  }
  g.stage.selected .stage-label {
    text-decoration: underline;
  }
  .focus-ring {
    fill: transparent;
    stroke: transparent;
    rx: 4;
  }
  .segments {
    display: grid;
    grid-template-columns: repeat(var(--cols, 1), minmax(0, 1fr));
    gap: 12px;
    margin-top: 16px;
  }
  .segment {
    border: 1px solid var(--_grid);
    border-radius: var(--_radius);
    padding: 8px 10px;
    min-width: 0;
  }
  .segment h3 {
    margin: 0 0 4px;
    font-size: var(--_fs-md);
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .segment h3 .muted {
    font-weight: 400;
    color: var(--_muted);
  }
  .segment .bar {
    fill: var(--kpi-funnel-segment-bar, var(--_s2));
  }
  h3.segments-title {
    margin: 18px 0 0;
    font-size: var(--_fs-md);
  }
  .notice.grew {
    border-left-color: var(--_warn);
  }
  .matrix-wrap {
    overflow-x: auto;
    margin-top: 8px;
  }
  table.matrix {
    border-collapse: collapse;
    font-size: var(--_fs-sm);
    font-variant-numeric: tabular-nums;
    min-width: 100%;
  }
  table.matrix caption {
    text-align: left;
    color: var(--_muted);
    padding-bottom: 6px;
  }
  .matrix-legend {
    margin: 4px 0 0;
    font-size: var(--_fs-sm);
    color: var(--_muted);
  }
  table.matrix th,
  table.matrix td {
    padding: 4px 8px;
    border-bottom: 1px solid var(--_grid);
    text-align: left;
    white-space: nowrap;
    vertical-align: middle;
  }
  table.matrix th[scope='row'] {
    font-weight: 600;
    min-width: 8em;
    max-width: 14em;
    white-space: normal;
  }
  table.matrix td.n {
    text-align: right;
  }
  table.matrix .rate {
    display: inline-block;
    min-width: 4.2em;
  }
  table.matrix td.below .rate {
    color: var(--_bad);
    font-weight: 600;
  }
  .cellbar {
    vertical-align: middle;
    overflow: visible;
  }
  .cellbar .track {
    fill: var(--_subtle);
  }
  .cellbar .fill {
    fill: var(--kpi-funnel-segment-bar, var(--_s2));
  }
  td.below .cellbar .fill {
    fill: color-mix(in srgb, var(--_bad) 75%, var(--_s2));
  }
  .cellbar .ref {
    stroke: var(--_text);
    stroke-width: 1.5;
  }
  @media (forced-colors: active) {
    .bar,
    .segment .bar,
    .cellbar .fill {
      fill: Highlight;
    }
    .bar.missed,
    td.below .cellbar .fill {
      fill: Mark;
    }
    .prev {
      fill: GrayText;
    }
    .connector,
    .connector.missed {
      fill: Canvas;
      stroke: GrayText;
    }
    .swatch {
      background: Highlight;
    }
    .swatch.previous {
      background: GrayText;
    }
    .swatch.missed {
      background: Mark;
    }
  }
  /* The what-if beside the bottleneck call-out. */
  .what-if {
    margin: -4px 0 12px;
    padding: 6px 10px;
    border-left: 3px solid var(--_accent);
    background: color-mix(in srgb, var(--_accent) 6%, var(--_surface));
    border-radius: 0 var(--_radius) var(--_radius) 0;
    max-width: 72ch;
  }
  .what-if[hidden] {
    display: none;
  }
  .what-if .k {
    display: block;
    font-size: var(--_fs-xs);
    color: var(--_muted);
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .what-if p {
    margin: 2px 0 0;
    overflow-wrap: anywhere;
  }
  .what-if strong {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .what-if .note,
  .forecast-note,
  .forecast-summary {
    font-size: var(--_fs-sm);
    color: var(--_muted);
  }
  .notice.quality p {
    margin: 0;
  }
  .forecast {
    margin-top: 16px;
  }
  h3.forecast-title {
    margin: 0;
    font-size: var(--_fs-md);
  }
  .forecast-summary {
    margin: 2px 0 0;
    color: var(--_text);
  }
  .forecast-wrap {
    overflow-x: auto;
  }
  table.forecast-table {
    border-collapse: collapse;
    width: auto;
    min-width: min(100%, 34rem);
    margin-top: 6px;
    font-size: var(--_fs-sm);
    font-variant-numeric: tabular-nums;
  }
  .forecast-table caption {
    text-align: left;
    padding-bottom: 4px;
  }
  .forecast-table th,
  .forecast-table td {
    padding: 4px 8px;
    border-bottom: 1px solid var(--kpi-table-border, var(--_grid));
    text-align: right;
    white-space: nowrap;
  }
  .forecast-table th:first-child {
    text-align: left;
    white-space: normal;
  }
  .forecast-table tfoot th,
  .forecast-table tfoot td {
    font-weight: 650;
    border-bottom: none;
  }
  .forecast-table caption {
    color: var(--_muted);
    font-weight: 400;
  }
  .forecast-table th[scope='col'] {
    white-space: normal;
    vertical-align: bottom;
  }
  .forecast-note {
    margin: 4px 0 0;
  }
  .forecast-table .rate-inline {
    display: none;
  }
  /* Narrow: the win rate moves under the stage name (its column is hidden), so the table fits
     without scrolling; what is shown is what a screen reader reads. */
  @container (max-width: 480px) {
    .forecast-table th,
    .forecast-table td {
      padding: 4px 2px 4px 4px;
    }
    .forecast-table th:first-child {
      padding-left: 0;
    }
    .forecast-table th[scope='col'] {
      font-size: var(--_fs-xs);
    }
    .forecast-table .rate {
      display: none;
    }
    .forecast-table .rate-inline {
      display: block;
      font-weight: 400;
      font-size: var(--_fs-xs);
      color: var(--_muted);
      white-space: normal;
    }
  }
  .miss-text {
    color: var(--_bad);
    font-weight: 600;
  }
  td.missed {
    color: var(--_bad);
    font-weight: 600;
  }
`;
