/**
 * The demo as a designer would check it, in a handful of combinations (the full matrix is
 * `npm run screenshots`): no text wider than its box, no clipped text, no SVG text outside its
 * widget, no page wider than the viewport, and no axe colour-contrast violation (WCAG AA).
 * Forced colours use the system palette: there the layout checks run, not axe.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
// @ts-expect-error plain .mjs helper without types
import { findChrome, CHROME_ARGS } from '../../scripts/chrome-path.mjs';
// @ts-expect-error plain .mjs helper without types
import { contrastProblems, layoutProblems, openPage, widgetsSettled } from '../../scripts/page-checks.mjs';

let server: ViteDevServer;
let browser: Browser;
let base = '';

before(async () => {
  server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
  await server.listen();
  base = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}`;
  browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const COMBOS: [lang: 'en' | 'es', theme: 'light' | 'dark' | 'forced', width: number][] = [
  ['en', 'light', 1280],
  ['es', 'dark', 360],
  ['es', 'light', 360],
  ['en', 'forced', 360],
];

// One page for every combination (the LTV fit runs once): the demo's own language and theme
// switches, the viewport and the forced-colours media change between checks.
test('the demo in four combinations: nothing overflows or is clipped; contrast meets WCAG AA', async () => {
  const { page, errors } = await openPage(browser, `${base}/demo/index.html?lang=en&theme=light`, { width: 1280 });
  try {
    for (const [lang, theme, width] of COMBOS) {
      const label = `${lang}, ${theme}, ${width} px`;
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia(theme === 'forced' ? { forcedColors: 'active', colorScheme: 'dark' } : { forcedColors: 'none', colorScheme: theme });
      await page.click(`button[data-lang="${lang}"]`);
      await page.click(`button[data-theme-choice="${theme === 'forced' ? 'dark' : theme}"]`);
      await widgetsSettled(page);
      const states = await page.evaluate(() => [...document.querySelectorAll('kpi-funnel, kpi-ltv, kpi-scorecard')].map((e) => e.getAttribute('state')));
      // The pipeline scorecard, the funnel, the CDNOW LTV, the LTV by sector and the marketing scorecard.
      assert.deepEqual(states, ['ready', 'ready', 'ready', 'ready', 'ready'], label);
      assert.equal(await page.evaluate(() => document.querySelector('kpi-funnel')!.shadowRoot!.querySelector('.summary')!.textContent!.startsWith(document.documentElement.lang === 'es' ? '8.800 entraron' : '8,800 entered')), true, label);
      assert.deepEqual(await layoutProblems(page), [], label);
      if (theme !== 'forced') assert.deepEqual(await contrastProblems(page), [], label);
    }
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('the checks catch what they look for: clipped text, text past its box, low contrast', async () => {
  const page = await browser.newPage({ viewport: { width: 400, height: 300 } });
  try {
    await page.setContent(`<body style="margin:0;background:#fff">
      <div style="width:60px;overflow:hidden;white-space:nowrap">A label cut at sixty pixels</div>
      <div style="width:60px;white-space:nowrap">A label past its box</div>
      <p style="color:#bbb">Pale grey on white</p></body>`);
    const layout = (await layoutProblems(page)) as { kind: string }[];
    assert.deepEqual(layout.map((p) => p.kind), ['clipped', 'overflow']);
    const contrast = (await contrastProblems(page)) as { fg: string }[];
    assert.equal(contrast.length, 1);
    assert.equal(contrast[0]!.fg, '#bbbbbb');
  } finally {
    await page.close();
  }
});
