/**
 * <kpi-ltv>'s markup: lit templates that draw a view model (view.ts) with the shared partials
 * of src/core/ui (sortable header, tooltip, bullet, axes, table toggle, loading view). No
 * arithmetic, no Intl, no sorting: every number and text arrives ready.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { sortHeader } from '../../core/ui/sortable-table.ts';
import { tooltip, type TooltipPoint } from '../../core/ui/tooltip.ts';
import { bullet } from '../../core/ui/bullet.ts';
import { axisBottom, axisLeft } from '../../core/ui/axis.ts';
import { tableToggle } from '../../core/ui/table-toggle.ts';
import { loadingView } from '../../core/ui/states.ts';
import { renderHoldout } from './parts.ts';
import type { CsvTable } from '../../core/ui/export.ts';
import type { BinView, BulletView, CohortsView, CustomerTableView, DataTableView, HistogramView, LtvSortKey, LtvView, MethodView, ParamsView, ProgressView, StatView, TableKind } from './view.ts';

export interface LtvHandlers {
  readonly onSort: (kind: TableKind, key: LtvSortKey) => void;
  readonly onSelect: (id: string, kind: TableKind) => void;
  readonly onBinKey: (e: KeyboardEvent) => void;
  readonly onBinShow: (bar: BinView) => void;
  readonly onBinHide: () => void;
  readonly onToggleTable: () => void;
  /** The "Download" menu (CSV of the data tables, SVG and PNG of the histogram). */
  readonly exportMenu: (tables: () => readonly CsvTable[]) => unknown;
}

/** The data tables as CSV tables: the very strings the table cells show. */
export function ltvCsv(v: LtvView): CsvTable[] {
  return v.data.map((d) => ({ caption: d.caption, headers: d.head, rows: d.rows }));
}

/** What the element adds around the view: the tooltip, the rejected-rows notice and the table toggle's state. */
export interface LtvChrome {
  readonly tip: (TooltipPoint & { readonly text: string }) | null;
  readonly rejected: unknown;
  readonly tableShown: boolean;
  readonly tableTexts: { readonly show: string; readonly hide: string; readonly region: string };
  /** LTV by segment (group-by), drawn by parts/segments-template.ts; absent without group-by. */
  readonly segments?: () => unknown;
}

/** The figure with its title, around a state view or the content. */
export function renderLtvFrame(title: string, content: unknown): TemplateResult {
  return html`<div class="wrap" part="figure" role="figure" aria-label=${title}>
    <h2 class="title" part="title">${title}</h2>
    ${content}
  </div>`;
}

export function renderLtvProgress(p: ProgressView): TemplateResult {
  return loadingView(p.text, { ...(p.value !== undefined ? { value: p.value } : {}), label: p.label });
}

function stat(s: StatView): TemplateResult {
  return html`<div class=${s.main ? 'stat main' : 'stat'}>
    <span class="k">${s.label}</span><span class="v">${s.value}</span>${s.detail !== undefined ? html`<span class="d">${s.detail}</span>` : nothing}
  </div>`;
}

function renderParams(p: ParamsView): TemplateResult {
  const note = p.notConverged ? html`<p class="note">${p.notConverged}</p>` : nothing;
  if (p.narrow) {
    return html`<div class="params" part="params">
      <p class="params-title"><strong>${p.caption}</strong></p>
      <p>${p.fitted}</p>
      ${p.rows.map((r) => html`<p><strong>${r.model}</strong>: ${r.line}</p>`)}
      ${note}
    </div>`;
  }
  return html`<div class="params table-wrap" part="params" tabindex="0" role="region" aria-label=${p.caption}>
    <table class="data">
      <caption>${p.caption}</caption>
      <thead><tr><th scope="col">${p.head.model}</th><th scope="col" colspan="4">${p.head.params}</th><th scope="col">${p.head.logLik}</th></tr></thead>
      <tbody>
        ${p.rows.map((r) => html`<tr><th scope="row">${r.model}</th>${r.cells.map((c) => html`<td>${c}</td>`)}<td>${r.logLik}</td></tr>`)}
      </tbody>
    </table>
    <p>${p.fitted}</p>
    ${note}
  </div>`;
}

