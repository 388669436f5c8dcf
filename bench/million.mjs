#!/usr/bin/env node
// A million rows through `src`, for each widget, in headless Chromium (playwright-core):
//
//   node bench/million.mjs [--runs 3] [--rows 1000000] [--only funnel|scorecard|ltv] [--no-worker]
//
// For <kpi-funnel> and <kpi-scorecard> (1M synthetic CRM deals, bench/million/synthetic.mjs)
// and <kpi-ltv> (1M synthetic transactions, bench/ltv/synthetic.mjs), each on a fresh page:
// - the longest main-thread task while the widget loads (PerformanceObserver 'longtask'; goal ≤ 50 ms);
// - the time from attaching the element to its `ready` state (fetch, parse, validate, compute);
// - beside them, on the same page afterwards: fetch + JSON.parse of the same text on the main
//   thread (what the page would pay just to read the rows itself).
// `--no-worker` removes `Worker` from the page first: the main-thread fallback, for comparison.
// The page and the kit's worker are bundled with esbuild and served with the repo on 127.0.0.1.
import { chromium } from 'playwright-core';
import { serve } from './ltv/serve.mjs';
import { syntheticTransactions } from './ltv/synthetic.mjs';
import { syntheticDeals } from './million/synthetic.mjs';
import { findChrome, CHROME_ARGS } from '../scripts/chrome-path.mjs';

const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : d;
};
const RUNS = Number(arg('runs', 3));
const ROWS = Number(arg('rows', 1_000_000));
const ONLY = arg('only', null);
const NO_WORKER = process.argv.includes('--no-worker');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const SCORECARD_CONFIG = {
  title: 'Bench scorecard',
  asOf: '2017-12-31',
  kpis: [
    { id: 'revenue', metric: 'revenue', target: 100_000_000, targetPeriod: 'quarter' },
    { id: 'win-rate', metric: 'win-rate', target: 0.63, targetPeriod: 'quarter' },
    { id: 'avg-deal', metric: 'avg-transaction', target: 1500, targetPeriod: 'quarter' },
    { id: 'cycle', metric: 'sales-cycle', target: 45, targetPeriod: 'quarter' },
  ],
};

const widgets = [
  {
    name: 'funnel',
    tag: 'kpi-funnel',
    src: '/__bench/deals.json',
    attrs: { 'stage-field': 'deal_stage', stages: 'Prospecting, Engaging, Won', 'lost-values': 'Lost', 'value-field': 'close_value', 'group-by': 'regional_office' },
    what: 'deals',
  },
  { name: 'scorecard', tag: 'kpi-scorecard', src: '/__bench/deals.json', attrs: { 'group-by': 'regional_office' }, config: SCORECARD_CONFIG, what: 'deals' },
  { name: 'ltv', tag: 'kpi-ltv', src: '/__bench/transactions.json', attrs: {}, what: 'transactions' },
].filter((w) => !ONLY || w.name === ONLY);

const extra = { '/__bench/index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="/__bundle/page.js"></script></head><body></body></html>` };
const sizes = {};
if (widgets.some((w) => w.what === 'deals')) {
  process.stdout.write(`generating ${ROWS.toLocaleString('en')} synthetic deals… `);
  extra['/__bench/deals.json'] = JSON.stringify(syntheticDeals(ROWS));
  sizes.deals = extra['/__bench/deals.json'].length;
  console.log(`${(sizes.deals / 1e6).toFixed(1)} MB`);
}
if (widgets.some((w) => w.what === 'transactions')) {
  process.stdout.write(`generating ${ROWS.toLocaleString('en')} synthetic transactions… `);
  extra['/__bench/transactions.json'] = JSON.stringify(syntheticTransactions(ROWS));
  sizes.transactions = extra['/__bench/transactions.json'].length;
  console.log(`${(sizes.transactions / 1e6).toFixed(1)} MB`);
}

const server = await serve({ 'page.js': 'bench/million/page-entry.ts' }, extra);
const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });

async function run(w) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  await page.goto(`${server.url}/__bench/index.html`);
  await page.waitForFunction(() => 'millionBench' in globalThis && !!customElements.get('kpi-ltv'));
  const r = await page.evaluate(async ({ w, noWorker }) => {
    if (noWorker) globalThis.Worker = undefined;
    const tasks = [];
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    });
    obs.observe({ type: 'longtask', buffered: false });
    const t0 = performance.now();
    const el = document.createElement(w.tag);
    el.setAttribute('timeout', '300000');
    for (const [k, v] of Object.entries(w.attrs)) el.setAttribute(k, v);
    if (w.config) el.config = w.config;
    let progressSeen = false;
    el.setAttribute('src', w.src);
    document.body.append(el);
    while (el.getAttribute('state') !== 'ready' && el.getAttribute('state') !== 'error' && el.getAttribute('state') !== 'empty') {
      if (!progressSeen && el.shadowRoot?.querySelector('[part~="progress"]')) progressSeen = true;
      await new Promise((res) => setTimeout(res, 20));
    }
    const total = performance.now() - t0;
    await new Promise((res) => setTimeout(res, 100));
    obs.disconnect();
    tasks.sort((a, b) => b.duration - a.duration);
    const result = el.result;
    const summary =
      w.name === 'funnel' ? `steps ${result?.current?.steps?.map((s) => s.count.toLocaleString('en')).join(' → ')}`
      : w.name === 'scorecard' ? `Q4 revenue ${result?.kpis?.[0]?.value?.value?.toLocaleString('en')}, ${result?.totalRows?.toLocaleString('en')} rows`
      : `${result?.customers?.toLocaleString('en')} customers, ${result?.method}`;
    const state = el.getAttribute('state');
    const error = state === 'error' ? el.shadowRoot.textContent.replace(/\s+/g, ' ').slice(0, 300) : null;
    el.remove();
    // For reference: fetch + JSON.parse of the same text on the main thread.
    const t1 = performance.now();
    const text = await (await fetch(w.src)).text();
    const t2 = performance.now();
    JSON.parse(text);
    const parse = performance.now() - t2;
    return {
      state, error, total, parse, fetchText: t2 - t1, progressSeen, summary,
      longest: tasks[0]?.duration ?? 0,
      top: tasks.slice(0, 4).map((t) => `${Math.round(t.duration)}@${Math.round(t.start - t0)}`).join(' '),
      over50: tasks.filter((t) => t.duration > 50).length,
    };
  }, { w: { name: w.name, tag: w.tag, src: w.src, attrs: w.attrs, config: w.config }, noWorker: NO_WORKER });
  await page.close();
  if (r.error) console.error(`${w.tag}: ${r.error}`);
  return r;
}

const rows = [];
try {
  for (const w of widgets) {
    const runs = [];
    for (let i = 0; i < Math.max(1, RUNS); i++) runs.push(await run(w));
    const first = runs[0];
    const label = `<${w.tag} src>, ${ROWS.toLocaleString('en')} ${w.what}${NO_WORKER ? ' (no worker)' : ''}`;
    rows.push([`${label}: longest main-thread task`, median(runs.map((r) => r.longest)), 50, `tasks > 50 ms: ${first.over50}; longest: ${first.top || 'none'} (ms@ms)`]);
    rows.push([`${label}: time to result`, median(runs.map((r) => r.total)), null, `${first.state}; ${first.summary}; progress shown: ${first.progressSeen ? 'yes' : 'no'}`]);
    rows.push([`  same rows: JSON.parse on the main thread (${(sizes[w.what] / 1e6).toFixed(0)} MB)`, median(runs.map((r) => r.parse)), null, `one task; fetch + text ${median(runs.map((r) => r.fetchText)).toFixed(0)} ms`]);
  }
} finally {
  await browser.close();
  await server.close();
}

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\n${'benchmark'.padEnd(width)}  ${'median ms'.padStart(10)}  ${'goal ms'.padStart(8)}  ok   note`);
console.log('-'.repeat(width + 40));
let failed = 0;
for (const [name, ms, goal, note] of rows) {
  const ok = goal === null ? '   ' : ms <= goal ? 'yes' : 'NO ';
  if (goal !== null && ms > goal) failed++;
  console.log(`${name.padEnd(width)}  ${ms.toFixed(1).padStart(10)}  ${(goal === null ? '—' : String(goal)).padStart(8)}  ${ok}  ${note}`);
}
console.log(`\nmedians of ${Math.max(1, RUNS)} fresh pages per widget; Chromium ${browser.version()}`);
