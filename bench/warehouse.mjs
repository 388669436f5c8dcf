#!/usr/bin/env node
// Issue #13: BG/NBD patterns aggregated in a warehouse, fitted on the small result in the browser.
//
//   node bench/warehouse.mjs [--sizes 10000000,100000000] [--runs 3] [--runs-large N] [--pg-runs N]
//                            [--engines duckdb,postgres] [--pg-url postgres://…] [--threads 2]
//                            [--no-browser] [--write | --append] [--clean]
//
// Default (`npm run bench`): 10M transactions, DuckDB and PostgreSQL, 3 runs.
//
// Per size: synthetic transactions (below) are loaded into DuckDB (a database file under /tmp),
// then per engine the `patterns` aggregate of kpi-kit/sql runs (exact, and weekly bins with Σt_x /
// ΣT), each timed as the median of --runs runs (--runs-large for the sizes above 10M; default
// --runs; --pg-runs for PostgreSQL). The times include converting and ordering the rows in node.
// PostgreSQL (the sizes ≤ 10M only) loads the same rows with COPY from the same CSV; without
// --pg-url a throwaway cluster is started with scripts/pg-test-server.sh when first needed. Every
// engine's rows (exact and bins) are compared with the first engine's: the table says "= duckdb"
// or that they differ.
//
// The fit, per size, on the DuckDB files (the same for every engine): kpi-kit's weighted BG/NBD
// fit (models/bgnbd.ts fitBgNbdWeighted) in node, and in headless Chromium (bench/warehouse/
// browser.mjs): the same fit on the page's thread, and the real widget, <kpi-ltv
// input="patterns"> of the script-tag build (vite.bundle.config.ts, built into /tmp), given the
// aggregate file as `data`, from setting it to its `kpi-update` event (validation, the fit in the
// kit's worker, P(alive) and expected purchases per pattern, the render; a fresh page per run).
// Fit error of bins: the parameters of the fit on weekly bins (bin means Σt_x ÷ n, ΣT ÷ n; and
// the bin labels without the sums) against the fit on the exact patterns.
//
// Synthetic data: customers simulated from BG/NBD with the published CDNOW estimates (r 0.243,
// α 4.414 per week, a 0.793, b 2.426): first purchase uniform over 546 days (78 weeks) from
// 2020-01-01, purchases a Poisson process while alive, drop-out after each purchase with
// probability p ~ Beta(a, b), purchase times on whole days; amounts log-normal around $40. One
// seeded stream (mulberry32, seed 1313) simulated in node, customer after customer, until n
// transactions: the same size always gives the same rows, and a smaller size's rows are the first
// rows of a larger one. Written once per size to a CSV under /tmp/kpi-bench-warehouse (about 25
// bytes a row) that DuckDB (read_csv) and PostgreSQL (COPY) both load; the CSV and the DuckDB
// file are kept for the next run (a size is simulated again only when they are missing).
// Calibration end 2021-06-29 (the last day). Measured on the shared 2-core machine (load average
// 8–10): 35 s for 10M rows, 7.0 min for 100M (2.6 GB of CSV) to simulate and write; about 0.4 s
// per million rows to load into DuckDB (100M: 41 s, 383 MB on disk).
//
// --write replaces the "## Warehouse aggregates" section of bench/RESULTS.md with this run's
// (appends it when there is none; other sections are kept), after every engine and size so that a
// stopped run leaves what it measured; --append adds the section at the end when the run is done.
// --clean deletes /tmp/kpi-bench-warehouse afterwards. --no-browser skips Chromium.
import { execFileSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { seeded } from './mulberry32.mjs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { register } from 'tsx/esm/api';

register();
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv;
const arg = (name, d) => {
  const i = argv.indexOf(`--${name}`);
  return i > 0 ? argv[i + 1] : d;
};
const SIZES = String(arg('sizes', '10000000')).split(',').map(Number);
const RUNS = Number(arg('runs', 3));
const RUNS_LARGE = Number(arg('runs-large', RUNS));
const runsFor = (n) => (n > 10_000_000 ? RUNS_LARGE : RUNS);
const PG_RUNS = arg('pg-runs', null);
const ENGINES = String(arg('engines', 'duckdb,postgres')).split(',');
const THREADS = Number(arg('threads', 2));
const APPEND = argv.includes('--append');
const WRITE = argv.includes('--write');
const BROWSER = !argv.includes('--no-browser');
const DAYS = 546;
const START = '2020-01-01';
const END = '2021-06-29';

const { openDuckDb } = await import('../src/cli/engines/duckdb.ts');
const { openPostgres } = await import('../src/cli/engines/postgres.ts');
const { sqlFor, rowsOf } = await import('../src/cli/aggregate.ts');
const { aggregateFile, patternHistory } = await import('../src/aggregates/shapes.ts');
const { fitBgNbdWeighted } = await import('../src/models/bgnbd.ts');
const { browserFits } = await import('./warehouse/browser.mjs');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtN = (n) => n.toLocaleString('en-US');
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(1)} kB`);

async function timed(runs, fn) {
  const times = [];
  let out;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    out = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), out };
}

const OPTS = { customerCol: 'customer_id', dateCol: 'date', amountCol: 'amount', calibrationEnd: END, unit: 'weeks' };

function fitOf(rows, { sums }) {
  const hist = rows.map((r) => (sums ? patternHistory(r) : { frequency: r.x, recency: r.t_x, T: r.T, n: r.n }));
  const t0 = performance.now();
  const f = fitBgNbdWeighted(hist);
  const ms = performance.now() - t0;
  if (!f.ok) throw new Error(`fit failed: ${f.detail ?? f.reason}`);
  return { ms, f };
}
const errPct = (a, b) => Math.max(...['r', 'alpha', 'a', 'b'].map((k) => Math.abs(a[k] - b[k]) / Math.abs(b[k]))) * 100;
const paramErr = (a, b) => ['r', 'alpha', 'a', 'b'].map((k) => `${k} ${(((a[k] - b[k]) / b[k]) * 100).toFixed(2)} %`).join(', ');

/** Gamma(shape, 1) (Marsaglia–Tsang; shape < 1 boosted). */
function gammaSampler(rand, normal) {
  const g = (k) => {
    if (k < 1) return g(k + 1) * Math.pow(rand(), 1 / k);
    const d = k - 1 / 3, c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x, v;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = rand();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return g;
}

/** n BG/NBD transactions (see the header) as CSV customer_id,date,amount. */
function generateCsv(path, n) {
  const { rand, normal } = seeded(1313);
  const gamma = gammaSampler(rand, normal);
  const R = 0.243, ALPHA = 4.414, A = 0.793, B = 2.426;
  const day0 = Date.parse(START);
  const dayText = Array.from({ length: DAYS }, (_, d) => new Date(day0 + d * 86_400_000).toISOString().slice(0, 10));
  const fd = openSync(path, 'w');
  let buf = 'customer_id,date,amount\n';
  let rows = 0, c = 0;
  while (rows < n) {
    c++;
    const lambdaPerDay = gamma(R) / ALPHA / 7;
    const x1 = gamma(A), p = x1 / (x1 + gamma(B));
    let t = rand() * DAYS;
    for (;;) {
      const day = Math.floor(t);
      buf += `${c},${dayText[day]},${(Math.round(Math.exp(3.5 + 0.6 * normal()) * 100) / 100).toFixed(2)}\n`;
      if (++rows >= n || rand() < p) break;
      t += -Math.log(1 - rand()) / lambdaPerDay;
      if (!(t < DAYS)) break;
    }
    if (buf.length > 1 << 22) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

const note = (s) => console.error(s);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
const maxRel = (a, b) => Math.max(...['r', 'alpha', 'a', 'b'].map((k) => Math.abs(a[k] - b[k]) / Math.abs(b[k])));

const dir = '/tmp/kpi-bench-warehouse';
mkdirSync(dir, { recursive: true });
execFileSync('chmod', ['755', dir]);

const resultsPath = join(ROOT, 'bench/RESULTS.md');
const wall0 = performance.now();
const load0 = load();
const runsText = SIZES.some((n) => n > 10_000_000) && RUNS_LARGE !== RUNS ? `${RUNS} runs (${RUNS_LARGE} above 10M)` : `${RUNS} runs`;
const cmd = `node bench/warehouse.mjs --sizes ${SIZES.join(',')} --runs ${RUNS}${RUNS_LARGE !== RUNS ? ` --runs-large ${RUNS_LARGE}` : ''} --threads ${THREADS}${PG_RUNS !== null ? ` --pg-runs ${PG_RUNS}` : ''}${ENGINES.join(',') !== 'duckdb,postgres' ? ` --engines ${ENGINES.join(',')}` : ''}`;
const head = [];
head.push(`\n## Warehouse aggregates (issue #13): BG/NBD patterns in DuckDB and PostgreSQL, fitted in the browser — ${new Date().toISOString().slice(0, 10)}\n`);
head.push(`\`${cmd}\`; machine: ${availableParallelism()} cores; DuckDB ${THREADS} threads, PostgreSQL 15 work_mem 256MB (the sizes ≤ 10M); medians of ${runsText.replace(/^1 runs/, '1 run')}${PG_RUNS !== null ? ` (PostgreSQL: ${PG_RUNS})` : ''}.\n`);

