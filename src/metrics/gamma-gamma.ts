/**
 * Gamma-Gamma model of spend per transaction, Fader, Hardie & Lee (2005), "RFM and CLV:
 * using iso-value curves for customer base analysis", JMR 42(4); Hardie's note 025.
 *
 * A customer's transaction values are Gamma(p, ν) with mean p/ν, and ν ~ Gamma(q, γ)
 * across customers, independent of the purchase process. The data are each repeat
 * customer's number of repeat transactions x and their mean value m̄ (monetary).
 *
 * Pure functions; results are MetricValues or typed fit results, never NaN.
 */
import { available, notAvailable, type MetricValue, type NotAvailable } from './result.ts';
import { logGamma } from './special.ts';
import { nelderMeadSteps, runToCompletion, type MinimizeProgress } from './optimize.ts';

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/** What the model reads from a customer summary (an RfmRow has it). */
export interface SpendHistory {
  /** x: number of repeat transactions. */
  readonly frequency: number;
  /** m̄: mean value of those transactions. */
  readonly monetary: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  readonly ok: true;
  readonly logLik: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  /** True when an estimate sits on the search box (|ln θ| = 20). */
  readonly atBound: boolean;
  /** Customers used (frequency > 0 and monetary > 0). */
  readonly customers: number;
  /** Customers left out: no repeat purchase or non-positive / non-finite spend. */
  readonly excluded: number;
}

export type GammaGammaFitResult = GammaGammaFit | NotAvailable;

export interface GammaGammaFitOptions {
  /** Starting point (default p = 1, q = 1, γ = 1, like lifetimes). */
  readonly initial?: GammaGammaParams;
  readonly penalizer?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
}

const LOG_BOUND = 20;

export function checkGammaGammaParams(g: GammaGammaParams): NotAvailable | null {
  for (const k of ['p', 'q', 'gamma'] as const) {
    const v = g[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      return notAvailable('invalid-input', `Gamma-Gamma parameter ${k} must be a finite number > 0 (got ${v})`);
    }
  }
  return null;
}

interface SpendData {
  readonly n: number;
  readonly x: Float64Array;
  readonly m: Float64Array;
  readonly lnM: Float64Array;
  readonly lnX: Float64Array;
  readonly xi: Int32Array;
  readonly xs: Float64Array;
  readonly excluded: number;
}

function prepare(customers: readonly SpendHistory[]): SpendData {
  return runToCompletion(prepareSteps(customers));
}

const PREPARE_SLICE = 16_384;
const PREPARING: MinimizeProgress = { iteration: 0, evaluations: 0, best: Infinity };

function* prepareSteps(customers: readonly SpendHistory[]): Generator<MinimizeProgress, SpendData, void> {
  const x: number[] = [];
  const m: number[] = [];
  let excluded = 0;
  for (let i = 0; i < customers.length; i++) {
    if (i % PREPARE_SLICE === PREPARE_SLICE - 1) yield PREPARING;
    const c = customers[i];
    const f = c?.frequency;
    const v = c?.monetary;
    if (typeof f === 'number' && typeof v === 'number' && f > 0 && Number.isFinite(f) && v > 0 && Number.isFinite(v)) {
      x.push(f);
      m.push(v);
    } else excluded++;
  }
  const xsMap = new Map<number, number>();
  const xs: number[] = [];
  const xi = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let j = xsMap.get(x[i]);
    if (j === undefined) {
      j = xs.length;
      xsMap.set(x[i], j);
      xs.push(x[i]);
    }
    xi[i] = j;
  }
  return {
    n: x.length,
    x: Float64Array.from(x),
    m: Float64Array.from(m),
    lnM: Float64Array.from(m, Math.log),
    lnX: Float64Array.from(x, Math.log),
    xi,
    xs: Float64Array.from(xs),
    excluded,
  };
}

function dataLogLik(g: GammaGammaParams, d: SpendData, perX: Float64Array): number {
  const { p, q, gamma: v } = g;
  const lgq = logGamma(q);
  for (let j = 0; j < d.xs.length; j++) {
    const px = p * d.xs[j];
    perX[j] = logGamma(px + q) - logGamma(px) - lgq;
  }
  const qLnV = q * Math.log(v);
  let ll = 0;
  for (let i = 0; i < d.n; i++) {
    const x = d.x[i];
    const px = p * x;
    ll += perX[d.xi[i]] + qLnV + (px - 1) * d.lnM[i] + px * d.lnX[i] - (px + q) * Math.log(x * d.m[i] + v);
  }
  return ll;
}

