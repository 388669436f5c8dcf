import { html, css, nothing, svg, type CSSResultGroup } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { KpiElement, validationError, type Built, type Input } from '../../core/element/kpi-element.ts';
import { z } from '../../core/schema/z.ts';
import { coerce, mapRows, type FieldSpecs } from '../../core/data/fields.ts';
import { validateRows, type RejectedRow } from '../../core/schema/validate.ts';
import { KpiError } from '../../core/data/errors.ts';
import { parseList, parsePairs, parseTargets } from '../../core/data/options.ts';
import { analyseFunnel, OTHER, type FunnelAnalysis, type FunnelRow, type PeriodGrain } from '../../kpis/funnel-analysis.ts';
import { DEFAULT_LOST_VALUES } from '../../kpis/funnel-records.ts';
import type { FunnelModel, FunnelStep, StepTargets } from '../../kpis/funnel.ts';
import { funnelLayout, gridColumns, type FunnelGeometry } from '../../charts/funnel-layout.ts';
import { matrixCell } from '../../charts/segment-matrix-layout.ts';
import type { Segment } from '../../kpis/funnel-analysis.ts';
import { formatCount, formatMoney, formatNumber, formatPercent, formatPoints, NA } from '../../core/format/format.ts';
import { kpiEvent } from '../../core/events.ts';
import { cssVars } from '../../core/ui/css-vars.ts';
import { nextSort, sortableStyles, sortHeader, sortRows, type SortState } from '../../core/ui/sortable-table.ts';
import { RovingFocus } from '../../core/ui/roving-focus.ts';
import { pointWithin, tooltip, tooltipStyles } from '../../core/ui/tooltip.ts';
import { TableToggle, tableStyles } from '../../core/ui/table-toggle.ts';

/** What `result` holds and `kpi-update` carries. */
export type FunnelResult = FunnelAnalysis & {
  readonly rejected: readonly RejectedRow[];
  readonly totalRows: number;
};

const PERIOD_GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;

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
 * @csspart table - The data table.
 * @csspart tooltip - The tooltip.
 * @csspart state - Loading, empty and error messages.
 * @csspart notice - The notice listing rows left out.
 * @cssprop --kpi-funnel-bar - Bar colour (falls back to --kpi-color-accent).
 * @cssprop --kpi-funnel-connector - Connector colour.
 * @cssprop --kpi-color-bad - Colour of missed targets.
 * @cssprop --kpi-tooltip-bg - Tooltip background.
 * @cssprop --kpi-tooltip-color - Tooltip text colour.
 * @cssprop --kpi-sort-indicator-color - The matrix's ↑ ↓ sort indicator.
 * @cssprop --kpi-font - Font family.
 */
export class KpiFunnel extends KpiElement<FunnelAnalysis, FunnelResult> {
  static override fieldSpecs: FieldSpecs = {
    stage: { type: 'string', aliases: ['deal_stage', 'stage_name', 'status', 'etapa', 'fase'] },
    count: { type: 'number', aliases: ['n', 'total', 'leads', 'cantidad', 'numero'] },
    value: { type: 'number', aliases: ['amount', 'close_value', 'importe', 'valor'] },
    lostAt: { type: 'string', aliases: ['lost_stage', 'lost_at', 'etapa_perdida'] },
    group: { type: 'string' },
    period: { type: 'any' },
  };

