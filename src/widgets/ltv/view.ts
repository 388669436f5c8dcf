/**
 * <kpi-ltv>'s view model: the LTV model + the element's context (locale, translator,
 * currency, width) + UI state (table sorts, the histogram's active bar) → everything the
 * template draws, already formatted: texts, chart geometry from src/charts layouts, sorted
 * customer tables (core/ui/sort.ts), the parameter table and the LTV:CAC bullet. Pure: no
 * lit, no DOM; testable in node (test/unit/ltv-view.test.ts).
 */
import { formatColumn, formatCount, formatMetric, formatMoney, formatNumber, formatPercent, formatValue, NA } from '../../core/format/format.ts';
import type { Translate } from '../../core/i18n/index.ts';
import { nextSort, sortRows, type SortState } from '../../core/ui/sort.ts';
import type { XTick, YTick } from '../../core/ui/geometry.ts';
import type { Progress } from '../../core/element/spec.ts';
import type { MetricValue } from '../../core/result.ts';
import { histogramLayout } from '../../charts/histogram-layout.ts';
import { cohortLayout } from '../../charts/cohort-layout.ts';
import { bulletLayout, type BulletLayout } from '../../charts/bullet-layout.ts';
import { cltvMeta } from '../../kpis/cltv.ts';
import { ltvHistoricalMeta } from '../../kpis/ltv-historical.ts';
import { clvPredictiveMeta } from '../../models/clv-predictive-meta.ts';
import { MIN_REPEAT_CUSTOMERS, type Cohort } from './model.ts';
import type { CustomerRow } from './customers.ts';
import type { LtvModel, LtvResult } from './pipeline.ts';
import { buildHoldoutView, type HoldoutView } from './holdout-view.ts';
import './en.ts'; // this widget's English (it registers itself: core/i18n/en.ts)

/** Cohort lines drawn at most (the largest cohorts); all are in the data table. */
export const MAX_COHORT_LINES = 8;

export type LtvSortKey = 'id' | 'transactions' | 'revenue' | 'last' | 'value' | 'probabilityAlive' | 'expectedPurchases' | 'expectedSpend' | 'valueAtStake';
export type TableKind = 'top' | 'risk';
export type LtvSorts = Readonly<Record<TableKind, SortState<LtvSortKey>>>;

export const DEFAULT_SORTS: LtvSorts = {
  top: { key: 'value', dir: 'descending' },
  risk: { key: 'valueAtStake', dir: 'descending' },
};

/** The sorts after a click on `key` in table `kind`: ids and dates start ascending, figures descending. */
export function nextLtvSort(sorts: LtvSorts, kind: TableKind, key: LtvSortKey): LtvSorts {
  return { ...sorts, [kind]: nextSort(sorts[kind], key, key === 'id' || key === 'last' ? 'ascending' : 'descending') };
}

export interface LtvViewContext {
  /** The Intl locale of every number and date. */
  readonly locale: string;
  /** The widget's translator (namespace `ltv`). */
  readonly t: Translate;
  readonly currency: string;
  /** The element's width in px; 0 before it is measured. */
  readonly width: number;
}

export interface LtvUiState {
  readonly sorts: LtvSorts;
  /** The histogram bar that holds the tab stop (RovingFocus.active); -1 for none. */
  readonly activeBin: number;
}

export interface StatView {
  readonly label: string;
  readonly value: string;
  readonly detail?: string;
  readonly main?: boolean;
}

export interface ParamRowView {
  readonly model: string;
  /** Four parameter cells ('' where a model has fewer). */
  readonly cells: readonly string[];
  readonly logLik: string;
  /** One line for narrow screens: "r = 0.243, α = 4.414, … · Log-likelihood −9,582.4". */
  readonly line: string;
}

export interface ParamsView {
  readonly caption: string;
  /** Phones: one line per model instead of the table. */
  readonly narrow: boolean;
  readonly head: { readonly model: string; readonly params: string; readonly logLik: string };
  readonly rows: readonly ParamRowView[];
  readonly notConverged: string | null;
  /** The population the model was fitted on: "Fitted on 946 repeat customers (2,357 customers …)". */
  readonly fitted: string;
}

