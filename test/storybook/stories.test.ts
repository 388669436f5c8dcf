// Every story builds offline and renders in Chromium without a console error or an
// uncaught exception, and every widget in it settles (no story is stuck loading).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync, statSync, mkdtempSync } from 'node:fs';
import { join, extname, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser } from 'playwright-core';
import { startHarness, type Harness } from '../e2e/harness.ts';

const out = mkdtempSync(join(tmpdir(), 'kpi-sb-'));
let h: Harness;
let browser: Browser;
let base: string;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.csv': 'text/csv', '.txt': 'text/plain', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

before(async () => {
  execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze'], { stdio: 'ignore' });
  execFileSync(process.execPath, ['node_modules/storybook/dist/bin/dispatcher.js', 'build', '-o', out, '--quiet', '--disable-telemetry'], { stdio: 'ignore', env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' } });
  h = await startHarness((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    const file = join(out, path);
    if (!existsSync(file) || statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  base = h.base;
  browser = h.browser;
});

after(async () => {
  await h?.close();
});

test('every story renders without console errors and its widgets settle', async () => {
  const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { entries: Record<string, { id: string; type: string }> };
  const stories = Object.values(index.entries).filter((e) => e.type === 'story');
  assert.ok(stories.length >= 10, `found ${stories.length} stories`);
  const problems: string[] = [];
  for (const s of stories) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    // Error stories fetch a missing file on purpose; the 404 they log is the behaviour shown.
    const expects404 = /error/i.test(s.id);
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      if (expects404 && /404/.test(m.text())) return;
      // Chromium asks every page for /favicon.ico; Storybook's iframe has none.
      if (/favicon/.test(m.location()?.url ?? '')) return;
      problems.push(`${s.id}: console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${s.id}: pageerror: ${e.message}`));
    await page.goto(`${base}/iframe.html?id=${s.id}&viewMode=story`, { waitUntil: 'load' });
    const settled = await page
      .waitForFunction(
        `(() => { const els = [...document.querySelectorAll('kpi-funnel, kpi-ltv, kpi-scorecard')];
           return els.length > 0 && els.every((el) => /loading/i.test(location.search) ? el.getAttribute('state') === 'loading' : !['loading', 'idle', null].includes(el.getAttribute('state'))); })()`,
        null,
        { timeout: 20_000 },
      )
      .then(() => true, () => false);
    if (!settled && !/loading/i.test(s.id)) problems.push(`${s.id}: widgets did not settle`);
    await page.close();
  }
  assert.deepEqual(problems, []);
});
