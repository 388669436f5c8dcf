/**
 * The packed package in the places its users work (`npm run test:frameworks`; not part of
 * `npm test`). A fresh `npm run build` is packed with `npm pack` and the tarball extracted;
 * the apps import `kpi-kit` from that folder (node_modules/.cache/kpi-frameworks/node_modules/kpi-kit
 * links to it; lit, d3 and zod come from the project's node_modules as a user's would).
 *
 * One test each for: a React 19 + TypeScript app (also type-checked with tsc against the
 * tarball's typings), a Vue 3 app (h() render functions), a plain HTML page loading the bundle
 * from a sub-folder (/static/js/) as a module, and a classic-script page. Each renders a funnel,
 * a scorecard and an LTV widget twice, once with data and targets given as attributes and once
 * as properties, and checks the numbers, a kpi-update event and a console without errors.
 *
 * KPI_SKIP_BUILD=1 packs the current dist/ without building it again.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
// @ts-expect-error: a plain .mjs script without types
import { findChrome, CHROME_ARGS } from '../../scripts/chrome-path.mjs';
import { APPS } from './apps.ts';

const root = resolve(import.meta.dirname, '../..');
const work = join(root, 'node_modules/.cache/kpi-frameworks');
const pkgDir = join(work, 'package');
let server: Server;
let base = '';
let browser: Browser;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.csv': 'text/csv', '.css': 'text/css', '.map': 'application/json' };

before(async () => {
  if (!process.env.KPI_SKIP_BUILD) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
  execFileSync('tar', ['-xzf', join(work, tgz), '-C', work]);
  mkdirSync(join(work, 'node_modules'), { recursive: true });
  symlinkSync(pkgDir, join(work, 'node_modules/kpi-kit'), 'dir');
  // The app sources, written next to the package so `kpi-kit`, react and vue resolve as in a user's project.
  for (const [file, text] of Object.entries(APPS)) {
    mkdirSync(join(work, 'apps', file, '..'), { recursive: true });
    writeFileSync(join(work, 'apps', file), text);
  }
  await build({
    root: join(work, 'apps'),
    base: '/app/',
    logLevel: 'warn',
    configFile: false,
    esbuild: { jsx: 'automatic' },
    resolve: { conditions: ['module', 'browser', 'production'] },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: join(work, 'out'),
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      rolldownOptions: { input: { react: join(work, 'apps/react.html'), vue: join(work, 'apps/vue.html') } },
    },
  });
  cpSync(join(work, 'apps/plain.html'), join(work, 'out/plain.html'));
  cpSync(join(work, 'apps/classic.html'), join(work, 'out/classic.html'));
  for (const f of ['pages.js', 'listen.js']) cpSync(join(work, 'apps', f), join(work, 'out', f));
  cpSync(join(work, 'apps/fixtures'), join(work, 'out/fixtures'), { recursive: true });
  // /app/… the built apps and pages; /static/js/… the package's script-tag bundle; /data/… the CDNOW sample.
  const mounts: [string, string][] = [
    ['/app/', join(work, 'out')],
    ['/static/js/', join(pkgDir, 'dist')],
    ['/data/', join(root, 'data')],
  ];
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const m = mounts.find(([prefix]) => path.startsWith(prefix));
    const file = m ? normalize(join(m[1], path.slice(m[0].length))) : '';
    if (!m || !file.startsWith(m[1]) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

interface Report {
  funnel: { counts: number[]; targets: (number | null)[] }[];
  scorecard: { status: string; values: (number | null)[]; statuses: string[] }[];
  ltv: { method: string; r: number | null; customers: number }[];
  events: string[];
}

/** Open a page, wait for `window.kpiReport` (set when every widget has computed), and return it with the console's errors. */
async function run(path: string): Promise<{ report: Report; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + path);
  try {
    await page.waitForFunction(() => (window as unknown as { kpiReport?: unknown }).kpiReport, null, { timeout: 30_000 });
  } catch (e) {
    const states = await page.evaluate(() => [...document.querySelectorAll('kpi-funnel, kpi-scorecard, kpi-ltv')].map((el) => `${el.localName}:${(el as unknown as { state: string }).state}`).join(' '));
    await page.close();
    throw new Error(`${path}: no report (${states}); console: ${errors.join(' | ')}`, { cause: e });
  }
  const report = (await page.evaluate(() => (window as unknown as { kpiReport: unknown }).kpiReport)) as Report;
  await page.close();
  return { report, errors };
}

/** The numbers worked out by hand for the data every page gives (apps.ts). */
function check(report: Report, errors: string[]): void {
  assert.deepEqual(errors, []);
  // Funnel: 1,000 → 400 → 120 → 60 → 15; the MQL step (120 / 400 = 30 %) has its 40 % target, set as
  // the attribute "MQL:40%" on one funnel and as { MQL: 0.4 } on the other.
  assert.equal(report.funnel.length, 2);
  for (const f of report.funnel) {
    assert.deepEqual(f.counts, [1000, 400, 120, 60, 15]);
    assert.deepEqual(f.targets, [null, null, 0.4, null, null]);
  }
  // Scorecard of supplied values: NPS 42 against 40 (on track), cost per lead 70 against 50, lower is better (off track).
  assert.equal(report.scorecard.length, 2);
  for (const s of report.scorecard) {
    assert.deepEqual(s.values, [42, 70]);
    assert.deepEqual(s.statuses, ['on-track', 'off-track']);
    assert.equal(s.status, 'off-track');
  }
  // LTV on CDNOW calibrated to 1997-09-30: BG/NBD r = 0.243 (Fader, Hardie & Lee 2005), 2,357 customers.
  assert.equal(report.ltv.length, 2);
  for (const l of report.ltv) {
    assert.equal(l.method, 'predictive');
    assert.equal(l.r?.toFixed(3), '0.243');
    assert.equal(l.customers, 2357);
  }
  // One kpi-update per widget at least, heard through the framework's own event binding.
  for (const tag of ['kpi-funnel', 'kpi-scorecard', 'kpi-ltv']) assert.ok(report.events.filter((e) => e === tag).length >= 2, `${tag} kpi-update: ${report.events.join(', ')}`);
}

test('React 19 + TypeScript: type-checks against the tarball, renders, sets attributes and properties, hears kpi-update', async () => {
  // tsc over the app with the package's JSX typings (kpi-kit/react): props and `onkpi-update` handlers typed.
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(work, 'apps/tsconfig.json')], { stdio: 'inherit' });
  const { report, errors } = await run('/app/react.html');
  check(report, errors);
});

test('React typings reject a wrong prop type and an untyped event handler', () => {
  writeFileSync(join(work, 'apps/bad.tsx'), APPS['bad-react.txt']!);
  let out = '';
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(work, 'apps/tsconfig.bad.json')], { encoding: 'utf8' });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout);
  }
  rmSync(join(work, 'apps/bad.tsx'));
  assert.match(out, /bad\.tsx\(\d+,\d+\): error TS2322: Type 'true' is not assignable/);
  assert.match(out, /bad\.tsx\(\d+,\d+\): error TS2339: Property 'nope' does not exist on type 'FunnelResult'/);
});

test('Vue 3 (h() render functions): renders, sets attributes and properties, hears kpi-update', async () => {
  const { report, errors } = await run('/app/vue.html');
  check(report, errors);
});

test('plain HTML page, the bundle served from a sub-folder (/static/js/) as a module', async () => {
  const { report, errors } = await run('/app/plain.html');
  check(report, errors);
});

test('classic-script page (the loader as a classic <script>)', async () => {
  const { report, errors } = await run('/app/classic.html');
  check(report, errors);
});
