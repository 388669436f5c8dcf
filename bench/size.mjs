// Size bench: the gzip bytes a page pays, side by side with the peers a user might pick.
// Run: node bench/size.mjs  (or npm run bench:size, or npm run bench -- size)
//
// It builds, into a temporary folder (dist/ is left alone):
// - the script-tag build (vite.bundle.config.ts): the loader `kpi-kit.js` and the per-element
//   modules `kpi-kit/<tag>.js` with their shared chunks and the kit's one worker;
// - the npm build (vite.config.ts) as a package, and a user's bundle of one KPI imported from
//   `kpi-kit/metrics`, tree-shaken, self-contained;
// - ECharts' tree-shaken funnel (bench/funnel/echarts-entry.js) from node_modules.
// A page's bytes are the loader plus every file the browser fetches before the element can
// render: its module and the chunks it imports statically, each gzipped (-9) on its own, as a
// server sends them. Files imported on demand (another message locale, the main-thread fit when
// no worker can start) and the worker are listed apart. Each page is checked against its goal;
// with `--check` the exit code is 1 when one is missed.
import { build } from 'vite';
import { gzipSync } from 'node:zlib';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'kpi-size-'));
const gz = (code) => gzipSync(typeof code === 'string' ? Buffer.from(code) : code, { level: 9 }).length;
const kB = (n) => (n / 1000).toFixed(1);

// ---- the script-tag build ----------------------------------------------------------------
const outputs = (r) => (Array.isArray(r) ? r : [r]).flatMap((o) => o.output);
const elements = outputs(
  await build({
    root,
    logLevel: 'silent',
    configFile: join(root, 'vite.bundle.config.ts'),
    build: { outDir: join(out, 'kpi-kit'), emptyOutDir: true, sourcemap: false },
  }),
);
await build({
  root,
  logLevel: 'silent',
  mode: 'loader',
  configFile: join(root, 'vite.bundle.config.ts'),
  build: { outDir: out, emptyOutDir: false },
});
const loader = gz(readFileSync(join(out, 'kpi-kit.js')));

const files = new Map(elements.map((o) => [o.fileName, o]));
const size = new Map(elements.map((o) => [o.fileName, gz(o.type === 'chunk' ? o.code : o.source)]));
/** The files a module pulls before it runs: itself and its static imports, transitively. */
function closure(names) {
  const seen = new Set();
  const visit = (n) => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const i of files.get(n)?.imports ?? []) visit(i);
  };
  names.forEach(visit);
  return seen;
}
/** Files reachable only through dynamic imports from a set of static files. */
function onDemand(stat) {
  const lazy = new Set();
  const visit = (n) => {
    for (const d of files.get(n)?.dynamicImports ?? []) {
      for (const f of closure([d])) if (!stat.has(f) && !lazy.has(f)) { lazy.add(f); visit(f); }
    }
  };
  [...stat].forEach(visit);
  return lazy;
}
const sum = (set) => [...set].reduce((s, f) => s + size.get(f), 0);
const worker = elements.find((o) => o.type === 'asset' && /worker/.test(o.fileName));
const workerGz = worker ? gz(worker.source) : 0;

// ---- one KPI from kpi-kit/metrics ----------------------------------------------------------
// As a user's bundler sees it: the npm build (vite.config.ts) in node_modules/kpi-kit with the
// package.json ("exports", "sideEffects"), and lit, d3 and zod beside it; the entry imports one
// KPI by name and the bundle is minified, tree-shaken and self-contained.
const consumer = join(out, 'consumer');
const pkgDir = join(consumer, 'node_modules', 'kpi-kit');
mkdirSync(pkgDir, { recursive: true });
await build({ root, logLevel: 'silent', configFile: join(root, 'vite.config.ts'), build: { outDir: join(pkgDir, 'dist'), emptyOutDir: true, sourcemap: false } });
cpSync(join(root, 'package.json'), join(pkgDir, 'package.json'));
for (const dep of ['zod', 'd3-array', 'd3-shape', 'd3-path', 'lit', 'lit-html', 'lit-element', '@lit']) {
  if (existsSync(join(root, 'node_modules', dep))) symlinkSync(join(root, 'node_modules', dep), join(consumer, 'node_modules', dep), 'dir');
}
async function oneKpi(name) {
  const entry = join(consumer, `kpi-${name}.js`);
  writeFileSync(entry, `export { ${name} } from 'kpi-kit/metrics';\n`);
  const r = outputs(
    await build({
      root: consumer,
      logLevel: 'silent',
      configFile: false,
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir: join(consumer, 'out'), emptyOutDir: false, minify: true, target: 'es2022', write: false,
        lib: { entry, formats: ['es'], fileName: () => `${name}.js` },
        rolldownOptions: { output: { minify: true, codeSplitting: false } },
      },
    }),
  );
  return gz(r.find((o) => o.type === 'chunk').code);
}

