/**
 * <kpi-scorecard>'s markup: lit templates over the view model (view.ts), drawn with the shared
 * partials of src/core/ui (bullet graph, sortable header, data-table toggle). No formatting,
 * no arithmetic, no sorting here.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { cssVars } from '../../core/ui/css-vars.ts';
import { bullet } from '../../core/ui/bullet.ts';
import { sortHeader } from '../../core/ui/sortable-table.ts';
import type { CsvTable } from '../../core/ui/export.ts';
import { tableToggle } from '../../core/ui/table-toggle.ts';
import type { CardView, MatrixView, ScorecardView, SixAView, SparkView, StatusBadge, TableView, DeltaView } from './view.ts';

export interface ScorecardHandlers {
  readonly selectKpi: (id: string, index: number) => void;
  readonly selectMember: (member: string) => void;
  readonly sort: (key: string) => void;
  readonly toggleTable: () => void;
  /** The "Download" menu: CSV of the data table (the cards have no single chart to export). */
  readonly exportMenu: (tables: () => readonly CsvTable[]) => unknown;
}

/** The data table as a CSV table: the very strings the table cells show. */
export function scorecardCsv(v: ScorecardView): CsvTable[] {
  return [{ caption: v.table.caption, headers: v.table.headers, rows: v.table.rows.map((r) => [r.head, ...r.cells]) }];
}

/** The heading and a loading, empty or error view (from the base class). */
export function renderScorecardState(heading: string, state: TemplateResult): TemplateResult {
  return html`<section class="wrap" aria-label=${heading}><h2 class="title" part="title">${heading}</h2>${state}</section>`;
}

/**
 * `stage` (core/element/stages.ts): 0 draws the cards' figures, changes and 6 A badges and the
 * room their bullet and sparkline take (empty boxes of their size, so no card grows a frame
 * later), 1 draws the bullets and sparklines, 2 (the default) everything: the 6 A panels, the matrix, the table
 * and the downloads. A new result is drawn one stage per frame.
 */
export function renderScorecard(v: ScorecardView, h: ScorecardHandlers, rejected: unknown, stage = 2): TemplateResult {
  const full = stage >= 2;
  return html`<section class="wrap" aria-labelledby="title" aria-describedby="summary">
    <h2 class="title" id="title" part="title">${v.heading}</h2>
    <p class="summary" id="summary" part="summary">${v.summary}</p>
    ${v.tooMany !== null ? html`<p class="notice" part="notice" role="note">⚠ ${v.tooMany}</p>` : nothing}
    ${rejected}
    <ul class="kpis" part="kpis" ${cssVars({ '--cols': String(v.cols) })}>
      ${repeat(v.cards, (c) => c.id, (c) => renderCard(c, h, stage))}
    </ul>
    ${full && v.matrix ? renderMatrix(v.matrix, h) : nothing}
    ${full ? tableToggle({ shown: v.table.shown, onToggle: h.toggleTable, show: v.table.show, hide: v.table.hide, region: v.table.region, content: () => renderTable(v.table) }) : nothing}
    ${full ? h.exportMenu(() => scorecardCsv(v)) : nothing}
  </section>`;
}

function renderBadge(b: StatusBadge): TemplateResult {
  return html`<span class="status" part="status" data-status=${b.status}>
    <span class="icon" aria-hidden="true"><span>${b.icon}</span></span>${b.text}
  </span>`;
}

function renderCard(c: CardView, h: ScorecardHandlers, stage: number): TemplateResult {
  return html`<li class="kpi" part="kpi" data-status=${c.status} data-id=${c.id}>
    <div class="head">
      <h3>
        <button class="kpi-name" part="kpi-name" @click=${() => h.selectKpi(c.id, c.index)}>${c.label}</button>
      </h3>
      ${renderBadge(c.badge)}
    </div>
    <div class="figures">
      <span class="value" part="value">${c.value}</span>
      <span class="target">${c.target}</span>
    </div>
    ${stage >= 1 ? bullet(c.bullet, { part: 'bullet' }) : box('bullet', c.bullet.width, c.bullet.height)}
    ${c.proRated !== null ? html`<p class="prorated" part="prorated">${c.proRated}</p>` : nothing}
    <div class="trend">${c.spark ? (stage >= 1 ? renderSpark(c.spark) : box('spark', c.spark.width, c.spark.height)) : nothing} ${renderDelta(c.delta)}</div>
    ${renderSixA(c.sixA, c, stage >= 2)}
  </li>`;
}

