import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { summarizeTransactions, type RfmRow, type RfmSummary, type Transaction } from '../../src/models/rfm-summary.ts';
import {
  clvPredictiveMeta,
  fitPredictiveClv,
  predictClv,
  predictCustomerClv,
  runLtvFit,
} from '../../src/models/clv-predictive.ts';
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive } from '../../src/models/bgnbd.ts';
import { gammaGammaExpectedSpend } from '../../src/models/gamma-gamma.ts';
import { fitClv, fitInWorker, fitInSlices } from '../../src/models/fit-client.ts';
import type { MetricValue, NotAvailable } from '../../src/core/result.ts';
import { loadMessages } from '../../src/kpis/messages.ts'; // as `kpi-kit/metrics` gives it: with the KPI names

// Spanish is loaded on demand (English is bundled): load it before the tests read it.
await loadMessages('es');

const transactions = (): Transaction[] =>
  JSON.parse(readFileSync(new URL('../../data/cdnow_transactions.json', import.meta.url), 'utf8')) as Transaction[];

function cdnowSummary(): RfmSummary {
  const s = summarizeTransactions(transactions(), { unit: 'weeks', calibrationEnd: '1997-09-30' });
  assert.ok(s.ok);
  return s;
}

function value(m: MetricValue): number {
  assert.ok(m.ok, m.ok ? '' : `${m.reason}: ${m.detail}`);
  return m.value;
}

function ok<T extends { readonly ok: true }>(r: T | NotAvailable): T {
  if (!r.ok) assert.fail(`${r.reason}: ${r.detail}`);
  return r;
}

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };

test('metadata: clv-predictive is described in both languages', () => {
  assert.equal(clvPredictiveMeta.id, 'clv-predictive');
  assert.equal(clvPredictiveMeta.unit, 'money');
  assert.equal(clvPredictiveMeta.better, 'up');
  assert.deepEqual(clvPredictiveMeta.seeds, ['Fader, Hardie & Lee 2005']);
  for (const lang of ['en', 'es'] as const) {
    assert.ok(clvPredictiveMeta.name[lang].length > 10);
    assert.ok(clvPredictiveMeta.formula[lang].includes('BG/NBD'));
  }
});

test('CDNOW end to end: both models fitted, every customer predicted, totals add up', () => {
  const fit = ok(fitPredictiveClv(cdnowSummary()));
  assert.ok(Math.abs(fit.bgnbd.r - 0.243) <= 0.001 && Math.abs(fit.bgnbd.alpha - 4.414) <= 0.001);
  assert.ok(Math.abs(fit.gammaGamma.p - 6.25) <= 0.015 && Math.abs(fit.gammaGamma.gamma - 15.44) <= 0.015);
  assert.deepEqual(fit.options, { unit: 'weeks', periods: 12, periodLength: 4.345, discountRate: 0.01, horizon: 12 * 4.345 });
  assert.equal(fit.customers.length, 2357);
  assert.equal(fit.totals.available, 2357);
  let clv = 0;
  let purchases = 0;
  for (const row of fit.customers) {
    assert.ok(row.ok);
    assert.ok(Number.isFinite(row.clv) && row.clv >= 0);
    assert.ok(row.probabilityAlive >= 0 && row.probabilityAlive <= 1);
    clv += row.clv;
    purchases += row.expectedPurchases;
  }
  assert.ok(Math.abs(fit.totals.clv - clv) < 1e-6);
  assert.ok(Math.abs(fit.totals.expectedPurchases - purchases) < 1e-9);
  assert.ok(Math.abs(value(fit.totals.meanClv) - clv / 2357) < 1e-9);
  // The first sample customer (x=2, t_x=30.43, T=38.86, m̄=22.345) keeps its RFM fields.
  const first = fit.customers[0];
  assert.equal(first.id, '1');
  assert.equal(first.frequency, 2);
});

