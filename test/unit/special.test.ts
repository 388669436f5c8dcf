import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { digamma, digammaRising, hyp2f1, logAddExp, logBeta, logGamma, logHyp2f1, logRising, logisticOfNeg } from '../../src/models/special.ts';

const close = (actual: number, expected: number, rel: number, what: string): void => {
  const err = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  assert.ok(err <= rel, `${what}: ${actual} vs ${expected} (rel err ${err})`);
};

test('logGamma: table of known values', () => {
  const sqrtPi = Math.sqrt(Math.PI);
  const cases: [number, number][] = [
    [1, 0],
    [2, 0],
    [3, Math.log(2)],
    [10, Math.log(362880)],
    [0.5, Math.log(sqrtPi)],
    [1.5, Math.log(sqrtPi / 2)],
    [-0.5, Math.log(2 * sqrtPi)], // |Γ(−½)| = 2√π
    [-1.5, Math.log((4 / 3) * sqrtPi)],
    [100, 359.13420536957539878], // ln(99!)
    [1e-8, -Math.log(1e-8) - 0.5772156649015329 * 1e-8],
    [171.5, 709.1431630309282], // near the double overflow of Γ itself (reference: CPython math.lgamma)
    [1e6, 12815504.569147611], // CPython math.lgamma
  ];
  for (const [x, expected] of cases) close(logGamma(x), expected, 2e-14, `lnΓ(${x})`);
});

test('logGamma: recurrence lnΓ(x+1) = lnΓ(x) + ln x holds across the shift/Stirling seam', () => {
  fc.assert(
    fc.property(fc.double({ min: 0.01, max: 300, noNaN: true }), (x) => {
      close(logGamma(x + 1), logGamma(x) + Math.log(x), 1e-13, `x=${x}`);
    }),
  );
});

test('logGamma: poles and non-finite input are explicit errors, not NaN', () => {
  for (const x of [0, -1, -7, NaN, Infinity, -Infinity]) assert.throws(() => logGamma(x), RangeError);
});

test('logBeta and logRising: table', () => {
  close(logBeta(1, 1), 0, 1e-14, 'B(1,1)');
  close(logBeta(2, 3), Math.log(1 / 12), 1e-14, 'B(2,3)');
  close(logBeta(0.5, 0.5), Math.log(Math.PI), 1e-14, 'B(½,½)');
  assert.throws(() => logBeta(0, 1), RangeError);
  close(logRising(0.243, 0), 0, 0, '(r)_0');
  close(logRising(0.243, 3), Math.log(0.243 * 1.243 * 2.243), 1e-15, '(r)_3');
  close(logRising(2.5, 40), logGamma(42.5) - logGamma(2.5), 1e-13, '(2.5)_40');
  close(logRising(1, 20), Math.log(2432902008176640000), 1e-14, '(1)_20 = 20!');
});

test('logAddExp and logisticOfNeg never overflow', () => {
  close(logAddExp(1000, 1000), 1000 + Math.log(2), 1e-15, 'equal large');
  assert.equal(logAddExp(-Infinity, 3), 3);
  assert.equal(logAddExp(5, -Infinity), 5);
  assert.equal(logisticOfNeg(1000), 0);
  assert.equal(logisticOfNeg(-1000), 1);
  close(logisticOfNeg(0), 0.5, 0, 'logistic(0)');
});

