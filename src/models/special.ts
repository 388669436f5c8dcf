/**
 * Special functions for the customer-lifetime models (BG/NBD, Gamma-Gamma):
 * log-gamma, log-beta, log of the rising factorial, and the Gauss hypergeometric
 * function 2F1 evaluated in logs.
 *
 * Pure and DOM-free. Domain errors are explicit: `logGamma` throws a RangeError at
 * its poles or on non-finite input (a programming error: the models validate their
 * inputs first), and `logHyp2f1` returns a typed "not available" value instead of
 * NaN/Infinity.
 */

import { available, notAvailable, type MetricValue } from '../core/result.ts';

const LN_SQRT_2PI = 0.91893853320467274178032973640562; // ½·ln(2π)
const LN_PI = 1.1447298858494001741434273513531;

/**
 * ln|Γ(x)| for real x that is not 0 or a negative integer.
 *
 * x ≥ 10: Stirling's series to the 1/x¹³ term (error < 1e-16 relative);
 * 0.5 ≤ x < 10: shifted up with Γ(x) = Γ(x+n) / (x(x+1)…(x+n−1));
 * x < 0.5: reflection Γ(x)Γ(1−x) = π / sin(πx).
 */
export function logGamma(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`logGamma: argument is not finite (${x})`);
  if (x < 0.5) {
    if (Number.isInteger(x)) throw new RangeError(`logGamma: pole at ${x}`);
    // sin(πx) computed on the reduced argument for accuracy far from 0
    const s = Math.abs(sinPi(x));
    return LN_PI - Math.log(s) - logGamma(1 - x);
  }
  let shift = 0;
  let y = x;
  if (y < 10) {
    let prod = 1;
    while (y < 10) {
      prod *= y;
      y += 1;
    }
    shift = Math.log(prod);
  }
  return (y - 0.5) * Math.log(y) - y + LN_SQRT_2PI + stirlingSeries(y) - shift;
}

/** Stirling's correction lnΓ(y) − [(y−½) ln y − y + ½ ln 2π], for y ≥ 10. */
function stirlingSeries(y: number): number {
  const inv = 1 / y;
  const inv2 = inv * inv;
  // Bernoulli-number coefficients B_2k / (2k(2k−1))
  return (
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 * (1 / 156)))))))
  );
}

/** sin(πx) with the argument reduced to [−½, ½] so integers give exactly 0. */
function sinPi(x: number): number {
  const n = Math.round(x);
  const f = x - n; // in [−½, ½]
  const s = Math.sin(Math.PI * f);
  return n % 2 === 0 ? s : -s;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a+b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`logBeta: arguments must be finite and > 0 (a=${a}, b=${b})`);
  }
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * ln of the rising factorial (a)_n = Γ(a+n)/Γ(a) = a(a+1)…(a+n−1), for a > 0 and an
 * integer n ≥ 0. Multiplies for small n (more accurate than differencing two large
 * log-gammas), else differences Stirling's series (a ≥ 10) or log-gammas (a < 10).
 */
export function logRising(a: number, n: number): number {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`logRising: a must be finite and > 0 (${a})`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`logRising: n must be an integer ≥ 0 (${n})`);
  if (n === 0) return 0;
  if (n <= 32) {
    let prod = 1;
    let s = 0;
    for (let k = 0; k < n; k++) {
      prod *= a + k;
      if (prod > 1e250) {
        s += Math.log(prod);
        prod = 1;
      }
    }
    return s + Math.log(prod);
  }
  if (a >= 10) {
    // Difference of Stirling's series, without subtracting two huge lnΓ: for a ≫ n (a
    // degenerate BG/NBD fit has a + b ~ 1e8) lnΓ(a+n) − lnΓ(a) would keep only ~6 digits.
    const b = a + n;
    return (a - 0.5) * Math.log1p(n / a) + n * Math.log(b) - n + (stirlingSeries(b) - stirlingSeries(a));
  }
  return logGamma(a + n) - logGamma(a);
}

