/**
 * Two small, deterministic, bounded minimisers.
 *
 * `bfgsSteps`: quasi-Newton (BFGS on the inverse Hessian) for smooth objectives that come
 * with their gradient, with box bounds (active set) and a backtracking line search. The model
 * fitters use it first: a few dozen iterations where Nelder–Mead needs hundreds.
 *
 * `nelderMeadSteps`: Nelder–Mead with the dimension-adaptive
 * coefficients of Gao & Han (2012), box bounds by projection, and restarts from the
 * best point (a restart rebuilds the simplex, which guards against the known
 * premature collapse of Nelder–Mead on curved valleys).
 *
 * The model fitters minimise over log-parameters, so the bounds are bounds on logs.
 * The algorithm is a generator that yields after every iteration, so a caller can run
 * it in time slices on a main thread (see `runToCompletion` for the plain synchronous
 * use). Non-finite objective values count as +Infinity: the simplex moves away.
 */

export type Objective = (x: Float64Array) => number;

export interface MinimizeOptions {
  /** Most iterations over all restarts (default 5000). */
  readonly maxIterations?: number;
  /** Converged when every vertex is within this of the best, per coordinate (default 1e-9). */
  readonly xTolerance?: number;
  /** …and every vertex value within this of the best (default 1e-12). */
  readonly fTolerance?: number;
  /** Box bounds (default ±Infinity). Points are projected into the box. */
  readonly lower?: readonly number[];
  readonly upper?: readonly number[];
  /** Initial simplex edge, per coordinate or for all (default 0.25). */
  readonly initialStep?: number | readonly number[];
  /** Restarts from the best point after convergence (default 2). */
  readonly restarts?: number;
}

export interface MinimizeProgress {
  readonly iteration: number;
  readonly evaluations: number;
  readonly best: number;
}

export interface MinimizeResult {
  readonly x: number[];
  readonly value: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  /**
   * Why it stopped: tolerances met, the iteration budget ran out, the start was not finite,
   * or (BFGS only) the line search found no lower point.
   */
  readonly stop: 'converged' | 'max-iterations' | 'non-finite-start' | 'line-search';
}

/** Run a step generator to its end, synchronously, and return its result. */
export function runToCompletion<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Minimise `f` from `x0`. Synchronous wrapper over `nelderMeadSteps`. */
export function nelderMead(f: Objective, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  return runToCompletion(nelderMeadSteps(f, x0, options));
}

