import type { CSSResultGroup, PropertyDeclarations } from 'lit';
import { state } from 'lit/decorators.js';
import { KpiElement } from '../../core/element/kpi-element.ts';
import { optionProperties } from '../../core/element/options.ts';
import { kpiEvent } from '../../core/events.ts';
import { ExportMenu, exportStyles } from '../../core/ui/export.ts';
import { RovingFocus } from '../../core/ui/roving-focus.ts';
import { nextSort, sortableStyles } from '../../core/ui/sortable-table.ts';
import { TableToggle, tableStyles } from '../../core/ui/table-toggle.ts';
import { pointWithin, tooltipStyles } from '../../core/ui/tooltip.ts';
import type { FunnelAnalysis, PeriodGrain } from '../../kpis/funnel-analysis.ts';
import type { StepTargets } from '../../kpis/funnel.ts';
import { funnelOptions, funnelSpec, type FunnelOptions, type FunnelResult } from './spec.ts';
import { funnelStyles } from './styles.ts';
import { renderFunnel, renderFunnelState, type FunnelHandlers } from './template.ts';
import { buildFunnelView, type FunnelUiState, type FunnelView, type MatrixSort } from './view.ts';

export type { FunnelOptions, FunnelResult } from './spec.ts';

/**
 * A B2B funnel (visitors → leads → MQL → SQL → opportunities → won): conversion at each
 * step and overall, drop-off, the bottleneck, a breakdown by any field and a period
 * comparison.
 *
 * Input, in any of three ways (`data` property, inline `<script type="application/json">`
 * or `<script type="text/csv">` child, `src` URL of JSON or CSV):
 * - aggregated stages: rows `{stage, count, value?}` (optionally `group`, `period`);
 * - records: one row per lead or deal with the stage it has reached (`stage-field`) and/or a
 *   date per stage (`stage-dates`). Lost values leave the funnel at the stage they reached.
 *
 * Invalid rows are left out and listed in a notice (and in `result.rejected`); the funnel
 * shows the valid rest. When no row is valid the widget shows a validation error.
 *
 * Every option is one property that takes its attribute's text or a typed value:
 * `targets="MQL:40%"` and `el.targets = { MQL: 0.4 }` do the same. A bad value puts the
 * widget in its error state with a `config` error naming the attribute and what it accepts.
 *
 * @tag kpi-funnel
 * @summary Sales funnel with conversion, drop-off, bottleneck, breakdown and period comparison.
 * @fires kpi-update - The computed funnel changed; `detail.result` is the same as `result`.
 * @fires kpi-error - Bad input or a failed fetch; `detail.code` is network, http, timeout, parse, validation or config.
 * @fires kpi-select - A stage was chosen (click, Enter or Space); `detail.id` is the stage name.
 * @csspart figure - The chart's wrapper.
 * @csspart title - The heading.
 * @csspart summary - The one-sentence summary.
 * @csspart headline - The row of headline figures.
 * @csspart chart - The funnel SVG.
 * @csspart bar - A stage's bar.
 * @csspart connector - The band between two stages.
 * @csspart segments - The grid of segment funnels.
 * @csspart matrix - The segment × step table.
 * @csspart table - The data table.
 * @csspart tooltip - The tooltip.
 * @csspart state - Loading, empty and error messages.
 * @csspart notice - The notice listing rows left out.
 * @csspart quality-notice - The rows kept with a date or value ignored (future dates, negative values).
 * @csspart what-if - What meeting the bottleneck's (or the selected step's) target is worth.
 * @csspart forecast - The pipeline forecast: expected wins by open stage.
 * @csspart forecast-table - The forecast's table.
 * @cssprop --kpi-funnel-bar - Bar colour (falls back to --kpi-color-accent).
 * @cssprop --kpi-funnel-connector - Connector colour.
 * @cssprop --kpi-color-bad - Colour of missed targets.
 * @cssprop --kpi-tooltip-bg - Tooltip background.
 * @cssprop --kpi-tooltip-color - Tooltip text colour.
 * @cssprop --kpi-sort-indicator-color - The matrix's ↑ ↓ sort indicator.
 * @cssprop --kpi-font - Font family.
 */
export class KpiFunnel extends KpiElement<FunnelAnalysis, FunnelResult> {
  static override spec = funnelSpec;
  /** A new result: headline and chart, then descriptions and notices, then the rest (template.ts). */
  protected override renderStages = 2;

  /** One property per option (the base's data, src, currency, fields… are declared on the base). */
  static override properties: PropertyDeclarations = optionProperties(funnelOptions);

  static override styles: CSSResultGroup = [KpiElement.styles, sortableStyles, tooltipStyles, tableStyles, exportStyles, funnelStyles];

  /**
   * Stage order, first to last: "A, B, C", "A > B > C" or an array. Default: order of first appearance.
   * @attr stages
   */
  declare stages: readonly string[] | string | undefined;

  /**
   * Values of the stage field that mean lost / disqualified: "Lost, Disqualified" or an array.
   * @attr lost-values
   */
  declare lostValues: readonly string[] | string | undefined;

  /**
   * 'auto' (default: aggregated when a count column exists), 'stages' or 'records'.
   * @attr input
   */
  declare input: 'auto' | 'stages' | 'records' | (string & {}) | undefined;

