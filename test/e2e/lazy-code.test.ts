// What loads only when it is needed, in the built script-tag kit served from a sub-folder under
// the strict CSP the README documents (with Trusted Types):
// - another message locale: a Spanish funnel fetches the Spanish table once, then renders in
//   Spanish; an English page never fetches it;
// - the predictive fit on the main thread: with a worker the element never fetches the models;
//   when no worker can start (`worker-src 'none'`), it fetches them and fits on this thread, to
//   the same parameters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildScriptTagKit, startHarness, type Harness } from './harness.ts';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; worker-src 'self'; " +
  "require-trusted-types-for 'script'; trusted-types kpi-kit lit-html";
const NO_WORKER_CSP = CSP.replace("worker-src 'self'", "worker-src 'none'");

let h: Harness;
let browser: Browser;
const requested: string[] = [];

const page = (body: string, lang = 'en') => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>lazy</title>
<script src="/static/js/kpi-kit.js"></script></head><body>${body}</body></html>`;

// Leads 1.200 → MQL 400 → Ganados 100, with Spanish separators.
const SPANISH_FUNNEL = `<kpi-funnel id="w" currency="EUR"><script type="text/csv">
etapa;cantidad
Leads;1.200
MQL;400
Ganados;100
</script></kpi-funnel>`;
const LTV = `<kpi-ltv id="w" src="/data/cdnow.json" method="predictive" time-unit="weeks" calibration-end="1997-09-30"></kpi-ltv>`;

before(async () => {
  const files: Record<string, [string, Buffer | string]> = {
    ...(await buildScriptTagKit('/static/js')),
    '/data/cdnow.json': ['application/json', readFileSync('data/cdnow_transactions.json')],
    '/es.html': ['text/html', page(SPANISH_FUNNEL, 'es')],
    '/en.html': ['text/html', page(SPANISH_FUNNEL.replace('id="w"', 'id="w" lang="en-GB"'))],
    '/ltv.html': ['text/html', page(LTV)],
    '/ltv-no-worker.html': ['text/html', page(LTV)],
  };
  h = await startHarness((req, res) => {
    const url = req.url ?? '';
    requested.push(url);
    const f = files[url];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[0], 'content-security-policy': url === '/ltv-no-worker.html' ? NO_WORKER_CSP : CSP });
    res.end(f[1]);
  });
  browser = h.browser;
});

after(async () => {
  await h?.close();
});

async function open(path: string): Promise<{ p: Page; errors: string[]; violations: string[] }> {
  requested.length = 0;
  const p = await browser.newPage();
  const errors: string[] = [];
  const violations: string[] = [];
  await p.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await p.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(e.violatedDirective + ' ' + e.blockedURI));`);
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await p.goto(`${h.base}${path}`);
  return { p, errors, violations };
}

async function ready(p: Page): Promise<string | null> {
  let state: string | null = null;
  for (let i = 0; i < 600 && state !== 'ready' && state !== 'error'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    state = (await p.evaluate(`document.getElementById('w')?.getAttribute('state') ?? null`)) as string | null;
  }
  // The element renders again once a message table arrives: let that render happen.
  await p.evaluate(`document.getElementById('w').updateComplete`);
  return state;
}

const chunks = (name: string) => requested.filter((u) => new RegExp(`/static/js/kpi-kit/chunks/${name}-[\\w-]+\\.js$`).test(u));
const text = (p: Page) => p.evaluate(`document.getElementById('w').shadowRoot.textContent.replace(/\\s+/g, ' ')`) as Promise<string>;

test('a Spanish page fetches the Spanish messages once and renders in Spanish; an English page never fetches them', async () => {
  const es = await open('/es.html');
  assert.equal(await ready(es.p), 'ready');
  const t = await text(es.p);
  assert.match(t, /Embudo de ventas/);
  assert.match(t, /Conversión global/);
  assert.match(t, /8,3\s?%/); // 100 / 1.200, with a decimal comma
  assert.equal(chunks('es').length, 1, requested.join('\n'));
  assert.deepEqual(es.errors, []);
  assert.deepEqual(es.violations, []);
  // lang="en-GB" on the element inside a Spanish-free page: English, and no Spanish table.
  await es.p.close();
  const en = await open('/en.html');
  assert.equal(await ready(en.p), 'ready');
  assert.match(await text(en.p), /Sales funnel/);
  assert.deepEqual(chunks('es'), []);
  await en.p.close();
});

test('the LTV fit runs in the worker without the models on the main thread; without a worker it fetches them and fits here', async () => {
  const withWorker = await open('/ltv.html');
  assert.equal(await ready(withWorker.p), 'ready');
  const inWorker = (await withWorker.p.evaluate(`document.getElementById('w').result.predictive.params`)) as Record<string, number>;
  assert.deepEqual(chunks('fit-here'), [], 'the element did not fetch the fit');
  assert.ok(requested.some((u) => /\/kpi-kit\/assets\/worker-/.test(u)), 'the worker was fetched');
  assert.deepEqual(withWorker.errors, []);
  await withWorker.p.close();

  const noWorker = await open('/ltv-no-worker.html');
  assert.equal(await ready(noWorker.p), 'ready');
  const here = (await noWorker.p.evaluate(`document.getElementById('w').result.predictive.params`)) as Record<string, number>;
  assert.equal(chunks('fit-here').length, 1, requested.join('\n'));
  // The same fit either way: CDNOW's r, α, a, b = 0.24259, 4.41360, 0.79292, 2.42591.
  for (const params of [inWorker, here]) {
    assert.deepEqual([params['r'], params['alpha'], params['a'], params['b']].map((v) => Number(v!.toFixed(3))), [0.243, 4.414, 0.793, 2.426]);
  }
  await noWorker.p.close();
});