export function* nelderMeadSteps(
  f: Objective,
  x0: readonly number[],
  options: MinimizeOptions = {},
): Generator<MinimizeProgress, MinimizeResult, void> {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 5000;
  const xTol = options.xTolerance ?? 1e-9;
  const fTol = options.fTolerance ?? 1e-12;
  const restarts = options.restarts ?? 2;
  const lower = options.lower ?? [];
  const upper = options.upper ?? [];
  const stepOpt = options.initialStep ?? 0.25;
  const step = (i: number): number => (typeof stepOpt === 'number' ? stepOpt : stepOpt[i] ?? 0.25);

  // Gao & Han adaptive coefficients.
  const cRefl = 1;
  const cExp = 1 + 2 / n;
  const cContr = 0.75 - 1 / (2 * n);
  const cShrink = 1 - 1 / n;

  let evaluations = 0;
  const project = (p: Float64Array): void => {
    for (let i = 0; i < n; i++) {
      const lo = lower[i] ?? -Infinity;
      const hi = upper[i] ?? Infinity;
      if (p[i] < lo) p[i] = lo;
      else if (p[i] > hi) p[i] = hi;
    }
  };
  const evaluate = (p: Float64Array): number => {
    evaluations++;
    const v = f(p);
    return Number.isFinite(v) ? v : Infinity;
  };

  const start = Float64Array.from(x0);
  project(start);
  let bestX = start;
  let bestF = evaluate(start);
  if (bestF === Infinity) {
    return { x: Array.from(start), value: bestF, iterations: 0, evaluations, converged: false, stop: 'non-finite-start' };
  }

  const pts: Float64Array[] = [];
  const vals = new Float64Array(n + 1);
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  const order: number[] = [];
  for (let i = 0; i <= n; i++) {
    pts.push(new Float64Array(n));
    order.push(i);
  }

  let iterations = 0;
  let converged = false;
  for (let round = 0; round <= restarts; round++) {
    // Build the simplex around the best point so far.
    pts[0].set(bestX);
    vals[0] = bestF;
    for (let i = 0; i < n; i++) {
      const p = pts[i + 1];
      p.set(bestX);
      p[i] += step(i);
      project(p);
      if (p[i] === bestX[i]) p[i] -= step(i); // at an upper bound: step down instead
      project(p);
      vals[i + 1] = evaluate(p);
    }
    const roundStartF = bestF;
    converged = false;
    while (iterations < maxIterations) {
      // Sort vertices by value (n + 1 is tiny: insertion sort on the index list).
      for (let i = 0; i <= n; i++) order[i] = i;
      for (let i = 1; i <= n; i++) {
        const k = order[i];
        let j = i - 1;
        while (j >= 0 && vals[order[j]] > vals[k]) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = k;
      }
      const iBest = order[0];
      const iWorst = order[n];
      const iSecond = order[n - 1];

      // Convergence: the simplex is small in x and flat in f.
      let xSpread = 0;
      let fSpread = 0;
      for (let v = 0; v <= n; v++) {
        if (v === iBest) continue;
        const dv = Math.abs(vals[v] - vals[iBest]);
        if (dv > fSpread || Number.isNaN(dv)) fSpread = dv;
        for (let i = 0; i < n; i++) {
          const dx = Math.abs(pts[v][i] - pts[iBest][i]);
          if (dx > xSpread) xSpread = dx;
        }
      }
      if (xSpread <= xTol && fSpread <= fTol) {
        converged = true;
        break;
      }

      iterations++;
      centroid.fill(0);
      for (let v = 0; v <= n; v++) {
        if (v === iWorst) continue;
        for (let i = 0; i < n; i++) centroid[i] += pts[v][i] / n;
      }
      const worst = pts[iWorst];
      for (let i = 0; i < n; i++) xr[i] = centroid[i] + cRefl * (centroid[i] - worst[i]);
      project(xr);
      const fr = evaluate(xr);
      if (fr < vals[iBest]) {
        for (let i = 0; i < n; i++) xe[i] = centroid[i] + cExp * (xr[i] - centroid[i]);
        project(xe);
        const fe = evaluate(xe);
        if (fe < fr) {
          worst.set(xe);
          vals[iWorst] = fe;
        } else {
          worst.set(xr);
          vals[iWorst] = fr;
        }
      } else if (fr < vals[iSecond]) {
        worst.set(xr);
        vals[iWorst] = fr;
      } else {
        const outside = fr < vals[iWorst];
        const from = outside ? xr : worst;
        for (let i = 0; i < n; i++) xc[i] = centroid[i] + cContr * (from[i] - centroid[i]);
        project(xc);
        const fc = evaluate(xc);
        if (fc <= (outside ? fr : vals[iWorst])) {
          worst.set(xc);
          vals[iWorst] = fc;
        } else {
          const b = pts[iBest];
          for (let v = 0; v <= n; v++) {
            if (v === iBest) continue;
            const p = pts[v];
            for (let i = 0; i < n; i++) p[i] = b[i] + cShrink * (p[i] - b[i]);
            project(p);
            vals[v] = evaluate(p);
          }
        }
      }
      let ib = 0;
      for (let v = 1; v <= n; v++) if (vals[v] < vals[ib]) ib = v;
      yield { iteration: iterations, evaluations, best: vals[ib] };
    }
    let ib = 0;
    for (let v = 1; v <= n; v++) if (vals[v] < vals[ib]) ib = v;
    if (vals[ib] <= bestF) {
      bestF = vals[ib];
      bestX = Float64Array.from(pts[ib]);
    }
    if (!converged) break;
    // A restart that no longer improves the optimum means we are done.
    if (round > 0 && roundStartF - bestF <= fTol) break;
  }
  return {
    x: Array.from(bestX),
    value: bestF,
    iterations,
    evaluations,
    converged,
    stop: converged ? 'converged' : 'max-iterations',
  };
}


/** A gradient this small counts as converged when the line search can no longer lower f. */
const NOISE_GRADIENT = 1e-7;
/** Iterations over which f must not have moved (beyond round-off) to count as stalled… */
const STALL_ITERATIONS = 10;
/** …with a gradient at most this (a well-posed fit reaches 1e-10 long before it stalls). */
const STALL_GRADIENT = 1e-5;

/** An objective that also writes its gradient into `grad` (same length as x). */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