export interface MethodView {
  /** What the headline means, in a manager's words: shown first, outside the disclosure. */
  readonly meaning: string | null;
  /** The disclosure's label: model details are closed by default. */
  readonly details: string;
  readonly name: string;
  readonly why: string;
  readonly how: string;
  /** How the lifespan was set (simple CLTV only). */
  readonly life: string | null;
  readonly margin: string;
  /** "Formula: …", for screen readers. */
  readonly formula: string;
  readonly params: ParamsView | null;
}

export interface TextAt {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  /** SVG text-anchor; middle when absent. */
  readonly anchor?: 'start' | 'middle' | 'end';
}

export interface AxisView<T> {
  readonly ticks: readonly T[];
  readonly format: (value: number) => string;
}

export interface BinView {
  readonly id: string;
  readonly index: number;
  readonly active: boolean;
  readonly tabIndex: 0 | -1;
  readonly overflow: boolean;
  /** Accessible name and tooltip text. */
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  /** At least 1 px for a bar with customers. */
  readonly h: number;
  /** Where the tooltip points: the bar's top centre. */
  readonly tipX: number;
}

export interface HistogramView {
  readonly caption: string;
  readonly methodNote: string;
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
  /** Height of the plot: each bar's hover target spans it. */
  readonly plotHeight: number;
  readonly label: string;
  readonly y: AxisView<YTick>;
  readonly x: AxisView<XTick> & { readonly y: number };
  readonly overflowLabel: TextAt | null;
  readonly axisTitle: TextAt;
  readonly bars: readonly BinView[];
  /** The capped first bar's note and mark ("cut at the axis top: 1,761 customers"), or null. */
  readonly capped: { readonly note: string; readonly mark: TextAt } | null;
  readonly mean: { readonly x: number; readonly y1: number; readonly y2: number; readonly label: TextAt } | null;
}

export interface CohortLineView {
  readonly id: string;
  /** Colour class (c0–c5, dashed from the seventh line). */
  readonly cls: string;
  readonly path: string;
  readonly end: { readonly x: number; readonly y: number };
  readonly labelX: number;
  readonly labelY: number;
}

export interface CohortsView {
  readonly caption: string;
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
  readonly y: AxisView<YTick>;
  readonly x: AxisView<XTick> & { readonly y: number };
  readonly axisTitle: TextAt;
  readonly lines: readonly CohortLineView[];
  readonly note: string | null;
}

export interface BulletView {
  readonly title: string;
  readonly value: string;
  readonly target: string;
  readonly status: { readonly text: string; readonly good: boolean } | null;
  readonly geometry: BulletLayout;
  readonly tick: (value: number) => string;
  readonly label: string;
  readonly stats: readonly StatView[];
}

export interface CustomerTableView {
  readonly kind: TableKind;
  readonly title: string;
  readonly note: string | null;
  /** Shown instead of the table when there are no rows. */
  readonly empty: string | null;
  readonly sort: SortState<LtvSortKey>;
  readonly columns: readonly { readonly key: LtvSortKey; readonly label: string }[];
  readonly rows: readonly { readonly id: string; readonly select: string; readonly cells: readonly string[] }[];
}

export interface DataTableView {
  readonly caption: string;
  readonly head: readonly string[];
  /** First cell is the row header. */
  readonly rows: readonly (readonly string[])[];
}

export interface LtvView {
  readonly summary: string;
  readonly headline: readonly StatView[];
  readonly method: MethodView;
  readonly histogram: HistogramView;
  readonly cohorts: CohortsView;
  readonly bullet: BulletView | null;
  /** The at-risk table (predictive only), then the top customers. */
  readonly tables: readonly CustomerTableView[];
  readonly data: readonly DataTableView[];
  /** Predicted against actual purchases after the calibration end (predictive, data past it), or null. */
  readonly holdout: HoldoutView | null;
}

export interface ProgressView {
  readonly text: string;
  /** Done, 0–1, when the total is known. */
  readonly value?: number;
  readonly label: string;
}

