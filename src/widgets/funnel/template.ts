/**
 * <kpi-funnel>'s markup: lit templates over the view model (view.ts). Every text and number
 * arrives formatted and every position computed; these functions only place them, with the
 * shared partials of core/ui (sortable header, tooltip, states come through the element).
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { cssVars } from '../../core/ui/css-vars.ts';
import type { CsvTable } from '../../core/ui/export.ts';
import { sortHeader } from '../../core/ui/sortable-table.ts';
import { tooltip } from '../../core/ui/tooltip.ts';
import type { ChartView, ForecastView, FunnelView, HeadlineView, LegendItem, MainChartView, MatrixCellView, MatrixView, SegmentsView, TableView, TooltipView, WhatIfView } from './view.ts';

/** What the template calls back into the element with. */
export interface FunnelHandlers {
  /** The stages' keyboard handler (roving focus). */
  readonly onStageKeyDown: (e: KeyboardEvent) => void;
  /** A stage was clicked. */
  readonly onStageSelect: (index: number) => void;
  /** A stage was focused or hovered: show its tooltip. */
  readonly onStageEnter: (index: number) => void;
  /** Focus or pointer left a stage: hide the tooltip. */
  readonly onStageLeave: () => void;
  /** A matrix column header was clicked. */
  readonly onSort: (key: number) => void;
  /** A segment's funnel was clicked, or a key pressed on it. */
  readonly onSegment: (e: Event, key: string) => void;
  /** The notice of rows left out (from the base element). */
  readonly rejected: () => unknown;
  /** The "show the numbers as a table" toggle around the tables. */
  readonly dataTable: (content: () => unknown) => unknown;
  /** The "Download" menu (CSV of `funnelCsv`, SVG and PNG of the chart). */
  readonly exportMenu: (tables: () => readonly CsvTable[]) => unknown;
}

/** The data tables as CSV tables: the very strings the table cells show. */
export function funnelCsv(v: FunnelView): CsvTable[] {
  return v.tables.map((tv) => ({ caption: tv.caption, headers: tv.headers, rows: tv.rows.map((r) => [r.head, ...r.cells.map((c) => c.text)]) }));
}

/** A loading, empty or error state under the widget's title. */
export function renderFunnelState(title: string, state: TemplateResult): TemplateResult {
  return html`<section class="wrap" aria-label=${title}><h2 class="title" part="title">${title}</h2>${state}</section>`;
}

/**
 * `stage` (core/element/stages.ts): 0 draws the headline, the what-if and the chart, 1
 * adds the stages' descriptions for screen readers and the notices, 2 (the default)
 * everything: the forecast, the breakdown, the table and the downloads. A new result is drawn
 * one stage per frame; nothing above the chart arrives later, so the chart never moves.
 */
export function renderFunnel(v: FunnelView, h: FunnelHandlers, stage = 2): TemplateResult {
  const full = stage >= 2;
  return html`<section class="wrap" aria-labelledby="title" aria-describedby="summary">
    <h2 class="title" id="title" part="title">${v.title}</h2>
    <p class="summary" id="summary" part="summary">${v.summary}</p>
    ${headline(v.headline)}
    ${whatIf(v.whatIf)}
    ${chart(v.chart, h, stage >= 1)}
    ${stage >= 1 ? notices(v, h) : nothing}
    ${full ? forecast(v.forecast) : nothing}
    ${full && v.segments ? segments(v.segments, h) : nothing}
    ${full ? h.dataTable(() => v.tables.map(table)) : nothing}
    ${full ? h.exportMenu(() => funnelCsv(v)) : nothing}
    ${tip(v.tooltip)}
  </section>`;
}

function notices(v: FunnelView, h: FunnelHandlers): TemplateResult {
  return html`${v.notices.grew ? html`<p class="notice grew" part="notice" role="note">${v.notices.grew}</p>` : nothing}
    ${v.notices.withoutPeriod ? html`<p class="notice" part="notice" role="note">${v.notices.withoutPeriod}</p>` : nothing}
    ${v.notices.quality.length
      ? html`<div class="notice quality" part="notice quality-notice" role="status">${v.notices.quality.map((line) => html`<p>${line}</p>`)}</div>`
      : nothing}
    ${h.rejected()}`;
}

function headline(hv: HeadlineView): TemplateResult {
  const b = hv.bottleneck;
  return html`<div class="headline" part="headline">
    <div class="stat">
      <span class="k">${hv.overallLabel}</span>
      <span class="v">${hv.overall}</span>
      ${hv.delta !== null ? html`<span class="d">${hv.delta}</span>` : nothing}
    </div>
    ${b
      ? html`<div class="stat">
          <span class="k">${b.label}</span>
          <span class="v small">${b.value}</span>
          <span class="d">${b.basis}${b.missed ? html` · <span class="miss-text">${b.missed}</span>` : nothing}</span>
        </div>`
      : nothing}
    ${hv.period ? html`<div class="stat"><span class="k">${hv.period.label}</span><span class="v small">${hv.period.value}</span></div>` : nothing}
  </div>`;
}

