/**
 * The markup of LTV by segment: lit templates that draw a SegmentsView (segments-view.ts) with
 * the shared partials (sortable header, bottom axis). No arithmetic, no Intl, no sorting.
 * (In parts/: test/unit/architecture.test.ts lets only element, template, styles and parts/
 * files of a widget import lit.)
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { sortHeader } from '../../../core/ui/sortable-table.ts';
import { axisBottom } from '../../../core/ui/axis.ts';
import type { PanelView, RatioBarView, SegmentBarView, SegmentSortKey, SegmentsView } from '../segments-view.ts';

export interface SegmentsHandlers {
  readonly onSort: (key: SegmentSortKey) => void;
}

function grid(p: PanelView<unknown>) {
  return svg`<g aria-hidden="true">${p.ticks.map((t) => svg`<line class="gridline" x1=${t.x} x2=${t.x} y1=${p.plot.top - 4} y2=${p.plot.bottom}></line>`)}</g>
    ${axisBottom(p.ticks, { y: p.tickY, format: p.format })}`;
}

function valueRow(r: SegmentBarView) {
  return svg`<g class=${r.thin ? 'seg thin' : 'seg'}>
    <text class="seg-label" x=${r.labelX} y=${r.labelY} text-anchor=${r.anchor}>${r.label}</text>
    ${r.ltv ? svg`<rect part="segment-bar" class="seg-ltv" x=${r.ltv.x} y=${r.ltv.y} width=${r.ltv.w} height=${r.ltv.h}></rect>` : nothing}
    ${r.whisker ? svg`<line class="seg-whisker" x1=${r.whisker.x1} x2=${r.whisker.x2} y1=${r.whisker.y} y2=${r.whisker.y}></line>
      <line class="seg-whisker" x1=${r.whisker.x1} x2=${r.whisker.x1} y1=${r.whisker.y - 4} y2=${r.whisker.y + 4}></line>
      <line class="seg-whisker" x1=${r.whisker.x2} x2=${r.whisker.x2} y1=${r.whisker.y - 4} y2=${r.whisker.y + 4}></line>` : nothing}
    ${r.cac ? svg`<rect part="segment-cac" class="seg-cac" x=${r.cac.x} y=${r.cac.y} width=${r.cac.w} height=${r.cac.h}></rect>` : nothing}
    <text class="seg-value" x=${r.ltvText.x} y=${r.ltvText.y}>${r.ltvText.text}</text>
    ${r.cacText ? svg`<text class="seg-value seg-cac-value" x=${r.cacText.x} y=${r.cacText.y}>${r.cacText.text}</text>` : nothing}
  </g>`;
}

function ratioRow(r: RatioBarView) {
  return svg`<g class=${r.thin ? 'seg thin' : 'seg'}>
    <text class="seg-label" x=${r.labelX} y=${r.labelY} text-anchor=${r.anchor}>${r.label}</text>
    ${r.bar ? svg`<rect part="segment-ratio" class=${r.good ? 'seg-ratio good' : 'seg-ratio bad'} x=${r.bar.x} y=${r.bar.y} width=${r.bar.w} height=${r.bar.h}></rect>` : nothing}
    <text class="seg-value" x=${r.text.x} y=${r.text.y}>${r.text.text}</text>
  </g>`;
}

/** The comparison: the answer, the two panels, the sortable table and the notes. */
export function renderSegments(v: SegmentsView, h: SegmentsHandlers): TemplateResult {
  const value = v.value;
  const ratio = v.ratio;
  return html`<section class="segments" part="segments" aria-label=${v.title}>
    <h3>${v.title}</h3>
    <p class="answer" part="segments-answer">${v.answer}</p>
    <p class="seg-legend" aria-hidden="true">
      <span><i class="sw sw-ltv"></i>${v.legend.ltv}</span>
      ${v.legend.cac ? html`<span><i class="sw sw-cac"></i>${v.legend.cac}</span>` : nothing}
      <span><i class="sw sw-whisker"></i>${v.legend.margin}</span>
    </p>
    <div class="charts">
      <figure>
        <figcaption>${value.caption}</figcaption>
        <svg part="segments-chart" width=${value.width} height=${value.height} viewBox="0 0 ${value.width} ${value.height}" role="img" aria-label=${value.label}>
          ${grid(value)}
          ${repeat(value.rows, (r) => r.id, valueRow)}
        </svg>
      </figure>
      ${ratio
        ? html`<figure>
            <figcaption>${ratio.caption}</figcaption>
            <svg part="segments-ratio" width=${ratio.width} height=${ratio.height} viewBox="0 0 ${ratio.width} ${ratio.height}" role="img" aria-label=${ratio.label}>
              ${grid(ratio)}
              ${repeat(ratio.rows, (r) => r.id, ratioRow)}
              <g aria-hidden="true">
                <line class="seg-target" x1=${ratio.target.x} x2=${ratio.target.x} y1=${ratio.target.y1} y2=${ratio.target.y2}></line>
                <text class="seg-target-label" x=${ratio.target.x} y=${ratio.target.y1 - 4} text-anchor="middle">${ratio.target.text}</text>
              </g>
            </svg>
          </figure>`
        : nothing}
    </div>
    ${v.chartNote ? html`<p class="note">${v.chartNote}</p>` : nothing}
    <div class="table-wrap" role="region" tabindex="0" aria-label=${v.table.caption}>
      <table class="data" part="segments-table">
        <caption class="visually-hidden">${v.table.caption}</caption>
        <thead><tr>${v.table.columns.map((c) => sortHeader({ key: c.key, label: c.label, sort: v.table.sort, onSort: h.onSort }))}</tr></thead>
        <tbody>
          ${repeat(
            v.table.rows,
            (r) => r.id,
            (r) => html`<tr>
              <th scope="row">${r.segment}${r.thin ? html` <span class="thin-tag">${r.thin}</span>` : nothing}</th>
              ${r.cells.map((c) => html`<td class=${c.cls ?? ''}>${c.text}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <ul class="seg-notes">${v.notes.map((n) => html`<li>${n}</li>`)}</ul>
  </section>`;
}
