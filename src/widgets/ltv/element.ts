import { nothing, type CSSResultGroup, type PropertyDeclarations } from 'lit';
import { state } from 'lit/decorators.js';
import { KpiElement } from '../../core/element/kpi-element.ts';
import { optionProperties } from '../../core/element/options.ts';
import type { FetchOptions, Parsed } from '../../core/data/load.ts';
import { kpiEvent } from '../../core/events.ts';
import { sortableStyles } from '../../core/ui/sortable-table.ts';
import { RovingFocus } from '../../core/ui/roving-focus.ts';
import { pointWithin, tooltipStyles, type TooltipPoint } from '../../core/ui/tooltip.ts';
import { bulletStyles } from '../../core/ui/bullet.ts';
import { axisStyles } from '../../core/ui/axis.ts';
import { ExportMenu, exportStyles } from '../../core/ui/export.ts';
import { TableToggle, tableStyles, tableTexts } from '../../core/ui/table-toggle.ts';
import { loadColumns } from './load.ts';
import { fieldMapping } from './compute.ts';
import { ltvOptions, ltvSpec, type LtvModel, type LtvResult } from './spec.ts';
import { buildLtvProgress, buildLtvView, DEFAULT_SORTS, nextLtvSort, type BinView, type LtvSortKey, type LtvSorts, type LtvViewContext, type TableKind } from './view.ts';
import { renderLtv, renderLtvFrame, renderLtvProgress, type LtvHandlers } from './template.ts';
import { ltvStyles } from './styles.ts';
import { renderSegments, type SegmentsHandlers } from './parts/segments-template.ts';
import { segmentStyles } from './parts/segments-styles.ts';
import { buildSegmentsView, defaultSegmentSort, nextSegmentSort, type SegmentSortKey } from './segments-view.ts';
import { groupNeedsRows, type SegmentCost } from './segments.ts';
import type { SortState } from '../../core/ui/sort.ts';
import { holdoutStyles, renderPatterns } from './parts.ts';
import { buildPatternsView } from './patterns-view.ts';

export type { LtvOptions, LtvResult } from './spec.ts';

/**
 * Customer lifetime value from transactions: the headline LTV with its method and inputs,
 * the distribution of customer LTV, cohort curves, LTV:CAC against its target with CAC
 * payback and, for the predictive method, the fitted BG/NBD + Gamma-Gamma parameters, the
 * valuable customers at risk and the top customers.
 *
 * Methods (`method`): `historical` (seed 000: Σ a customer's transactions × average gross
 * margin), `simple` (seed 002: average purchase × purchases a year × lifespan in years), and
 * `predictive` (BG/NBD × Gamma-Gamma, discounted, fitted in a Web Worker or in main-thread
 * slices). Default (`auto`): predictive when at least 30 customers bought more than once, else
 * simple; the widget says which it shows and why. Every method is multiplied by the average
 * gross margin (the `margin` rate, else the data's cost or margin column, else 1 = revenue).
 *
 * Input: one row per transaction with a customer (aliases customerId, customer_id, cliente),
 * a date (fecha, order_date) and an amount (value, importe, revenue), and optionally a cost of
 * sales or a margin in money; through the `data` property, an inline JSON/CSV script or `src`.
 * Rows failing validation are left out and listed in a notice (and `result.rejected`); the
 * widget shows the valid rest. When no row is valid it shows a validation error.
 *
 * LTV by segment: `group-by` names a column of the transactions (channel, region, sector…) or
 * the first-purchase cohort (`cohort`, `cohort-month`, `cohort-year`); each customer counts in
 * the segment of their first purchase. The widget then adds a sortable comparison of the
 * segments' LTV (every method it computed; predictive from the one pooled fit) with a ± 95 %
 * margin of error and thin segments marked, and, with `costs` per segment (attribute, property,
 * or a costs dataset: `src-costs`, a `data-source="costs"` child, `sources.costs`), CAC, LTV:CAC
 * against `ltv-cac-target` and CAC payback per segment (`result.segments`; rules in segments.ts).
 *
 * A `src` is fetched, parsed and packed into columns in the kit's worker. More than 20,000
 * rows are read and added up in main-thread slices of about 12 ms, and the model is fitted in
 * the worker, so the page stays responsive; the loading state shows the progress.
 *
 * @tag kpi-ltv
 * @summary Customer lifetime value: historical, simple CLTV or predictive, with LTV:CAC.
 * @fires kpi-update - The model changed; `detail.result` is the same as `result` (an LtvResult).
 * @fires kpi-error - Bad input or a failed fetch; `detail.code` is network, http, timeout, parse, validation or config.
 * @fires kpi-select - A customer was chosen in a table; `detail.id` is the customer id, `detail.kind` 'customer'.
 * @csspart figure - The wrapper.
 * @csspart title - The heading.
 * @csspart summary - The one-sentence summary.
 * @csspart headline - The row of headline figures.
 * @csspart method - The method, why it was chosen and how it is computed.
 * @csspart params - The fitted parameters table.
 * @csspart histogram - The distribution SVG.
 * @csspart bar - A histogram bar.
 * @csspart cohorts - The cohort curves SVG.
 * @csspart line - A cohort curve.
 * @csspart bullet - The LTV:CAC bullet graph.
 * @csspart customers - A customer table.
 * @csspart holdout - The hold-out check (predicted against actual purchases after the calibration end).
 * @csspart holdout-chart - The calibration-vs-hold-out tracking plot SVG.
 * @csspart patterns - The fit on pattern counts (`input="patterns"`).
 * @csspart needs-customers - What pattern counts cannot give without per-customer data.
 * @csspart segments - LTV by segment (with `group-by`): the answer, the comparison charts, the sortable table and notes.
 * @csspart segments-answer - The sentence that says which segments bring customers worth more than they cost.
 * @csspart segments-chart - The LTV (and CAC) by segment bar chart SVG.
 * @csspart segments-ratio - The LTV:CAC by segment bar chart SVG, with the target reference line.
 * @csspart segments-table - The sortable table of segments.
 * @csspart segment-bar - A segment's LTV bar.
 * @csspart segment-cac - A segment's CAC bar.
 * @csspart segment-ratio - A segment's LTV:CAC bar.
 * @csspart table - A data table.
 * @csspart progress - The progress shown while reading or fitting.
 * @csspart state - Loading, empty and error messages.
 * @csspart notice - The notice listing rows left out.
 * @cssprop --kpi-ltv-bar - Histogram bar colour (falls back to --kpi-color-accent).
 * @cssprop --kpi-ltv-mean - Colour of the mean marker.
 * @cssprop --kpi-ltv-cac - Colour of the CAC bars of LTV by segment (falls back to the muted text colour).
 * @cssprop --kpi-color-series-1 - First cohort colour (…-6 for the sixth).
 * @cssprop --kpi-bullet-poor - LTV:CAC bullet bands (--kpi-bullet-poor, -satisfactory, -good; also -measure, -target).
 * @cssprop --kpi-tooltip-bg - Tooltip background.
 * @cssprop --kpi-tooltip-color - Tooltip text colour.
 * @cssprop --kpi-color-good - Colour of a met target.
 * @cssprop --kpi-color-bad - Colour of a missed target.
 * @cssprop --kpi-font - Font family.
 */
