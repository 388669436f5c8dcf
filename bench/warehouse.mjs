#!/usr/bin/env node
// Issue #13: BG/NBD patterns aggregated in a warehouse, fitted on the small result.
//
//   node bench/warehouse.mjs [--sizes 10000000,100000000] [--runs 3] [--engines duckdb,postgres]
//                            [--pg-url postgres://…] [--threads 2] [--append]
//
// Per size: synthetic transactions are generated in DuckDB (a database file under /tmp), then per
// engine the `patterns` aggregate of kpi-kit/sql runs (exact, and weekly bins with Σt_x / ΣT),
// each timing the median of --runs runs. PostgreSQL (the sizes ≤ 10M only) loads the same rows
// with COPY from a CSV DuckDB writes; without --pg-url a throwaway cluster is started with
// scripts/pg-test-server.sh. The fit: the weighted BG/NBD fit of kpi-kit (models/bgnbd.ts
// fitBgNbdWeighted) on the patterns, in node — a STAND-IN for the browser fit (<kpi-ltv
// input="patterns"> runs the same code in a worker). Fit error of bins: the parameters of the fit
// on weekly bins (bin means Σt_x ÷ n, ΣT ÷ n; and the bin labels without the sums) against the fit
// on the exact patterns.
//
// Synthetic data: customers simulated from BG/NBD with the published CDNOW estimates (r 0.243,
// α 4.414 per week, a 0.793, b 2.426): first purchase uniform over 546 days (78 weeks) from
// 2020-01-01, purchases a Poisson process while alive, drop-out after each purchase with
// probability p ~ Beta(a, b), purchase times on whole days; amounts log-normal around $40.
// Seeded (mulberry32): every run and engine sees the same rows, written once to a CSV that DuckDB
// and PostgreSQL (COPY) both load. Calibration end 2021-06-29 (the last day). --append adds the
// tables to bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { seeded } from './mulberry32.mjs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
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
const ENGINES = String(arg('engines', 'duckdb,postgres')).split(',');
const THREADS = Number(arg('threads', 2));
const APPEND = argv.includes('--append');
const DAYS = 546;
const START = '2020-01-01';
const END = '2021-06-29';

const { openDuckDb } = await import('../src/cli/engines/duckdb.ts');
const { openPostgres } = await import('../src/cli/engines/postgres.ts');
const { sqlFor, rowsOf } = await import('../src/cli/aggregate.ts');
const { aggregateFile, patternHistory } = await import('../src/aggregates/shapes.ts');
const { fitBgNbdWeighted } = await import('../src/models/bgnbd.ts');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtN = (n) => n.toLocaleString('en-US');
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(1)} kB`);

async function timed(fn) {
  const times = [];
  let out;
  for (let r = 0; r < RUNS; r++) {
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

const lines = [];
const say = (s) => {
  console.log(s);
  lines.push(s);
};

const dir = '/tmp/kpi-bench-warehouse';
mkdirSync(dir, { recursive: true });
execFileSync('chmod', ['755', dir]);

say(`\n## Warehouse aggregates (issue #13): BG/NBD patterns in DuckDB and PostgreSQL — ${new Date().toISOString().slice(0, 10)}\n`);
say(`\`node bench/warehouse.mjs --sizes ${SIZES.join(',')} --runs ${RUNS} --threads ${THREADS}\`; machine: ${availableParallelism()} cores shared with other jobs; DuckDB ${THREADS} threads; medians of ${RUNS} runs.`);
say('Fit: kpi-kit\'s weighted BG/NBD fit (fitBgNbdWeighted) in node, a stand-in for the browser fit (<kpi-ltv input="patterns"> runs the same code in a worker).\n');
say('| transactions | customers | engine | aggregate (exact) | patterns | JSON | gzip | fit on patterns (node) | weekly bins: aggregate | bins | JSON gzip | fit error with Σt_x, ΣT | fit error without sums |');
say('|---|---|---|---|---|---|---|---|---|---|---|---|---|');

