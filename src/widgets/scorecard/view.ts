/**
 * <kpi-scorecard>'s view model, pure (no lit, no DOM; testable in node): every visible string
 * already formatted with the Intl locale (core/format) and translated (core/i18n), the card
 * grid's columns at the element's width, bullet and sparkline geometry (src/charts), the
 * matrix rows in the chosen sort order, and the data table's rows. template.ts draws it.
 */
import type { Translate } from '../../core/i18n/index.ts';
import { formatColumn, formatCompact, formatCount, formatMoney, formatNumber, formatPercent, formatPeriod, formatPoints, NA } from '../../core/format/format.ts';
import type { SortState } from '../../core/ui/sort.ts';
import type { Status } from '../../core/targets/status.ts';
import { bulletLayout, type BulletLayout } from '../../charts/bullet-layout.ts';
import { sparklineLayout } from '../../charts/sparkline-layout.ts';
import { labelText, type KpiUnit, type NumberFormat, type ScorecardConfig } from './config.ts';
import type { KpiModel, ScorecardModel } from './model.ts';
import { sortMatrixRows, type MatrixColumn, type MatrixModel } from './matrix.ts';
import { explainCheck, type ExplainFormat } from './explain.ts';
import type { Mark } from './six-a.ts';
import type { ScorecardBuilt } from './compute.ts';
import './en.ts'; // this widget's English (it registers itself: core/i18n/en.ts)

export interface ScorecardViewContext {
  /** The Intl locale ('en', 'en-GB', 'es'…) of every number, date and label. */
  readonly locale: string;
  /** The scorecard's translator (namespace `scorecard`). */
  readonly t: Translate;
  /** The element's width in px (0 before it is measured: 800 is assumed). */
  readonly width: number;
  /** ISO 4217 code of money values. */
  readonly currency: string;
  /** The `label` attribute, which wins over the configuration's title. */
  readonly label?: string | undefined;
  /** The user's column for a field key (for the "accurate" explanations). */
  readonly columnName?: (key: string) => string;
}

/** UI state the element keeps. */
export interface ScorecardUi {
  readonly sort: SortState;
  readonly tableShown: boolean;
}

export interface StatusBadge {
  readonly status: Status;
  readonly icon: string;
  readonly text: string;
}

export interface SparkView {
  readonly width: number;
  readonly height: number;
  readonly path: string;
  readonly referenceY: number | null;
  /** The lowest and highest points, when they differ. */
  readonly minMax: readonly [{ readonly x: number; readonly y: number }, { readonly x: number; readonly y: number }] | null;
  readonly last: { readonly x: number; readonly y: number } | null;
  readonly aria: string;
}

export type DeltaView =
  | { readonly kind: 'none'; readonly text: string }
  | { readonly kind: 'change'; readonly tone: 'better' | 'worse' | ''; readonly change: string; readonly vs: string };

export interface SixAView {
  readonly title: string;
  /** The badge: one letter per A (the initial of its translated name), coloured by its mark. */
  readonly letters: readonly { readonly letter: string; readonly mark: Mark; readonly name: string }[];
  /** The KPI's name, for screen readers ("6 A Win rate: …"). */
  readonly hidden: string;
  readonly marks: readonly { readonly mark: Mark; readonly icon: string }[];
  readonly score: string;
  readonly items: readonly { readonly mark: Mark; readonly icon: string; readonly name: string; readonly markText: string; readonly text: string }[];
}

export interface CardView {
  readonly id: string;
  readonly index: number;
  readonly status: Status;
  readonly label: string;
  readonly kind: string | null;
  readonly badge: StatusBadge;
  readonly value: string;
  /** "Target $500 · Q4 2017". */
  readonly target: string;
  /** "Tick: $30,000 pro-rated to date", when the bullet's target tick is the pro-rated target; else null. */
  readonly proRated: string | null;
  readonly bullet: BulletLayout;
  /** Scale labels by tick value. */
  readonly ticks: ReadonlyMap<number, string>;
  readonly spark: SparkView | null;
  readonly delta: DeltaView;
  readonly pace: { readonly label: string; readonly text: string } | null;
  readonly sixA: SixAView;
}