/** What the headline means first; the model (method, parameters, fit) behind a closed disclosure. */
function renderMethod(m: MethodView): TemplateResult {
  return html`${m.meaning ? html`<p class="meaning" part="meaning">${m.meaning}</p>` : nothing}
    <details class="method" part="method">
      <summary>${m.details}</summary>
      <p><span class="name">${m.name}.</span> ${m.why}</p>
      <p>${m.how}</p>
      ${m.life !== null ? html`<p>${m.life}</p>` : nothing}
      <p class="muted">${m.margin} <span class="visually-hidden">${m.formula}</span></p>
      ${m.params ? renderParams(m.params) : nothing}
    </details>`;
}

function renderHistogram(g: HistogramView, h: LtvHandlers, tip: LtvChrome['tip']): TemplateResult {
  return html`<figure>
    <figcaption>${g.caption} <span class="muted">${g.methodNote}</span></figcaption>
    <svg part="histogram" width=${g.width} height=${g.height} viewBox="0 0 ${g.width} ${g.height}" role="group" aria-label=${g.label} @keydown=${h.onBinKey}>
      ${axisLeft(g.y.ticks, { x: g.plot.left, gridTo: g.plot.right, format: g.y.format })}
      ${axisBottom(g.x.ticks, { y: g.x.y, format: g.x.format })}
      <g class="axis" aria-hidden="true">
        ${g.overflowLabel ? svg`<text x=${g.overflowLabel.x} y=${g.overflowLabel.y} text-anchor=${g.overflowLabel.anchor ?? 'middle'}>${g.overflowLabel.text}</text>` : nothing}
        <text x=${g.axisTitle.x} y=${g.axisTitle.y}>${g.axisTitle.text}</text>
      </g>
      ${repeat(
        g.bars,
        (b) => b.id,
        (b) => svg`<g class=${b.active ? 'bin active' : 'bin'} role="img" tabindex=${b.tabIndex} data-index=${b.index} aria-label=${b.label}
            @focus=${() => h.onBinShow(b)} @blur=${h.onBinHide} @mouseenter=${() => h.onBinShow(b)} @mouseleave=${h.onBinHide}>
            <rect part="bar" class=${b.overflow ? 'bar overflow' : 'bar'} x=${b.x} y=${b.y} width=${b.w} height=${b.h}></rect>
            <rect x=${b.x} y=${g.plot.top} width=${b.w} height=${g.plotHeight} fill="transparent"></rect>
          </g>`,
      )}
      ${g.capped ? svg`<text class="cap-mark" aria-hidden="true" x=${g.capped.mark.x} y=${g.capped.mark.y}>${g.capped.mark.text}</text>` : nothing}
      ${g.mean
        ? svg`<g aria-hidden="true"><line class="mean-line" x1=${g.mean.x} x2=${g.mean.x} y1=${g.mean.y1} y2=${g.mean.y2}></line>
            <text class="mean-label" x=${g.mean.label.x} y=${g.mean.label.y}>${g.mean.label.text}</text></g>`
        : nothing}
    </svg>
    ${g.capped ? html`<p class="note" part="capped-note">${g.capped.note}</p>` : nothing}
    ${tooltip(tip, tip?.text)}
  </figure>`;
}

function renderCohorts(c: CohortsView): TemplateResult {
  return html`<figure>
    <figcaption>${c.caption}</figcaption>
    <svg part="cohorts" width=${c.width} height=${c.height} viewBox="0 0 ${c.width} ${c.height}" role="img" aria-label=${c.label}>
      ${axisLeft(c.y.ticks, { x: c.plot.left, gridTo: c.plot.right, format: c.y.format })}
      ${axisBottom(c.x.ticks, { y: c.x.y, format: c.x.format })}
      <g class="axis" aria-hidden="true">
        <text x=${c.axisTitle.x} y=${c.axisTitle.y} text-anchor="end">${c.axisTitle.text}</text>
      </g>
      ${repeat(
        c.lines,
        (l) => l.id,
        (l) => svg`<g>
          <path part="line" class="line ${l.cls}" d=${l.path}></path>
          <circle class=${l.cls} cx=${l.end.x} cy=${l.end.y} r="3"></circle>
          <text class="cohort-label ${l.cls}" x=${l.labelX} y=${l.labelY} dy="0.32em">${l.id}</text>
        </g>`,
      )}
    </svg>
    ${c.note ? html`<p class="note">${c.note}</p>` : nothing}
  </figure>`;
}

