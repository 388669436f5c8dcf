/**
 * BG/NBD ("beta-geometric / negative binomial distribution") model of repeat buying,
 * Fader, Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science 24(2).
 *
 * While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each
 * purchase they drop out with probability p ~ Beta(a, b). A customer is summarised by
 * (x, t_x, T): repeat purchases, time of the last one and age, all since the first
 * purchase (see rfm-summary.ts). Time is in whatever unit the summary used; α carries it.
 *
 * Pure functions. Every prediction returns a MetricValue: "not available" with a reason
 * instead of NaN/Infinity.
 */
import { available, notAvailable, type MetricValue, type NotAvailable } from '../core/result.ts';
import { digammaRising, logAddExp, logHyp2f1, logRising, logisticOfNeg, type Hyp2f1Value } from './special.ts';
import { fitPositiveParams, runToCompletion, type FitMethod, type MinimizeProgress } from './optimize.ts';

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** The per-customer inputs the model reads (an RfmRow has them). */
export interface RepeatHistory {
  /** x: repeat purchases. */
  readonly frequency: number;
  /** t_x: time of the last purchase since the first. */
  readonly recency: number;
  /** T: time since the first purchase to the end of calibration. */
  readonly T: number;
}

export interface BgNbdFit extends BgNbdParams {
  readonly ok: true;
  /** Log-likelihood at the estimate (sum over customers). */
  readonly logLik: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  /** True when an estimate sits on the search box (|ln θ| = 20): treat with suspicion. */
  readonly atBound: boolean;
  readonly customers: number;
  readonly repeatCustomers: number;
}

export type BgNbdFitResult = BgNbdFit | NotAvailable;

export interface BgNbdFitOptions {
  /** Starting point (default r = 1, α = max T / 10, a = 1, b = 1, like lifetimes). */
  readonly initial?: BgNbdParams;
  /** L2 penalty on the parameters, per customer (default 0; lifetimes' penalizer_coef). */
  readonly penalizer?: number;
  /** Iteration budget of the minimiser (default 5000). */
  readonly maxIterations?: number;
  /** Tolerance on the log-parameters of Nelder–Mead (default 1e-9). */
  readonly tolerance?: number;
  /**
   * Minimiser (default 'bfgs': quasi-Newton on the analytic gradient, falling back to
   * Nelder–Mead when it fails or ends near the search box; 'nelder-mead': Nelder–Mead only).
   */
  readonly method?: FitMethod;
}


/** Why a parameter set cannot be used, or null when it can. */
export function checkBgNbdParams(p: BgNbdParams): NotAvailable | null {
  for (const k of ['r', 'alpha', 'a', 'b'] as const) {
    const v = p[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      return notAvailable('invalid-input', `BG/NBD parameter ${k} must be a finite number > 0 (got ${v})`);
    }
  }
  return null;
}

/** Why a customer history cannot be used, or null when it can. */
export function checkHistory(h: RepeatHistory): string | null {
  const { frequency: x, recency: tx, T } = h;
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) return `frequency must be an integer ≥ 0 (got ${x})`;
  if (typeof T !== 'number' || !Number.isFinite(T) || T < 0) return `T must be a finite number ≥ 0 (got ${T})`;
  if (typeof tx !== 'number' || !Number.isFinite(tx) || tx < 0 || tx > T) return `recency must be in [0, T] (got ${tx}, T=${T})`;
  if (x === 0 && tx !== 0) return `recency must be 0 when frequency is 0 (got ${tx})`;
  return null;
}

/** Customers condensed into distinct (x, t_x, T) patterns with weights, as FHL do. */
interface Patterns {
  readonly n: number;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly w: Float64Array;
  /** Index of the pattern's x among the distinct x values. */
  readonly xi: Int32Array;
  readonly xs: Float64Array;
  /** Customers per distinct x. */
  readonly wx: Float64Array;
  /** Index of the pattern's T among the distinct T values (days or weeks: few), and of its t_x. */
  readonly Ti: Int32Array;
  readonly Ts: Float64Array;
  readonly txi: Int32Array;
  readonly txs: Float64Array;
  readonly total: number;
  readonly repeat: number;
  readonly maxT: number;
}

/**
 * A BG/NBD pattern: `n` customers who share exactly (x, t_x, T) (the "patterns" aggregate of
 * issue #13). Binned rows carry the mean t_x and T of their bin (Σt_x ÷ n, ΣT ÷ n): see
 * `patternHistory`.
 */
