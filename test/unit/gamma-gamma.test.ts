import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cdnow, value, fitted } from '../fixtures/cdnow.ts';
import { prng, gammaSample } from '../fixtures/random.ts';
import {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodGradient,
  gammaGammaPopulationMean,
  type GammaGammaFit,
  type GammaGammaParams,
  type SpendHistory,
} from '../../src/models/gamma-gamma.ts';

const PUBLISHED: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };

test('CDNOW: Gamma-Gamma on the 946 repeat customers matches the published p, q, γ', () => {
  const fit = fitted(fitGammaGamma(cdnow()));
  for (const k of ['p', 'q', 'gamma'] as const) {
    assert.ok(Math.abs(fit[k] - PUBLISHED[k]) <= 0.015, `${k}: ${fit[k]} vs ${PUBLISHED[k]}`);
  }
  assert.equal(fit.customers, 946);
  assert.equal(fit.excluded, 2357 - 946);
  assert.equal(fit.converged, true);
  assert.equal(fit.atBound, false);
});

test('CDNOW: the fit is the maximum — other starts land on it, nearby points are worse', () => {
  const data = cdnow();
  const best = fitted(fitGammaGamma(data));
  for (const initial of [{ p: 20, q: 20, gamma: 100 }, { p: 0.5, q: 1.5, gamma: 2 }]) {
    const f = fitted(fitGammaGamma(data, { initial }));
    for (const k of ['p', 'q', 'gamma'] as const) {
      assert.ok(Math.abs(f[k] - best[k]) / best[k] < 1e-4, `${k} from ${JSON.stringify(initial)}: ${f[k]} vs ${best[k]}`);
    }
  }
  for (const k of ['p', 'q', 'gamma'] as const) {
    for (const s of [0.99, 1.01]) {
      assert.ok(value(gammaGammaLogLikelihood({ ...best, [k]: best[k] * s }, data)) < best.logLik, `${k}×${s}`);
    }
  }
});

test('population mean spend p·γ/(q−1): published parameters give $35.22; our fit within 0.1 of it', () => {
  assert.equal(Math.round(value(gammaGammaPopulationMean(PUBLISHED)) * 100) / 100, 35.22);
  const fit = fitted(fitGammaGamma(cdnow()));
  assert.ok(Math.abs(value(gammaGammaPopulationMean(fit)) - 35.22) < 0.1);
  // …and it is the mean of simulated spends: z ~ Gamma(p, ν), ν ~ Gamma(q, γ)
  const u = prng(415);
  let sum = 0;
  let sum2 = 0;
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    const nu = gammaSample(PUBLISHED.q, u) / PUBLISHED.gamma;
    const z = gammaSample(PUBLISHED.p, u) / nu;
    sum += z;
    sum2 += z * z;
  }
  const mean = sum / n;
  const se = Math.sqrt((sum2 / n - mean * mean) / n);
  assert.ok(Math.abs(mean - value(gammaGammaPopulationMean(PUBLISHED))) < 4 * se, `MC ${mean} ± ${se}`);
});

test('conditional expected spend: table, and the weighted-average form of note 025 eq. 5', () => {
  const pop = (6.25 * 15.44) / 2.74;
  const cases: [x: number, m: number, expected: number][] = [
    [0, 0, pop],
    [0, 999, pop], // no repeat purchase: the population mean whatever m says
    [1, 20, (6.25 * (15.44 + 20)) / (6.25 + 2.74)],
    [2, 22.345, (6.25 * (15.44 + 2 * 22.345)) / (12.5 + 2.74)],
    [50, 100, (6.25 * (15.44 + 5000)) / (312.5 + 2.74)],
  ];
  for (const [x, m, expected] of cases) {
    const got = value(gammaGammaExpectedSpend(PUBLISHED, x, m));
    assert.ok(Math.abs(got - expected) < 1e-12 * expected, `x=${x} m=${m}: ${got} vs ${expected}`);
    if (x > 0) {
      const w = (6.25 * x) / (6.25 * x + 2.74);
      assert.ok(Math.abs(got - ((1 - w) * pop + w * m)) < 1e-9);
    }
  }
});

