/**
 * Display formatting with Intl, cached per locale. Metrics return numbers; only
 * this layer turns them into text. "Not available" renders as an em dash with the
 * reason available to assistive text.
 *
 * Every formatter takes the Intl locale ('en-GB', 'de', 'pt-BR'…: `LocaleInfo.locale` from
 * core/i18n), never the message language: a `de` page with English text still shows `1.234,5`.
 *
 * The number typography, one set of rules for every widget:
 * - every negative carries a true minus (U+2212), never a hyphen: "−1.2 pp", "−500";
 * - grouping is always on, so Spanish shows "8.800" next to "48.200" (Intl leaves es 4-digit
 *   numbers ungrouped by default);
 * - a unit never breaks from its number: NBSP before "pp", "%", "€", units of time;
 * - amounts are compact in headlines and on axes ("$2.8M"), full in tables and tooltips
 *   ("$2,802,496"): `formatValue(locale, v, { unit, context })`;
 * - a column or an axis shares one precision: `formatColumn` / `sharedDigits` pick the fewest
 *   decimals that keep the distinct values distinct;
 * - a period has one label: `formatPeriod` ("Q4 2017", "T4 2017", "Mar 2017").
 */
import type { MetricValue } from '../result.ts';

const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  // 'always': es/pl/… group 4-digit numbers like every other number on the same chart.
  const options = { useGrouping: 'always', ...opts } as Intl.NumberFormatOptions;
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

/** The true minus sign. */
export const MINUS = '\u2212';
/** The no-break space that joins a number to its unit. */
export const NBSP = '\u00a0';

/** Typography applied to every formatted number: true minus, no break before or after a unit. */
function typeset(s: string): string {
  return s.replace(/-/g, MINUS).replace(/ /g, NBSP);
}

/** Formats with the cached Intl formatter, then typesets; "−0" never shows. */
function fmt(locale: string, options: Intl.NumberFormatOptions, v: number): string {
  const out = typeset(nf(locale, options).format(v));
  return out.startsWith(MINUS) && !/[1-9]/.test(out) ? out.slice(1) : out;
}

export function formatCount(locale: string, v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? NA : fmt(locale, { maximumFractionDigits: 0 }, v);
}

export function formatNumber(locale: string, v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? NA : fmt(locale, { maximumFractionDigits: digits }, v);
}

export function formatPercent(locale: string, v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  // Small rates keep two significant digits (0.27 %, not 0.3 %).
  const d = v !== 0 && Math.abs(v) < 0.01 ? Math.max(digits, 2) : digits;
  return fmt(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: d }, v);
}

/** Percentage points, signed: "+3.2 pp". */
export function formatPoints(locale: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  const pp = v * 100;
  const digits = pp !== 0 && Math.abs(pp) < 1 ? 2 : 1;
  return `${fmt(locale, { signDisplay: 'exceptZero', maximumFractionDigits: digits }, pp)}${NBSP}pp`;
}

export function formatMoney(locale: string, currency: string, v: number | null | undefined, compact = false): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  return fmt(locale, {
    style: 'currency',
    currency: currency || 'USD',
    maximumFractionDigits: compact || Math.abs(v) >= 1000 ? 0 : 2,
    ...(compact ? { notation: 'compact' } : {}),
  } as Intl.NumberFormatOptions, v);
}

export function formatCompact(locale: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  return fmt(locale, { notation: 'compact', maximumFractionDigits: 1 }, v);
}

export function formatSigned(locale: string, v: number | null | undefined, digits = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  return fmt(locale, { signDisplay: 'exceptZero', maximumFractionDigits: digits }, v);
}

/** A MetricValue through a formatter, or the em dash. */
export function formatMetric(m: MetricValue | null | undefined, f: (v: number) => string): string {
  return m && m.ok ? f(m.value) : NA;
}

// --- Units × contexts ------------------------------------------------------------------------

/** What a number measures. */
export type Unit = 'count' | 'number' | 'percent' | 'points' | 'money' | 'days' | 'weeks' | 'months';
/** Where it shows: compact in a headline or on an axis, full in a table or a tooltip. */
export type NumberContext = 'headline' | 'axis' | 'table' | 'tooltip';

export interface ValueFormat {
  readonly unit: Unit;
  readonly context: NumberContext;
  /** ISO 4217 code for money (default USD). */
  readonly currency?: string | undefined;
  /** Fraction digits, fixed (a column's shared precision); default by unit and context. */
  readonly digits?: number | undefined;
  /** A sign on positives too ("+12", "+3.2 pp"); points are always signed. */
  readonly signed?: boolean | undefined;
}

