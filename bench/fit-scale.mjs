#!/usr/bin/env node
// BG/NBD + Gamma-Gamma fit and CLV predictions at scale, in Node: one command, a table of medians.
//
//   node --expose-gc bench/fit-scale.mjs [--runs 3] [--base <git rev>] [--sizes 10000,100000,232000] [--no-widget]
//
// Customers are simulated from the published CDNOW estimates (BG/NBD r=0.243, α=4.414, a=0.793,
// b=2.426; Gamma-Gamma p=6.25, q=3.74, γ=15.44): first purchase uniform over a 78-week
// calibration on a daily grid, purchases while alive as a Poisson process, drop-out after each
// purchase with probability p ~ Beta(a, b); recency and T in weeks of whole days, so the data
// have as many distinct (x, t_x, T) patterns as real daily data of that size. Seeded, so every
// run sees the same customers. A last row ("ltv 1M tx", skip with --no-widget) fits the data of
// bench/ltv.mjs: 1,000,000 synthetic transactions → 231,779 customers, 162,500 patterns, where
// every customer drops out with the same probability, so BG/NBD's a and b run off to the box.
//
// "before" is src/metrics at --base (default b185616, the last commit before the fast fit),
// copied out of git into a temporary directory; "after" is the working tree. Both are loaded
// through tsx. Each cell is the median of --runs runs; before and after alternate, on the same
// data. Predictions: 52 weekly periods, 10 % a year, as <kpi-ltv> asks for them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { syntheticTransactions } from './ltv/synthetic.mjs';

register();

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv;
const arg = (name, d) => {
  const i = argv.indexOf(`--${name}`);
  return i > 0 ? argv[i + 1] : d;
};
const RUNS = Number(arg('runs', 3));
const BASE = arg('base', 'b185616');
const SIZES = String(arg('sizes', '10000,100000,232000')).split(',').map(Number);
const FILES = ['bgnbd', 'gamma-gamma', 'optimize', 'special', 'clv-predictive', 'rfm-summary', 'result'];