const detail = [];
let pgServer = null;
for (const n of SIZES) {
  const dbFile = join(dir, `tx-${n}.duckdb`);
  const csv = join(dir, `tx-${n}.csv`);
  if (!existsSync(csv)) {
    const t0 = performance.now();
    generateCsv(csv, n);
    execFileSync('chmod', ['644', csv]);
    console.error(`simulated ${fmtN(n)} transactions in ${sec(performance.now() - t0)} (${mb(statSync(csv).size)} CSV)`);
  }
  if (!existsSync(dbFile)) {
    const gen = await openDuckDb({ database: dbFile, threads: THREADS });
    const t0 = performance.now();
    await gen.query(`CREATE TABLE tx AS SELECT * FROM read_csv('${csv}', columns = {'customer_id': 'BIGINT', 'date': 'DATE', 'amount': 'DOUBLE'}, header = true)`);
    console.error(`loaded ${fmtN(n)} rows into DuckDB in ${sec(performance.now() - t0)} (${mb(statSync(dbFile).size)} on disk)`);
    await gen.close();
  }
  const engines = [];
  for (const e of ENGINES) {
    if (e === 'duckdb') engines.push({ name: 'duckdb', open: () => openDuckDb({ database: dbFile, threads: THREADS }), table: 'tx' });
    if (e === 'postgres' && n <= 10_000_000) {
      let url = arg('pg-url', process.env.KPI_PG_URL);
      if (!url) {
        if (!pgServer) {
          const out = execFileSync(join(ROOT, 'scripts/pg-test-server.sh'), { encoding: 'utf8' }).trim().split('\n');
          pgServer = { url: out[0], dir: out[1] };
        }
        url = pgServer.url;
      }
      engines.push({ name: 'postgres', url, table: `tx_${n}` });
    }
  }
  let reference = null;
  for (const eng of engines) {
    let conn;
    if (eng.name === 'postgres') {
      conn = await openPostgres(eng.url);
      const exists = await conn.query(`SELECT to_regclass('${eng.table}') IS NOT NULL AS e`);
      if (!exists[0].e) {
        const t0 = performance.now();
        await conn.query(`CREATE TABLE ${eng.table} (customer_id bigint, date date, amount double precision)`);
        await conn.query(`COPY ${eng.table} FROM '${csv}' WITH (FORMAT csv, HEADER true)`);
        await conn.query(`ANALYZE ${eng.table}`);
        console.error(`loaded ${fmtN(n)} rows into PostgreSQL in ${sec(performance.now() - t0)}`);
      }
      await conn.query(`SET work_mem = '256MB'`);
    } else conn = await eng.open();
    const source = conn.relation(eng.table);
    const exactSql = sqlFor('patterns', conn.dialect, source, OPTS, true);
    const binSql = sqlFor('patterns', conn.dialect, source, { ...OPTS, bin: 1 }, true);
    const exact = await timed(async () => rowsOf('patterns', await conn.query(exactSql)));
    const binned = await timed(async () => rowsOf('patterns', await conn.query(binSql)));
    await conn.close();
    const file = JSON.stringify(aggregateFile('patterns', { engine: eng.name, input: eng.table }, { unit: 'weeks', calibrationEnd: END }, exact.out));
    const binFile = JSON.stringify(aggregateFile('patterns', { engine: eng.name, input: eng.table }, { unit: 'weeks', calibrationEnd: END, bin: 1 }, binned.out));
    const custN = exact.out.reduce((s, r) => s + r.n, 0);
    if (!reference) {
      const fitTimes = [];
      let fx;
      for (let r = 0; r < RUNS; r++) {
        fx = fitOf(exact.out, { sums: true });
        fitTimes.push(fx.ms);
      }
      const withSums = fitOf(binned.out, { sums: true });
      const noSums = fitOf(binned.out, { sums: false });
      reference = { fitMs: median(fitTimes), fx: fx.f, withSums: withSums.f, noSums: noSums.f };
      detail.push(`- ${fmtN(n)} transactions: exact fit r ${fx.f.r.toFixed(5)}, α ${fx.f.alpha.toFixed(5)}, a ${fx.f.a.toFixed(5)}, b ${fx.f.b.toFixed(5)}; ` +
        `weekly bins with sums: ${paramErr(withSums.f, fx.f)}; without sums (bin labels): ${paramErr(noSums.f, fx.f)}.`);
    }
    say(`| ${fmtN(n)} | ${fmtN(custN)} | ${eng.name} | ${sec(exact.ms)} | ${fmtN(exact.out.length)} | ${mb(file.length)} | ${mb(gzipSync(file).length)} | ${sec(reference.fitMs)} | ${sec(binned.ms)} | ${fmtN(binned.out.length)} | ${mb(gzipSync(binFile).length)} | ${errPct(reference.withSums, reference.fx).toFixed(3)} % | ${errPct(reference.noSums, reference.fx).toFixed(2)} % |`);
  }
}
say('');
for (const d of detail) say(d);
say('\nFit error = the largest relative difference of r, α, a, b between the fit on weekly bins and the fit on the exact patterns.');
if (pgServer) execFileSync(join(ROOT, 'scripts/pg-test-server.sh'), ['stop', pgServer.dir]);
if (APPEND) appendFileSync(join(ROOT, 'bench/RESULTS.md'), (existsSync(join(ROOT, 'bench/RESULTS.md')) ? '' : '# Benchmark results\n') + lines.join('\n') + '\n');
if (argv.includes('--clean')) rmSync(dir, { recursive: true, force: true });