// ---- peers ----------------------------------------------------------------------------------
async function echartsFunnel() {
  if (!existsSync(join(root, 'node_modules/echarts'))) return null;
  const r = outputs(
    await build({
      root,
      logLevel: 'silent',
      configFile: false,
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir: join(out, 'echarts'), emptyOutDir: false, minify: true, target: 'es2022', write: false,
        lib: { entry: join(root, 'bench/funnel/echarts-entry.js'), formats: ['es'], fileName: () => 'echarts.js' },
        rolldownOptions: { output: { minify: true, codeSplitting: false } },
      },
    }),
  );
  return gz(r.find((o) => o.type === 'chunk').code);
}

const page = (tags) => {
  const stat = closure(tags.map((t) => `${t}.js`));
  return { gzip: loader + sum(stat), files: stat.size + 1, lazy: sum(onDemand(stat)) };
};
const funnel = page(['kpi-funnel']);
const scorecard = page(['kpi-scorecard']);
const ltv = page(['kpi-ltv']);
const all = page(['kpi-funnel', 'kpi-scorecard', 'kpi-ltv']);
const kpis = {};
for (const k of ['winRate', 'revenue', 'cac', 'ltvHistorical']) kpis[k] = await oneKpi(k);
const echarts = await echartsFunnel();
rmSync(out, { recursive: true, force: true });

const K = 1000;
const rows = [
  ['loader (kpi-kit.js)', loader, 1, 1 * K, ''],
  ['page with one <kpi-funnel>', funnel.gzip, funnel.files, 30 * K, funnel.lazy ? `+${kB(funnel.lazy)} on demand` : ''],
  ['page with one <kpi-scorecard>', scorecard.gzip, scorecard.files, 35 * K, scorecard.lazy ? `+${kB(scorecard.lazy)} on demand` : ''],
  ['page with one <kpi-ltv>', ltv.gzip, ltv.files, 40 * K, `+${kB(workerGz)} worker${ltv.lazy ? `, +${kB(ltv.lazy)} on demand` : ''}`],
  ['page with all three', all.gzip, all.files, 70 * K, `+${kB(workerGz)} worker${all.lazy ? `, +${kB(all.lazy)} on demand` : ''}`],
  ...Object.entries(kpis).map(([k, v]) => [`one KPI: import { ${k} } from 'kpi-kit/metrics'`, v, 1, 3 * K, '']),
];
const table = {};
let missed = 0;
for (const [name, bytes, n, goal, note] of rows) {
  const ok = bytes <= goal;
  if (!ok) missed++;
  table[name] = { 'gzip kB': kB(bytes), files: n, 'goal kB': `≤ ${kB(goal)}`, met: ok ? 'yes' : 'NO', notes: note };
}
table['peer: Highcharts 13.1 core + funnel + accessibility'] = { 'gzip kB': '142.0', files: 1, 'goal kB': '', met: '', notes: 'shared/TOOLCHAIN.md (not installed here)' };
table['peer: ECharts 6.1 funnel, tree-shaken, SVG'] = {
  'gzip kB': echarts === null ? '143.0' : kB(echarts), files: 1, 'goal kB': '', met: '',
  notes: echarts === null ? 'shared/TOOLCHAIN.md' : 'bundled from node_modules in this run',
};
console.log('What a page pays: gzip -9 of each file it fetches (kB = 1000 bytes)\n');
console.table(table);
console.log(`the kit's one worker (fetched when a widget hands it work: an LTV fit, a src read off the main thread): ${kB(workerGz)} kB gzip`);
console.log(missed ? `\n${missed} goal(s) missed` : '\nevery goal met');
process.exit(missed && process.argv.includes('--check') ? 1 : 0);
