// Browser side of bench/metrics.mjs: bundled with esbuild (src + arquero) into one script that the
// page loads. Exposes globalThis.kpiBench = { makeJson, run }.
import * as aq from 'arquero';
import { avgTransaction, dealColumns, dealSummary, isoDayTime, revenue, salesCycle, winRate } from '../../src/kpis/index.ts';

const op = aq.op;

/** Deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);

/** JSON text of n synthetic deals: { id, owner, channel, region, status, amount, createdDate, closeDate }. */
export function makeJson(n, seed = 42) {
  const r = rng(seed);
  const owners = Array.from({ length: 35 }, (_, i) => `Agent ${i + 1}`);
  const channels = ['web', 'ads', 'referral', 'social', 'events', 'outbound'];
  const regions = ['Central', 'East', 'West'];
  const start = Date.UTC(2016, 0, 1);
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const u = r();
    const status = u < 0.45 ? 'won' : u < 0.75 ? 'lost' : 'open';
    const created = start + Math.floor(r() * 700) * DAY;
    rows[i] = {
      id: `D${i}`,
      owner: owners[Math.floor(r() * owners.length)],
      channel: channels[Math.floor(r() * channels.length)],
      region: regions[Math.floor(r() * regions.length)],
      status,
      amount: status === 'open' ? null : 100 + Math.floor(r() * 9900),
      createdDate: iso(created),
      closeDate: status === 'open' ? null : iso(created + Math.floor(r() * 150) * DAY),
    };
  }
  return JSON.stringify(rows);
}

const now = () => performance.now();
/** A full collection between timed steps (Chromium runs with --js-flags=--expose-gc), so no step pays for the garbage of the one before. */
const settle = () => globalThis.gc?.();

/**
 * Floors, for scale: what any single pass from the parsed objects pays before adding anything up.
 * `touchPass` reads one field of every row; `floorPass` reads what these metrics need (status of
 * every row; owner and channel of closed deals, interned in a Map; amount and both dates of won
 * deals, parsed) and keeps only a checksum, no sums by group.
 */
function touchPass(rows) {
  let n = 0;
  for (let i = 0; i < rows.length; i++) if (rows[i].status === 'won') n++;
  return n;
}
function floorPass(rows) {
  const owners = new Map();
  const channels = new Map();
  let x = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const s = r.status;
    if (s === 'open') continue;
    let a = owners.get(r.owner);
    if (a === undefined) owners.set(r.owner, (a = owners.size));
    let b = channels.get(r.channel);
    if (b === undefined) channels.set(r.channel, (b = channels.size));
    x += a + b;
    if (s === 'won') x += r.amount + (isoDayTime(r.closeDate) - isoDayTime(r.createdDate)) / 864e5;
  }
  return x;
}

/** JSON text of a MetricValue or Grouped, for exact comparisons. */
const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);

/**
 * The same five aggregations, four ways. Returns times (ms) and results (to cross-check).
 * `full` also compares every grouped result of the summary with the columnar metrics (untimed).
 */