export interface MatrixHeader {
  readonly key: string;
  readonly label: string;
  readonly sub?: string;
}

export interface MatrixCellView {
  readonly status: Status;
  readonly text: string;
  /** The status icon and word, when the column has a target and the cell a value. */
  readonly badge: StatusBadge | null;
}

export interface MatrixRowView {
  readonly member: string;
  readonly flagged: boolean;
  /** "better than the median on …, worse on …" for a flagged member. */
  readonly mark: string | null;
  readonly cells: readonly MatrixCellView[];
}

export interface MatrixView {
  readonly caption: string;
  readonly sort: SortState;
  readonly headers: readonly MatrixHeader[];
  readonly rows: readonly MatrixRowView[];
  readonly note: string | null;
}

export interface TableView {
  readonly caption: string;
  readonly headers: readonly string[];
  readonly rows: readonly { readonly head: string; readonly cells: readonly string[] }[];
  /** The toggle's texts. */
  readonly show: string;
  readonly hide: string;
  readonly region: string;
  readonly shown: boolean;
}

export interface ScorecardView {
  readonly heading: string;
  readonly summary: string;
  /** The "too many KPIs" notice, or null. */
  readonly tooMany: string | null;
  /** Card grid columns. */
  readonly cols: number;
  readonly cards: readonly CardView[];
  readonly matrix: MatrixView | null;
  readonly table: TableView;
}

export const STATUS_ICON: Readonly<Record<Status, string>> = { 'on-track': '✓', 'at-risk': '!', 'off-track': '✕', unknown: '–' };
export const MARK_ICON: Readonly<Record<Mark, string>> = { pass: '✓', warn: '!', fail: '✕' };
/** Gap between cards (px); styles.ts uses the same. */
export const GAP = 12;
const MIN_CARD = 270;
const MAX_COLS = 4;
const BULLET_HEIGHT = 20;
const SPARK_HEIGHT = 28;

// ---- formatting ------------------------------------------------------------------------

type Formatted = { readonly unit: KpiUnit; readonly config?: { readonly format?: NumberFormat | undefined } };

const compactCache = new Map<string, Intl.NumberFormat>();

/** "$2.8M", "988 mil US$": three significant digits, so a 2.8 M quarter never reads as "$3M". */
function compactMoney(locale: string, currency: string, v: number): string {
  const key = `${locale}|${currency}`;
  let f = compactCache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'USD', notation: 'compact', maximumSignificantDigits: 3 });
    } catch {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 3 });
    }
    compactCache.set(key, f);
  }
  return f.format(v);
}

/**
 * A value in its KPI's unit: money, %, days, counts; compact (3 significant digits) for large
 * values and whole matrix columns, unless `full` (the data table and tooltips: "$2,802,496").
 */
export function formatKpiValue(k: Formatted, v: number | null, ctx: ScorecardViewContext, compact = false, full = false): string {
  if (v === null || !Number.isFinite(v)) return NA;
  const locale = ctx.locale;
  const f = k.config?.format;
  if (f?.percent || (k.unit === 'ratio' && f?.percent !== false)) return formatPercent(locale, v, f?.decimals ?? 1);
  const useCompact = full ? false : (f?.compact ?? (compact || Math.abs(v) >= 100_000));
  switch (k.unit) {
    case 'money':
      return useCompact ? compactMoney(locale, ctx.currency, v) : formatMoney(locale, ctx.currency, v);
    case 'count':
      return useCompact && Math.abs(v) >= 10_000 ? formatCompact(locale, v) : formatCount(locale, v);
    case 'days':
      return ctx.t('days', { n: formatNumber(locale, v, f?.decimals ?? 1) });
    case 'months':
    case 'years':
      return ctx.t(k.unit, { n: formatNumber(locale, v, f?.decimals ?? 1) });
    default:
      return useCompact && Math.abs(v) >= 10_000 ? formatCompact(locale, v) : formatNumber(locale, v, f?.decimals ?? 2);
  }
}

