import { html, css, nothing, svg, type CSSResultGroup, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { KpiElement, validationError, type Built, type Input } from '../../core/element/kpi-element.ts';
import { KpiError, toErrorDetail } from '../../core/data/errors.ts';
import { parseRate } from '../../core/data/options.ts';
import { parseDateCell } from '../../core/data/dates.ts';
import { fieldAttribute, resolveColumns, type FieldSpecs } from '../../core/data/fields.ts';
import { csvDecimal } from '../../core/data/numbers.ts';
import { isAbort, type Parsed } from '../../core/data/load.ts';
import { loadColumns } from './load.ts';
import { columnsKey, isLoadedColumns } from './loaded.ts';
import { fitColumns } from './fit.ts';
import type { MetricValue } from '../../core/result.ts';
import { cltvMeta } from '../../kpis/cltv.ts';
import { ltvHistoricalMeta } from '../../kpis/ltv-historical.ts';
import { clvPredictiveMeta } from '../../models/clv-predictive.ts';
import { LTV_FIELDS, toColumnsSteps, type LtvColumns } from './columns.ts';
import { MIN_REPEAT_CUSTOMERS, type LtvMethod } from './model.ts';
import { assembleModel, assembleSteps, drain, prepareFromColumnsSteps, type LtvModel, type LtvProgress, type LtvResult, type LtvSettings, type Prepared } from './pipeline.ts';
import { resolvePredictive, TIME_UNITS, type CompactFit, type TimeUnit } from './predictive.ts';
import type { CustomerRow } from './customers.ts';
import { histogramLayout, type HistogramGeometry } from '../../charts/histogram-layout.ts';
import { cohortLayout } from '../../charts/cohort-layout.ts';
import { bulletLayout } from '../../charts/bullet-layout.ts';
import { formatCompact, formatCount, formatMoney, formatNumber, formatPercent, NA } from '../../core/format/format.ts';
import { kpiEvent } from '../../core/events.ts';
import { nextSort, sortableStyles, sortHeader, sortRows, type SortState } from '../../core/ui/sortable-table.ts';
import { RovingFocus } from '../../core/ui/roving-focus.ts';
import { pointWithin, tooltip, tooltipStyles } from '../../core/ui/tooltip.ts';
import { bullet, bulletStyles } from '../../core/ui/bullet.ts';
import { axisBottom, axisLeft, axisStyles } from '../../core/ui/axis.ts';
import { TableToggle, tableStyles } from '../../core/ui/table-toggle.ts';
import { loadingView } from '../../core/ui/states.ts';

export type { LtvResult } from './pipeline.ts';

/** Rows read synchronously in `build`; more are read in main-thread slices. */
const SYNC_ROWS = 20_000;
/** Longest main-thread slice, ms. */
const SLICE_MS = 12;
const METHODS: readonly LtvMethod[] = ['historical', 'simple', 'predictive'];
const MAX_COHORT_LINES = 8;

type SortKey = 'id' | 'transactions' | 'revenue' | 'last' | 'value' | 'probabilityAlive' | 'expectedPurchases' | 'expectedSpend' | 'valueAtStake';

/**
 * Customer lifetime value from transactions: the headline LTV with its method and inputs,
 * the distribution of customer LTV, cohort curves, LTV:CAC against its target with CAC
 * payback and, for the predictive method, the fitted BG/NBD + Gamma-Gamma parameters, the
 * valuable customers at risk and the top customers.
 *
 * Methods (`method`): `historical` (seed 000: Σ a customer's transactions × average gross
 * margin), `simple` (seed 002: average purchase × purchases a year × lifespan in years), and
 * `predictive` (BG/NBD × Gamma-Gamma, discounted, fitted in a Web Worker or in main-thread
 * slices). Default: predictive when at least 30 customers bought more than once, else simple;
 * the widget says which it shows and why. Every method is multiplied by the average gross
 * margin (the `margin` rate, else the data's cost or margin column, else 1 = revenue).
 *
 * Input: one row per transaction with a customer (aliases customerId, customer_id, cliente),
 * a date (fecha, order_date) and an amount (value, importe, revenue), and optionally a cost of
 * sales or a margin in money; through the `data` property, an inline JSON/CSV script or `src`.
 * Rows failing validation are left out and listed in a notice (and `result.rejected`); the
 * widget shows the valid rest. When no row is valid it shows a validation error.
 *
 * Large inputs (more than 20,000 rows) are read, added up and summarised in main-thread
 * slices of about 12 ms, and the model is fitted in a Worker, so the page stays responsive.
 *
 * @tag kpi-ltv
 * @summary Customer lifetime value: historical, simple CLTV or predictive, with LTV:CAC.
 * @fires kpi-update - The model changed; `detail.result` is the same as `result`.
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
 * @csspart table - A data table.
 * @csspart progress - The progress shown while reading or fitting.
 * @csspart state - Loading, empty and error messages.
 * @csspart notice - The notice listing rows left out.
 * @cssprop --kpi-ltv-bar - Histogram bar colour (falls back to --kpi-color-accent).
 * @cssprop --kpi-ltv-mean - Colour of the mean marker.
 * @cssprop --kpi-color-series-1 - First cohort colour (…-6 for the sixth).
 * @cssprop --kpi-bullet-poor - LTV:CAC bullet bands (--kpi-bullet-poor, -satisfactory, -good; also -measure, -target).
 * @cssprop --kpi-tooltip-bg - Tooltip background.
 * @cssprop --kpi-tooltip-color - Tooltip text colour.
 * @cssprop --kpi-color-good - Colour of a met target.
 * @cssprop --kpi-color-bad - Colour of a missed target.
 * @cssprop --kpi-font - Font family.
 */
export class KpiLtv extends KpiElement<LtvModel | null, LtvResult> {
  static override fieldSpecs: FieldSpecs = LTV_FIELDS;

  static override styles: CSSResultGroup = [
    KpiElement.styles,
    sortableStyles,
    tooltipStyles,
    bulletStyles,
    axisStyles,
    tableStyles,
    css`
      .headline {
        margin-bottom: 8px;
      }
      .stat.main .v {
        font-size: 2em;
      }
      .stat .d {
        display: block;
      }
      .method {
        margin: 0 0 8px;
        padding: 8px 10px;
        border-radius: var(--_radius);
        background: var(--_subtle);
        font-size: 0.92em;
      }
      .method p {
        margin: 2px 0;
      }
      .method .name {
        font-weight: 650;
      }
      .params {
        margin-top: 6px;
      }
      .params p {
        margin: 2px 0;
      }
      .params table.data {
        margin-top: 2px;
      }
      .params table.data th,
      .params table.data td {
        text-align: left;
        white-space: normal;
        padding: 3px 6px;
      }
      .charts {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 16px;
        margin-top: 12px;
      }
      @container (min-width: 760px) {
        .charts {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        }
      }
      figure {
        margin: 0;
        min-width: 0;
        position: relative;
      }
      figcaption {
        font-weight: 600;
        margin-bottom: 4px;
      }
      figcaption .muted,
      .muted {
        color: var(--_muted);
        font-weight: 400;
      }
      svg {
        display: block;
        overflow: visible;
        font-variant-numeric: tabular-nums;
      }
      .bar {
        fill: var(--kpi-ltv-bar, var(--_accent));
      }
      .bar.overflow {
        fill: var(--kpi-ltv-bar-overflow, var(--_accent-2));
      }
      g.bin {
        outline: none;
        cursor: default;
      }
      g.bin:focus-visible .bar,
      g.bin.active .bar {
        stroke: var(--_focus);
        stroke-width: 2;
      }
      .mean-line {
        stroke: var(--kpi-ltv-mean, var(--_text));
        stroke-width: 1.5;
        stroke-dasharray: 4 3;
      }
      .mean-label {
        font-size: 11px;
        fill: var(--kpi-ltv-mean, var(--_text));
      }
      .line {
        fill: none;
        stroke-width: 2;
      }
      .c0 { stroke: var(--_s1); fill: var(--_s1); }
      .c1 { stroke: var(--_s2); fill: var(--_s2); }
      .c2 { stroke: var(--_s3); fill: var(--_s3); }
      .c3 { stroke: var(--_s4); fill: var(--_s4); }
      .c4 { stroke: var(--_s5); fill: var(--_s5); }
      .c5 { stroke: var(--_s6); fill: var(--_s6); }
      .dash { stroke-dasharray: 6 3; }
      .line.c0, .line.c1, .line.c2, .line.c3, .line.c4, .line.c5 { fill: none; }
      text.cohort-label {
        font-size: 11.5px;
        stroke: none;
      }
      .bullet-block {
        margin-top: 16px;
      }
      .bullet-head {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
        align-items: baseline;
      }
      .bullet-head .v {
        font-size: 1.3em;
        font-weight: 650;
      }
      .good-text { color: var(--_good); font-weight: 600; }
      .bad-text { color: var(--_bad); font-weight: 600; }
      .lists {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 16px;
        margin-top: 16px;
      }
      h3 {
        font-size: 1em;
        margin: 0 0 2px;
      }
      .note {
        margin: 0;
        color: var(--_muted);
        font-size: 0.88em;
      }
      button.cust:focus-visible {
        outline: 2px solid var(--_focus);
        outline-offset: 1px;
      }
      button.cust {
        all: unset;
        cursor: pointer;
        color: var(--_accent);
        text-decoration: underline;
        text-underline-offset: 2px;
      }
    `,
  ];

  /** 'historical', 'simple' or 'predictive'; default: predictive with ≥ 30 repeat customers, else simple. */
  @property() method?: string;
  /** Average gross margin as a rate: "0.3" or "30%". Default: the data's cost/margin column, else 1 (revenue). */
  @property() margin?: string;
  /** Customer lifespan in years for the simple CLTV; default 1 ÷ annual churn (see the docs). */
  @property() lifespan?: string;
  /** days, weeks (default) or months: the predictive model's time unit. */
  @property({ attribute: 'time-unit' }) timeUnit?: string;
  /** Last day of the calibration period (YYYY-MM-DD); default the last transaction day. */
  @property({ attribute: 'calibration-end' }) calibrationEnd?: string;
  /** Prediction horizon in time units (default 52 weeks). */
  @property() horizon?: string;
  /** Annual discount rate: "0.1" (default) or "10%". */
  @property({ attribute: 'discount-rate' }) discountRate?: string;
  /** Customer acquisition cost, a number. */
  @property() cac?: string;
  /** Total acquisition (sales + marketing) cost; with `new-customers` gives CAC. */
  @property({ attribute: 'acquisition-cost' }) acquisitionCost?: string;
  /** New customers won with `acquisition-cost` (default: the customers in the data). */
  @property({ attribute: 'new-customers' }) newCustomers?: string;
  /** LTV:CAC target (default 3). */
  @property({ attribute: 'ltv-cac-target' }) ltvCacTarget?: string;

  @state() private progress?: LtvProgress;
  @state() private sorts: Readonly<Record<'top' | 'risk', SortState<SortKey>>> = {
    top: { key: 'value', dir: 'descending' },
    risk: { key: 'valueAtStake', dir: 'descending' },
  };
  @state() private tip: { x: number; y: number; text: string } | null = null;
  private readonly dataTable = new TableToggle(this);
  /** One tab stop over the histogram's bars. */
  private readonly bins = new RovingFocus(this, { items: 'svg[part="histogram"] g.bin', onEscape: () => (this.tip = null) });

  protected override namespace = 'ltv';
  protected override readonly optionKeys = [
    'method', 'margin', 'lifespan', 'timeUnit', 'calibrationEnd', 'horizon', 'discountRate', 'cac', 'acquisitionCost', 'newCustomers', 'ltvCacTarget',
  ];

  private job?: AbortController;
  private columnsCache?: { key: unknown; columnsKey: string; cols: LtvColumns };
  private fitCache?: { cols: LtvColumns; key: string; fit: CompactFit };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.job?.abort();
    this.job = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A job aborted by a disconnect is started again.
    if (this.hasUpdated && this.phase === 'loading' && !this.job) this.requestUpdate('method');
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A build that continues asynchronously leaves a placeholder: keep the loading state and
    // fire kpi-update only with the finished model.
    if (this.built && this.built.model === null && !this.built.empty) {
      this.built = undefined;
      this.phase = 'loading';
    }
  }

  private settings(): LtvSettings {
    const num = (v: string | undefined, name: string, min: number, strictlyAbove = false): number | undefined => {
      if (v === undefined || v === null || v.trim() === '') return undefined;
      const n = Number(v.trim().replace(',', '.'));
      if (!Number.isFinite(n) || n < min || (strictlyAbove && n === min)) {
        throw new KpiError({ code: 'config', message: `${name}: "${v}" is not a number ${strictlyAbove ? 'above' : 'of at least'} ${min}` });
      }
      return n;
    };
    const m = this.method?.trim().toLowerCase();
    if (m && m !== 'auto' && !METHODS.includes(m as LtvMethod)) {
      throw new KpiError({ code: 'config', message: `method: "${this.method}" is not one of historical, simple, predictive` });
    }
    const unit = (this.timeUnit?.trim().toLowerCase() || 'weeks') as TimeUnit;
    if (!TIME_UNITS.includes(unit)) throw new KpiError({ code: 'config', message: `time-unit: "${this.timeUnit}" is not one of days, weeks, months` });
    let calibrationEnd: string | undefined;
    if (this.calibrationEnd?.trim()) {
      const t = parseDateCell(this.calibrationEnd, 'dmy');
      if (typeof t !== 'number') throw new KpiError({ code: 'config', message: `calibration-end: "${this.calibrationEnd}" is not a date (write YYYY-MM-DD)` });
      calibrationEnd = new Date(t).toISOString().slice(0, 10);
    }
    const margin = this.margin?.trim() ? parseRate(this.margin, 'margin') : undefined;
    const discount = this.discountRate?.trim() ? parseRate(this.discountRate, 'discount-rate') : undefined;
    const horizon = num(this.horizon, 'horizon', 0, true);
    const lifespan = num(this.lifespan, 'lifespan', 0, true);
    return {
      ...(m && m !== 'auto' ? { method: m as LtvMethod } : {}),
      ...(margin !== undefined ? { margin } : {}),
      ...(lifespan !== undefined ? { lifespanYears: lifespan } : {}),
      predictive: resolvePredictive({ unit, ...(calibrationEnd ? { calibrationEnd } : {}), ...(horizon !== undefined ? { horizon } : {}), ...(discount !== undefined ? { discountRate: discount } : {}) }),
      cac: {
        ...(num(this.cac, 'cac', 0) !== undefined ? { cac: num(this.cac, 'cac', 0)! } : {}),
        ...(num(this.acquisitionCost, 'acquisition-cost', 0) !== undefined ? { acquisitionCost: num(this.acquisitionCost, 'acquisition-cost', 0)! } : {}),
        ...(num(this.newCustomers, 'new-customers', 0) !== undefined ? { newCustomers: num(this.newCustomers, 'new-customers', 0)! } : {}),
        target: num(this.ltvCacTarget, 'ltv-cac-target', 0, true) ?? 3,
      },
    };
  }

  protected override build(input: Input): Built<LtvModel | null, LtvResult> {
    const value = input.parsed.value;
    const loaded = isLoadedColumns(value) ? value : undefined;
    const raw: unknown[] | null = loaded
      ? []
      : Array.isArray(value)
        ? value
        : value && typeof value === 'object' && Array.isArray((value as { rows?: unknown }).rows)
          ? (value as { rows: unknown[] }).rows
          : null;
    if (!raw) throw new KpiError({ code: 'validation', message: 'expected a list of transactions (an array, or an object with a "rows" array)' });
    const settings = this.settings();
    this.job?.abort();
    this.job = undefined;
    this.progress = undefined;
    const rows = loaded ? loaded.columns.total : raw.length;
    // Packed columns carry their own header (also when handed over through `data`).
    const resolved = loaded ? resolveColumns(LTV_FIELDS, this.currentMapping(), loaded.header) : input.columns;
    const decimal = loaded ? (loaded.format === 'csv' ? csvDecimal(this.decimal, loaded.delimiter ?? ',', this.lang_) : '.') : input.decimal;
    if (rows > 0) {
      for (const key of ['customer', 'date', 'amount']) {
        if (resolved[key] === undefined) {
          const cols = loaded?.header ?? input.parsed.header ?? Object.keys((raw[0] ?? {}) as object);
          throw new KpiError({ code: 'config', message: `no ${key} column found: map one with ${key}-field (columns: ${cols.slice(0, 12).join(', ') || 'none'})` });
        }
      }
    }
    const key = columnsKey(resolved, decimal, input.dayOrder);
    if (loaded && loaded.key !== key) {
      // Packed with another field mapping or language: load again with the current one.
      if (!this.src) throw new KpiError({ code: 'config', message: 'the packed columns were built with another field mapping' });
      queueMicrotask(() => this.reload());
      return { model: null, result: undefined as unknown as LtvResult, empty: false };
    }
    const cached = loaded
      ? loaded.columns
      : this.columnsCache && this.columnsCache.key === value && this.columnsCache.columnsKey === key
        ? this.columnsCache.cols
        : undefined;
    const columnOptions = { decimal: input.decimal, dayOrder: input.dayOrder, columnName: input.columnName };
    if ((cached ? cached.n : raw.length) > SYNC_ROWS) {
      this.startJob(value, key, cached ?? (() => toColumnsSteps(raw, input.columns, columnOptions)), settings);
      return { model: null, result: undefined as unknown as LtvResult, empty: false };
    }
    const cols = cached ?? drain(toColumnsSteps(raw, input.columns, columnOptions));
    this.columnsCache = { key: value, columnsKey: key, cols };
    if (cols.n === 0 && cols.rejected.length > 0) throw validationError(cols.rejected, cols.total);
    const prep = drain(prepareFromColumnsSteps(cols, settings));
    const fit = this.cachedFit(prep);
    if (prep.needsFit && fit === undefined) {
      this.startJob(value, key, cols, settings, prep);
      return { model: null, result: undefined as unknown as LtvResult, empty: false };
    }
    return this.toBuilt(assembleModel(prep, fit ?? null));
  }

  /** The page's field mapping: the `fields` property, then `<key>-field` attributes (as KpiElement reads it). */
  private currentMapping(): Record<string, string | undefined> {
    const mapping: Record<string, string | undefined> = {};
    for (const k of Object.keys(LTV_FIELDS)) mapping[k] = this.fields?.[k] ?? this.getAttribute(fieldAttribute(k)) ?? undefined;
    return mapping;
  }

  /**
   * Fetch and parse `src` entirely off the main thread (src/ltv/load-worker.ts): the value
   * is the transactions already packed into columns, so 1,000,000 rows never block the page
   * (the base class would parse them on the main thread: 0.2–0.5 s).
   */
  protected override fetchInput(src: string, options: { signal?: AbortSignal; timeout?: number; delimiter?: string }): Promise<Parsed> {
    return loadColumns(src, {
      mapping: this.currentMapping(),
      lang: this.lang_,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
      ...(options.delimiter ?? this.delimiter ? { delimiter: (options.delimiter ?? this.delimiter)! } : {}),
      ...(this.decimal ? { decimal: this.decimal } : {}),
      onProgress: (done, total) => {
        this.progress = { stage: 'read', done, total };
      },
    });
  }

  private fitKey(prep: Prepared): string {
    return JSON.stringify(prep.settings.predictive);
  }

  private cachedFit(prep: Prepared): CompactFit | undefined {
    const c = this.fitCache;
    return c && c.cols === prep.columns && c.key === this.fitKey(prep) ? c.fit : undefined;
  }

  private toBuilt(model: LtvModel): Built<LtvModel, LtvResult> {
    const r = model.result;
    return { model, result: r, empty: r.customers === 0, rejected: r.rejected, total: r.totalRows };
  }

  /** Run a generator in main-thread slices of at most SLICE_MS, reporting progress. */
  private async slices<T>(steps: Generator<LtvProgress, T, void>, signal: AbortSignal): Promise<T> {
    let last = 0;
    for (;;) {
      const start = performance.now();
      let r = steps.next();
      while (!r.done && performance.now() - start < SLICE_MS) r = steps.next();
      if (r.done) return r.value;
      if (start - last > 100) {
        this.progress = r.value;
        last = start;
      }
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      if (signal.aborted) throw new DOMException('aborted', 'AbortError');
    }
  }

  private startJob(
    key: unknown,
    columnsKey: string,
    read: (() => Generator<LtvProgress, LtvColumns, void>) | LtvColumns,
    settings: LtvSettings,
    prepared?: Prepared,
  ): void {
    const controller = new AbortController();
    this.job = controller;
    const signal = controller.signal;
    const run = async () => {
      let prep = prepared;
      if (!prep) {
        const cols = typeof read === 'function' ? await this.slices(read(), signal) : read;
        this.columnsCache = { key, columnsKey, cols };
        if (cols.n === 0 && cols.rejected.length > 0) throw validationError(cols.rejected, cols.total);
        prep = await this.slices(prepareFromColumnsSteps(cols, settings), signal);
      }
      let fit: CompactFit | null = null;
      if (prep.needsFit) {
        fit = this.cachedFit(prep) ?? null;
        if (!fit) {
          this.progress = { stage: 'summary', done: 0 };
          fit = await fitColumns(prep.columns, settings.predictive, {
            signal,
            onProgress: (p) => {
              if (!signal.aborted) this.progress = { stage: p.stage, done: p.done };
            },
          });
          this.fitCache = { cols: prep.columns, key: this.fitKey(prep), fit };
        }
      }
      return this.slices(assembleSteps(prep, fit), signal);
    };
    run().then(
      (model) => {
        if (signal.aborted) return;
        this.job = undefined;
        this.progress = undefined;
        const built = this.toBuilt(model);
        this.error = undefined;
        this.built = built;
        this.phase = built.empty ? 'empty' : 'ready';
      },
      (e: unknown) => {
        if (signal.aborted || isAbort(e)) return;
        this.job = undefined;
        this.progress = undefined;
        this.built = undefined;
        this.error = toErrorDetail(e, 'config');
        this.phase = 'error';
      },
    );
  }

  // ——— formatting helpers ———

  private money(v: number | null | undefined, compact = false): string {
    return formatMoney(this.lang_, this.currency, v, compact);
  }

  private mv(m: MetricValue | undefined, f: (v: number) => string): string {
    return m && m.ok ? f(m.value) : NA;
  }

  /** Compact money for an axis tick, unless that makes two ticks read the same ($1K, $1K). */
  private tickMoney(v: number, all: readonly number[]): string {
    const compact = all.map((x) => this.money(x, true));
    return new Set(compact).size === compact.length ? this.money(v, true) : this.money(v);
  }

  private pct(v: number | null | undefined): string {
    return formatPercent(this.lang_, v);
  }

  private num(v: number | null | undefined, digits = 2): string {
    return formatNumber(this.lang_, v, digits);
  }

  // ——— render ———

  protected override render() {
    const state = this.renderState();
    const t = this.t;
    const title = this.label ?? t('title');
    if (state) {
      return html`<div class="wrap" part="figure" role="figure" aria-label=${title}>
        <h2 class="title" part="title">${title}</h2>
        ${this.phase === 'loading' && this.progress ? this.renderProgress() : state}
      </div>`;
    }
    const m = this.built?.model;
    if (!m) return nothing;
    const r = m.result;
    return html`<div class="wrap" part="figure" role="figure" aria-label=${title}>
      <h2 class="title" part="title">${title}</h2>
      <p class="summary" part="summary">${this.summary(r)}</p>
      ${this.renderHeadline(r)} ${this.renderMethod(r)} ${this.renderRejected()}
      <div class="charts">${this.renderHistogram(r)} ${this.renderCohorts(r)}</div>
      ${this.renderBullet(r)}
      <div class="lists">${r.method === 'predictive' ? this.renderCustomers('risk', r.atRisk, r) : nothing} ${this.renderCustomers('top', r.top, r)}</div>
      ${this.renderDataTables(r)}
    </div>`;
  }

  private renderProgress() {
    const t = this.t;
    const p = this.progress!;
    const pct = p.total ? p.done / p.total : undefined;
    const text = t(`progress.${p.stage}`, { done: formatCount(this.lang_, p.done), pct: pct !== undefined ? this.pct(pct) : '' });
    return loadingView(text, { ...(pct !== undefined ? { value: pct } : {}), label: t('progressLabel') });
  }

  private methodLabel(r: LtvResult): string {
    const t = this.t;
    const base = t(`method.${r.method}`);
    if (r.method === 'predictive' && r.predictive) return `${base}, ${r.predictive.horizon} ${t(`unit.${r.predictive.unit}`)}`;
    return base;
  }

  private summary(r: LtvResult): string {
    const t = this.t;
    if (!r.ltv.ok) return t('summaryNa', { reason: t(`reason.${r.ltv.reason}`) });
    return t('summary', {
      ltv: this.money(r.ltv.value),
      method: this.methodLabel(r),
      customers: formatCount(this.lang_, r.customers),
      transactions: formatCount(this.lang_, r.transactions),
      from: r.from ?? '',
      to: r.to ?? '',
    });
  }

  private renderHeadline(r: LtvResult) {
    const t = this.t;
    const p = r.predictive;
    return html`<div class="headline" part="headline">
      <div class="stat main">
        <span class="k">${t('ltv')}</span>
        <span class="v">${this.mv(r.ltv, (v) => this.money(v))}</span>
        <span class="d">${t(`methodName.${r.method}`)}</span>
      </div>
      <div class="stat"><span class="k">${t('customers')}</span><span class="v">${formatCount(this.lang_, r.customers)}</span>
        <span class="d">${t('repeatCustomers')}: ${formatCount(this.lang_, r.repeatCustomers)}</span></div>
      <div class="stat"><span class="k">${t('revenue')}</span><span class="v">${this.money(r.revenue, true)}</span>
        <span class="d">${formatCount(this.lang_, r.transactions)} ${t('transactions').toLowerCase()}</span></div>
      <div class="stat"><span class="k">${t('grossMargin')}</span><span class="v">${this.mv(r.grossMargin, (v) => this.pct(v))}</span></div>
      ${r.method === 'predictive' && p?.ok
        ? html`<div class="stat"><span class="k">${t('meanAlive')}</span><span class="v">${this.mv(p.meanProbabilityAlive, (v) => this.pct(v))}</span></div>`
        : nothing}
    </div>`;
  }

  private why(r: LtvResult): string {
    return this.t(`why.${r.methodReason}`, {
      repeat: formatCount(this.lang_, r.repeatCustomers),
      min: MIN_REPEAT_CUSTOMERS,
      detail: r.fallbackReason ?? '',
    });
  }

  private how(r: LtvResult): string {
    const t = this.t;
    const agm = this.mv(r.grossMargin, (v) => this.pct(v));
    if (r.method === 'historical') return t('how.historical', { agm });
    if (r.method === 'simple') {
      return t('how.simple', {
        apv: this.mv(r.simple.avgPurchaseValue, (v) => this.money(v)),
        freq: this.mv(r.simple.purchaseFrequency, (v) => this.num(v)),
        life: this.mv(r.simple.lifespan, (v) => this.num(v)),
        agm,
      });
    }
    const p = r.predictive!;
    return t('how.predictive', {
      agm,
      horizon: formatNumber(this.lang_, p.horizon, 1),
      unit: t(`unit.${p.unit}`),
      rate: this.pct(p.annualDiscountRate),
      calEnd: p.calibrationEnd ?? '',
    });
  }

  private renderMethod(r: LtvResult) {
    const t = this.t;
    const meta = r.method === 'historical' ? ltvHistoricalMeta : r.method === 'simple' ? cltvMeta : clvPredictiveMeta;
    const s = r.simple;
    return html`<div class="method" part="method">
      <p><span class="name">${t(`methodName.${r.method}`)}.</span> ${this.why(r)}</p>
      <p>${this.how(r)}</p>
      ${r.method === 'simple'
        ? html`<p>${t(`life.${s.lifespanSource}`, {
            churn: this.mv(s.churn, (v) => this.pct(v)),
            lost: formatCount(this.lang_, s.churn?.numerator),
            base: formatCount(this.lang_, s.churn?.denominator),
          })}</p>`
        : nothing}
      <p class="muted">${t(`margin.${r.marginSource}`)}${r.rowsWithoutMargin > 0 ? ` ${t('marginMissing', { count: formatCount(this.lang_, r.rowsWithoutMargin) })}` : ''}
        <span class="visually-hidden">${t('formula')}: ${t(`kpi.${meta.id}.formula`)}</span></p>
      ${r.predictive?.params ? this.renderParams(r) : nothing}
    </div>`;
  }

  private renderParams(r: LtvResult) {
    const t = this.t;
    const p = r.predictive!.params!;
    const f = (v: number) => formatNumber(this.lang_, v, 3);
    if ((this.width || 640) < 480) {
      // Phones: one line per model instead of a six-column table.
      return html`<div class="params" part="params">
        <p class="params-title"><strong>${t('paramsCaption')}</strong></p>
        <p><strong>BG/NBD</strong>: r = ${f(p.r)}, α = ${f(p.alpha)}, a = ${f(p.a)}, b = ${f(p.b)} · ${t('logLik')} ${formatNumber(this.lang_, p.bgnbdLogLik, 1)}</p>
        <p><strong>Gamma-Gamma</strong>: p = ${f(p.p)}, q = ${f(p.q)}, γ = ${f(p.gamma)} · ${t('logLik')} ${formatNumber(this.lang_, p.gammaGammaLogLik, 1)}</p>
        ${p.converged ? nothing : html`<p class="note">${t('notConverged')}</p>`}
      </div>`;
    }
    return html`<div class="params table-wrap" part="params" tabindex="0" role="region" aria-label=${t('paramsCaption')}>
      <table class="data">
        <caption>${t('paramsCaption')}</caption>
        <thead><tr><th scope="col">${t('model')}</th><th scope="col" colspan="4">${t('params')}</th><th scope="col">${t('logLik')}</th></tr></thead>
        <tbody>
          <tr><th scope="row">BG/NBD</th><td>r = ${f(p.r)}</td><td>α = ${f(p.alpha)}</td><td>a = ${f(p.a)}</td><td>b = ${f(p.b)}</td><td>${formatNumber(this.lang_, p.bgnbdLogLik, 1)}</td></tr>
          <tr><th scope="row">Gamma-Gamma</th><td>p = ${f(p.p)}</td><td>q = ${f(p.q)}</td><td>γ = ${f(p.gamma)}</td><td></td><td>${formatNumber(this.lang_, p.gammaGammaLogLik, 1)}</td></tr>
        </tbody>
      </table>
      ${p.converged ? nothing : html`<p class="note">${t('notConverged')}</p>`}
    </div>`;
  }

  private chartWidth(): number {
    const w = Math.max(280, this.width || 640);
    return w >= 760 ? Math.floor((w - 16) / 2) : w;
  }

  private binLabel(b: { x0: number; x1: number; count: number; overflow: boolean }): string {
    const t = this.t;
    const count = formatCount(this.lang_, b.count);
    return b.overflow
      ? t('binOverAria', { from: this.money(b.x0), count })
      : t('binAria', { from: this.money(b.x0), to: this.money(b.x1), count });
  }

  private renderHistogram(r: LtvResult) {
    const t = this.t;
    const d = r.distribution;
    const width = this.chartWidth();
    const g = histogramLayout({ bins: d.bins, overflow: d.overflow, marker: d.mean, width, height: 200, margin: { top: 16, right: 8, bottom: 30, left: 44 } });
    return html`<figure>
      <figcaption>${t('distribution')} <span class="muted">· ${t(`method.${r.method}`)}</span></figcaption>
      <svg part="histogram" width=${g.width} height=${g.height} viewBox="0 0 ${g.width} ${g.height}" role="group"
        aria-label=${t('distributionAria', { n: formatCount(this.lang_, d.n), median: this.money(d.median), mean: this.money(d.mean) })}
        @keydown=${this.bins.onKeyDown}>
        ${axisLeft(g.yTicks, { x: g.plot.left, gridTo: g.plot.right, format: (v) => formatCompact(this.lang_, v) })}
        ${axisBottom(g.xTicks.filter((x) => g.overflowX === null || Math.abs(x.x - g.overflowX) > 40), {
          y: g.plot.bottom + 16,
          format: (v) => this.tickMoney(v, g.xTicks.map((t) => t.value)),
        })}
        <g class="axis" aria-hidden="true">
          ${g.overflowX !== null && d.overflow ? svg`<text x=${g.overflowX} y=${g.plot.bottom + 16} text-anchor="middle">${t('over', { from: this.money(d.overflow.from, true) })}</text>` : nothing}
          <text x=${g.plot.left - 40} y=${g.plot.top - 6}>${t('customersAxis')}</text>
        </g>
        ${repeat(g.bars, (b) => b.id, (b) => svg`<g class=${b.index === this.bins.active ? 'bin active' : 'bin'} role="img" tabindex=${this.bins.tabIndex(b.index, g.bars.length)}
            data-index=${b.index} aria-label=${this.binLabel(b)}
            @focus=${() => this.showBinTip(b.index, g)} @blur=${() => (this.tip = null)}
            @mouseenter=${() => this.showBinTip(b.index, g)} @mouseleave=${() => (this.tip = null)}>
            <rect part="bar" class=${b.overflow ? 'bar overflow' : 'bar'} x=${b.x} y=${b.y} width=${b.w} height=${Math.max(b.h, b.count > 0 ? 1 : 0)}></rect>
            <rect x=${b.x} y=${g.plot.top} width=${b.w} height=${g.plot.bottom - g.plot.top} fill="transparent"></rect>
          </g>`)}
        ${g.marker
          ? svg`<g aria-hidden="true"><line class="mean-line" x1=${g.marker.x} x2=${g.marker.x} y1=${g.plot.top - 4} y2=${g.plot.bottom}></line>
              <text class="mean-label" x=${g.marker.x + 4} y=${g.plot.top + 4}>${t('mean')} ${this.money(g.marker.value, true)}</text></g>`
          : nothing}
      </svg>
      ${tooltip(this.tip, this.tip?.text)}
    </figure>`;
  }

  private showBinTip(index: number, g: HistogramGeometry) {
    const b = g.bars[index];
    if (!b) return;
    const svgEl = this.renderRoot.querySelector('svg[part="histogram"]');
    const at = pointWithin(svgEl, svgEl?.parentElement ?? null, b.x + b.w / 2, b.y);
    this.tip = { x: at.x, y: at.y, text: this.binLabel(b) };
  }

  private shownCohorts(r: LtvResult) {
    if (r.cohorts.length <= MAX_COHORT_LINES) return r.cohorts;
    const largest = [...r.cohorts].sort((a, b) => b.customers - a.customers).slice(0, MAX_COHORT_LINES);
    const keep = new Set(largest.map((c) => c.key));
    return r.cohorts.filter((c) => keep.has(c.key));
  }

  private renderCohorts(r: LtvResult) {
    const t = this.t;
    const shown = this.shownCohorts(r);
    const width = this.chartWidth();
    const g = cohortLayout({ series: shown.map((c) => ({ id: c.key, points: c.points })), width, height: 200, labelWidth: 62 });
    const list = shown
      .map((c) => {
        const last = c.points[c.points.length - 1];
        return t('cohortAria', { cohort: c.key, customers: formatCount(this.lang_, c.customers), value: this.money(last?.value), months: last?.month ?? 0 });
      })
      .join('; ');
    return html`<figure>
      <figcaption>${t('cohorts')}</figcaption>
      <svg part="cohorts" width=${g.width} height=${g.height} viewBox="0 0 ${g.width} ${g.height}" role="img" aria-label=${t('cohortsAria', { list })}>
        ${axisLeft(g.yTicks, { x: g.plot.left, gridTo: g.plot.right, format: (v) => this.tickMoney(v, g.yTicks.map((t) => t.value)) })}
        ${axisBottom(g.xTicks, { y: g.plot.bottom + 16, format: (v) => String(v) })}
        <g class="axis" aria-hidden="true">
          <text x=${g.plot.right} y=${g.plot.bottom + 28} text-anchor="end">${t('monthsSince')}</text>
        </g>
        ${repeat(g.lines, (l) => l.id, (l) => {
          const cls = `c${l.index % 6}${l.index >= 6 ? ' dash' : ''}`;
          return svg`<g>
            <path part="line" class="line ${cls}" d=${l.path}></path>
            <circle class=${cls} cx=${l.end.x} cy=${l.end.y} r="3"></circle>
            <text class="cohort-label ${cls}" x=${g.labelX} y=${l.labelY} dy="0.32em">${l.id}</text>
          </g>`;
        })}
      </svg>
      ${r.cohorts.length > shown.length ? html`<p class="note">${t('moreCohorts', { shown: shown.length, total: r.cohorts.length })}</p>` : nothing}
    </figure>`;
  }

  private renderBullet(r: LtvResult) {
    const c = r.cac;
    if (!c) return nothing;
    const t = this.t;
    const width = Math.min(520, Math.max(260, (this.width || 600) - 4));
    const ratio = c.ltvCac.ok ? c.ltvCac.value : null;
    const g = bulletLayout({ value: ratio, target: c.target, direction: 'up', warning: c.target, critical: 1, width, height: 30 });
    const ratioText = this.mv(c.ltvCac, (v) => formatNumber(this.lang_, v, 1));
    const status = c.meetsTarget === null ? NA : c.meetsTarget ? t('meets') : t('below');
    return html`<div class="bullet-block" part="bullet">
      <div class="bullet-head">
        <strong>${t('ltvCac')}</strong>
        <span class="v">${t('ltvCacValue', { ratio: ratioText })}</span>
        <span class="muted">${t('ltvCacTarget', { target: formatNumber(this.lang_, c.target, 1) })}</span>
        ${c.meetsTarget === null ? nothing : html`<span class=${c.meetsTarget ? 'good-text' : 'bad-text'}>${status}</span>`}
      </div>
      ${bullet(g, {
        tick: (v) => `${formatNumber(this.lang_, v, 1)}×`,
        label: t('bulletAria', { ratio: ratioText, target: formatNumber(this.lang_, c.target, 1), status }),
      })}
      <div class="headline">
        <div class="stat"><span class="k">${t('cac')}</span><span class="v">${this.mv(c.cac, (v) => this.money(v))}</span><span class="d">${t(`cacSource.${c.source}`)}</span></div>
        <div class="stat"><span class="k">${t('payback')}</span><span class="v">${this.mv(c.payback, (v) => t('paybackMonths', { months: formatNumber(this.lang_, v, 1) }))}</span></div>
      </div>
    </div>`;
  }

  private columnsFor(kind: 'top' | 'risk', r: LtvResult): { key: SortKey; label: string; format: (c: CustomerRow) => string }[] {
    const t = this.t;
    const cols: { key: SortKey; label: string; format: (c: CustomerRow) => string }[] = [
      { key: 'transactions', label: t('transactions'), format: (c) => formatCount(this.lang_, c.transactions) },
      { key: 'revenue', label: t('revenue'), format: (c) => this.money(c.revenue) },
      { key: 'last', label: t('lastPurchase'), format: (c) => c.last },
    ];
    if (r.method === 'predictive') {
      cols.push(
        { key: 'probabilityAlive', label: t('pAlive'), format: (c) => this.pct(c.probabilityAlive) },
        { key: 'expectedPurchases', label: t('expPurchases'), format: (c) => this.num(c.expectedPurchases) },
        { key: 'expectedSpend', label: t('expSpend'), format: (c) => this.money(c.expectedSpend) },
      );
    }
    cols.push({ key: 'value', label: t('value'), format: (c) => this.money(c.value) });
    if (kind === 'risk') cols.push({ key: 'valueAtStake', label: t('valueAtStake'), format: (c) => this.money(c.valueAtStake) });
    return cols;
  }

  private sortBy(kind: 'top' | 'risk', key: SortKey) {
    this.sorts = { ...this.sorts, [kind]: nextSort(this.sorts[kind], key, key === 'id' || key === 'last' ? 'ascending' : 'descending') };
  }

  private renderCustomers(kind: 'top' | 'risk', rows: readonly CustomerRow[], r: LtvResult) {
    const t = this.t;
    const s = this.sorts[kind];
    const cols = [{ key: 'id' as SortKey, label: t('customer'), format: (c: CustomerRow) => c.id }, ...this.columnsFor(kind, r)];
    const title = kind === 'risk' ? t('atRisk') : t('top');
    const header = (c: (typeof cols)[number]) => sortHeader({ key: c.key, label: c.label, sort: s, onSort: (k) => this.sortBy(kind, k) });
    return html`<section part="customers" class=${`customers ${kind}`} aria-label=${title}>
      <h3>${title}</h3>
      ${kind === 'risk' ? html`<p class="note">${t('atRiskNote')}</p>` : nothing}
      ${rows.length === 0
        ? html`<p class="note">${kind === 'risk' ? t('atRiskNone') : t('empty')}</p>`
        : html`<div class="table-wrap"><table class="data" part="table">
            <caption class="visually-hidden">${title}</caption>
            <thead><tr>${cols.map(header)}</tr></thead>
            <tbody>
              ${sortRows(rows, s.key, s.dir, { locale: this.lang_ }).map(
                (c) => html`<tr>
                  <th scope="row"><button class="cust" aria-label=${t('selectCustomer', { id: c.id })} @click=${() => this.selectCustomer(c, kind)}>${c.id}</button></th>
                  ${cols.slice(1).map((col) => html`<td>${col.format(c)}</td>`)}
                </tr>`,
              )}
            </tbody>
          </table></div>`}
    </section>`;
  }

  private selectCustomer(c: CustomerRow, kind: 'top' | 'risk') {
    this.dispatchEvent(kpiEvent('kpi-select', { id: c.id, kind: 'customer', group: kind === 'risk' ? 'at-risk' : 'top' }));
  }

  private renderDataTables(r: LtvResult) {
    const t = this.t;
    const d = r.distribution;
    const maxMonth = r.cohorts.reduce((m, c) => Math.max(m, c.points.length), 0);
    const p = r.predictive;
    const rows: [string, string][] = [
      [t('ltv'), this.mv(r.ltv, (v) => this.money(v))],
      [t('historical'), this.mv(r.historical, (v) => this.money(v))],
      [t('simple'), this.mv(r.simple.value, (v) => this.money(v))],
      ...(p?.ok ? ([[t('predictive'), this.mv(p.meanClv, (v) => this.money(v))]] as [string, string][]) : []),
      [t('customers'), formatCount(this.lang_, r.customers)],
      [t('repeatCustomers'), formatCount(this.lang_, r.repeatCustomers)],
      [t('transactions'), formatCount(this.lang_, r.transactions)],
      [t('revenue'), this.money(r.revenue)],
      [t('period'), `${r.from ?? NA} – ${r.to ?? NA}`],
      [t('grossMargin'), this.mv(r.grossMargin, (v) => this.pct(v))],
      [t('avgPurchase'), this.mv(r.simple.avgPurchaseValue, (v) => this.money(v))],
      [t('frequency'), this.mv(r.simple.purchaseFrequency, (v) => this.num(v))],
      [t('lifespan'), this.mv(r.simple.lifespan, (v) => this.num(v))],
      ...(p?.ok
        ? ([
            [t('meanAlive'), this.mv(p.meanProbabilityAlive, (v) => this.pct(v))],
            [t('expectedPurchasesTotal'), this.num(p.expectedPurchases, 0)],
            [t('calibrationEnd'), p.calibrationEnd ?? NA],
            [t('horizon'), `${formatNumber(this.lang_, p.horizon, 1)} ${t(`unit.${p.unit}`)}`],
            [t('discountRate'), `${this.pct(p.annualDiscountRate)} (${formatPercent(this.lang_, p.discountRatePerUnit, 3)} / ${t(`unit.${p.unit}`)})`],
          ] as [string, string][])
        : []),
      ...(r.cac
        ? ([
            [t('cac'), this.mv(r.cac.cac, (v) => this.money(v))],
            [t('ltvCac'), this.mv(r.cac.ltvCac, (v) => formatNumber(this.lang_, v, 2))],
            [t('payback'), this.mv(r.cac.payback, (v) => formatNumber(this.lang_, v, 1))],
          ] as [string, string][])
        : []),
    ];
    return this.dataTable.render(t, () => html`<table class="data" part="table">
        <caption>${t('inputs')}</caption>
        <thead><tr><th scope="col">${t('measure')}</th><th scope="col">${t('amount')}</th></tr></thead>
        <tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody>
      </table>
      <table class="data" part="table">
        <caption>${t('bins')}</caption>
        <thead><tr><th scope="col">${t('from')}</th><th scope="col">${t('to')}</th><th scope="col">${t('count')}</th></tr></thead>
        <tbody>
          ${d.bins.map((b) => html`<tr><th scope="row">${this.money(b.x0)}</th><td>${this.money(b.x1)}</td><td>${formatCount(this.lang_, b.count)}</td></tr>`)}
          ${d.overflow ? html`<tr><th scope="row">${this.money(d.overflow.from)}</th><td>${NA}</td><td>${formatCount(this.lang_, d.overflow.count)}</td></tr>` : nothing}
        </tbody>
      </table>
      <table class="data" part="table">
        <caption>${t('cohorts')}</caption>
        <thead><tr><th scope="col">${t('cohort')}</th><th scope="col">${t('customers')}</th>${Array.from({ length: maxMonth }, (_, m) => html`<th scope="col">${t('month', { m })}</th>`)}</tr></thead>
        <tbody>
          ${r.cohorts.map((c) => html`<tr><th scope="row">${c.key}</th><td>${formatCount(this.lang_, c.customers)}</td>${Array.from({ length: maxMonth }, (_, m) => html`<td>${c.points[m] ? this.money(c.points[m]!.value) : NA}</td>`)}</tr>`)}
        </tbody>
      </table>`);
  }
}