export interface BfgsOptions {
  /** Most iterations (default 500). */
  readonly maxIterations?: number;
  /** Converged when every |∂f/∂xᵢ| is at most this (default 1e-10). */
  readonly gradientTolerance?: number;
  /** Box bounds (default ±Infinity). Trial points are projected into the box. */
  readonly lower?: readonly number[];
  readonly upper?: readonly number[];
  /** Largest change of any coordinate in one step (default 2). */
  readonly maxStep?: number;
}

/** Minimise `fg` from `x0` with BFGS. Synchronous wrapper over `bfgsSteps`. */
export function bfgs(fg: ObjectiveWithGradient, x0: readonly number[], options: BfgsOptions = {}): MinimizeResult {
  return runToCompletion(bfgsSteps(fg, x0, options));
}

/**
 * BFGS with simple bounds and a backtracking (Armijo, quadratic-interpolation) line search
 * along the projected path; yields after every iteration and every rejected trial step.
 *
 * - Bounds: a coordinate on its bound whose gradient pushes outwards is held there (the
 *   active set); the quasi-Newton step uses the free coordinates only (d_F = −H_FF·g_F) and
 *   trial points are projected into the box. Converged when the projected gradient is below
 *   the tolerance, so an estimate on the box (a degenerate model) converges too.
 * - The inverse-Hessian approximation starts as the identity, is rescaled by sᵀy / yᵀy after
 *   the first step (Nocedal & Wright eq. 6.20) and is only updated when sᵀy > 0, so it stays
 *   positive definite.
 * - Near the optimum f stops resolving decreases (they fall below round-off) before the
 *   gradient vanishes: a step that keeps f within round-off and meets the approximate Wolfe
 *   conditions on the (accurate) directional derivative is accepted (Hager & Zhang 2005).
 */
