// Runtime side of bench/deal-aggregate.mjs, bundled by esbuild (src included) and run in Node or
// in Chromium. Exposes { makeColumns, paths, same }: synthetic deal columns, and three ways to get
// the 15 deal values (revenue, average deal, win rate, sales cycle mean and median; total, by
// channel and by owner) over the same prebuilt columns:
//   fifteen — the 15 metric calls over the columns (revenue(cols, …) etc.: one pass each);
//   fused   — aggregateDeals(cols, { groupBy }) then finishDeals(aggregate): one pass, then finishing;
//   hand    — a hand-written typed-array loop: one pass into Float64Array sums, the cycles
//             collected, partitioned per cell and selected — by counting for whole days (the floor
//             the fused pass is held to).
import { seeded } from '../mulberry32.mjs';
import { dealColumns } from '../../src/kpis/columns.ts';
import * as columns from '../../src/kpis/columns.ts';
import * as dealAggregate from '../../src/kpis/deal-aggregate.ts';
import { revenue } from '../../src/kpis/revenue.ts';
import { avgTransaction } from '../../src/kpis/avg-transaction.ts';
import { winRate } from '../../src/kpis/win-rate.ts';
import { salesCycle } from '../../src/kpis/sales-cycle.ts';
import { medianInPlace } from '../../src/core/stats.ts';

const DAY = 86_400_000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);

/** Columns of n synthetic deals (as bench/metrics: 35 owners, 6 channels, 45 % won, 30 % lost). */
export function makeColumns(n, seed = 42) {
  const { rand: r } = seeded(seed);
  const owners = Array.from({ length: 35 }, (_, i) => `Agent ${i + 1}`);
  const channels = ['web', 'ads', 'referral', 'social', 'events', 'outbound'];
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
      status,
      amount: status === 'open' ? null : 100 + Math.floor(r() * 9900),
      createdDate: iso(created),
      closeDate: status === 'open' ? null : iso(created + Math.floor(r() * 150) * DAY),
    };
  }
  return dealColumns(rows, ['channel', 'owner']);
}

const DIMS = ['channel', 'owner'];
const METRICS = ['revenue', 'avgTransaction', 'winRate', 'salesCycle', 'salesCycleMedian'];

/** The 15 values the old way: one metric call (one pass) each. */
function fifteen(cols) {
  const one = (g) => ({
    revenue: revenue(cols, { groupBy: g }),
    avgTransaction: avgTransaction(cols, { groupBy: g }),
    winRate: winRate(cols, { groupBy: g }),
    salesCycle: salesCycle(cols, { groupBy: g }),
    salesCycleMedian: salesCycle(cols, { groupBy: g, stat: 'median' }),
  });
  const total = one(undefined);
  return { ...total, by: { channel: one('channel'), owner: one('owner') } };
}

/** The 15 values in one fused pass plus the finishing step. */
function fused(cols) {
  return dealAggregate.finishDeals(columns.aggregateDeals(cols, { groupBy: DIMS }));
}

// Slots of a cell in the hand loop's sums.
const REV = 0, SALES = 1, MISSING = 2, CLOSED = 3, WON = 4, CYC = 5, CYC_N = 6, S = 8;

/** The hand-written loop: the same numbers, no objects per row or per metric. */
function hand(cols) {
  const { status, amount, created, closed, length: n } = cols;
  const ch = cols.dims.channel.codes, ow = cols.dims.owner.codes;
  const nc = cols.dims.channel.keys.length, no = cols.dims.owner.keys.length;
  const cells = 1 + nc + no;
  const acc = new Float64Array(cells * S);
  const days = new Float64Array(n);
  const dch = new Int32Array(n), dow = new Int32Array(n);
  let k = 0, maxDay = 0, whole = true;
  for (let i = 0; i < n; i++) {
    const s = status[i];
    if (s === 0) continue;
    const oc = (1 + ch[i]) * S, oo = (1 + nc + ow[i]) * S;
    acc[CLOSED]++; acc[oc + CLOSED]++; acc[oo + CLOSED]++;
    if (s !== 1) continue;
    acc[WON]++; acc[oc + WON]++; acc[oo + WON]++;
    const a = amount[i];
    if (a === a) {
      acc[REV] += a; acc[oc + REV] += a; acc[oo + REV] += a;
      acc[SALES]++; acc[oc + SALES]++; acc[oo + SALES]++;
    } else {
      acc[MISSING]++; acc[oc + MISSING]++; acc[oo + MISSING]++;
    }
    const x = (closed[i] - created[i]) / DAY;
    if (x >= 0) {
      acc[CYC] += x; acc[oc + CYC] += x; acc[oo + CYC] += x;
      acc[CYC_N]++; acc[oc + CYC_N]++; acc[oo + CYC_N]++;
      days[k] = x; dch[k] = ch[i]; dow[k] = ow[i]; k++;
      if (x > maxDay) maxDay = x;
      if (Math.floor(x) !== x) whole = false;
    }
  }
  // medians: partition the cycles by cell (counting sort), select in each part (by counting when
  // the cycles are whole days, as ISO dates give them; else quickselect), then the total
  if (!whole || maxDay >= 1 << 16) maxDay = -1;
  const med = new Float64Array(cells);
  const part = new Float64Array(k);
  const split = (codes, first, m) => {
    const at = new Int32Array(m + 1);
    for (let j = 0; j < k; j++) at[codes[j] + 1]++;
    for (let c = 0; c < m; c++) at[c + 1] += at[c];
    const start = at.slice(0, m);
    for (let j = 0; j < k; j++) part[at[codes[j]]++] = days[j];
    for (let c = 0; c < m; c++) med[first + c] = at[c] > start[c] ? handMedian(part.subarray(start[c], at[c]), maxDay) : NaN;
  };
  split(dch, 1, nc);
  split(dow, 1 + nc, no);
  med[0] = k > 0 ? handMedian(days.subarray(0, k), maxDay) : NaN;
  return { acc, med, cells, nc, no, keys: { channel: cols.dims.channel.keys, owner: cols.dims.owner.keys } };
}

