/**
 * The value every metric returns: either a number with what it was computed from,
 * or an explicit "not available" with a machine-readable reason. No NaN, Infinity or
 * silent 0 ever leaves the metric library (see shared/KPI-CATALOGUE.md).
 *
 * Metrics never format text for display: `reason` is a stable code that elements
 * translate; `detail` is an English sentence for developers and logs.
 */
export type NotAvailableReason =
  | 'zero-denominator'
  | 'no-data'
  | 'missing-input'
  | 'invalid-input'
  | 'mixed-currency';

export interface Available {
  readonly ok: true;
  readonly value: number;
  /** What the value was computed from, so a widget can explain it. */
  readonly numerator?: number;
  readonly denominator?: number;
  /** Input rows the value rests on. */
  readonly rows?: number;
}

export interface NotAvailable {
  readonly ok: false;
  readonly reason: NotAvailableReason;
  readonly detail: string;
  readonly numerator?: number;
  readonly denominator?: number;
  readonly rows?: number;
}

export type MetricValue = Available | NotAvailable;

export function available(value: number, from: Omit<Available, 'ok' | 'value'> = {}): MetricValue {
  if (!Number.isFinite(value)) {
    return { ok: false, reason: 'invalid-input', detail: `computed value is not finite (${value})`, ...from };
  }
  return { ok: true, value, ...from };
}

export function notAvailable(
  reason: NotAvailableReason,
  detail: string,
  from: Omit<NotAvailable, 'ok' | 'reason' | 'detail'> = {},
): NotAvailable {
  return { ok: false, reason, detail, ...from };
}

/** numerator ÷ denominator, or "not available" when the denominator is 0 or either is not finite. */
export function ratio(numerator: number, denominator: number, detail = 'denominator is zero', rows?: number): MetricValue {
  const from = rows === undefined ? { numerator, denominator } : { numerator, denominator, rows };
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator)) {
    return notAvailable('invalid-input', 'an input is not a finite number', from);
  }
  if (denominator === 0) return notAvailable('zero-denominator', detail, from);
  return available(numerator / denominator, from);
}

/** The value, or `fallback` when not available — for layouts that need a number to draw. */
export function valueOr(m: MetricValue, fallback: number): number {
  return m.ok ? m.value : fallback;
}

export type Unit = 'money' | 'ratio' | 'count' | 'days' | 'months' | 'years' | 'number';
export type Better = 'up' | 'down' | null;

/** Metadata every catalogue metric carries; the docs are generated from it. */
export interface MetricMeta {
  /** Stable key a user writes in a scorecard config (`metric: "cac"`). */
  readonly id: string;
  readonly name: { readonly en: string; readonly es: string };
  readonly formula: { readonly en: string; readonly es: string };
  readonly unit: Unit;
  /** Direction a target is judged in; null where the metric has none (a mix, a share). */
  readonly better: Better;
  /** Source articles in shared/seeds/ (000…004), or 'standard'. */
  readonly seeds: readonly string[];
  /** The records the metric reads (see MetricInput). */
  readonly input: MetricInput;
  /**
   * true: a total that builds up over a period (revenue, a count), so a running period is judged
   * by pacing; false: a rate, average, ratio or duration, judged as it stands.
   */
  readonly accumulates: boolean;
}

/** The kinds of record a metric can read (core/schema/records.ts). */
export type RecordKind = 'deals' | 'transactions' | 'costs' | 'activities' | 'stage-counts' | 'customer-summaries';

/**
 * What a metric's function takes. `list`: one list of records of any one of the kinds named
 * (revenue: deals or transactions). `fields`: an object with one list per key, each of the kinds
 * named (cac: `{ costs, sales }`).
 */
export type MetricInput =
  | { readonly list: readonly RecordKind[]; readonly fields?: undefined }
  | { readonly fields: Readonly<Record<string, readonly RecordKind[]>>; readonly list?: undefined };

/** Whether a metric's function takes a plain list of records of this kind. */
export function readsList(meta: Pick<MetricMeta, 'input'>, kind: RecordKind): boolean {
  return meta.input.list !== undefined && meta.input.list.includes(kind);
}
