// Screenshots of the demo (and, with --stories, every Storybook story from storybook-static/)
// in headless Chromium: English and Spanish; light, dark and forced colours; 360 and 1280 px.
//   npm run screenshots                      the demo, every combination
//   npm run screenshots -- /demo/x.html      other pages under the dev server
//   npm run screenshots -- --stories         also the stories (run `npm run build-storybook` first)
//   npm run screenshots -- --stories-only    the stories alone; `--pages N` shoots N at once (default 3),
//                                            `--missing` only those not in docs/screenshots yet
// Writes docs/screenshots/<page>-<lang>-<theme>-<width>.png and reports, per shot, the text
// wider than its box, clipped text and axe colour-contrast violations it found.
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer as createHttp } from 'node:http';
import { extname, join } from 'node:path';
import { findChrome, CHROME_ARGS } from './chrome-path.mjs';
import { contrastProblems, layoutProblems, openPage } from './page-checks.mjs';

const args = process.argv.slice(2);
const pages = args.filter((a) => a.startsWith('/'));
const targets = args.includes('--stories-only') ? [] : pages.length ? pages : ['/demo/index.html'];
const withStories = args.includes('--stories') || args.includes('--stories-only');
const widths = [360, 1280];
const langs = ['en', 'es'];
const themes = ['light', 'dark', 'forced'];
mkdirSync('docs/screenshots', { recursive: true });

// No HMR: a dependency optimised on first request would reload the page mid-shot.
const server = await createServer({ server: { port: 0, host: '127.0.0.1', hmr: false }, logLevel: 'error' });
await server.listen();
const { port } = server.httpServer.address();
const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
let problems = 0;

async function shoot(url, name, lang, theme, width) {
  const { page, errors } = await openPage(browser, url, { width, colorScheme: theme === 'light' ? 'light' : 'dark', forced: theme === 'forced' });
  const file = `docs/screenshots/${name}-${lang}-${theme}-${width}.png`;
  await page.screenshot({ path: file, fullPage: true });
  const layout = await layoutProblems(page);
  // Forced colours are the system's palette: axe judges the author's colours, so skip it there.
  const contrast = theme === 'forced' ? [] : await contrastProblems(page);
  const found = layout.length + contrast.length + errors.length;
  problems += found;
  console.log(`${found ? '✗' : '✓'} ${file}`);
  for (const p of layout) console.log(`    ${p.kind} (${p.where}): ${p.text}`);
  for (const c of contrast) console.log(`    contrast ${c.ratio}:1 < ${c.need} (${c.fg} on ${c.bg}): ${c.text}`);
  for (const e of errors) console.log(`    console: ${e}`);
  await page.close();
}

try {
  for (const target of targets) {
    const name = target.replace(/^\//, '').replace(/\/index\.html$|\.html$/, '').replace(/[^\w-]+/g, '_') || 'page';
    for (const lang of langs) {
      for (const theme of themes) {
        for (const width of widths) {
          const q = `lang=${lang}${theme === 'forced' ? '' : `&theme=${theme}`}`;
          await shoot(`http://127.0.0.1:${port}${target}${target.includes('?') ? '&' : '?'}${q}`, name, lang, theme, width);
        }
      }
    }
  }
  if (withStories) await stories();
} finally {
  await browser.close();
  await server.close();
}
console.log(problems ? `${problems} problems` : 'no problems found');

/** Every story of storybook-static/ (built by `npm run build-storybook`), served as static files. */
async function stories() {
  const dir = 'storybook-static';
  if (!existsSync(join(dir, 'index.json'))) {
    console.log('No storybook-static/index.json: run `npm run build-storybook` first.');
    return;
  }
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.csv': 'text/csv', '.svg': 'image/svg+xml' };
  const http = createHttp((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${http.address().port}`;
  const entries = Object.values(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).entries).filter((e) => e.type === 'story');
  // `--missing`: only the shots not on disk yet (a run that was stopped goes on where it was).
  const missing = args.includes('--missing');
  const jobs = entries
    .flatMap((e) => langs.flatMap((lang) => themes.flatMap((theme) => widths.map((width) => ({ e, lang, theme, width })))))
    .filter(({ e, lang, theme, width }) => !missing || !existsSync(`docs/screenshots/story-${e.id}-${lang}-${theme}-${width}.png`));
  // A few pages at once (`--pages N`, default 3): each shot waits mostly on the page settling.
  const at = args.indexOf('--pages');
  const pages = at >= 0 ? Math.max(1, Number(args[at + 1]) || 1) : 3;
  let next = 0;
  await Promise.all(
    Array.from({ length: pages }, async () => {
      while (next < jobs.length) {
        const { e, lang, theme, width } = jobs[next++];
        await shoot(`${base}/iframe.html?id=${e.id}&viewMode=story&globals=locale:${lang}`, `story-${e.id}`, lang, theme, width);
      }
    }),
  );
  http.close();
}