/** An empty box of a graphic's size: its room, until the graphic is drawn a frame later. */
function box(kind: string, width: number, height: number): TemplateResult {
  return html`<svg class=${kind} width=${width} height=${height} aria-hidden="true"></svg>`;
}

function renderSpark(s: SparkView): TemplateResult {
  return html`<svg class="spark" part="sparkline" width=${s.width} height=${s.height} viewBox="0 0 ${s.width} ${s.height}" role="img" aria-label=${s.aria}>
    ${s.referenceY !== null ? svg`<line class="ref" x1="0" x2=${s.width} y1=${s.referenceY} y2=${s.referenceY}></line>` : nothing}
    <path class="line" d=${s.path}></path>
    ${s.minMax ? s.minMax.map((p) => svg`<circle class="dot minmax" cx=${p.x} cy=${p.y} r="2.25"></circle>`) : nothing}
    ${s.last ? svg`<circle class="dot" cx=${s.last.x} cy=${s.last.y} r="3"></circle>` : nothing}
  </svg>`;
}

function renderDelta(d: DeltaView): TemplateResult {
  if (d.kind === 'none') return html`<span class="delta muted" part="delta">${d.text}</span>`;
  return html`<span class="delta" part="delta"><span class=${d.tone}>${d.change}</span>
    <span class="muted">${d.vs}</span></span>`;
}

/**
 * The rest on demand: one badge (the six letters, each coloured by its mark) that opens a panel
 * laid over the card, so the grid row never grows. The panel holds the kind, the pace and the 6 A.
 */
/** The 6 A badge; its panel (closed until opened) is written once the card has been drawn (`full`). */
function renderSixA(s: SixAView, c: CardView, full: boolean): TemplateResult {
  return html`<details class="six-a" part="six-a">
    <summary>
      <strong>${s.title}</strong><span class="visually-hidden">${s.hidden}</span>
      <span class="letters" aria-hidden="true">${s.letters.map((l) => html`<span class="l ${l.mark}" title=${l.name}>${l.letter}</span>`)}</span>
      <span class="muted">${s.score}</span>
    </summary>
    <div class="panel" part="six-a-panel">
    ${full
      ? html`${c.kind !== null ? html`<p class="kind">${c.kind}</p>` : nothing}
          ${c.pace ? html`<p class="pace" part="pace"><strong>${c.pace.label}</strong> ${c.pace.text}</p>` : nothing}
          <ul>
            ${s.items.map(
              (i) => html`<li>
                <span class="m ${i.mark}" aria-hidden="true">${i.icon}</span>
                <span><strong>${i.name}</strong><span class="visually-hidden"> (${i.markText})</span>: ${i.text}</span>
              </li>`,
            )}
          </ul>`
      : nothing}
    </div>
  </details>`;
}

function renderMatrix(m: MatrixView, h: ScorecardHandlers): TemplateResult {
  return html`<div class="matrix-wrap">
    <table class="matrix" part="matrix">
      <caption>${m.caption}</caption>
      <thead>
        <tr>${m.headers.map((c) => sortHeader({ key: c.key, label: c.label, sort: m.sort, onSort: h.sort, ...(c.sub !== undefined ? { sub: c.sub } : {}) }))}</tr>
      </thead>
      <tbody>
        ${repeat(m.rows, (r) => r.member, (r) => html`<tr class=${r.flagged ? 'flagged' : ''}>
          <th scope="row" title=${r.member}>
            <button class="member" @click=${() => h.selectMember(r.member)}>${r.member}</button>
            ${r.mark !== null
              ? html` <span class="contrast" title=${r.mark}><span aria-hidden="true">◆</span><span class="visually-hidden">${r.mark}</span></span>`
              : nothing}
          </th>
          ${r.cells.map((c) => html`<td class="cell" data-status=${c.status}>${c.text}${c.badge
            ? html`<span class="icon" aria-hidden="true"><span>${c.badge.icon}</span></span><span class="visually-hidden">${c.badge.text}</span>`
            : nothing}</td>`)}
        </tr>`)}
      </tbody>
    </table>
    ${m.note !== null ? html`<p class="muted">${m.note}</p>` : nothing}
  </div>`;
}

function renderTable(t: TableView): TemplateResult {
  return html`<table class="data" part="table">
    <caption>${t.caption}</caption>
    <thead>
      <tr>${t.headers.map((h) => html`<th scope="col">${h}</th>`)}</tr>
    </thead>
    <tbody>
      ${t.rows.map((r) => html`<tr><th scope="row">${r.head}</th>${r.cells.map((c) => html`<td>${c}</td>`)}</tr>`)}
    </tbody>
  </table>`;
}
