// What a designer would catch on a rendered page, as checks a script or a test can run with
// playwright-core: text wider than its box, text clipped by its box, SVG text outside the
// widget, a page wider than the viewport, and axe-core's WCAG AA colour contrast.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

const WIDGETS = 'kpi-funnel, kpi-ltv, kpi-scorecard';

/** Wait until every widget on the page has left the loading state (or `timeout` ms pass). */
export async function widgetsSettled(page, timeout = 30_000) {
  await page
    .waitForFunction(
      (sel) => [...document.querySelectorAll(sel)].every((el) => !['loading', 'idle', null].includes(el.getAttribute('state'))),
      WIDGETS,
      { timeout },
    )
    .catch(() => {});
  await layoutSettled(page);
}

/**
 * Fonts and the last layout pass: a width change reaches a widget through its ResizeObserver
 * (delivered before the next paint), which requests a lit update; two animation frames later
 * and after every widget's `updateComplete`, the page shows the re-rendered layout.
 */
export async function layoutSettled(page, sel = WIDGETS) {
  await page.evaluate(async (sel) => {
    await document.fonts.ready;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    for (let i = 0; i < 2; i++) {
      await frame();
      await frame();
      await Promise.all([...document.querySelectorAll(sel)].map((el) => el.updateComplete ?? true));
    }
  }, sel);
}

/** Layout problems: [{ kind, text, where }]. Runs in the page. */
export function layoutProblems(page) {
  return page.evaluate((sel) => {
    const out = [];
    const short = (s) => s.replace(/\s+/g, ' ').trim().slice(0, 60);
    const hosts = [...document.querySelectorAll(sel)];
    const roots = [document, ...hosts.map((h) => h.shadowRoot).filter(Boolean)];
    const hidden = (el) => {
      for (let e = el; e; e = e.parentElement) {
        if (e.classList?.contains('visually-hidden')) return true;
        const cs = getComputedStyle(e);
        if (cs.display === 'none' || cs.visibility === 'hidden') return true;
        if (e.tagName === 'DETAILS' && !e.open && e !== el) return true;
      }
      return false;
    };
    for (const root of roots) {
      const where = root === document ? 'page' : root.host.tagName.toLowerCase() + (root.host.id ? `#${root.host.id}` : '');
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof SVGElement || el.tagName === 'SCRIPT' || el.tagName === 'STYLE') continue;
        const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own.length || hidden(el)) continue;
        const cs = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        if (box.width === 0) continue;
        // Clipped: a box that hides what does not fit, and something does not fit.
        if (['hidden', 'clip'].includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) {
          out.push({ kind: 'clipped', text: short(el.textContent), where });
          continue;
        }
        // Wider than its box: the text's own extent passes the box's edges.
        if (cs.overflowX === 'visible') {
          for (const n of own) {
            const r = document.createRange();
            r.selectNodeContents(n);
            const t = r.getBoundingClientRect();
            if (t.width > 0 && (t.right > box.right + 1.5 || t.left < box.left - 1.5)) {
              out.push({ kind: 'overflow', text: short(n.textContent), where });
              break;
            }
          }
        }
      }
    }
    // SVG text must stay inside its widget.
    for (const h of hosts) {
      const hb = h.getBoundingClientRect();
      for (const t of h.shadowRoot?.querySelectorAll('svg text') ?? []) {
        if (hidden(t)) continue;
        const r = t.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.right > hb.right + 1.5 || r.left < hb.left - 1.5) out.push({ kind: 'svg-text-outside', text: short(t.textContent), where: h.tagName.toLowerCase() });
      }
    }
    if (document.documentElement.scrollWidth > innerWidth + 1) out.push({ kind: 'page-wider-than-viewport', text: `${document.documentElement.scrollWidth} > ${innerWidth}`, where: 'page' });
    return out;
  }, WIDGETS);
}

/** axe-core colour-contrast violations (WCAG AA): [{ text, ratio, fg, bg }]. */
export async function contrastProblems(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] });
    return r.violations.flatMap((v) =>
      v.nodes.map((n) => {
        const d = n.any[0]?.data ?? {};
        return { text: (n.target ?? []).join(' > ').slice(0, 120), ratio: d.contrastRatio, fg: d.fgColor, bg: d.bgColor, need: d.expectedContrastRatio };
      }),
    );
  });
}

/** Open `url` in a new page at `width` with a language, colour scheme and forced colours. */
export async function openPage(browser, url, { width, colorScheme = 'light', forced = false, height = 900 }) {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme });
  if (forced) await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location()?.url ?? '')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  await widgetsSettled(page);
  return { page, errors };
}