/** Median of whole days in [0, maxDay] by counting (maxDay < 0: quickselect). */
function handMedian(xs, maxDay) {
  const n = xs.length;
  if (maxDay < 0 || n < 64 || maxDay >= n) return medianInPlace(xs);
  const hist = new Int32Array(maxDay + 1);
  for (let i = 0; i < n; i++) hist[xs[i] | 0]++;
  const lo = (n - 1) >> 1, hi = n >> 1;
  let seen = 0, vlo = -1;
  for (let d = 0; d <= maxDay; d++) {
    seen += hist[d];
    if (vlo < 0 && seen > lo) vlo = d;
    if (seen > hi) return n % 2 ? d : (vlo + d) / 2;
  }
  return vlo;
}

export const paths = { fifteen, fused, hand };
export const hasFused = typeof columns.aggregateDeals === 'function' && typeof dealAggregate.finishDeals === 'function';

/** The hand loop's 15 values as plain numbers, keyed like a summary's: 'revenue', 'owner:revenue:Agent 1', … */
function handNumbers(h) {
  const out = new Map();
  const put = (prefix, cell) => {
    const o = cell * S;
    const sales = h.acc[o + SALES], closedN = h.acc[o + CLOSED], cycN = h.acc[o + CYC_N];
    if (sales > 0) {
      out.set(`${prefix}revenue`, h.acc[o + REV]);
      out.set(`${prefix}avgTransaction`, h.acc[o + REV] / sales);
    }
    if (closedN > 0) out.set(`${prefix}winRate`, h.acc[o + WON] / closedN);
    if (cycN > 0) {
      out.set(`${prefix}salesCycle`, h.acc[o + CYC] / cycN);
      out.set(`${prefix}salesCycleMedian`, h.med[cell]);
    }
  };
  put('', 0);
  h.keys.channel.forEach((key, c) => put(`channel:${key}:`, 1 + c));
  h.keys.owner.forEach((key, c) => put(`owner:${key}:`, 1 + h.nc + c));
  return out;
}

/** A summary's values the same way (its grouped totals must equal its plain totals). */
function summaryNumbers(s) {
  const out = new Map();
  for (const m of METRICS) if (s[m].ok) out.set(m, s[m].value);
  for (const d of DIMS) {
    for (const m of METRICS) {
      if (JSON.stringify(s.by[d][m].total) !== JSON.stringify(s[m])) out.set(`bad total ${d}:${m}`, NaN);
      for (const g of s.by[d][m].groups) if (g.value.ok) out.set(`${d}:${g.key}:${m}`, g.value.value);
    }
  }
  return out;
}

/** Where two results differ (exactly: same numbers, same order of additions), or [] . */
export function same(results) {
  const maps = Object.entries(results).map(([name, r]) => [name, name === 'hand' ? handNumbers(r) : summaryNumbers(r)]);
  const [refName, ref] = maps[0];
  const fails = [];
  for (const [name, m] of maps.slice(1)) {
    if (m.size !== ref.size) fails.push(`${name}: ${m.size} values, ${refName}: ${ref.size}`);
    for (const [k, v] of ref) if (!Object.is(m.get(k), v)) fails.push(`${name} ${k}: ${m.get(k)} vs ${v}`);
  }
  if (ref.size < 15) fails.push(`only ${ref.size} values`);
  // the full summaries agree exactly, not only their numbers
  if (results.fifteen && results.fused && JSON.stringify(results.fifteen) !== JSON.stringify(results.fused)) fails.push('fused summary JSON differs from the 15 calls');
  return fails.slice(0, 10);
}

const now = () => performance.now();

/**
 * Times each path once (a full GC before each when available), in a rotating order so no path
 * always runs right after the column build or another path. Returns ms per path.
 */
export function rep(cols, names, r) {
  const t = {};
  const order = names.map((_, i) => names[(i + r) % names.length]);
  for (const name of order) {
    globalThis.gc?.();
    const t0 = now();
    paths[name](cols);
    t[name] = now() - t0;
  }
  return t;
}

/** Each path's result, for `same`. */
export function results(cols, names) {
  return Object.fromEntries(names.map((n) => [n, paths[n](cols)]));
}