const WIDGET = !argv.includes('--no-widget');
const baseDir = mkdtempSync(join(tmpdir(), 'kpi-fit-base-'));
writeFileSync(join(baseDir, 'package.json'), '{ "type": "module" }\n');
for (const f of FILES) {
  const src = execFileSync('git', ['show', `${BASE}:src/metrics/${f}.ts`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  writeFileSync(join(baseDir, `${f}.ts`), src);
}
const load = async (dir) => ({
  bg: await import(pathToFileURL(join(dir, 'bgnbd.ts')).href),
  gg: await import(pathToFileURL(join(dir, 'gamma-gamma.ts')).href),
  clv: await import(pathToFileURL(join(dir, 'clv-predictive.ts')).href),
  rfm: await import(pathToFileURL(join(dir, 'rfm-summary.ts')).href),
});
const { prng, gammaSample } = await import('../test/fixtures/random.ts');
const before = await load(baseDir);
const after = await load(join(ROOT, 'src/models'));

/** n customers as RfmRows, simulated from the CDNOW estimates. */
function simulate(n, seed = 7) {
  const u = prng(seed);
  const CAL = 78 * 7; // days
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const Tdays = Math.floor(u() * CAL) + 1;
    const lambda = gammaSample(0.243, u) / 4.414 / 7; // per day
    const pa = gammaSample(0.793, u);
    const p = pa / (pa + gammaSample(2.426, u));
    let t = 0;
    let x = 0;
    let last = 0;
    for (;;) {
      t += -Math.log(u()) / lambda;
      const day = Math.floor(t);
      if (day >= Tdays) break;
      if (day > last) {
        x++;
        last = day;
      }
      if (u() < p) break;
    }
    let monetary = 0;
    if (x > 0) {
      const nu = gammaSample(3.74, u) / 15.44;
      let s = 0;
      for (let k = 0; k < x; k++) s += gammaSample(6.25, u) / nu;
      monetary = Math.round((s / x) * 100) / 100;
    }
    rows[i] = { id: `C${i}`, frequency: x, recency: last / 7, T: Tdays / 7, monetary };
  }
  return rows;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const clvOptions = { unit: 'weeks', periods: 52, periodLength: 1, discountRate: Math.pow(1.1, 7 / 365.25) - 1 };

function runOnce(lib, rows) {
  const t0 = performance.now();
  const bg = lib.bg.fitBgNbd(rows);
  const t1 = performance.now();
  const gg = lib.gg.fitGammaGamma(rows);
  const t2 = performance.now();
  if (!bg.ok || !gg.ok) throw new Error(`fit failed: ${JSON.stringify(bg.ok ? gg : bg)}`);
  const pred = lib.clv.predictClv(bg, gg, rows, clvOptions);
  const t3 = performance.now();
  if ('ok' in pred) throw new Error(`predict failed: ${pred.detail}`);
  return { bg: t1 - t0, gg: t2 - t1, pred: t3 - t2, total: t3 - t0, fit: { bg, gg }, totalClv: pred.totals.clv };
}

/** Runs before and after alternately (so drifting load on a shared machine hits both), medians of each. */
function measurePair(rows, runs) {
  const res = { before: [], after: [] };
  for (let i = 0; i < runs; i++) {
    for (const [name, lib] of [['before', before], ['after', after]]) {
      globalThis.gc?.();
      res[name].push(runOnce(lib, rows));
    }
  }
  const summary = (rs) => {
    const m = (k) => median(rs.map((r) => r[k]));
    return { bg: m('bg'), gg: m('gg'), pred: m('pred'), total: m('total'), last: rs[rs.length - 1] };
  };
  return [summary(res.before), summary(res.after)];
}

const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const conv = (f) => `${f.bg.iterations}${f.bg.converged ? '' : '!'}/${f.gg.iterations}${f.gg.converged ? '' : '!'}`;
const pad = (s, n) => String(s).padStart(n);
const table = [];
const checks = [];
try {
  const cases = SIZES.map((n) => ({ n, label: n.toLocaleString('en'), rows: () => simulate(n) }));
  if (WIDGET) {
    // The <kpi-ltv> benchmark's data (bench/ltv.mjs): 1,000,000 synthetic transactions summarised
    // in weeks. Every customer has the same drop-out probability, so a, b run off to the box.
    cases.push({
      n: 0,
      label: 'ltv 1M tx',
      rows: () => {
        const s = after.rfm.summarizeTransactions(syntheticTransactions(1_000_000), { unit: 'weeks' });
        if (!s.ok) throw new Error(s.detail);
        return s.customers;
      },
    });
  }
  for (const { label, rows: make } of cases) {
    const rows = make();
    const n = rows.length;
    const patterns = new Set(rows.map((r) => `${r.frequency}|${r.recency}|${r.T}`)).size;
    process.stdout.write(`${label}: ${n.toLocaleString('en')} customers, ${patterns.toLocaleString('en')} patterns… `);
    const [b, a] = measurePair(rows, RUNS);
    console.log('done');
    table.push({ label, patterns, b, a });
    const fb = b.last.fit;
    const fa = a.last.fit;
    checks.push({
      label,
      bg: Math.max(...['r', 'alpha', 'a', 'b'].map((k) => Math.abs(fa.bg[k] - fb.bg[k]))),
      bgRel: Math.max(...['r', 'alpha', 'a', 'b'].map((k) => Math.abs(fa.bg[k] / fb.bg[k] - 1))),
      gg: Math.max(...['p', 'q', 'gamma'].map((k) => Math.abs(fa.gg[k] - fb.gg[k]))),
      ggRel: Math.max(...['p', 'q', 'gamma'].map((k) => Math.abs(fa.gg[k] / fb.gg[k] - 1))),
      llGg: fa.gg.logLik - fb.gg.logLik,
      ll: fa.bg.logLik - fb.bg.logLik,
      clv: Math.abs(a.last.totalClv - b.last.totalClv) / Math.abs(b.last.totalClv),
      params: fa,
      itB: conv(fb),
      itA: conv(fa),
    });
  }
} finally {
  rmSync(baseDir, { recursive: true, force: true });
}

console.log(`\nmedians, before (${BASE}) → after (working tree); Node ${process.version}`);
console.log(
  ['customers', 'patterns', 'step', 'before', 'after', 'ratio'].map((h, i) => pad(h, [10, 9, 12, 10, 10, 7][i])).join(' '),
);
for (const { label, patterns, b, a } of table) {
  for (const [k, step] of [['bg', 'BG/NBD fit'], ['gg', 'GG fit'], ['pred', 'predictions'], ['total', 'total']]) {
    console.log(
      [pad(label, 10), pad(patterns.toLocaleString('en'), 9), pad(step, 12), pad(fmt(b[k]), 10), pad(fmt(a[k]), 10), pad(`${(b[k] / a[k]).toFixed(1)}×`, 7)].join(' '),
    );
  }
}
console.log('\nagreement, after vs before: max |Δ| (and max relative Δ) of BG/NBD r, α, a, b and of GG p, q, γ;');
console.log('LL after − before (BG/NBD, GG); relative Δ of the total CLV; iterations BG/NBD / GG (converged?)');
for (const c of checks) {
  console.log(
    `${pad(c.label, 10)}  bg ${c.bg.toExponential(1)} (${c.bgRel.toExponential(1)})  gg ${c.gg.toExponential(1)} (${c.ggRel.toExponential(1)})  ` +
      `ΔLL ${c.ll.toExponential(1)}, ${c.llGg.toExponential(1)}  clv ${c.clv.toExponential(1)}  it ${c.itB} → ${c.itA}`,
  );
}
console.log('(! = not converged)');