export interface WeightedHistory extends RepeatHistory {
  /** How many customers share the history (≥ 0; need not be an integer). */
  readonly n: number;
}

function condense(customers: readonly RepeatHistory[], weighted = false): Patterns | NotAvailable {
  return runToCompletion(condenseSteps(customers, weighted));
}

/** Customers between yields while condensing (the Map look-ups are the slow part). */
const CONDENSE_SLICE = 4_096;
const PREPARING: MinimizeProgress = { iteration: 0, evaluations: 0, best: Infinity };

function* condenseSteps(customers: readonly RepeatHistory[], weighted = false): Generator<MinimizeProgress, Patterns | NotAvailable, void> {
  // Nested Maps on the numbers: several times faster (and far less garbage) than a string key.
  const index = new Map<number, Map<number, Map<number, number>>>();
  const xArr: number[] = [];
  const txArr: number[] = [];
  const TArr: number[] = [];
  const wArr: number[] = [];
  let repeat = 0;
  let maxT = 0;
  let total = 0;
  for (let i = 0; i < customers.length; i++) {
    if (i % CONDENSE_SLICE === CONDENSE_SLICE - 1) yield PREPARING;
    const h = customers[i];
    const problem = h === null || typeof h !== 'object' ? 'not an object' : checkHistory(h);
    if (problem !== null) return notAvailable('invalid-input', `${weighted ? 'pattern' : 'customer'} ${i}: ${problem}`, { rows: customers.length });
    const n = weighted ? (h as WeightedHistory).n : 1;
    if (weighted && (typeof n !== 'number' || !Number.isFinite(n) || n < 0)) {
      return notAvailable('invalid-input', `pattern ${i}: n must be a finite number ≥ 0 (got ${n})`, { rows: customers.length });
    }
    if (n === 0) continue;
    total += n;
    let byT = index.get(h.frequency);
    if (byT === undefined) index.set(h.frequency, (byT = new Map()));
    let byTx = byT.get(h.T);
    if (byTx === undefined) byT.set(h.T, (byTx = new Map()));
    const g = byTx.get(h.recency);
    if (g === undefined) {
      byTx.set(h.recency, xArr.length);
      xArr.push(h.frequency);
      txArr.push(h.recency);
      TArr.push(h.T);
      wArr.push(n);
    } else wArr[g] += n;
    if (h.frequency > 0) repeat += n;
    if (h.T > maxT) maxT = h.T;
  }
  const [xi, xs] = distinct(xArr);
  const [Ti, Ts] = distinct(TArr);
  const [txi, txs] = distinct(txArr);
  const wx = new Float64Array(xs.length);
  for (let g = 0; g < xArr.length; g++) wx[xi[g]] += wArr[g];
  return {
    n: xArr.length,
    x: Float64Array.from(xArr),
    tx: Float64Array.from(txArr),
    T: Float64Array.from(TArr),
    w: Float64Array.from(wArr),
    xi,
    xs,
    wx,
    Ti,
    Ts,
    txi,
    txs,
    total,
    repeat,
    maxT,
  };
}

/** Index of each value among the distinct values, and the distinct values (in order of appearance). */
function distinct(values: readonly number[]): [Int32Array, Float64Array] {
  const at = new Map<number, number>();
  const out: number[] = [];
  const idx = new Int32Array(values.length);
  for (let g = 0; g < values.length; g++) {
    let j = at.get(values[g]);
    if (j === undefined) {
      j = out.length;
      at.set(values[g], j);
      out.push(values[g]);
    }
    idx[g] = j;
  }
  return [idx, Float64Array.from(out)];
}

/** Scratch buffers reused across likelihood evaluations. */
interface Scratch {
  a1: Float64Array;
  a4c: Float64Array;
  /** ln(α+T), 1/(α+T) per distinct T; ln(α+t_x), 1/(α+t_x) per distinct t_x. */
  lnT: Float64Array;
  invT: Float64Array;
  lnTx: Float64Array;
  invTx: Float64Array;
  /** Σ w·P(second branch) per distinct x (gradient only). */
  w4x: Float64Array;
}

function scratch(d: Patterns): Scratch {
  return {
    a1: new Float64Array(d.xs.length),
    a4c: new Float64Array(d.xs.length),
    lnT: new Float64Array(d.Ts.length),
    invT: new Float64Array(d.Ts.length),
    lnTx: new Float64Array(d.txs.length),
    invTx: new Float64Array(d.txs.length),
    w4x: new Float64Array(d.xs.length),
  };
}