test('CLV is Σ (E[N(t_i)] − E[N(t_{i−1})]) · spend / (1+d)^i, as lifetimes computes it', () => {
  const customer: RfmRow = { id: 'x', frequency: 2, recency: 30.43, T: 38.86, monetary: 22.345 };
  const periods = 12;
  const L = 4.345;
  const d = 0.01;
  const spend = value(gammaGammaExpectedSpend(GG, 2, 22.345));
  let expected = 0;
  for (let i = 1; i <= periods; i++) {
    const now = value(bgnbdConditionalExpectedPurchases(BG, 2, 30.43, 38.86, i * L));
    const before = value(bgnbdConditionalExpectedPurchases(BG, 2, 30.43, 38.86, (i - 1) * L));
    expected += ((now - before) * spend) / Math.pow(1 + d, i);
  }
  const p = ok(predictCustomerClv(BG, GG, customer, { periods, periodLength: L, discountRate: d }));
  assert.ok(Math.abs(p.clv - expected) < 1e-10 * expected, `${p.clv} vs ${expected}`);
  assert.equal(p.expectedSpend, spend);
  assert.equal(p.probabilityAlive, value(bgnbdProbabilityAlive(BG, 2, 30.43, 38.86)));
  assert.ok(Math.abs(p.expectedPurchases - value(bgnbdConditionalExpectedPurchases(BG, 2, 30.43, 38.86, periods * L))) < 1e-12);

  // No discounting, one period: CLV = E[Y(t)] × spend (the published 1.226 purchases over 39 weeks).
  const flat = ok(predictCustomerClv(BG, GG, customer, { periods: 1, periodLength: 39, discountRate: 0 }));
  assert.equal(Math.round(flat.expectedPurchases * 1000) / 1000, 1.226);
  assert.ok(Math.abs(flat.clv - flat.expectedPurchases * spend) < 1e-9);
});

test('CLV grows with the horizon and falls with the discount rate', () => {
  const customer: RfmRow = { id: 'x', frequency: 5, recency: 30, T: 38, monetary: 40 };
  let prev = 0;
  for (const periods of [1, 3, 6, 12, 24, 60, 83]) {
    const c = ok(predictCustomerClv(BG, GG, customer, { periods })).clv;
    assert.ok(c > prev, `periods ${periods}`);
    prev = c;
  }
  let prevD = Infinity;
  for (const discountRate of [0, 0.005, 0.01, 0.05, 0.2]) {
    const c = ok(predictCustomerClv(BG, GG, customer, { discountRate })).clv;
    assert.ok(c < prevD, `discount ${discountRate}`);
    prevD = c;
  }
  // 360 weeks of a heavy buyer: finite
  const heavy = ok(predictCustomerClv(BG, GG, { id: 'h', frequency: 50, recency: 38.5, T: 38.86, monetary: 30 }, { periods: 360, periodLength: 1 }));
  assert.ok(Number.isFinite(heavy.clv) && heavy.clv > 0 && heavy.expectedPurchases > 100);
});

test('units: the default period is one month in the summary unit (4.345 weeks, 30 days, 1 month)', () => {
  const tx = transactions();
  const byUnit = (['weeks', 'days'] as const).map((unit) => {
    const s = summarizeTransactions(tx, { unit, calibrationEnd: '1997-09-30' });
    assert.ok(s.ok);
    return ok(fitPredictiveClv(s));
  });
  assert.equal(byUnit[0].options.periodLength, 4.345);
  assert.equal(byUnit[1].options.periodLength, 30);
  // α scales with the unit, r, a, b do not
  assert.ok(Math.abs(byUnit[1].bgnbd.alpha / byUnit[0].bgnbd.alpha - 7) < 1e-3);
  assert.ok(Math.abs(byUnit[1].bgnbd.r - byUnit[0].bgnbd.r) < 1e-4);
  // 30 days ≈ 4.2857 weeks vs lifetimes' 4.345: totals within 2 %
  assert.ok(Math.abs(byUnit[1].totals.clv / byUnit[0].totals.clv - 1) < 0.02);
});

