/**
 * A small, deterministic, bounded minimiser: Nelder–Mead with the dimension-adaptive
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
  /** Why it stopped: tolerances met, the iteration budget ran out, or the start was not finite. */
  readonly stop: 'converged' | 'max-iterations' | 'non-finite-start';
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