  static override styles: CSSResultGroup = [
    KpiElement.styles,
    sortableStyles,
    tooltipStyles,
    tableStyles,
    css`
      .stat .v.small {
        font-size: 1.05em;
        font-weight: 600;
        display: block;
        padding-top: 6px;
      }
      svg {
        display: block;
        overflow: visible;
        font-variant-numeric: tabular-nums;
      }
      .bar {
        fill: var(--kpi-funnel-bar, var(--_accent));
        transition: x 0.3s, width 0.3s;
      }
      .bar.missed {
        fill: var(--kpi-funnel-bar-missed, color-mix(in srgb, var(--_bad) 70%, var(--_accent)));
      }
      .prev {
        fill: none;
        stroke: var(--_text);
        stroke-width: 1.5;
        stroke-dasharray: 4 3;
      }
      .connector {
        fill: var(--kpi-funnel-connector, color-mix(in srgb, var(--_accent) 14%, var(--_surface)));
      }
      .connector.missed {
        fill: color-mix(in srgb, var(--_bad) 14%, var(--_surface));
      }
      .stage-label {
        font-size: 13px;
        font-weight: 600;
        fill: var(--_text);
      }
      .stage-count {
        font-size: 13px;
        fill: var(--_text);
      }
      .stage-count .muted,
      .muted {
        fill: var(--_muted);
        font-weight: 400;
      }
      .conv {
        font-size: 12.5px;
        fill: var(--_text);
        font-weight: 600;
      }
      .conv .miss {
        fill: var(--_bad);
      }
      .conv .grew {
        fill: var(--_warn);
      }
      g.stage {
        cursor: pointer;
        outline: none;
      }
      g.stage:focus-visible .focus-ring,
      g.stage.active .focus-ring {
        stroke: var(--_focus);
        stroke-width: 2;
      }
      .focus-ring {
        fill: transparent;
        stroke: transparent;
        rx: 4;
      }
      .segments {
        display: grid;
        grid-template-columns: repeat(var(--cols, 1), minmax(0, 1fr));
        gap: 12px;
        margin-top: 16px;
      }
      .segment {
        border: 1px solid var(--_grid);
        border-radius: var(--_radius);
        padding: 8px 10px;
        min-width: 0;
      }
      .segment h3 {
        margin: 0 0 4px;
        font-size: 0.95em;
        font-weight: 600;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .segment h3 .muted {
        font-weight: 400;
        color: var(--_muted);
      }
      .segment .bar {
        fill: var(--kpi-funnel-segment-bar, var(--_s2));
      }
      h3.segments-title {
        margin: 18px 0 0;
        font-size: 1em;
      }
      .notice.grew {
        border-left-color: var(--_warn);
      }
      .matrix-wrap {
        overflow-x: auto;
        margin-top: 8px;
      }
      table.matrix {
        border-collapse: collapse;
        font-size: 0.9em;
        font-variant-numeric: tabular-nums;
        min-width: 100%;
      }
      table.matrix caption {
        text-align: left;
        color: var(--_muted);
        padding-bottom: 6px;
      }
      table.matrix .legend {
        font-size: 0.92em;
      }
      table.matrix th,
      table.matrix td {
        padding: 4px 8px;
        border-bottom: 1px solid var(--_grid);
        text-align: left;
        white-space: nowrap;
        vertical-align: middle;
      }
      table.matrix th[scope='row'] {
        font-weight: 600;
        max-width: 180px;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      table.matrix td.n {
        text-align: right;
      }
      table.matrix .rate {
        display: inline-block;
        min-width: 4.2em;
      }
      table.matrix td.below .rate {
        color: var(--_bad);
        font-weight: 600;
      }
      .cellbar {
        vertical-align: middle;
        overflow: visible;
      }
      .cellbar .track {
        fill: var(--_subtle);
      }
      .cellbar .fill {
        fill: var(--kpi-funnel-segment-bar, var(--_s2));
      }
      td.below .cellbar .fill {
        fill: color-mix(in srgb, var(--_bad) 75%, var(--_s2));
      }
      .cellbar .ref {
        stroke: var(--_text);
        stroke-width: 1.5;
      }
      .scale-note {
        margin: 4px 0 0;
        font-size: 0.82em;
        color: var(--_muted);
      }
      .miss-text {
        color: var(--_bad);
        font-weight: 600;
      }
      td.missed {
        color: var(--_bad);
        font-weight: 600;
      }
    `,
  ];

  /** Stage order, first to last, comma-separated (or "A > B > C"). Default: order of first appearance. */
  @property() stages?: string;

  /** Values of the stage field that mean lost / disqualified, comma-separated. */
  @property({ attribute: 'lost-values' }) lostValues?: string;

  /** 'auto' (default: aggregated when a count column exists), 'stages' or 'records'. */
  @property() input: 'auto' | 'stages' | 'records' = 'auto';

  /**
   * Conversion targets per step, by the stage entered ("Engaging:60%, Won:45%") or by
   * position ("60%, 45%"). The `targets` property also takes an object or array.
   */
  @property({ attribute: false }) targets?: StepTargets;
  @property({ attribute: 'targets' }) targetsAttr?: string;

  /** A date column per stage, "Engaging:engage_date, Won:close_date": gives median days between stages. */
  @property({ attribute: 'stage-dates' }) stageDates?: string;

  /** Column with each row's period (a key like "2017-Q3", or a date bucketed by `period-grain`). */
  @property({ attribute: 'period-field' }) periodField?: string;

  /** Bucket for date periods: day, week, month, quarter (default) or year. */
  @property({ attribute: 'period-grain' }) periodGrain: PeriodGrain = 'quarter';

  /** The period to show; default the latest. */
  @property() period?: string;

  /** Period to compare with: 'previous' (default), 'none', or a period key. */
  @property() compare?: string;

  /** Bar widths: 'auto' (default: log when the stages span more than 40×), 'linear' or 'log'. */
  @property() scale: 'auto' | 'linear' | 'log' = 'auto';