test('runLtvFit: transactions in, same result as summary in; with the summary bookkeeping', () => {
  const fromTx = runLtvFit(transactions(), { summary: { calibrationEnd: '1997-09-30' } });
  const fromSummary = fitPredictiveClv(cdnowSummary());
  assert.ok(fromTx.ok && fromSummary.ok);
  assert.equal(fromTx.totals.clv, fromSummary.totals.clv);
  assert.deepEqual(fromTx.bgnbd, fromSummary.bgnbd);
  assert.equal(fromTx.summary?.rows, 6919);
  assert.equal(fromTx.summary?.calibrationEnd, '1997-09-30');
});

test('not available instead of garbage', () => {
  const cases: [unknown, string][] = [
    [{ customers: [] }, 'no-data'],
    [{ customers: [{ id: 'a', frequency: 0, recency: 0, T: 3, monetary: 0 }] }, 'no-data'],
    [{ customers: [{ id: 'a', frequency: 1, recency: 5, T: 3, monetary: 9 }] }, 'invalid-input'],
    [{}, 'invalid-input'],
    [null, 'invalid-input'],
  ];
  for (const [input, reason] of cases) {
    const r = fitPredictiveClv(input as RfmSummary);
    assert.equal(r.ok, false, JSON.stringify(input));
    if (!r.ok) assert.equal(r.reason, reason, JSON.stringify(input));
  }
  const s = cdnowSummary();
  for (const options of [{ periods: 0 }, { periods: 1.5 }, { discountRate: -1 }, { periodLength: 0 }, { discountRate: Number.NaN }]) {
    const r = fitPredictiveClv(s, options);
    assert.equal(r.ok, false, JSON.stringify(options));
  }
  assert.equal(runLtvFit('nope' as unknown as Transaction[]).ok, false);
  // q ≤ 1: a one-time buyer has no finite expected spend; the row says so, the others still count
  const r = predictClv(BG, { p: 2, q: 0.9, gamma: 10 }, [
    { id: 'one-timer', frequency: 0, recency: 0, T: 10, monetary: 0 },
    { id: 'repeat', frequency: 3, recency: 8, T: 10, monetary: 20 },
  ]);
  assert.ok(!('reason' in r));
  assert.equal(r.customers[0].ok, false);
  assert.equal(r.customers[1].ok, true);
  assert.equal(r.totals.available, 1);
});

test('property: rows are finite or carry a reason; never NaN', () => {
  const row = fc
    .record({
      frequency: fc.integer({ min: 0, max: 80 }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      T: fc.double({ min: 0, max: 200, noNaN: true }),
      monetary: fc.double({ min: 0.01, max: 5000, noNaN: true }),
    })
    .map(({ frequency, share, T, monetary }) => ({
      id: 'c',
      frequency,
      recency: frequency === 0 ? 0 : share * T,
      T,
      monetary: frequency === 0 ? 0 : monetary,
    }));
  fc.assert(
    fc.property(
      fc.record({
        r: fc.double({ min: 0.05, max: 10, noNaN: true }),
        alpha: fc.double({ min: 0.1, max: 100, noNaN: true }),
        a: fc.double({ min: 0.05, max: 10, noNaN: true }),
        b: fc.double({ min: 0.05, max: 10, noNaN: true }),
      }),
      fc.record({
        p: fc.double({ min: 0.1, max: 20, noNaN: true }),
        q: fc.double({ min: 0.5, max: 20, noNaN: true }),
        gamma: fc.double({ min: 0.1, max: 100, noNaN: true }),
      }),
      fc.array(row, { minLength: 1, maxLength: 5 }),
      (bg, gg, customers) => {
        const r = predictClv(bg, gg, customers);
        assert.ok(!('reason' in r));
        for (const c of r.customers) {
          if (c.ok) {
            for (const v of [c.clv, c.expectedPurchases, c.expectedSpend, c.probabilityAlive]) assert.ok(Number.isFinite(v));
          } else {
            assert.ok(typeof c.reason === 'string' && c.detail.length > 0);
          }
        }
        assert.ok(Number.isFinite(r.totals.clv));
      },
    ),
    { numRuns: 150, seed: 415 },
  );
});

// --- fitInWorker: worker path (with stand-in workers) and the sliced main-thread fallback ---

type WorkerLike = {
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { preventDefault(): void }) => void) | null;
  onmessageerror: (() => void) | null;
  postMessage(m: unknown): void;
  terminate(): void;
};