/** Scale labels: short, without the currency (the value above the graph carries the unit). */
function tickLabel(k: KpiModel, v: number, locale: string): string {
  if (k.unit === 'ratio' || k.config.format?.percent) return formatPercent(locale, v, 0);
  return Math.abs(v) >= 1000 ? formatCompact(locale, v) : formatNumber(locale, v, 1);
}

/** "Q4 2017", "T4 2017", "Nov 2017"; any other key as it is: the kit's one period label (core/format). */
export function periodLabel(key: string, ctx: Pick<ScorecardViewContext, 'locale' | 't'>): string {
  return formatPeriod(ctx.locale, key);
}

function statusText(k: { status: Status; statusReason?: string }, t: Translate): string {
  return k.statusReason === 'too-early' ? t('status.too-early') : t(`status.${k.status}`);
}

function badge(k: { status: Status; statusReason?: string }, t: Translate): StatusBadge {
  return { status: k.status, icon: STATUS_ICON[k.status], text: statusText(k, t) };
}

function groupName(group: string, t: Translate): string {
  const key = `group.${group}`;
  const text = t(key);
  return text === key ? group.replace(/[_-]+/g, ' ') : text;
}

// ---- parts -----------------------------------------------------------------------------

/**
 * The heading: the `label` attribute, else the configuration's title, else "Scorecard". While
 * loading, the element passes the configuration as given (not yet checked), so the title does
 * not change between loading and loaded.
 */
export function scorecardHeading(config: Pick<ScorecardConfig, 'title'> | undefined, ctx: ScorecardViewContext): string {
  const title = config?.title;
  return (ctx.label ?? (typeof title === 'string' || (title && typeof title === 'object') ? labelText(title, ctx.locale) : '')) || ctx.t('title');
}

/** "3 KPIs as of Nov 15, 2017: 2 on track, 0 at risk, 1 off track." (plural forms by the message table). */
export function scorecardSummary(model: ScorecardModel, ctx: ScorecardViewContext): string {
  const t = ctx.t;
  const count = (s: Status) => model.kpis.filter((k) => k.status === s).length;
  const date = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(model.now - 1);
  const text = t('summary', {
    count: model.kpis.length,
    date,
    onTrack: t('summaryOnTrack', { count: count('on-track') }),
    atRisk: t('summaryAtRisk', { count: count('at-risk') }),
    offTrack: t('summaryOffTrack', { count: count('off-track') }),
  });
  const unknown = count('unknown');
  return unknown > 0 ? `${text} ${t('summaryUnknown', { count: unknown })}` : text;
}

/** Columns of the card grid at `width`, and the drawing width inside one card. */
export function cardColumns(n: number, width: number): { cols: number; cardWidth: number } {
  const w = width || 800;
  const fit = Math.max(1, Math.min(MAX_COLS, Math.floor((w + GAP) / (MIN_CARD + GAP))));
  const rows = Math.ceil(n / fit);
  const cols = Math.max(1, Math.min(fit, Math.ceil(n / Math.max(1, rows))));
  const cardWidth = Math.floor((w - (cols - 1) * GAP) / cols) - 30;
  return { cols, cardWidth: Math.max(160, cardWidth) };
}

function sparkView(k: KpiModel, label: string, width: number, ctx: ScorecardViewContext): SparkView | null {
  const s = sparklineLayout(k.series, { width, height: SPARK_HEIGHT, padding: 3, reference: k.accumulates ? null : k.target });
  if (s.points.length === 0) return null;
  const points = k.series.map((p) => `${periodLabel(p.key, ctx)} ${p.value === null ? NA : formatKpiValue(k, p.value, ctx)}`).join(', ');
  return {
    width,
    height: SPARK_HEIGHT,
    path: s.path,
    referenceY: s.referenceY,
    minMax: s.min && s.max && s.min !== s.max ? [{ x: s.min.x, y: s.min.y }, { x: s.max.x, y: s.max.y }] : null,
    last: s.last ? { x: s.last.x, y: s.last.y } : null,
    aria: ctx.t('trendAria', { label, count: k.series.length, points }),
  };
}

