/**
 * Customer lists: the top customers by value and the valuable customers at risk.
 *
 * At risk (predictive only): P(alive) below `aliveBelow` (default 0.5), ranked by the value
 * still plausibly at stake: the expected residual CLV, which is P(alive) × what the customer is
 * worth if still active. A customer who is almost surely gone (P(alive) 0.02 %) is worth almost
 * nothing in expectation and falls to the bottom, however much they used to buy; the valuable
 * customers who might still be kept come first.
 * Selection is a linear scan keeping the best N (no sort of every customer). Pure.
 */
import { isoDay } from '../../core/calendar.ts';
import type { LtvBase } from './model.ts';
import type { CustomerPredictions } from './predictive.ts';

export interface CustomerRow {
  readonly id: string;
  /** Transactions in the data. */
  readonly transactions: number;
  /** Revenue to date. */
  readonly revenue: number;
  /** First and last purchase, `YYYY-MM-DD`. */
  readonly first: string;
  readonly last: string;
  /** LTV under the widget's method. */
  readonly value: number;
  readonly probabilityAlive?: number;
  readonly expectedPurchases?: number;
  readonly expectedSpend?: number;
  /** The value still plausibly at stake: the expected residual CLV (P(alive) × the value if still active). */
  readonly valueAtStake?: number;
}

/** Indices of the `n` largest finite scores, largest first (ties: first index first). */
export function topIndices(score: ArrayLike<number>, n: number, keep: (i: number) => boolean = () => true): number[] {
  const best: number[] = [];
  for (let i = 0; i < score.length; i++) {
    const s = score[i]!;
    if (!Number.isFinite(s) || !keep(i)) continue;
    if (best.length === n && s <= score[best[n - 1]!]!) continue;
    let j = best.length < n ? best.length : n - 1;
    if (best.length < n) best.push(i);
    while (j > 0 && score[best[j - 1]!]! < s) {
      best[j] = best[j - 1]!;
      j--;
    }
    best[j] = i;
  }
  return best;
}

export function customerRow(c: number, ids: readonly string[], base: LtvBase, values: ArrayLike<number>, p?: CustomerPredictions): CustomerRow {
  const row: CustomerRow = {
    id: ids[c]!,
    transactions: base.totals.transactions[c]!,
    revenue: base.totals.revenue[c]!,
    first: isoDay(base.totals.firstDay[c]!),
    last: isoDay(base.totals.lastDay[c]!),
    value: values[c]!,
  };
  if (!p) return row;
  const alive = p.probabilityAlive[c]!;
  return {
    ...row,
    probabilityAlive: alive,
    expectedPurchases: p.expectedPurchases[c]!,
    expectedSpend: p.expectedSpend[c]!,
    valueAtStake: values[c]!,
  };
}

export function topCustomers(ids: readonly string[], base: LtvBase, values: ArrayLike<number>, n: number, p?: CustomerPredictions): CustomerRow[] {
  return topIndices(values, n).map((c) => customerRow(c, ids, base, values, p));
}

export function atRiskCustomers(ids: readonly string[], base: LtvBase, values: ArrayLike<number>, p: CustomerPredictions, n: number, aliveBelow = 0.5): CustomerRow[] {
  const stake = new Float64Array(values.length);
  for (let c = 0; c < values.length; c++) {
    const a = p.probabilityAlive[c]!;
    stake[c] = a < aliveBelow ? values[c]! : NaN;
  }
  return topIndices(stake, n).map((c) => customerRow(c, ids, base, values, p));
}
