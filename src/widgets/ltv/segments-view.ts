/**
 * The view of LTV by segment (segments.ts): the sentence that answers "which segment brings
 * customers worth more than they cost?", the comparison chart (geometry from
 * charts/segments-layout.ts, rows in the table's order), the sortable table and its notes, all
 * formatted. Pure: no lit, no DOM; testable in node (test/unit/ltv-segments-view.test.ts).
 */
import { formatColumn, formatCount, formatMetric, formatMoney, formatNumber, formatPercent, formatValue, NA } from '../../core/format/format.ts';
import { nextSort, sortRows, type SortState } from '../../core/ui/sort.ts';
import type { XTick } from '../../core/ui/geometry.ts';
import type { MetricValue } from '../../core/result.ts';
import { segmentsLayout, type Rect } from '../../charts/segments-layout.ts';
import type { SegmentRow, SegmentsResult } from './segments.ts';
import type { LtvViewContext } from './view.ts';
import './en.ts'; // this widget's English (it registers itself: core/i18n/en.ts)

export type SegmentSortKey = 'segment' | 'customers' | 'ltv' | 'margin' | 'historical' | 'simple' | 'predictive' | 'cac' | 'ltvCac' | 'payback';

/** Rows drawn at most; the table lists every segment. */
export const MAX_CHART_ROWS = 30;

/** The first sort: by LTV:CAC when costs are given, else by LTV; highest first. */
export function defaultSegmentSort(s: SegmentsResult): SortState<SegmentSortKey> {
  return { key: s.hasCosts ? 'ltvCac' : 'ltv', dir: 'descending' };
}

/** After a click on `key`: the segment name starts ascending, figures descending. */
export function nextSegmentSort(sort: SortState<SegmentSortKey>, key: SegmentSortKey): SortState<SegmentSortKey> {
  return nextSort(sort, key, key === 'segment' ? 'ascending' : 'descending');
}

export interface SegmentBarView {
  readonly id: string;
  readonly label: string;
  readonly labelX: number;
  readonly labelY: number;
  readonly anchor: 'start' | 'end';
  readonly thin: boolean;
  readonly ltv: Rect | null;
  readonly whisker: { readonly x1: number; readonly x2: number; readonly y: number } | null;
  readonly cac: Rect | null;
  readonly ltvText: { readonly x: number; readonly y: number; readonly text: string };
  readonly cacText: { readonly x: number; readonly y: number; readonly text: string } | null;
}

export interface RatioBarView {
  readonly id: string;
  readonly label: string;
  readonly labelX: number;
  readonly labelY: number;
  readonly anchor: 'start' | 'end';
  readonly thin: boolean;
  readonly bar: Rect | null;
  /** ≥ target: good; below: bad. */
  readonly good: boolean;
  readonly text: { readonly x: number; readonly y: number; readonly text: string };
}

export interface PanelView<R> {
  readonly caption: string;
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
  readonly ticks: readonly XTick[];
  readonly tickY: number;
  readonly format: (v: number) => string;
  readonly rows: readonly R[];
}

export interface SegmentCellView {
  readonly text: string;
  readonly cls?: 'good' | 'bad' | 'muted';
}

export interface SegmentsView {
  readonly title: string;
  /** The answer, first. */
  readonly answer: string;
  readonly legend: { readonly ltv: string; readonly cac: string | null; readonly margin: string };
  readonly value: PanelView<SegmentBarView>;
  readonly ratio: (PanelView<RatioBarView> & { readonly target: { readonly x: number; readonly y1: number; readonly y2: number; readonly text: string } }) | null;
  /** Some segments are not drawn (more than MAX_CHART_ROWS). */
  readonly chartNote: string | null;
  readonly table: {
    readonly caption: string;
    readonly sort: SortState<SegmentSortKey>;
    readonly columns: readonly { readonly key: SegmentSortKey; readonly label: string }[];
    readonly rows: readonly { readonly id: string; readonly segment: string; readonly thin: string | null; readonly cells: readonly SegmentCellView[] }[];
  };
  readonly notes: readonly string[];
}

const val = (m: MetricValue | null | undefined): number | null => (m && m.ok ? m.value : null);

