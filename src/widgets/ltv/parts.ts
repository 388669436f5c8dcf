/**
 * Two parts of <kpi-ltv>'s markup, apart from template.ts so that file stays readable.
 *
 * The hold-out check: the errors in words, the calibration-vs-hold-out tracking plot
 * (actual and expected cumulative repeat purchases, a marker at the calibration end) and the
 * conditional expectations by calibration frequency. Draws holdout-view.ts's view model as is.
 */
import { css, html, nothing, svg, type TemplateResult } from 'lit';
import { axisBottom, axisLeft } from '../../core/ui/axis.ts';
import type { HoldoutView } from './holdout-view.ts';
import type { PatternsView } from './patterns-view.ts';

export function renderHoldout(v: HoldoutView | null): TemplateResult | typeof nothing {
  if (!v) return nothing;
  const c = v.chart;
  return html`<section class="holdout" part="holdout" aria-label=${v.title}>
    <h3>${v.title}</h3>
    ${v.lines.map((l) => html`<p class="holdout-line">${l}</p>`)}
    <figure>
      <figcaption>${c.caption}
        <span class="legend">${c.legend.map((l) => html`<span class="key ${l.cls}"><span class="swatch" aria-hidden="true"></span>${l.text}</span>`)}</span>
      </figcaption>
      <svg part="holdout-chart" width=${c.width} height=${c.height} viewBox="0 0 ${c.width} ${c.height}" role="img" aria-label=${c.label}>
        ${axisLeft(c.y.ticks, { x: c.plot.left, gridTo: c.plot.right, format: c.y.format })}
        ${axisBottom(c.x.ticks, { y: c.x.y, format: c.x.format })}
        <g class="axis" aria-hidden="true"><text x=${c.axisTitle.x} y=${c.axisTitle.y} text-anchor="end">${c.axisTitle.text}</text></g>
        <g aria-hidden="true">
          <line class="cal-marker" x1=${c.marker.x} x2=${c.marker.x} y1=${c.marker.y1} y2=${c.marker.y2}></line>
          <text class="cal-label" x=${c.marker.labelX} y=${c.marker.y1 + 10} text-anchor=${c.marker.anchor}>${c.marker.label}</text>
          ${svg`<path class="track expected" d=${c.expectedPath}></path><path class="track actual" d=${c.actualPath}></path>`}
        </g>
      </svg>
    </figure>
    <div class="table-wrap" tabindex="0" role="region" aria-label=${v.groups.caption}>
      <table class="data" part="table">
        <caption>${v.groups.caption}</caption>
        <thead><tr>${v.groups.head.map((x) => html`<th scope="col">${x}</th>`)}</tr></thead>
        <tbody>${v.groups.rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((x) => html`<td>${x}</td>`)}</tr>`)}</tbody>
      </table>
    </div>
  </section>`;
}

export const holdoutStyles = css`
  .holdout {
    margin-top: 16px;
  }
  .holdout-line {
    margin: 2px 0;
    font-size: var(--_fs-sm);
  }
  .holdout figure {
    margin: 8px 0;
  }
  .legend {
    display: inline-flex;
    gap: 12px;
    margin-left: 8px;
    font-weight: 400;
    font-size: var(--_fs-sm);
  }
  .key {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .swatch {
    display: inline-block;
    width: 16px;
    height: 0;
    border-top: 2px solid var(--_s1);
  }
  .key.expected .swatch {
    border-top: 2px dashed var(--_s2);
  }
  .track {
    fill: none;
    stroke-width: 2;
  }
  .track.actual {
    stroke: var(--_s1);
  }
  .track.expected {
    stroke: var(--_s2);
    stroke-dasharray: 6 3;
  }
  .cal-marker {
    stroke: var(--_muted);
    stroke-width: 1;
    stroke-dasharray: 2 2;
  }
  .holdout table.data th,
  .holdout table.data td,
  .patterns table.data th,
  .patterns table.data td {
    padding: 3px 6px;
  }
  .holdout table.data thead th,
  .patterns table.data thead th {
    white-space: normal;
    vertical-align: bottom;
  }
  @container (max-width: 420px) {
    .holdout table.data,
    .patterns table.data {
      font-size: 0.8em;
    }
    .holdout table.data th,
    .holdout table.data td,
    .patterns table.data th,
    .patterns table.data td {
      padding: 3px 3px;
    }
  }
  .cal-label {
    font-size: 11px;
    fill: var(--_muted);
    paint-order: stroke;
    stroke: var(--_surface);
    stroke-width: 3px;
  }
`;

/**
 * <kpi-ltv input="patterns">: the parameters and population outputs of a fit on pattern counts,
 * and what needs per-customer data. Draws patterns-view.ts's view model as is.
 */
export function renderPatterns(v: PatternsView): TemplateResult {
  return html`<div class="patterns" part="patterns">
    ${v.error ? html`<p class="bad-text" role="alert">${v.error}</p>` : nothing}
    ${v.lines.length ? html`<p class="summary" part="summary">${v.lines[0]}</p>` : nothing}
    ${v.lines.slice(1).map((l) => html`<p class="holdout-line">${l}</p>`)}
    ${v.params?.narrow
      ? html`<div class="params" part="params"><p class="holdout-line"><strong>${v.params.caption}</strong></p><p class="holdout-line"><strong>BG/NBD</strong>: ${v.params.line}</p></div>`
      : v.params
      ? html`<div class="params table-wrap" part="params" tabindex="0" role="region" aria-label=${v.params.caption}>
          <table class="data">
            <caption>${v.params.caption}</caption>
            <thead><tr><th scope="col">${v.params.head[0]}</th><th scope="col" colspan="4">${v.params.head[1]}</th><th scope="col">${v.params.head[2]}</th></tr></thead>
            <tbody><tr><th scope="row">BG/NBD</th>${v.params.cells.map((c) => html`<td>${c}</td>`)}<td>${v.params.logLik}</td></tr></tbody>
          </table>
        </div>`
      : nothing}
    ${v.table
      ? html`<div class="table-wrap" tabindex="0" role="region" aria-label=${v.table.caption}>
          <table class="data" part="table">
            <caption>${v.table.caption}</caption>
            <thead><tr>${v.table.head.map((x) => html`<th scope="col">${x}</th>`)}</tr></thead>
            <tbody>${v.table.rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((x) => html`<td>${x}</td>`)}</tr>`)}</tbody>
          </table>
        </div>`
      : nothing}
    <p class="note" part="needs-customers">${v.needs}</p>
  </div>`;
}