/** Formatters bound to the context. */
function formatters(ctx: LtvViewContext) {
  const { locale, currency } = ctx;
  const money = (v: number | null | undefined, compact = false) => formatMoney(locale, currency, v, compact);
  return {
    money,
    count: (v: number | null | undefined) => formatCount(locale, v),
    pct: (v: number | null | undefined) => formatPercent(locale, v),
    num: (v: number | null | undefined, digits = 2) => formatNumber(locale, v, digits),
    mv: (m: MetricValue | undefined, f: (v: number) => string) => formatMetric(m, f),
    /** Axis ticks in one precision (core/format's formatColumn): "$800, $1,000", never "$800.00, $1,000". */
    tickMoney: (all: readonly number[]) => {
      const texts = formatColumn(locale, all, { unit: 'money', context: 'axis', currency });
      return (v: number) => texts[all.indexOf(v)] ?? money(v, true);
    },
    tickCount: (all: readonly number[]) => {
      const texts = formatColumn(locale, all, { unit: 'count', context: 'axis' });
      return (v: number) => texts[all.indexOf(v)] ?? formatCount(locale, v);
    },
    /** A column of amounts in one precision. */
    moneyColumn: (all: readonly (number | null | undefined)[]) => formatColumn(locale, all, { unit: 'money', context: 'table', currency }),
    pctColumn: (all: readonly (number | null | undefined)[]) => formatColumn(locale, all, { unit: 'percent', context: 'table' }),
    months: (v: number) => formatValue(locale, v, { unit: 'months', context: 'table', digits: 1 }),
  };
}
type Fmt = ReturnType<typeof formatters>;

/** The progress of a long read or fit, as the loading view shows it. */
export function buildLtvProgress(p: Progress, ctx: LtvViewContext): ProgressView {
  const pct = p.total ? p.done / p.total : undefined;
  const text = ctx.t(`progress.${p.stage}`, { done: formatCount(ctx.locale, p.done), pct: pct !== undefined ? formatPercent(ctx.locale, pct) : '' });
  return { text, ...(pct !== undefined ? { value: pct } : {}), label: ctx.t('progressLabel') };
}

function methodLabel(r: LtvResult, t: Translate): string {
  const base = t(`method.${r.method}`);
  return r.method === 'predictive' && r.predictive ? `${base}, ${r.predictive.horizon} ${t(`unit.${r.predictive.unit}`)}` : base;
}

function summary(r: LtvResult, ctx: LtvViewContext, f: Fmt): string {
  const t = ctx.t;
  if (!r.ltv.ok) return t('summaryNa', { reason: t(`reason.${r.ltv.reason}`) });
  return t('summary', {
    ltv: f.money(r.ltv.value),
    method: methodLabel(r, t),
    customers: f.count(r.customers),
    transactions: f.count(r.transactions),
    from: r.from ?? '',
    to: r.to ?? '',
  });
}

function headline(r: LtvResult, ctx: LtvViewContext, f: Fmt): StatView[] {
  const t = ctx.t;
  const p = r.predictive;
  return [
    { label: t('ltv'), value: f.mv(r.ltv, (v) => f.money(v)), detail: t(`methodName.${r.method}`), main: true },
    {
      label: t('customers'),
      value: f.count(r.customers),
      detail: `${t('repeatCustomers')}: ${f.count(r.repeatCustomers)}${r.method === 'predictive' && p?.params ? ` · ${t('fittedShort', { repeat: f.count(p.params.repeatCustomers), date: p.calibrationEnd ?? '' })}` : ''}`,
    },
    { label: t('revenue'), value: f.money(r.revenue, true), detail: `${f.count(r.transactions)} ${t('transactions').toLowerCase()}` },
    // An assumed margin (none given: values are revenue) gets no tile of its own.
    ...(r.marginSource === 'none' ? [] : [{ label: t('grossMargin'), value: f.mv(r.grossMargin, f.pct) }]),
    ...(r.method === 'predictive' && p?.ok ? [{ label: t('meanAlive'), value: f.mv(p.meanProbabilityAlive, f.pct) }] : []),
  ];
}

function how(r: LtvResult, ctx: LtvViewContext, f: Fmt): string {
  const t = ctx.t;
  const agm = f.mv(r.grossMargin, f.pct);
  if (r.method === 'historical') return t('how.historical', { agm });
  if (r.method === 'simple') {
    return t('how.simple', {
      apv: f.mv(r.simple.avgPurchaseValue, (v) => f.money(v)),
      freq: f.mv(r.simple.purchaseFrequency, (v) => f.num(v)),
      life: f.mv(r.simple.lifespan, (v) => f.num(v)),
      agm,
    });
  }
  const p = r.predictive!;
  return t('how.predictive', { agm, horizon: formatNumber(ctx.locale, p.horizon, 1), unit: t(`unit.${p.unit}`), rate: ratePer(p, ctx, f), calEnd: p.calibrationEnd ?? '' });
}

