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
import { available, notAvailable, type MetricValue, type NotAvailable } from './result.ts';
import { logAddExp, logHyp2f1, logRising, logisticOfNeg, type Hyp2f1Value } from './special.ts';
import { nelderMeadSteps, runToCompletion, type MinimizeProgress } from './optimize.ts';

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
  /** Tolerance on the log-parameters (default 1e-9). */
  readonly tolerance?: number;
}

const LOG_BOUND = 20;

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
  readonly total: number;
  readonly repeat: number;
  readonly maxT: number;
}

function condense(customers: readonly RepeatHistory[]): Patterns | NotAvailable {
  return runToCompletion(condenseSteps(customers));
}

/** Patterns between yields while condensing (the string-keyed Map is the slow part). */
const CONDENSE_SLICE = 4_096;
const PREPARING: MinimizeProgress = { iteration: 0, evaluations: 0, best: Infinity };

function* condenseSteps(customers: readonly RepeatHistory[]): Generator<MinimizeProgress, Patterns | NotAvailable, void> {
  const index = new Map<string, number>();
  const xArr: number[] = [];
  const txArr: number[] = [];
  const TArr: number[] = [];
  const wArr: number[] = [];
  let repeat = 0;
  let maxT = 0;
  for (let i = 0; i < customers.length; i++) {
    if (i % CONDENSE_SLICE === CONDENSE_SLICE - 1) yield PREPARING;
    const h = customers[i];
    const problem = h === null || typeof h !== 'object' ? 'not an object' : checkHistory(h);
    if (problem !== null) return notAvailable('invalid-input', `customer ${i}: ${problem}`, { rows: customers.length });
    const key = `${h.frequency}|${h.recency}|${h.T}`;
    const g = index.get(key);
    if (g === undefined) {
      index.set(key, xArr.length);
      xArr.push(h.frequency);
      txArr.push(h.recency);
      TArr.push(h.T);
      wArr.push(1);
    } else wArr[g]++;
    if (h.frequency > 0) repeat++;
    if (h.T > maxT) maxT = h.T;
  }
  const xsMap = new Map<number, number>();
  const xs: number[] = [];
  const xi = new Int32Array(xArr.length);
  for (let g = 0; g < xArr.length; g++) {
    let j = xsMap.get(xArr[g]);
    if (j === undefined) {
      j = xs.length;
      xsMap.set(xArr[g], j);
      xs.push(xArr[g]);
    }
    xi[g] = j;
  }
  return {
    n: xArr.length,
    x: Float64Array.from(xArr),
    tx: Float64Array.from(txArr),
    T: Float64Array.from(TArr),
    w: Float64Array.from(wArr),
    xi,
    xs: Float64Array.from(xs),
    total: customers.length,
    repeat,
    maxT,
  };
}

/** Scratch buffers reused across likelihood evaluations. */
interface Scratch {
  a1: Float64Array;
  a4c: Float64Array;
}

function patternLogLik(p: BgNbdParams, d: Patterns, s: Scratch): number {
  const { r, alpha, a, b } = p;
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  for (let j = 0; j < d.xs.length; j++) {
    const x = d.xs[j];
    // A1 + A2 = ln[Γ(r+x)/Γ(r)] + r ln α + ln[B(a, b+x)/B(a, b)]
    s.a1[j] = logRising(r, x) + r * lnAlpha + logRising(b, x) - logRising(a + b, x);
    s.a4c[j] = x > 0 ? lnA - Math.log(b + x - 1) : -Infinity;
  }
  let ll = 0;
  for (let g = 0; g < d.n; g++) {
    const x = d.x[g];
    const j = d.xi[g];
    const rx = r + x;
    const a3 = -rx * Math.log(alpha + d.T[g]);
    const a4 = x > 0 ? s.a4c[j] - rx * Math.log(alpha + d.tx[g]) : -Infinity;
    ll += d.w[g] * (s.a1[j] + logAddExp(a3, a4));
  }
  return ll;
}