async function withWorker<T>(ctor: unknown, body: () => Promise<T>): Promise<T> {
  const g = globalThis as { Worker?: unknown };
  const before = g.Worker;
  g.Worker = ctor;
  try {
    return await body();
  } finally {
    if (before === undefined) delete g.Worker;
    else g.Worker = before;
  }
}

test('fitInWorker without Worker (Node): runs in main-thread slices, yields, same result as the sync fit', async () => {
  const tx = transactions();
  const sync = runLtvFit(tx, { summary: { calibrationEnd: '1997-09-30' } });
  let slices = 0;
  const r = await fitInWorker(tx, {
    summary: { calibrationEnd: '1997-09-30' },
    sliceMs: 0.25, // the whole CDNOW fit is now ~20 ms: thin slices so there are several
    onProgress: (p) => {
      assert.equal(p.where, 'main-thread');
      slices++;
    },
  });
  assert.ok(r.ok && sync.ok);
  assert.equal(r.totals.clv, sync.totals.clv);
  assert.ok(slices > 5, `only ${slices} slices`);
});

test('fitClv, the public entry point: the same fit as the sync one, and its signal aborts', async () => {
  const tx = transactions();
  const sync = runLtvFit(tx, { summary: { calibrationEnd: '1997-09-30' } });
  const r = await fitClv(tx, { summary: { calibrationEnd: '1997-09-30' } });
  assert.ok(r.ok && sync.ok);
  assert.equal(r.totals.clv, sync.totals.clv);
  assert.equal(r.bgnbd.r, sync.bgnbd.r);
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(fitClv(tx, { signal: ac.signal }), (e: Error) => e.name === 'AbortError');
});

test('fitInWorker honours AbortSignal: before start and mid-fit', async () => {
  const tx = transactions();
  const pre = new AbortController();
  pre.abort();
  await assert.rejects(fitInWorker(tx, {}, pre.signal), (e: Error) => e.name === 'AbortError');
  const mid = new AbortController();
  const p = fitInSlices(tx, { summary: { calibrationEnd: '1997-09-30' }, sliceMs: 1 }, mid.signal);
  setTimeout(() => mid.abort(), 5);
  await assert.rejects(p, (e: Error) => e.name === 'AbortError');
});

