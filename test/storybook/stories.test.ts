// Storybook, built offline and driven in Chromium:
// - every story, in en and es, renders without a console error or an uncaught exception, every
//   widget in it ends in the state its name says, and in light, dark and forced colours at 360
//   and 1280 px nothing overflows or is clipped and contrast meets WCAG AA;
// - controls drive the attributes: args from the URL and a control change (the manager's
//   `updateStoryArgs`) re-render the widget with the new attribute;
// - the docs pages list the public API from the manifest and no private member.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { join, extname, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startHarness, type Harness } from '../e2e/harness.ts';
// @ts-expect-error plain .mjs helper without types
import { contrastProblems, layoutProblems, layoutSettled } from '../../scripts/page-checks.mjs';

const out = mkdtempSync(join(tmpdir(), 'kpi-sb-'));
let h: Harness;
let browser: Browser;
let context: BrowserContext | undefined;
let base: string;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.csv': 'text/csv', '.txt': 'text/plain', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
const TAGS = ['kpi-funnel', 'kpi-ltv', 'kpi-scorecard'] as const;
const WIDGETS = TAGS.join(', ');

interface Entry {
  id: string;
  name: string;
  title: string;
  type: string;
}
interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  members?: { name: string; kind?: string; privacy?: string }[];
  events?: { name: string }[];
}

before(async () => {
  // `npm run analyze`: cem, then scripts/manifest.mjs completes the manifest Storybook reads.
  execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze'], { stdio: 'ignore' });
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/manifest.mjs'], { stdio: 'ignore' });
  execFileSync(process.execPath, ['node_modules/storybook/dist/bin/dispatcher.js', 'build', '-o', out, '--quiet', '--disable-telemetry'], { stdio: 'ignore', env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' } });
  h = await startHarness((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    const file = join(out, path);
    if (!existsSync(file) || statSync(file).isDirectory()) return void res.writeHead(404).end();
    // Cacheable: every page of the run shares one browser context, so Storybook's bundle is
    // fetched and compiled once, not once per story.
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' });
    res.end(readFileSync(file));
  });
  base = h.base;
  browser = h.browser;
});

after(async () => {
  await h?.close();
  rmSync(out, { recursive: true, force: true });
});

const entries = (): Entry[] => Object.values((JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { entries: Record<string, Entry> }).entries);

/** The state a story's name promises. */
function expectedState(name: string): 'loading' | 'empty' | 'error' | 'ready' {
  if (/^Loading\b/.test(name)) return 'loading';
  if (/^Empty\b/.test(name)) return 'empty';
  if (/^Error\b/.test(name)) return 'error';
  return 'ready';
}

test('expectedState reads the class from the story name', () => {
  assert.equal(expectedState('Loading'), 'loading');
  assert.equal(expectedState('Empty'), 'empty');
  assert.equal(expectedState('Error Http'), 'error');
  assert.equal(expectedState('Error Bad Option'), 'error');
  assert.equal(expectedState('Invalid Rows'), 'ready');
  assert.equal(expectedState('Typical'), 'ready');
});

/** A page that records console errors and uncaught exceptions into `problems`. */
async function storyPage(id: string, problems: string[], allow404 = false): Promise<Page> {
  context ??= await browser.newContext();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 800 });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium asks every page for /favicon.ico; Storybook's iframe has none.
    if (/favicon/.test(m.location()?.url ?? '')) return;
    // Error stories fetch a missing file on purpose; the 404 they log is the behaviour shown.
    if (allow404 && /404/.test(m.text())) return;
    problems.push(`${id}: console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${id}: pageerror: ${e.message}`));
  return page;
}

/** Each widget's `state` attribute and whether its shadow root shows the part of that state. */
const STATES = `[...document.querySelectorAll('${WIDGETS}')].map((el) => {
  const state = el.getAttribute('state');
  const part = ['loading', 'empty', 'error'].includes(state) ? !!el.shadowRoot?.querySelector('[part~="' + state + '"]') : true;
  return { tag: el.localName, state, part };
})`;