/** Whether an amount is written compact ("$2.8M", "48K") in this context. */
function compactIn(unit: Unit, context: NumberContext, v: number): boolean {
  const a = Math.abs(v);
  if (unit === 'money') return context === 'headline' || context === 'axis' ? a >= 10_000 : false;
  if (unit === 'count' || unit === 'number') return context === 'headline' ? a >= 1_000_000 : context === 'axis' ? a >= 10_000 : false;
  return false;
}

/** Default fraction digits of one value (no column to share with). */
function defaultDigits(unit: Unit, context: NumberContext, v: number, compact: boolean): { min: number; max: number } {
  const a = Math.abs(v);
  switch (unit) {
    case 'count':
      return compact ? { min: 0, max: 1 } : { min: 0, max: 0 };
    case 'money':
      if (compact) return { min: 0, max: 1 };
      return a >= 100 || Number.isInteger(v) ? { min: 0, max: 0 } : { min: 2, max: 2 };
    case 'percent':
      // Small rates keep two significant digits (0.27 %, not 0.3 %).
      return v !== 0 && a < 0.01 ? { min: 0, max: 2 } : { min: 0, max: 1 };
    case 'points':
      return v !== 0 && a < 0.01 ? { min: 0, max: 2 } : { min: 0, max: 1 };
    default:
      return context === 'headline' && a >= 100 ? { min: 0, max: 0 } : { min: 0, max: 1 };
  }
}

const TIME_UNIT: Partial<Record<Unit, string>> = { days: 'day', weeks: 'week', months: 'month' };

/** One number in its unit and context, with the kit's typography. */
export function formatValue(locale: string, v: number | null | undefined, f: ValueFormat): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  const compact = compactIn(f.unit, f.context, v);
  const d = f.digits !== undefined ? { min: f.digits, max: f.digits } : defaultDigits(f.unit, f.context, v, compact);
  const sign = f.signed || f.unit === 'points' ? 'exceptZero' : 'auto';
  const base: Intl.NumberFormatOptions = { minimumFractionDigits: d.min, maximumFractionDigits: d.max, signDisplay: sign };
  if (compact) base.notation = 'compact';
  if (f.unit === 'points') return `${fmt(locale, base, v * 100)}${NBSP}pp`;
  if (f.unit === 'percent') return fmt(locale, { ...base, style: 'percent' }, v);
  if (f.unit === 'money') return fmt(locale, { ...base, style: 'currency', currency: f.currency || 'USD' }, v);
  const time = TIME_UNIT[f.unit];
  if (time) return fmt(locale, { ...base, style: 'unit', unit: time, unitDisplay: 'long' }, v);
  return fmt(locale, base, v);
}

/** The value a unit shows, scaled as its digits count (percent and points count in hundredths). */
function shown(unit: Unit, v: number): number {
  return unit === 'percent' || unit === 'points' ? v * 100 : v;
}

/**
 * The fewest fraction digits (0…max) that keep the distinct values of a set distinct when
 * rounded: one precision for a whole column or axis. `unit` scales percent and points.
 * [0.48, 0.511, 0.482] as percent → 1 ("48.0 %", "51.1 %", "48.2 %"); axis ticks 0, 200 … 1,000 → 0.
 * `exact` (axis ticks): the fewest digits that write every value as it is at `max` digits
 * (ticks 0, 0.5, 1, 1.5 → 1, where "distinct" alone would round 1.5 to 2).
 */
export function sharedDigits(values: readonly (number | null | undefined)[], unit: Unit = 'number', max = 2, exact = false): number {
  const xs = [...new Set(values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).map((v) => shown(unit, v)))];
  if (xs.length === 0) return 0;
  const distinctAt = (d: number) => new Set(xs.map((x) => (Math.round(x * 10 ** d) / 10 ** d).toFixed(d))).size;
  const target = distinctAt(max);
  // A value that rounds to 0 but is not 0 also needs more digits (0.3 % is not 0 %); outside axes
  // every value keeps two significant digits (2.9 %, not 3 %, next to 7.0 %).
  const noFalseZero = (d: number) => xs.every((x) => x === 0 || Math.round(Math.abs(x) * 10 ** d) >= (exact ? 1 : 10));
  const atMax = xs.map((x) => Math.round(x * 10 ** max) / 10 ** max);
  const same = (d: number) => xs.every((x, i) => Math.abs(Math.round(x * 10 ** d) / 10 ** d - atMax[i]!) < 1e-9);
  for (let d = 0; d < max; d++) if ((exact ? same(d) : distinctAt(d) === target) && noFalseZero(d)) return d;
  return max;
}