/**
 * Digamma ψ(x) = d/dx ln Γ(x), for real x that is not 0 or a negative integer.
 *
 * x ≥ 10: asymptotic series to the 1/x¹⁴ term (error < 1e-16 relative);
 * 0 < x < 10: shifted up with ψ(x) = ψ(x+1) − 1/x; x ≤ 0: reflection ψ(1−x) − π·cot(πx).
 */
export function digamma(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`digamma: argument is not finite (${x})`);
  if (x <= 0) {
    if (Number.isInteger(x)) throw new RangeError(`digamma: pole at ${x}`);
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * (x - Math.round(x)));
  }
  let shift = 0;
  let y = x;
  while (y < 10) {
    shift += 1 / y;
    y += 1;
  }
  return Math.log(y) + psiSeries(y) - shift;
}

/** ψ(y) − ln y for y ≥ 10 (asymptotic series). */
function psiSeries(y: number): number {
  const inv2 = 1 / (y * y);
  // Bernoulli-number coefficients B_2k / (2k)
  const series =
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return -0.5 / y - series;
}

/**
 * ψ(a+n) − ψ(a) = Σ_{k<n} 1/(a+k), the derivative of `logRising(a, n)` in a, for a > 0 and
 * an integer n ≥ 0: the sum for small n, else the asymptotic series (accurate for a ≫ n too).
 */
export function digammaRising(a: number, n: number): number {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`digammaRising: a must be finite and > 0 (${a})`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`digammaRising: n must be an integer ≥ 0 (${n})`);
  if (n <= 32) {
    let s = 0;
    for (let k = 0; k < n; k++) s += 1 / (a + k);
    return s;
  }
  // Shift a up to ≥ 10, then log1p plus the difference of the asymptotic series: no
  // subtraction of two nearly equal ψ values when a ≫ n.
  let s = 0;
  let b = a;
  let m = n;
  while (b < 10) {
    s += 1 / b;
    b += 1;
    m -= 1;
  }
  return s + Math.log1p(m / b) + (psiSeries(b + m) - psiSeries(b));
}

/** ln(eᵘ + eᵛ) without overflow; −Infinity inputs allowed (ln 0). */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/** 1 / (1 + eᵘ), stable for any finite u (logistic of −u). */
export function logisticOfNeg(u: number): number {
  if (u >= 0) {
    const e = Math.exp(-u);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(u));
}

/** 2F1 in logs: value = sign · exp(logAbs). */
export interface Hyp2f1Value {
  readonly ok: true;
  readonly logAbs: number;
  readonly sign: 1 | -1;
  /** Series terms summed (over all series tried). */
  readonly terms: number;
  /** Which representation produced the value. */
  readonly method: 'series' | 'euler' | 'pfaff' | 'pfaff+euler' | 'gauss' | 'trivial';
}

export interface Hyp2f1Failure {
  readonly ok: false;
  readonly reason: 'invalid-input' | 'pole' | 'no-convergence' | 'out-of-domain';
  readonly detail: string;
}

export type Hyp2f1Result = Hyp2f1Value | Hyp2f1Failure;

export interface Hyp2f1Options {
  /** Relative tolerance of the series tail (default 1e-15). */
  readonly tolerance?: number;
  /** Most series terms to sum before giving up (default 1,000,000). */
  readonly maxTerms?: number;
}

interface SeriesSum {
  ok: boolean;
  logAbs: number;
  sign: 1 | -1;
  terms: number;
  /** max |term| / |sum|: how much cancellation happened (1 = none). */
  condition: number;
}

const RESCALE = 1e250;
const LN_RESCALE = Math.log(RESCALE);

/**
 * Σ (a)_n (b)_n / ((c)_n n!) zⁿ for |z| < 1, summed with rescaling so huge partial
 * sums (heavy buyers: a, b ≈ 50, z → 1) never overflow. Stops when a bound on the
 * remaining tail is below `tol`·|sum|.
 */
