/**
 * <kpi-ltv input="patterns">'s fit, where it runs (the kit's worker, job `ltv-patterns-fit`, or
 * this thread when no worker can start): the weighted BG/NBD fit on pattern counts
 * (Σ n_i · LL(x_i, t_x_i, T_i), models/bgnbd.ts) and the population-level outputs pattern counts
 * allow: P(alive) and expected purchases over the horizon per pattern, their customer-weighted
 * totals. Money needs per-customer spend, which pattern counts do not carry.
 */
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive, fitBgNbdWeightedSteps, type WeightedHistory } from '../../models/bgnbd.ts';
import type { PatternsFit, PatternOutput } from './patterns-shape.ts';

/** Patterns listed in the result (the largest by customers); the totals cover every one. */
export const LISTED_PATTERNS = 10;

export function* patternsFitSteps(rows: readonly WeightedHistory[], horizon: number): Generator<{ stage: 'bgnbd' | 'predict'; done: number }, PatternsFit, void> {
  const steps = fitBgNbdWeightedSteps(rows);
  let r = steps.next();
  while (!r.done) {
    yield { stage: 'bgnbd', done: r.value.iteration };
    r = steps.next();
  }
  const fit = r.value;
  if (!fit.ok) return { ok: false, detail: fit.detail };
  let expected = 0;
  let alive = 0;
  let customers = 0;
  const outputs: PatternOutput[] = [];
  for (let i = 0; i < rows.length; i++) {
    if ((i & 1023) === 1023) yield { stage: 'predict', done: i };
    const p = rows[i]!;
    if (p.n === 0) continue;
    const a = bgnbdProbabilityAlive(fit, p.frequency, p.recency, p.T);
    const e = bgnbdConditionalExpectedPurchases(fit, p.frequency, p.recency, p.T, horizon);
    if (!a.ok || !e.ok) return { ok: false, detail: !a.ok ? a.detail : !e.ok ? e.detail : '' };
    expected += p.n * e.value;
    alive += p.n * a.value;
    customers += p.n;
    outputs.push({ x: p.frequency, tx: p.recency, T: p.T, n: p.n, probabilityAlive: a.value, expectedPurchases: e.value });
  }
  // The largest patterns, by customers (a linear pass keeping the top few: no sort of every row).
  const top: PatternOutput[] = [];
  for (const o of outputs) {
    if (top.length === LISTED_PATTERNS && o.n <= top[top.length - 1]!.n) continue;
    let j = top.length < LISTED_PATTERNS ? top.length : LISTED_PATTERNS - 1;
    if (top.length < LISTED_PATTERNS) top.push(o);
    while (j > 0 && top[j - 1]!.n < o.n) {
      top[j] = top[j - 1]!;
      j--;
    }
    top[j] = o;
  }
  const MAX_X = 7;
  const n = new Float64Array(MAX_X + 1);
  const al = new Float64Array(MAX_X + 1);
  const ex = new Float64Array(MAX_X + 1);
  for (const o of outputs) {
    const g = Math.min(o.x, MAX_X);
    n[g] += o.n;
    al[g] += o.n * o.probabilityAlive;
    ex[g] += o.n * o.expectedPurchases;
  }
  const byFrequency = Array.from(n, (c, g) => ({ x: g, plus: g === MAX_X, customers: c, meanProbabilityAlive: c > 0 ? al[g]! / c : NaN, expectedPurchases: c > 0 ? ex[g]! / c : NaN }));
  return {
    ok: true,
    byFrequency,
    params: { r: fit.r, alpha: fit.alpha, a: fit.a, b: fit.b, logLik: fit.logLik, converged: fit.converged },
    customers,
    repeatCustomers: fit.repeatCustomers,
    patterns: outputs.length,
    expectedPurchases: expected,
    meanProbabilityAlive: customers > 0 ? alive / customers : NaN,
    top,
  };
}
