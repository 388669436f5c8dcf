/**
 * Display formatting with Intl, cached per locale. Metrics return numbers; only
 * this layer turns them into text. "Not available" renders as an em dash with the
 * reason available to assistive text.
 */
import type { MetricValue } from '../result.ts';

const cache = new Map<string, Intl.NumberFormat>();

function nf(lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(lang, options);
    } catch {
      f = new Intl.NumberFormat('en', { ...options, currency: options.currency ? 'USD' : undefined });
    }
    cache.set(key, f);
  }
  return f;
}

export const NA = '—';

export function formatCount(lang: string, v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? NA : nf(lang, { maximumFractionDigits: 0 }).format(v);
}

export function formatNumber(lang: string, v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? NA : nf(lang, { maximumFractionDigits: digits }).format(v);
}

export function formatPercent(lang: string, v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  // Small rates keep two significant digits (0.27 %, not 0.3 %).
  const d = v !== 0 && Math.abs(v) < 0.01 ? Math.max(digits, 2) : digits;
  return nf(lang, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: d }).format(v);
}

/** Percentage points, signed: "+3.2 pp". */
export function formatPoints(lang: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  const pp = v * 100;
  const digits = pp !== 0 && Math.abs(pp) < 1 ? 2 : 1;
  return `${nf(lang, { signDisplay: 'exceptZero', maximumFractionDigits: digits }).format(pp)} pp`;
}

export function formatMoney(lang: string, currency: string, v: number | null | undefined, compact = false): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  return nf(lang, {
    style: 'currency',
    currency: currency || 'USD',
    maximumFractionDigits: compact || Math.abs(v) >= 1000 ? 0 : 2,
    ...(compact ? { notation: 'compact' } : {}),
  } as Intl.NumberFormatOptions).format(v);
}

export function formatCompact(lang: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  return nf(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(v);
}

export function formatSigned(lang: string, v: number | null | undefined, digits = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  return nf(lang, { signDisplay: 'exceptZero', maximumFractionDigits: digits }).format(v);
}

/** A MetricValue through a formatter, or the em dash. */
export function formatMetric(m: MetricValue | null | undefined, f: (v: number) => string): string {
  return m && m.ok ? f(m.value) : NA;
}

/** The element's language: its own `lang`, else the nearest ancestor's, else the document's, else 'en'. */
export function resolveLang(el: Element): 'en' | 'es' {
  const raw = el.closest('[lang]')?.getAttribute('lang') ?? el.ownerDocument?.documentElement.lang ?? 'en';
  return raw.toLowerCase().startsWith('es') ? 'es' : 'en';
}