  /**
   * Conversion targets per step, by the stage entered ("Engaging:60%, Won:45%", `{ Won: 0.45 }`)
   * or by position ("60%, 45%", `[null, 0.6, 0.45]`).
   * @attr targets
   */
  declare targets: StepTargets | string | undefined;

  /**
   * A date column per stage, "Engaging:engage_date, Won:close_date" (or an object): median days between stages.
   * @attr stage-dates
   */
  declare stageDates: readonly (readonly [string, string])[] | Readonly<Record<string, string>> | string | undefined;

  /**
   * Column with each row's period (a key like "2017-Q3", or a date bucketed by `period-grain`).
   * @attr period-field
   */
  declare periodField: string | undefined;

  /**
   * Bucket for date periods: day, week, month, quarter (default) or year.
   * @attr period-grain
   */
  declare periodGrain: PeriodGrain | (string & {}) | undefined;

  /**
   * The period to show; default the latest.
   * @attr period
   */
  declare period: string | undefined;

  /**
   * Period to compare with: 'previous' (default), 'none', or a period key.
   * @attr compare
   */
  declare compare: string | undefined;

  /**
   * Bar widths: 'auto' (default: log when the stages span more than 40×), 'linear' or 'log'.
   * @attr scale
   */
  declare scale: 'auto' | 'linear' | 'log' | (string & {}) | undefined;

  /**
   * How the breakdown is named in headings ("lead source"); default the group-by column, tidied.
   * @attr group-label
   */
  declare groupLabel: string | undefined;

  /**
   * The most segments drawn when grouped (default 12); the rest are summed as "Other".
   * @attr max-groups
   */
  declare maxGroups: number | string | undefined;

  /**
   * Records: dates after this day (YYYY-MM-DD or a Date; default today) are flagged in the
   * data-quality notice and ignored (the row keeps its stage).
   * @attr as-of
   */
  declare asOf: string | Date | undefined;

  /**
   * 'on' (default): what meeting its target is worth — extra wins and value — for the bottleneck,
   * or for the selected stage's step; 'off' hides it.
   * @attr what-if
   */
  declare whatIf: 'on' | 'off' | (string & {}) | undefined;

  /**
   * 'on' (default): with records that include open deals, the expected wins by open stage
   * (each weighted by its stage's historical win rate); 'off' hides it.
   * @attr forecast
   */
  declare forecast: 'on' | 'off' | (string & {}) | undefined;

  /** The stage whose tooltip shows, and where. */
  @state() private tip: FunnelUiState['tip'] = null;

  /** Matrix sort: column (-1 segment name, 0 size, k = step k, n = overall) and direction. */
  @state() private sort: MatrixSort = { key: 0, dir: 'descending' };

  private readonly dataTable = new TableToggle(this);

  private readonly exporter = new ExportMenu(this, 'kpi-funnel', () => this.renderRoot.querySelector('svg[part="chart"]'));

  /** One tab stop over the stages. */
  private readonly roving = new RovingFocus(this, {
    items: 'svg[part="chart"] g.stage',
    onSelect: (index) => this.selectStage(index),
    onEscape: () => (this.tip = null),
  });

  /** The view last rendered (its tooltip anchors place the next tooltip). */
  private view?: FunnelView;

  protected override namespace = 'funnel';

  override render() {
    const s = this.renderState();
    if (s) return renderFunnelState(this.label ?? this.t('title'), s);
    this.view = this.memoView([this.groupBy, this.sort, this.roving.active, this.tip], () =>
      buildFunnelView(
        this.built!.model,
        {
          locale: this.lang_,
          t: this.t,
          width: this.width,
          currency: this.currency,
          options: this.options as FunnelOptions,
          groupBy: this.groupBy,
          label: this.label,
        },
        { sort: this.sort, active: this.roving.active, tip: this.tip },
      ),
    );
    return renderFunnel(this.view, this.handlers, this.drawStages.stage);
  }

  private readonly handlers: FunnelHandlers = {
    onStageKeyDown: (e) => this.roving.onKeyDown(e),
    onStageSelect: (index) => this.selectStage(index),
    onStageEnter: (index) => this.showTip(index),
    onStageLeave: () => (this.tip = null),
    onSort: (key) => (this.sort = nextSort(this.sort, key, key === -1 ? 'ascending' : 'descending')),
    onSegment: (e, key) => this.selectSegment(e, key),
    rejected: () => this.renderRejected(),
    dataTable: (content) => this.dataTable.render(this.t, content),
    exportMenu: (tables) => this.exporter.render(this.t, tables),
  };

  private selectStage(index: number): void {
    const s = this.built?.model.current.steps[index];
    if (!s) return;
    this.roving.set(index);
    this.dispatchEvent(kpiEvent('kpi-select', { id: s.stage, kind: 'stage', index }));
  }

  private selectSegment(e: Event, key: string): void {
    if (e.type === 'keydown' && (e as KeyboardEvent).key !== 'Enter' && (e as KeyboardEvent).key !== ' ') return;
    e.preventDefault();
    this.dispatchEvent(kpiEvent('kpi-select', { id: key, kind: 'segment', group: this.groupBy ?? '' }));
  }

  private showTip(index: number): void {
    const at = this.view?.chart.anchors[index];
    if (!at) return;
    const p = pointWithin(this.renderRoot.querySelector('svg[part="chart"]'), this.renderRoot.querySelector('.wrap'), at.x, at.y);
    this.tip = { index, x: p.x, y: p.y };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kpi-funnel': KpiFunnel;
  }
}
