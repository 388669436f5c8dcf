#!/usr/bin/env node
// The JS aggregate step over prebuilt deal columns (issue #13): the 15 deal values — revenue,
// average deal, win rate, sales cycle mean and median; total, by channel and by owner — three
// ways over the same columns, side by side in one run:
//   fused   — aggregateDeals(columns, { groupBy }) + finishDeals(aggregate): one pass + finishing;
//   fifteen — the 15 metric calls over the columns (one pass each);
//   hand    — a hand-written typed-array loop (Float64Array sums, cycles partitioned per cell,
//             medians by selection), the floor. Goal: fused / hand ≤ 2.
//
//   node bench/deal-aggregate.mjs [--rows 100000,1000000] [--reps 21] [--browser] [--only fused,hand]
//
// Node by default (V8, --expose-gc set on a child process); --browser runs the same bundle in
// headless Chromium. Each size: columns built once (untimed), every path's 15 values checked
// equal (exactly), 3 warm-up repetitions, then --reps timed ones (order rotating, a full GC before
// each step). Prints medians and the median of the per-repetition ratios.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : d;
};
// Node: re-run with --expose-gc so every timed step starts from a collected heap.
if (!process.argv.includes('--browser') && typeof globalThis.gc !== 'function') {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const SIZES = String(arg('rows', '100000,1000000')).split(',').map(Number);
const REPS = Number(arg('reps', 21));
const BROWSER = process.argv.includes('--browser');

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('./deal-aggregate/page.js', import.meta.url))],
  bundle: true,
  format: BROWSER ? 'iife' : 'esm',
  globalName: BROWSER ? 'dealBench' : undefined,
  platform: BROWSER ? 'browser' : 'node',
  target: 'es2022',
  minify: true,
  write: false,
  logLevel: 'error',
});
const code = bundle.outputFiles[0].text;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** { init(n), names, check(), rep(r) , close() } over Node or a Chromium page. */
async function runtime() {
  if (!BROWSER) {
    const file = join(mkdtempSync(join(tmpdir(), 'kpi-deal-bench-')), 'page.mjs');
    writeFileSync(file, code);
    const m = await import(pathToFileURL(file).href);
    let cols = null;
    return {
      where: `Node ${process.version}`,
      hasFused: m.hasFused,
      init: async (n) => { cols = null; globalThis.gc(); cols = m.makeColumns(n); },
      check: async (names) => m.same(m.results(cols, names)),
      rep: async (names, r) => m.rep(cols, names, r),
      close: async () => {},
    };
  }
  const { chromium } = await import('playwright-core');
  const { findChrome, CHROME_ARGS } = await import('../scripts/chrome-path.mjs');
  const browser = await chromium.launch({ executablePath: findChrome(), headless: true, args: [...CHROME_ARGS, '--js-flags=--expose-gc --max-old-space-size=8192'] });
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>kpi-kit deal aggregate bench</title>');
  await page.addScriptTag({ content: code });
  return {
    where: `Chromium ${browser.version()}`,
    hasFused: await page.evaluate(() => dealBench.hasFused),
    init: (n) => page.evaluate((n) => { globalThis.__cols = null; globalThis.gc?.(); globalThis.__cols = dealBench.makeColumns(n); }, n),
    check: (names) => page.evaluate((names) => dealBench.same(dealBench.results(globalThis.__cols, names)), names),
    rep: (names, r) => page.evaluate(([names, r]) => dealBench.rep(globalThis.__cols, names, r), [names, r]),
    close: () => browser.close(),
  };
}

const rt = await runtime();
const names = (arg('only', null)?.split(',') ?? ['hand', 'fused', 'fifteen']).filter((n) => n !== 'fused' || rt.hasFused);
console.log(`${rt.where}; paths: ${names.join(', ')}; ${REPS} timed repetitions (+3 warm-up) per size`);
try {
  for (const n of SIZES) {
    await rt.init(n);
    const fails = await rt.check(names);
    if (fails.length) throw new Error(`the paths disagree at ${n} rows: ${fails.join('; ')}`);
    const runs = [];
    for (let r = 0; r < REPS + 3; r++) {
      const t = await rt.rep(names, r);
      if (r >= 3) runs.push(t);
    }
    const med = Object.fromEntries(names.map((k) => [k, median(runs.map((t) => t[k]))]));
    console.log(`\n${n.toLocaleString('en')} deals (15 values: 5 metrics × total, by channel, by owner; checked equal)`);
    console.log('| path | median ms | min ms | max ms | median ratio to hand (paired) |\n|---|---:|---:|---:|---:|');
    for (const k of names) {
      const xs = runs.map((t) => t[k]);
      const ratio = names.includes('hand') ? median(runs.map((t) => t[k] / t.hand)).toFixed(2) + '×' : '—';
      console.log(`| ${k} | ${med[k].toFixed(2)} | ${Math.min(...xs).toFixed(2)} | ${Math.max(...xs).toFixed(2)} | ${ratio} |`);
    }
    if (names.includes('hand')) {
      for (const k of names.filter((x) => x !== 'hand')) {
        const paired = median(runs.map((t) => t[k] / t.hand));
        console.log(`${k} / hand: ${paired.toFixed(2)}× paired, ${(med[k] / med.hand).toFixed(2)}× of medians${k === 'fused' ? ` (goal ≤ 2: ${paired <= 2 ? 'met' : 'NOT met'})` : ''}`);
      }
    }
  }
} finally {
  await rt.close();
}