/** The what-if beside the bottleneck: a live region, so choosing another stage is read out. */
function whatIf(w: WhatIfView | null): TemplateResult {
  // The region stays in the DOM (empty when there is nothing to say) so that its changes are announced.
  return html`<div class="what-if" part="what-if" role="status" ?hidden=${!w}>
    ${w
      ? html`<span class="k">${w.heading}</span>
          <p class="sentence">${w.lead}${w.gains.map((g, i) => html`${i ? ', ' : ' '}<strong>${g}</strong>`)}${w.gains.length ? '.' : nothing}</p>
          ${w.note ? html`<p class="note">${w.note}</p>` : nothing}`
      : nothing}
  </div>`;
}

/** Expected wins from the open pipeline: a summary line and a small table (scrolls sideways when narrow). */
function forecast(fc: ForecastView | null): TemplateResult | typeof nothing {
  if (!fc) return nothing;
  return html`<section class="forecast" part="forecast" aria-labelledby="forecast-title">
    <h3 class="forecast-title" id="forecast-title">${fc.title}</h3>
    <p class="forecast-summary">${fc.summary}</p>
    <div class="forecast-wrap" role="region" tabindex="0" aria-labelledby="forecast-caption">
      <table class="forecast-table" part="forecast-table">
        <caption id="forecast-caption">${fc.caption}</caption>
        <thead>
          <tr>${fc.headers.map((c, i) => html`<th scope="col" class=${i === 2 ? 'rate' : ''}>${c}</th>`)}</tr>
        </thead>
        <tbody>
          ${fc.rows.map(
            (r) => html`<tr><th scope="row">${r.head}<span class="rate-inline">${r.rate}</span></th>${r.cells.map((c, i) => html`<td class=${i === 1 ? 'rate' : ''}>${c}</td>`)}</tr>`,
          )}
        </tbody>
        <tfoot>
          <tr class="total"><th scope="row">${fc.total.head}</th>${fc.total.cells.map((c, i) => html`<td class=${i === 1 ? 'rate' : ''}>${c}</td>`)}</tr>
        </tfoot>
      </table>
    </div>
    <p class="forecast-note">${fc.note}</p>
  </section>`;
}

function legend(items: readonly LegendItem[], logNote: string | null): TemplateResult | typeof nothing {
  if (!items.length && !logNote) return nothing;
  return html`<div class="legend-row" part="legend">
    ${items.map((i) => html`<span class="key"><span class="swatch ${i.kind}" aria-hidden="true"></span>${i.label}</span>`)}
    ${logNote ? html`<span class="key scale-note" part="scale-note"><span aria-hidden="true">⟷ </span>${logNote}</span>` : nothing}
  </div>`;
}

/** The chart and its legend; the stages' descriptions for screen readers come with `more`. */
function chart(c: MainChartView, h: FunnelHandlers, more: boolean): TemplateResult {
  return html`${legend(c.legend, c.logNote)}<svg part="chart" width=${c.width} height=${c.height} viewBox="0 0 ${c.width} ${c.height}" role="group"
      aria-label=${c.label} @keydown=${h.onStageKeyDown}>
      ${repeat(c.connectors, (k) => k.id, (k) => svg`<path class=${k.missed ? 'connector missed' : 'connector'} part="connector" d=${k.path}></path>
        <text class="conv" x=${k.textX} y=${k.textY} dy="0.35em" text-anchor="middle">${k.conversion}${
          k.miss ? svg`<tspan class="miss">${k.miss}</tspan>` : nothing
        }${k.grew ? svg`<tspan class="grew">${k.grew}</tspan>` : nothing}${k.note ? svg`<tspan class="muted">${k.note}</tspan>` : nothing}</text>`)}
      ${repeat(c.bars, (b) => b.id, (b) => svg`<g class=${b.selected ? 'stage active selected' : 'stage'} role="button" tabindex=${b.tabIndex}
          aria-pressed=${b.selected ? 'true' : 'false'} aria-describedby="stage-desc-${b.index}" data-index=${b.index}
          @click=${() => h.onStageSelect(b.index)} @focus=${() => h.onStageEnter(b.index)} @blur=${h.onStageLeave}
          @mouseenter=${() => h.onStageEnter(b.index)} @mouseleave=${h.onStageLeave}>
        <rect class="focus-ring" x=${b.ring.x} y=${b.ring.y} width=${b.ring.w} height=${b.ring.h}></rect>
        <text class="stage-label" x=${c.left} y=${b.textY}>${b.stage}</text>
        <text class="stage-count" x=${c.right} y=${b.textY} text-anchor="end">${b.count}${
          b.share !== null ? svg`<tspan class="muted"> · ${b.share}</tspan>` : nothing
        }${b.change !== null ? svg`<tspan class="muted"> · ${b.change}</tspan>` : nothing}</text>
        <rect class=${b.missed ? 'bar missed' : 'bar'} part="bar" x=${b.x} y=${b.y} width=${b.w} height=${b.h} rx="3"></rect>
        ${b.previous ? svg`<rect class="prev" part="previous-bar" x=${b.previous.x} y=${b.previous.y} width=${b.previous.w} height=${b.previous.h} rx="2"></rect>` : nothing}
      </g>`)}
    </svg>
    <div class="visually-hidden">${more ? c.bars.map((b) => html`<span id="stage-desc-${b.index}">${b.description}</span>`) : nothing}</div>`;
}