function series(a: number, b: number, c: number, z: number, tol: number, maxTerms: number): SeriesSum {
  let sum = 1;
  let term = 1;
  let logScale = 0;
  let maxAbs = 1;
  let n = 0;
  const absZ = Math.abs(z);
  let converged = false;
  for (; n < maxTerms; n++) {
    const cn = c + n;
    if (cn === 0) return { ok: false, logAbs: 0, sign: 1, terms: n, condition: Infinity };
    const ratio = (((a + n) * (b + n)) / (cn * (n + 1))) * z;
    term *= ratio;
    if (term === 0) {
      converged = true; // terminating polynomial (a or b a non-positive integer) or underflow
      break;
    }
    sum += term;
    const at = Math.abs(term);
    if (at > maxAbs) maxAbs = at;
    if (at > RESCALE || Math.abs(sum) > RESCALE) {
      term /= RESCALE;
      sum /= RESCALE;
      maxAbs /= RESCALE;
      logScale += LN_RESCALE;
    }
    const ar = Math.abs(ratio);
    if (n >= 2 && ar < 1) {
      // For large n the ratio tends to |z| (from above or below): bound the tail by a
      // geometric series with the larger of the two.
      const rho = ar > absZ ? ar : absZ;
      const tail = (at * rho) / (1 - rho);
      if (tail <= tol * Math.abs(sum)) {
        converged = true;
        n++;
        break;
      }
    }
  }
  if (!converged || sum === 0 || !Number.isFinite(sum)) {
    return { ok: false, logAbs: 0, sign: 1, terms: n, condition: Infinity };
  }
  return {
    ok: true,
    logAbs: Math.log(Math.abs(sum)) + logScale,
    sign: sum < 0 ? -1 : 1,
    terms: n,
    condition: maxAbs / Math.abs(sum),
  };
}

/** Condition number above which a series result is considered unreliable. */
const ILL_CONDITIONED = 1e6;