export class KpiLtv extends KpiElement<LtvModel, LtvResult> {
  static override spec = ltvSpec;
  /** A new result: headline and histogram, then cohorts and bullet, then the rest (template.ts). */
  protected override renderStages = 2;

  static override properties: PropertyDeclarations = { ...optionProperties(ltvOptions), sources: { attribute: false } };

  static override styles: CSSResultGroup = [KpiElement.styles, sortableStyles, tooltipStyles, bulletStyles, axisStyles, tableStyles, exportStyles, ltvStyles, holdoutStyles, segmentStyles];

  /** transactions (default) or patterns: BG/NBD pattern counts {x, t_x, T, n}, e.g. the CLI's "patterns" aggregate file. */
  declare input: 'transactions' | 'patterns' | (string & {}) | undefined;
  /** historical, simple, predictive or auto (default: predictive with ≥ 30 repeat customers, else simple). */
  declare method: 'historical' | 'simple' | 'predictive' | 'auto' | (string & {}) | undefined;
  /** Average gross margin: 0.3, "0.3" or "30%". Default: the data's cost/margin column, else 1 (revenue). */
  declare margin: number | string | undefined;
  /** Customer lifespan in years for the simple CLTV; default 1 ÷ annual churn. */
  declare lifespan: number | string | undefined;
  /** days, weeks (default) or months: the predictive model's time unit. */
  declare timeUnit: 'days' | 'weeks' | 'months' | (string & {}) | undefined;
  /** Last day of the calibration period: "YYYY-MM-DD" or a Date; default the last transaction day. */
  declare calibrationEnd: string | Date | undefined;
  /** Prediction horizon in time units, fractions computed as given (default 52 weeks in the chosen unit). */
  declare horizon: number | string | undefined;
  /** Annual discount rate: 0.1 (default), "0.1" or "10%". */
  declare discountRate: number | string | undefined;
  /** Customer acquisition cost. */
  declare cac: number | string | undefined;
  /** Total acquisition (sales + marketing) cost; with `new-customers` gives CAC. */
  declare acquisitionCost: number | string | undefined;
  /** New customers won with `acquisition-cost` (default: the customers in the data). */
  declare newCustomers: number | string | undefined;
  /** LTV:CAC target (default 3). */
  declare ltvCacTarget: number | string | undefined;
  /** With `group-by`: cost (and new customers) per segment, "Search: 12000/40; Referral: 3000", an object or rows. */
  declare costs: string | Readonly<Record<string, number | { cost: number; newCustomers?: number }>> | readonly object[] | readonly SegmentCost[] | undefined;
  /** Named inputs: `{ costs: rows | promise | "url" }` (also `src-costs`, a `data-source="costs"` child). */
  declare sources: Readonly<Record<string, unknown>> | undefined;

