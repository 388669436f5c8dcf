/**
 * <kpi-funnel>'s view model: everything the template shows, already computed and formatted.
 * Pure (no lit, no DOM): the summary sentence, the headline figures, the chart geometry at the
 * drawn width (charts/funnel-layout.ts), the segment grid and the sorted matrix, the tooltip,
 * the data tables and the accessible descriptions. Numbers go through core/format with the
 * Intl locale; text through the widget's translator.
 */
import { formatColumn, formatCount, formatMoney, formatNumber, formatPercent, formatPeriod, formatPoints, formatValue, NA, type Unit } from '../../core/format/format.ts';
import type { Translate } from '../../core/i18n/index.ts';
import type { MetricValue } from '../../core/result.ts';
import { sortRows, type SortState } from '../../core/ui/sort.ts';
import { funnelLayout, funnelWidth, matrixBarWidth, NARROW_WIDTH, segmentGrid, type FunnelGeometry } from '../../charts/funnel-layout.ts';
import { matrixCell } from '../../charts/segment-matrix-layout.ts';
import { OTHER, type FunnelAnalysis, type Segment } from '../../kpis/funnel-analysis.ts';
import type { FunnelModel, FunnelStep } from '../../kpis/funnel.ts';
import type { PipelineForecast } from '../../kpis/pipeline-forecast.ts';
import type { Finding } from '../../core/data/quality.ts';
import type { FunnelModel as FunnelWidgetModel, FunnelOptions } from './spec.ts';
import './en.ts'; // this widget's English (it registers itself: core/i18n/en.ts)

/** The analysis the view draws: the what-if, forecast and quality report are optional (plain analyses in tests). */
export type FunnelViewModel = FunnelAnalysis & Partial<Pick<FunnelWidgetModel, 'whatIf' | 'forecast' | 'quality' | 'asOf'>>;

/** What the view needs besides the model: the locale, the translator, the size and the options. */
export interface FunnelViewContext {
  /** Intl locale of every number ('en-GB', 'de'…). */
  readonly locale: string;
  /** The funnel's translator (`t('title')` reads `funnel.title`). */
  readonly t: Translate;
  /** The host's measured width in px (0 before it is measured). */
  readonly width: number;
  /** ISO 4217 code of stage values. */
  readonly currency: string;
  /** The typed options of the last build. */
  readonly options: Pick<FunnelOptions, 'scale' | 'groupLabel' | 'periodField'> & Partial<Pick<FunnelOptions, 'whatIf' | 'forecast'>>;
  /** The `group-by` column, named in headings when `group-label` is not given. */
  readonly groupBy?: string | undefined;
  /** The page's title for the widget; default the translated one. */
  readonly label?: string | undefined;
}

/** Matrix sort key: -1 segment name, 0 size, k = step k's conversion, n (the stage count) = overall. */
export type MatrixSort = SortState<number>;

/** The element's UI state the view depends on. */
export interface FunnelUiState {
  readonly sort: MatrixSort;
  /** The stage holding the keyboard's tab stop (-1: none chosen yet, the first one). */
  readonly active: number;
  /** The stage whose tooltip shows, and where (px, in the widget's wrapper). */
  readonly tip: { readonly index: number; readonly x: number; readonly y: number } | null;
}

export interface StageBarView {
  readonly id: string;
  readonly index: number;
  readonly stage: string;
  readonly count: string;
  /** "12%" of the first stage, after the count (not for the first stage). */
  readonly share: string | null;
  /** "+9.4% vs Q3 2017": the change of the count against the comparison period, or null. */
  readonly change: string | null;
  /** The stage the reader clicked last (kept outlined). */
  readonly selected: boolean;
  readonly missed: boolean;
  readonly active: boolean;
  readonly tabIndex: 0 | -1;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Baseline of the stage's label and count. */
  readonly textY: number;
  /** The focus ring around label and bar. */
  readonly ring: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  /** The comparison period's bar, drawn under the current one. */
  readonly previous: { readonly x: number; readonly y: number; readonly w: number; readonly h: number } | null;
  /** The stage's description for assistive technology. */
  readonly description: string;
}

export interface ConnectorView {
  readonly id: string;
  readonly path: string;
  readonly textX: number;
  readonly textY: number;
  readonly missed: boolean;
  /** The step conversion ("12% converted" in the main chart, "12%" in a segment's; "⚠ grew" for a larger stage). */
  readonly conversion: string;
  /** " ▼ below target" (" ▼" when narrow), or null. */
  readonly miss: string | null;
  /** " ⚠ larger than the stage before" (" ⚠" when narrow), or null. */
  readonly grew: string | null;
  /** " · 8,800 dropped · median 57 days" (main chart only). */
  readonly note: string | null;
}

export interface ChartView {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly bars: readonly StageBarView[];
  readonly connectors: readonly ConnectorView[];
}

