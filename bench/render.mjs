// Render bench (#10): <kpi-funnel> against ECharts, Chart.js + chartjs-chart-funnel, d3-funnel
// and Highcharts, side by side in one headless Chromium page, the order rotated each round so
// machine noise hits all alike. Three measures, each a median:
//   first render  — a 6-stage funnel from nothing to laid out (31 rounds, first dropped); also
//                   split (medians of each part) into "ready" (until the library's own work is
//                   done: for kpi-funnel, updateComplete) and "layout" (the forced style + layout)
//   update        — new numbers into a mounted funnel, laid out again (31 rounds, first dropped)
//   50 funnels    — fifty 6-stage funnels on one page, all laid out (7 rounds, first dropped)
// Time stops after a forced layout (getBoundingClientRect) of what each library drew.
// Also reports each bundle's gzip size. Run: node bench/render.mjs [--rounds N]
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { readFileSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { findChrome, CHROME_ARGS } from '../scripts/chrome-path.mjs';

const argRounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 31;
const LIBS = ['kpi-funnel', 'echarts', 'chartjs', 'd3-funnel', 'highcharts'];
const out = mkdtempSync(join(tmpdir(), 'kpi-render-'));

async function bundle(name) {
  await build({
    logLevel: 'silent', configFile: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: out, emptyOutDir: false, minify: true, target: 'es2022',
      lib: { entry: `bench/render/${name}.js`, formats: ['es'], fileName: () => `${name}.js` },
      rolldownOptions: { output: { minify: true, codeSplitting: false } },
    },
  });
  const code = readFileSync(join(out, `${name}.js`));
  return { name, code, gzip: gzipSync(code, { level: 9 }).length };
}
const bundles = [];
for (const name of LIBS) bundles.push(await bundle(name));

const files = Object.fromEntries(bundles.map((b) => [`/${b.name}.js`, b.code]));
files['/'] = Buffer.from('<!doctype html><html><head><style>body{margin:0;font:14px system-ui} .h{width:600px;height:360px}</style></head><body></body></html>');
const server = createServer((req, res) => {
  const body = files[req.url];
  if (!body) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': req.url.endsWith('.js') ? 'text/javascript' : 'text/html' });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.goto(`${base}/`);

const result = await page.evaluate(async ({ base, libs, rounds }) => {
  const mods = {};
  for (const name of libs) mods[name] = await import(`${base}/${name}.js`);
  const rowsA = [
    { stage: 'Visitors', count: 48200 }, { stage: 'Leads', count: 3610 }, { stage: 'MQL', count: 1240 },
    { stage: 'SQL', count: 402 }, { stage: 'Opportunities', count: 236 }, { stage: 'Won', count: 61 },
  ];
  const rowsB = rowsA.map((r, i) => ({ stage: r.stage, count: Math.round(r.count * (1.1 - i * 0.03)) }));
  const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
  const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const layout = (host) => { host.getBoundingClientRect(); host.querySelectorAll('*').length; const sr = host.firstElementChild?.shadowRoot; if (sr) sr.querySelector('svg')?.getBoundingClientRect(); };
  const mount = () => { const h = document.createElement('div'); h.className = 'h'; document.body.append(h); return h; };
  const times = Object.fromEntries(libs.map((n) => [n, { first: [], ready: [], update: [], fifty: [] }]));
  const check = (name, host) => {
    const sr = host.firstElementChild?.shadowRoot;
    const drawn = sr ? sr.querySelector('svg') : host.querySelector('svg, canvas');
    if (!drawn) throw new Error(`${name} drew nothing`);
  };
  for (let round = 0; round < rounds; round++) {
    const order = libs.map((_, i) => libs[(i + round) % libs.length]);
    for (const name of order) {
      const host = mount();
      let t0 = performance.now();
      const chart = mods[name].render(host, rowsA);
      if (chart.ready) await chart.ready();
      const t1 = performance.now();
      layout(host);
      times[name].first.push(performance.now() - t0);
      // The same first render in two parts: until the library says it is done, then the forced style + layout.
      times[name].ready.push(t1 - t0);
      check(name, host);
      // Whatever a library draws after its chart (kpi-funnel: its later render stages) is done before the update is timed.
      if (chart.settled) await chart.settled();
      await settle();
      t0 = performance.now();
      const u = chart.update(round % 2 ? rowsA : rowsB);
      if (u && u.then) await u;
      layout(host);
      times[name].update.push(performance.now() - t0);
      chart.dispose();
      host.remove();
      await settle();
    }
  }
  for (let round = 0; round < Math.max(3, Math.round(rounds / 4)); round++) {
    const order = libs.map((_, i) => libs[(i + round) % libs.length]);
    for (const name of order) {
      const hosts = Array.from({ length: 50 }, mount);
      const t0 = performance.now();
      const charts = hosts.map((h) => mods[name].render(h, rowsA));
      await Promise.all(charts.map((c) => c.ready?.()));
      hosts.forEach(layout);
      times[name].fifty.push(performance.now() - t0);
      hosts.forEach((h) => check(name, h));
      charts.forEach((c) => c.dispose());
      hosts.forEach((h) => h.remove());
      await settle();
    }
  }
  return Object.fromEntries(libs.map((n) => [n, {
    first: median(times[n].first.slice(1)), ready: median(times[n].ready.slice(1)),
    layout: median(times[n].first.slice(1).map((f, i) => f - times[n].ready[i + 1])), update: median(times[n].update.slice(1)), fifty: median(times[n].fifty.slice(1)),
    runs: [times[n].first.length - 1, times[n].fifty.length - 1],
  }]));
}, { base, libs: LIBS, rounds: argRounds });
await browser.close();
server.close();

const kb = (n) => (n / 1024).toFixed(1);
const ours = result['kpi-funnel'];
const table = {};
for (const b of bundles) {
  const r = result[b.name];
  table[b.name] = {
    'gzip kB': kb(b.gzip),
    'first render ms': r.first.toFixed(2),
    'first ÷ peer': b.name === 'kpi-funnel' ? '' : (ours.first / r.first).toFixed(2),
    'of which ready ms': r.ready.toFixed(2),
    'of which layout ms': r.layout.toFixed(2),
    'update ms': r.update.toFixed(2),
    'update ÷ peer': b.name === 'kpi-funnel' ? '' : (ours.update / r.update).toFixed(2),
    '50 funnels ms': r.fifty.toFixed(1),
    '50 ÷ peer': b.name === 'kpi-funnel' ? '' : (ours.fifty / r.fifty).toFixed(2),
  };
}
console.log(`Render bench: medians of ${ours.runs[0]} rounds (50 funnels: ${ours.runs[1]} rounds); "÷ peer" = kpi-funnel time / peer time (below 1 = kpi-funnel faster).`);
console.table(table);
const slower = Object.keys(result).filter((n) => n !== 'kpi-funnel' && ours.first > result[n].first);
console.log(slower.length ? `first render slower than: ${slower.join(', ')}` : 'first render: no slower than any peer');