test('property: expected spend lies between the population mean and the customer mean, never NaN', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.1, max: 50, noNaN: true }),
      fc.double({ min: 1.01, max: 50, noNaN: true }),
      fc.double({ min: 0.1, max: 1000, noNaN: true }),
      fc.integer({ min: 0, max: 500 }),
      fc.double({ min: 0, max: 1e5, noNaN: true }),
      (p, q, gamma, x, m) => {
        const e = value(gammaGammaExpectedSpend({ p, q, gamma }, x, m));
        const pop = value(gammaGammaPopulationMean({ p, q, gamma }));
        const lo = x === 0 ? pop : Math.min(pop, m);
        const hi = x === 0 ? pop : Math.max(pop, m);
        assert.ok(e >= lo * (1 - 1e-12) && e <= hi * (1 + 1e-12), `${e} not in [${lo}, ${hi}]`);
      },
    ),
    { numRuns: 300, seed: 2005 },
  );
});

test('not available instead of garbage', () => {
  const fits: [SpendHistory[], string][] = [
    [[], 'no-data'],
    [[{ frequency: 0, monetary: 0 }], 'no-data'],
    [[{ frequency: 2, monetary: 0 }, { frequency: 3, monetary: -5 }], 'no-data'],
  ];
  for (const [data, reason] of fits) {
    const r = fitGammaGamma(data);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.reason, reason);
  }
  const q1 = { p: 2, q: 1, gamma: 10 };
  assert.equal(gammaGammaPopulationMean(q1).ok, false); // infinite mean
  assert.equal(gammaGammaExpectedSpend(q1, 0, 0).ok, false);
  assert.ok(gammaGammaExpectedSpend(q1, 3, 10).ok); // a repeat customer still has a finite posterior mean
  assert.equal(gammaGammaExpectedSpend(PUBLISHED, -1, 10).ok, false);
  assert.equal(gammaGammaExpectedSpend(PUBLISHED, 2, Number.NaN).ok, false);
  assert.equal(gammaGammaExpectedSpend({ ...PUBLISHED, p: 0 }, 2, 10).ok, false);
});

/** Standard errors of ln(p, q, γ) from the observed information (central differences). */
function logParamStandardErrors(g: GammaGammaParams, data: SpendHistory[]): number[] {
  const at = (d: number[]): number =>
    value(gammaGammaLogLikelihood({ p: g.p * Math.exp(d[0]), q: g.q * Math.exp(d[1]), gamma: g.gamma * Math.exp(d[2]) }, data));
  const h = 1e-3;
  const n = 3;
  const unit = (k: number, s: number): number[] => [0, 1, 2].map((m) => (m === k ? s * h : 0));
  const add = (u: number[], v: number[]): number[] => u.map((x, m) => x + v[m]);
  const A: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      const hij =
        (at(add(unit(i, 1), unit(j, 1))) - at(add(unit(i, 1), unit(j, -1))) - at(add(unit(i, -1), unit(j, 1))) + at(add(unit(i, -1), unit(j, -1)))) /
        (4 * h * h);
      row.push(-hij);
    }
    A.push([...row, ...[0, 1, 2].map((k) => (k === i ? 1 : 0))]);
  }
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    const d = A[c][c];
    for (let k = 0; k < 2 * n; k++) A[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r][c];
      for (let k = 0; k < 2 * n; k++) A[r][k] -= f * A[c][k];
    }
  }
  return [0, 1, 2].map((i) => Math.sqrt(A[i][n + i]));
}