export interface LegendItem {
  /** 'current' | 'previous' | 'missed': the swatch's class. */
  readonly kind: 'current' | 'previous' | 'missed';
  readonly label: string;
}

export interface MainChartView extends ChartView {
  readonly label: string;
  /** The log-scale mark on the chart's width axis, or null on the (default) linear scale. */
  readonly logNote: string | null;
  /** One entry per colour the chart uses. */
  readonly legend: readonly LegendItem[];
  /** Where each stage's tooltip points, in the chart's own units (the centre of its label line). */
  readonly anchors: readonly { readonly x: number; readonly y: number }[];
}

export interface HeadlineView {
  readonly overallLabel: string;
  readonly overall: string;
  /** "+5 pp vs 2024-Q1", or null without a comparison. */
  readonly delta: string | null;
  readonly bottleneck: {
    readonly label: string;
    readonly value: string;
    readonly basis: string;
    /** "▼ below target" when the bottleneck missed its target. */
    readonly missed: string | null;
  } | null;
  readonly period: { readonly label: string; readonly value: string } | null;
}

export interface MatrixCellView {
  readonly rate: string;
  /** 'above' | 'below' | 'equal' against all segments together, '' when not comparable. */
  readonly vs: '' | 'above' | 'below' | 'equal';
  readonly fill: number;
  readonly refX: number | null;
  /** The comparison in words, for assistive technology. */
  readonly vsText: string | null;
}

export interface MatrixView {
  readonly caption: string;
  readonly legend: string;
  readonly barWidth: number;
  readonly sort: MatrixSort;
  readonly headers: readonly { readonly key: number; readonly label: string }[];
  readonly rows: readonly { readonly key: string; readonly name: string; readonly size: string; readonly cells: readonly MatrixCellView[] }[];
}

export interface SegmentView {
  readonly key: string;
  readonly name: string;
  readonly label: string;
  /** "· 300 · 4%" after the name. */
  readonly detail: string;
  readonly chart: ChartView;
}

export interface SegmentsView {
  readonly title: string;
  readonly cols: number;
  readonly matrix: MatrixView;
  readonly items: readonly SegmentView[];
}

export interface TableCellView {
  /** The cell's text, marks included (" ▼", " ⚠"). */
  readonly text: string;
  readonly missed: boolean;
  /** Words after the text for assistive technology only, or null. */
  readonly hidden: string | null;
}

export interface TableView {
  readonly caption: string;
  readonly headers: readonly string[];
  readonly rows: readonly { readonly head: string; readonly cells: readonly TableCellView[] }[];
}

export interface TooltipView {
  readonly x: number;
  readonly y: number;
  readonly title: string;
  readonly lines: readonly string[];
}

/** What one step meeting its target is worth: shown beside the bottleneck call-out. */
export interface WhatIfView {
  /** The step shown (the stage it leads into). */
  readonly index: number;
  /** 'bottleneck' by default; 'selected' when the reader chose a stage. */
  readonly basis: 'bottleneck' | 'selected';
  /** "What if · bottleneck". */
  readonly heading: string;
  /** "If Engaging → Won met its 55% target (51.1% now):", or a whole sentence when there is no gain to show. */
  readonly lead: string;
  /** "+327 wins", "+$772,017" (drawn bold after `lead`); empty when the target is met or missing. */
  readonly gains: readonly string[];
  /** The whole sentence, as read out. */
  readonly sentence: string;
  /** How it is computed, with the average won value. */
  readonly note: string | null;
}

/** Expected wins from the open pipeline, by open stage. */
export interface ForecastView {
  readonly title: string;
  /** "2,089 open deals: 1,319 expected wins, $3,114,523 expected value." */
  readonly summary: string;
  readonly caption: string;
  readonly headers: readonly string[];
  /** `rate`: "63.2% win rate", shown under the stage name when narrow (where the rate column is hidden). */
  readonly rows: readonly { readonly head: string; readonly rate: string; readonly cells: readonly string[] }[];
  readonly total: { readonly head: string; readonly cells: readonly string[] };
  readonly note: string;
}

export interface FunnelView {
  readonly title: string;
  readonly summary: string;
  readonly headline: HeadlineView;
  readonly whatIf: WhatIfView | null;
  readonly forecast: ForecastView | null;
  readonly chart: MainChartView;
  /** `quality`: rows kept with a value ignored or flagged (future dates, negative values…), one line per finding. */
  readonly notices: { readonly grew: string | null; readonly withoutPeriod: string | null; readonly quality: readonly string[] };
  readonly segments: SegmentsView | null;
  /** The data tables (and the CSV's rows): worked out on first read, not before the chart's first paint. */
  readonly tables: readonly TableView[];
  readonly tooltip: TooltipView | null;
}