/**
 * A column (or an axis) of values in one unit: one precision for all of them, and compact only
 * if the context compacts its largest value (an axis reads "$0, $500K, $1M", not "$0, $500,000, $1M").
 */
export function formatColumn(locale: string, values: readonly (number | null | undefined)[], f: Omit<ValueFormat, 'digits'>): string[] {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const largest = finite.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const compact = compactIn(f.unit, f.context, largest);
  if (compact) {
    // Compact values share digits on their compact scale (thousands, millions), trailing zeros
    // trimmed as axis ticks are written: "$0", "$500K", "$1M", "$1.5M".
    const scaleOf = (v: number) => (Math.abs(v) >= 1e9 ? 1e9 : Math.abs(v) >= 1e6 ? 1e6 : Math.abs(v) >= 1e3 ? 1e3 : 1);
    const d = sharedDigits(finite.map((v) => v / scaleOf(v)), 'number', 1, true);
    return values.map((v) =>
      v === null || v === undefined || !Number.isFinite(v) ? NA
        : fmt(locale, {
            notation: 'compact',
            minimumFractionDigits: 0,
            maximumFractionDigits: d,
            signDisplay: f.signed ? 'exceptZero' : 'auto',
            ...(f.unit === 'money' ? { style: 'currency', currency: f.currency || 'USD' } : {}),
          } as Intl.NumberFormatOptions, v),
    );
  }
  // Rates stop at one decimal (two only when a rate would read 0.0 %): past that, equal-looking
  // values are genuine near-ties, and 30 agents' rates would otherwise all carry two decimals.
  const smallRate = finite.some((v) => v !== 0 && Math.abs(v) < 0.0005);
  const maxDigits =
    f.unit === 'count' ? 0
    : f.unit === 'money' ? (finite.every((v) => Number.isInteger(v) || Math.abs(v) >= 100) ? 0 : 2)
    : f.unit === 'percent' || f.unit === 'points' ? (smallRate ? 2 : 1)
    : 1;
  // Money shows cents on the whole column when one small amount has them; cents come in pairs.
  // Other units: the fewest digits that still write every value as precisely as it reads on its
  // own (24.3 % in the table as in the headline; 40 % and 25 % without a useless ".0").
  const d = f.unit === 'money' ? maxDigits : sharedDigits(finite, f.unit, maxDigits, true);
  // As single values do, a column of rates shows at most one decimal unless it needs two.
  return values.map((v) => formatValue(locale, v, { ...f, context: f.context === 'axis' ? 'axis' : 'table', digits: d }));
}

// --- Periods -----------------------------------------------------------------------------------

/** The quarter's letter by language: Q in English and German, T in the Romance languages. */
const QUARTER_LETTER: Record<string, string> = { es: 'T', fr: 'T', it: 'T', pt: 'T', ca: 'T' };
const WEEK_LETTER: Record<string, string> = { es: 'S', fr: 'S', it: 'S', pt: 'S', de: 'KW' };

/**
 * One label per period key, in the Intl locale: '2017-Q4' → "Q4 2017" (en, de) / "T4 2017" (es, fr…),
 * '2017-03' → "Mar 2017" / "mar 2017", '2017-W09' → "W9 2017" / "S9 2017", '2017' → "2017",
 * '2017-03-05' → the locale's medium date. Any other key comes back unchanged.
 */
export function formatPeriod(locale: string, key: string | null | undefined): string {
  if (!key) return NA;
  const lang = locale.toLowerCase().split('-')[0]!;
  let m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return `${QUARTER_LETTER[lang] ?? 'Q'}${m[2]}${NBSP}${m[1]}`;
  m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (m) return `${WEEK_LETTER[lang] ?? 'W'}${Number(m[2])}${NBSP}${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return dateText(locale, Date.UTC(Number(m[1]), Number(m[2]) - 1, 1), { month: 'short', year: 'numeric' });
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (m) return dateText(locale, Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])), { day: 'numeric', month: 'short', year: 'numeric' });
  return key;
}

const dateCache = new Map<string, Intl.DateTimeFormat>();
function dateText(locale: string, t: number, o: Intl.DateTimeFormatOptions): string {
  const key = `${locale}|${JSON.stringify(o)}`;
  let f = dateCache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...o, timeZone: 'UTC' });
    } catch {
      f = new Intl.DateTimeFormat('en', { ...o, timeZone: 'UTC' });
    }
    dateCache.set(key, f);
  }
  return f.format(t).replace(/\.$/, '').replace(/ /g, NBSP);
}
