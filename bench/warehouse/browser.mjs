// The browser side of bench/warehouse.mjs: a pattern file fitted in headless Chromium
// (playwright-core; scripts/chrome-path.mjs findChrome() and CHROME_ARGS).
//
// The widget is the script-tag build a site would ship: `vite build --config
// vite.bundle.config.ts` of the current source into /tmp/kpi-bench-warehouse/kit (kpi-ltv.js, its
// chunks and the kit's one worker; about 7 s, dist/ is left alone). A small server on 127.0.0.1
// serves it, an empty page and the pattern files (from memory). Two measurements, both timed with
// performance.now() inside the page, the files fetched and parsed before the clock starts:
//
// - fit: fitBgNbdWeighted (models/bgnbd.ts, the fit <kpi-ltv input="patterns"> runs in its
//   worker; bundled by esbuild to an IIFE and added with addScriptTag) on the rows as
//   patternHistory reads them, on the page's thread; --runs times in one page (the first run
//   includes the JIT warm-up), median.
// - widget: <kpi-ltv input="patterns"> with the parsed aggregate file as `data`, from setting it
//   (and appending the element) to its `kpi-update` event: validation of every row, the transfer
//   to the worker (started then), the fit, P(alive) and expected purchases per pattern, the
//   transfer back and the render. A fresh page per run (a cold page, as a reader gets it),
//   median. The page counts the worker's `result` messages, so a silent fall-back to the main
//   thread would show (and fail the bench).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome-path.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KIT = '/tmp/kpi-bench-warehouse/kit';
let kitBuilt = false;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Count the worker's answers (type 'result') so that a fall-back to the main thread shows. */
function countWorkerResults() {
  const W = globalThis.Worker;
  globalThis.__workerResults = 0;
  if (typeof W !== 'function') return;
  globalThis.Worker = class extends W {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (e) => {
        if (e.data && e.data.type === 'result') globalThis.__workerResults++;
      });
    }
  };
}

async function pageFit({ url, runs }) {
  const { fitBgNbdWeighted, patternHistory } = globalThis.warehouseBench;
  const file = await (await fetch(url)).json();
  const hist = file.rows.map(patternHistory);
  const times = [];
  let f;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f = fitBgNbdWeighted(hist);
    times.push(performance.now() - t0);
  }
  return { times, ok: f.ok, detail: f.ok ? null : f.detail ?? f.reason, params: f.ok ? { r: f.r, alpha: f.alpha, a: f.a, b: f.b } : null };
}

async function pageWidget({ url }) {
  const file = await (await fetch(url)).json();
  await new Promise((r) => setTimeout(r, 50));
  const el = document.createElement('kpi-ltv');
  el.setAttribute('input', 'patterns');
  const done = new Promise((resolve, reject) => {
    el.addEventListener('kpi-update', (e) => resolve(e.detail.result), { once: true });
    el.addEventListener('kpi-error', (e) => reject(new Error(`kpi-error: ${JSON.stringify(e.detail).slice(0, 400)}`)), { once: true });
  });
  const t0 = performance.now();
  el.data = file;
  document.body.append(el);
  const result = await done;
  const ms = performance.now() - t0;
  const fit = result.patterns?.fit;
  return {
    ms,
    ok: !!fit?.ok,
    detail: fit && !fit.ok ? fit.detail : fit ? null : 'no result.patterns',
    params: fit?.ok ? fit.params : null,
    customers: fit?.ok ? fit.customers : null,
    rows: result.patterns?.rows ?? null,
    workerResults: globalThis.__workerResults,
  };
}

/**
 * Fit each of `files` ({ name: aggregate-file JSON text }) in Chromium; resolves
 * { version, [name]: { fitMs, fit, widgetMs, widget } } or { skipped: reason } when no Chromium can start.
 */
export async function browserFits(files, { runs = 3, widgetRuns = runs, log = () => {} } = {}) {
  let executablePath;
  try {
    executablePath = findChrome();
  } catch (e) {
    return { skipped: e.message };
  }
  // The script-tag build of the current source (once per process), and the fit as an IIFE.
  if (!kitBuilt) execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.bundle.config.ts', '--outDir', KIT, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  kitBuilt = true;
  const fitScript = (await build({
    stdin: { contents: "export { fitBgNbdWeighted } from './src/models/bgnbd.ts';\nexport { patternHistory } from './src/aggregates/shapes.ts';\n", resolveDir: ROOT, loader: 'ts', sourcefile: 'warehouse-fit.ts' },
    bundle: true, format: 'iife', globalName: 'warehouseBench', write: false, target: 'es2022', minify: true, tsconfig: join(ROOT, 'tsconfig.json'), logLevel: 'error',
  })).outputFiles[0].text;
  const pages = { '/index.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/kit/kpi-ltv.js"></script></head><body></body></html>' };
  for (const [name, text] of Object.entries(files)) pages[`/${name}.json`] = text;
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const type = { '.html': 'text/html', '.json': 'application/json', '.js': 'text/javascript', '.map': 'application/json' }[extname(path)] ?? 'application/octet-stream';
    let body = pages[path];
    if (body === undefined && path.startsWith('/kit/')) {
      const file = normalize(join(KIT, path.slice(5)));
      if (file.startsWith(`${KIT}/`)) body = await readFile(file).catch(() => undefined);
    }
    if (body === undefined) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: [...CHROME_ARGS, '--js-flags=--max-old-space-size=8192'] });
    const freshPage = async () => {
      const p = await browser.newPage();
      p.on('pageerror', (e) => log(`pageerror: ${e.message}`));
      await p.addInitScript(countWorkerResults);
      await p.goto(`${origin}/index.html`);
      await p.waitForFunction(() => !!customElements.get('kpi-ltv'));
      return p;
    };
    const out = { version: browser.version() };
    for (const name of Object.keys(files)) {
      const url = `/${name}.json`;
      const p = await freshPage();
      await p.addScriptTag({ content: fitScript });
      const fit = await p.evaluate(pageFit, { url, runs });
      await p.close();
      if (!fit.ok) throw new Error(`fit in Chromium failed on ${name}: ${fit.detail}`);
      log(`  Chromium fit, ${name}: ${fit.times.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')}`);
      const widget = [];
      for (let i = 0; i < widgetRuns; i++) {
        const q = await freshPage();
        const w = await q.evaluate(pageWidget, { url });
        await q.close();
        if (!w.ok) throw new Error(`<kpi-ltv input="patterns"> failed on ${name}: ${w.detail}`);
        if (w.workerResults < 1) throw new Error(`<kpi-ltv input="patterns"> did not fit in the worker on ${name}`);
        log(`  <kpi-ltv> ${name}: ${(w.ms / 1000).toFixed(2)} s`);
        widget.push(w);
      }
      out[name] = { fitMs: median(fit.times), fit: fit.params, widgetMs: median(widget.map((w) => w.ms)), widget: widget[0] };
    }
    return out;
  } finally {
    await browser?.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}