/**
 * Σ_customers ln L(r, α, a, b | x, t_x, T) over the patterns (FHL eq. 6, in logs):
 *   ln L = A1 + ln(e^A3 + [x>0] e^A4),
 *   A1 = ln[Γ(r+x)/Γ(r)] + r ln α + ln[B(a, b+x)/B(a, b)],
 *   A3 = −(r+x) ln(α+T),  A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x).
 * With `grad`, also writes ∂ΣlnL/∂(r, α, a, b): with ω = e^A4 / (e^A3 + e^A4),
 *   ∂r = ψ(r+x) − ψ(r) + ln α − (1−ω) ln(α+T) − ω ln(α+t_x)
 *   ∂α = r/α − (r+x)·[(1−ω)/(α+T) + ω/(α+t_x)]
 *   ∂a = −[ψ(a+b+x) − ψ(a+b)] + ω/a
 *   ∂b = ψ(b+x) − ψ(b) − [ψ(a+b+x) − ψ(a+b)] − ω/(b+x−1).
 * Logs and reciprocals of α+T and α+t_x are taken once per distinct value.
 */
function patternLogLik(p: BgNbdParams, d: Patterns, s: Scratch, grad: Float64Array | null = null): number {
  const { r, alpha, a, b } = p;
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  for (let j = 0; j < d.xs.length; j++) {
    const x = d.xs[j];
    // A1 + A2 = ln[Γ(r+x)/Γ(r)] + r ln α + ln[B(a, b+x)/B(a, b)]
    s.a1[j] = logRising(r, x) + r * lnAlpha + logRising(b, x) - logRising(a + b, x);
    s.a4c[j] = x > 0 ? lnA - Math.log(b + x - 1) : -Infinity;
  }
  for (let k = 0; k < d.Ts.length; k++) {
    s.lnT[k] = Math.log(alpha + d.Ts[k]);
    s.invT[k] = 1 / (alpha + d.Ts[k]);
  }
  for (let k = 0; k < d.txs.length; k++) {
    s.lnTx[k] = Math.log(alpha + d.txs[k]);
    s.invTx[k] = 1 / (alpha + d.txs[k]);
  }
  let ll = 0;
  if (grad === null) {
    for (let g = 0; g < d.n; g++) {
      const x = d.x[g];
      const j = d.xi[g];
      const rx = r + x;
      const a3 = -rx * s.lnT[d.Ti[g]];
      const a4 = x > 0 ? s.a4c[j] - rx * s.lnTx[d.txi[g]] : -Infinity;
      ll += d.w[g] * (s.a1[j] + logAddExp(a3, a4));
    }
    return ll;
  }
  let gr = 0;
  let gAlpha = 0;
  s.w4x.fill(0);
  for (let g = 0; g < d.n; g++) {
    const x = d.x[g];
    const j = d.xi[g];
    const w = d.w[g];
    const rx = r + x;
    const iT = d.Ti[g];
    const a3 = -rx * s.lnT[iT];
    if (x === 0) {
      ll += w * (s.a1[j] + a3);
      gr -= w * s.lnT[iT];
      gAlpha -= w * rx * s.invT[iT];
      continue;
    }
    const it = d.txi[g];
    const a4 = s.a4c[j] - rx * s.lnTx[it];
    // logAddExp with the branch weights from the same exponential
    let lse: number;
    let w4: number;
    if (a3 > a4) {
      const e = Math.exp(a4 - a3);
      lse = a3 + Math.log1p(e);
      w4 = e / (1 + e);
    } else {
      const e = Math.exp(a3 - a4);
      lse = a4 + Math.log1p(e);
      w4 = 1 / (1 + e);
    }
    const w3 = 1 - w4;
    ll += w * (s.a1[j] + lse);
    gr -= w * (w3 * s.lnT[iT] + w4 * s.lnTx[it]);
    gAlpha -= w * rx * (w3 * s.invT[iT] + w4 * s.invTx[it]);
    s.w4x[j] += w * w4;
  }
  let ga = 0;
  let gb = 0;
  for (let j = 0; j < d.xs.length; j++) {
    const x = d.xs[j];
    const wx = d.wx[j];
    const dab = digammaRising(a + b, x);
    gr += wx * (digammaRising(r, x) + lnAlpha);
    ga += -wx * dab + (x > 0 ? s.w4x[j] / a : 0);
    gb += wx * (digammaRising(b, x) - dab) - (x > 0 ? s.w4x[j] / (b + x - 1) : 0);
  }
  gAlpha += (d.total * r) / alpha;
  grad[0] = gr;
  grad[1] = gAlpha;
  grad[2] = ga;
  grad[3] = gb;
  return ll;
}

