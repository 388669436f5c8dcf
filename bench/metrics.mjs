// Benchmark of the hot metrics over 1,000,000 synthetic deals in headless Chromium:
//   node bench/metrics.mjs [--rows 1000000] [--reps 5]
// Side by side in one page and one run: JSON.parse of the rows; kpi-kit's compute of revenue,
// revenue by channel, average deal, win rate by owner, sales cycle mean and median with the fused
// one-pass `dealSummary` (every metric, total and by channel and by owner); the same metrics on the
// columnar fast path (column build + one pass per metric) and on the parsed records; and the same
// aggregations in Arquero. Every run cross-checks the four (the first also every grouped result
// of the summary against the columnar metrics). Two floors give the scale: a pass that only reads
// one field of every row, and one that reads what these metrics need (status; owner and channel of
// closed deals, interned; amount and both dates of won deals, parsed) without adding anything up.
// Prints medians of several repetitions and the ratios compute/JSON.parse (goal ≤ 0.15) and
// arquero/compute (goal ≥ 3). A full GC runs before each timed step (--expose-gc), so a step
// never pays for the previous one's garbage. Chromium: $CHROME_PATH or /usr/bin/chromium.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 1_000_000);
const REPS = arg('reps', 5);

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('./metrics/page.js', import.meta.url))],
  bundle: true,
  format: 'iife',
  globalName: 'kpiBench',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  write: false,
  logLevel: 'error',
});
const script = bundle.outputFiles[0].text;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc --max-old-space-size=8192'],
});
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>kpi-kit metrics bench</title>');
  await page.addScriptTag({ content: script });
  const version = browser.version();
  console.log(`Chromium ${version}; ${ROWS.toLocaleString('en')} synthetic deals; ${REPS} repetitions (+1 warm-up)`);
  const jsonBytes = await page.evaluate((n) => {
    globalThis.__json = kpiBench.makeJson(n);
    return globalThis.__json.length;
  }, ROWS);
  console.log(`JSON text: ${(jsonBytes / 1e6).toFixed(1)} MB`);

  const runs = [];
  for (let i = 0; i <= REPS; i++) {
    const r = await page.evaluate((full) => kpiBench.run(globalThis.__json, full), i === 0);
    if (!r.ok) throw new Error('kpi-kit and Arquero disagree: ' + r.fails.join('; ') + ' ' + JSON.stringify(r.sample));
    if (i > 0) runs.push(r.t); // the first run warms the JIT up
    else console.log(`check: kpi-kit (summary, columns and records) = Arquero on every aggregation, summary = columns exactly on all 5 metrics × (total, by channel, by owner); revenue ${r.sample.revenue}, avg ${r.sample.avg.toFixed(2)}, cycle mean ${r.sample.cycleMean.toFixed(3)} d, median ${r.sample.cycleMedian} d`);
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const med = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
  const rows = [
    ['JSON.parse of the rows', 'parse'],
    ['kpi-kit compute (dealSummary, one pass)', 'compute'],
    ['  floor: read the needed fields, intern 2 keys, parse 2 dates', 'floor'],
    ['  floor: read one field of every row', 'touch'],
    ['kpi-kit columnar (columns + metrics)', 'columnar'],
    ['  column build (one pass, dates parsed)', 'columns'],
    ['  6 metrics over the columns', 'metrics'],
    ['kpi-kit on parsed records (no columns)', 'records'],
    ['Arquero (table + same aggregations)', 'arquero'],
    ['  aq.from(rows)', 'arqueroTable'],
    ['  the aggregations (verbs)', 'arqueroVerbs'],
  ];
  console.log('\n| step | median ms | all runs ms |\n|---|---:|---|');
  for (const [name, k] of rows) console.log(`| ${name} | ${med[k].toFixed(1)} | ${runs.map((r) => r[k].toFixed(0)).join(', ')} |`);
  const r1 = med.compute / med.parse;
  const r2 = med.arquero / med.compute;
  console.log(`\ncompute / JSON.parse = ${r1.toFixed(3)} (goal ≤ 0.15: ${r1 <= 0.15 ? 'met' : 'NOT met'}; from the parsed objects to every result)`);
  console.log(`arquero / compute   = ${r2.toFixed(1)} (goal ≥ 3: ${r2 >= 3 ? 'met' : 'NOT met'}; both from the parsed objects)`);
  console.log(`floor / JSON.parse   = ${(med.floor / med.parse).toFixed(3)}, touch / JSON.parse = ${(med.touch / med.parse).toFixed(3)} (any one pass from the parsed objects pays these; compute / floor = ${(med.compute / med.floor).toFixed(2)})`);
  console.log(`columnar / JSON.parse = ${(med.columnar / med.parse).toFixed(3)}; metrics / JSON.parse = ${(med.metrics / med.parse).toFixed(3)} (the 6 metrics once the columns exist)`);
  console.log(`columnar / compute  = ${(med.columnar / med.compute).toFixed(2)} (what fusing saves over columns + metrics)`);
  console.log(`records / compute   = ${(med.records / med.compute).toFixed(1)}`);
  // The machine may be shared: per-repetition ratios pair steps run seconds apart, so their
  // median is steadier than a ratio of medians when the load drifts.
  const paired = (f) => median(runs.map(f));
  console.log(`paired per repetition (median): compute/JSON.parse ${paired((r) => r.compute / r.parse).toFixed(3)}, floor/JSON.parse ${paired((r) => r.floor / r.parse).toFixed(3)}, columnar/JSON.parse ${paired((r) => r.columnar / r.parse).toFixed(3)}, arquero/compute ${paired((r) => r.arquero / r.compute).toFixed(1)}, columnar/compute ${paired((r) => r.columnar / r.compute).toFixed(2)}`);
} finally {
  await browser.close();
}
