// The script-tag kit (a classic <script> loader) served from a sub-folder (/static/js/), in a page under the strictest CSP
// the README documents, with Trusted Types required:
//   default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; worker-src 'self';
//   require-trusted-types-for 'script'; trusted-types kpi-kit lit-html
// All three widgets render, the LTV work runs in the kit's worker (fetched from the sub-folder,
// not the site root), no violation is logged, and timeout and abort still hold.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { buildScriptTagKit, startHarness, type Harness } from './harness.ts';
import { crmConfig } from '../../demo/scorecard.crm.ts';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; worker-src 'self'; " +
  "require-trusted-types-for 'script'; trusted-types kpi-kit lit-html";
let h: Harness;
let browser: Browser;
let base: string;
const hanging: ServerResponse[] = [];
const requested: string[] = [];

const page = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tt</title>
<script src="/static/js/kpi-kit.js"></script></head><body>${body}</body></html>`;

before(async () => {
  const files: Record<string, [string, Buffer | string]> = {
    ...(await buildScriptTagKit('/static/js')),
    '/data/pipeline.csv': ['text/csv', readFileSync('data/sales_pipeline.csv')],
    '/data/teams.csv': ['text/csv', readFileSync('data/crm_pipeline_teams.csv')],
    '/data/cdnow.json': ['application/json', readFileSync('data/cdnow_transactions.json')],
    '/widgets.html': ['text/html', page(`
      <kpi-funnel id="funnel" src="/data/pipeline.csv" stage-field="deal_stage" stages="Prospecting, Engaging, Won" lost-values="Lost"></kpi-funnel>
      <kpi-ltv id="ltv" src="/data/cdnow.json" method="predictive" time-unit="weeks" calibration-end="1997-09-30"></kpi-ltv>
      <kpi-scorecard id="scorecard" src="/data/teams.csv">
        <script type="application/json" data-config>${JSON.stringify(crmConfig())}</script>
      </kpi-scorecard>`)],
    '/one-funnel.html': ['text/html', page(`<kpi-funnel id="funnel" src="/data/pipeline.csv" stage-field="deal_stage" stages="Prospecting, Engaging, Won"></kpi-funnel>`)],
    '/timeouts.html': ['text/html', page(`
      <kpi-funnel id="funnel" src="/hang/funnel.json" timeout="600"></kpi-funnel>
      <kpi-ltv id="ltv" src="/hang/ltv.json" timeout="700"></kpi-ltv>`)],
  };
  h = await startHarness((req, res) => {
    const url = req.url ?? '';
    requested.push(url);
    if (url.startsWith('/hang/')) return void hanging.push(res); // never answers
    const f = files[url];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[0], 'content-security-policy': CSP });
    res.end(f[1]);
  });
  base = h.base;
  browser = h.browser;
});

after(async () => {
  for (const r of hanging) r.destroy();
  await h?.close();
});

async function open(path: string): Promise<{ p: Page; violations: string[]; errors: string[]; workers: string[] }> {
  const p = await browser.newPage();
  const violations: string[] = [];
  const errors: string[] = [];
  const workers: string[] = [];
  await p.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await p.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
    window.reportViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));`);
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  p.on('worker', (w) => workers.push(w.url()));
  await p.goto(`${base}${path}`);
  return { p, violations, errors, workers };
}

const statesOf = (p: Page, ids: string[]) => p.evaluate(`${JSON.stringify(ids)}.map((id) => document.getElementById(id)?.getAttribute('state'))`) as Promise<string[]>;

async function settle(p: Page, ids: string[], want: string) {
  for (let i = 0; i < 600 && !(await statesOf(p, ids)).every((s) => s === want); i++) await new Promise((r) => setTimeout(r, 100));
  return statesOf(p, ids);
}

test('Trusted Types and a sub-folder: three widgets render, the LTV work runs in the worker, no violation', async () => {
  const { p, violations, errors, workers } = await open('/widgets.html');
  assert.deepEqual(await settle(p, ['funnel', 'ltv', 'scorecard'], 'ready'), ['ready', 'ready', 'ready']);
  const r = (await p.evaluate(`(() => {
    const get = (id) => document.getElementById(id);
    return {
      funnel: get('funnel').result.current.steps.map((s) => s.count),
      params: get('ltv').result.predictive.params,
      kpis: get('scorecard').result.kpis.length,
    };
  })()`)) as { funnel: number[]; params: Record<string, number>; kpis: number };
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  assert.deepEqual(r.funnel, [8800, 8300, 4238]);
  assert.deepEqual([r.params['r'], r.params['alpha'], r.params['a'], r.params['b']].map((v) => Number(v!.toFixed(3))), [0.243, 4.414, 0.793, 2.426]);
  assert.ok(r.kpis >= 4);
  // The kit's worker came from the sub-folder the script was served from, never from /assets/.
  assert.ok(workers.length >= 1, 'a worker started');
  assert.ok(workers.every((u) => u.startsWith(`${base}/static/js/kpi-kit/assets/worker-`)), workers.join(', '));
  assert.ok(!requested.some((u) => u.startsWith('/assets/')), 'nothing requested from the site root');
  await p.close();
});

test('under the same CSP, a dead server gives a timeout error that states the configured value; a newer src aborts the older', async () => {
  const { p, violations } = await open('/timeouts.html');
  assert.deepEqual(await settle(p, ['funnel', 'ltv'], 'error'), ['error', 'error']);
  const text = (await p.evaluate(`['funnel', 'ltv'].map((id) => document.getElementById(id).shadowRoot.textContent.replace(/\\s+/g, ' '))`)) as string[];
  assert.match(text[0]!, /600 ms/);
  assert.match(text[1]!, /700 ms/);
  assert.deepEqual(violations, []);
  // Abort: point the funnel at another hanging URL, then at real data; the older requests are cancelled.
  const before = hanging.length;
  await p.evaluate(`document.getElementById('funnel').setAttribute('timeout', '60000'); document.getElementById('funnel').src = '/hang/again.json'`);
  for (let i = 0; i < 50 && hanging.length === before; i++) await new Promise((r) => setTimeout(r, 50));
  const pending = hanging[hanging.length - 1]!;
  const closed = new Promise<boolean>((resolve) => pending.on('close', () => resolve(true)));
  await p.evaluate(`document.getElementById('funnel').src = '/data/pipeline.csv'`);
  assert.equal(await Promise.race([closed, new Promise((r) => setTimeout(() => r(false), 5000))]), true, 'the older request was aborted');
  await p.close();
});

test('a page with one funnel loads the funnel code only; an element added later loads its own', async () => {
  requested.length = 0;
  const { p, violations, errors } = await open('/one-funnel.html');
  assert.deepEqual(await settle(p, ['funnel'], 'ready'), ['ready']);
  const modules = () => requested.filter((u) => /kpi-kit\/kpi-[a-z]+\.js$/.test(u)).map((u) => u.split('/').pop());
  assert.deepEqual(modules(), ['kpi-funnel.js']);
  await p.evaluate(`document.body.insertAdjacentElement('beforeend', Object.assign(document.createElement('kpi-scorecard'), { id: 'late', config: { kpis: [{ id: 'nps', label: 'NPS', value: 41, target: 40 }] } }))`);
  assert.deepEqual(await settle(p, ['late'], 'ready'), ['ready']);
  assert.deepEqual(modules(), ['kpi-funnel.js', 'kpi-scorecard.js']);
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await p.close();
});