/** "10% a year (0.183% per week)". */
function ratePer(p: NonNullable<LtvResult['predictive']>, ctx: LtvViewContext, f: Fmt): string {
  return ctx.t('ratePer', { annual: f.pct(p.annualDiscountRate), perUnit: formatPercent(ctx.locale, p.discountRatePerUnit, 3), unit: ctx.t(`unitOne.${p.unit}`) });
}

function params(r: LtvResult, ctx: LtvViewContext): ParamsView | null {
  const p = r.predictive?.params;
  if (!p) return null;
  const t = ctx.t;
  const f3 = (v: number) => formatNumber(ctx.locale, v, 3);
  const row = (model: string, cells: string[], logLik: number): ParamRowView => {
    const ll = formatNumber(ctx.locale, logLik, 1);
    return { model, cells: [...cells, '', '', ''].slice(0, 4), logLik: ll, line: `${cells.join(', ')} · ${t('logLik')} ${ll}` };
  };
  return {
    caption: t('paramsCaption'),
    narrow: (ctx.width || 640) < 480,
    head: { model: t('model'), params: t('params'), logLik: t('logLik') },
    rows: [
      row('BG/NBD', [`r = ${f3(p.r)}`, `α = ${f3(p.alpha)}`, `a = ${f3(p.a)}`, `b = ${f3(p.b)}`], p.bgnbdLogLik),
      row('Gamma-Gamma', [`p = ${f3(p.p)}`, `q = ${f3(p.q)}`, `γ = ${f3(p.gamma)}`], p.gammaGammaLogLik),
    ],
    notConverged: p.converged ? null : t('notConverged'),
    fitted: t('fitted', { repeat: formatCount(ctx.locale, p.repeatCustomers), customers: formatCount(ctx.locale, p.customers), date: r.predictive?.calibrationEnd ?? '' }),
  };
}

function method(r: LtvResult, ctx: LtvViewContext, f: Fmt): MethodView {
  const t = ctx.t;
  const meta = r.method === 'historical' ? ltvHistoricalMeta : r.method === 'simple' ? cltvMeta : clvPredictiveMeta;
  const s = r.simple;
  const p = r.predictive;
  const horizon = r.method === 'predictive' && p ? t('meaningHorizon', { horizon: `${formatNumber(ctx.locale, p.horizon, 1)}\u00a0${t(`unit.${p.unit}`)}` }) : '';
  return {
    meaning: r.ltv.ok ? t('meaning', { ltv: f.money(r.ltv.value), what: t(r.marginSource === 'none' ? 'meaningRevenue' : 'meaningProfit'), horizon }) : null,
    details: t('modelDetails'),
    name: t(`methodName.${r.method}`),
    why: t(`why.${r.methodReason}`, { repeat: f.count(r.repeatCustomers), min: MIN_REPEAT_CUSTOMERS, detail: r.fallbackReason ?? '' }),
    how: how(r, ctx, f),
    life: r.method === 'simple' ? t(`life.${s.lifespanSource}`, { churn: f.mv(s.churn, f.pct), lost: f.count(s.churn?.numerator), base: f.count(s.churn?.denominator) }) : null,
    margin: `${t(`margin.${r.marginSource}`)}${r.rowsWithoutMargin > 0 ? ` ${t('marginMissing', { count: f.count(r.rowsWithoutMargin) })}` : ''}`,
    formula: `${t('formula')}: ${t(`kpi.${meta.id}.formula`)}`,
    params: params(r, ctx),
  };
}

/** Width of one chart: the element's, or half of it side by side from 760 px. */
export function chartWidth(width: number): number {
  const w = Math.max(280, width || 640);
  return w >= 760 ? Math.floor((w - 16) / 2) : w;
}