export function* bfgsSteps(
  fg: ObjectiveWithGradient,
  x0: readonly number[],
  options: BfgsOptions = {},
): Generator<MinimizeProgress, MinimizeResult, void> {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 500;
  const gTol = options.gradientTolerance ?? 1e-10;
  const maxStep = options.maxStep ?? 2;
  const lower = options.lower ?? [];
  const upper = options.upper ?? [];
  const lo = (i: number): number => lower[i] ?? -Infinity;
  const hi = (i: number): number => upper[i] ?? Infinity;

  let evaluations = 0;
  const x = Float64Array.from(x0);
  for (let i = 0; i < n; i++) x[i] = Math.min(hi(i), Math.max(lo(i), x[i]));
  const g = new Float64Array(n);
  const evaluate = (p: Float64Array, grad: Float64Array): number => {
    evaluations++;
    const v = fg(p, grad);
    if (!Number.isFinite(v)) return Infinity;
    for (let i = 0; i < n; i++) if (!Number.isFinite(grad[i])) return Infinity;
    return v;
  };
  let f = evaluate(x, g);
  const result = (iterations: number, stop: MinimizeResult['stop']): MinimizeResult => ({
    x: Array.from(x),
    value: f,
    iterations,
    evaluations,
    converged: stop === 'converged',
    stop,
  });
  if (f === Infinity) return result(0, 'non-finite-start');

  const H = new Float64Array(n * n);
  const resetH = (): void => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = 1;
  };
  resetH();
  let scaled = false;
  const active = new Uint8Array(n);
  const d = new Float64Array(n);
  const xt = new Float64Array(n);
  const gt = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  const maxAbs = (v: Float64Array): number => {
    let m = 0;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(v[i]);
      if (a > m) m = a;
    }
    return m;
  };
  /** Marks the active set and returns the largest free |gradient| (the projected gradient). */
  const projectedGradient = (): number => {
    let m = 0;
    for (let i = 0; i < n; i++) {
      active[i] = (x[i] <= lo(i) && g[i] > 0) || (x[i] >= hi(i) && g[i] < 0) ? 1 : 0;
      if (!active[i] && Math.abs(g[i]) > m) m = Math.abs(g[i]);
    }
    return m;
  };

  let iterations = 0;
  let retried = false;
  /** f after each of the last STALL_ITERATIONS iterations (ring buffer). */
  const history = new Float64Array(STALL_ITERATIONS);
  while (iterations < maxIterations) {
    const pg = projectedGradient();
    if (pg <= gTol) return result(iterations, 'converged');
    iterations++;
    // Direction on the free coordinates, d_F = −H_FF g_F; steepest descent when not downhill.
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      if (!active[i]) for (let j = 0; j < n; j++) if (!active[j]) v -= H[i * n + j] * g[j];
      d[i] = v;
      slope += v * g[i];
    }
    if (!(slope < 0)) {
      resetH();
      scaled = false;
      slope = 0;
      for (let i = 0; i < n; i++) {
        d[i] = active[i] ? 0 : -g[i];
        slope -= d[i] * d[i];
      }
    }
    const dMax = maxAbs(d);
    let t = Math.min(1, maxStep / dMax);
    // Backtracking along the projected path x(t) = P(x + t·d).
    let ft = Infinity;
    let found = false;
    for (let k = 0; k < 60; k++) {
      let decrease = 0; // gᵀ(x(t) − x): the first-order change along the projected step
      let moved = false;
      for (let i = 0; i < n; i++) {
        xt[i] = Math.min(hi(i), Math.max(lo(i), x[i] + t * d[i]));
        decrease += g[i] * (xt[i] - x[i]);
        if (xt[i] !== x[i]) moved = true;
      }
      if (!moved) break;
      ft = evaluate(xt, gt);
      if (ft <= f + 1e-4 * decrease) {
        found = true;
        break;
      }
      if (ft !== Infinity && ft <= f + 1e-12 * Math.abs(f)) {
        let dSlope = 0; // φ'(t)·t along the projected step
        for (let i = 0; i < n; i++) dSlope += gt[i] * (xt[i] - x[i]);
        if (dSlope >= 0.9 * decrease && dSlope <= -0.8 * decrease) {
          found = true;
          break;
        }
      }
      // Yield between trials too: on a big data set one evaluation is a slice's worth of work.
      yield { iteration: iterations, evaluations, best: f };
      if (ft === Infinity) t *= 0.1;
      else {
        const ps = decrease / t; // effective slope
        const tq = (-ps * t * t) / (2 * (ft - f - ps * t));
        t = Math.min(0.5 * t, Math.max(0.1 * t, Number.isFinite(tq) ? tq : 0.5 * t));
      }
      if (t * dMax < 1e-16) break;
    }
    if (!found) {
      // Round-off floor: no lower value exists to be found this close to a stationary point.
      if (pg <= NOISE_GRADIENT) return result(iterations, 'converged');
      // A stale curvature model can point nowhere useful: one retry along −g.
      if (!retried) {
        retried = true;
        resetH();
        scaled = false;
        continue;
      }
      return result(iterations, 'line-search');
    }
    retried = false;
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xt[i] - x[i];
      y[i] = gt[i] - g[i];
      sy += s[i] * y[i];
      yy += y[i] * y[i];
    }
    x.set(xt);
    g.set(gt);
    f = ft;
    if (sy > 1e-14 * Math.sqrt(yy) * maxAbs(s) && yy > 0) {
      if (!scaled) {
        const gamma = sy / yy;
        H.fill(0);
        for (let i = 0; i < n; i++) H[i * n + i] = gamma;
        scaled = true;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / sᵀy
      const rho = 1 / sy;
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
        Hy[i] = v;
        yHy += y[i] * v;
      }
      const c = (1 + rho * yHy) * rho;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += c * s[i] * s[j] - rho * (Hy[i] * s[j] + s[i] * Hy[j]);
        }
      }
    }
    yield { iteration: iterations, evaluations, best: f };
    // The position no longer moves: at the noise floor of the objective.
    if (maxAbs(s) <= 1e-14 * (1 + maxAbs(x))) {
      return result(iterations, projectedGradient() <= NOISE_GRADIENT ? 'converged' : 'line-search');
    }
    // Wandering along a flat ridge (a degenerate model whose estimates run off towards the
    // box) inside the round-off band: f has not moved over STALL_ITERATIONS steps and the
    // gradient is small. The likelihood cannot tell these points apart (on <kpi-ltv>'s 1M-row
    // benchmark f moves by ±3e-13 while the gradient sits near 1e-7); whether BFGS would end
    // here by luck or run out of iterations depends on the last bits of exp/log, so stop it.
    history[iterations % STALL_ITERATIONS] = f;
    if (iterations >= STALL_ITERATIONS) {
      const old = history[(iterations + 1) % STALL_ITERATIONS];
      if (old - f <= 1e-13 * (1 + Math.abs(f)) && projectedGradient() <= STALL_GRADIENT) return result(iterations, 'converged');
    }
  }
  return result(iterations, 'max-iterations');
}

/** How the model fitters minimise: BFGS with a Nelder–Mead fallback, or Nelder–Mead only. */
export type FitMethod = 'bfgs' | 'nelder-mead';

