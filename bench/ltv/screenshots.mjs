// Screenshots of <kpi-ltv> at 360 and 1280 px, in English and Spanish:
//   node bench/ltv/screenshots.mjs [outdir]   (default /tmp/ltv-shots)
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const out = process.argv[2] ?? '/tmp/ltv-shots';
await mkdir(out, { recursive: true });
const page = (lang) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<style>body{margin:16px;font-family:system-ui} kpi-ltv{margin-bottom:32px}</style>
<script type="module" src="/__bundle/page.js"></script></head><body>
<kpi-ltv src="/data/cdnow_transactions.json" calibration-end="1997-09-30" cac="10" currency="${lang === 'es' ? 'EUR' : 'USD'}"></kpi-ltv>
<kpi-ltv method="simple" margin="30%" acquisition-cost="12000" src="/data/cdnow_transactions.json" currency="${lang === 'es' ? 'EUR' : 'USD'}"></kpi-ltv>
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
      await p.waitForFunction(() => [...document.querySelectorAll('kpi-ltv')].every((e) => e.getAttribute('state') === 'ready'), null, { timeout: 60_000 });
      await p.waitForTimeout(300);
      const file = `${out}/kpi-ltv-${lang}-${width}.png`;
      await p.screenshot({ path: file, fullPage: true });
      console.log(file);
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