function miniChart(c: ChartView): TemplateResult {
  return html`<svg width=${c.width} height=${c.height} viewBox="0 0 ${c.width} ${c.height}" aria-hidden="true">
    ${c.connectors.map((k) => svg`<path class=${k.missed ? 'connector missed' : 'connector'} d=${k.path}></path>
      <text class="conv" x=${k.textX} y=${k.textY} dy="0.35em" text-anchor="middle">${k.conversion}${k.miss ? svg`<tspan class="miss">${k.miss}</tspan>` : nothing}</text>`)}
    ${c.bars.map((b) => svg`<text class="stage-label muted" x=${c.left} y=${b.textY}>${b.stage}</text>
      <text class="stage-count" x=${c.right} y=${b.textY} text-anchor="end">${b.count}</text>
      <rect class=${b.missed ? 'bar missed' : 'bar'} x=${b.x} y=${b.y} width=${b.w} height=${b.h} rx="2"></rect>`)}
  </svg>`;
}

function segments(s: SegmentsView, h: FunnelHandlers): TemplateResult {
  return html`<h3 class="segments-title">${s.title}</h3>
    ${matrix(s.matrix, h)}
    <div class="segments" part="segments" ${cssVars({ '--cols': String(s.cols) })}>
      ${repeat(s.items, (seg) => seg.key, (seg) => html`<div class="segment" role="group" aria-label=${seg.label} tabindex="0"
          @keydown=${(e: KeyboardEvent) => h.onSegment(e, seg.key)} @click=${(e: Event) => h.onSegment(e, seg.key)}>
        <h3 title=${seg.name}>${seg.name} <span class="muted">${seg.detail}</span></h3>
        ${miniChart(seg.chart)}
      </div>`)}
    </div>`;
}

function matrixCell(c: MatrixCellView, barWidth: number): TemplateResult {
  return html`<td class=${c.vs}>
    <span class="rate">${c.rate}${c.vs === 'below' ? html`<span class="vs" aria-hidden="true"> ▼</span>` : nothing}</span>
    <svg class="cellbar" width=${barWidth} height="8" aria-hidden="true">
      <rect class="track" width=${barWidth} height="8" rx="2"></rect>
      <rect class="fill" width=${c.fill} height="8" rx="2"></rect>
      ${c.refX !== null ? svg`<line class="ref" x1=${c.refX} x2=${c.refX} y1="-2" y2="10"></line>` : nothing}
    </svg>
    ${c.vsText ? html`<span class="visually-hidden">${c.vsText}</span>` : nothing}
  </td>`;
}

function matrix(m: MatrixView, h: FunnelHandlers): TemplateResult {
  return html`<div class="matrix-wrap" role="region" tabindex="0" aria-label=${m.caption}>
    <table class="matrix" part="matrix" aria-describedby="matrix-legend">
      <caption>${m.caption}</caption>
      <thead>
        <tr>${m.headers.map((c) => sortHeader({ key: c.key, label: c.label, sort: m.sort, onSort: h.onSort }))}</tr>
      </thead>
      <tbody>
        ${repeat(m.rows, (r) => r.key, (r) => html`<tr>
          <th scope="row" title=${r.name}>${r.name}</th>
          <td class="n">${r.size}</td>
          ${r.cells.map((c) => matrixCell(c, m.barWidth))}
        </tr>`)}
      </tbody>
    </table>
  </div>
  <p class="matrix-legend" id="matrix-legend">${m.legend}</p>`;
}

function table(tv: TableView): TemplateResult {
  return html`<table class="data" part="table">
    <caption>${tv.caption}</caption>
    <thead>
      <tr>${tv.headers.map((c) => html`<th scope="col">${c}</th>`)}</tr>
    </thead>
    <tbody>
      ${tv.rows.map((r) => html`<tr>
        <th scope="row">${r.head}</th>
        ${r.cells.map((c) => html`<td class=${c.missed ? 'missed' : ''}>${c.text}${c.hidden ? html` <span class="visually-hidden">${c.hidden}</span>` : nothing}</td>`)}
      </tr>`)}
    </tbody>
  </table>`;
}

function tip(t: TooltipView | null): unknown {
  if (!t) return nothing;
  return tooltip(t, html`<strong>${t.title}</strong>${t.lines.map((l) => html`<div>${l}</div>`)}`);
}