  /** How the breakdown is named in headings ("lead source"); default the group-by column, tidied. */
  @property({ attribute: 'group-label' }) groupLabel?: string;

  /** The most segments drawn when grouped; the rest are summed as "Other". */
  @property({ type: Number, attribute: 'max-groups' }) maxGroups = 12;

  @state() private tip: { index: number; x: number; y: number; segment?: string } | null = null;
  private readonly dataTable = new TableToggle(this);
  /** Matrix sort: column (-1 segment name, 0 size, k = step k, n = overall) and direction. */
  @state() private sort: SortState<number> = { key: 0, dir: 'descending' };
  /** One tab stop over the stages. */
  private readonly roving = new RovingFocus(this, {
    items: 'svg[part="chart"] g.stage',
    onSelect: (index) => {
      const s = this.built?.model.current.steps[index];
      if (s) this.select(s, index);
    },
    onEscape: () => (this.tip = null),
  });

  protected override namespace = 'funnel';
  protected override readonly optionKeys = [
    'stages', 'lostValues', 'input', 'targets', 'targetsAttr', 'stageDates', 'periodField', 'periodGrain', 'period', 'compare', 'maxGroups', 'scale',
  ];

  protected override build(input: Input): Built<FunnelAnalysis, FunnelResult> {
    const value = input.parsed.value;
    const raw: unknown[] | null = Array.isArray(value)
      ? value
      : value && typeof value === 'object' && Array.isArray((value as { rows?: unknown }).rows)
        ? (value as { rows: unknown[] }).rows
        : value && typeof value === 'object' && Array.isArray((value as { stages?: unknown }).stages)
          ? (value as { stages: unknown[] }).stages
          : null;
    if (!raw) {
      throw new KpiError({ code: 'validation', message: 'expected a list of rows (an array, or an object with a "rows" array)' });
    }
    if (!PERIOD_GRAINS.includes(this.periodGrain)) {
      throw new KpiError({ code: 'config', message: `period-grain: "${this.periodGrain}" is not one of ${PERIOD_GRAINS.join(', ')}` });
    }
    if (this.input !== 'auto' && this.input !== 'stages' && this.input !== 'records') {
      throw new KpiError({ code: 'config', message: `input: "${String(this.input)}" is not one of auto, stages, records` });
    }
    const stages = parseList(this.stages);
    const lostValues = this.lostValues !== undefined ? parseList(this.lostValues) : DEFAULT_LOST_VALUES;
    const targets = this.targets ?? parseTargets(this.targetsAttr);
    const stageDates = parsePairs(this.stageDates, 'stage-dates');
    for (const [stage] of stageDates) {
      if (stages.length && !stages.some((s) => s.toLowerCase() === stage.toLowerCase())) {
        throw new KpiError({ code: 'config', message: `stage-dates: "${stage}" is not one of the stages (${stages.join(', ')})` });
      }
    }

    const columns = { ...input.columns };
    if (this.periodField) columns['period'] = this.periodField;
    else columns['period'] = undefined;
    const specs = (this.constructor as typeof KpiFunnel).fieldSpecs;
    const rows = mapRows(raw, specs, columns, { decimal: input.decimal, dayOrder: input.dayOrder });

    const mode = this.input === 'auto' ? (columns['count'] !== undefined ? 'stages' : 'records') : this.input;
    if (columns['stage'] === undefined && stageDates.length === 0) {
      throw new KpiError({ code: 'config', message: `no stage column found: map one with stage-field (columns: ${Object.keys((raw[0] ?? {}) as object).slice(0, 12).join(', ') || 'none'})` });
    }

    // Dates per stage, aligned with the stage order, and period dates.
    const order = stages.length ? stages : undefined;
    if (stageDates.length && !order) {
      throw new KpiError({ code: 'config', message: 'stage-dates needs the stages attribute to know the stage order' });
    }
    const dateCols = order ? order.map((s) => stageDates.find(([k]) => k.toLowerCase() === s.toLowerCase())?.[1]) : [];
    const lostKeys = new Set(lostValues.map((v) => v.toLowerCase()));
    const known = new Set((order ?? []).map((s) => s.toLowerCase()));

    const periodIsDate = (v: unknown) => typeof v === 'string' && /^\d{4}[-/]\d{1,2}[-/]\d{1,2}|^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(v.trim());
    const canonical = rows.map((r, i) => {
      const src = raw[i] as Record<string, unknown> | null;
      const out = r as Record<string, unknown>;
      if (dateCols.some((c) => c !== undefined) && src && typeof src === 'object') {
        out['dates'] = dateCols.map((c) => (c === undefined ? undefined : coerce(src[c], 'date', { dayOrder: input.dayOrder })));
      }
      const p = out['period'];
      if (p instanceof Date || (typeof p === 'string' && periodIsDate(p))) out['period'] = coerce(p, 'date', { dayOrder: input.dayOrder });
      else if (typeof p === 'number' && p < 10_000) out['period'] = String(p);
      return out;
    });

    const optionalText = z.optional(z.string().check(z.minLength(1)));
    const period = z.optional(z.union([z.string().check(z.minLength(1)), z.number()]));
    const schema =
      mode === 'stages'
        ? z.object({
            stage: z.string({ error: 'expected a stage name' }).check(z.minLength(1)),
            count: z.number().check(z.nonnegative()),
            value: z.optional(z.number()),
            group: optionalText,
            period,
          })
        : z
            .object({
              stage: optionalText,
              lostAt: optionalText,
              value: z.optional(z.number()),
              group: optionalText,
              period,
              dates: z.optional(z.array(z.union([z.number(), z.undefined()], { error: 'expected a date' }))),
            })
            .check(
              z.refine(
                (r) =>
                  (r.stage !== undefined && (known.size === 0 || known.has(r.stage.toLowerCase()) || lostKeys.has(r.stage.toLowerCase()))) ||
                  (r.dates !== undefined && r.dates.some((d) => d !== undefined)),
                {
                  path: ['stage'],
                  error: (iss) => {
                    const s = (iss.input as { stage?: unknown }).stage;
                    return s === undefined
                      ? 'no stage and no stage date'
                      : `"${String(s)}" is not a stage (${[...(order ?? [])].join(', ')}) or a lost value (${lostValues.join(', ')})`;
                  },
                },
              ),
            );
    const validated = validateRows(canonical, schema, (k) => (k === 'dates' ? 'stage-dates' : input.columnName(k)));
    if (validated.valid.length === 0 && validated.rejected.length > 0) throw validationError(validated.rejected, validated.total);

    const analysis = analyseFunnel(validated.valid as FunnelRow[], {
      ...(order ? { stages: order } : {}),
      lostValues,
      ...(targets ? { targets } : {}),
      input: mode,
      grain: this.periodGrain,
      ...(this.period ? { period: this.period } : {}),
      ...(this.compare ? { compare: this.compare } : {}),
      maxGroups: this.maxGroups,
    });
    const empty = analysis.stages.length === 0 || (analysis.current.steps[0]?.count ?? 0) === 0;
    return {
      model: analysis,
      result: { ...analysis, rejected: validated.rejected, totalRows: validated.total },
      empty,
      rejected: validated.rejected,
      total: validated.total,
    };
  }