/** Log-likelihood of the customers under the parameters (sum over customers), or not available. */
export function bgnbdLogLikelihood(params: BgNbdParams, customers: readonly RepeatHistory[]): MetricValue {
  const bad = checkBgNbdParams(params);
  if (bad) return bad;
  const d = condense(customers);
  if (!('n' in d)) return d;
  return available(patternLogLik(params, d, scratch(d)), { rows: customers.length });
}

/** The log-likelihood and its gradient in (r, α, a, b), as the BFGS fit uses them. */
export type LogLikelihoodGradient = { readonly ok: true; readonly value: number; readonly gradient: number[] } | NotAvailable;

/** Σ ln L and ∂ΣlnL/∂(r, α, a, b) (analytic; see patternLogLik), or not available. */
export function bgnbdLogLikelihoodGradient(params: BgNbdParams, customers: readonly RepeatHistory[]): LogLikelihoodGradient {
  const bad = checkBgNbdParams(params);
  if (bad) return bad;
  const d = condense(customers);
  if (!('n' in d)) return d;
  const grad = new Float64Array(4);
  const value = patternLogLik(params, d, scratch(d), grad);
  return { ok: true, value, gradient: Array.from(grad) };
}

/** Fit by maximum likelihood (synchronously). */
export function fitBgNbd(customers: readonly RepeatHistory[], options: BgNbdFitOptions = {}): BgNbdFitResult {
  return runToCompletion(fitBgNbdSteps(customers, options));
}

/**
 * Maximum-likelihood fit as a generator that yields after every minimiser iteration.
 * Minimises −LL / N over ln(r, α, a, b) (bounded to |ln θ| ≤ 20) with BFGS on the analytic
 * gradient — about 30 iterations on CDNOW where Nelder–Mead takes 540 — and Nelder–Mead from
 * the same start when BFGS fails or ends near the box (see optimize.ts, minimizeLogParams).
 */
export function* fitBgNbdSteps(
  customers: readonly RepeatHistory[],
  options: BgNbdFitOptions = {},
): Generator<MinimizeProgress, BgNbdFitResult, void> {
  return yield* fitSteps(customers, options, false);
}

/**
 * Σ n_i · ln L(x_i, t_x_i, T_i): the log-likelihood of pattern counts, equal to the
 * per-customer sum over the customers the patterns stand for.
 */
export function bgnbdLogLikelihoodWeighted(params: BgNbdParams, patterns: readonly WeightedHistory[]): MetricValue {
  const bad = checkBgNbdParams(params);
  if (bad) return bad;
  const d = condense(patterns, true);
  if (!('n' in d)) return d;
  return available(patternLogLik(params, d, scratch(d)), { rows: patterns.length });
}

/** Maximum-likelihood fit to pattern counts (synchronously): `customers` in the result is Σ n. */
export function fitBgNbdWeighted(patterns: readonly WeightedHistory[], options: BgNbdFitOptions = {}): BgNbdFitResult {
  return runToCompletion(fitBgNbdWeightedSteps(patterns, options));
}

/** The weighted fit as a generator (see fitBgNbdSteps): the same minimiser on Σ n_i · LL_i. */
export function* fitBgNbdWeightedSteps(
  patterns: readonly WeightedHistory[],
  options: BgNbdFitOptions = {},
): Generator<MinimizeProgress, BgNbdFitResult, void> {
  return yield* fitSteps(patterns, options, true);
}

