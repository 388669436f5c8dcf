/**
 * Display formatting with Intl, cached per locale. Metrics return numbers; only
 * this layer turns them into text. "Not available" renders as an em dash with the
 * reason available to assistive text.
 *
 * Every formatter takes the Intl locale ('en-GB', 'de', 'pt-BR'…: `LocaleInfo.locale` from
 * core/i18n), never the message language: a `de` page with English text still shows `1.234,5`.
 */
import type { MetricValue } from '../result.ts';

const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, options);
    } catch {
      // A bad currency code (or locale): keep the locale if it is valid, fall back to USD.
      const fallback = { ...options, currency: options.currency ? 'USD' : undefined };
      try {
        f = new Intl.NumberFormat(locale, fallback);
      } catch {
        f = new Intl.NumberFormat('en', fallback);
      }
    }
    cache.set(key, f);
  }
  return f;
}

export const NA = '—';

export function formatCount(locale: string, v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? NA : nf(locale, { maximumFractionDigits: 0 }).format(v);
}

export function formatNumber(locale: string, v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? NA : nf(locale, { maximumFractionDigits: digits }).format(v);
}

export function formatPercent(locale: string, v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  // Small rates keep two significant digits (0.27 %, not 0.3 %).
  const d = v !== 0 && Math.abs(v) < 0.01 ? Math.max(digits, 2) : digits;
  return nf(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: d }).format(v);
}

/** Percentage points, signed: "+3.2 pp". */
export function formatPoints(locale: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  const pp = v * 100;
  const digits = pp !== 0 && Math.abs(pp) < 1 ? 2 : 1;
  return `${nf(locale, { signDisplay: 'exceptZero', maximumFractionDigits: digits }).format(pp)} pp`;
}

export function formatMoney(locale: string, currency: string, v: number | null | undefined, compact = false): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  return nf(locale, {
    style: 'currency',
    currency: currency || 'USD',
    maximumFractionDigits: compact || Math.abs(v) >= 1000 ? 0 : 2,
    ...(compact ? { notation: 'compact' } : {}),
  } as Intl.NumberFormatOptions).format(v);
}

export function formatCompact(locale: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  return nf(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(v);
}

export function formatSigned(locale: string, v: number | null | undefined, digits = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  return nf(locale, { signDisplay: 'exceptZero', maximumFractionDigits: digits }).format(v);
}

/** A MetricValue through a formatter, or the em dash. */
export function formatMetric(m: MetricValue | null | undefined, f: (v: number) => string): string {
  return m && m.ok ? f(m.value) : NA;
}