/**
 * ln|2F1(a, b; c; z)| and its sign, for real a, b, c (c not 0 or a negative integer)
 * and real z < 1 (z = 1 only where Gauss's formula applies: c − a − b > 0).
 *
 * - z < 0: Pfaff's transformation 2F1(a,b;c;z) = (1−z)^(−a) 2F1(a, c−b; c; z/(z−1)),
 *   which maps z ≤ −1 (where the series diverges or alternates slowly) into [½, 1).
 * - 0 ≤ z < 1: the direct series, or Euler's transformation
 *   2F1(a,b;c;z) = (1−z)^(c−a−b) 2F1(c−a, c−b; c; z) when c − a − b < 0 (then the direct
 *   series grows like (1−z)^(c−a−b) and the transformed one stays of order 1 —
 *   the BG/NBD conditional expectation at long horizons and large x is this case).
 *   If the preferred form fails or cancels badly, the other one is tried.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number, options: Hyp2f1Options = {}): Hyp2f1Result {
  const tol = options.tolerance ?? 1e-15;
  const maxTerms = options.maxTerms ?? 1_000_000;
  if (![a, b, c, z].every(Number.isFinite)) {
    return { ok: false, reason: 'invalid-input', detail: `2F1 arguments must be finite (a=${a}, b=${b}, c=${c}, z=${z})` };
  }
  if (c <= 0 && Number.isInteger(c)) {
    return { ok: false, reason: 'pole', detail: `2F1 is undefined for c = ${c} (0 or a negative integer)` };
  }
  if (a === 0 || b === 0 || z === 0) return { ok: true, logAbs: 0, sign: 1, terms: 0, method: 'trivial' };
  if (z > 1) {
    return { ok: false, reason: 'out-of-domain', detail: `2F1 is only evaluated for z ≤ 1 (z=${z})` };
  }
  if (z === 1) return gaussAtOne(a, b, c);
  if (z < 0) {
    const w = z / (z - 1); // in (0, 1)
    const pre = -a * Math.log1p(-z);
    const inner = logHyp2f1Positive(a, c - b, c, w, tol, maxTerms);
    if (!inner.ok) return inner;
    return {
      ok: true,
      logAbs: inner.logAbs + pre,
      sign: inner.sign,
      terms: inner.terms,
      method: inner.method === 'euler' ? 'pfaff+euler' : 'pfaff',
    };
  }
  return logHyp2f1Positive(a, b, c, z, tol, maxTerms);
}

function logHyp2f1Positive(a: number, b: number, c: number, z: number, tol: number, maxTerms: number): Hyp2f1Result {
  const s = c - a - b;
  const eulerFirst = s < 0;
  const first = eulerFirst ? eulerSeries(a, b, c, z, tol, maxTerms) : series(a, b, c, z, tol, maxTerms);
  if (first.ok && first.condition < ILL_CONDITIONED && Number.isFinite(first.logAbs)) {
    return { ok: true, logAbs: first.logAbs, sign: first.sign, terms: first.terms, method: eulerFirst ? 'euler' : 'series' };
  }
  const second = eulerFirst ? series(a, b, c, z, tol, maxTerms) : eulerSeries(a, b, c, z, tol, maxTerms);
  const secondBetter = second.ok && Number.isFinite(second.logAbs) && (!first.ok || second.condition < first.condition);
  const best = secondBetter ? second : first;
  const method = (secondBetter ? !eulerFirst : eulerFirst) ? 'euler' : 'series';
  // Cancellation of `condition` costs about log10(condition) of the 16 digits: refuse
  // rather than return a value with fewer than ~8 correct digits.
  if (!best.ok || !Number.isFinite(best.logAbs) || best.condition >= 1e8) {
    return {
      ok: false,
      reason: 'no-convergence',
      detail: `2F1(${a}, ${b}; ${c}; ${z}) did not converge to a reliable value within ${maxTerms} terms`,
    };
  }
  return { ok: true, logAbs: best.logAbs, sign: best.sign, terms: first.terms + second.terms, method };
}

/** Euler's transformation: (1−z)^(c−a−b) · Σ for 2F1(c−a, c−b; c; z). */
function eulerSeries(a: number, b: number, c: number, z: number, tol: number, maxTerms: number): SeriesSum {
  const r = series(c - a, c - b, c, z, tol, maxTerms);
  if (r.ok) r.logAbs += (c - a - b) * Math.log1p(-z);
  return r;
}

/** Gauss: 2F1(a,b;c;1) = Γ(c)Γ(c−a−b) / (Γ(c−a)Γ(c−b)), for c − a − b > 0. */
function gaussAtOne(a: number, b: number, c: number): Hyp2f1Result {
  const s = c - a - b;
  if (!(s > 0)) {
    return { ok: false, reason: 'out-of-domain', detail: `2F1 diverges at z = 1 unless c − a − b > 0 (it is ${s})` };
  }
  const ca = c - a;
  const cb = c - b;
  if ((ca <= 0 && Number.isInteger(ca)) || (cb <= 0 && Number.isInteger(cb))) {
    return { ok: true, logAbs: -Infinity, sign: 1, terms: 0, method: 'gauss' }; // 1/Γ(pole) = 0
  }
  const sign = gammaSign(c) * gammaSign(s) * gammaSign(ca) * gammaSign(cb);
  const logAbs = logGamma(c) + logGamma(s) - logGamma(ca) - logGamma(cb);
  return { ok: true, logAbs, sign: sign < 0 ? -1 : 1, terms: 0, method: 'gauss' };
}

/** Sign of Γ(x) for x not a pole. */
function gammaSign(x: number): number {
  if (x > 0) return 1;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/**
 * 2F1(a, b; c; z) as a plain number, or "not available" when it is undefined, does not
 * converge or does not fit in a double.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, options: Hyp2f1Options = {}): MetricValue {
  const r = logHyp2f1(a, b, c, z, options);
  if (!r.ok) return notAvailable('invalid-input', r.detail);
  if (r.logAbs > 709.78) return notAvailable('invalid-input', `2F1 overflows a double (ln|F| = ${r.logAbs})`);
  return available(r.sign * Math.exp(r.logAbs));
}