function* fitSteps(
  customers: readonly RepeatHistory[],
  options: BgNbdFitOptions,
  weighted: boolean,
): Generator<MinimizeProgress, BgNbdFitResult, void> {
  if (!Array.isArray(customers) || customers.length === 0) {
    return notAvailable('no-data', 'no customers to fit the BG/NBD model to', { rows: 0 });
  }
  const d = yield* condenseSteps(customers, weighted);
  if (!('n' in d)) return d;
  if (d.total === 0) return notAvailable('no-data', 'every pattern has n = 0', { rows: 0 });
  if (d.repeat === 0) {
    return notAvailable('no-data', 'no customer made a repeat purchase: BG/NBD cannot be estimated', {
      rows: d.total,
    });
  }
  if (d.maxT === 0) return notAvailable('invalid-input', 'all customers have T = 0', { rows: d.total });
  const init = options.initial ?? { r: 1, alpha: d.maxT / 10, a: 1, b: 1 };
  const badInit = checkBgNbdParams(init);
  if (badInit) return badInit;
  const s = scratch(d);
  const N = d.total;
  const params = (th: readonly number[]): BgNbdParams => ({ r: th[0]!, alpha: th[1]!, a: th[2]!, b: th[3]! });
  const fit = yield* fitPositiveParams((th, grad) => patternLogLik(params(th), d, s, grad), N, [init.r, init.alpha, init.a, init.b], {
    penalizer: options.penalizer ?? 0,
    method: options.method ?? 'bfgs',
    maxIterations: options.maxIterations ?? 5000,
    tolerance: options.tolerance ?? 1e-9,
    fTolerance: 1e-13,
    restarts: 3,
  });
  const res = fit.result;
  if (!Number.isFinite(res.value)) {
    return notAvailable('invalid-input', 'the BG/NBD likelihood is not finite at the starting point', { rows: N });
  }
  const fitted = params(fit.theta);
  return {
    ok: true,
    ...fitted,
    logLik: patternLogLik(fitted, d, s),
    iterations: res.iterations,
    evaluations: res.evaluations,
    converged: res.converged,
    atBound: fit.atBound,
    customers: N,
    repeatCustomers: d.repeat,
  };
}

/** How far `a` may be from 1 before the 1/(a−1) form is replaced by its limit. */
const A_NEAR_ONE = 1e-7;
const A_OFFSET = 1e-5;

/**
 * (first) · [1 − F · e^(logPow)] with F = sign·e^(logAbs): the shape shared by E[X(t)] and
 * the conditional expectation. F is negative when its c = a+b+x−1 is in (−1, 0).
 */
function hyperTerm(first: number, h: Hyp2f1Value, logPow: number): number {
  const e = h.logAbs + logPow;
  return first * (h.sign > 0 ? -Math.expm1(e) : 1 + Math.exp(e));
}

/** How close a+b+x−1 may get to 0 (a pole of 2F1 in c) before it is bridged. */
const C_NEAR_ZERO = 1e-9;
const B_OFFSET = 1e-7;

/**
 * E[X(t)]: expected repeat purchases in (0, t] of a customer just acquired (FHL eq. 9):
 * (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))].
 * The removable singularities at a = 1 and a + b = 1 are bridged symmetrically.
 */
export function bgnbdExpectedPurchases(params: BgNbdParams, t: number): MetricValue {
  const bad = checkBgNbdParams(params);
  if (bad) return bad;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
    return notAvailable('invalid-input', `horizon t must be a finite number ≥ 0 (got ${t})`);
  }
  if (t === 0) return available(0);
  const bridge = bridgeSingularity(params, 0, (p) => bgnbdExpectedPurchases(p, t));
  if (bridge) return bridge;
  const { r, alpha, a, b } = params;
  const h = logHyp2f1(r, b, a + b - 1, t / (alpha + t));
  if (!h.ok) return notAvailable('invalid-input', `E[X(t)]: ${h.detail}`);
  return nonNegative(hyperTerm((a + b - 1) / (a - 1), h, r * Math.log(alpha / (alpha + t))), 'E[X(t)]');
}

/**
 * At a = 1 (the 1/(a−1) factor) and at a + b + x = 1 (2F1's pole in c) the closed forms
 * are 0/0 or ∞·0 but the expectations are smooth: average the two sides.
 */
function bridgeSingularity(
  p: BgNbdParams,
  x: number,
  f: (q: BgNbdParams) => MetricValue,
): MetricValue | null {
  let lo: BgNbdParams | null = null;
  let hi: BgNbdParams | null = null;
  if (Math.abs(p.a - 1) < A_NEAR_ONE) {
    lo = { ...p, a: 1 - A_OFFSET };
    hi = { ...p, a: 1 + A_OFFSET };
  } else if (Math.abs(p.a + p.b + x - 1) < C_NEAR_ZERO) {
    const d = Math.min(B_OFFSET, p.b / 2);
    lo = { ...p, b: p.b - d };
    hi = { ...p, b: p.b + d };
  }
  if (lo === null || hi === null) return null;
  const l = f(lo);
  const h = f(hi);
  if (!l.ok) return l;
  if (!h.ok) return h;
  return available((l.value + h.value) / 2);
}