function histogram(r: LtvResult, ctx: LtvViewContext, ui: LtvUiState, f: Fmt): HistogramView {
  const t = ctx.t;
  const d = r.distribution;
  // The long tail: when one bar holds more than three times the next largest (1,761 of 2,357
  // CDNOW customers in the first bin), the axis stops at 1.5× that next bar, the first bar is
  // cut there with a mark, and a note says so with its count.
  const sorted = [...d.bins.map((b) => b.count), d.overflow?.count ?? 0].sort((x, y) => y - x);
  const top = sorted[0] ?? 0;
  const second = sorted[1] ?? 0;
  const cap = second > 0 && top > 3 * second ? Math.ceil(second * 1.5) : null;
  const cut = (c: number) => (cap !== null ? Math.min(c, cap) : c);
  const g = histogramLayout({
    bins: d.bins.map((b) => ({ ...b, count: cut(b.count) })),
    overflow: d.overflow ? { ...d.overflow, count: cut(d.overflow.count) } : d.overflow,
    marker: d.mean,
    width: chartWidth(ctx.width),
    height: 200,
    margin: { top: 16, right: 8, bottom: 30, left: 44 },
  });
  const realCount = (b: { index: number; overflow: boolean }) => (b.overflow ? (d.overflow?.count ?? 0) : (d.bins[b.index]?.count ?? 0));
  const cappedBar = cap !== null ? g.bars.find((b) => realCount(b) > cap) : undefined;
  const n = g.bars.length;
  const tabStop = ui.activeBin >= 0 && ui.activeBin < n ? ui.activeBin : 0;
  const binLabel = (b: { index: number; x0: number; x1: number; overflow: boolean }) =>
    b.overflow ? t('binOverAria', { from: f.money(b.x0), count: f.count(realCount(b)) }) : t('binAria', { from: f.money(b.x0), to: f.money(b.x1), count: f.count(realCount(b)) });
  return {
    caption: t('distribution'),
    methodNote: `· ${t(`method.${r.method}`)}`,
    width: g.width,
    height: g.height,
    plot: g.plot,
    plotHeight: g.plot.bottom - g.plot.top,
    label: t('distributionAria', { n: f.count(d.n), median: f.money(d.median), mean: f.money(d.mean) }),
    y: { ticks: g.yTicks, format: f.tickCount(g.yTicks.map((y) => y.value)) },
    // Ticks too close to the overflow bar's label are left out.
    x: { ticks: g.xTicks.filter((x) => g.overflowX === null || Math.abs(x.x - g.overflowX) > 40), format: f.tickMoney(g.xTicks.map((x) => x.value)), y: g.plot.bottom + 16 },
    // The "≥ $320" label stays inside the drawing: centred on its bar unless that passes the right edge (≈ 6.5 px a character).
    overflowLabel: g.overflowX !== null && d.overflow ? overLabel(t('over', { from: f.money(d.overflow.from, true) }), g.overflowX, g.width, g.plot.bottom + 16) : null,
    axisTitle: { x: g.plot.left - 40, y: g.plot.top - 6, text: t('customersAxis') },
    bars: g.bars.map((b) => ({
      id: b.id,
      index: b.index,
      active: b.index === ui.activeBin,
      tabIndex: b.index === tabStop ? 0 : -1,
      overflow: b.overflow,
      label: binLabel(b),
      x: b.x,
      y: b.y,
      w: b.w,
      h: Math.max(b.h, b.count > 0 ? 1 : 0),
      tipX: b.x + b.w / 2,
    })),
    capped: cappedBar
      ? { note: t('capped', { count: f.count(realCount(cappedBar)) }), mark: { x: cappedBar.x + cappedBar.w + 3, y: g.plot.top + 9, text: `↑ ${f.count(realCount(cappedBar))}` } }
      : null,
    mean: g.marker
      ? { x: g.marker.x, y1: g.plot.top - 4, y2: g.plot.bottom, label: { x: g.marker.x + 4, y: g.plot.top + 24, text: `${t('mean')} ${f.money(g.marker.value, true)}` } }
      : null,
  };
}

function overLabel(text: string, x: number, width: number, y: number): TextAt {
  // Centred on its bar unless that could pass the right edge (up to ≈ 8 px a character for
  // "≥", "$" and digits at 11 px): then its end sits on the edge.
  const half = (text.length * 8) / 2;
  return x + half <= width - 2 ? { x, y, text, anchor: 'middle' } : { x: width - 2, y, text, anchor: 'end' };
}

