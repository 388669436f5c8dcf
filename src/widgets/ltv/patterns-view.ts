/**
 * The view model of <kpi-ltv input="patterns">: the fitted BG/NBD parameters, the population
 * outputs pattern counts allow (expected purchases, mean P(alive), per pattern), and a plain
 * statement of what needs per-customer data. Every string formatted. Pure: no lit, no DOM.
 */
import { formatCount, formatNumber, formatPercent, formatValue } from '../../core/format/format.ts';
import type { Translate } from '../../core/i18n/index.ts';
import type { PatternsResult } from './patterns-shape.ts';
import './en.ts'; // this widget's English (it registers itself: core/i18n/en.ts)

export interface PatternsView {
  readonly lines: readonly string[];
  /** Why the fit failed, or null. */
  readonly error: string | null;
  readonly params: {
    readonly caption: string;
    readonly cells: readonly string[];
    readonly logLik: string;
    readonly head: readonly string[];
    /** Phones: one line instead of the table. */
    readonly narrow: boolean;
    readonly line: string;
  } | null;
  readonly table: { readonly caption: string; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] } | null;
  readonly needs: string;
}

export function buildPatternsView(p: PatternsResult, ctx: { readonly locale: string; readonly t: Translate; readonly width?: number }): PatternsView {
  const { locale, t } = ctx;
  const unit = t(`unit.${p.unit}`);
  const f = p.fit;
  const needs = t('patterns.needs');
  if (!f.ok) return { lines: [], error: t('patterns.noFit', { detail: f.detail }), params: null, table: null, needs };
  const f3 = (v: number) => formatNumber(locale, v, 3);
  const cells = [`r = ${f3(f.params.r)}`, `α = ${f3(f.params.alpha)}`, `a = ${f3(f.params.a)}`, `b = ${f3(f.params.b)}`];
  const logLik = formatNumber(locale, f.params.logLik, 1);
  const lines = [
    t('patterns.summary', { patterns: formatCount(locale, f.patterns), customers: formatCount(locale, f.customers), repeat: formatCount(locale, f.repeatCustomers), unit }),
    t('patterns.expected', {
      horizon: formatNumber(locale, p.horizon, 1),
      unit,
      total: formatNumber(locale, f.expectedPurchases, 0),
      customers: formatCount(locale, f.customers),
      mean: formatNumber(locale, f.expectedPurchases / f.customers, 3),
    }),
    t('patterns.alive', { alive: formatPercent(locale, f.meanProbabilityAlive) }),
    ...(p.binned ? [t('patterns.binned')] : []),
  ];
  return {
    lines,
    error: null,
    params: {
      caption: t('paramsCaption'),
      head: [t('model'), t('params'), t('logLik')],
      cells,
      logLik,
      narrow: (ctx.width || 640) < 480,
      line: `${cells.join(', ')} · ${t('logLik')} ${logLik}`,
    },
    table: {
      caption: t('patterns.table', { horizon: formatNumber(locale, p.horizon, 1), unit }),
      head: [t('patterns.x'), t('patterns.n'), t('pAlive'), t('patterns.expectedEach')],
      rows: f.byFrequency
        .filter((r) => r.customers > 0)
        .map((r) => [
          r.plus ? `${formatCount(locale, r.x)}+` : formatCount(locale, r.x),
          formatNumber(locale, r.customers, 0),
          formatValue(locale, r.meanProbabilityAlive, { unit: 'percent', context: 'table', digits: 1 }),
          formatValue(locale, r.expectedPurchases, { unit: 'number', context: 'table', digits: 2 }),
        ]),
    },
    needs,
  };
}