/** Log-likelihood of the customers under the parameters (sum over customers), or not available. */
export function bgnbdLogLikelihood(params: BgNbdParams, customers: readonly RepeatHistory[]): MetricValue {
  const bad = checkBgNbdParams(params);
  if (bad) return bad;
  const d = condense(customers);
  if (!('n' in d)) return d;
  const s: Scratch = { a1: new Float64Array(d.xs.length), a4c: new Float64Array(d.xs.length) };
  return available(patternLogLik(params, d, s), { rows: customers.length });
}

/** Fit by maximum likelihood (synchronously). */
export function fitBgNbd(customers: readonly RepeatHistory[], options: BgNbdFitOptions = {}): BgNbdFitResult {
  return runToCompletion(fitBgNbdSteps(customers, options));
}

/**
 * Maximum-likelihood fit as a generator that yields after every minimiser iteration.
 * Minimises −LL / N over ln(r, α, a, b) with Nelder–Mead (bounded to |ln θ| ≤ 20).
 */
export function* fitBgNbdSteps(
  customers: readonly RepeatHistory[],
  options: BgNbdFitOptions = {},
): Generator<MinimizeProgress, BgNbdFitResult, void> {
  if (!Array.isArray(customers) || customers.length === 0) {
    return notAvailable('no-data', 'no customers to fit the BG/NBD model to', { rows: 0 });
  }
  const d = yield* condenseSteps(customers);
  if (!('n' in d)) return d;
  if (d.repeat === 0) {
    return notAvailable('no-data', 'no customer made a repeat purchase: BG/NBD cannot be estimated', {
      rows: d.total,
    });
  }
  if (d.maxT === 0) return notAvailable('invalid-input', 'all customers have T = 0', { rows: d.total });
  const init = options.initial ?? { r: 1, alpha: d.maxT / 10, a: 1, b: 1 };
  const badInit = checkBgNbdParams(init);
  if (badInit) return badInit;
  const penalizer = options.penalizer ?? 0;
  const s: Scratch = { a1: new Float64Array(d.xs.length), a4c: new Float64Array(d.xs.length) };
  const N = d.total;
  const objective = (v: Float64Array): number => {
    const p = { r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) };
    const pen = penalizer > 0 ? penalizer * (p.r * p.r + p.alpha * p.alpha + p.a * p.a + p.b * p.b) : 0;
    return -patternLogLik(p, d, s) / N + pen;
  };
  const tol = options.tolerance ?? 1e-9;
  const res = yield* nelderMeadSteps(
    objective,
    [Math.log(init.r), Math.log(init.alpha), Math.log(init.a), Math.log(init.b)],
    {
      maxIterations: options.maxIterations ?? 5000,
      xTolerance: tol,
      fTolerance: 1e-13,
      lower: [-LOG_BOUND, -LOG_BOUND, -LOG_BOUND, -LOG_BOUND],
      upper: [LOG_BOUND, LOG_BOUND, LOG_BOUND, LOG_BOUND],
      initialStep: 0.5,
      restarts: 3,
    },
  );
  if (!Number.isFinite(res.value)) {
    return notAvailable('invalid-input', 'the BG/NBD likelihood is not finite at the starting point', { rows: N });
  }
  const [lr, la, laa, lb] = res.x;
  const fitted = { r: Math.exp(lr), alpha: Math.exp(la), a: Math.exp(laa), b: Math.exp(lb) };
  return {
    ok: true,
    ...fitted,
    logLik: patternLogLik(fitted, d, s),
    iterations: res.iterations,
    evaluations: res.evaluations,
    converged: res.converged,
    atBound: res.x.some((v) => Math.abs(v) >= LOG_BOUND - 1e-9),
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
  const { r, alpha, a, b } = params;
  const h = logHyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  if (!h.ok) return notAvailable('invalid-input', `conditional expectation: ${h.detail}`);
  const numerator = hyperTerm((a + b + x - 1) / (a - 1), h, (r + x) * Math.log((alpha + T) / (alpha + T + t)));
  const alive = x > 0 ? logisticOfNeg(logDeadOdds(params, x, tx, T)) : 1;
  return nonNegative(numerator * alive, 'conditional expectation');
}