/** Clamp round-off below zero; refuse a clearly negative expectation. */
function nonNegative(v: number, what: string): MetricValue {
  if (v < 0) {
    return v > -1e-9 ? available(0) : notAvailable('invalid-input', `${what} came out negative (${v}): numerical failure`);
  }
  return available(v);
}

function checkInputs(x: number, tx: number, T: number): NotAvailable | null {
  const problem = checkHistory({ frequency: x, recency: tx, T });
  return problem === null ? null : notAvailable('invalid-input', problem);
}

/** ln of the odds "dropped out : alive" at T for a customer with x > 0. */
function logDeadOdds(p: BgNbdParams, x: number, tx: number, T: number): number {
  return Math.log(p.a / (p.b + x - 1)) + (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx));
}

/**
 * P(alive at T | x, t_x, T) (Hardie's note 021): 1 for x = 0, else
 * 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), computed in logs.
 */
export function bgnbdProbabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): MetricValue {
  const bad = checkBgNbdParams(params) ?? checkInputs(x, tx, T);
  if (bad) return bad;
  if (x === 0) return available(1);
  return available(logisticOfNeg(logDeadOdds(params, x, tx, T)));
}

/**
 * E[Y(t) | x, t_x, T]: expected repeat purchases in (T, T+t] of a customer with that
 * history (FHL eq. 10):
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *   / (1 + [x>0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 * The 2F1 is taken in logs (Euler's transform for long horizons and heavy buyers) and the
 * denominator as a logistic, so neither overflows. Singular points are bridged as for E[X(t)].
 */
export function bgnbdConditionalExpectedPurchases(
  params: BgNbdParams,
  x: number,
  tx: number,
  T: number,
  t: number,
): MetricValue {
  const bad = checkBgNbdParams(params) ?? checkInputs(x, tx, T);
  if (bad) return bad;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
    return notAvailable('invalid-input', `horizon t must be a finite number ≥ 0 (got ${t})`);
  }
  if (t === 0) return available(0);
  const bridge = bridgeSingularity(params, x, (p) => bgnbdConditionalExpectedPurchases(p, x, tx, T, t));
  if (bridge) return bridge;
  const numerator = conditionalNumerator(params, x, T, t);
  if (!numerator.ok) return numerator;
  const alive = x > 0 ? logisticOfNeg(logDeadOdds(params, x, tx, T)) : 1;
  return bgnbdConditionalFromParts(numerator.value, alive);
}

/** The bracket of FHL eq. 10 with its factor: E[Y(t) | x, t_x, T] without the P(alive) divisor. */
function conditionalNumerator(params: BgNbdParams, x: number, T: number, t: number): MetricValue {
  const { r, alpha, a, b } = params;
  const h = logHyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  if (!h.ok) return notAvailable('invalid-input', `conditional expectation: ${h.detail}`);
  return available(hyperTerm((a + b + x - 1) / (a - 1), h, (r + x) * Math.log((alpha + T) / (alpha + T + t))));
}

/**
 * For forecasting many customers: E[Y(t) | x, t_x, T] = numerator(x, T, t) · P(alive | x, t_x, T),
 * and the numerator (the costly 2F1) does not depend on t_x, so it can be shared by every
 * customer with the same x and T. Returns the numerator for valid parameters, x, T and t > 0,
 * or null where the closed form has a removable singularity (a ≈ 1, a + b + x ≈ 1): use
 * `bgnbdConditionalExpectedPurchases` there. Combine with `bgnbdConditionalFromParts`.
 */
export function bgnbdConditionalNumerator(params: BgNbdParams, x: number, T: number, t: number): MetricValue | null {
  if (Math.abs(params.a - 1) < A_NEAR_ONE || Math.abs(params.a + params.b + x - 1) < C_NEAR_ZERO) return null;
  return conditionalNumerator(params, x, T, t);
}

/** E[Y(t) | x, t_x, T] from its numerator and P(alive), exactly as `bgnbdConditionalExpectedPurchases` combines them. */
export function bgnbdConditionalFromParts(numerator: number, alive: number): MetricValue {
  return nonNegative(numerator * alive, 'conditional expectation');
}