function deltaView(k: KpiModel, ctx: ScorecardViewContext): DeltaView {
  const c = k.comparison;
  const t = ctx.t;
  if (!c || c.delta === null) {
    return { kind: 'none', text: c ? `${t('vs', { period: periodLabel(c.key, ctx) })}: ${NA}` : t('noComparison') };
  }
  const up = c.delta > 0;
  const better = c.delta === 0 ? null : k.direction === 'up' ? up : !up;
  const arrow = c.delta === 0 ? '=' : up ? '▲' : '▼';
  const text = k.unit === 'ratio'
    ? formatPoints(ctx.locale, c.delta)
    : c.deltaRatio !== null
      ? `${c.deltaRatio > 0 ? '+' : c.deltaRatio < 0 ? '−' : '±'}${formatPercent(ctx.locale, Math.abs(c.deltaRatio), 1)}`
      : formatKpiValue(k, c.delta, ctx);
  const vs = c.toDate ? t('vsToDate', { period: periodLabel(c.key, ctx) }) : t('vs', { period: periodLabel(c.key, ctx) });
  return {
    kind: 'change',
    tone: better === null ? '' : better ? 'better' : 'worse',
    change: `${arrow} ${text}`,
    vs: `${vs} (${c.value.ok ? formatKpiValue(k, c.value.value, ctx) : NA})`,
  };
}

function paceView(k: KpiModel, ctx: ScorecardViewContext): CardView['pace'] {
  const p = k.pacing;
  if (!p) return null;
  const t = ctx.t;
  let text: string;
  if (p.state === 'too-early') text = t('paceTooEarly', { day: p.elapsedDays, days: p.totalDays });
  else if (p.state === 'not-started') text = t('paceNotStarted');
  else {
    text = t('paceRunning', {
      value: formatKpiValue(k, k.value.ok ? k.value.value : null, ctx),
      expected: formatKpiValue(k, p.expectedToDate, ctx),
      day: p.elapsedDays,
      days: p.totalDays,
      projected: formatKpiValue(k, p.projected, ctx),
    });
  }
  return { label: `${t('pace')}:`, text };
}

function sixAView(k: KpiModel, label: string, ctx: ScorecardViewContext): SixAView {
  const t = ctx.t;
  const fmt: ExplainFormat = {
    value: (v) => formatKpiValue(k, v, ctx),
    count: (v) => formatCount(ctx.locale, v),
    percent: (v) => formatPercent(ctx.locale, v, 0),
  };
  let items: SixAView['items'] | undefined;
  return {
    title: t('sixA'),
    letters: k.checks.map((c) => {
      const name = t(`a.${c.a}`);
      return { letter: name.charAt(0).toLocaleUpperCase(ctx.locale), mark: c.mark, name: `${name}: ${t(`mark.${c.mark}`)}` };
    }),
    hidden: `${label}:`,
    marks: k.checks.map((c) => ({ mark: c.mark, icon: MARK_ICON[c.mark] })),
    score: t('sixAScore', { pass: k.checks.filter((c) => c.mark === 'pass').length }),
    // The panel's sentences are written on first read: the first render draws the cards without them.
    get items() {
      return (items ??= k.checks.map((c) => ({
        mark: c.mark,
        icon: MARK_ICON[c.mark],
        name: t(`a.${c.a}`),
        markText: t(`mark.${c.mark}`),
        text: explainCheck(t, c, fmt, k.quality, ctx.columnName),
      })));
    },
  };
}