/** The LTV-by-segment view, or null without segments. */
export function buildSegmentsView(s: SegmentsResult | undefined, ctx: LtvViewContext, sort: SortState<SegmentSortKey> | null): SegmentsView | null {
  if (!s || s.rows.length === 0) return null;
  const { t, locale, currency } = ctx;
  const money = (v: number | null | undefined) => formatMoney(locale, currency, v);
  const compact = (v: number | null | undefined) => formatMoney(locale, currency, v, true);
  // LTV:CAC with two fixed decimals: 2.97× is plainly below 3:1, where one decimal would say "3.0×".
  const times = (v: number | null | undefined) => (v === null || v === undefined ? NA : `${formatValue(locale, v, { unit: 'number', context: 'table', digits: 2 })}×`);
  const by = s.kind === 'cohort' ? t(`segments.period.${s.period ?? 'quarter'}`) : s.by.replace(/[_-]+/g, ' ');
  const name = (r: SegmentRow) => (r.segment === '' ? t('segments.none') : r.segment);
  const method = t(`segments.method.${s.method}`);
  const current = sort ?? defaultSegmentSort(s);
  const ltvCac = (r: SegmentRow) => val(r.acquisition?.ltvCac);
  const key = (r: SegmentRow, k: SegmentSortKey): number | string | null => {
    switch (k) {
      case 'segment': return name(r);
      case 'customers': return r.customers;
      case 'ltv': return val(r.ltv);
      case 'margin': return val(r.marginOfError);
      case 'historical': return val(r.historical);
      case 'simple': return val(r.simple);
      case 'predictive': return val(r.predictive);
      case 'cac': return val(r.acquisition?.cac);
      case 'ltvCac': return ltvCac(r);
      case 'payback': return val(r.acquisition?.payback);
    }
  };
  const rows = sortRows(s.rows, (r) => key(r, current.key), current.dir, { locale, pinLast: (r) => r.segment === '' });

  // Which method columns: the headline method first (as "LTV"), then the others that have values.
  // On a phone the other methods' columns are left out (they stay in `result.segments`).
  const narrow = (ctx.width || 640) < 480;
  const others: SegmentSortKey[] = narrow ? [] : (['historical', 'simple', 'predictive'] as const).filter((m) => m !== s.method && s.rows.some((r) => val(r[m]) !== null));
  const columns: { key: SegmentSortKey; label: string; cells: (rs: readonly SegmentRow[]) => SegmentCellView[] }[] = [
    { key: 'customers', label: t('customers'), cells: (rs) => rs.map((r) => ({ text: formatCount(locale, r.customers) })) },
    { key: 'ltv', label: t('segments.ltvOf', { method }), cells: (rs) => formatColumn(locale, rs.map((r) => val(r.ltv)), { unit: 'money', context: 'table', currency }).map((text) => ({ text })) },
    { key: 'margin', label: t('segments.margin'), cells: (rs) => formatColumn(locale, rs.map((r) => val(r.marginOfError)), { unit: 'money', context: 'table', currency }).map((text) => ({ text: text === NA ? NA : `± ${text}`, cls: 'muted' as const })) },
    ...others.map((m) => ({
      key: m,
      label: t(`segments.method.${m}`),
      cells: (rs: readonly SegmentRow[]) => formatColumn(locale, rs.map((r) => val(r[m as 'historical' | 'simple' | 'predictive'])), { unit: 'money', context: 'table', currency }).map((text) => ({ text })),
    })),
  ];
  if (s.hasCosts) {
    columns.push(
      { key: 'cac', label: t('cac'), cells: (rs) => formatColumn(locale, rs.map((r) => val(r.acquisition?.cac)), { unit: 'money', context: 'table', currency }).map((text) => ({ text })) },
      {
        key: 'ltvCac',
        label: t('ltvCac'),
        cells: (rs) => rs.map((r) => {
          const a = r.acquisition;
          if (!a || !a.ltvCac.ok) return { text: NA };
          const status = a.meetsTarget ? (r.thin ? 'meetsThin' : 'meets') : r.thin ? 'belowThin' : 'below';
          return { text: `${times(a.ltvCac.value)} ${t(`segments.${status}`)}`, cls: a.meetsTarget ? 'good' : 'bad' };
        }),
      },
      { key: 'payback', label: t('segments.payback'), cells: (rs) => rs.map((r) => ({ text: formatMetric(r.acquisition?.payback, (v) => formatValue(locale, v, { unit: 'number', context: 'table', digits: 1 })) })) },
    );
  }
  const table = {
    caption: t('segments.tableCaption', { by }),
    sort: current,
    columns: [{ key: 'segment' as const, label: s.kind === 'cohort' ? t('segments.cohort') : capitalise(by) }, ...columns.map(({ key, label }) => ({ key, label }))],
    rows: (() => {
      const cells = columns.map((c) => c.cells(rows));
      return rows.map((r, i) => ({ id: r.segment, segment: name(r), thin: r.thin ? t('segments.thinTag') : null, cells: cells.map((col) => col[i]!) }));
    })(),
  };

  // The chart, in the table's order.
  const drawn = rows.slice(0, MAX_CHART_ROWS);
  const longest = drawn.reduce((n, r) => Math.max(n, name(r).length + (r.thin ? 2 : 0)), 0);
  const panelWidth = Math.max(280, ctx.width || 640) >= 760 ? Math.floor((Math.max(280, ctx.width || 640) - 16) / 2) : Math.max(280, ctx.width || 640);
  const sample = compact(drawn.reduce((m, r) => Math.max(m, val(r.ltv) ?? 0), 0));
  const g = segmentsLayout({
    rows: drawn.map((r) => ({ id: r.segment, ltv: val(r.ltv), margin: val(r.marginOfError), cac: val(r.acquisition?.cac), ratio: ltvCac(r) })),
    width: panelWidth,
    target: s.target,
    labelWidth: Math.ceil(longest * 6.6),
    valueRoom: Math.ceil(sample.length * 6.6) + 10,
  });
  const anchor = g.stacked ? ('start' as const) : ('end' as const);
  const label = (r: SegmentRow) => `${name(r)}${r.thin ? ' *' : ''}`;
  const ticksMoney = formatColumn(locale, g.value.ticks.map((x) => x.value), { unit: 'money', context: 'axis', currency });
  const value: PanelView<SegmentBarView> = {
    caption: s.hasCosts ? t('segments.chartValueCac', { by }) : t('segments.chartValue', { by }),
    label: t('segments.chartValueAria', {
      by,
      list: drawn.map((r) => t(r.acquisition ? 'segments.rowAriaCac' : 'segments.rowAria', {
        segment: name(r),
        ltv: formatMetric(r.ltv, money),
        margin: formatMetric(r.marginOfError, money),
        cac: formatMetric(r.acquisition?.cac, money),
        thin: r.thin ? t('segments.thinAria') : '',
      })).join('; '),
    }),
    width: g.value.width,
    height: g.value.height,
    plot: g.value.plot,
    ticks: g.value.ticks,
    tickY: g.value.plot.bottom + 16,
    format: (v) => ticksMoney[g.value.ticks.findIndex((x) => x.value === v)] ?? compact(v),
    rows: g.value.rows.map((geo, i) => {
      const r = drawn[i]!;
      return {
        id: geo.id,
        label: label(r),
        labelX: geo.labelX,
        labelY: geo.labelY,
        anchor,
        thin: r.thin !== null,
        ltv: geo.ltv,
        whisker: geo.whisker,
        cac: geo.cac,
        ltvText: { ...geo.ltvText, text: formatMetric(r.ltv, compact) },
        cacText: geo.cacText ? { ...geo.cacText, text: formatMetric(r.acquisition?.cac, compact) } : null,
      };
    }),
  };
  const target = formatNumber(locale, s.target, 1);
  const ratio = g.ratio
    ? {
        caption: t('segments.chartRatio', { target }),
        label: t('segments.chartRatioAria', {
          by,
          target,
          list: drawn.map((r) => `${name(r)} ${times(ltvCac(r))}${r.thin ? ` ${t('segments.thinAria')}` : ''}`).join('; '),
        }),
        width: g.ratio.width,
        height: g.ratio.height,
        plot: g.ratio.plot,
        ticks: g.ratio.ticks,
        tickY: g.ratio.plot.bottom + 16,
        format: (v: number) => `${formatNumber(locale, v, 1)}×`,
        rows: g.ratio.rows.map((geo, i) => {
          const r = drawn[i]!;
          return {
            id: geo.id,
            label: label(r),
            labelX: geo.labelX,
            labelY: geo.labelY,
            anchor,
            thin: r.thin !== null,
            bar: geo.bar,
            good: r.acquisition?.meetsTarget === true,
            text: { ...geo.text, text: times(ltvCac(r)) },
          };
        }),
        target: { ...g.ratio.target, text: t('segments.reference', { target }) },
      }
    : null;

  return {
    title: t('segments.title', { by }),
    answer: answer(s, ctx, name, times, money),
    legend: { ltv: t('segments.legendLtv', { method }), cac: s.hasCosts ? t('cac') : null, margin: t('segments.legendMargin') },
    value,
    ratio,
    chartNote: rows.length > drawn.length ? t('segments.moreRows', { shown: drawn.length, total: rows.length }) : null,
    table,
    notes: notes(s, ctx, by),
  };
}