test('controls drive the attributes: URL args and a control change re-render the widget', async () => {
  const problems: string[] = [];
  const attrs = `(() => { const el = document.querySelector('kpi-funnel'); return el && { state: el.getAttribute('state'), scale: el.getAttribute('scale'), label: el.getAttribute('label'), accent: el.style.getPropertyValue('--kpi-color-accent') }; })()`;
  const settle = (page: Page) => page.waitForFunction(`document.querySelector('kpi-funnel')?.getAttribute('state') === 'ready'`, null, { timeout: 20_000 });

  // Without args the story sets no scale: the widget is on its default.
  let page = await storyPage('typical', problems);
  await page.goto(`${base}/iframe.html?id=widgets-kpi-funnel--typical&viewMode=story`, { waitUntil: 'load' });
  await settle(page);
  assert.deepEqual(await page.evaluate(attrs), { state: 'ready', scale: null, label: null, accent: '' });

  // A control change, as the manager sends it: the story re-renders with the new attribute.
  await page.evaluate(`window.__STORYBOOK_ADDONS_CHANNEL__.emit('updateStoryArgs', { storyId: 'widgets-kpi-funnel--typical', updatedArgs: { scale: 'log', label: 'Q4 pipeline' } })`);
  await page.waitForFunction(`document.querySelector('kpi-funnel')?.getAttribute('scale') === 'log'`, null, { timeout: 10_000 });
  await settle(page);
  assert.deepEqual(await page.evaluate(attrs), { state: 'ready', scale: 'log', label: 'Q4 pipeline', accent: '' });
  const title = await page.evaluate(`document.querySelector('kpi-funnel').shadowRoot.querySelector('[part~="title"]')?.textContent.trim()`);
  assert.equal(title, 'Q4 pipeline');
  await page.close();

  // Args in the URL, as a shared link carries them: an attribute and a CSS custom property.
  page = await storyPage('typical-args', problems);
  await page.goto(`${base}/iframe.html?id=widgets-kpi-funnel--typical&viewMode=story&args=scale:log;--kpi-color-accent:!hex(ff0000)`, { waitUntil: 'load' });
  await settle(page);
  assert.deepEqual(await page.evaluate(attrs), { state: 'ready', scale: 'log', label: null, accent: '#ff0000' });
  await page.close();
  assert.deepEqual(problems, []);
});