function cardView(k: KpiModel, index: number, width: number, ctx: ScorecardViewContext): CardView {
  const t = ctx.t;
  const label = labelText(k.label, ctx.locale);
  const value = k.value.ok ? k.value.value : null;
  // The bullet, trend and 6 A are built on first read: a new result's first frame draws the
  // cards' figures alone (core/element/stages.ts).
  let bulletV: CardView['bullet'] | undefined;
  let ticksV: CardView['ticks'] | undefined;
  let sparkV: CardView['spark'] | undefined;
  let deltaV: CardView['delta'] | undefined;
  let sixAV: CardView['sixA'] | undefined;
  return {
    id: k.id,
    index,
    status: k.status,
    label,
    kind: k.kind ? t(k.kind) : null,
    badge: badge(k, t),
    value: formatKpiValue(k, value, ctx),
    target: `${t('target')} ${formatKpiValue(k, k.target, ctx)} · ${periodLabel(k.period.key, ctx)}`,
    // The bullet's tick sits at the target pro-rated to date (half a quarter in: half the target): say so.
    proRated:
      k.target !== null && k.judgedLevels.target !== null && Math.abs(k.judgedLevels.target - k.target) > 1e-9 * Math.max(1, Math.abs(k.target))
        ? t('proRated', { value: formatKpiValue(k, k.judgedLevels.target, ctx) })
        : null,
    get bullet() {
      return (bulletV ??= bulletLayout({
        value,
        target: k.judgedLevels.target,
        direction: k.direction,
        warning: k.judgedLevels.warning,
        critical: k.judgedLevels.critical,
        width,
        height: BULLET_HEIGHT,
        ticks: width < 280 ? 3 : 4,
      }));
    },
    get ticks() {
      return (ticksV ??= new Map(this.bullet.ticks.map((tk) => [tk.value, tickLabel(k, tk.value, ctx.locale)])));
    },
    get spark() {
      return sparkV === undefined ? (sparkV = sparkView(k, label, Math.min(140, Math.round(width * 0.42)), ctx)) : sparkV;
    },
    get delta() {
      return (deltaV ??= deltaView(k, ctx));
    },
    pace: paceView(k, ctx),
    get sixA() {
      return (sixAV ??= sixAView(k, label, ctx));
    },
  };
}

/** The grouped matrix: headers, rows in the chosen order (member, or any KPI column), cells, the contrast note. */
export function matrixView(m: MatrixModel, config: ScorecardConfig, sort: SortState, ctx: ScorecardViewContext): MatrixView {
  const t = ctx.t;
  const colLabel = (c: MatrixColumn) => labelText(c.label, ctx.locale);
  const key = m.columns.some((c) => c.id === sort.key) ? sort.key : 'member';
  const rows = sortMatrixRows(m.rows, key, sort.dir);
  const hi = m.contrast ? m.columns.find((c) => c.id === m.contrast!.high) : undefined;
  const lo = m.contrast ? m.columns.find((c) => c.id === m.contrast!.low) : undefined;
  const pair = hi && lo ? { high: colLabel(hi), low: colLabel(lo) } : null;
  const metricOf = (id: string) => config.kpis.find((k) => k.id === id)?.metric;
  const openedVsWin = !!hi && !!lo && metricOf(hi.id) === 'deals-opened' && metricOf(lo.id) === 'win-rate';
  const group = groupName(m.groupBy, t);
  // One number style per column ("$2,403, $2,270, $702", never "$2.4K, $2.27K, $702").
  const columnTexts = m.columns.map((c) => matrixColumn(c, rows.map((r) => { const cell = r.cells[c.id]; return cell?.value.ok ? cell.value.value : null; }), ctx));
  return {
    caption: `${t('matrixTitle', { group: group.toLowerCase() })}${m.columns[0] ? ` · ${periodLabel(m.columns[0].period.key, ctx)}` : ''}`,
    sort,
    headers: [
      { key: 'member', label: group },
      ...m.columns.map((c) => ({
        key: c.id,
        label: colLabel(c),
        ...(c.target !== null ? { sub: `${t('target')} ${formatKpiValue(c, c.target, ctx)}` } : {}),
      })),
    ],
    rows: rows.map((r, ri) => ({
      member: r.member,
      flagged: r.contrast,
      mark: r.contrast && pair ? t('contrastMark', pair) : null,
      cells: m.columns.map((c, ci) => {
        const cell = r.cells[c.id];
        const v = cell?.value.ok ? cell.value.value : null;
        const status: Status = cell?.status ?? 'unknown';
        return { status, text: columnTexts[ci]![ri]!, badge: c.target !== null && v !== null ? badge({ status }, t) : null };
      }),
    })),
    // The ◆ legend only where a row carries the mark.
    note: pair && rows.some((r) => r.contrast) ? (m.contrast && openedVsWin ? t('contrastNoteExample', pair) : t('contrastNote', pair)) : null,
  };
}

