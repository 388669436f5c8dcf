/**
 * `retention` and `churn` over a closed period [from, to).
 *
 * Each customer has a span [since, until): from `CustomerSummary` rows as given, or from
 * transactions: since = first purchase, until = last purchase + `activeDays` (default 365: a
 * customer who has not bought for a year is lost). Then
 * - customers at start S: since < from and still active at from (until > from or open);
 * - customers at end E: since < to and still active at to (until ≥ to or open);
 * - new customers N: since in [from, to) and still customers at `to` (the new customers among E);
 * - lost L: counted in S and no longer active at to.
 * retention = (E − N) ÷ S = the share of S still there at the end, so it stays in [0, 1] and
 * retention + churn = 1 (churn is its complement, as the catalogue says); churn = L ÷ S.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { notAvailable, ratio, type MetricMeta, type MetricValue } from '../core/result.ts';
import { defineMetric, evaluate, timeOf, type ResolvedPeriod } from './metric.ts';
import { DAY_MS } from '../core/calendar.ts';
import type { CustomerSummary, Transaction } from '../core/schema/records.ts';

export const retentionMeta: MetricMeta = {
  id: 'retention',
  ...kpiText('retention'),
  unit: 'ratio',
  better: 'up',
  seeds: ['001'],
  input: { list: ['transactions', 'customer-summaries'] },
  accumulates: false,
};

export const churnMeta: MetricMeta = {
  id: 'churn',
  ...kpiText('churn'),
  unit: 'ratio',
  better: 'down',
  seeds: ['002'],
  input: { list: ['transactions', 'customer-summaries'] },
  accumulates: false,
};

export type RetentionInput = readonly Transaction[] | readonly CustomerSummary[];

export interface RetentionOptions {
  /** Days after the last purchase a customer still counts as active (transactions only). */
  readonly activeDays?: number;
}

export interface CustomerSpan {
  readonly customer: string;
  readonly since: number;
  /** Exclusive end; Infinity while active. */
  readonly until: number;
}

function isSummary(r: Transaction | CustomerSummary): r is CustomerSummary {
  return Object.hasOwn(r, 'since');
}

/** One span per customer. */
export function customerSpans(rows: RetentionInput, activeDays = 365): CustomerSpan[] {
  const spans = new Map<string, { since: number; until: number }>();
  for (const r of rows as readonly (Transaction | CustomerSummary)[]) {
    let since: number | null;
    let until: number;
    if (isSummary(r)) {
      since = timeOf(r.since);
      until = r.until === undefined || r.until === null ? Infinity : timeOf(r.until) ?? Infinity;
    } else {
      since = timeOf(r.date);
      until = since === null ? Infinity : since + activeDays * DAY_MS;
    }
    if (since === null) continue;
    const s = spans.get(r.customer);
    if (!s) spans.set(r.customer, { since, until });
    else {
      if (since < s.since) s.since = since;
      if (until > s.until) s.until = until;
    }
  }
  return [...spans].map(([customer, s]) => ({ customer, ...s }));
}

export interface RetentionCounts {
  readonly start: number;
  readonly end: number;
  /** New customers in the period still customers at its end. */
  readonly added: number;
  readonly lost: number;
}

export function retentionCounts(spans: readonly CustomerSpan[], p: ResolvedPeriod): RetentionCounts {
  let start = 0, end = 0, added = 0, lost = 0;
  for (const s of spans) {
    const atStart = s.since < p.from && s.until > p.from;
    const atEnd = s.since < p.to && s.until >= p.to;
    if (atStart) start++;
    if (atEnd) end++;
    if (s.since >= p.from && s.since < p.to && atEnd) added++;
    if (atStart && !atEnd) lost++;
  }
  return { start, end, added, lost };
}

function compute(kind: 'retention' | 'churn', rows: RetentionInput, p: ResolvedPeriod, activeDays: number | undefined): MetricValue {
  if (!Number.isFinite(p.from) || !Number.isFinite(p.to)) return notAvailable('missing-input', `${kind} needs a closed period (from and to)`);
  if (rows.length === 0) return notAvailable('no-data', 'no customers', { rows: 0 });
  const c = retentionCounts(customerSpans(rows, activeDays), p);
  const detail = 'no customers at the start of the period';
  return kind === 'retention' ? ratio(c.end - c.added, c.start, detail, rows.length) : ratio(c.lost, c.start, detail, rows.length);
}

const dateOf = (r: Transaction | CustomerSummary) => (isSummary(r) ? r.since : r.date);
const customerOf = (r: Transaction | CustomerSummary) => r.customer;

export const retention = defineMetric<RetentionInput, RetentionOptions>(retentionMeta, (input, options) =>
  evaluate({ customers: { rows: input as readonly (Transaction | CustomerSummary)[], date: dateOf, customer: customerOf, filter: false } }, options, ({ customers }, { period }) =>
    compute('retention', customers as RetentionInput, period, options?.activeDays),
  ),
);

export const churn = defineMetric<RetentionInput, RetentionOptions>(churnMeta, (input, options) =>
  evaluate({ customers: { rows: input as readonly (Transaction | CustomerSummary)[], date: dateOf, customer: customerOf, filter: false } }, options, ({ customers }, { period }) =>
    compute('churn', customers as RetentionInput, period, options?.activeDays),
  ),
);