/** The cohorts drawn: all, or the MAX_COHORT_LINES largest by customers (in their order). */
export function shownCohorts(cohorts: readonly Cohort[], max = MAX_COHORT_LINES): readonly Cohort[] {
  if (cohorts.length <= max) return cohorts;
  const keep = new Set(sortRows(cohorts, 'customers', 'descending').slice(0, max).map((c) => c.key));
  return cohorts.filter((c) => keep.has(c.key));
}

function cohorts(r: LtvResult, ctx: LtvViewContext, f: Fmt): CohortsView {
  const t = ctx.t;
  const shown = shownCohorts(r.cohorts);
  const input = { series: shown.map((c) => ({ id: c.key, points: c.points })), width: chartWidth(ctx.width), height: 200, labelWidth: 62 };
  // The left margin fits the longest tick label ("120 US$" is wider than "$120"): lay out, measure, lay out again.
  const first = cohortLayout(input);
  const longest = Math.max(0, ...first.yTicks.map((y) => f.tickMoney(first.yTicks.map((v) => v.value))(y.value).length));
  const g = cohortLayout({ ...input, margin: { top: 10, right: 8, bottom: 28, left: Math.max(48, Math.ceil(longest * 6.6) + 10) } });
  const list = shown
    .map((c) => {
      const last = c.points[c.points.length - 1];
      return t('cohortAria', { cohort: c.key, customers: f.count(c.customers), value: f.money(last?.value), months: last?.month ?? 0 });
    })
    .join('; ');
  return {
    caption: t('cohorts'),
    label: t('cohortsAria', { list }),
    width: g.width,
    height: g.height,
    plot: g.plot,
    y: { ticks: g.yTicks, format: f.tickMoney(g.yTicks.map((y) => y.value)) },
    x: { ticks: g.xTicks, format: (v) => String(v), y: g.plot.bottom + 16 },
    axisTitle: { x: g.plot.right, y: g.plot.bottom + 28, text: t('monthsSince') },
    lines: g.lines.map((l) => ({ id: l.id, cls: `c${l.index % 6}${l.index >= 6 ? ' dash' : ''}`, path: l.path, end: l.end, labelX: g.labelX, labelY: l.labelY })),
    note: r.cohorts.length > shown.length ? t('moreCohorts', { shown: shown.length, total: r.cohorts.length }) : null,
  };
}

function bulletView(r: LtvResult, ctx: LtvViewContext, f: Fmt): BulletView | null {
  const c = r.cac;
  if (!c) return null;
  const t = ctx.t;
  const one = (v: number) => formatNumber(ctx.locale, v, 1);
  const ratio = f.mv(c.ltvCac, one);
  const target = one(c.target);
  const status = c.meetsTarget === null ? NA : c.meetsTarget ? t('meets') : t('below');
  return {
    title: t('ltvCac'),
    value: t('ltvCacValue', { ratio }),
    target: t('ltvCacTarget', { target }),
    status: c.meetsTarget === null ? null : { text: status, good: c.meetsTarget },
    geometry: bulletLayout({
      value: c.ltvCac.ok ? c.ltvCac.value : null,
      target: c.target,
      direction: 'up',
      warning: c.target,
      critical: 1,
      width: Math.min(520, Math.max(260, (ctx.width || 600) - 4)),
      height: 30,
    }),
    tick: (v) => `${one(v)}×`,
    label: t('bulletAria', { ratio, target, status }),
    stats: [
      { label: t('cac'), value: f.mv(c.cac, (v) => f.money(v)), detail: t(`cacSource.${c.source}`) },
      { label: t('payback'), value: f.mv(c.payback, f.months) },
    ],
  };
}

