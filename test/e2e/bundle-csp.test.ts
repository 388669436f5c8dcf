// The self-contained bundle, loaded with one <script type="module"> tag into a page that
// sends a strict Content-Security-Policy, on the real CRM export and hostile strings:
// it must render, raise no CSP violation, and keep the strings as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { buildScriptTagKit, startHarness, type Harness } from './harness.ts';
import { crmConfig } from '../../demo/scorecard.crm.ts';
import { readFileSync } from 'node:fs';

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'";
let h: Harness;
let browser: Browser;
let base: string;

const EVIL = `<img src=x onerror="document.title='pwned'">`;
const page = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>csp</title>
<script type="module" src="/kpi-kit.js"></script></head><body>${body}</body></html>`;

before(async () => {
  const files: Record<string, [string, Buffer | string]> = {
    ...(await buildScriptTagKit()),
    '/pipeline.csv': ['text/csv', readFileSync('data/sales_pipeline.csv')],
    '/evil.json': ['application/json', JSON.stringify([{ stage: EVIL, count: 10 }, { stage: '__proto__', count: 4 }, { stage: 'constructor', count: 2 }])],
    '/funnel.html': ['text/html', page(`
      <kpi-funnel id="crm" src="/pipeline.csv" stage-field="deal_stage" stages="Prospecting, Engaging, Won" lost-values="Lost"
        targets="Engaging:90%, Won:55%" group-by="sales_agent"></kpi-funnel>
      <kpi-funnel id="inline" lang="es"><script type="text/csv">etapa;cantidad\nLeads;1.200\nMQL;400</script></kpi-funnel>
      <kpi-funnel id="evil" src="/evil.json"></kpi-funnel>
      <kpi-ltv id="ltv" src="/cdnow.json" method="predictive" time-unit="weeks" calibration-end="1997-09-30" cac="12"></kpi-ltv>
      <kpi-scorecard id="scorecard" src="/teams.csv" group-by="manager">
        <script type="application/json" data-config>${JSON.stringify(crmConfig('manager'))}</script>
      </kpi-scorecard>`)],
    '/teams.csv': ['text/csv', readFileSync('data/crm_pipeline_teams.csv')],
    '/cdnow.json': ['application/json', readFileSync('data/cdnow_transactions.json')],
  };
  h = await startHarness((req, res) => {
    const f = files[req.url ?? ''];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[0], 'content-security-policy': CSP });
    res.end(f[1]);
  });
  base = h.base;
  browser = h.browser;
});

after(async () => {
  await h?.close();
});

test('the bundle renders under a strict CSP with no violation, and hostile strings stay text', async () => {
  const p = await browser.newPage();
  const violations: string[] = [];
  const errors: string[] = [];
  await p.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await p.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
    window.reportViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));`);
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(`${base}/funnel.html`);
  // Poll with evaluate (DevTools protocol, outside the page's CSP); waitForFunction would
  // compile its predicate inside the page, which this very CSP forbids.
  const states = async () => (await p.evaluate(`['crm', 'inline', 'evil', 'scorecard', 'ltv'].map((id) => document.getElementById(id)?.getAttribute('state'))`)) as string[];
  for (let i = 0; i < 600 && !(await states()).every((s) => s === 'ready'); i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(await states(), ['ready', 'ready', 'ready', 'ready', 'ready']);
  // A string, not a function: tsx's transform would add helpers the page does not have.
  const r = (await p.evaluate(`(() => {
    const get = (id) => document.getElementById(id);
    const evil = get('evil');
    return {
      crm: get('crm').result.current.steps.map((s) => s.count),
      inline: get('inline').result.current.steps.map((s) => s.count),
      inlineText: get('inline').shadowRoot.textContent,
      evilImgs: evil.shadowRoot.querySelectorAll('img').length,
      evilText: evil.shadowRoot.textContent,
      title: document.title,
      segments: get('crm').shadowRoot.querySelectorAll('.segment').length,
      protoPolluted: ({}).count !== undefined,
      managers: get('scorecard').shadowRoot.querySelectorAll('tbody tr').length,
      ltv: get('ltv').result,
    };
  })()`)) as { crm: number[]; inline: number[]; inlineText: string; evilImgs: number; evilText: string; title: string; segments: number; protoPolluted: boolean; managers: number; ltv: unknown };
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  assert.deepEqual(r.crm, [8800, 8300, 4238]);
  assert.deepEqual(r.inline, [1200, 400]);
  assert.match(r.inlineText!, /Embudo de ventas/);
  assert.equal(r.segments, 12);
  assert.equal(r.evilImgs, 0);
  assert.ok(r.evilText!.includes(EVIL));
  assert.equal(r.title, 'csp');
  assert.equal(r.protoPolluted, false);
  assert.ok(r.managers >= 6, `scorecard matrix rows: ${r.managers}`);
  // The predictive fit ran (in its worker, from 'self') and found the published BG/NBD parameters.
  const fit = (r.ltv as { method: string; predictive: { params: Record<string, number> } }).predictive.params;
  assert.equal((r.ltv as { method: string }).method, 'predictive');
  assert.deepEqual([fit.r, fit.alpha, fit.a, fit.b].map((v) => Number(v!.toFixed(3))), [0.243, 4.414, 0.793, 2.426]);
  await p.close();
});
