/**
 * <kpi-scorecard>'s own CSS: cards, status badges, sparkline, delta, pacing, the 6 A
 * disclosure and the grouped matrix. The shared parts (tokens, states, bullet, axis, sortable
 * header, data table) bring their CSS from src/core/ui; element.ts lists them.
 */
import { css } from 'lit';

export const scorecardStyles = css`
  :host {
    --_reserve: 340px;
    --_on: var(--_good);
    --_risk: var(--_warn);
    --_off: var(--_bad);
  }
  .wrap {
    position: relative;
  }
  .kpis {
    display: grid;
    grid-template-columns: repeat(var(--cols, 1), minmax(0, 1fr));
    gap: 12px; /* GAP in view.ts */
    margin: 8px 0 0;
    padding: 0;
    list-style: none;
  }
  .kpi {
    border: 1px solid var(--_grid);
    border-top: 4px solid var(--_status, var(--_grid));
    border-radius: var(--_radius);
    padding: 10px 14px 12px;
    min-width: 0;
    background: var(--_surface);
  }
  .kpi[data-status='on-track'],
  .cell[data-status='on-track'] {
    --_status: var(--_on);
  }
  .kpi[data-status='at-risk'],
  .cell[data-status='at-risk'] {
    --_status: var(--_risk);
  }
  .kpi[data-status='off-track'],
  .cell[data-status='off-track'] {
    --_status: var(--_off);
  }
  .kpi[data-status='unknown'],
  .cell[data-status='unknown'] {
    --_status: var(--_muted);
  }
  .head {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 8px;
  }
  h3 {
    margin: 0;
    font-size: 1em;
    font-weight: 650;
    min-width: 0;
  }
  .kpi-name {
    all: unset;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .kpi-name:hover {
    text-decoration: underline;
  }
  .kpi-name:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
    border-radius: 2px;
  }
  .kind {
    display: block;
    font-size: 0.78em;
    font-weight: 400;
    color: var(--_muted);
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    flex: none;
    font-size: 0.85em;
    font-weight: 650;
    color: var(--_status);
    white-space: nowrap;
  }
  .icon {
    display: inline-grid;
    place-items: center;
    width: 1.35em;
    height: 1.35em;
    border-radius: 50%;
    background: var(--_status);
    color: var(--_surface);
    font-size: 0.85em;
    font-weight: 800;
    line-height: 1;
  }
  .status[data-status='at-risk'] .icon {
    border-radius: 3px;
    transform: rotate(45deg) scale(0.85);
  }
  .status[data-status='at-risk'] .icon > span {
    transform: rotate(-45deg);
  }
  .figures {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 2px 10px;
    margin: 6px 0 4px;
  }
  .value {
    font-size: 1.65em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .target,
  .muted {
    color: var(--_muted);
    font-size: 0.88em;
  }
  svg {
    display: block;
    overflow: visible;
  }
  .trend {
    display: flex;
    align-items: center;
    gap: 10px;
    margin-top: 8px;
    min-height: 30px;
  }
  .spark path.line {
    fill: none;
    stroke: var(--kpi-scorecard-spark, var(--_accent));
    stroke-width: 1.75;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  .spark .ref {
    stroke: var(--_muted);
    stroke-dasharray: 2 2;
    stroke-width: 1;
  }
  .spark .dot {
    fill: var(--kpi-scorecard-spark, var(--_accent));
  }
  .spark .dot.minmax {
    fill: var(--_surface);
    stroke: var(--_muted);
    stroke-width: 1.25;
  }
  .delta {
    font-size: 0.88em;
    font-variant-numeric: tabular-nums;
    min-width: 0;
  }
  .delta .better {
    color: var(--_on);
    font-weight: 650;
  }
  .delta .worse {
    color: var(--_off);
    font-weight: 650;
  }
  .pace {
    margin: 6px 0 0;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .kpi {
    position: relative;
  }
  .prorated {
    margin: 2px 0 0;
    font-size: var(--_fs-xs);
    color: var(--_muted);
  }
  details.six-a {
    margin-top: 8px;
    font-size: var(--_fs-sm);
  }
  /* The panel lies over the card (above the badge): opening it never reflows the grid. */
  details.six-a .panel {
    position: absolute;
    z-index: 3;
    left: 6px;
    right: 6px;
    bottom: 2.6em;
    max-height: min(22em, 80vh);
    overflow: auto;
    padding: 8px 10px;
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_grid);
    border-radius: var(--_radius);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
  }
  details.six-a .panel p {
    margin: 0 0 6px;
  }
  .letters {
    display: inline-flex;
    gap: 1px;
  }
  .l {
    display: inline-grid;
    place-items: center;
    min-width: 1.3em;
    height: 1.4em;
    padding: 0 2px;
    border-radius: 3px;
    font-weight: 800;
    font-size: var(--_fs-xs);
    color: var(--_surface);
    background: var(--_muted);
  }
  .l.pass {
    background: var(--_on);
  }
  .l.warn {
    background: var(--_risk);
  }
  .l.fail {
    background: var(--_off);
  }
  @media (forced-colors: active) {
    .l,
    .m,
    .icon {
      forced-color-adjust: none;
      background: CanvasText;
      color: Canvas;
    }
  }
  details.six-a summary {
    cursor: pointer;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    list-style-position: outside;
    padding: 2px 0;
  }
  details.six-a summary::-webkit-details-marker {
    display: none;
  }
  details.six-a summary::before {
    content: '▸';
    color: var(--_muted);
  }
  details.six-a[open] summary::before {
    content: '▾';
  }
  .marks {
    display: inline-flex;
    gap: 2px;
  }
  .m {
    display: inline-grid;
    place-items: center;
    width: 1.35em;
    height: 1.35em;
    border-radius: 3px;
    font-size: 0.8em;
    font-weight: 800;
    color: var(--_surface);
  }
  .m.pass {
    background: var(--_on);
  }
  .m.warn {
    background: var(--_risk);
  }
  .m.fail {
    background: var(--_off);
  }
  details.six-a ul {
    list-style: none;
    margin: 6px 0 0;
    padding: 0;
    display: grid;
    gap: 5px;
  }
  details.six-a li {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 6px;
    align-items: start;
  }
  details.six-a li strong {
    font-weight: 650;
  }
  .matrix-wrap {
    overflow-x: auto;
    margin-top: 14px;
  }
  table.matrix {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
    font-size: 0.92em;
  }
  table.matrix caption {
    text-align: left;
    font-weight: 650;
    padding-bottom: 4px;
  }
  table.matrix th,
  table.matrix td {
    padding: 5px 8px;
    border-bottom: 1px solid var(--_grid);
    text-align: right;
    white-space: nowrap;
  }
  table.matrix th:first-child,
  table.matrix td:first-child {
    text-align: left;
    position: sticky;
    left: 0;
    background: var(--_surface);
    z-index: 1;
  }
  table.matrix thead th {
    vertical-align: bottom;
  }
  table.matrix button.sort {
    display: inline-flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 1px;
    font-weight: 650;
    white-space: normal;
    min-width: 6.5em;
    max-width: 10em;
  }
  table.matrix th:first-child button.sort {
    align-items: flex-start;
  }
  .cell .icon {
    width: 1.2em;
    height: 1.2em;
    margin-left: 4px;
    vertical-align: -1px;
  }
  .member {
    all: unset;
    cursor: pointer;
  }
  .member:focus-visible {
    outline: 2px solid var(--_focus);
  }
  .contrast {
    color: var(--_off);
    font-weight: 700;
  }
  tr.flagged th {
    font-weight: 700;
  }
  .problems {
    margin: 8px 0 0;
  }
`;