test('fitInWorker with a Worker: posts a cloneable request, resolves with the reply, terminates', async () => {
  const seen: { url?: string; type?: string; request?: unknown; terminated: number } = { terminated: 0 };
  class EchoWorker implements WorkerLike {
    onmessage: WorkerLike['onmessage'] = null;
    onerror: WorkerLike['onerror'] = null;
    onmessageerror: WorkerLike['onmessageerror'] = null;
    constructor(url: URL, opts: { type: string }) {
      seen.url = String(url);
      seen.type = opts.type;
    }
    postMessage(m: unknown): void {
      seen.request = structuredClone(m); // throws if a function slipped into the options
      const { id } = m as { id: number };
      setTimeout(() => {
        this.onmessage?.({ data: { type: 'progress', id, stage: 'bgnbd', done: 3 } });
        this.onmessage?.({ data: { type: 'result', id, result: { ok: false, reason: 'no-data', detail: 'stub' } } });
      }, 0);
    }
    terminate(): void {
      seen.terminated++;
    }
  }
  const progress: string[] = [];
  const r = await withWorker(EchoWorker, () =>
    fitInWorker({ customers: [] }, { periods: 6, onProgress: (p) => progress.push(`${p.where}:${p.stage}`) }),
  );
  assert.deepEqual(r, { ok: false, reason: 'no-data', detail: 'stub' });
  assert.ok(seen.url?.endsWith('/entries/worker.ts'));
  assert.equal(seen.type, 'module');
  assert.deepEqual((seen.request as { options: unknown }).options, { periods: 6 });
  assert.deepEqual(progress, ['worker:bgnbd']);
  assert.equal(seen.terminated, 1);

  // abort while the worker is busy: terminated, rejected
  class SilentWorker extends EchoWorker {
    override postMessage(): void {}
  }
  // aborted at once: the job starts in a task of its own, so no worker is ever created
  const early = new AbortController();
  seen.url = undefined;
  const never = withWorker(SilentWorker, () => {
    const p = fitInWorker({ customers: [] }, {}, early.signal);
    early.abort();
    return p;
  });
  await assert.rejects(never, (e: Error) => e.name === 'AbortError');
  assert.equal(seen.url, undefined);
  assert.equal(seen.terminated, 1);
  // aborted once the worker is busy
  const ac = new AbortController();
  const pending = withWorker(SilentWorker, async () => {
    const p = fitInWorker({ customers: [] }, {}, ac.signal);
    while (seen.url === undefined) await new Promise((r) => setTimeout(r, 1));
    ac.abort();
    return p;
  });
  await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
  // terminated once the job has had 250 ms to cancel its own work
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(seen.terminated, 2);
});

test('fitInWorker falls back to the main thread when the worker cannot start or fails to load', async () => {
  const s = cdnowSummary();
  const expected = fitPredictiveClv(s);
  assert.ok(expected.ok);
  class Refused {
    constructor() {
      throw new Error('Refused by worker-src');
    }
  }
  const a = await withWorker(Refused, () => fitInWorker(s, {}));
  assert.ok(a.ok);
  assert.equal(a.totals.clv, expected.totals.clv);
  let terminated = 0;
  class Broken implements WorkerLike {
    onmessage: WorkerLike['onmessage'] = null;
    onerror: WorkerLike['onerror'] = null;
    onmessageerror: WorkerLike['onmessageerror'] = null;
    postMessage(): void {
      setTimeout(() => this.onerror?.({ preventDefault() {} }), 0);
    }
    terminate(): void {
      terminated++;
    }
  }
  const b = await withWorker(Broken, () => fitInWorker(s, {}));
  assert.ok(b.ok);
  assert.equal(b.totals.clv, expected.totals.clv);
  assert.equal(terminated, 1);
});

test('predictions shared per (x, T) equal the per-customer formula, also at the bridged point a = 1', () => {
  const rows: RfmRow[] = [];
  for (const T of [20, 38.86]) {
    for (const [x, tx] of [[0, 0], [2, 5], [2, 18], [7, 19.5]]) rows.push({ id: `${x}-${tx}-${T}`, frequency: x, recency: tx, T, monetary: 20 + x });
  }
  for (const bg of [BG, { ...BG, a: 1 }]) {
    const o = { periods: 8, periodLength: 1, discountRate: 0.002 };
    const all = predictClv(bg, GG, rows, o);
    assert.ok(!('ok' in all));
    rows.forEach((c, i) => {
      const row = all.customers[i];
      assert.ok(row.ok);
      let expected = 0;
      let prev = 0;
      for (let k = 1; k <= o.periods; k++) {
        const e = value(bgnbdConditionalExpectedPurchases(bg, c.frequency, c.recency, c.T, k));
        expected += (e - prev) / Math.pow(1 + o.discountRate, k);
        prev = e;
      }
      expected *= value(gammaGammaExpectedSpend(GG, c.frequency, c.monetary));
      assert.ok(Math.abs(row.clv - expected) <= 1e-12 * Math.max(1, expected), `${c.id}: ${row.clv} vs ${expected}`);
      assert.equal(row.id, c.id);
      assert.equal(row.monetary, c.monetary);
    });
  }
});
