// <kpi-scorecard config-src> in the built script-tag kit, served from a sub-folder under the
// strict CSP the README documents: the configuration file is fetched (connect-src 'self'), a
// server that never answers gives a timeout error stating the element's `timeout`, and a newer
// config-src aborts the older request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { buildScriptTagKit, startHarness, type Harness } from './harness.ts';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; worker-src 'self'; " +
  "require-trusted-types-for 'script'; trusted-types kpi-kit lit-html";

let h: Harness;
let browser: Browser;
const hanging: ServerResponse[] = [];

const page = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>config-src</title>
<script src="/static/js/kpi-kit.js"></script></head><body>${body}</body></html>`;

const CONFIG = { title: 'Served', kpis: [{ id: 'nps', label: 'NPS', value: 41, target: 40 }, { id: 'csat', value: 0.82, target: 0.9 }] };

before(async () => {
  const files: Record<string, [string, Buffer | string]> = {
    ...(await buildScriptTagKit('/static/js')),
    '/config/sales.json': ['application/json', JSON.stringify(CONFIG)],
    '/served.html': ['text/html', page(`<kpi-scorecard id="w" config-src="/config/sales.json"></kpi-scorecard>`)],
    '/hanging.html': ['text/html', page(`<kpi-scorecard id="w" config-src="/hang/a.json" timeout="600"></kpi-scorecard>`)],
  };
  h = await startHarness((req, res) => {
    const url = req.url ?? '';
    if (url.startsWith('/hang/')) return void hanging.push(res); // never answers
    const f = files[url];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[0], 'content-security-policy': CSP });
    res.end(f[1]);
  });
  browser = h.browser;
});

after(async () => {
  for (const r of hanging) r.destroy();
  await h?.close();
});

async function open(path: string): Promise<{ p: Page; violations: string[]; errors: string[]; kpiErrors: () => Promise<unknown[]> }> {
  const p = await browser.newPage();
  const violations: string[] = [];
  const errors: string[] = [];
  await p.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await p.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(e.violatedDirective + ' ' + e.blockedURI));
    window.kpiErrors = []; document.addEventListener('kpi-error', (e) => window.kpiErrors.push(e.detail), true);
    // Every state the widget passes through, recorded as it happens (polling can miss a short one on a busy machine).
    window.states = []; new MutationObserver((rs) => rs.forEach((r) => r.target.id === 'w' && r.attributeName === 'state' && window.states.push(r.target.getAttribute('state'))))
      .observe(document, { attributes: true, subtree: true, attributeFilter: ['state'] });`);
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(`${h.base}${path}`);
  return { p, violations, errors, kpiErrors: () => p.evaluate('window.kpiErrors') as Promise<unknown[]> };
}

async function settle(p: Page, want: string): Promise<string | null> {
  let state: string | null = null;
  for (let i = 0; i < 300 && state !== want; i++) {
    await new Promise((r) => setTimeout(r, 50));
    state = (await p.evaluate(`document.getElementById('w')?.getAttribute('state') ?? null`)) as string | null;
  }
  return state;
}

test('config-src under a strict CSP: the served configuration is the scorecard, no violation', async () => {
  const { p, violations, errors, kpiErrors } = await open('/served.html');
  assert.equal(await settle(p, 'ready'), 'ready');
  // The two KPIs of the served file, with their supplied values and targets.
  const r = (await p.evaluate(`document.getElementById('w').result.kpis.map((k) => [k.id, k.value.value, k.target])`)) as unknown[];
  assert.deepEqual(r, [['nps', 41, 40], ['csat', 0.82, 0.9]]);
  assert.match((await p.evaluate(`document.getElementById('w').shadowRoot.textContent`)) as string, /Served/);
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  assert.deepEqual(await kpiErrors(), []);
  await p.close();
});

test('a config-src that never answers: loading, then a timeout error that states 600 ms; a newer config-src aborts the older', async () => {
  const { p, violations, kpiErrors } = await open('/hanging.html');
  assert.equal(await settle(p, 'error'), 'error');
  const seen = ((await p.evaluate('window.states')) as string[]).filter((x, i, a) => x !== a[i - 1]);
  assert.deepEqual(seen.slice(0, 2), ['loading', 'error'], 'loading, then the error');
  const errs = (await kpiErrors()) as { code: string; message: string }[];
  assert.equal(errs.length, 1);
  assert.equal(errs[0]!.code, 'timeout');
  assert.match(errs[0]!.message, /600 ms/);
  assert.deepEqual(violations, []);
  // Abort: another hanging URL with a long timeout, then the real file; the older request is cancelled.
  const before = hanging.length;
  await p.evaluate(`document.getElementById('w').setAttribute('timeout', '60000'); document.getElementById('w').setAttribute('config-src', '/hang/b.json')`);
  for (let i = 0; i < 100 && hanging.length === before; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(hanging.length, before + 1, 'the second config-src was requested');
  const pending = hanging[hanging.length - 1]!;
  const closed = new Promise<boolean>((resolve) => pending.on('close', () => resolve(true)));
  await p.evaluate(`document.getElementById('w').setAttribute('config-src', '/config/sales.json')`);
  assert.equal(await Promise.race([closed, new Promise((r) => setTimeout(() => r(false), 5000))]), true, 'the older request was aborted');
  assert.equal(await settle(p, 'ready'), 'ready');
  await p.close();
});