/** The formatters of one locale. */
function formatters(locale: string, currency: string) {
  const count = (v: number | null | undefined) => formatCount(locale, v);
  const pct = (m: MetricValue | number | null | undefined): string => {
    if (m === null || m === undefined) return NA;
    if (typeof m === 'number') return formatPercent(locale, m);
    return m.ok ? formatPercent(locale, m.value) : NA;
  };
  return {
    locale,
    currency,
    count,
    pct,
    /** A column of values sharing one precision. */
    column: (unit: Unit, values: readonly (number | null | undefined)[]) => formatColumn(locale, values, { unit, context: 'table', currency }),
    period: (key: string | null | undefined) => formatPeriod(locale, key),
    money: (v: number | null) => formatMoney(locale, currency, v),
    /** An estimate of money (what-if, forecast): whole currency units, "+" when `signed`. */
    estimate: (v: number, signed = false) => formatValue(locale, v, { unit: 'money', context: 'table', currency, digits: 0, signed }),
    number: (v: number, digits?: number) => formatNumber(locale, v, digits),
    points: (v: number) => formatPoints(locale, v),
    /** A signed count: "+12", "−3", "±0". */
    delta: (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${count(Math.abs(v))}`,
    /** A signed relative change: "+9.4%", "−3%". */
    change: (v: number) => formatValue(locale, v, { unit: 'percent', context: 'table', signed: true }),
  };
}
type Formatters = ReturnType<typeof formatters>;

function geometry(model: FunnelModel, previous: FunnelModel | null, width: number, compact: boolean, scale: FunnelOptions['scale']): FunnelGeometry {
  return funnelLayout(
    model.steps.map((s, i) => ({ id: s.stage, count: s.count, previous: previous?.steps[i]?.count ?? null })),
    // Segment funnels share the first stage's scale within their own cell.
    { width, compact, scale, ...(compact ? { max: model.steps[0]?.count ?? 0 } : {}) },
  );
}

/** The group's name in headings: `group-label`, else the `group-by` column tidied. */
export function groupName(ctx: Pick<FunnelViewContext, 'options' | 'groupBy'>): string {
  return ctx.options.groupLabel ?? (ctx.groupBy ?? '').replace(/[_-]+/g, ' ').trim();
}

/** The one-sentence summary: entered → reached, the bottleneck, and the comparison. */
export function funnelSummary(a: FunnelAnalysis, t: Translate, f: Formatters): string {
  const steps = a.current.steps;
  const first = steps[0]!;
  const last = steps[steps.length - 1]!;
  const parts = [
    t('summary', { first: f.count(first.count), firstStage: first.stage, last: f.count(last.count), lastStage: last.stage, overall: f.pct(a.current.overall) }),
  ];
  const b = a.current.bottleneck;
  if (b) {
    const from = steps[b.index - 1]!.stage;
    parts.push(
      b.basis === 'target'
        ? t('summaryBottleneckTarget', { from, to: b.stage, conv: f.pct(b.conversion), target: f.pct(steps[b.index]!.target) })
        : t('summaryBottleneckWeakest', { from, to: b.stage, conv: f.pct(b.conversion) }),
    );
  }
  if (a.change?.overall != null) {
    parts.push(t('summaryCompare', { period: f.period(a.period), overall: f.pct(a.current.overall), delta: f.points(a.change.overall), previous: f.period(a.previousPeriod) }));
  }
  return parts.join(' ');
}

function headline(a: FunnelAnalysis, t: Translate, f: Formatters): HeadlineView {
  const steps = a.current.steps;
  const b = a.current.bottleneck;
  const delta = a.change?.overall ?? null;
  return {
    overallLabel: t('overall'),
    overall: f.pct(a.current.overall),
    delta: delta !== null ? `${f.points(delta)} ${t('vsPrevious', { period: f.period(a.previousPeriod) })}` : null,
    bottleneck: b
      ? {
          label: t('bottleneck'),
          value: `${steps[b.index - 1]!.stage} → ${b.stage}: ${f.pct(b.conversion)}`,
          basis: b.basis === 'target' ? t('bottleneckTarget') : t('bottleneckWeakest'),
          missed: b.basis === 'target' && steps[b.index]!.missed ? `▼ ${t('belowTarget')}` : null,
        }
      : null,
    period: a.period ? { label: t('period'), value: f.period(a.period) } : null,
  };
}

function stageDescription(s: FunnelStep, steps: readonly FunnelStep[], t: Translate, f: Formatters): string {
  if (s.index === 0) return t('stageAriaFirst', { stage: s.stage, count: f.count(s.count) });
  return t('stageAria', {
    stage: s.stage,
    count: f.count(s.count),
    fromPrevious: f.pct(s.fromPrevious),
    previous: steps[s.index - 1]!.stage,
    fromFirst: f.pct(s.fromFirst),
    first: steps[0]!.stage,
    target: s.missed ? t('stageAriaTarget', { target: f.pct(s.target) }) : '',
  });
}

/** Below this gap to the reference, a segment's rate is level with it, not above or below (1 pp). */
export const LEVEL_TOLERANCE = 0.01;

function mainChart(a: FunnelAnalysis, ctx: FunnelViewContext, ui: FunnelUiState, f: Formatters): MainChartView {
  const t = ctx.t;
  const width = funnelWidth(ctx.width);
  const narrow = width < NARROW_WIDTH;
  const g = geometry(a.current, a.previous, width, false, ctx.options.scale);
  const steps = a.current.steps;
  const prevSteps = a.previous?.steps ?? null;
  const tabStop = ui.active >= 0 && ui.active < steps.length ? ui.active : 0;
  const legend: LegendItem[] = [];
  if (prevSteps) {
    legend.push({ kind: 'current', label: a.period ? f.period(a.period) : t('legendCurrent') });
    legend.push({ kind: 'previous', label: f.period(a.previousPeriod) });
  }
  if (steps.some((s) => s.missed)) {
    if (!prevSteps) legend.push({ kind: 'current', label: t('legendCurrent') });
    legend.push({ kind: 'missed', label: t('legendMissed') });
  }
  return {
    width: g.width,
    height: g.height,
    left: g.left,
    right: g.right,
    label: t('chartLabel', { stages: a.stages.join(', ') }),
    logNote: g.scale === 'log' ? t('logScaleAxis') : null,
    legend,
    anchors: g.bars.map((b) => ({ x: g.centre, y: b.labelY })),
    connectors: g.connectors.map((c) => {
      const s = steps[c.index]!;
      const days = s.medianDays?.ok && !narrow ? ` · ${t('medianDaysShort', { days: f.number(s.medianDays.value, 0) })}` : '';
      // A stage larger than the one before converts nothing and drops nothing: it grew.
      const grew = s.nonMonotonic;
      return {
        id: c.id,
        path: c.path,
        textX: c.textX,
        textY: c.textY,
        missed: s.missed,
        conversion: grew ? '' : t('converted', { pct: f.pct(s.fromPrevious) }),
        miss: s.missed && !grew ? ` ▼${narrow ? '' : ` ${t('belowTarget')}`}` : null,
        grew: grew ? `⚠ ${t('grewShort')}` : null,
        note: grew ? (days ? days : null) : ` · ${t('dropped', { count: f.count(Math.max(0, s.dropOff ?? 0)) })}${days}`,
      };
    }),
    bars: g.bars.map((b) => {
      const s = steps[b.index]!;
      const p = prevSteps?.[b.index] ?? null;
      const rel = p && p.count > 0 ? s.count / p.count - 1 : null;
      // With a comparison, the bar's band holds two bars: this period on top, the previous below.
      const curH = b.previous ? Math.round(b.h * 0.6) : b.h;
      return {
        id: b.id,
        index: b.index,
        stage: s.stage,
        count: f.count(s.count),
        share: b.index > 0 ? f.pct(s.fromFirst) : null,
        change: rel === null ? null : narrow ? f.change(rel) : t('changeVs', { change: f.change(rel), period: f.period(a.previousPeriod) }),
        selected: b.index === ui.active,
        missed: s.missed,
        active: b.index === ui.active,
        tabIndex: b.index === tabStop ? 0 : -1,
        x: b.x,
        y: b.y,
        w: b.w,
        h: curH,
        textY: b.labelY + 14,
        ring: { x: g.left - 2, y: b.labelY - 2, w: g.right - g.left + 4, h: b.y + b.h - b.labelY + 4 },
        previous: b.previous ? { x: b.previous.x, y: b.y + curH + 2, w: b.previous.w, h: b.h - curH - 2 } : null,
        description: stageDescription(s, steps, t, f),
      };
    }),
  };
}

function segmentChart(model: FunnelModel, width: number, scale: FunnelOptions['scale'], f: Formatters, rates?: readonly string[]): ChartView {
  const g = geometry(model, null, width, true, scale);
  const steps = model.steps;
  return {
    width: g.width,
    height: g.height,
    left: g.left,
    right: g.right,
    connectors: g.connectors.map((c) => {
      const s = steps[c.index]!;
      return { id: c.id, path: c.path, textX: c.textX, textY: c.textY, missed: s.missed, conversion: rates?.[c.index - 1] ?? f.pct(s.fromPrevious), miss: s.missed ? ' ▼' : null, grew: null, note: null };
    }),
    bars: g.bars.map((b) => {
      const s = steps[b.index]!;
      return {
        id: b.id,
        index: b.index,
        stage: s.stage,
        count: f.count(s.count),
        share: null,
        change: null,
        selected: false,
        missed: s.missed,
        active: false,
        tabIndex: -1,
        x: b.x,
        y: b.y,
        w: b.w,
        h: b.h,
        textY: b.labelY + 12,
        ring: { x: g.left, y: b.labelY, w: g.right - g.left, h: b.y + b.h - b.labelY },
        previous: null,
        description: '',
      };
    }),
  };
}

/** The matrix rows in the chosen order; "Other" stays last whatever the order. */
export function sortSegments(a: FunnelAnalysis, sort: MatrixSort, locale: string): Segment[] {
  const n = a.stages.length;
  const value = (seg: Segment): number | string | null => {
    if (sort.key === -1) return seg.key;
    if (sort.key === 0) return seg.size;
    const m = sort.key >= n ? seg.funnel.overall : seg.funnel.steps[sort.key]!.fromPrevious;
    return m.ok ? m.value : null;
  };
  return sortRows(a.segments, value, sort.dir, { pinLast: (seg) => seg.key === OTHER, locale });
}

function matrix(a: FunnelAnalysis, ctx: FunnelViewContext, ui: FunnelUiState, f: Formatters, width: number): MatrixView {
  const t = ctx.t;
  const steps = a.current.steps;
  // The rate columns: each step after the first, and overall.
  const barWidth = matrixBarWidth(width, steps.length);
  const rows = sortSegments(a, ui.sort, ctx.locale);
  // One precision per column: each rate column, and the size column, formatted together.
  const rateColumns = [
    ...steps.slice(1).map((_, i) => f.column('percent', rows.map((seg) => metricNumber(seg.funnel.steps[i + 1]!.fromPrevious)))),
    f.column('percent', rows.map((seg) => metricNumber(seg.funnel.overall))),
  ];
  const sizes = f.column('count', rows.map((seg) => seg.size));
  const cell = (m: MetricValue, ref: MetricValue, rate: string): MatrixCellView => {
    const c = matrixCell(m.ok ? m.value : null, ref.ok ? ref.value : null, barWidth);
    // Within the tolerance band a rate is level with all segments: not flagged.
    const vs = c.vsReference && m.ok && ref.ok && Math.abs(m.value - ref.value) < LEVEL_TOLERANCE ? 'equal' : c.vsReference;
    return {
      rate,
      vs: vs ?? '',
      fill: c.w,
      refX: c.refX,
      vsText: vs ? t(vs === 'below' ? 'belowAll' : vs === 'above' ? 'aboveAll' : 'equalAll') : null,
    };
  };
  const group = groupName(ctx);
  return {
    caption: t('matrixCaption', { group }),
    legend: t('matrixLegend'),
    barWidth,
    sort: ui.sort,
    headers: [
      { key: -1, label: t('segment') },
      { key: 0, label: steps[0]!.stage },
      ...steps.slice(1).map((s, i) => ({ key: i + 1, label: t('stepConversion', { from: steps[i]!.stage, to: s.stage }) })),
      { key: steps.length, label: t('overall') },
    ],
    rows: rows.map((seg, r) => ({
      key: seg.key,
      name: seg.key === OTHER ? t('other') : seg.key,
      size: sizes[r]!,
      cells: [
        ...seg.funnel.steps.slice(1).map((s, i) => cell(s.fromPrevious, steps[i + 1]!.fromPrevious, rateColumns[i]![r]!)),
        cell(seg.funnel.overall, a.current.overall, rateColumns[steps.length - 1]![r]!),
      ],
    })),
  };
}

const metricNumber = (m: MetricValue): number | null => (m.ok ? m.value : null);

/** Segments in their natural order (largest first, as computed) with "Other" last. */
function otherLast(segs: readonly Segment[]): Segment[] {
  return [...segs.filter((s) => s.key !== OTHER), ...segs.filter((s) => s.key === OTHER)];
}

function segments(a: FunnelAnalysis, ctx: FunnelViewContext, ui: FunnelUiState, f: Formatters): SegmentsView | null {
  if (a.segments.length === 0) return null;
  const t = ctx.t;
  const width = funnelWidth(ctx.width);
  const grid = segmentGrid(width, a.segments.length);
  // The small multiples write each rate as the matrix and the table do: one precision per step.
  const segs = otherLast(a.segments);
  const steps = a.current.steps;
  const stepCols = steps.slice(1).map((_, k) => f.column('percent', segs.map((seg) => metricNumber(seg.funnel.steps[k + 1]!.fromPrevious))));
  const overall = f.column('percent', segs.map((seg) => metricNumber(seg.funnel.overall)));
  return {
    title: t('segments', { group: groupName(ctx) }),
    cols: grid.cols,
    matrix: matrix(a, ctx, ui, f, width),
    items: segs.map((seg, i) => {
      const name = seg.key === OTHER ? t('other') : seg.key;
      return {
        key: seg.key,
        name,
        label: t('segmentChartLabel', { segment: name }),
        detail: `· ${f.count(seg.size)} · ${overall[i]}`,
        chart: segmentChart(seg.funnel, grid.cellWidth, ctx.options.scale, f, stepCols.map((c) => c[i]!)),
      };
    }),
  };
}

function tooltip(a: FunnelAnalysis, ui: FunnelUiState, t: Translate, f: Formatters): TooltipView | null {
  if (!ui.tip) return null;
  const steps = a.current.steps;
  const s = steps[ui.tip.index];
  if (!s) return null;
  const prev = s.index > 0 ? steps[s.index - 1]! : null;
  const first = steps[0]!;
  const lines: string[] = [];
  if (prev) lines.push(t('tipFromPrevious', { pct: f.pct(s.fromPrevious), stage: prev.stage, count: f.count(prev.count) }));
  lines.push(t('tipFromFirst', { pct: f.pct(s.fromFirst), stage: first.stage, count: f.count(first.count) }));
  if (prev) lines.push(t('tipDropOff', { count: f.count(s.dropOff), pct: f.pct(s.dropOffRate) }));
  if (s.value !== null) lines.push(`${t('value')}: ${f.money(s.value)}`);
  if (s.medianDays?.ok && prev) lines.push(t('tipDays', { days: f.number(s.medianDays.value), stage: prev.stage }));
  if (s.target !== null) lines.push(t('tipTarget', { target: f.pct(s.target), status: s.missed ? `▼ ${t('belowTarget')}` : `✓ ${t('meetsTarget')}` }));
  const p = a.previous?.steps[s.index];
  if (p) lines.push(t('tipPrevious', { period: f.period(a.previousPeriod), count: f.count(p.count), change: p.count > 0 ? f.change(s.count / p.count - 1) : f.delta(s.count - p.count) }));
  return { x: ui.tip.x, y: ui.tip.y, title: `${s.stage}: ${f.count(s.count)}`, lines };
}

const text = (v: string, missed = false, hidden: string | null = null): TableCellView => ({ text: v, missed, hidden });

/** A count that may be fractional (expected or extra wins): whole from 10 up, else one decimal. */
const fractional = (f: Formatters, v: number) => f.number(v, Math.abs(v) >= 10 ? 0 : 1);
const signed = (s: string) => (s === NA || s.startsWith('+') ? s : `+${s}`);

/** The what-if of the selected step (a stage after the first), else of the bottleneck; null when off or no step has a target. */
function whatIfView(a: FunnelViewModel, ctx: FunnelViewContext, ui: FunnelUiState, f: Formatters): WhatIfView | null {
  const t = ctx.t;
  const steps = a.current.steps;
  if (ctx.options.whatIf === 'off' || !a.whatIf || a.whatIf.length === 0 || !steps.some((s) => s.target !== null)) return null;
  const selected = ui.active >= 1 && ui.active < steps.length;
  const index = selected ? ui.active : a.current.bottleneck?.index;
  const w = index === undefined ? undefined : a.whatIf[index - 1];
  if (!w) return null;
  const step = { from: w.from, to: w.stage, target: f.pct(w.target), actual: f.pct(w.actual) };
  let lead: string;
  const gains: string[] = [];
  if (w.target === null) lead = t('whatIfNoTarget', step);
  else if (!w.actual.ok) lead = t('whatIfEmpty', step);
  else if (w.met || (w.extraConversions.ok && w.extraConversions.value === 0)) lead = t('whatIfMet', step);
  else {
    lead = t('whatIfLead', step);
    const extra = w.extraConversions.ok ? w.extraConversions.value : 0;
    if (w.stage !== w.last) gains.push(t('whatIfReached', { count: signed(fractional(f, extra)), stage: w.stage }));
    gains.push(w.extraWins.ok ? t('whatIfWins', { count: signed(fractional(f, w.extraWins.value)) }) : t('whatIfWinsUnknown'));
    if (w.extraValue.ok) gains.push(f.estimate(w.extraValue.value, true));
  }
  const note = gains.length === 0 ? null : w.averageValue.ok && w.extraValue.ok ? t('whatIfNoteValue', { avg: f.money(w.averageValue.value), last: w.last }) : t('whatIfNote');
  return {
    index: w.index,
    basis: selected ? 'selected' : 'bottleneck',
    heading: t(selected ? 'whatIfSelected' : 'whatIfBottleneck'),
    lead,
    gains,
    sentence: gains.length ? `${lead} ${gains.join(', ')}.` : lead,
    note,
  };
}

/** The forecast table of the open pipeline; null when off or when no deal is open. */
function forecastView(fc: PipelineForecast | null | undefined, ctx: FunnelViewContext, f: Formatters): ForecastView | null {
  if (!fc || ctx.options.forecast === 'off' || fc.open === 0) return null;
  const t = ctx.t;
  const metric = (m: { ok: boolean; value?: number }, g: (v: number) => string) => (m.ok ? g(m.value!) : NA);
  const wins = (m: PipelineForecast['expectedWins']) => metric(m, (v) => fractional(f, v));
  const money = (m: PipelineForecast['expectedValue']) => metric(m, (v) => f.estimate(v));
  const rates = f.column('percent', fc.stages.map((s) => metricNumber(s.winRate)));
  const opens = f.column('count', [...fc.stages.map((s) => s.open), fc.open]);
  const withoutValue = fc.stages.reduce((n, s) => n + s.open - s.valued, 0);
  return {
    title: t('forecastTitle'),
    summary: t('forecastSummary', { count: f.count(fc.open), wins: wins(fc.expectedWins), value: money(fc.expectedValue) }),
    caption: t('forecastCaption'),
    headers: [t('openStage'), t('openDeals'), t('historicalWinRate'), t('expectedWins'), t('expectedValue')],
    rows: fc.stages.map((s, k) => ({ head: s.stage, rate: t('winRateShort', { rate: rates[k]! }), cells: [opens[k]!, rates[k]!, wins(s.expectedWins), money(s.expectedValue)] })),
    total: { head: t('total'), cells: [opens[fc.stages.length]!, '', wins(fc.expectedWins), money(fc.expectedValue)] },
    note: `${t('forecastNote', { won: f.count(fc.won), lost: f.count(fc.lost) })}${withoutValue > 0 && fc.averageWonValue.ok ? ` ${t('forecastAvgNote', { count: f.count(withoutValue), avg: f.money(fc.averageWonValue.value) })}` : ''}`,
  };
}

/** One line per data-quality finding that kept its row (excluded rows are in the rejected-rows notice). */
function qualityNotices(findings: readonly Finding[] | undefined, asOf: string | undefined, t: Translate, f: Formatters): string[] {
  return (findings ?? [])
    .filter((x) => x.action !== 'excluded')
    .map((x) => {
      const p = { count: f.count(x.rows.length), field: x.field, asOf: f.period(asOf ?? null), examples: (x.examples ?? []).slice(0, 3).join(', ') };
      return x.class === 'future-date' ? t('flagFuture', p) : x.class === 'negative' ? t('flagNegative', p) : x.class === 'domain' ? t('flagOrder', p) : t('flagOther', p);
    });
}

function tables(a: FunnelViewModel, ctx: FunnelViewContext, f: Formatters): TableView[] {
  const t = ctx.t;
  const steps = a.current.steps;
  const values = steps.map((s) => s.value);
  const distinctValues = new Set(values.filter((v) => v !== null));
  // A value that is the same at every stage carrying one (won deals' value, counted at each
  // stage they passed) says nothing per row: it goes in the caption, with the stage it belongs to.
  const valueOnce = distinctValues.size === 1;
  const hasValue = distinctValues.size > 1;
  const hasTarget = steps.some((s) => s.target !== null);
  const hasDays = steps.some((s) => s.medianDays?.ok);
  // What meeting each step's target is worth, in the table too (all steps, not only the one shown).
  const whatIfs = ctx.options.whatIf !== 'off' && hasTarget && a.whatIf && a.whatIf.length === steps.length - 1 ? a.whatIf : null;
  const hasWhatIfValue = whatIfs !== null && whatIfs.some((w) => w.extraValue.ok && w.extraValue.value > 0);
  const ifWins = (i: number) => {
    const w = whatIfs?.[i - 1];
    return !w || !w.extraWins.ok ? NA : w.extraWins.value === 0 ? f.count(0) : signed(fractional(f, w.extraWins.value));
  };
  const ifValue = (i: number) => {
    const w = whatIfs?.[i - 1];
    return !w || !w.extraValue.ok ? NA : f.estimate(w.extraValue.value, true);
  };
  const prev = a.previous;
  const lastValued = [...steps].reverse().find((s) => s.value !== null);
  // One precision per column.
  const col = {
    count: f.column('count', steps.map((s) => s.count)),
    value: hasValue ? values.map((v) => (v === null ? NA : f.money(v))) : [],
    fromPrevious: f.column('percent', steps.map((s) => (s.index === 0 ? null : metricNumber(s.fromPrevious)))),
    fromFirst: f.column('percent', steps.map((s) => metricNumber(s.fromFirst))),
    dropOff: f.column('count', steps.map((s) => s.dropOff)),
    dropOffRate: f.column('percent', steps.map((s) => (s.index === 0 ? null : metricNumber(s.dropOffRate)))),
    target: f.column('percent', steps.map((s) => s.target)),
    days: f.column('number', steps.map((s) => (s.medianDays?.ok ? s.medianDays.value : null))),
  };
  const main: TableView = {
    caption: `${t('dataTable')}${a.period ? ` · ${f.period(a.period)}` : ''}${valueOnce && lastValued ? ` · ${t('valueNote', { stage: lastValued.stage, value: f.money(lastValued.value) })}` : ''}`,
    headers: [
      t('stage'),
      t('count'),
      ...(hasValue ? [t('value')] : []),
      t('fromPrevious'),
      t('fromFirst'),
      t('dropOff'),
      t('dropOffRate'),
      ...(hasTarget ? [t('target')] : []),
      ...(hasDays ? [t('medianDays')] : []),
      ...(whatIfs ? [t('ifMetWins')] : []),
      ...(hasWhatIfValue ? [t('ifMetValue')] : []),
      ...(prev ? [t('previousCount', { period: f.period(a.previousPeriod) }), t('change')] : []),
    ],
    rows: steps.map((s, i) => {
      const p = prev?.steps[i];
      const change = a.change?.counts[i];
      return {
        head: s.stage,
        cells: [
          text(`${col.count[i]}${s.nonMonotonic ? ' ⚠' : ''}`),
          ...(hasValue ? [text(col.value[i]!)] : []),
          s.missed ? text(`${col.fromPrevious[i]} ▼`, true, t('belowTarget')) : text(col.fromPrevious[i]!),
          text(col.fromFirst[i]!),
          text(s.dropOff === null ? NA : col.dropOff[i]!),
          text(col.dropOffRate[i]!),
          ...(hasTarget ? [text(col.target[i]!)] : []),
          ...(hasDays ? [text(col.days[i]!)] : []),
          ...(whatIfs ? [text(ifWins(i))] : []),
          ...(hasWhatIfValue ? [text(ifValue(i))] : []),
          ...(prev ? [text(p ? f.count(p.count) : NA), text(change != null ? f.delta(change) : NA)] : []),
        ],
      };
    }),
  };
  if (a.segments.length === 0) return [main];
  const segs = otherLast(a.segments);
  const sizes = f.column('count', segs.map((seg) => seg.size));
  const stepCols = steps.slice(1).map((_, k) => f.column('percent', segs.map((seg) => metricNumber(seg.funnel.steps[k + 1]!.fromPrevious))));
  const overall = f.column('percent', segs.map((seg) => metricNumber(seg.funnel.overall)));
  const bySegment: TableView = {
    caption: t('segments', { group: groupName(ctx) }),
    headers: [t('segment'), steps[0]!.stage, ...steps.slice(1).map((s, i) => t('stepConversion', { from: steps[i]!.stage, to: s.stage })), t('overall')],
    rows: segs.map((seg, r) => ({
      head: seg.key === OTHER ? t('other') : seg.key,
      cells: [
        text(sizes[r]!),
        ...seg.funnel.steps.slice(1).map((s, k) => (s.missed ? text(`${stepCols[k]![r]} ▼`, true) : text(stepCols[k]![r]!))),
        text(overall[r]!),
      ],
    })),
  };
  return [main, bySegment];
}

/** The whole view of a non-empty analysis. */
export function buildFunnelView(a: FunnelViewModel, ctx: FunnelViewContext, ui: FunnelUiState): FunnelView {
  const t = ctx.t;
  const f = formatters(ctx.locale, ctx.currency);
  // The data tables are built on first read: their hidden copy is drawn a frame after the chart
  // (core/ui/table-toggle.ts), and the CSV reads them on download.
  let tableViews: readonly TableView[] | undefined;
  // The forecast and the breakdown too: the first render draws the chart alone.
  let forecastV: ForecastView | null | undefined;
  let segmentsV: SegmentsView | null | undefined;
  return {
    title: ctx.label ?? t('title'),
    summary: funnelSummary(a, t, f),
    headline: headline(a, t, f),
    whatIf: whatIfView(a, ctx, ui, f),
    get forecast() {
      return forecastV === undefined ? (forecastV = forecastView(a.forecast, ctx, f)) : forecastV;
    },
    chart: mainChart(a, ctx, ui, f),
    notices: {
      grew: a.current.nonMonotonic.length ? `⚠ ${t('grewNotice', { stages: a.current.nonMonotonic.join(', ') })}` : null,
      withoutPeriod: a.withoutPeriod > 0 && a.period ? t('withoutPeriod', { count: f.count(a.withoutPeriod), field: ctx.options.periodField ?? 'period' }) : null,
      quality: qualityNotices(a.quality?.findings, a.asOf, t, f),
    },
    get segments() {
      return segmentsV === undefined ? (segmentsV = segments(a, ctx, ui, f)) : segmentsV;
    },
    get tables() {
      return (tableViews ??= tables(a, ctx, f));
    },
    tooltip: tooltip(a, ui, t, f),
  };
}