export interface LogParamFitOptions {
  readonly method: FitMethod;
  /** Nelder–Mead's iteration budget (BFGS gets at most 300 of its own). */
  readonly maxIterations: number;
  /** Nelder–Mead's tolerances and restarts. */
  readonly tolerance: number;
  readonly fTolerance: number;
  readonly restarts: number;
}

/**
 * The model fitters' minimiser over log-parameters in a box. 'bfgs' runs bounded BFGS on the
 * analytic gradient and, when it does not converge, Nelder–Mead from the original start exactly
 * as with 'nelder-mead'. Iterations and evaluations of both are counted.
 */
export function* minimizeLogParams(
  f: Objective,
  fg: ObjectiveWithGradient,
  start: readonly number[],
  box: { readonly lower: readonly number[]; readonly upper: readonly number[] },
  o: LogParamFitOptions,
): Generator<MinimizeProgress, MinimizeResult, void> {
  const nm = (): Generator<MinimizeProgress, MinimizeResult, void> =>
    nelderMeadSteps(f, start, {
      maxIterations: o.maxIterations,
      xTolerance: o.tolerance,
      fTolerance: o.fTolerance,
      lower: box.lower,
      upper: box.upper,
      initialStep: 0.5,
      restarts: o.restarts,
    });
  if (o.method === 'nelder-mead') return yield* nm();
  const q = yield* bfgsSteps(fg, start, { maxIterations: Math.min(300, o.maxIterations), lower: box.lower, upper: box.upper });
  if (q.converged) return q;
  const steps = nm();
  let r: IteratorResult<MinimizeProgress, MinimizeResult>;
  while (!(r = steps.next()).done) {
    yield { iteration: q.iterations + r.value.iteration, evaluations: q.evaluations + r.value.evaluations, best: r.value.best };
  }
  return { ...r.value, iterations: q.iterations + r.value.iterations, evaluations: q.evaluations + r.value.evaluations };
}

/** |ln θ| beyond this is treated as the edge of the parameter space. */
export const LOG_BOUND = 20;

export interface PositiveFitOptions extends LogParamFitOptions {
  /** L2 penalty on the parameters (lifetimes' `penalizer_coef`); 0 for none. */
  readonly penalizer: number;
}

export interface PositiveFit {
  /** The fitted positive parameters, in the order given. */
  readonly theta: number[];
  readonly result: MinimizeResult;
  /** A log-parameter ended at the box: the fit is on an edge of the parameter space. */
  readonly atBound: boolean;
}

/**
 * Maximum likelihood over positive parameters θ, shared by the BG/NBD and Gamma-Gamma fitters:
 * minimises −ℓ(θ)/n + penalizer·Σθ² over ln θ (bounded to |ln θ| ≤ LOG_BOUND), with the
 * gradient ∂/∂ln θ = θ·∂/∂θ from `logLik`, which fills `grad` with ∂ℓ/∂θ when given one.
 */
export function* fitPositiveParams(
  logLik: (theta: readonly number[], grad?: Float64Array) => number,
  n: number,
  initial: readonly number[],
  o: PositiveFitOptions,
): Generator<MinimizeProgress, PositiveFit, void> {
  const k = initial.length;
  const pen = o.penalizer;
  const theta = (v: Float64Array | readonly number[]): number[] => Array.from({ length: k }, (_, i) => Math.exp(v[i]!));
  const objective = (v: Float64Array): number => {
    const th = theta(v);
    let p = 0;
    if (pen > 0) for (let i = 0; i < k; i++) p += th[i]! * th[i]!;
    return -logLik(th) / n + (pen > 0 ? pen * p : 0);
  };
  const raw = new Float64Array(k);
  const objectiveGrad = (v: Float64Array, grad: Float64Array): number => {
    const th = theta(v);
    const ll = logLik(th, raw);
    let p = 0;
    for (let i = 0; i < k; i++) {
      grad[i] = (-th[i]! * raw[i]!) / n + (pen > 0 ? 2 * pen * th[i]! * th[i]! : 0);
      p += th[i]! * th[i]!;
    }
    return -ll / n + (pen > 0 ? pen * p : 0);
  };
  const box = { lower: new Array<number>(k).fill(-LOG_BOUND), upper: new Array<number>(k).fill(LOG_BOUND) };
  const result = yield* minimizeLogParams(objective, objectiveGrad, initial.map(Math.log), box, o);
  return { theta: theta(result.x), result, atBound: result.x.some((v) => Math.abs(v) >= LOG_BOUND - 1e-9) };
}
