#!/usr/bin/env node
// LTV benchmarks in headless Chromium (playwright-core): one command, prints a table of medians.
//
//   node bench/ltv.mjs [--runs 5] [--rows 1000000]
//
// 1. fit on the CDNOW sample (2,357 customers, calibration to 1997-09-30): fitInWorker from the
//    RFM summary (fit only) and from the 6,919 transactions (summary + fit)         goal < 200 ms
// 2. summarise + fit the full CDNOW master file, 69,659 transactions                 goal < 1 s
// 3. 1,000,000 synthetic transactions through <kpi-ltv src>: the longest main-thread long task
//    (PerformanceObserver 'longtask'), and the time to a finished model              goal ≤ 50 ms
//
// The page and the fit worker are bundled with esbuild and served with the repo on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve, ROOT } from './ltv/serve.mjs';
import { syntheticTransactions } from './ltv/synthetic.mjs';

const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const RUNS = arg('runs', 5);
const ROWS = arg('rows', 1_000_000);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// CDNOW master: " 00001 19970101  1   11.77" → { customerId, date, amount }.
const master = readFileSync(join(ROOT, 'data/CDNOW_master.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim().split(/\s+/))
  .filter((p) => p.length >= 4 && /^\d{8}$/.test(p[1]))
  .map(([id, d, , amount]) => ({ customerId: id, date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, amount: Number(amount) }));

process.stdout.write(`generating ${ROWS.toLocaleString('en')} synthetic transactions… `);
const synthetic = JSON.stringify(syntheticTransactions(ROWS));
console.log(`${(synthetic.length / 1e6).toFixed(1)} MB`);

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="/__bundle/page.js"></script></head><body></body></html>`;
const server = await serve({ 'page.js': 'bench/ltv/page-entry.ts' }, {
  '/__bench/index.html': page,
  '/__bench/master.json': JSON.stringify(master),
  '/__bench/synthetic.json': synthetic,
});

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function freshPage() {
  const p = await browser.newPage();
  p.on('pageerror', (e) => console.error('pageerror:', e.message));
  await p.goto(`${server.url}/__bench/index.html`);
  await p.waitForFunction(() => 'ltvBench' in globalThis);
  return p;
}

const rows = [];
try {
  // 1 + 2: fits, timed in the page around fitInWorker (worker start, transfer, summary, fit, predictions).
  if (!process.argv.includes('--only-big')) {
  const p = await freshPage();
  const fits = await p.evaluate(async (runs) => {
    const { fitInWorker, summarizeTransactions, fitOptions, resolvePredictive, fitColumns, toColumns } = globalThis.ltvBench;
    const map = { customer: 'customerId', date: 'date', amount: 'amount' };
    const sample = await (await fetch('/data/cdnow_transactions.json')).json();
    const masterTx = await (await fetch('/__bench/master.json')).json();
    const settings = resolvePredictive({ unit: 'weeks', calibrationEnd: '1997-09-30' });
    const options = fitOptions(settings);
    const summary = summarizeTransactions(sample, options.summary);
    const out = { fitOnly: [], sampleFull: [], master: [], sampleMain: [], widgetSample: [], widgetMaster: [], where: new Set(), params: null, masterCustomers: 0 };
    const sampleCols = toColumns(sample, map);
    const masterCols = toColumns(masterTx, map);
    const masterSettings = resolvePredictive({ unit: 'weeks' });
    const onProgress = (p) => out.where.add(p.where);
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const r = await fitInWorker({ customers: summary.customers, unit: 'weeks' }, options);
      out.fitOnly.push(performance.now() - t);
      out.params = r.ok ? [r.bgnbd.r, r.bgnbd.alpha, r.bgnbd.a, r.bgnbd.b].map((v) => v.toFixed(3)).join(', ') : r.detail;
      t = performance.now();
      await fitInWorker(sample, options);
      out.sampleFull.push(performance.now() - t);
      t = performance.now();
      await fitInWorker({ customers: summary.customers, unit: 'weeks' }, { ...options, mainThread: true });
      out.sampleMain.push(performance.now() - t);
      const mOptions = fitOptions(resolvePredictive({ unit: 'weeks' }));
      t = performance.now();
      const m = await fitInWorker(masterTx, mOptions);
      out.master.push(performance.now() - t);
      out.masterCustomers = m.ok ? m.customers.length : 0;
      t = performance.now();
      await fitColumns(sampleCols, settings, { onProgress });
      out.widgetSample.push(performance.now() - t);
      t = performance.now();
      await fitColumns(masterCols, masterSettings, { onProgress });
      out.widgetMaster.push(performance.now() - t);
    }
    out.where = [...out.where].join(', ');
    return out;
  }, RUNS);
  await p.close();
  rows.push(['fit, CDNOW sample (summary → BG/NBD + GG + CLV), worker', median(fits.fitOnly), 200, `r, α, a, b = ${fits.params}`]);
  rows.push(['summary + fit, CDNOW sample (6,919 tx), worker', median(fits.sampleFull), 200, '']);
  rows.push(['fit, CDNOW sample, main-thread slices', median(fits.sampleMain), 200, 'fallback path']);
  rows.push(['widget path: columns → summary + fit + CLV, CDNOW sample', median(fits.widgetSample), 200, `src/widgets/ltv/fit.ts (${fits.where || 'worker'})`]);
  rows.push(['widget path: columns → summary + fit + CLV, CDNOW master', median(fits.widgetMaster), 1000, 'src/widgets/ltv/fit.ts']);
  rows.push([`summary + fit, CDNOW master (${master.length.toLocaleString('en')} tx, ${fits.masterCustomers.toLocaleString('en')} customers), worker`, median(fits.master), 1000, '']);
  }

  // 3: 1,000,000 rows through <kpi-ltv src>: longest long task, fresh page per run.
  const big = [];
  const bigRun = async (mode) => {
    const q = await freshPage();
    const r = await q.evaluate(async (mode) => {
      const tasks = [];
      const obs = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
      });
      obs.observe({ type: 'longtask', buffered: false });
      const t0 = performance.now();
      const el = document.createElement('kpi-ltv');
      el.setAttribute('timeout', '120000');
      const marks = {};
      el.addEventListener('kpi-update', () => (marks.update = performance.now() - t0), { once: true });
      // src is read by the element's load worker (KpiLtv.fetchInput), then fitted in the fit worker.
      el.setAttribute('src', '/__bench/synthetic.json');
      document.body.append(el);
      while (el.getAttribute('state') !== 'ready' && el.getAttribute('state') !== 'error') {
        if (!marks.loaded && el.shadowRoot?.querySelector('[part~="progress"]')) marks.loaded = performance.now() - t0;
        await new Promise((res) => setTimeout(res, 20));
      }
      const total = performance.now() - t0;
      await new Promise((res) => setTimeout(res, 100));
      obs.disconnect();
      tasks.sort((a, b) => b.duration - a.duration);
      const result = el.result;
      // For reference: fetch + JSON.parse of the same text on the main thread.
      const t1 = performance.now();
      const text = await (await fetch('/__bench/synthetic.json')).text();
      const t2 = performance.now();
      JSON.parse(text);
      const parse = performance.now() - t2;
      return {
        state: el.getAttribute('state'),
        error: el.getAttribute('state') === 'error' ? el.shadowRoot.textContent.slice(0, 300) : null,
        total,
        longest: tasks[0]?.duration ?? 0,
        longestAt: tasks[0] ? tasks[0].start - t0 : null,
        top: tasks.slice(0, 6).map((t) => `${Math.round(t.duration)}@${Math.round(t.start - t0)}`).join(' '),
        count: tasks.length,
        over50: tasks.filter((t) => t.duration > 50).length,
        parse,
        fetchText: t2 - t1,
        update: marks.update,
        customers: result?.customers,
        method: result?.method,
      };
    }, mode);
    await q.close();
    if (r.error) console.error(r.error);
    return r;
  };
  for (let i = 0; i < Math.max(1, Math.min(RUNS, 3)); i++) {
    big.push(await bigRun('src'));
  }
  rows.push([`${ROWS.toLocaleString('en')} tx via src: longest main-thread task`, median(big.map((b) => b.longest)), 50, `tasks > 50 ms: ${big[0].over50}; longest: ${big[0].top} (ms@ms)`]);
  rows.push(['  for reference: JSON.parse of the same text on the main thread', median(big.map((b) => b.parse)), null, 'what reading src in the load worker avoids']);
  rows.push([`${ROWS.toLocaleString('en')} tx via src: time to finished model`, median(big.map((b) => b.total)), null, `${big[0].customers?.toLocaleString('en')} customers, ${big[0].method}`]);
} finally {
  await browser.close();
  await server.close();
}

const w = Math.max(...rows.map((r) => r[0].length));
console.log(`\n${'benchmark'.padEnd(w)}  ${'median ms'.padStart(10)}  ${'goal ms'.padStart(8)}  ok   note`);
console.log('-'.repeat(w + 40));
for (const [name, ms, goal, note] of rows) {
  const ok = goal === null ? '   ' : ms <= goal ? 'yes' : 'NO ';
  console.log(`${name.padEnd(w)}  ${ms.toFixed(1).padStart(10)}  ${(goal === null ? '—' : String(goal)).padStart(8)}  ${ok}  ${note}`);
}
console.log(`\nmedians of ${RUNS} runs (the 1M-row case: ${Math.max(1, Math.min(RUNS, 3))} fresh pages); Chromium ${browser.version?.() ?? ''}`);
