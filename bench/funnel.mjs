// Funnel benchmark: bundle size (gzip) and render time of <kpi-funnel> against ECharts'
// funnel (tree-shaken, SVG renderer), side by side in one headless Chromium.
// Run: node bench/funnel.mjs  (or npm run bench -- funnel)
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { readFileSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { findChrome, CHROME_ARGS } from '../scripts/chrome-path.mjs';

const out = mkdtempSync(join(tmpdir(), 'kpi-bench-'));
async function bundle(entry, name) {
  await build({
    logLevel: 'silent',
    configFile: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: out, emptyOutDir: false, minify: true, target: 'es2022',
      lib: { entry, formats: ['es'], fileName: () => `${name}.js` },
      rolldownOptions: { output: { minify: true, codeSplitting: false } },
    },
    esbuild: { tsconfigRaw: readFileSync('tsconfig.json', 'utf8') },
  });
  const code = readFileSync(join(out, `${name}.js`));
  return { name, raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const sizes = [
  await bundle('src/define.ts', 'kpi-kit-all'),
  await bundle('bench/funnel/kpi-entry.ts', 'kpi-funnel'),
  await bundle('bench/funnel/echarts-entry.js', 'echarts-funnel'),
];
const kb = (n) => (n / 1024).toFixed(1);
console.log('Bundle sizes (vite/rolldown, minified; gzip -9):');
console.table(Object.fromEntries(sizes.map((s) => [s.name, { 'raw kB': kb(s.raw), 'gzip kB': kb(s.gzip) }])));
const ours = sizes.find((s) => s.name === 'kpi-funnel');
const peer = sizes.find((s) => s.name === 'echarts-funnel');
console.log(`kpi-funnel / echarts-funnel gzip ratio: ${(ours.gzip / peer.gzip).toFixed(2)}`);

// Render time, in one page, alternating the two so machine noise hits both alike.
const files = {
  '/kpi-funnel.js': readFileSync(join(out, 'kpi-funnel.js')),
  '/echarts-funnel.js': readFileSync(join(out, 'echarts-funnel.js')),
  '/crm.csv': readFileSync('data/sales_pipeline.csv'),
  '/': Buffer.from('<!doctype html><html><body></body></html>'),
};
const server = createServer((req, res) => {
  const body = files[req.url];
  if (!body) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': req.url.endsWith('.js') ? 'text/javascript' : req.url.endsWith('.csv') ? 'text/csv' : 'text/html' });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
await page.goto(`${base}/`);
const result = await page.evaluate(async (base) => {
  await import(`${base}/kpi-funnel.js`);
  const { renderEcharts } = await import(`${base}/echarts-funnel.js`);
  const rows = [
    { stage: 'Visitors', count: 48200 }, { stage: 'Leads', count: 3610 }, { stage: 'MQL', count: 1240 },
    { stage: 'SQL', count: 402 }, { stage: 'Opportunities', count: 236 }, { stage: 'Won', count: 61 },
  ];
  const csv = await (await fetch(`${base}/crm.csv`)).text();
  const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
  const paint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const kpi = [], ech = [], kpiCsv = [];
  for (let i = 0; i < 31; i++) {
    // <kpi-funnel>: set data, wait for lit's render, force layout.
    let host = document.createElement('div');
    host.style.width = '600px';
    document.body.append(host);
    let t0 = performance.now();
    const el = document.createElement('kpi-funnel');
    el.data = rows;
    host.append(el);
    await el.updateComplete;
    el.shadowRoot.querySelector('svg').getBoundingClientRect();
    kpi.push(performance.now() - t0);
    host.remove();
    await paint();

    host = document.createElement('div');
    document.body.append(host);
    t0 = performance.now();
    const chart = renderEcharts(host, rows);
    host.querySelector('svg').getBoundingClientRect();
    ech.push(performance.now() - t0);
    chart.dispose();
    host.remove();
    await paint();

    // The whole pipeline on the real CRM export: parse 8,800 CSV rows, validate, compute, render.
    host = document.createElement('div');
    host.style.width = '600px';
    document.body.append(host);
    t0 = performance.now();
    const f = document.createElement('kpi-funnel');
    f.setAttribute('stage-field', 'deal_stage');
    f.setAttribute('stages', 'Prospecting, Engaging, Won');
    f.setAttribute('lost-values', 'Lost');
    f.data = csv;
    host.append(f);
    await f.updateComplete;
    f.shadowRoot.querySelector('svg').getBoundingClientRect();
    kpiCsv.push(performance.now() - t0);
    if (f.result.current.steps[2].count !== 4238) throw new Error('wrong CRM result');
    host.remove();
    await paint();
  }
  return { kpi: median(kpi.slice(1)), ech: median(ech.slice(1)), kpiCsv: median(kpiCsv.slice(1)) };
}, base);
await browser.close();
server.close();
console.log('\nRender time, 6-stage funnel at 600 px, median of 30 runs (first run discarded), ms:');
console.table({
  'kpi-funnel (data property)': { 'median ms': result.kpi.toFixed(2) },
  'echarts funnel (SVG renderer)': { 'median ms': result.ech.toFixed(2) },
  'kpi-funnel from 8,800-row CRM CSV (parse + validate + compute + render)': { 'median ms': result.kpiCsv.toFixed(2) },
});
console.log(`kpi-funnel / echarts render-time ratio: ${(result.kpi / result.ech).toFixed(2)}`);