  // ---- rendering ------------------------------------------------------------------

  private fmtCount(v: number | null) {
    return formatCount(this.lang_, v);
  }
  private pct(m: { ok: boolean; value?: number } | number | null) {
    if (m === null) return NA;
    if (typeof m === 'number') return formatPercent(this.lang_, m);
    return m.ok ? formatPercent(this.lang_, m.value!) : NA;
  }

  override render() {
    const state = this.renderState();
    const title = this.label ?? this.t('title');
    if (state) {
      return html`<section class="wrap" aria-label=${title}><h2 class="title" part="title">${title}</h2>${state}</section>`;
    }
    const a = this.built!.model;
    const t = this.t;
    return html`<section class="wrap" aria-labelledby="title" aria-describedby="summary">
      <h2 class="title" id="title" part="title">${title}</h2>
      <p class="summary" id="summary" part="summary">${this.summary(a)}</p>
      ${this.renderHeadline(a)}
      ${this.renderChart(a)}
      ${this.renderNotices(a)}
      ${a.segments.length > 0 ? this.renderSegments(a) : nothing}
      ${this.dataTable.render(t, () => this.renderTable(a))}
      ${this.renderTooltip(a)}
    </section>`;
  }

  private summary(a: FunnelAnalysis): string {
    const t = this.t;
    const steps = a.current.steps;
    const first = steps[0]!;
    const last = steps[steps.length - 1]!;
    const parts = [
      t('summary', {
        first: this.fmtCount(first.count),
        firstStage: first.stage,
        last: this.fmtCount(last.count),
        lastStage: last.stage,
        overall: this.pct(a.current.overall),
      }),
    ];
    const b = a.current.bottleneck;
    if (b) {
      const from = steps[b.index - 1]!.stage;
      parts.push(
        b.basis === 'target'
          ? t('summaryBottleneckTarget', { from, to: b.stage, conv: this.pct(b.conversion), target: this.pct(steps[b.index]!.target) })
          : t('summaryBottleneckWeakest', { from, to: b.stage, conv: this.pct(b.conversion) }),
      );
    }
    if (a.change?.overall != null) {
      parts.push(
        t('summaryCompare', {
          period: a.period ?? '',
          overall: this.pct(a.current.overall),
          delta: formatPoints(this.lang_, a.change.overall),
          previous: a.previousPeriod ?? '',
        }),
      );
    }
    return parts.join(' ');
  }

