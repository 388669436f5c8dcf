/**
 * The hold-out check's view model (see holdout-shape.ts): the error stated in words, the
 * tracking plot's geometry (charts/holdout-layout.ts) and the two data tables, every string
 * formatted. Pure: no lit, no DOM.
 */
import { formatCount, formatNumber, formatPercent, formatValue, NA } from '../../core/format/format.ts';
import type { Translate } from '../../core/i18n/index.ts';
import type { XTick, YTick } from '../../core/ui/geometry.ts';
import { holdoutLayout } from '../../charts/holdout-layout.ts';
import type { HoldoutCheck } from './holdout-shape.ts';
import './en.ts'; // this widget's English (it registers itself: core/i18n/en.ts)

export interface HoldoutView {
  readonly title: string;
  /** What was compared, then the errors, one sentence each. */
  readonly lines: readonly string[];
  readonly chart: {
    readonly caption: string;
    readonly label: string;
    readonly width: number;
    readonly height: number;
    readonly plot: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
    readonly y: { readonly ticks: readonly YTick[]; readonly format: (v: number) => string };
    readonly x: { readonly ticks: readonly XTick[]; readonly format: (v: number) => string; readonly y: number };
    readonly axisTitle: { readonly x: number; readonly y: number; readonly text: string };
    readonly actualPath: string;
    readonly expectedPath: string;
    readonly marker: { readonly x: number; readonly y1: number; readonly y2: number; readonly label: string; readonly labelX: number; readonly anchor: 'start' | 'end' };
    readonly legend: readonly { readonly cls: 'actual' | 'expected'; readonly text: string }[];
  };
  readonly groups: { readonly caption: string; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };
  readonly weeks: { readonly caption: string; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };
}

export interface HoldoutViewContext {
  readonly locale: string;
  readonly t: Translate;
  /** Width of the drawing, px. */
  readonly width: number;
}

/** "+1.5 %" / "−12.1 %": a signed error, or n/a. */
function signedPct(locale: string, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return NA;
  const s = formatValue(locale, Math.abs(v), { unit: 'percent', context: 'table', digits: 1 });
  return v > 0 ? `+${s}` : v < 0 ? `\u2212${s}` : s;
}

export function buildHoldoutView(h: HoldoutCheck, ctx: HoldoutViewContext): HoldoutView {
  const { locale, t } = ctx;
  const count = (v: number) => formatCount(locale, Math.round(v));
  const num = (v: number, d = 2) => formatNumber(locale, v, d);
  const unit = t(`unit.${h.unit}`);
  const lines = [
    t('holdout.intro', { calEnd: h.calibrationEnd, end: h.holdoutEnd, length: num(h.length, 1), unit, customers: formatCount(locale, h.customers) }),
    t('holdout.overall', { actual: count(h.holdoutActual), predicted: count(h.conditionalPredicted), error: signedPct(locale, h.conditionalError) }),
    t('holdout.tracking', {
      expected: count(h.expectedCumulative[h.weeks - 1] ?? NaN),
      actual: count(h.actualCumulative[h.weeks - 1] ?? NaN),
      error: signedPct(locale, h.endError),
      holdExpected: count(h.holdoutExpected),
      holdActual: count(h.holdoutActual),
      holdError: signedPct(locale, h.holdoutError),
    }),
    t('holdout.mape', { mape: h.mape === null ? NA : formatPercent(locale, h.mape, 1) }),
    ...(h.laterCustomers > 0 ? [t('holdout.later', { count: h.laterCustomers })] : []),
  ];
  const g = holdoutLayout({ actual: h.actualCumulative, expected: h.expectedCumulative, marker: h.calibrationWeeks, width: Math.max(280, ctx.width), height: 220 });
  const week = (w: number) => formatCount(locale, w);
  const calLabel = t('holdout.calEnd');
  // The marker's label sits right of the line unless that runs past the drawing (≈ 6.5 px a character).
  const fitsRight = g.markerX + 4 + calLabel.length * 6.5 <= g.plot.right;
  // Means in one precision per column ("0.70", not "0.7" under "0.24").
  const all = { x: -1, plus: false, customers: h.customers, actualMean: h.holdoutActual / Math.max(1, h.customers), predictedMean: h.conditionalPredicted / Math.max(1, h.customers), error: h.conditionalError };
  const rowsIn = [...h.groups, all];
  const two = (v: number) => formatValue(locale, v, { unit: 'number', context: 'table', digits: 2 });
  const actualCol = rowsIn.map((r) => two(r.actualMean));
  const predictedCol = rowsIn.map((r) => two(r.predictedMean));
  const groupRows = rowsIn.map((r, i) => [
    r.x < 0 ? t('holdout.all') : r.plus ? `${formatCount(locale, r.x)}+` : formatCount(locale, r.x),
    formatCount(locale, r.customers),
    actualCol[i]!,
    predictedCol[i]!,
    signedPct(locale, r.error),
  ]);
  return {
    title: t('holdout.title'),
    lines,
    chart: {
      caption: t('holdout.chart'),
      label: t('holdout.chartAria', {
        weeks: week(h.weeks),
        actual: count(h.actualCumulative[h.weeks - 1] ?? NaN),
        expected: count(h.expectedCumulative[h.weeks - 1] ?? NaN),
        cal: num(h.calibrationWeeks, 0),
      }),
      width: g.width,
      height: g.height,
      plot: g.plot,
      y: { ticks: g.yTicks, format: (v) => formatCount(locale, v) },
      x: { ticks: g.xTicks, format: week, y: g.plot.bottom + 16 },
      axisTitle: { x: g.plot.right, y: g.plot.bottom + 28, text: t('holdout.week') },
      actualPath: g.actualPath,
      expectedPath: g.expectedPath,
      marker: { x: g.markerX, y1: g.plot.top, y2: g.plot.bottom, label: calLabel, labelX: fitsRight ? g.markerX + 4 : g.markerX - 4, anchor: fitsRight ? 'start' : 'end' },
      legend: [
        { cls: 'actual', text: t('holdout.actual') },
        { cls: 'expected', text: t('holdout.expected') },
      ],
    },
    groups: {
      caption: t('holdout.groups', { length: num(h.length, 1), unit }),
      head: [t('holdout.group'), t('customers'), t('holdout.actualMean'), t('holdout.predictedMean'), t('holdout.error')],
      rows: groupRows,
    },
    weeks: {
      caption: t('holdout.weeksTable'),
      head: [t('holdout.week'), t('holdout.actual'), t('holdout.expected')],
      rows: h.actualCumulative.map((a, i) => [week(i + 1), count(a), num(h.expectedCumulative[i] ?? NaN, 1)]),
    },
  };
}