export function run(json, full = false) {
  const t = {};
  settle();
  let t0 = now();
  const rows = JSON.parse(json);
  t.parse = now() - t0;

  // kpi-kit: the fused deal summary, one pass over the parsed rows (every metric, total and by
  // channel and by owner: a superset of what is compared below).
  settle();
  t0 = now();
  const s = dealSummary(rows, { groupBy: ['channel', 'owner'] });
  const k = {
    revenue: s.revenue,
    byChannel: s.by.channel.revenue,
    avg: s.avgTransaction,
    winByOwner: s.by.owner.winRate,
    cycleMean: s.salesCycle,
    cycleMedian: s.salesCycleMedian,
  };
  t.compute = now() - t0;

  // the floors (see floorPass), on the same fresh rows
  settle();
  t0 = now();
  touchPass(rows);
  t.touch = now() - t0;
  settle();
  t0 = now();
  floorPass(rows);
  t.floor = now() - t0;

  // kpi-kit, columnar fast path: one column build (dates parsed once), then one pass per metric.
  settle();
  t0 = now();
  const cols = dealColumns(rows, ['owner', 'channel']);
  t.columns = now() - t0;
  t0 = now();
  const kc = {
    revenue: revenue(cols),
    byChannel: revenue(cols, { groupBy: 'channel' }),
    avg: avgTransaction(cols),
    winByOwner: winRate(cols, { groupBy: 'owner' }),
    cycleMean: salesCycle(cols),
    cycleMedian: salesCycle(cols, { stat: 'median' }),
  };
  t.metrics = now() - t0;
  t.columnar = t.columns + t.metrics;

  // kpi-kit, record path (the same functions on the parsed objects): for reference.
  settle();
  t0 = now();
  const kr = {
    revenue: revenue(rows),
    byChannel: revenue(rows, { groupBy: 'channel' }),
    avg: avgTransaction(rows),
    winByOwner: winRate(rows, { groupBy: 'owner' }),
    cycleMean: salesCycle(rows),
    cycleMedian: salesCycle(rows, { stat: 'median' }),
  };
  t.records = now() - t0;

  // Arquero, as a user would write it: a table from the objects, then verbs.
  settle();
  t0 = now();
  const dt = aq.from(rows);
  t.arqueroTable = now() - t0;
  const won = dt.filter((d) => d.status === 'won');
  const a = {
    revenue: won.rollup({ v: op.sum('amount') }).get('v', 0),
    byChannel: won.groupby('channel').rollup({ v: op.sum('amount') }).objects(),
    avg: won.rollup({ v: op.mean('amount') }).get('v', 0),
    winByOwner: dt
      .filter((d) => d.status !== 'open')
      .groupby('owner')
      .rollup({ won: (d) => op.sum(d.status === 'won' ? 1 : 0), n: op.count() })
      .derive({ rate: (d) => d.won / d.n })
      .objects(),
  };
  const cycle = won.derive({ days: (d) => (op.parse_date(d.closeDate) - op.parse_date(d.createdDate)) / 86400000 }).rollup({ mean: op.mean('days'), median: op.median('days') });
  a.cycleMean = cycle.get('mean', 0);
  a.cycleMedian = cycle.get('median', 0);
  t.arquero = now() - t0;
  t.arqueroVerbs = t.arquero - t.arqueroTable;

  // Cross-check: the four agree. Each kpi-kit path against Arquero (to 1e-6, on every group and
  // with the same group count), and the summary against the columnar metrics exactly (same values,
  // numerators, denominators, rows).
  const close = (x, y) => Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x));
  const agrees = (m) => {
    const channel = Object.fromEntries(m.byChannel.groups.map((g) => [g.key, g.value.value]));
    const owner = Object.fromEntries(m.winByOwner.groups.map((g) => [g.key, g.value.value]));
    return (
      close(m.revenue.value, a.revenue) && close(m.avg.value, a.avg) &&
      close(m.cycleMean.value, a.cycleMean) && close(m.cycleMedian.value, a.cycleMedian) &&
      a.byChannel.every((g) => close(channel[g.channel], g.v)) && a.winByOwner.every((g) => close(owner[g.owner], g.rate)) &&
      m.byChannel.groups.length === a.byChannel.length && m.winByOwner.groups.length === a.winByOwner.length
    );
  };
  const fails = [];
  if (!agrees(k)) fails.push('summary vs Arquero');
  if (!agrees(kc)) fails.push('columns vs Arquero');
  if (!agrees(kr)) fails.push('records vs Arquero');
  for (const name of Object.keys(k)) if (!same(k[name], kc[name])) fails.push(`summary vs columns: ${name}`);
  if (full) {
    // every metric of the summary by each dimension, against the metric functions over the columns
    for (const dim of ['channel', 'owner']) {
      const by = s.by[dim];
      const want = {
        revenue: revenue(cols, { groupBy: dim }),
        avgTransaction: avgTransaction(cols, { groupBy: dim }),
        winRate: winRate(cols, { groupBy: dim }),
        salesCycle: salesCycle(cols, { groupBy: dim }),
        salesCycleMedian: salesCycle(cols, { groupBy: dim, stat: 'median' }),
      };
      for (const m of Object.keys(want)) if (!same(by[m], want[m])) fails.push(`summary vs columns: ${m} by ${dim}`);
    }
  }
  const ok = fails.length === 0;
  return { t, ok, fails, sample: { revenue: k.revenue.value, avg: k.avg.value, cycleMean: k.cycleMean.value, cycleMedian: k.cycleMedian.value, rows: rows.length } };
}
