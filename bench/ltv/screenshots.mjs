// Screenshots of <kpi-ltv> at 360 and 1280 px, in English and Spanish:
//   node bench/ltv/screenshots.mjs [outdir]   (default /tmp/ltv-shots)
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const out = process.argv[2] ?? '/tmp/ltv-shots';
await mkdir(out, { recursive: true });
const SHOP = [
  { customer: 'Acme', date: '2023-01-12', amount: 1200, cost: 780 },
  { customer: 'Acme', date: '2023-05-03', amount: 800, cost: 520 },
  { customer: 'Acme', date: '2024-02-20', amount: 1500, cost: 960 },
  { customer: 'Borealis', date: '2023-02-01', amount: 400, cost: 250 },
  { customer: 'Borealis', date: '2023-03-15', amount: 650, cost: 410 },
  { customer: 'Cobalt', date: '2023-02-10', amount: 2300, cost: 1600 },
  { customer: 'Delta', date: '2023-06-30', amount: 300, cost: 180 },
  { customer: 'Delta', date: '2024-11-05', amount: 900, cost: 540 },
  { customer: 'Estela', date: 'someday', amount: 120 },
];
const page = (lang) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<style>body{margin:16px;font-family:system-ui} kpi-ltv{margin-bottom:32px}</style>
<script type="module" src="/__bundle/page.js"></script></head><body>
<kpi-ltv src="/data/cdnow_transactions.json" calibration-end="1997-09-30" cac="10" currency="${lang === 'es' ? 'EUR' : 'USD'}"></kpi-ltv>
<kpi-ltv method="simple" margin="30%" acquisition-cost="12000" src="/data/cdnow_transactions.json" currency="${lang === 'es' ? 'EUR' : 'USD'}"></kpi-ltv>
<kpi-ltv cac="450" currency="${lang === 'es' ? 'EUR' : 'USD'}"><script type="application/json">${JSON.stringify(SHOP)}</script></kpi-ltv>
<kpi-ltv src="/data/missing.json"></kpi-ltv>
</body></html>`;
const server = await serve({ 'page.js': 'bench/ltv/page-entry.ts' }, { '/__shot/en.html': page('en'), '/__shot/es.html': page('es') });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const lang of ['en', 'es']) {
    for (const width of [360, 1280]) {
      const p = await browser.newPage({ viewport: { width, height: 900 } });
      p.on('pageerror', (e) => console.error('pageerror', e.message));
      await p.goto(`${server.url}/__shot/${lang}.html`);
      await p.waitForFunction(() => [...document.querySelectorAll('kpi-ltv')].every((e) => ['ready', 'error', 'empty'].includes(e.getAttribute('state'))), null, { timeout: 60_000 });
      await p.waitForTimeout(300);
      const file = `${out}/kpi-ltv-${lang}-${width}.png`;
      await p.screenshot({ path: file, fullPage: true });
      console.log(file);
      // Each widget on its own, too.
      const n = await p.locator('kpi-ltv').count();
      for (let i = 0; i < n; i++) await p.locator('kpi-ltv').nth(i).screenshot({ path: `${out}/kpi-ltv-${lang}-${width}-widget${i + 1}.png` });
      // Narrow pages are long: also save them in 900 px tall parts, readable at full size.
      if (width < 600) {
        const h = await p.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, k = 1; y < h; y += 900, k++) {
          await p.screenshot({ path: `${out}/kpi-ltv-${lang}-${width}-part${k}.png`, fullPage: true, clip: { x: 0, y, width, height: Math.min(900, h - y) } });
        }
      }
      await p.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
