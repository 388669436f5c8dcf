/**
 * CSS of LTV by segment (parts/segments-template.ts).
 *
 * Custom properties: --kpi-ltv-bar (LTV bars, as the histogram), --kpi-ltv-cac (CAC bars),
 * --kpi-color-good / --kpi-color-bad (LTV:CAC at / below the target).
 */
import { css } from 'lit';

export const segmentStyles = css`
  .segments {
    margin: 12px 0 4px;
  }
  .segments .answer {
    margin: 2px 0 6px;
    font-size: var(--_fs-md);
  }
  .seg-legend {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 14px;
    margin: 0 0 4px;
    font-size: var(--_fs-sm);
    color: var(--_muted);
  }
  .sw {
    display: inline-block;
    width: 14px;
    height: 10px;
    margin-inline-end: 5px;
    vertical-align: -1px;
    border-radius: 2px;
    forced-color-adjust: none;
  }
  .sw-ltv { background: var(--kpi-ltv-bar, var(--_accent)); }
  .sw-cac { background: var(--kpi-ltv-cac, var(--_muted)); height: 6px; vertical-align: 1px; }
  .sw-whisker { height: 0; border-top: 2px solid var(--_text); border-radius: 0; vertical-align: 3px; }
  .seg-ltv { fill: var(--kpi-ltv-bar, var(--_accent)); }
  .seg-cac { fill: var(--kpi-ltv-cac, var(--_muted)); }
  .seg.thin .seg-ltv,
  .seg.thin .seg-ratio {
    fill-opacity: 0.45;
    stroke: currentColor;
    stroke-width: 1;
    stroke-dasharray: 3 2;
  }
  .seg.thin {
    color: var(--_muted);
  }
  .seg-whisker {
    stroke: var(--_text);
    stroke-width: 1.5;
  }
  .seg-ratio.good { fill: var(--_good); }
  .seg-ratio.bad { fill: var(--_bad); }
  .seg-label,
  .seg-value,
  .seg-target-label {
    paint-order: stroke;
    stroke: var(--_surface);
    stroke-width: 3px;
    stroke-linejoin: round;
  }
  .seg-label {
    font-size: 12px;
    fill: var(--_text);
  }
  .seg-value {
    font-size: 11px;
    fill: var(--_text);
    font-variant-numeric: tabular-nums;
  }
  .seg-cac-value {
    fill: var(--_muted);
  }
  .seg-target {
    stroke: var(--_text);
    stroke-width: 1.5;
    stroke-dasharray: 4 3;
  }
  .seg-target-label {
    font-size: 11px;
    font-weight: 600;
    fill: var(--_text);
  }
  .segments .table-wrap {
    margin-top: 8px;
  }
  .segments td.good { color: var(--_good); font-weight: 600; }
  .segments td.bad { color: var(--_bad); font-weight: 600; }
  .segments td.muted { color: var(--_muted); }
  .thin-tag {
    display: inline-block;
    padding: 0 5px;
    border: 1px solid currentColor;
    border-radius: 8px;
    font-size: 0.8em;
    font-weight: 400;
    color: var(--_muted);
  }
  .seg-notes {
    margin: 6px 0 0;
    padding-inline-start: 18px;
    color: var(--_muted);
    font-size: var(--_fs-sm);
  }
  .seg-notes li {
    margin: 1px 0;
  }
`;