  @state() private sorts: LtvSorts = DEFAULT_SORTS;
  /** The segment table's sort; null = its default (segments-view.ts). */
  @state() private segmentSort: SortState<SegmentSortKey> | null = null;
  @state() private tip: (TooltipPoint & { text: string }) | null = null;
  private readonly dataTable = new TableToggle(this);
  private readonly exporter = new ExportMenu(this, 'kpi-ltv', () => this.renderRoot.querySelector('svg[part="histogram"]'));
  /** One tab stop over the histogram's bars. */
  private readonly bins = new RovingFocus(this, { items: 'svg[part="histogram"] g.bin', onEscape: () => (this.tip = null) });

  protected override namespace = 'ltv';

  /**
   * Fetch, parse and pack `src` into columns entirely off the main thread (job `ltv-load` of
   * the kit's worker, load.ts), with the field mapping and locale of the moment: 1,000,000 rows
   * never block the page. A later change of mapping or locale fetches again (the spec's `stale`).
   */
  protected override fetchInput(src: string, options: FetchOptions): Promise<Parsed> {
    if (this.input === 'patterns') return super.fetchInput(src, options); // pattern counts: small JSON/CSV, no packing
    // A named source (src-costs), or group-by on a column (segments.ts needs the rows): plain rows, no packing.
    if (groupNeedsRows(this.groupBy) || src === this.getAttribute('src-costs') || src === this.sources?.['costs']) return super.fetchInput(src, options);
    const signal = options.signal;
    const delimiter = options.delimiter ?? this.delimiter;
    return loadColumns(src, {
      mapping: fieldMapping(this.fields, (name) => this.getAttribute(name)),
      lang: this.lang_,
      ...(signal ? { signal } : {}),
      ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
      ...(delimiter ? { delimiter } : {}),
      ...(this.decimal ? { decimal: this.decimal } : {}),
      onProgress: (done, total) => {
        if (!signal?.aborted) this.jobProgress = { stage: 'read', done, total };
      },
    });
  }

  private get viewContext(): LtvViewContext {
    return { locale: this.lang_, t: this.t, currency: this.currency, width: this.width };
  }

  private readonly handlers: LtvHandlers = {
    onSort: (kind: TableKind, key: LtvSortKey) => {
      this.sorts = nextLtvSort(this.sorts, kind, key);
    },
    onSelect: (id: string, kind: TableKind) => {
      this.dispatchEvent(kpiEvent('kpi-select', { id, kind: 'customer', group: kind === 'risk' ? 'at-risk' : 'top' }));
    },
    onBinKey: (e: KeyboardEvent) => this.bins.onKeyDown(e),
    onBinShow: (bar: BinView) => {
      const drawing = this.renderRoot.querySelector('svg[part="histogram"]');
      this.tip = { ...pointWithin(drawing, drawing?.parentElement ?? null, bar.tipX, bar.y), text: bar.label };
    },
    onBinHide: () => {
      this.tip = null;
    },
    onToggleTable: () => this.dataTable.toggle(),
    exportMenu: (tables) => this.exporter.render(this.t, tables),
  };

  private readonly segmentHandlers: SegmentsHandlers = {
    onSort: (key) => {
      const segments = this.built?.model.segments;
      if (segments) this.segmentSort = nextSegmentSort(this.segmentSort ?? defaultSegmentSort(segments), key);
    },
  };

  /** LTV by segment (group-by), or nothing. */
  private renderSegments(model: LtvModel) {
    const view = buildSegmentsView(model.segments, this.viewContext, this.segmentSort);
    return view ? renderSegments(view, this.segmentHandlers) : nothing;
  }

  protected override render() {
    const t = this.t;
    const title = this.label ?? t('title');
    const s = this.renderState();
    if (s) return renderLtvFrame(title, this.phase === 'loading' && this.jobProgress ? renderLtvProgress(buildLtvProgress(this.jobProgress, this.viewContext)) : s);
    const model = this.built?.model;
    if (!model) return nothing;
    if (model.result.patterns) return renderLtvFrame(title, renderPatterns(buildPatternsView(model.result.patterns, this.viewContext)));
    const view = this.memoView([this.sorts, this.bins.active], () => buildLtvView(model, this.viewContext, { sorts: this.sorts, activeBin: this.bins.active }));
    return renderLtv(title, view, this.handlers, {
      tip: this.tip,
      rejected: this.renderRejected(),
      tableShown: this.dataTable.shown,
      tableTexts: tableTexts(t),
      segments: () => this.renderSegments(model),
    }, this.drawStages.stage);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kpi-ltv': KpiLtv;
  }
}