test('hyp2f1: closed forms, including z near and below −1 (Pfaff) and near 1 (Euler)', () => {
  const f = (a: number, b: number, c: number, z: number): number => {
    const r = hyp2f1(a, b, c, z);
    assert.ok(r.ok, `2F1(${a},${b};${c};${z}) not available`);
    return r.value;
  };
  // 2F1(1,1;2;z) = −ln(1−z)/z
  for (const z of [-50, -5, -1, -0.99, -0.3, 0.3, 0.9, 0.999]) {
    close(f(1, 1, 2, z), -Math.log1p(-z) / z, 1e-13, `2F1(1,1;2;${z})`);
  }
  // 2F1(a,b;b;z) = (1−z)^(−a)
  for (const [a, z] of [[2.5, 0.99], [0.243, 0.95], [-1.5, -3], [7, -0.9]]) {
    close(f(a, 3.3, 3.3, z), Math.pow(1 - z, -a), 1e-13, `2F1(${a},b;b;${z})`);
  }
  // 2F1(½,½;3/2;z²) = asin(z)/z ; 2F1(½,1;3/2;−z²) = atan(z)/z
  close(f(0.5, 0.5, 1.5, 0.25), Math.asin(0.5) / 0.5, 1e-14, 'asin');
  close(f(0.5, 0.5, 1.5, 0.98), Math.asin(Math.sqrt(0.98)) / Math.sqrt(0.98), 1e-12, 'asin near 1');
  close(f(0.5, 1, 1.5, -9), Math.atan(3) / 3, 1e-13, 'atan, z = −9');
  close(f(0.5, 1, 1.5, -1), Math.atan(1), 1e-13, 'atan, z = −1');
  // terminating polynomial: 2F1(−2,b;c;z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
  close(f(-2, 3, 4, 0.7), 1 - (2 * 3 * 0.7) / 4 + (3 * 4 * 0.49) / (4 * 5), 1e-14, 'polynomial');
  // Gauss at z = 1: 2F1(1,1;3;1) = Γ(3)Γ(1)/(Γ(2)Γ(2)) = 2
  close(f(1, 1, 3, 1), 2, 1e-13, 'Gauss');
});

test('hyp2f1: BG/NBD arguments at long horizons and for heavy buyers match the Euler integral', () => {
  // F(a,b;c;z) = Γ(c)/(Γ(b)Γ(c−b)) ∫₀¹ t^(b−1) (1−t)^(c−b−1) (1−zt)^(−a) dt, c > b > 0,
  // evaluated by tanh-sinh quadrature in logs (copes with the endpoint singularities):
  // t = 1/(1+e^(−2w)), w = (π/2)·sinh(v), dt = 2t(1−t)·(π/2)cosh(v) dv.
  const softplus = (y: number): number => (y > 0 ? y + Math.log1p(Math.exp(-y)) : Math.log1p(Math.exp(y)));
  const integralLog = (a: number, b: number, c: number, z: number): number => {
    const h = 1 / 128;
    const logs: number[] = [];
    for (let v = -6; v <= 6 + 1e-12; v += h) {
      const w = (Math.PI / 2) * Math.sinh(v);
      const lnT = -softplus(-2 * w);
      const ln1mT = -softplus(2 * w);
      const t = Math.exp(lnT);
      logs.push(b * lnT + (c - b) * ln1mT - a * Math.log1p(-z * t) + Math.log(Math.PI * Math.cosh(v) * h));
    }
    let m = -Infinity;
    for (const x of logs) if (x > m) m = x;
    let s = 0;
    for (const x of logs) s += Math.exp(x - m);
    return m + Math.log(s) + logGamma(c) - logGamma(b) - logGamma(c - b);
  };
  const r = 0.243, alpha = 4.414, a = 0.793, b = 2.426;
  const cases: [x: number, T: number, t: number][] = [
    [0, 38.86, 39],
    [2, 38.86, 39],
    [2, 38.86, 360],
    [10, 20, 360],
    [50, 38.86, 360],
    [50, 38.86, 39],
    [30, 1, 360],
  ];
  for (const [x, T, t] of cases) {
    const A = r + x, B = b + x, C = a + b + x - 1, z = t / (alpha + T + t);
    const got = logHyp2f1(A, B, C, z);
    assert.ok(got.ok, `x=${x} T=${T} t=${t}`);
    assert.equal(got.sign, 1);
    // F is symmetric in (A, B); the integral needs C > its second argument, which is A here.
    const expected = integralLog(B, A, C, z);
    close(got.logAbs, expected, 1e-9, `ln 2F1 for x=${x}, T=${T}, t=${t} (${got.method})`);
  }
});