test('the docs pages list the manifest API and no private member', async () => {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as { modules: { declarations?: Declaration[] }[] };
  const decls = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  // The private and protected members of the base and of every element, read from the source.
  const sources = ['src/core/element/kpi-element.ts', ...TAGS.map((t) => `src/widgets/${t.slice(4)}/element.ts`)].map((f) => readFileSync(f, 'utf8')).join('\n');
  const hidden = new Set(['lang_', 'locale_', ...[...sources.matchAll(/^\s*(?:@state\(\)\s*)?(?:private|protected)\s+(?:(?:readonly|override|static|async|get|set|abstract)\s+)*([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!)]);
  for (const name of ['inlineNonce', 'built', 'jobProgress', 'options', 'phase', 'parsed']) assert.ok(hidden.has(name), `${name} read as private`);

  const problems: string[] = [];
  for (const tag of TAGS) {
    const decl = decls.find((d) => d.tagName === tag);
    assert.ok(decl, `${tag} in the manifest`);
    for (const m of decl.members ?? []) if (m.privacy || hidden.has(m.name)) problems.push(`${tag}: manifest lists ${m.privacy ?? ''} ${m.name}`);

    const page = await storyPage(`${tag} docs`, problems, true);
    await page.goto(`${base}/iframe.html?id=widgets-${tag}--docs&viewMode=docs`, { waitUntil: 'load' });
    await page.waitForSelector('.docblock-argstable tbody tr td', { timeout: 30_000 });
    // Row names by category: a section row is titled "Hide <category> items"; a row's name is
    // the first cell's first span.
    const rows = (await page.evaluate(`(() => {
      const out = {}; let category = '';
      for (const tr of document.querySelector('.docblock-argstable').querySelectorAll('tbody tr')) {
        const section = /^(?:Hide|Show) (.*) items$/.exec(tr.title);
        if (section) { category = section[1]; continue; }
        (out[category] ??= []).push(tr.querySelector('td span')?.textContent.trim());
      }
      return out;
    })()`)) as Record<string, string[]>;
    assert.ok((rows['attributes']?.length ?? 0) > 10, `${tag}: docs table read: ${JSON.stringify(rows).slice(0, 300)}`);
    // (A part may share a private member's name, as the `error` part does: only API rows count.)
    for (const name of [...(rows['attributes'] ?? []), ...(rows['properties'] ?? [])]) if (hidden.has(name)) problems.push(`${tag}: docs list private ${name}`);
    for (const a of decl.attributes ?? []) if (!rows['attributes']?.includes(a.name)) problems.push(`${tag}: docs miss attribute ${a.name}`);
    for (const e of decl.events ?? []) if (!rows['events']?.includes(e.name)) problems.push(`${tag}: docs miss event ${e.name}`);
    for (const p of ['data', 'result', 'state']) if (!rows['properties']?.includes(p)) problems.push(`${tag}: docs miss property ${p}`);
    await page.close();
  }
  assert.deepEqual(problems, []);
});

/** Run `fn` over `items` with at most `n` at once (pages of one browser; most of a check is waiting). */
async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

/**
 * Every story as a user and a designer check it, in English and Spanish (the `locale` global):
 * - it renders without a console error or an uncaught exception, and every widget in it ends in
 *   the state its name says (Loading… stays loading, Empty… is empty, Error… is in error,
 *   anything else is ready), showing that state's part;
 * - in light, dark and forced colours, at 360 and 1280 px: no text wider than its box, no
 *   clipped text, no SVG text outside its widget, no page wider than the viewport, and (outside
 *   forced colours, where the system palette rules) no axe `color-contrast` violation.
 * One page per story and language; theme and width change in place, as a reader's would.
 */
test('every story in en and es: the state its name says, no console error; in light, dark and forced colours at 360 and 1280 px nothing overflows or is clipped and contrast meets WCAG AA', async () => {
  const only = process.env['KPI_STORY_ONLY'];
  const stories = entries().filter((e) => e.type === 'story' && (!only || new RegExp(only).test(e.id)));
  if (!only) assert.ok(stories.length >= 40, `found ${stories.length} stories`);
  const byClass = (c: string) => stories.filter((s) => expectedState(s.name) === c).length;
  // Each widget has a Loading and an Empty story and at least one Error story.
  if (!only) {
    assert.equal(byClass('loading'), 3);
    assert.equal(byClass('empty'), 3);
    assert.ok(byClass('error') >= 5, `${byClass('error')} error stories`);
  }
  const problems: string[] = [];
  let checks = 0;
  const jobs = stories.flatMap((s) => (['en', 'es'] as const).map((lang) => ({ s, lang })));
  await pool(jobs, Number(process.env['KPI_STORY_PAGES'] ?? 3), async ({ s, lang }) => {
    const want = expectedState(s.name);
    const t0 = Date.now();
    const mark = (what: string) => process.env['KPI_STORY_TIMING'] && console.error(`${s.id} ${lang} ${what} ${Date.now() - t0} ms`);
    const page = await storyPage(`${s.id} ${lang}`, problems, want === 'error');
    mark('page');
    await page.goto(`${base}/iframe.html?id=${s.id}&viewMode=story&globals=locale:${lang}`, { waitUntil: 'load' });
    mark('loaded');
    const reached = await page
      .waitForFunction(`(() => { const s = ${STATES}; return s.length > 0 && s.every((w) => w.state === '${want}'); })()`, null, { timeout: 30_000 })
      .then(() => true, () => false);
    // A loading story must stay loading: look again a while later.
    if (reached && want === 'loading') await page.waitForTimeout(1_500);
    const states = (await page.evaluate(STATES)) as { tag: string; state: string | null; part: boolean }[];
    if (states.length === 0) problems.push(`${s.id} ${lang}: no widget rendered`);
    for (const w of states) {
      if (w.state !== want) problems.push(`${s.id} ${lang}: ${w.tag} is ${w.state}, the name says ${want}`);
      else if (!w.part) problems.push(`${s.id} ${lang}: ${w.tag} is ${w.state} but shows no ${w.state} part`);
    }
    mark('state');
    await layoutSettled(page);
    const lang_ = await page.evaluate(() => document.documentElement.lang);
    if (lang_ !== lang) problems.push(`${s.id}: the locale global gave lang="${lang_}"`);
    for (const theme of ['light', 'dark', 'forced'] as const) {
      await page.emulateMedia(theme === 'forced' ? { forcedColors: 'active', colorScheme: 'dark' } : { forcedColors: 'none', colorScheme: theme });
      await page.evaluate((t) => {
        document.documentElement.style.setProperty('--kpi-color-scheme', t);
        document.documentElement.style.colorScheme = t;
      }, theme === 'forced' ? 'dark' : theme);
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await layoutSettled(page);
        const label = `${s.id} ${lang} ${theme} ${width}`;
        for (const p of (await layoutProblems(page)) as { kind: string; text: string; where: string }[]) problems.push(`${label}: ${p.kind} "${p.text}" in ${p.where}`);
        if (theme !== 'forced') {
          for (const p of (await contrastProblems(page)) as { text: string; ratio: number }[]) problems.push(`${label}: contrast ${p.ratio} at ${p.text}`);
        }
        checks++;
        mark(`${theme} ${width}`);
      }
    }
    await page.close();
  });
  assert.equal(checks, stories.length * 12);
  assert.deepEqual(problems.sort(), []);
});