/** Log-likelihood of the repeat customers' mean spends (customers without repeat spend are ignored). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, customers: readonly SpendHistory[]): MetricValue {
  const bad = checkGammaGammaParams(params);
  if (bad) return bad;
  const d = prepare(customers);
  if (d.n === 0) return notAvailable('no-data', 'no customer with repeat spend', { rows: customers.length });
  return available(dataLogLik(params, d, new Float64Array(d.xs.length)), { rows: d.n });
}

/** Fit p, q, γ by maximum likelihood (synchronously). */
export function fitGammaGamma(customers: readonly SpendHistory[], options: GammaGammaFitOptions = {}): GammaGammaFitResult {
  return runToCompletion(fitGammaGammaSteps(customers, options));
}

/** The fit as a generator that yields after every minimiser iteration. */
export function* fitGammaGammaSteps(
  customers: readonly SpendHistory[],
  options: GammaGammaFitOptions = {},
): Generator<MinimizeProgress, GammaGammaFitResult, void> {
  if (!Array.isArray(customers)) return notAvailable('invalid-input', 'customers must be an array');
  const d = yield* prepareSteps(customers);
  if (d.n === 0) {
    return notAvailable('no-data', 'no customer with a repeat purchase and positive spend: Gamma-Gamma cannot be estimated', {
      rows: customers.length,
    });
  }
  const init = options.initial ?? { p: 1, q: 1, gamma: 1 };
  const badInit = checkGammaGammaParams(init);
  if (badInit) return badInit;
  const penalizer = options.penalizer ?? 0;
  const perX = new Float64Array(d.xs.length);
  const objective = (v: Float64Array): number => {
    const g = { p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2]) };
    const pen = penalizer > 0 ? penalizer * (g.p * g.p + g.q * g.q + g.gamma * g.gamma) : 0;
    return -dataLogLik(g, d, perX) / d.n + pen;
  };
  const tol = options.tolerance ?? 1e-10;
  const res = yield* nelderMeadSteps(objective, [Math.log(init.p), Math.log(init.q), Math.log(init.gamma)], {
    maxIterations: options.maxIterations ?? 5000,
    xTolerance: tol,
    fTolerance: 1e-14,
    lower: [-LOG_BOUND, -LOG_BOUND, -LOG_BOUND],
    upper: [LOG_BOUND, LOG_BOUND, LOG_BOUND],
    initialStep: 0.5,
    restarts: 4,
  });
  if (!Number.isFinite(res.value)) {
    return notAvailable('invalid-input', 'the Gamma-Gamma likelihood is not finite at the starting point', { rows: d.n });
  }
  const fitted = { p: Math.exp(res.x[0]), q: Math.exp(res.x[1]), gamma: Math.exp(res.x[2]) };
  return {
    ok: true,
    ...fitted,
    logLik: dataLogLik(fitted, d, perX),
    iterations: res.iterations,
    evaluations: res.evaluations,
    converged: res.converged,
    atBound: res.x.some((v) => Math.abs(v) >= LOG_BOUND - 1e-9),
    customers: d.n,
    excluded: d.excluded,
  };
}

/** Population mean spend per transaction E[Z] = p·γ / (q − 1); needs q > 1. */
export function gammaGammaPopulationMean(params: GammaGammaParams): MetricValue {
  const bad = checkGammaGammaParams(params);
  if (bad) return bad;
  if (params.q <= 1) return notAvailable('invalid-input', 'mean spend is infinite when q ≤ 1');
  return available((params.p * params.gamma) / (params.q - 1));
}

/**
 * E[Z | x, m̄]: expected spend per transaction of a customer with x repeat transactions
 * of mean m̄ (note 025, eq. 5) — a weighted average of the population mean and m̄:
 *   p(γ + x·m̄) / (p·x + q − 1).
 * For x = 0 this is the population mean (needs q > 1).
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, frequency: number, monetary: number): MetricValue {
  const bad = checkGammaGammaParams(params);
  if (bad) return bad;
  if (typeof frequency !== 'number' || !Number.isFinite(frequency) || frequency < 0) {
    return notAvailable('invalid-input', `frequency must be a finite number ≥ 0 (got ${frequency})`);
  }
  if (frequency === 0) return gammaGammaPopulationMean(params);
  if (typeof monetary !== 'number' || !Number.isFinite(monetary) || monetary < 0) {
    return notAvailable('invalid-input', `monetary must be a finite number ≥ 0 (got ${monetary})`);
  }
  const { p, q, gamma } = params;
  const den = p * frequency + q - 1;
  if (den <= 0) return notAvailable('invalid-input', 'expected spend is infinite when p·x + q ≤ 1');
  return available((p * (gamma + frequency * monetary)) / den);
}