test('hyp2f1: domain errors are typed results, not NaN', () => {
  const cases: [number, number, number, number, string][] = [
    [1, 1, 0, 0.5, 'pole'],
    [1, 1, -2, 0.5, 'pole'],
    [1, 1, 2, 1.5, 'out-of-domain'],
    [1, 1, 2, 1, 'out-of-domain'], // diverges at 1: c − a − b = 0
    [NaN, 1, 2, 0.5, 'invalid-input'],
    [1, 1, 2, Infinity, 'invalid-input'],
  ];
  for (const [a, b, c, z, reason] of cases) {
    const r = logHyp2f1(a, b, c, z);
    assert.equal(r.ok, false, `${a},${b},${c},${z}`);
    if (!r.ok) assert.equal(r.reason, reason);
    assert.equal(hyp2f1(a, b, c, z).ok, false);
  }
});

test('hyp2f1 property: finite for the BG/NBD parameter box, symmetric in a and b, Euler-consistent', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.01, max: 80, noNaN: true }),
      fc.double({ min: 0.01, max: 80, noNaN: true }),
      fc.double({ min: 0.05, max: 80, noNaN: true }),
      fc.double({ min: -20, max: 0.995, noNaN: true }),
      (a, b, c, z) => {
        const r1 = logHyp2f1(a, b, c, z);
        const r2 = logHyp2f1(b, a, c, z);
        assert.ok(r1.ok && Number.isFinite(r1.logAbs), `not finite: ${a},${b},${c},${z}`);
        assert.ok(r2.ok);
        close(r1.logAbs, r2.logAbs, 1e-9, 'symmetry');
        if (z > 0) {
          // Euler: F(a,b;c;z) = (1−z)^(c−a−b) F(c−a,c−b;c;z)
          const e = logHyp2f1(c - a, c - b, c, z);
          if (e.ok) close(r1.logAbs, e.logAbs + (c - a - b) * Math.log1p(-z), 1e-8, 'Euler');
        }
      },
    ),
    { numRuns: 300, seed: 20051 },
  );
});

test('digamma: known values, recurrence across the asymptotic seam, derivative of logGamma, reflection', () => {
  const EULER = 0.5772156649015329;
  assert.ok(Math.abs(digamma(1) + EULER) < 1e-15);
  assert.ok(Math.abs(digamma(0.5) + EULER + 2 * Math.LN2) < 1e-15);
  assert.ok(Math.abs(digamma(10) - 2.251752589066721) < 1e-14);
  for (const x of [0.01, 0.243, 0.793, 2.426, 6.25, 9.5, 9.999, 10.5, 57.3, 1e6]) {
    assert.ok(Math.abs(digamma(x + 1) - digamma(x) - 1 / x) < 1e-13 * Math.max(1, 1 / x), `recurrence at ${x}`);
    const h = 1e-5 * x;
    const fd = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
    assert.ok(Math.abs(digamma(x) - fd) < 1e-7 * Math.max(1, Math.abs(fd)), `d lnΓ at ${x}`);
  }
  for (const x of [-0.5, -2.3, -7.9]) {
    assert.ok(Math.abs(digamma(1 - x) - digamma(x) - Math.PI / Math.tan(Math.PI * x)) < 1e-12, `reflection at ${x}`);
  }
  assert.throws(() => digamma(0), RangeError);
  assert.throws(() => digamma(-3), RangeError);
  assert.throws(() => digamma(Number.NaN), RangeError);
});

test('digammaRising is the derivative of logRising: Σ 1/(a+k) for small n, ψ(a+n) − ψ(a) beyond', () => {
  for (const a of [0.243, 1, 3.17]) {
    for (const n of [0, 1, 5, 32, 33, 200]) {
      const h = 1e-6 * a;
      const fd = (logRising(a + h, n) - logRising(a - h, n)) / (2 * h);
      assert.ok(Math.abs(digammaRising(a, n) - fd) < 1e-6 * Math.max(1, fd), `a=${a}, n=${n}`);
    }
  }
  assert.equal(digammaRising(2, 0), 0);
  assert.ok(Math.abs(digammaRising(0.5, 40) - (digamma(40.5) - digamma(0.5))) < 1e-13);
  assert.throws(() => digammaRising(0, 3), RangeError);
  assert.throws(() => digammaRising(1, 1.5), RangeError);
});
