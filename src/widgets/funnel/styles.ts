/**
 * <kpi-funnel>'s own CSS: the chart, the segment grid and matrix, the notices. The shared parts
 * (tokens, states, sortable header, tooltip, data table) come from core/ui.
 */
import { css } from 'lit';

export const funnelStyles = css`
  .stat .v.small {
    font-size: 1.05em;
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
  .prev {
    fill: none;
    stroke: var(--_text);
    stroke-width: 1.5;
    stroke-dasharray: 4 3;
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
  g.stage:focus-visible .focus-ring,
  g.stage.active .focus-ring {
    stroke: var(--_focus);
    stroke-width: 2;
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
    font-size: 0.95em;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
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
    font-size: 1em;
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
    font-size: 0.9em;
    font-variant-numeric: tabular-nums;
    min-width: 100%;
  }
  table.matrix caption {
    text-align: left;
    color: var(--_muted);
    padding-bottom: 6px;
  }
  table.matrix .legend {
    font-size: 0.92em;
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
    max-width: 180px;
    overflow: hidden;
    text-overflow: ellipsis;
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
  .scale-note {
    margin: 4px 0 0;
    font-size: 0.82em;
    color: var(--_muted);
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
