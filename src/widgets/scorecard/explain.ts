/**
 * The one-line explanation of each "A" mark of <kpi-scorecard>: reason code + params → a
 * sentence a manager understands, from the `scorecard.*` messages in core/i18n. Numbers are
 * formatted by the caller's `fmt` (core/format), never here.
 */
import type { Translate } from '../../core/i18n/index.ts';
import type { ACheck } from './six-a.ts';
import './en.ts'; // this widget's English (it registers itself: core/i18n/en.ts)

export interface ExplainFormat {
  /** A value in the KPI's unit (money, %, days…). */
  readonly value: (v: number) => string;
  readonly count: (v: number) => string;
  readonly percent: (v: number) => string;
}

const n = (p: ACheck['params'], k: string): number => (typeof p[k] === 'number' ? (p[k] as number) : Number.NaN);

/**
 * One line explaining an "A" mark. `flagged` / `examples` (from the KPI's quality counts) list
 * every flag reason, not only the top one; `columnName` turns a field key into the user's column
 * ("1,480 name a Product…", not the internal `product`).
 */
export function explainCheck(
  t: Translate,
  c: ACheck,
  fmt: ExplainFormat,
  quality?: { readonly flagged?: Readonly<Record<string, number>>; readonly examples?: Readonly<Record<string, string>> } | null,
  columnName: (key: string) => string = (key) => key,
): string {
  const text = explainOne(t, c, fmt, quality, columnName);
  // A KPI over several sources names the one its "accurate" mark is about ("Leads: …").
  if (c.a !== 'accurate' || typeof c.params.source !== 'string' || c.params.source === '') return text;
  const source = c.params.source.split(', ').map((s) => {
    const k = `source.${s}`;
    const name = t(k);
    return name === k ? s : name;
  }).join(', ');
  return t('accurate.inSource', { source, text });
}

function explainOne(
  t: Translate,
  c: ACheck,
  fmt: ExplainFormat,
  quality: { readonly flagged?: Readonly<Record<string, number>>; readonly examples?: Readonly<Record<string, string>> } | null | undefined,
  columnName: (key: string) => string,
): string {
  const p = c.params;
  const key = `${c.a}.${c.code}`;
  switch (key) {
    case 'achievable.within-reach':
    case 'achievable.stretch':
    case 'achievable.out-of-reach':
      return t(key, {
        target: fmt.value(n(p, 'target')),
        reference: fmt.value(n(p, 'reference')),
        basis: t(`basis.${String(p.basis)}`),
        stretch: n(p, 'stretch') < 0 ? '∞' : fmt.percent(n(p, 'stretch')),
      });
    case 'achievable.too-easy':
      return t(key, { target: fmt.value(n(p, 'target')), worst: fmt.value(n(p, 'worst')) });
    case 'achievable.no-history':
      return t(key, { periods: n(p, 'periods') });
    case 'sharp.varies':
      return t(key, { min: fmt.value(n(p, 'min')), max: fmt.value(n(p, 'max')), points: n(p, 'points') });
    case 'sharp.constant':
      return t(key, { value: fmt.value(n(p, 'value')), points: n(p, 'points') });
    case 'sharp.short-series':
      return t(key, { points: n(p, 'points') });
    case 'sharp.too-many-kpis':
      return t(key, { count: n(p, 'count'), max: n(p, 'max') });
    case 'accurate.flagged': {
      const flags = Object.entries(quality?.flagged ?? { [String(p.flag)]: n(p, 'flagCount') })
        .filter(([, count]) => count > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([reason, count]) => {
          if (reason.startsWith('unknown-')) {
            return t('flag.unknown', { count: fmt.count(count), field: columnName(reason.slice(8)), example: quality?.examples?.[reason] ?? '?' });
          }
          const k = `flag.${reason}`;
          const text = t(k, { count: fmt.count(count) });
          return text === k ? `${fmt.count(count)} ${reason}` : text;
        });
      return t(key, { valid: fmt.count(n(p, 'valid')), flags: flags.join('; ') });
    }
    case 'accurate.all-valid':
    case 'accurate.few-rejected':
    case 'accurate.some-rejected':
    case 'accurate.many-rejected':
      return t(key, {
        valid: fmt.count(n(p, 'valid')),
        total: fmt.count(n(p, 'total')),
        rejected: fmt.count(n(p, 'rejected')),
        share: fmt.percent(n(p, 'share')),
        reason: typeof p.reason === 'string' ? p.reason : '',
      });
    case 'alive.fresh':
    case 'alive.ageing':
    case 'alive.stale':
      return t(key, { age: fmt.count(n(p, 'age')), allowed: fmt.count(n(p, 'allowed')) });
    default: {
      const params: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(p)) params[k] = v;
      return t(key, params);
    }
  }
}