function customerTable(kind: TableKind, rows: readonly CustomerRow[], r: LtvResult, ctx: LtvViewContext, ui: LtvUiState, f: Fmt): CustomerTableView {
  const t = ctx.t;
  const cols: { key: LtvSortKey; label: string; format: (c: CustomerRow) => string }[] = [
    { key: 'id', label: t('customer'), format: (c) => c.id },
    { key: 'transactions', label: t('transactions'), format: (c) => f.count(c.transactions) },
    { key: 'revenue', label: t('revenue'), format: (c) => f.money(c.revenue) },
    { key: 'last', label: t('lastPurchase'), format: (c) => c.last },
  ];
  if (r.method === 'predictive') {
    cols.push(
      { key: 'probabilityAlive', label: t('pAlive'), format: (c) => f.pct(c.probabilityAlive) },
      { key: 'expectedPurchases', label: t('expPurchases'), format: (c) => f.num(c.expectedPurchases) },
      { key: 'expectedSpend', label: t('expSpend'), format: (c) => f.money(c.expectedSpend) },
    );
  }
  // At risk, the value still at stake is the expected CLV itself (P(alive) × value if active): one column.
  if (kind === 'risk') cols.push({ key: 'valueAtStake', label: t('valueAtStake'), format: (c) => f.money(c.valueAtStake) });
  else cols.push({ key: 'value', label: t('value'), format: (c) => f.money(c.value) });
  const sort = ui.sorts[kind];
  const sorted = sortRows(rows, sort.key, sort.dir, { locale: ctx.locale });
  // Money and rate columns share one precision each ("$1,944" with "$990", not "$990.28").
  const MONEY: ReadonlySet<LtvSortKey> = new Set(['revenue', 'expectedSpend', 'value', 'valueAtStake']);
  const columns = cols.slice(1).map((col) =>
    MONEY.has(col.key) ? f.moneyColumn(sorted.map((c) => c[col.key as keyof CustomerRow] as number | null))
    : col.key === 'probabilityAlive' ? f.pctColumn(sorted.map((c) => c.probabilityAlive))
    : null,
  );
  return {
    kind,
    title: kind === 'risk' ? t('atRisk') : t('top'),
    note: [kind === 'risk' ? t('atRiskNote') : '', asOfNote(r, ctx)].filter(Boolean).join(' ') || null,
    empty: rows.length === 0 ? (kind === 'risk' ? t('atRiskNone') : t('empty')) : null,
    sort,
    columns: cols.map(({ key, label }) => ({ key, label })),
    rows: sorted.map((c, i) => ({
      id: c.id,
      select: t('selectCustomer', { id: c.id }),
      cells: cols.slice(1).map((col, k) => columns[k]?.[i] ?? col.format(c)),
    })),
  };
}

/** "Every column as of 1997-09-30, the calibration end." when the data goes on past it, else ''. */
function asOfNote(r: LtvResult, ctx: LtvViewContext): string {
  const p = r.predictive;
  return r.method === 'predictive' && p?.ok && p.asOf && r.to !== null && p.asOf < r.to ? ctx.t('asOfNote', { date: p.asOf }) : '';
}

