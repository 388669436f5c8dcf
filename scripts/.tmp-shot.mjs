// temporary helper (deleted before the report): element screenshots of the demo
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { findChrome, CHROME_ARGS } from './chrome-path.mjs';
import { openPage } from './page-checks.mjs';
const [q, width, theme, ...sels] = process.argv.slice(2);
const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const { port } = server.httpServer.address();
const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
const { page } = await openPage(browser, `http://127.0.0.1:${port}/demo/index.html?${q}`, { width: Number(width), colorScheme: theme === 'light' ? 'light' : 'dark', forced: theme === 'forced' });
let i = 0;
for (const s of sels) {
  const [sel, clipH] = s.split('@');
  const el = page.locator(sel).first();
  const box = await el.boundingBox();
  const h = clipH ? Number(clipH) : box.height;
  const off = clipH && clipH.includes('+') ? 0 : 0;
  await page.screenshot({ path: `/tmp/crops/${i++}.png`, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(h, box.height) }, fullPage: true });
}
await browser.close(); await server.close();