  private renderHeadline(a: FunnelAnalysis) {
    const t = this.t;
    const b = a.current.bottleneck;
    const steps = a.current.steps;
    const delta = a.change?.overall ?? null;
    return html`<div class="headline" part="headline">
      <div class="stat">
        <span class="k">${t('overall')}</span>
        <span class="v">${this.pct(a.current.overall)}</span>
        ${delta !== null ? html`<span class="d">${formatPoints(this.lang_, delta)} ${t('vsPrevious', { period: a.previousPeriod ?? '' })}</span>` : nothing}
      </div>
      ${b
        ? html`<div class="stat">
            <span class="k">${t('bottleneck')}</span>
            <span class="v small">${steps[b.index - 1]!.stage} → ${b.stage}: ${this.pct(b.conversion)}</span>
            <span class="d">${b.basis === 'target' ? t('bottleneckTarget') : t('bottleneckWeakest')}${
              b.basis === 'target' && steps[b.index]!.missed ? html` · <span class="miss-text">▼ ${t('belowTarget')}</span>` : nothing
            }</span>
          </div>`
        : nothing}
      ${a.period ? html`<div class="stat"><span class="k">${t('period')}</span><span class="v small">${a.period}</span></div>` : nothing}
    </div>`;
  }

  private geometry(model: FunnelModel, previous: FunnelModel | null, width: number, compact: boolean, normalise: boolean): FunnelGeometry {
    return funnelLayout(
      model.steps.map((s, i) => ({ id: s.stage, count: s.count, previous: previous?.steps[i]?.count ?? null })),
      { width, compact, scale: this.scale === 'linear' || this.scale === 'log' ? this.scale : 'auto', ...(normalise ? { max: model.steps[0]?.count ?? 0 } : {}) },
    );
  }

  private renderChart(a: FunnelAnalysis) {
    const width = Math.max(240, this.width || 600);
    const g = this.geometry(a.current, a.previous, width, false, false);
    const steps = a.current.steps;
    const narrow = width < 480;
    return html`<svg part="chart" width=${g.width} height=${g.height} viewBox="0 0 ${g.width} ${g.height}" role="group"
        aria-label=${this.t('chartLabel', { stages: a.stages.join(', ') })}
        @keydown=${this.roving.onKeyDown}>
      ${repeat(g.connectors, (c) => c.id, (c) => {
        const s = steps[c.index]!;
        return svg`<path class=${s.missed ? 'connector missed' : 'connector'} part="connector" d=${c.path}></path>
          <text class="conv" x=${c.textX} y=${c.textY} dy="0.35em" text-anchor="middle">↓ ${this.pct(s.fromPrevious)}${
            s.missed ? svg`<tspan class="miss"> ▼${narrow ? '' : ` ${this.t('belowTarget')}`}</tspan>` : nothing
          }${s.nonMonotonic ? svg`<tspan class="grew"> ⚠${narrow ? '' : ` ${this.t('grew')}`}</tspan>` : nothing}<tspan class="muted"> · −${this.fmtCount(Math.max(0, s.dropOff ?? 0))}${
            s.medianDays?.ok && !narrow ? ` · ${this.t('medianDaysShort', { days: formatNumber(this.lang_, s.medianDays.value, 0) })}` : ''
          }</tspan></text>`;
      })}
      ${repeat(g.bars, (b) => b.id, (b) => {
        const s = steps[b.index]!;
        return svg`<g class=${b.index === this.roving.active ? 'stage active' : 'stage'} role="button" tabindex=${this.roving.tabIndex(b.index, steps.length)}
            aria-describedby="stage-desc-${b.index}" data-index=${b.index}
            @click=${() => this.select(s, b.index)} @focus=${() => this.showTip(b.index, g)} @blur=${() => (this.tip = null)}
            @mouseenter=${() => this.showTip(b.index, g)} @mouseleave=${() => (this.tip = null)}>
          <rect class="focus-ring" x=${g.left - 2} y=${b.labelY - 2} width=${g.right - g.left + 4} height=${b.y + b.h - b.labelY + 4}></rect>
          <text class="stage-label" x=${g.left} y=${b.labelY + 14}>${s.stage}</text>
          <text class="stage-count" x=${g.right} y=${b.labelY + 14} text-anchor="end">${this.fmtCount(s.count)}${
            b.index > 0 ? svg`<tspan class="muted"> · ${this.pct(s.fromFirst)}</tspan>` : nothing
          }</text>
          <rect class=${s.missed ? 'bar missed' : 'bar'} part="bar" x=${b.x} y=${b.y} width=${b.w} height=${b.h} rx="3"></rect>
          ${b.previous ? svg`<rect class="prev" x=${b.previous.x} y=${b.y - 2} width=${b.previous.w} height=${b.h + 4} rx="3"></rect>` : nothing}
        </g>`;
      })}
    </svg>
    ${g.scale === 'log' ? html`<p class="scale-note" part="scale-note">${this.t('logScale')}</p>` : nothing}
    <div class="visually-hidden">${steps.map((s) => html`<span id="stage-desc-${s.index}">${this.stageAria(s, steps)}</span>`)}</div>`;
  }