function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

function answer(
  s: SegmentsResult,
  ctx: LtvViewContext,
  name: (r: SegmentRow) => string,
  times: (v: number | null | undefined) => string,
  money: (v: number | null | undefined) => string,
): string {
  const t = ctx.t;
  const thin = s.rows.filter((r) => r.thin).length;
  const thinText = thin ? ` ${t('segments.answerThin', { count: thin, total: s.rows.length, min: s.minCustomers })}` : '';
  // Best and worst are named among the segments that are not thin, when at least two are; a thin one keeps its *.
  const mark = (r: SegmentRow) => `${name(r)}${r.thin ? ' *' : ''}`;
  const firm = (rows: SegmentRow[]) => (rows.filter((r) => !r.thin).length >= 2 ? rows.filter((r) => !r.thin) : rows);
  if (s.hasCosts) {
    const withRatio = sortRows(s.rows.filter((r) => r.acquisition?.ltvCac.ok), (r) => val(r.acquisition!.ltvCac), 'descending');
    if (withRatio.length === 0) return `${t('segments.answerNoRatio')}${thinText}`;
    const good = withRatio.filter((r) => r.acquisition!.meetsTarget);
    const sure = good.filter((r) => !r.thin).map(name);
    const unsure = good.filter((r) => r.thin).map(name);
    const ranked = firm(withRatio);
    const best = ranked[0]!;
    const worst = ranked[ranked.length - 1]!;
    const target = formatNumber(ctx.locale, s.target, 1);
    const list = [sure.join(', '), unsure.length ? t('segments.onThinData', { list: unsure.join(', ') }) : ''].filter(Boolean).join('; ');
    const head = good.length ? t('segments.answerCosts', { count: good.length, total: withRatio.length, target, list }) : t('segments.answerNone', { total: withRatio.length, target });
    const ends = ranked.length > 1 ? ` ${t('segments.answerEnds', { best: mark(best), bestRatio: times(val(best.acquisition!.ltvCac)), worst: mark(worst), worstRatio: times(val(worst.acquisition!.ltvCac)) })}` : '';
    return `${head}${ends}${thinText}`;
  }
  const ranked = firm(sortRows(s.rows.filter((r) => r.ltv.ok), (r) => val(r.ltv), 'descending'));
  if (ranked.length === 0) return t('segments.answerNa');
  const hi = ranked[0]!;
  const lo = ranked[ranked.length - 1]!;
  const head = t('segments.answerLtv', { best: mark(hi), bestLtv: money(val(hi.ltv)), count: hi.customers, bestN: formatCount(ctx.locale, hi.customers), worst: mark(lo), worstLtv: money(val(lo.ltv)) });
  return `${head}${thinText}`;
}

function notes(s: SegmentsResult, ctx: LtvViewContext, by: string): string[] {
  const t = ctx.t;
  const out: string[] = [t(`segments.basis.${s.method}`)];
  out.push(t('segments.marginNote'));
  if (s.rows.some((r) => r.thin)) out.push(t('segments.thinNote', { min: s.minCustomers, pct: formatPercent(ctx.locale, s.maxRelativeMargin, 0) }));
  if (s.kind === 'column') out.push(t('segments.firstNote', { by }));
  if (s.switched > 0) out.push(t('segments.switched', { count: s.switched, by }));
  if (s.hasCosts) out.push(t('segments.statusNote', { target: formatNumber(ctx.locale, s.target, 1) }), t('segments.cacNote'));
  if (s.unmatchedCosts.length) out.push(t('segments.unmatched', { list: s.unmatchedCosts.join(', ') }));
  return out;
}