test('parameter recovery: 5,000 simulated repeat customers are fitted back within 4 standard errors', () => {
  // Same argument as for BG/NBD: asymptotic normality of the MLE, 4 SE, fixed seed.
  // p and γ are strongly correlated (a likelihood ridge): SEs of ln θ are 3–15 % here
  // (measured z-scores −0.16 … 0.09);
  // the population mean p·γ/(q−1) is much better determined: asserted within 5 %.
  const truth: GammaGammaParams = { p: 6, q: 4, gamma: 15 };
  const u = prng(2005_11);
  const data: SpendHistory[] = [];
  for (let i = 0; i < 5000; i++) {
    const x = 1 + Math.floor(u() * 10);
    const nu = gammaSample(truth.q, u) / truth.gamma;
    let sum = 0;
    for (let j = 0; j < x; j++) sum += gammaSample(truth.p, u) / nu;
    data.push({ frequency: x, monetary: sum / x });
  }
  const fit = fitted(fitGammaGamma(data));
  const se = logParamStandardErrors(fit, data);
  (['p', 'q', 'gamma'] as const).forEach((k, i) => {
    const z = Math.log(fit[k] / truth[k]) / se[i];
    assert.ok(Number.isFinite(se[i]) && se[i] > 0 && se[i] < 0.5, `SE of ln ${k}: ${se[i]}`);
    if (process.env.KPI_VERBOSE) console.log(k, fit[k], truth[k], z, se[i]);
    assert.ok(Math.abs(z) < 4, `${k}: fitted ${fit[k]} vs true ${truth[k]} (z = ${z.toFixed(2)}, SE ${se[i].toFixed(3)})`);
  });
  const meanFit = value(gammaGammaPopulationMean(fit));
  if (process.env.KPI_VERBOSE) console.log('mean', meanFit);
  const meanTrue = value(gammaGammaPopulationMean(truth));
  assert.ok(Math.abs(meanFit / meanTrue - 1) < 0.05, `population mean ${meanFit} vs ${meanTrue}`);
});

test('analytic gradient of the log-likelihood matches central differences', () => {
  const data = cdnow();
  for (const g of [PUBLISHED, { p: 0.7, q: 1.3, gamma: 200 }, { p: 30, q: 12, gamma: 2 }]) {
    const r = gammaGammaLogLikelihoodGradient(g, data);
    assert.ok(r.ok);
    assert.ok(Math.abs(r.value - value(gammaGammaLogLikelihood(g, data))) <= 1e-9 * Math.abs(r.value));
    (['p', 'q', 'gamma'] as const).forEach((k, i) => {
      // five-point central difference (h⁴ truncation) with a step well above the round-off floor
      const h = 1e-3 * g[k];
      const f = (s: number): number => value(gammaGammaLogLikelihood({ ...g, [k]: g[k] + s * h }, data));
      const fd = (8 * (f(1) - f(-1)) - (f(2) - f(-2))) / (12 * h);
      assert.ok(Math.abs(r.gradient[i] - fd) <= 1e-6 * Math.max(1, Math.abs(fd)), `${k} at ${JSON.stringify(g)}: ${r.gradient[i]} vs ${fd}`);
    });
  }
  assert.equal(gammaGammaLogLikelihoodGradient(PUBLISHED, [{ frequency: 0, monetary: 0 }]).ok, false);
});

test('BFGS fit agrees with the Nelder–Mead fit on CDNOW, in a few dozen iterations', () => {
  const data = cdnow();
  const quick = fitted(fitGammaGamma(data));
  const simplex = fitted(fitGammaGamma(data, { method: 'nelder-mead' }));
  for (const k of ['p', 'q', 'gamma'] as const) {
    assert.ok(Math.abs(quick[k] - simplex[k]) <= 1e-4, `${k}: ${quick[k]} vs ${simplex[k]}`);
  }
  assert.ok(quick.logLik >= simplex.logLik - 1e-8);
  assert.ok(quick.iterations < 100, `${quick.iterations} iterations`);
});
