import { html, css, nothing, svg, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { KpiElement, validationError, type Built, type Input } from '../../core/element/kpi-element.ts';
import { cssVars } from '../../core/ui/css-vars.ts';
import { nextSort, sortableStyles, sortHeader, type SortState } from '../../core/ui/sortable-table.ts';
import { bullet, bulletStyles } from '../../core/ui/bullet.ts';
import { axisStyles } from '../../core/ui/axis.ts';
import { TableToggle, tableStyles } from '../../core/ui/table-toggle.ts';
import { mapRows } from '../../core/data/fields.ts';
import { KpiError } from '../../core/data/errors.ts';
import type { RejectedRow } from '../../core/schema/validate.ts';
import { parseList } from '../../core/data/options.ts';
import { kpiEvent } from '../../core/events.ts';
import { formatCompact, formatCount, formatMoney, formatNumber, formatPercent, formatPoints, NA } from '../../core/format/format.ts';
import { labelText, parseScorecardConfig, type KpiUnit, type ScorecardConfig } from './config.ts';
import type { Deal } from '../../core/schema/records.ts';
import { buildScorecard, statusChanges, type KpiModel, type ScorecardModel } from './model.ts';
import { buildMatrix, sortMatrixRows, type MatrixColumn, type MatrixModel } from './matrix.ts';
import { dealMetrics } from './metrics.ts';
import { SCORECARD_FIELDS, toDeals } from './records.ts';
import { explainCheck, type ExplainFormat } from './explain.ts';
import { bulletLayout } from '../../charts/bullet-layout.ts';
import { sparklineLayout } from '../../charts/sparkline-layout.ts';
import type { Status } from '../../core/targets/status.ts';
import type { ACheck, Mark } from './six-a.ts';
import type { QualityCounts } from './six-a.ts';

/** What `result` holds and `kpi-update` carries: the model as plain data. */
export interface ScorecardResult {
  readonly status: Status;
  /** The instant the scorecard was evaluated at (epoch ms). */
  readonly now: number;
  readonly kpis: readonly KpiModel[];
  readonly countCheck: ACheck;
  readonly matrix: MatrixModel | null;
  readonly quality: QualityCounts | null;
  readonly rejected: readonly RejectedRow[];
  readonly totalRows: number;
}

interface ScorecardView {
  readonly model: ScorecardModel;
  readonly matrix: MatrixModel | null;
  readonly config: ScorecardConfig;
}

const CONFIG_SCRIPT = ':scope > script[type="application/json"][data-config]';
const DATA_CHILD = ':scope > script[type="application/json"]:not([data-config]), :scope > script[type="text/csv"]:not([data-config])';
const STATUS_ICON: Record<Status, string> = { 'on-track': '✓', 'at-risk': '!', 'off-track': '✕', unknown: '–' };
const MARK_ICON: Record<Mark, string> = { pass: '✓', warn: '!', fail: '✕' };
const GAP = 12;
const MIN_CARD = 270;
const MAX_COLS = 4;

/**
 * A sales director's scorecard: a few KPIs, each against its target, with its status (icon,
 * text and colour), a bullet graph (Few), a sparkline, the change against the comparison
 * period, pacing for totals in a running period, and the "6 A" audit (seed 003) as a badge a
 * reader opens. `group-by` turns it into a matrix (rows = members, columns = KPIs) sortable by
 * any column.
 *
 * Configuration: the `config` property or an inline `<script type="application/json" data-config>`
 * child (see src/schema/scorecard-config.ts). Records (deals: one row per opportunity) in any
 * of the three ways every element takes data: `data` property, inline
 * `<script type="application/json">` / `<script type="text/csv">` child (the one without
 * `data-config`), `src` URL. A scorecard whose KPIs are all supplied values needs no records.
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
export class KpiScorecard extends KpiElement<ScorecardView, ScorecardResult> {
  static override fieldSpecs = SCORECARD_FIELDS;

  static override styles: CSSResultGroup = [
    KpiElement.styles,
    sortableStyles,
    bulletStyles,
    axisStyles,
    tableStyles,
    css`
      :host {
        --_on: var(--kpi-color-good, #15803d);
        --_risk: var(--kpi-color-warn, #b45309);
        --_off: var(--kpi-color-bad, #b91c1c);
      }
      .wrap {
        position: relative;
      }
      .kpis {
        display: grid;
        grid-template-columns: repeat(var(--cols, 1), minmax(0, 1fr));
        gap: ${GAP}px;
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
      details.six-a {
        margin-top: 8px;
        font-size: 0.88em;
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
    `,
  ];

  /** The scorecard configuration (validated); an inline `<script type="application/json" data-config>` child does the same. */
  @property({ attribute: false }) config?: unknown;

  /** Stage values meaning won, comma-separated (default: Won, Closed Won, Ganada). */
  @property({ attribute: 'won-values' }) wonValues?: string;

  /** Stage values meaning lost (default: Lost, Closed Lost, Perdida). */
  @property({ attribute: 'lost-values' }) lostValues?: string;

  /** Evaluate as of this ISO date instead of the config's `asOf` or today. */
  @property({ attribute: 'as-of' }) asOf?: string;

  /** The overall status (the worst KPI's), reflected as the `status` attribute. Read-only. */
  get status(): Status | undefined {
    return this.phase === 'ready' ? this.built?.model.model.status : undefined;
  }

  @state() private sort: SortState = { key: 'member', dir: 'ascending' };
  private readonly dataTable = new TableToggle(this);
  @state() private configNonce = 0;

  private previous?: ScorecardModel;
  private autoData?: unknown[];
  private configObserver?: MutationObserver;

  protected override namespace = 'scorecard';
  protected override readonly optionKeys = ['config', 'wonValues', 'lostValues', 'asOf', 'configNonce'];

  override connectedCallback(): void {
    super.connectedCallback();
    // The base class reloads on child changes; a config script's text changing must rebuild too.
    this.configObserver = new MutationObserver(() => this.configNonce++);
    this.configObserver.observe(this, { childList: true, subtree: true, characterData: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.configObserver?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    // A scorecard of supplied values needs no records: give the base class an empty list so it
    // builds, and take it back as soon as real input appears.
    const hasOwnInput = (this.data !== undefined && this.data !== null && this.data !== this.autoData) || !!this.src || !!this.querySelector(DATA_CHILD);
    const hasConfig = (this.config !== undefined && this.config !== null) || !!this.querySelector(CONFIG_SCRIPT);
    if (!hasOwnInput && hasConfig && (this.autoData === undefined || this.data !== this.autoData)) {
      this.autoData = [];
      this.data = this.autoData;
    } else if (hasOwnInput && this.autoData && this.data === this.autoData) {
      this.data = undefined;
      this.autoData = undefined;
    } else if (this.autoData && !hasConfig && this.data === this.autoData) {
      this.data = undefined;
      this.autoData = undefined;
    }
    super.willUpdate(changed);
  }

  private rawConfig(): unknown {
    if (this.config !== undefined && this.config !== null) return this.config;
    const script = this.querySelector<HTMLScriptElement>(CONFIG_SCRIPT);
    if (!script) return undefined;
    const text = script.textContent ?? '';
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new KpiError({ code: 'config', message: `the data-config script is not valid JSON (${(e as Error).message})` });
    }
  }

  protected override build(input: Input): Built<ScorecardView, ScorecardResult> {
    const raw = this.rawConfig();
    if (raw === undefined) {
      throw new KpiError({ code: 'config', message: 'no scorecard configuration: set the config property or add a <script type="application/json" data-config> child' });
    }
    const parsed = parseScorecardConfig(raw);
    if (!parsed.ok) {
      const first = parsed.issues[0]!;
      throw new KpiError({
        code: 'config',
        message: parsed.issues.length > 1 ? `${first.message} (and ${parsed.issues.length - 1} more)` : first.message,
        issues: parsed.issues.map((i) => ({ path: i.where, message: i.problem })),
      });
    }
    let config = parsed.config;
    if (this.asOf) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(this.asOf)) throw new KpiError({ code: 'config', message: `as-of: "${this.asOf}" is not a date like 2017-12-31` });
      config = { ...config, asOf: this.asOf };
    }

    const value = input.parsed.value;
    const rowsIn: unknown[] | null = Array.isArray(value)
      ? value
      : value && typeof value === 'object' && Array.isArray((value as { rows?: unknown }).rows)
        ? (value as { rows: unknown[] }).rows
        : null;
    if (!rowsIn) throw new KpiError({ code: 'validation', message: 'expected a list of rows (an array, or an object with a "rows" array)' });

    const computed = config.kpis.some((k) => k.metric !== undefined);
    const mapped = mapRows(rowsIn, SCORECARD_FIELDS, input.columns, { decimal: input.decimal, dayOrder: input.dayOrder });
    const deals = toDeals(mapped, {
      ...(this.wonValues !== undefined ? { wonValues: parseList(this.wonValues) } : {}),
      ...(this.lostValues !== undefined ? { lostValues: parseList(this.lostValues) } : {}),
      ...(config.knownValues ? { knownValues: config.knownValues } : {}),
      columnName: input.columnName,
    });
    if (computed && deals.deals.length === 0 && deals.rejected.length > 0) throw validationError(deals.rejected, deals.total);

    const model = buildScorecard({ config, deals: deals.deals, quality: rowsIn.length > 0 ? deals.quality : null, metrics: dealMetrics });
    if (model.problems.length > 0) {
      const issues = model.problems.map((p) => ({ path: `kpis[${p.index}].${p.field} (KPI "${p.kpi}")`, message: p.message }));
      throw new KpiError({ code: 'config', message: `${issues[0]!.path}: ${issues[0]!.message}`, issues });
    }

    let matrix: MatrixModel | null = null;
    if (this.groupBy && computed) {
      const byField = Object.hasOwn(SCORECARD_FIELDS, this.groupBy) && this.groupBy !== 'group' ? this.groupBy : null;
      const groupOf = new Map<Deal, string | undefined>();
      deals.deals.forEach((d, i) => groupOf.set(d, byField ? ((d as unknown as Record<string, unknown>)[byField] as string | undefined) : deals.groups[i]));
      matrix = buildMatrix({ config, deals: deals.deals, metrics: dealMetrics, groupBy: this.groupBy, groupOf: (d) => groupOf.get(d) });
    }

    const empty = config.kpis.length === 0 || (config.kpis.every((k) => k.metric !== undefined) && deals.deals.length === 0);
    return {
      model: { model, matrix, config },
      result: {
        status: model.status,
        now: model.now,
        kpis: model.kpis,
        countCheck: model.countCheck,
        matrix,
        quality: rowsIn.length > 0 ? deals.quality : null,
        rejected: deals.rejected,
        totalRows: deals.total,
      },
      empty,
      rejected: deals.rejected,
      total: deals.total,
    };
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

  // ---- formatting -------------------------------------------------------------------

  private fmt(k: { unit: KpiUnit; config?: { format?: { decimals?: number; compact?: boolean; percent?: boolean } } }, v: number | null, compact = false): string {
    if (v === null || !Number.isFinite(v)) return NA;
    const lang = this.lang_;
    const f = k.config?.format;
    if (f?.percent || (k.unit === 'ratio' && f?.percent !== false)) return formatPercent(lang, v, f?.decimals ?? 1);
    // Compact (3 significant digits) for large values, and for whole matrix columns so they read alike.
    const useCompact = f?.compact ?? (compact || Math.abs(v) >= 100_000);
    switch (k.unit) {
      case 'money':
        return useCompact ? compactMoney(lang, this.currency, v) : formatMoney(lang, this.currency, v);
      case 'count':
        return useCompact && Math.abs(v) >= 10_000 ? formatCompact(lang, v) : formatCount(lang, v);
      case 'days':
        return this.t('days', { n: formatNumber(lang, v, f?.decimals ?? 1) });
      default:
        return useCompact && Math.abs(v) >= 10_000 ? formatCompact(lang, v) : formatNumber(lang, v, f?.decimals ?? 2);
    }
  }

  /** Scale labels: short, without the currency (the value above the graph carries the unit). */
  private tick(k: KpiModel, v: number): string {
    const lang = this.lang_;
    if (k.unit === 'ratio' || k.config.format?.percent) return formatPercent(lang, v, 0);
    return Math.abs(v) >= 1000 ? formatCompact(lang, v) : formatNumber(lang, v, 1);
  }

  private groupName(group: string): string {
    const key = `group.${group}`;
    const text = this.t(key);
    return text === key ? group.replace(/[_-]+/g, ' ') : text;
  }

  private explainFormat(k: KpiModel): ExplainFormat {
    const lang = this.lang_;
    return {
      value: (v) => this.fmt(k, v),
      count: (v) => formatCount(lang, v),
      percent: (v) => formatPercent(lang, v, 0),
    };
  }

  private periodLabel(key: string): string {
    let m = /^(\d{4})-Q([1-4])$/.exec(key);
    if (m) return this.t('quarterLabel', { quarter: m[2]!, year: m[1]! });
    m = /^(\d{4})-(\d{2})$/.exec(key);
    if (m) {
      return new Intl.DateTimeFormat(this.lang_, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    }
    return key;
  }

  private statusText(k: { status: Status; statusReason?: string }): string {
    return k.statusReason === 'too-early' ? this.t('status.too-early') : this.t(`status.${k.status}`);
  }

  // ---- rendering --------------------------------------------------------------------

  override render() {
    const stateView = this.renderState();
    const view = this.built?.model;
    const title = this.label ?? (view ? labelText(view.config.title, this.lang_) : '') ?? '';
    const heading = title || this.t('title');
    if (stateView) {
      return html`<section class="wrap" aria-label=${heading}><h2 class="title" part="title">${heading}</h2>${stateView}</section>`;
    }
    const { model, matrix } = view!;
    const t = this.t;
    return html`<section class="wrap" aria-labelledby="title" aria-describedby="summary">
      <h2 class="title" id="title" part="title">${heading}</h2>
      <p class="summary" id="summary" part="summary">${this.summary(model)}</p>
      ${model.countCheck.mark !== 'pass'
        ? html`<p class="notice" part="notice" role="note">⚠ ${t('tooMany', { count: Number(model.countCheck.params.count), max: Number(model.countCheck.params.max) })}</p>`
        : nothing}
      ${this.renderRejected()}
      ${this.renderCards(model)}
      ${matrix ? this.renderMatrix(matrix) : nothing}
      ${this.dataTable.render(t, () => this.renderTable(model))}
    </section>`;
  }

  private summary(model: ScorecardModel): string {
    const count = (s: Status) => model.kpis.filter((k) => k.status === s).length;
    const date = new Intl.DateTimeFormat(this.lang_, { dateStyle: 'medium', timeZone: 'UTC' }).format(model.now - 1);
    const text = this.t('summary', {
      count: model.kpis.length,
      date,
      onTrack: this.t('summaryOnTrack', { count: count('on-track') }),
      atRisk: this.t('summaryAtRisk', { count: count('at-risk') }),
      offTrack: this.t('summaryOffTrack', { count: count('off-track') }),
    });
    const unknown = count('unknown');
    return unknown > 0 ? `${text} ${this.t('summaryUnknown', { count: unknown })}` : text;
  }

  private columns(n: number): { cols: number; cardWidth: number } {
    const width = this.width || 800;
    const fit = Math.max(1, Math.min(MAX_COLS, Math.floor((width + GAP) / (MIN_CARD + GAP))));
    const rows = Math.ceil(n / fit);
    const cols = Math.max(1, Math.min(fit, Math.ceil(n / Math.max(1, rows))));
    const cardWidth = Math.floor((width - (cols - 1) * GAP) / cols) - 30;
    return { cols, cardWidth: Math.max(160, cardWidth) };
  }

  private renderCards(model: ScorecardModel) {
    const { cols, cardWidth } = this.columns(model.kpis.length);
    return html`<ul class="kpis" part="kpis" ${cssVars({ '--cols': String(cols) })}>
      ${repeat(model.kpis, (k) => k.id, (k, i) => this.renderCard(k, i, cardWidth))}
    </ul>`;
  }

  private renderStatus(k: { status: Status; statusReason?: string }) {
    return html`<span class="status" part="status" data-status=${k.status}>
      <span class="icon" aria-hidden="true"><span>${STATUS_ICON[k.status]}</span></span>${this.statusText(k)}
    </span>`;
  }

  private renderCard(k: KpiModel, index: number, width: number) {
    const t = this.t;
    const label = labelText(k.label, this.lang_);
    const v = k.value.ok ? k.value.value : null;
    return html`<li class="kpi" part="kpi" data-status=${k.status} data-id=${k.id}>
      <div class="head">
        <h3>
          <button class="kpi-name" part="kpi-name" @click=${() => this.selectKpi(k, index)}>${label}</button>
          ${k.kind ? html`<span class="kind">${t(k.kind)}</span>` : nothing}
        </h3>
        ${this.renderStatus(k)}
      </div>
      <div class="figures">
        <span class="value" part="value">${v === null ? NA : this.fmt(k, v)}</span>
        <span class="target">${t('target')} ${this.fmt(k, k.target)} · ${this.periodLabel(k.period.key)}</span>
      </div>
      ${this.renderBullet(k, width)}
      <div class="trend">
        ${this.renderSpark(k, Math.min(140, Math.round(width * 0.42)))}
        ${this.renderDelta(k)}
      </div>
      ${this.renderPace(k)}
      ${this.renderSixA(k, label)}
    </li>`;
  }

  private renderBullet(k: KpiModel, width: number) {
    const h = 20;
    const b = bulletLayout({
      value: k.value.ok ? k.value.value : null,
      target: k.judgedLevels.target,
      direction: k.direction,
      warning: k.judgedLevels.warning,
      critical: k.judgedLevels.critical,
      width,
      height: h,
      ticks: width < 280 ? 3 : 4,
    });
    return bullet(b, { part: 'bullet', tick: (v) => this.tick(k, v) });
  }

  private renderSpark(k: KpiModel, width: number) {
    const h = 28;
    const s = sparklineLayout(k.series, { width, height: h, padding: 3, reference: k.accumulates ? null : k.target });
    if (s.points.length === 0) return nothing;
    const label = labelText(k.label, this.lang_);
    const points = k.series.map((p) => `${this.periodLabel(p.key)} ${p.value === null ? NA : this.fmt(k, p.value)}`).join(', ');
    return html`<svg class="spark" part="sparkline" width=${width} height=${h} viewBox="0 0 ${width} ${h}" role="img"
        aria-label=${this.t('trendAria', { label, count: k.series.length, points })}>
      ${s.referenceY !== null ? svg`<line class="ref" x1="0" x2=${width} y1=${s.referenceY} y2=${s.referenceY}></line>` : nothing}
      <path class="line" d=${s.path}></path>
      ${s.min && s.max && s.min !== s.max
        ? svg`<circle class="dot minmax" cx=${s.min.x} cy=${s.min.y} r="2.25"></circle><circle class="dot minmax" cx=${s.max.x} cy=${s.max.y} r="2.25"></circle>`
        : nothing}
      ${s.last ? svg`<circle class="dot" cx=${s.last.x} cy=${s.last.y} r="3"></circle>` : nothing}
    </svg>`;
  }

  private renderDelta(k: KpiModel) {
    const c = k.comparison;
    const t = this.t;
    if (!c || c.delta === null) {
      return html`<span class="delta muted" part="delta">${c ? `${t('vs', { period: this.periodLabel(c.key) })}: ${NA}` : t('noComparison')}</span>`;
    }
    const up = c.delta > 0;
    const better = c.delta === 0 ? null : k.direction === 'up' ? up : !up;
    const arrow = c.delta === 0 ? '=' : up ? '▲' : '▼';
    const text = k.unit === 'ratio'
      ? formatPoints(this.lang_, c.delta)
      : c.deltaRatio !== null
        ? `${c.deltaRatio > 0 ? '+' : c.deltaRatio < 0 ? '−' : '±'}${formatPercent(this.lang_, Math.abs(c.deltaRatio), 1)}`
        : this.fmt(k, c.delta);
    const vs = c.toDate ? t('vsToDate', { period: this.periodLabel(c.key) }) : t('vs', { period: this.periodLabel(c.key) });
    return html`<span class="delta" part="delta"><span class=${better === null ? '' : better ? 'better' : 'worse'}>${arrow} ${text}</span>
      <span class="muted">${vs} (${c.value.ok ? this.fmt(k, c.value.value) : NA})</span></span>`;
  }

  private renderPace(k: KpiModel) {
    const p = k.pacing;
    if (!p) return nothing;
    const t = this.t;
    let text: string;
    if (p.state === 'too-early') text = t('paceTooEarly', { day: p.elapsedDays, days: p.totalDays });
    else if (p.state === 'not-started') text = t('paceNotStarted');
    else {
      text = t('paceRunning', {
        value: this.fmt(k, k.value.ok ? k.value.value : null),
        expected: this.fmt(k, p.expectedToDate),
        day: p.elapsedDays,
        days: p.totalDays,
        projected: this.fmt(k, p.projected),
      });
    }
    return html`<p class="pace" part="pace"><strong>${t('pace')}:</strong> ${text}</p>`;
  }

  private renderSixA(k: KpiModel, label: string) {
    const t = this.t;
    const pass = k.checks.filter((c) => c.mark === 'pass').length;
    const fmt = this.explainFormat(k);
    return html`<details class="six-a" part="six-a">
      <summary>
        <strong>${t('sixA')}</strong><span class="visually-hidden">${label}:</span>
        <span class="marks" aria-hidden="true">${k.checks.map((c) => html`<span class="m ${c.mark}">${MARK_ICON[c.mark]}</span>`)}</span>
        <span class="muted">${t('sixAScore', { pass })}</span>
      </summary>
      <ul>
        ${k.checks.map(
          (c) => html`<li>
            <span class="m ${c.mark}" aria-hidden="true">${MARK_ICON[c.mark]}</span>
            <span><strong>${t(`a.${c.a}`)}</strong><span class="visually-hidden"> (${t(`mark.${c.mark}`)})</span>: ${explainCheck(t, c, fmt, k.quality, this.columnName)}</span>
          </li>`,
        )}
      </ul>
    </details>`;
  }

  private selectKpi(k: KpiModel, index: number) {
    this.dispatchEvent(kpiEvent('kpi-select', { id: k.id, kind: 'kpi', index }));
  }

  private selectMember(member: string) {
    this.dispatchEvent(kpiEvent('kpi-select', { id: member, kind: 'segment', group: this.groupBy ?? '' }));
  }

  private sortBy(key: string) {
    this.sort = nextSort(this.sort, key, key === 'member' ? 'ascending' : 'descending');
  }

  private renderMatrix(m: MatrixModel) {
    const t = this.t;
    const rows = sortMatrixRows(m.rows, m.columns.some((c) => c.id === this.sort.key) ? this.sort.key : 'member', this.sort.dir);
    const colLabel = (c: MatrixColumn) => labelText(c.label, this.lang_);
    const hi = m.contrast ? m.columns.find((c) => c.id === m.contrast!.high) : undefined;
    const lo = m.contrast ? m.columns.find((c) => c.id === m.contrast!.low) : undefined;
    const onSort = (key: string) => this.sortBy(key);
    return html`<div class="matrix-wrap">
      <table class="matrix" part="matrix">
        <caption>${t('matrixTitle', { group: this.groupName(m.groupBy).toLowerCase() })}${m.columns[0] ? ` · ${this.periodLabel(m.columns[0].period.key)}` : ''}</caption>
        <thead>
          <tr>
            ${sortHeader({ key: 'member', label: this.groupName(m.groupBy), sort: this.sort, onSort })}
            ${m.columns.map((c) =>
              sortHeader({
                key: c.id,
                label: colLabel(c),
                sort: this.sort,
                onSort,
                ...(c.target !== null ? { sub: `${t('target')} ${this.fmt(c, c.target)}` } : {}),
              }),
            )}
          </tr>
        </thead>
        <tbody>
          ${repeat(rows, (r) => r.member, (r) => html`<tr class=${r.contrast ? 'flagged' : ''}>
            <th scope="row">
              <button class="member" @click=${() => this.selectMember(r.member)}>${r.member}</button>
              ${r.contrast && hi && lo
                ? html` <span class="contrast" title=${t('contrastMark', { high: colLabel(hi), low: colLabel(lo) })}>◆<span class="visually-hidden">
                    ${t('contrastMark', { high: colLabel(hi), low: colLabel(lo) })}</span></span>`
                : nothing}
            </th>
            ${m.columns.map((c) => {
              const cell = r.cells[c.id];
              const v = cell?.value.ok ? cell.value.value : null;
              const st = cell?.status ?? 'unknown';
              return html`<td class="cell" data-status=${st}>${this.fmt(c, v, true)}${c.target !== null && v !== null
                ? html`<span class="icon" aria-hidden="true"><span>${STATUS_ICON[st]}</span></span><span class="visually-hidden">${this.statusText({ status: st })}</span>`
                : nothing}</td>`;
            })}
          </tr>`)}
        </tbody>
      </table>
      ${hi && lo
        ? html`<p class="muted">${(m.contrast && this.isOpenedVsWin(hi, lo) ? t('contrastNoteExample', { high: colLabel(hi), low: colLabel(lo) }) : t('contrastNote', { high: colLabel(hi), low: colLabel(lo) }))}</p>`
        : nothing}
    </div>`;
  }

  private isOpenedVsWin(hi: MatrixColumn, lo: MatrixColumn): boolean {
    const metricOf = (id: string) => this.built?.model.config.kpis.find((k) => k.id === id)?.metric;
    return metricOf(hi.id) === 'deals-opened' && metricOf(lo.id) === 'win-rate';
  }

  private renderTable(model: ScorecardModel) {
    const t = this.t;
    return html`<table class="data" part="table">
        <caption>${t('dataTable')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('kpi')}</th>
            <th scope="col">${t('period')}</th>
            <th scope="col">${t('value')}</th>
            <th scope="col">${t('target')}</th>
            <th scope="col">${t('status')}</th>
            <th scope="col">${t('expectedToDate')}</th>
            <th scope="col">${t('comparison')}</th>
            <th scope="col">${t('delta')}</th>
            <th scope="col">${t('trend')}</th>
            <th scope="col">${t('sixA')}</th>
          </tr>
        </thead>
        <tbody>
          ${model.kpis.map((k) => {
            const c = k.comparison;
            return html`<tr>
              <th scope="row">${labelText(k.label, this.lang_)}</th>
              <td>${this.periodLabel(k.period.key)}</td>
              <td>${this.fmt(k, k.value.ok ? k.value.value : null)}</td>
              <td>${this.fmt(k, k.target)}</td>
              <td>${this.statusText(k)}</td>
              <td>${k.pacing && k.pacing.state !== 'complete' ? this.fmt(k, k.pacing.expectedToDate) : NA}</td>
              <td>${c ? `${this.periodLabel(c.key)}: ${c.value.ok ? this.fmt(k, c.value.value) : NA}` : NA}</td>
              <td>${c && c.delta !== null ? (k.unit === 'ratio' ? formatPoints(this.lang_, c.delta) : this.fmt(k, c.delta)) : NA}</td>
              <td>${k.series.map((p) => `${this.periodLabel(p.key)}: ${p.value === null ? NA : this.fmt(k, p.value)}`).join('; ')}</td>
              <td>${k.checks.map((ch) => `${t(`a.${ch.a}`)} ${t(`mark.${ch.mark}`)}`).join(', ')}</td>
            </tr>`;
          })}
        </tbody>
      </table>`;
  }
}

const compactCache = new Map<string, Intl.NumberFormat>();

/** "$2.8M", "988 mil US$": three significant digits, so a 2.8 M quarter never reads as "$3M". */
function compactMoney(lang: string, currency: string, v: number): string {
  const key = `${lang}|${currency}`;
  let f = compactCache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(lang, { style: 'currency', currency: currency || 'USD', notation: 'compact', maximumSignificantDigits: 3 });
    } catch {
      f = new Intl.NumberFormat(lang, { style: 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 3 });
    }
    compactCache.set(key, f);
  }
  return f.format(v);
}

export type { TemplateResult };