function dataTables(r: LtvResult, ctx: LtvViewContext, f: Fmt): DataTableView[] {
  const t = ctx.t;
  const d = r.distribution;
  const p = r.predictive;
  const money = (v: number) => f.money(v);
  const inputs: (readonly [string, string])[] = [
    [t('ltv'), f.mv(r.ltv, money)],
    [t('historical'), f.mv(r.historical, money)],
    [t('simple'), f.mv(r.simple.value, money)],
    ...(p?.ok ? [[t('predictive'), f.mv(p.meanClv, money)] as const] : []),
    [t('customers'), f.count(r.customers)],
    [t('repeatCustomers'), f.count(r.repeatCustomers)],
    [t('transactions'), f.count(r.transactions)],
    [t('revenue'), f.money(r.revenue)],
    [t('period'), `${r.from ?? NA} – ${r.to ?? NA}`],
    [t('grossMargin'), f.mv(r.grossMargin, f.pct)],
    [t('avgPurchase'), f.mv(r.simple.avgPurchaseValue, money)],
    [t('frequency'), f.mv(r.simple.purchaseFrequency, (v) => f.num(v))],
    [t('lifespan'), f.mv(r.simple.lifespan, (v) => f.num(v))],
    ...(p?.ok
      ? ([
          [t('meanAlive'), f.mv(p.meanProbabilityAlive, f.pct)],
          [t('expectedPurchasesTotal'), f.num(p.expectedPurchases, 0)],
          [t('calibrationEnd'), p.calibrationEnd ?? NA],
          [t('horizon'), `${formatNumber(ctx.locale, p.horizon, 1)} ${t(`unit.${p.unit}`)}`],
          [t('discountRate'), ratePer(p, ctx, f)],
        ] as const)
      : []),
    ...(r.cac
      ? ([
          [t('cac'), f.mv(r.cac.cac, money)],
          [t('ltvCac'), f.mv(r.cac.ltvCac, (v) => formatNumber(ctx.locale, v, 2))],
          [t('payback'), f.mv(r.cac.payback, f.months)],
        ] as const)
      : []),
  ];
  let months = 0;
  for (const c of r.cohorts) months = Math.max(months, c.points.length);
  const monthIndexes = Array.from({ length: months }, (_, m) => m);
  const binEdges = f.moneyColumn([...d.bins.map((b) => b.x0), d.bins.length ? d.bins[d.bins.length - 1]!.x1 : (d.overflow?.from ?? null)]);
  // The cohort table: every amount in one precision.
  const flat = r.cohorts.flatMap((c) => monthIndexes.map((m) => c.points[m]?.value ?? null));
  const texts = f.moneyColumn(flat);
  const cohortCells = r.cohorts.map((_, i) => texts.slice(i * months, (i + 1) * months));
  return [
    { caption: t('inputs'), head: [t('measure'), t('amount')], rows: inputs },
    {
      caption: t('bins'),
      head: [t('from'), t('to'), t('count')],
      // Bin edges in one precision ("$0, $5, $10", not "$0.00, $5.00").
      rows: [
        ...d.bins.map((b, i) => [binEdges[i]!, binEdges[i + 1]!, f.count(b.count)]),
        ...(d.overflow ? [[binEdges[d.bins.length]!, NA, f.count(d.overflow.count)]] : []),
      ],
    },
    {
      caption: t('cohorts'),
      head: [t('cohort'), t('customers'), ...monthIndexes.map((m) => t('month', { m }))],
      rows: r.cohorts.map((c, i) => [c.key, f.count(c.customers), ...cohortCells[i]!]),
    },
  ];
}

/** The whole view of a finished model. */
export function buildLtvView(model: LtvModel, ctx: LtvViewContext, ui: LtvUiState): LtvView {
  const r = model.result;
  const f = formatters(ctx);
  // What a new result's first frame draws is built now; the rest on first read (the template
  // draws it a frame or two later: core/element/stages.ts).
  let holdoutV: HoldoutView | null | undefined;
  let cohortsV: LtvView['cohorts'] | undefined;
  let bulletV: LtvView['bullet'] | undefined;
  let tablesV: LtvView['tables'] | undefined;
  let dataV: LtvView['data'] | undefined;
  return {
    summary: summary(r, ctx, f),
    headline: headline(r, ctx, f),
    method: method(r, ctx, f),
    histogram: histogram(r, ctx, ui, f),
    get cohorts() {
      return (cohortsV ??= cohorts(r, ctx, f));
    },
    get bullet() {
      return bulletV === undefined ? (bulletV = bulletView(r, ctx, f)) : bulletV;
    },
    get tables() {
      return (tablesV ??= [...(r.method === 'predictive' ? [customerTable('risk', r.atRisk, r, ctx, ui, f)] : []), customerTable('top', r.top, r, ctx, ui, f)]);
    },
    get data() {
      const holdout = this.holdout;
      return (dataV ??= [...dataTables(r, ctx, f), ...(holdout ? [holdout.groups, holdout.weeks] : [])]);
    },
    get holdout() {
      return holdoutV === undefined ? (holdoutV = holdoutOf(r, ctx)) : holdoutV;
    },
  };
}

/** The hold-out check, with the forecast's overlap with the data said first. */
function holdoutOf(r: LtvResult, ctx: LtvViewContext): HoldoutView | null {
  const p = r.predictive;
  const h = p?.holdout;
  if (r.method !== 'predictive' || !p || !h) return null;
  const v = buildHoldoutView(h, { locale: ctx.locale, t: ctx.t, width: Math.max(280, ctx.width || 640) });
  const overlap = ctx.t('horizonOverlap', {
    horizon: formatNumber(ctx.locale, p.horizon, 1),
    unit: ctx.t(`unit.${p.unit}`),
    calEnd: h.calibrationEnd,
    overlap: formatNumber(ctx.locale, Math.min(p.horizon, h.length), 1),
    end: h.holdoutEnd,
  });
  return { ...v, lines: [overlap, ...v.lines] };
}