/** A matrix column's values in one style: a shared precision; compact only when its largest value is. */
function matrixColumn(c: MatrixColumn, values: readonly (number | null)[], ctx: ScorecardViewContext): string[] {
  const f = (c as Formatted).config?.format;
  if (f && (f.decimals !== undefined || f.compact !== undefined || f.percent !== undefined)) return values.map((v) => formatKpiValue(c, v, ctx, true));
  const locale = ctx.locale;
  switch (c.unit) {
    case 'ratio':
      return formatColumn(locale, values, { unit: 'percent', context: 'table' });
    case 'money':
      return formatColumn(locale, values, { unit: 'money', context: 'axis', currency: ctx.currency });
    case 'count':
      return formatColumn(locale, values, { unit: 'count', context: 'axis' });
    case 'days':
    case 'months':
    case 'years':
      return formatColumn(locale, values, { unit: 'number', context: 'table' }).map((s, i) => (values[i] === null ? NA : ctx.t(c.unit, { n: s })));
    default:
      return formatColumn(locale, values, { unit: 'number', context: 'axis' });
  }
}

/** The data table: every number of every card, as text, in full ("$2,802,496", not "$2.8M"). */
export function tableView(model: ScorecardModel, ui: ScorecardUi, ctx: ScorecardViewContext): TableView {
  const t = ctx.t;
  const fmt = (k: KpiModel, v: number | null) => formatKpiValue(k, v, ctx, false, true);
  return {
    caption: t('dataTable'),
    headers: ['kpi', 'period', 'value', 'target', 'status', 'expectedToDate', 'comparison', 'delta', 'trend', 'sixA'].map((h) => t(h)),
    rows: model.kpis.map((k) => {
      const c = k.comparison;
      return {
        head: labelText(k.label, ctx.locale),
        cells: [
          periodLabel(k.period.key, ctx),
          fmt(k, k.value.ok ? k.value.value : null),
          fmt(k, k.target),
          statusText(k, t),
          k.pacing && k.pacing.state !== 'complete' ? fmt(k, k.pacing.expectedToDate) : NA,
          c ? `${periodLabel(c.key, ctx)}: ${c.value.ok ? fmt(k, c.value.value) : NA}` : NA,
          c && c.delta !== null ? (k.unit === 'ratio' ? formatPoints(ctx.locale, c.delta) : signed(fmt(k, c.delta), c.delta)) : NA,
          k.series.map((p) => `${periodLabel(p.key, ctx)}: ${p.value === null ? NA : fmt(k, p.value)}`).join('; '),
          k.checks.map((ch) => `${t(`a.${ch.a}`)} ${t(`mark.${ch.mark}`)}`).join(', '),
        ],
      };
    }),
    show: t('showTable'),
    hide: t('hideTable'),
    region: t('dataTable'),
    shown: ui.tableShown,
  };
}

/** "+3", "−3" (the formatters already write the true minus). */
function signed(text: string, v: number): string {
  return v > 0 ? `+${text}` : text;
}

export function buildScorecardView(built: ScorecardBuilt, ctx: ScorecardViewContext, ui: ScorecardUi): ScorecardView {
  const { model, matrix, config } = built;
  const { cols, cardWidth } = cardColumns(model.kpis.length, ctx.width);
  const count = model.countCheck;
  let matrixV: ScorecardView['matrix'] | undefined;
  let tableV: ScorecardView['table'] | undefined;
  return {
    heading: scorecardHeading(config, ctx),
    summary: scorecardSummary(model, ctx),
    tooMany: count.mark !== 'pass' ? ctx.t('tooMany', { count: Number(count.params.count), max: Number(count.params.max) }) : null,
    cols,
    cards: model.kpis.map((k, i) => cardView(k, i, cardWidth, ctx)),
    // Built on first read: the first render draws the cards alone (core/element/stages.ts).
    get matrix() {
      return matrixV === undefined ? (matrixV = matrix ? matrixView(matrix, config, ui.sort, ctx) : null) : matrixV;
    },
    get table() {
      return (tableV ??= tableView(model, ui, ctx));
    },
  };
}