  private stageAria(s: FunnelStep, steps: readonly FunnelStep[]): string {
    const t = this.t;
    if (s.index === 0) return t('stageAriaFirst', { stage: s.stage, count: this.fmtCount(s.count) });
    return t('stageAria', {
      stage: s.stage,
      count: this.fmtCount(s.count),
      fromPrevious: this.pct(s.fromPrevious),
      previous: steps[s.index - 1]!.stage,
      fromFirst: this.pct(s.fromFirst),
      first: steps[0]!.stage,
      target: s.missed ? t('stageAriaTarget', { target: this.pct(s.target) }) : '',
    });
  }

  private select(s: FunnelStep, index: number) {
    this.roving.set(index);
    this.dispatchEvent(kpiEvent('kpi-select', { id: s.stage, kind: 'stage', index }));
  }

  private showTip(index: number, g: FunnelGeometry) {
    const b = g.bars[index];
    if (!b) return;
    const at = pointWithin(this.renderRoot.querySelector('svg[part="chart"]'), this.renderRoot.querySelector('.wrap'), g.centre, b.labelY);
    this.tip = { index, x: at.x, y: at.y };
  }

  private renderTooltip(a: FunnelAnalysis) {
    if (!this.tip) return nothing;
    const steps = a.current.steps;
    const s = steps[this.tip.index];
    if (!s) return nothing;
    const t = this.t;
    const prev = s.index > 0 ? steps[s.index - 1]! : null;
    const first = steps[0]!;
    return tooltip(this.tip, html`
      <strong>${s.stage}: ${this.fmtCount(s.count)}</strong>
      ${prev ? html`<div>${t('tipFromPrevious', { pct: this.pct(s.fromPrevious), stage: prev.stage, count: this.fmtCount(prev.count) })}</div>` : nothing}
      <div>${t('tipFromFirst', { pct: this.pct(s.fromFirst), stage: first.stage, count: this.fmtCount(first.count) })}</div>
      ${prev ? html`<div>${t('tipDropOff', { count: this.fmtCount(s.dropOff), pct: this.pct(s.dropOffRate) })}</div>` : nothing}
      ${s.value !== null ? html`<div>${t('value')}: ${formatMoney(this.lang_, this.currency, s.value)}</div>` : nothing}
      ${s.medianDays?.ok && prev ? html`<div>${t('tipDays', { days: formatNumber(this.lang_, s.medianDays.value), stage: prev.stage })}</div>` : nothing}
      ${s.target !== null ? html`<div>${t('tipTarget', { target: this.pct(s.target), status: s.missed ? `▼ ${t('belowTarget')}` : `✓ ${t('meetsTarget')}` })}</div>` : nothing}`);
  }

  private renderNotices(a: FunnelAnalysis) {
    const t = this.t;
    return html`${a.current.nonMonotonic.length
      ? html`<p class="notice grew" part="notice" role="note">⚠ ${t('grewNotice', { stages: a.current.nonMonotonic.join(', ') })}</p>`
      : nothing}
    ${a.withoutPeriod > 0 && a.period
      ? html`<p class="notice" part="notice" role="note">${t('withoutPeriod', { count: this.fmtCount(a.withoutPeriod), field: this.periodField ?? 'period' })}</p>`
      : nothing}
    ${this.renderRejected()}`;
  }