for (const h of head) console.log(h);
const aggRows = [];
const fitRows = [];
const detail = [];
const steps = [];
let pgServer = null;
for (const n of SIZES) {
  const runs = runsFor(n);
  const size0 = performance.now();
  const dbFile = join(dir, `tx-${n}.duckdb`);
  const csv = join(dir, `tx-${n}.csv`);
  const prep = [];
  if (!existsSync(dbFile) || (ENGINES.includes('postgres') && n <= 10_000_000)) {
    if (!existsSync(csv)) {
      const t0 = performance.now();
      generateCsv(`${csv}.part`, n);
      execFileSync('mv', [`${csv}.part`, csv]);
      execFileSync('chmod', ['644', csv]);
      const ms = performance.now() - t0;
      prep.push(`simulated and written to CSV in ${sec(ms)} (${mb(statSync(csv).size)})`);
      note(`simulated ${fmtN(n)} transactions in ${sec(ms)} (${mb(statSync(csv).size)} CSV)`);
    } else prep.push('CSV from an earlier run');
  }
  if (!existsSync(dbFile)) {
    const gen = await openDuckDb({ database: `${dbFile}.part`, threads: THREADS });
    const t0 = performance.now();
    await gen.query(`CREATE TABLE tx AS SELECT * FROM read_csv('${csv}', columns = {'customer_id': 'BIGINT', 'date': 'DATE', 'amount': 'DOUBLE'}, header = true)`);
    await gen.close();
    execFileSync('mv', [`${dbFile}.part`, dbFile]);
    const ms = performance.now() - t0;
    prep.push(`loaded into DuckDB in ${sec(ms)} (${mb(statSync(dbFile).size)} on disk)`);
    note(`loaded ${fmtN(n)} rows into DuckDB in ${sec(ms)} (${mb(statSync(dbFile).size)} on disk)`);
  } else prep.push('DuckDB file from an earlier run');
  const engines = [];
  for (const e of ENGINES) {
    if (e === 'duckdb') engines.push({ name: 'duckdb', open: () => openDuckDb({ database: dbFile, threads: THREADS }), table: 'tx' });
    if (e === 'postgres' && n <= 10_000_000) engines.push({ name: 'postgres', table: `tx_${n}` });
  }
  let reference = null;
  for (const eng of engines) {
    let conn;
    if (eng.name === 'postgres') {
      // --pg-url, KPI_PG_URL, else a throwaway cluster (started when first needed, stopped at the end).
      let url = arg('pg-url', process.env.KPI_PG_URL);
      if (!url) {
        if (!pgServer) {
          const out = execFileSync(join(ROOT, 'scripts/pg-test-server.sh'), { encoding: 'utf8' }).trim().split('\n');
          pgServer = { url: out[0], dir: out[1] };
        }
        url = pgServer.url;
      }
      conn = await openPostgres(url);
      const exists = await conn.query(`SELECT to_regclass('${eng.table}') IS NOT NULL AS e`);
      if (!exists[0].e) {
        const t0 = performance.now();
        await conn.query(`CREATE TABLE ${eng.table} (customer_id bigint, date date, amount double precision)`);
        await conn.query(`COPY ${eng.table} FROM '${csv}' WITH (FORMAT csv, HEADER true)`);
        await conn.query(`ANALYZE ${eng.table}`);
        const ms = performance.now() - t0;
        prep.push(`loaded into PostgreSQL in ${sec(ms)}`);
        note(`loaded ${fmtN(n)} rows into PostgreSQL in ${sec(ms)}`);
      }
      await conn.query(`SET work_mem = '256MB'`);
    } else conn = await eng.open();
    const source = conn.relation(eng.table);
    const exactSql = sqlFor('patterns', conn.dialect, source, OPTS, true);
    const binSql = sqlFor('patterns', conn.dialect, source, { ...OPTS, bin: 1 }, true);
    const engRuns = eng.name === 'postgres' && PG_RUNS !== null ? Number(PG_RUNS) : runs;
    const exact = await timed(engRuns, async () => rowsOf('patterns', await conn.query(exactSql)));
    note(`${fmtN(n)} ${eng.name}: exact patterns ${sec(exact.ms)} (${fmtN(exact.out.length)} rows)`);
    const binned = await timed(engRuns, async () => rowsOf('patterns', await conn.query(binSql)));
    note(`${fmtN(n)} ${eng.name}: weekly bins ${sec(binned.ms)} (${fmtN(binned.out.length)} rows)`);
    await conn.close();
    const file = JSON.stringify(aggregateFile('patterns', { engine: eng.name, input: eng.table }, { unit: 'weeks', calibrationEnd: END }, exact.out));
    const binFile = JSON.stringify(aggregateFile('patterns', { engine: eng.name, input: eng.table }, { unit: 'weeks', calibrationEnd: END, bin: 1 }, binned.out));
    const custN = exact.out.reduce((s, r) => s + r.n, 0);
    let same = '';
    if (!reference) {
      const fitTimes = [];
      let fx;
      for (let r = 0; r < runs; r++) {
        fx = fitOf(exact.out, { sums: true });
        fitTimes.push(fx.ms);
      }
      const withSums = fitOf(binned.out, { sums: true });
      const noSums = fitOf(binned.out, { sums: false });
      reference = { engine: eng.name, exactRows: JSON.stringify(exact.out), binRows: JSON.stringify(binned.out), fitMs: median(fitTimes), binFitMs: withSums.ms, fx: fx.f, withSums: withSums.f, noSums: noSums.f };
      note(`${fmtN(n)}: node fit ${sec(reference.fitMs)} on the exact patterns, ${sec(withSums.ms)} on the bins`);
      let browser = null;
      if (BROWSER) {
        browser = await browserFits({ exact: file, bins: binFile }, { runs, log: note });
        if (browser.skipped) note(`browser fit skipped: ${browser.skipped}`);
      }
      reference.browser = browser;
      const br = browser && !browser.skipped ? browser : null;
      const ms = (x) => (x === undefined ? '—' : sec(x));
      fitRows.push({ n, i: fitRows.length, text: `| ${fmtN(n)} | ${fmtN(custN)} | ${fmtN(exact.out.length)} | ${sec(reference.fitMs)} | ${ms(br?.exact.fitMs)} | ${ms(br?.exact.widgetMs)} | ${fmtN(binned.out.length)} | ${sec(reference.binFitMs)} | ${ms(br?.bins.fitMs)} | ${ms(br?.bins.widgetMs)} | ${errPct(withSums.f, fx.f).toFixed(3)} % | ${errPct(noSums.f, fx.f).toFixed(2)} % |` });
      detail.push({ n, i: 0, text: `- ${fmtN(n)} transactions: exact fit r ${fx.f.r.toFixed(5)}, α ${fx.f.alpha.toFixed(5)}, a ${fx.f.a.toFixed(5)}, b ${fx.f.b.toFixed(5)}; ` +
        `weekly bins with sums: ${paramErr(withSums.f, fx.f)}; without sums (bin labels): ${paramErr(noSums.f, fx.f)}.` +
        (br ? ` Chromium ${br.version}: the page's fit differs from node's by at most ${maxRel(br.exact.fit, fx.f).toExponential(1)} (exact) / ${maxRel(br.bins.fit, withSums.f).toExponential(1)} (bins), the widget's by ${maxRel(br.exact.widget.params, fx.f).toExponential(1)} / ${maxRel(br.bins.widget.params, withSums.f).toExponential(1)} (relative, r α a b); the widget fitted in its worker and counted ${fmtN(br.exact.widget.customers)} customers.` : '') });
    } else {
      const eqExact = JSON.stringify(exact.out) === reference.exactRows;
      const eqBins = JSON.stringify(binned.out) === reference.binRows;
      same = eqExact && eqBins ? ` (= ${reference.engine})` : ` (DIFFERS from ${reference.engine}: exact ${eqExact ? 'same' : 'different'}, bins ${eqBins ? 'same' : 'different'})`;
      if (!eqExact || !eqBins) note(`WARNING ${eng.name} rows differ from ${reference.engine}`);
    }
    aggRows.push({ n, i: aggRows.length, text: `| ${fmtN(n)} | ${fmtN(custN)} | ${eng.name} | ${sec(exact.ms)} | ${fmtN(exact.out.length)}${same} | ${mb(file.length)} | ${mb(gzipSync(file).length)} | ${sec(binned.ms)} | ${fmtN(binned.out.length)} | ${mb(binFile.length)} | ${mb(gzipSync(binFile).length)} |` });
    if (WRITE) writeSection(false);
  }
  steps.push({ n, i: 0, text: `- ${fmtN(n)} transactions: ${prep.join('; ')}; this size took ${(((performance.now() - size0) / 60_000)).toFixed(1)} min in all (load average ${load()} at its end).` });
  if (WRITE) writeSection(false);
  note(`${fmtN(n)} done in ${sec(performance.now() - size0)}; load average ${load()}`);
}
/** This run's section of bench/RESULTS.md, the rows sorted by size; `final` false while sizes are still running. */
function compose(final) {
  const out = [...head];
  const say = (line) => out.push(line);
  const bySize = (rows) => [...rows].sort((x, y) => x.n - y.n || x.i - y.i).map((r) => r.text);
  say('Aggregates (per engine; times include converting and ordering the rows in node):\n');
  say('| transactions | customers | engine | exact patterns: aggregate | patterns | JSON | gzip | weekly bins: aggregate | bins | JSON | gzip |');
  say('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of bySize(aggRows)) say(r);
  say(`\nFits (on the DuckDB files; every engine's rows are the same): node = fitBgNbdWeighted in node; Chromium fit = the same function on a page's thread in headless Chromium; \`<kpi-ltv>\` = \`<kpi-ltv input="patterns">\` given the aggregate file as \`data\`, from setting it to \`kpi-update\` (row validation, the fit in the kit's worker, P(alive) and expected purchases per pattern, the render; a fresh page per run). Medians of the same runs; "—" = not run.\n`);
  say('| transactions | customers | exact patterns | fit (node) | fit (Chromium) | `<kpi-ltv>` set → `kpi-update` | weekly bins | fit (node) | fit (Chromium) | `<kpi-ltv>` set → `kpi-update` | fit error with Σt_x, ΣT | fit error without sums |');
  say('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of bySize(fitRows)) say(r);
  say('');
  for (const d of bySize(detail)) say(d);
  say('\nFit error = the largest relative difference of r, α, a, b between the fit on weekly bins and the fit on the exact patterns (the bins\' node fit is timed once).');
  say(`\nRun: ${(((performance.now() - wall0) / 60_000)).toFixed(1)} min in all; load average (1 / 5 / 15 min) ${load0} at the start, ${load()} ${final ? 'at the end' : 'when written'}.`);
  for (const s of bySize(steps)) say(s);
  if (!final) say(`- (written while the run was still going, ${new Date().toISOString().slice(11, 16)} UTC)`);
  return out;
}
/** --write: replace the warehouse section of bench/RESULTS.md (append it when there is none). */
function writeSection(final) {
  const section = compose(final).join('\n').replace(/^\n+/, '') + '\n';
  const old = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Bench results\n';
  const at = old.search(/^## Warehouse aggregates/m);
  if (at < 0) writeFileSync(resultsPath, old.replace(/\n*$/, '\n\n') + section);
  else {
    const rest = old.slice(at + 1).search(/^## /m);
    const end = rest < 0 ? old.length : at + 1 + rest;
    writeFileSync(resultsPath, old.slice(0, at) + section + (rest < 0 ? '' : '\n' + old.slice(end)));
  }
}
const lines = compose(true);
for (const l of lines.slice(head.length)) console.log(l);
if (pgServer) execFileSync(join(ROOT, 'scripts/pg-test-server.sh'), ['stop', pgServer.dir]);
if (WRITE) {
  writeSection(true);
  note(`wrote the warehouse section of ${resultsPath}`);
} else if (APPEND) appendFileSync(resultsPath, (existsSync(resultsPath) ? '' : '# Benchmark results\n') + lines.join('\n') + '\n');
if (argv.includes('--clean')) rmSync(dir, { recursive: true, force: true });