function renderBullet(b: BulletView): TemplateResult {
  return html`<div class="bullet-block" part="bullet">
    <div class="bullet-head">
      <strong>${b.title}</strong>
      <span class="v">${b.value}</span>
      <span class="muted">${b.target}</span>
      ${b.status ? html`<span class=${b.status.good ? 'good-text' : 'bad-text'}>${b.status.text}</span>` : nothing}
    </div>
    ${bullet(b.geometry, { tick: b.tick, label: b.label })}
    <div class="headline">${b.stats.map(stat)}</div>
  </div>`;
}

function renderCustomers(c: CustomerTableView, h: LtvHandlers): TemplateResult {
  return html`<section part="customers" class=${`customers ${c.kind}`} aria-label=${c.title}>
    <h3>${c.title}</h3>
    ${c.note ? html`<p class="note">${c.note}</p>` : nothing}
    ${c.empty !== null
      ? html`<p class="note">${c.empty}</p>`
      : html`<div class="table-wrap"><table class="data" part="table">
          <caption class="visually-hidden">${c.title}</caption>
          <thead><tr>${c.columns.map((col) => sortHeader({ key: col.key, label: col.label, sort: c.sort, onSort: (k) => h.onSort(c.kind, k) }))}</tr></thead>
          <tbody>
            ${c.rows.map(
              (r) => html`<tr>
                <th scope="row"><button class="cust" aria-label=${r.select} @click=${() => h.onSelect(r.id, c.kind)}>${r.id}</button></th>
                ${r.cells.map((cell) => html`<td>${cell}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table></div>`}
  </section>`;
}

function renderDataTable(d: DataTableView): TemplateResult {
  return html`<table class="data" part="table">
    <caption>${d.caption}</caption>
    <thead><tr>${d.head.map((x) => html`<th scope="col">${x}</th>`)}</tr></thead>
    <tbody>${d.rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((x) => html`<td>${x}</td>`)}</tr>`)}</tbody>
  </table>`;
}

/** The loaded widget. */
/**
 * `stage` (core/element/stages.ts): 0 draws the headline, the segments (above the charts,
 * so they never move) and the histogram, 1 adds the cohorts beside it and the LTV:CAC bullet,
 * 2 (the default) everything: the lists, holdout, table and downloads. A new result is drawn
 * one stage per frame.
 */
export function renderLtv(title: string, v: LtvView, h: LtvHandlers, chrome: LtvChrome, stage = 2): TemplateResult {
  const full = stage >= 2;
  return renderLtvFrame(
    title,
    html`<p class="summary" part="summary">${v.summary}</p>
      <div class="headline" part="headline">${v.headline.map(stat)}</div>
      ${renderMethod(v.method)} ${chrome.rejected}
      ${chrome.segments?.() ?? nothing}
      <div class="charts">${renderHistogram(v.histogram, h, chrome.tip)} ${stage >= 1 ? renderCohorts(v.cohorts) : nothing}</div>
      ${stage >= 1 && v.bullet ? renderBullet(v.bullet) : nothing}
      ${full
        ? html`<div class="lists">${v.tables.map((c) => renderCustomers(c, h))}</div>
            ${renderHoldout(v.holdout)}
            ${tableToggle({ shown: chrome.tableShown, onToggle: h.onToggleTable, ...chrome.tableTexts, content: () => v.data.map(renderDataTable) })}
            ${h.exportMenu(() => ltvCsv(v))}`
        : nothing}`,
  );
}