  private renderSegments(a: FunnelAnalysis) {
    const t = this.t;
    const width = Math.max(240, this.width || 600);
    const cols = gridColumns(width, a.segments.length, width < 700 ? 200 : 230);
    const cellW = Math.floor((width - (cols - 1) * 12) / cols) - 22;
    return html`<h3 class="segments-title">${t('segments', { group: this.groupName() })}</h3>
      ${this.renderMatrix(a)}
      <div class="segments" part="segments" ${cssVars({ '--cols': String(cols) })}>
        ${repeat(a.segments, (s) => s.key, (seg) => {
          const g = this.geometry(seg.funnel, null, cellW, true, true);
          const steps = seg.funnel.steps;
          const name = seg.key === OTHER ? t('other') : seg.key;
          return html`<div class="segment" role="group" aria-label=${t('segmentChartLabel', { segment: name })}
              tabindex="0" @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && this.selectSegment(e, seg.key)}
              @click=${(e: Event) => this.selectSegment(e, seg.key)}>
            <h3>${name} <span class="muted">· ${this.fmtCount(seg.size)} · ${this.pct(seg.funnel.overall)}</span></h3>
            <svg width=${g.width} height=${g.height} viewBox="0 0 ${g.width} ${g.height}" aria-hidden="true">
              ${g.connectors.map((c) => {
                const s = steps[c.index]!;
                return svg`<path class=${s.missed ? 'connector missed' : 'connector'} d=${c.path}></path>
                  <text class="conv" x=${c.textX} y=${c.textY} dy="0.35em" text-anchor="middle">${this.pct(s.fromPrevious)}${s.missed ? svg`<tspan class="miss"> ▼</tspan>` : nothing}</text>`;
              })}
              ${g.bars.map((b) => {
                const s = steps[b.index]!;
                return svg`<text class="stage-label muted" x=${g.left} y=${b.labelY + 12}>${s.stage}</text>
                  <text class="stage-count" x=${g.right} y=${b.labelY + 12} text-anchor="end">${this.fmtCount(s.count)}</text>
                  <rect class=${s.missed ? 'bar missed' : 'bar'} x=${b.x} y=${b.y} width=${b.w} height=${b.h} rx="2"></rect>`;
              })}
            </svg>
          </div>`;
        })}
      </div>`;
  }

  /** The matrix rows in the chosen order; "Other" stays last. */
  private sortedSegments(a: FunnelAnalysis): Segment[] {
    const { key: col, dir } = this.sort;
    const n = a.stages.length;
    const value = (seg: Segment): number | string | null => {
      if (col === -1) return seg.key;
      if (col === 0) return seg.size;
      const m = col >= n ? seg.funnel.overall : seg.funnel.steps[col]!.fromPrevious;
      return m.ok ? m.value : null;
    };
    return sortRows(a.segments, value, dir, { pinLast: (seg) => seg.key === OTHER, locale: this.lang_ });
  }

  private sortBy(col: number) {
    this.sort = nextSort(this.sort, col, col === -1 ? 'ascending' : 'descending');
  }

  /** Segments × steps: every step's conversion on one 0–100 % scale, a tick at the all-segments rate, sortable. */
  private renderMatrix(a: FunnelAnalysis) {
    const t = this.t;
    const steps = a.current.steps;
    const width = Math.max(240, this.width || 600);
    const cols = steps.length; // steps after the first + overall
    const barW = Math.max(48, Math.min(140, Math.floor((width - 220) / cols) - 56));
    const header = (col: number, label: string) => sortHeader({ key: col, label, sort: this.sort, onSort: (k) => this.sortBy(k) });
    const cell = (m: { ok: boolean; value?: number }, ref: { ok: boolean; value?: number }) => {
      const c = matrixCell(m.ok ? m.value! : null, ref.ok ? ref.value! : null, barW);
      return html`<td class=${c.vsReference ?? ''}>
        <span class="rate">${this.pct(m as never)}${c.vsReference === 'below' ? html`<span class="vs" aria-hidden="true"> ▼</span>` : nothing}</span>
        <svg class="cellbar" width=${barW} height="8" aria-hidden="true">
          <rect class="track" width=${barW} height="8" rx="2"></rect>
          <rect class="fill" width=${c.w} height="8" rx="2"></rect>
          ${c.refX !== null ? svg`<line class="ref" x1=${c.refX} x2=${c.refX} y1="-2" y2="10"></line>` : nothing}
        </svg>
        ${c.vsReference ? html`<span class="visually-hidden">${t(c.vsReference === 'below' ? 'belowAll' : c.vsReference === 'above' ? 'aboveAll' : 'equalAll')}</span>` : nothing}
      </td>`;
    };
    return html`<div class="matrix-wrap" role="region" tabindex="0" aria-label=${t('matrixCaption', { group: this.groupName() })}>
      <table class="matrix" part="matrix">
        <caption>${t('matrixCaption', { group: this.groupName() })} <span class="legend">${t('matrixLegend')}</span></caption>
        <thead>
          <tr>
            ${header(-1, t('segment'))}
            ${header(0, steps[0]!.stage)}
            ${steps.slice(1).map((s, i) => header(i + 1, t('stepConversion', { from: steps[i]!.stage, to: s.stage })))}
            ${header(steps.length, t('overall'))}
          </tr>
        </thead>
        <tbody>
          ${repeat(this.sortedSegments(a), (seg) => seg.key, (seg) => html`<tr>
            <th scope="row">${seg.key === OTHER ? t('other') : seg.key}</th>
            <td class="n">${this.fmtCount(seg.size)}</td>
            ${seg.funnel.steps.slice(1).map((s, i) => cell(s.fromPrevious, a.current.steps[i + 1]!.fromPrevious))}
            ${cell(seg.funnel.overall, a.current.overall)}
          </tr>`)}
        </tbody>
      </table>
    </div>`;
  }

  private groupName(): string {
    return this.groupLabel ?? (this.groupBy ?? '').replace(/[_-]+/g, ' ').trim();
  }

  private selectSegment(e: Event, key: string) {
    e.preventDefault();
    this.dispatchEvent(kpiEvent('kpi-select', { id: key, kind: 'segment', group: this.groupBy ?? '' }));
  }

  private renderTable(a: FunnelAnalysis) {
    const t = this.t;
    const steps = a.current.steps;
    const hasValue = steps.some((s) => s.value !== null);
    const hasTarget = steps.some((s) => s.target !== null);
    const hasDays = steps.some((s) => s.medianDays?.ok);
    const prev = a.previous;
    return html`<table class="data" part="table">
        <caption>${t('dataTable')}${a.period ? ` · ${a.period}` : ''}</caption>
        <thead>
          <tr>
            <th scope="col">${t('stage')}</th>
            <th scope="col">${t('count')}</th>
            ${hasValue ? html`<th scope="col">${t('value')}</th>` : nothing}
            <th scope="col">${t('fromPrevious')}</th>
            <th scope="col">${t('fromFirst')}</th>
            <th scope="col">${t('dropOff')}</th>
            <th scope="col">${t('dropOffRate')}</th>
            ${hasTarget ? html`<th scope="col">${t('target')}</th>` : nothing}
            ${hasDays ? html`<th scope="col">${t('medianDays')}</th>` : nothing}
            ${prev ? html`<th scope="col">${t('previousCount', { period: a.previousPeriod ?? '' })}</th><th scope="col">${t('change')}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${steps.map((s, i) => {
            const p = prev?.steps[i];
            return html`<tr>
              <th scope="row">${s.stage}</th>
              <td>${this.fmtCount(s.count)}${s.nonMonotonic ? html` ⚠` : nothing}</td>
              ${hasValue ? html`<td>${formatMoney(this.lang_, this.currency, s.value)}</td>` : nothing}
              <td class=${s.missed ? 'missed' : ''}>${this.pct(s.fromPrevious)}${s.missed ? html` ▼ <span class="visually-hidden">${t('belowTarget')}</span>` : nothing}</td>
              <td>${this.pct(s.fromFirst)}</td>
              <td>${s.dropOff === null ? NA : this.fmtCount(s.dropOff)}</td>
              <td>${this.pct(s.dropOffRate)}</td>
              ${hasTarget ? html`<td>${s.target === null ? NA : this.pct(s.target)}</td>` : nothing}
              ${hasDays ? html`<td>${s.medianDays?.ok ? formatNumber(this.lang_, s.medianDays.value) : NA}</td>` : nothing}
              ${prev ? html`<td>${p ? this.fmtCount(p.count) : NA}</td><td>${a.change?.counts[i] != null ? formatCountDelta(this.lang_, a.change.counts[i]!) : NA}</td>` : nothing}
            </tr>`;
          })}
        </tbody>
      </table>
      ${a.segments.length > 0
        ? html`<table class="data" part="table">
            <caption>${t('segments', { group: this.groupName() })}</caption>
            <thead>
              <tr>
                <th scope="col">${t('segment')}</th>
                <th scope="col">${steps[0]!.stage}</th>
                ${steps.slice(1).map((s, i) => html`<th scope="col">${t('stepConversion', { from: steps[i]!.stage, to: s.stage })}</th>`)}
                <th scope="col">${t('overall')}</th>
              </tr>
            </thead>
            <tbody>
              ${a.segments.map(
                (seg) => html`<tr>
                  <th scope="row">${seg.key === OTHER ? t('other') : seg.key}</th>
                  <td>${this.fmtCount(seg.size)}</td>
                  ${seg.funnel.steps.slice(1).map((s) => html`<td class=${s.missed ? 'missed' : ''}>${this.pct(s.fromPrevious)}${s.missed ? ' ▼' : ''}</td>`)}
                  <td>${this.pct(seg.funnel.overall)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}`;
  }
}

function formatCountDelta(lang: string, v: number): string {
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatCount(lang, Math.abs(v))}`;
}
