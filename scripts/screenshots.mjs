// Screenshots of the demo (or any page under the dev server) in headless Chromium, in
// English and Spanish, narrow and wide: `npm run screenshots [-- /demo/index.html]`.
// Writes docs/screenshots/<page>-<lang>-<width>.png and prints console errors it saw.
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { findChrome, CHROME_ARGS } from './chrome-path.mjs';

const pages = process.argv.slice(2).filter((a) => a.startsWith('/'));
const targets = pages.length ? pages : ['/demo/index.html'];
const widths = [360, 1280];
const langs = ['en', 'es'];
mkdirSync('docs/screenshots', { recursive: true });

const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const { port } = server.httpServer.address();
const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
let problems = 0;
try {
  for (const target of targets) {
    for (const lang of langs) {
      for (const width of widths) {
        const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
        page.on('console', (m) => {
          if (m.type() === 'error' && !/favicon/.test(m.location()?.url ?? '')) {
            problems++;
            console.log(`  console error (${lang}, ${width}px): ${m.text()}`);
          }
        });
        page.on('pageerror', (e) => {
          problems++;
          console.log(`  page error (${lang}, ${width}px): ${e.message}`);
        });
        const url = `http://127.0.0.1:${port}${target}${target.includes('?') ? '&' : '?'}lang=${lang}`;
        await page.goto(url, { waitUntil: 'networkidle' });
        await page.waitForFunction(() =>
          [...document.querySelectorAll('kpi-funnel, kpi-ltv, kpi-scorecard')].every((el) => !['loading', 'idle'].includes(el.getAttribute('state') ?? 'loading')),
          null, { timeout: 30_000 },
        ).catch(() => console.log('  some widgets were still loading'));
        await page.waitForTimeout(300);
        const name = target.replace(/^\//, '').replace(/\/index\.html$|\.html$/, '').replace(/[^\w-]+/g, '_') || 'page';
        const file = `docs/screenshots/${name}-${lang}-${width}.png`;
        await page.screenshot({ path: file, fullPage: true });
        console.log(`wrote ${file}`);
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
if (problems) console.log(`${problems} console/page errors`);
