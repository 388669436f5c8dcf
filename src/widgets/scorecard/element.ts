import { type CSSResultGroup, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { KpiElement } from '../../core/element/kpi-element.ts';
import { optionProperties } from '../../core/element/options.ts';
import { nextSort, sortableStyles, type SortState } from '../../core/ui/sortable-table.ts';
import { bulletStyles } from '../../core/ui/bullet.ts';
import { axisStyles } from '../../core/ui/axis.ts';
import { ExportMenu, exportStyles } from '../../core/ui/export.ts';
import { tableStyles } from '../../core/ui/table-toggle.ts';
import { kpiEvent } from '../../core/events.ts';
import type { Status } from '../../core/targets/status.ts';
import { scorecardOptions, scorecardSpec, type ScorecardConfigInput, type ScorecardResult } from './spec.ts';
import type { ScorecardBuilt } from './compute.ts';
import { statusChanges, type ScorecardModel } from './model.ts';
import { buildScorecardView, scorecardHeading, type ScorecardViewContext } from './view.ts';
import { renderScorecard, renderScorecardState, type ScorecardHandlers } from './template.ts';
import { scorecardStyles } from './styles.ts';
import { ConfigSource } from './config-source.ts';
import type { KpiErrorDetail } from '../../core/data/errors.ts';

export type { ScorecardResult, ScorecardConfigInput } from './spec.ts';

/** The `sources` property: per source, rows, a promise, or a URL. */
export type ScorecardSources = Partial<Record<'deals' | 'leads' | 'costs' | 'transactions' | 'activities', unknown>>;

/**
 * A sales director's scorecard: a few KPIs, each against its target, with its status (icon,
 * text and colour), a bullet graph (Few), a sparkline, the change against the comparison
 * period, pacing for totals in a running period, and the "6 A" audit (seed 003) as a badge a
 * reader opens. `group-by` turns it into a matrix (rows = members, columns = KPIs) sortable by
 * any column.
 *
 * Configuration: the `config` property or an inline `<script type="application/json" data-config>`
 * child (see config.ts; the option is declared in spec.ts). Records (deals: one row per opportunity) in any
 * of the three ways every element takes data: `data` property, inline
 * `<script type="application/json">` / `<script type="text/csv">` child (the one without
 * `data-config`), `src` URL. A scorecard whose KPIs are all supplied values needs no records.
 *
 * Named sources (sources.ts): `leads`, `costs`, `transactions`, `activities` (and `deals`), each
 * by the `sources` property (`{ leads: rows | promise | "url" }`), a `src-<name>` attribute, or a
 * `<script type="application/json|text/csv" data-source="<name>">` / `<table data-source="<name>">`
 * child; each with its own field mapping, `<name>-fields="key:column, …"`. Every catalogue KPI
 * (CPL, CAC, marketing ROI, LTV:CAC, CAC payback, churn, retention, renewal, upsell, activity…)
 * is computed from the sources its metadata names; a source that fails to load or validate gives
 * the error state and a `kpi-error` whose `detail.source` names it. `input="aggregates"` reads
 * pre-aggregated `{ kpi, period, group, numerator, denominator }` rows instead of records.
 *
 * Bad configuration — an unknown field, a target that is not a number, an unknown metric —
 * gives the error state and a `kpi-error` (code `config`) naming the KPI and the field.
 *
 * @tag kpi-scorecard
 * @summary KPIs against targets, with bullet graphs, trends, pacing and the 6 A audit.
 * @fires kpi-update - The computed scorecard changed; `detail.result` is the same as `result`.
 * @fires kpi-error - Bad config or data, or a failed fetch; `detail.code` is config, validation, parse, network, http or timeout.
 * @fires kpi-select - A KPI was chosen (click, Enter or Space): `detail.id` is its id; in the matrix a member (`kind: 'segment'`).
 * @fires kpi-status-change - A refresh moved a KPI across a threshold: `detail` is `{ id, from, to }`.
 * @csspart title - The heading.
 * @csspart summary - The one-sentence summary.
 * @csspart kpis - The grid of KPI cards.
 * @csspart kpi - One KPI card.
 * @csspart kpi-name - The KPI's name (a button that selects it).
 * @csspart status - The status badge (icon and text).
 * @csspart value - The current value.
 * @csspart bullet - The bullet graph.
 * @csspart sparkline - The sparkline.
 * @csspart delta - The change against the comparison period.
 * @csspart pace - The pacing line.
 * @csspart six-a - The 6 A disclosure.
 * @csspart matrix - The grouped matrix table.
 * @csspart table - The data table.
 * @csspart state - Loading, empty and error messages.
 * @csspart notice - Notices (rows left out, too many KPIs).
 * @cssprop --kpi-color-good - On track (falls back to the kit token).
 * @cssprop --kpi-color-warn - At risk.
 * @cssprop --kpi-color-bad - Off track.
 * @cssprop --kpi-bullet-measure - Bullet graph's featured measure (default: text colour).
 * @cssprop --kpi-bullet-target - Bullet graph's target marker (default: text colour).
 * @cssprop --kpi-bullet-poor - Darkest qualitative band.
 * @cssprop --kpi-bullet-satisfactory - Middle band.
 * @cssprop --kpi-bullet-good - Lightest band.
 * @cssprop --kpi-sort-indicator-color - The matrix's ↑ ↓ sort indicator.
 * @cssprop --kpi-scorecard-spark - Sparkline stroke (falls back to --kpi-color-accent).
 * @cssprop --kpi-scorecard-card-min - Minimum card width (default 270px).
 */
export class KpiScorecard extends KpiElement<ScorecardBuilt, ScorecardResult> {
  static override spec = scorecardSpec;
  /** A new result: the cards' figures, then their bullets, trends and 6 A, then the rest (template.ts). */
  protected override renderStages = 2;
  static override properties = { ...optionProperties(scorecardOptions), sources: { attribute: false } };
  static override styles: CSSResultGroup = [KpiElement.styles, sortableStyles, bulletStyles, axisStyles, tableStyles, exportStyles, scorecardStyles];

  /**
   * The scorecard configuration (see config.ts), checked when set: a bad one gives the error
   * state. An inline `<script type="application/json" data-config>` child does the same.
   */
  declare config: ScorecardConfigInput | undefined;
  /** Stage values meaning won: "Won, Closed Won" or an array (default: Won, Closed Won, Ganada…). */
  declare wonValues: string | readonly string[] | undefined;
  /** Stage values meaning lost (default: Lost, Closed Lost, Perdida…). */
  declare lostValues: string | readonly string[] | undefined;
  /** Evaluate as of this date (YYYY-MM-DD or a Date) instead of the config's `asOf` or today. */
  declare asOf: string | Date | undefined;
  /** A URL of the configuration as JSON, read (with `timeout`) when the `config` property is not set. */
  declare configSrc: string | undefined;
  /**
   * Named sources besides the deals: `{ leads, costs, transactions, activities }`, each rows, a
   * promise of rows, CSV/JSON text in a promise, or a URL (a string). `deals` here is the same as `data`.
   */
  declare sources: ScorecardSources | undefined;
  /** What the input holds: 'records' (deals; default) or 'aggregates' (pre-aggregated numerators and denominators). */
  declare input: 'records' | 'aggregates' | undefined;
  /** Field mapping of the leads source: "date:created, channel:source" or `{ date: 'created' }`. */
  declare leadsFields: string | Readonly<Record<string, string>> | undefined;
  /** Field mapping of the costs source: "date:month, amount:spend" or an object. */
  declare costsFields: string | Readonly<Record<string, string>> | undefined;
  /** Field mapping of the transactions source. */
  declare transactionsFields: string | Readonly<Record<string, string>> | undefined;
  /** Field mapping of the activities source. */
  declare activitiesFields: string | Readonly<Record<string, string>> | undefined;

  // The configuration at config-src; when a read ends, the scorecard builds again (configSrc marked changed).
  private readonly configSource = new ConfigSource(this, () => this.requestUpdate('configSrc', null));

  /** The overall status (the worst KPI's), reflected as the `status` attribute. Read-only. */
  get status(): Status | undefined {
    return this.phase === 'ready' ? this.built?.model.model.status : undefined;
  }

  @state() private sort: SortState = { key: 'member', dir: 'ascending' };
  @state() private tableShown = false;
  private previous?: ScorecardModel;
  private readonly exporter = new ExportMenu(this, 'kpi-scorecard');

  protected override namespace = 'scorecard';

  private readonly handlers: ScorecardHandlers = {
    selectKpi: (id, index) => this.dispatchEvent(kpiEvent('kpi-select', { id, kind: 'kpi', index })),
    selectMember: (member) => this.dispatchEvent(kpiEvent('kpi-select', { id: member, kind: 'segment', group: this.groupBy ?? '' })),
    sort: (key) => {
      this.sort = nextSort(this.sort, key, key === 'member' ? 'ascending' : 'descending');
    },
    toggleTable: () => {
      this.tableShown = !this.tableShown;
    },
    exportMenu: (tables) => this.exporter.render(this.t, tables, false),
  };

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('configSrc') || changed.has('timeout')) this.configSource.load(this.configSrc, this.timeout);
    super.willUpdate(changed);
  }

  /** While config-src is read (and the `config` property is not set) the scorecard waits; a failed read is its error. */
  protected override buildBlocker(): 'wait' | KpiErrorDetail | undefined {
    if (this.config !== undefined && this.config !== null) return undefined;
    return this.configSource.pending ? 'wait' : this.configSource.error;
  }

  override reload(): void {
    this.configSource.load(this.configSrc, this.timeout, true);
    super.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.configSource.cancel();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.configSource.load(this.configSrc, this.timeout);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const model = this.phase === 'ready' ? this.built?.model.model : undefined;
    if (model) this.setAttribute('status', model.status);
    else this.removeAttribute('status');
    if (changed.has('built') && model && model !== this.previous) {
      for (const c of statusChanges(this.previous, model)) this.dispatchEvent(kpiEvent('kpi-status-change', c));
      this.previous = model;
    }
  }

  private viewContext(): ScorecardViewContext {
    return { locale: this.lang_, t: this.t, width: this.width, currency: this.currency, label: this.label, columnName: this.columnName };
  }

  override render() {
    const ctx = this.viewContext();
    const s = this.renderState();
    if (s) return renderScorecardState(scorecardHeading(this.built?.model.config ?? (this.config as Parameters<typeof scorecardHeading>[0]), ctx), s);
    const view = this.memoView([this.sort, this.tableShown, this.columnName], () => buildScorecardView(this.built!.model, ctx, { sort: this.sort, tableShown: this.tableShown }));
    return renderScorecard(view, this.handlers, this.renderRejected(), this.drawStages.stage);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kpi-scorecard': KpiScorecard;
  }
}
