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
import { available, notAvailable, type MetricValue, type NotAvailable } from '../core/result.ts';
import { digamma, logGamma } from './special.ts';
import { fitPositiveParams, runToCompletion, type FitMethod, type MinimizeProgress } from './optimize.ts';

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
  /** Tolerance on the log-parameters of Nelder–Mead (default 1e-10). */
  readonly tolerance?: number;
  /**
   * Minimiser (default 'bfgs': quasi-Newton on the analytic gradient, falling back to
   * Nelder–Mead when it fails or ends near the search box; 'nelder-mead': Nelder–Mead only).
   */
  readonly method?: FitMethod;
}


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
  /** Distinct x values, and per x: customers, Σ ln m̄, and the slice of `xm` holding them. */
  readonly xs: Float64Array;
  readonly count: Float64Array;
  readonly sumLnM: Float64Array;
  readonly start: Int32Array;
  /** x·m̄ per customer, grouped by x (group j is xm[start[j] .. start[j+1])). */
  readonly xm: Float64Array;
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
  // Group the customers by x (a counting sort over the distinct x values).
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
  const k = xs.length;
  const count = new Float64Array(k);
  const sumLnM = new Float64Array(k);
  for (let i = 0; i < x.length; i++) {
    count[xi[i]]++;
    sumLnM[xi[i]] += Math.log(m[i]);
  }
  const start = new Int32Array(k + 1);
  for (let j = 0; j < k; j++) start[j + 1] = start[j] + count[j];
  const fill = start.slice(0, k);
  const xm = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) xm[fill[xi[i]]++] = x[i] * m[i];
  return { n: x.length, xs: Float64Array.from(xs), count, sumLnM, start, xm, excluded };
}

/**
 * Σ_customers ln L(p, q, γ | x, m̄) (note 025, eq. 3, with the density of m̄):
 *   ln L = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(x m̄ + γ),
 * summed per distinct x: only ln(x m̄ + γ) (and, for the gradient, 1/(x m̄ + γ)) is per customer.
 * With `grad`, also writes ∂ΣlnL/∂(p, q, γ):
 *   ∂p = x[ψ(px+q) − ψ(px) + ln m̄ + ln x − ln(x m̄ + γ)]
 *   ∂q = ψ(px+q) − ψ(q) + ln γ − ln(x m̄ + γ)
 *   ∂γ = q/γ − (px+q)/(x m̄ + γ).
 */
function dataLogLik(g: GammaGammaParams, d: SpendData, grad: Float64Array | null = null): number {
  const { p, q, gamma: v } = g;
  const lgq = logGamma(q);
  const lnV = Math.log(v);
  const psiQ = grad === null ? 0 : digamma(q);
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gv = 0;
  for (let j = 0; j < d.xs.length; j++) {
    const x = d.xs[j];
    const nj = d.count[j];
    const px = p * x;
    const lnX = Math.log(x);
    let sumLn = 0;
    let sumInv = 0;
    const end = d.start[j + 1];
    if (grad === null) {
      for (let i = d.start[j]; i < end; i++) sumLn += Math.log(d.xm[i] + v);
    } else {
      for (let i = d.start[j]; i < end; i++) {
        const u = d.xm[i] + v;
        sumLn += Math.log(u);
        sumInv += 1 / u;
      }
    }
    ll += nj * (logGamma(px + q) - logGamma(px) - lgq + q * lnV + px * lnX) + (px - 1) * d.sumLnM[j] - (px + q) * sumLn;
    if (grad !== null) {
      const psiPxQ = digamma(px + q);
      gp += x * (nj * (psiPxQ - digamma(px) + lnX) + d.sumLnM[j] - sumLn);
      gq += nj * (psiPxQ - psiQ + lnV) - sumLn;
      gv += (nj * q) / v - (px + q) * sumInv;
    }
  }
  if (grad !== null) {
    grad[0] = gp;
    grad[1] = gq;
    grad[2] = gv;
  }
  return ll;
}

/** Log-likelihood of the repeat customers' mean spends (customers without repeat spend are ignored). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, customers: readonly SpendHistory[]): MetricValue {
  const bad = checkGammaGammaParams(params);
  if (bad) return bad;
  const d = prepare(customers);
  if (d.n === 0) return notAvailable('no-data', 'no customer with repeat spend', { rows: customers.length });
  return available(dataLogLik(params, d), { rows: d.n });
}

/** Σ ln L and ∂ΣlnL/∂(p, q, γ) (analytic; see dataLogLik), or not available. */
export function gammaGammaLogLikelihoodGradient(
  params: GammaGammaParams,
  customers: readonly SpendHistory[],
): { readonly ok: true; readonly value: number; readonly gradient: number[] } | NotAvailable {
  const bad = checkGammaGammaParams(params);
  if (bad) return bad;
  const d = prepare(customers);
  if (d.n === 0) return notAvailable('no-data', 'no customer with repeat spend', { rows: customers.length });
  const grad = new Float64Array(3);
  const value = dataLogLik(params, d, grad);
  return { ok: true, value, gradient: Array.from(grad) };
}

/** Fit p, q, γ by maximum likelihood (synchronously). */
export function fitGammaGamma(customers: readonly SpendHistory[], options: GammaGammaFitOptions = {}): GammaGammaFitResult {
  return runToCompletion(fitGammaGammaSteps(customers, options));
}

/**
 * The fit as a generator that yields after every minimiser iteration: BFGS on the analytic
 * gradient of −LL / n over ln(p, q, γ), Nelder–Mead when BFGS fails or ends near the box.
 */
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
  const params = (th: readonly number[]): GammaGammaParams => ({ p: th[0]!, q: th[1]!, gamma: th[2]! });
  const fit = yield* fitPositiveParams((th, grad) => dataLogLik(params(th), d, grad), d.n, [init.p, init.q, init.gamma], {
    penalizer: options.penalizer ?? 0,
    method: options.method ?? 'bfgs',
    maxIterations: options.maxIterations ?? 5000,
    tolerance: options.tolerance ?? 1e-10,
    fTolerance: 1e-14,
    restarts: 4,
  });
  const res = fit.result;
  if (!Number.isFinite(res.value)) {
    return notAvailable('invalid-input', 'the Gamma-Gamma likelihood is not finite at the starting point', { rows: d.n });
  }
  const fitted = params(fit.theta);
  return {
    ok: true,
    ...fitted,
    logLik: dataLogLik(fitted, d),
    iterations: res.iterations,
    evaluations: res.evaluations,
    converged: res.converged,
    atBound: fit.atBound,
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
