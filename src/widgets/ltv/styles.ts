/**
 * <kpi-ltv>'s own CSS (the shared parts' CSS comes from src/core/ui and the base tokens).
 */
import { css } from 'lit';

export const ltvStyles = css`
  :host {
    --_reserve: 1100px;
  }
  .headline {
    margin-bottom: 8px;
  }
  .stat.main .v {
    font-size: calc(var(--_fs-xl) * 1.25);
  }
  .stat .d {
    display: block;
  }
  .meaning {
    margin: 0 0 8px;
    font-size: var(--_fs-md);
  }
  .method {
    margin: 0 0 8px;
    padding: 6px 10px;
    border-radius: var(--_radius);
    background: var(--_subtle);
    font-size: var(--_fs-sm);
  }
  .method summary {
    cursor: pointer;
    color: var(--_text);
    font-weight: 600;
  }
  .method[open] summary {
    margin-bottom: 4px;
  }
  .cap-mark {
    font-size: 11px;
    font-weight: 650;
    fill: var(--_text);
    paint-order: stroke;
    stroke: var(--_surface);
    stroke-width: 3px;
    stroke-linejoin: round;
  }
  .mean-label {
    paint-order: stroke;
    stroke: var(--_surface);
    stroke-width: 3px;
    stroke-linejoin: round;
  }
  .method p {
    margin: 2px 0;
  }
  .method .name {
    font-weight: 650;
  }
  .params {
    margin-top: 6px;
  }
  .params p {
    margin: 2px 0;
  }
  .params table.data {
    margin-top: 2px;
  }
  .params table.data th,
  .params table.data td {
    text-align: left;
    white-space: normal;
    padding: 3px 6px;
  }
  .charts {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 16px;
    margin-top: 12px;
  }
  @container (min-width: 760px) {
    .charts {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
  }
  figure {
    margin: 0;
    min-width: 0;
    position: relative;
  }
  figcaption {
    font-weight: 600;
    margin-bottom: 4px;
  }
  figcaption .muted,
  .muted {
    color: var(--_muted);
    font-weight: 400;
  }
  svg {
    display: block;
    overflow: visible;
    font-variant-numeric: tabular-nums;
  }
  .bar {
    fill: var(--kpi-ltv-bar, var(--_accent));
  }
  .bar.overflow {
    fill: var(--kpi-ltv-bar-overflow, var(--_accent-2));
  }
  g.bin {
    outline: none;
    cursor: default;
  }
  g.bin:focus-visible .bar,
  g.bin.active .bar {
    stroke: var(--_focus);
    stroke-width: 2;
  }
  .mean-line {
    stroke: var(--kpi-ltv-mean, var(--_text));
    stroke-width: 1.5;
    stroke-dasharray: 4 3;
  }
  .mean-label {
    font-size: 11px;
    fill: var(--kpi-ltv-mean, var(--_text));
  }
  .line {
    fill: none;
    stroke-width: 2;
  }
  .c0 { stroke: var(--_s1); fill: var(--_s1); }
  .c1 { stroke: var(--_s2); fill: var(--_s2); }
  .c2 { stroke: var(--_s3); fill: var(--_s3); }
  .c3 { stroke: var(--_s4); fill: var(--_s4); }
  .c4 { stroke: var(--_s5); fill: var(--_s5); }
  .c5 { stroke: var(--_s6); fill: var(--_s6); }
  .dash { stroke-dasharray: 6 3; }
  .line.c0, .line.c1, .line.c2, .line.c3, .line.c4, .line.c5 { fill: none; }
  text.cohort-label {
    font-size: 11.5px;
    stroke: none;
  }
  .bullet-block {
    margin-top: 16px;
  }
  .bullet-head {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    align-items: baseline;
  }
  .bullet-head .v {
    font-size: 1.3em;
    font-weight: 650;
  }
  .good-text { color: var(--_good); font-weight: 600; }
  .bad-text { color: var(--_bad); font-weight: 600; }
  .lists {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 16px;
    margin-top: 16px;
  }
  h3 {
    font-size: 1em;
    margin: 0 0 2px;
  }
  .note {
    margin: 0;
    color: var(--_muted);
    font-size: 0.88em;
  }
  button.cust:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  button.cust {
    all: unset;
    cursor: pointer;
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 2px;
  }
`;
