/**
 * The data-quality pass (src/core/data/quality.ts) and what each widget does with it, with
 * hand-worked numbers; the CRM export through the whole read path; and property tests: an
 * exact duplicate row changes no KPI, a refund never raises revenue.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { QualityPass, qualityPass, checkDuplicateColumns, isCurrencyCode, checkCurrencyAttribute, excludedAsRejected } from '../../src/core/data/quality.ts';
import { KpiError } from '../../src/core/data/errors.ts';
import { parseText } from '../../src/core/data/load.ts';
import { toColumns } from '../../src/widgets/ltv/columns.ts';
import { checkAccurate } from '../../src/widgets/scorecard/six-a.ts';
import { runWidget } from './bad-inputs-harness.ts';

const CRM_PRODUCTS = ['GTX Basic', 'GTX Pro', 'MG Special', 'MG Advanced', 'GTX Plus Pro', 'GTX Plus Basic', 'GTK 500'];

test('the pass: each class found, rows named once each, distinct rows counted', () => {
  const rows: Record<string, unknown>[] = [
    { id: 'a', amount: 10, date: Date.UTC(2017, 0, 1) }, // row 1: clean
    { id: 'a', amount: 10, date: Date.UTC(2017, 0, 1) }, // row 2: duplicate of 1
    { id: 'b', amount: -5, date: Date.UTC(2099, 0, 1) }, // row 3: negative AND future (one row, two findings)
    { id: 'c', amount: 1e13 }, // row 4: implausible
    { id: 'd', amount: 20, margin: 30 }, // row 5: margin above the amount
    { id: 'e', amount: Number.POSITIVE_INFINITY }, // row 6: implausible
  ];
  const q = qualityPass(rows, [1, 2, 3, 4, 5, 6], {
    id: 'id', amount: 'amount', dates: ['date'], asOf: Date.UTC(2017, 11, 31), future: 'kept',
    domain: [{ field: 'margin', ok: (v, r) => (v as number) <= (r['amount'] as number), message: 'margin above amount', action: 'value-ignored' }],
  });
  const by = Object.fromEntries(q.report.findings.map((f) => [f.class, f.rows]));
  assert.deepEqual(by, { duplicate: [2], negative: [3], 'future-date': [3], implausible: [4, 6], domain: [5] });
  // Rows 2..6 involved: 5 distinct rows, although 6 findings-rows (row 3 twice).
  assert.equal(q.report.rows, 5);
  assert.equal(q.report.findings.reduce((s, f) => s + f.rows.length, 0), 6);
  // Excluded: 2 (duplicate), 4 and 6 (implausible); kept 1, 3 (amount ignored), 5 (margin ignored).
  assert.equal(q.report.excluded, 3);
  assert.deepEqual(q.rowNumbers, [1, 3, 5]);
  assert.equal(q.rows[1]!['amount'], undefined);
  assert.equal(q.rows[2]!['margin'], undefined);
  assert.deepEqual(excludedAsRejected(q.report).map((r) => r.row), [2, 4, 6]);
  assert.deepEqual(q.report.byClass, { duplicate: 1, negative: 1, 'future-date': 1, implausible: 2, domain: 1 });
  assert.deepEqual(q.report.findings.find((f) => f.class === 'duplicate')!.examples, ['a']);
});

test('a row already excluded does not claim its id: the next row with it is kept', () => {
  const q = qualityPass([{ id: 'x', amount: 1e15 }, { id: 'x', amount: 5 }], [1, 2], { id: 'id', amount: 'amount' });
  assert.deepEqual(q.rowNumbers, [2]);
});

test('currencies: mixed → validation error naming the rows; explicit currency filters; all foreign → error', () => {
  const rows = () => [{ c: 'USD' }, { c: 'eur' }, { c: 'USD' }, { c: 'JPY' }];
  assert.throws(() => qualityPass(rows(), [1, 2, 3, 4], { currency: 'c' }), (e: KpiError) => {
    assert.equal(e.code, 'validation');
    assert.match(e.message, /USD: 2, EUR: 1, JPY: 1/);
    assert.deepEqual(e.issues!.map((i) => i.row), [2, 4]);
    return true;
  });
  const kept = qualityPass(rows(), [1, 2, 3, 4], { currency: 'c', pageCurrency: 'USD', currencyExplicit: true });
  assert.deepEqual(kept.rowNumbers, [1, 3]);
  assert.deepEqual(kept.report.findings[0]!.examples, ['EUR', 'JPY']);
  assert.throws(() => qualityPass(rows(), [1, 2, 3, 4], { currency: 'c', pageCurrency: 'GBP', currencyExplicit: true }), /no row is in GBP/);
  assert.throws(() => qualityPass([{ c: 'EUR' }], [1], { currency: 'c', pageCurrency: 'USD' }), /set currency="EUR"/);
  assert.equal(qualityPass([{ c: 'EUR' }], [1], { currency: 'c', pageCurrency: 'EUR' }).rows.length, 1);
});

test('currency codes: ISO 4217 only', () => {
  for (const c of ['USD', 'eur', 'JPY', 'MXN']) assert.equal(isCurrencyCode(c), true, c);
  for (const c of ['dollars', 'US', 'XYZ', '$', '']) assert.equal(isCurrencyCode(c), false, c);
  assert.throws(() => checkCurrencyAttribute('dollars'), (e: KpiError) => e.code === 'config' && /currency: "dollars" is not an ISO 4217/.test(e.message));
  assert.doesNotThrow(() => checkCurrencyAttribute('EUR'));
});

test('duplicate mapped columns: both named (CSV repeats become amount_2; case variants)', () => {
  const csv = parseText('customer,amount,amount\na,1,2', 'csv');
  assert.deepEqual(csv.header, ['customer', 'amount', 'amount_2']);
  assert.throws(() => checkDuplicateColumns(csv.header!, { amount: 'amount' }), /amount: 2 columns match \("amount", "amount_2"\)/);
  assert.throws(() => checkDuplicateColumns(['Amount', 'amount'], { amount: 'Amount' }), /"Amount", "amount"/);
  assert.doesNotThrow(() => checkDuplicateColumns(['amount', 'cost'], { amount: 'amount', cost: 'cost' }));
});

test('LTV refunds, by the rule: latest earlier purchases first; a fully refunded purchase is no purchase', () => {
  const day = (s: string) => s;
  const rows = [
    { customer: 'a', date: day('2017-01-01'), amount: 100 },
    { customer: 'a', date: day('2017-02-01'), amount: 50 },
    { customer: 'a', date: day('2017-03-01'), amount: -80 }, // takes 50 (Feb, gone) + 30 (Jan → 70)
    { customer: 'a', date: day('2017-04-01'), amount: 40 }, // after the refund: untouched
    { customer: 'b', date: day('2017-01-01'), amount: -10 }, // nothing before it: ignored; b is no customer
  ];
  const cols = toColumns(rows, { customer: 'customer', date: 'date', amount: 'amount' }, { asOf: Date.UTC(2018, 0, 1) });
  assert.deepEqual([...cols.amount], [70, 40]);
  assert.deepEqual(cols.ids, ['a']);
  assert.equal(cols.n, 2);
  const refund = cols.quality.findings.filter((f) => f.class === 'refund');
  assert.deepEqual(refund.map((f) => f.rows), [[3], [5], [2]]); // netted; larger than the purchases before it; fully refunded
  assert.equal(cols.rejected.length, 0);
});

test('six A accurate: flagged rows counted once each', () => {
  const acc = checkAccurate({ valid: 10, rejected: 0, flagged: { 'unknown-product': 3, 'open-without-account': 2 }, flaggedRows: 4 });
  assert.equal(acc.code, 'flagged');
  assert.equal(acc.params.flagged, 4);
  assert.equal(checkAccurate({ valid: 10, rejected: 0, flagged: { a: 3, b: 2 } }).params.flagged, 5);
});

test('CRM export through the scorecard read path: no duplicate ids, no refunds, 2,683 distinct flagged rows, Q4 revenue unchanged', async () => {
  const csv = readFileSync(new URL('../../data/crm_pipeline_teams.csv', import.meta.url), 'utf8');
  // Independent count (python csv over the file): 8800 rows, 8800 distinct opportunity_id,
  // 0 negative close_value; 1480 GTXPro rows ∪ 1425 open rows without account = 2683 (222 both).
  const config = { asOf: '2017-12-31', knownValues: { product: CRM_PRODUCTS }, kpis: [{ id: 'rev', metric: 'revenue', target: 3e6 }, { id: 'win', metric: 'win-rate', target: 0.6 }] };
  const o = await runWidget('scorecard', csv, 'src', { options: { config } });
  assert.equal(o.state, 'ready');
  const r = (o as { result: any }).result; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.deepEqual(r.quality.findings, []);
  assert.equal(r.quality.valid, 8800);
  assert.equal(r.quality.rejected, 0);
  assert.equal(r.quality.flaggedRows, 2683);
  assert.equal(r.rejected.length, 0);
  assert.equal(r.kpis[0].value.value, 2802496);
  const acc = r.kpis[0].checks.find((c: { a: string }) => c.a === 'accurate');
  assert.equal(acc.params.flagged, 2683);
});

test('CRM export through the funnel read path: 8,800 → 8,300 → 4,238, nothing found', async () => {
  const csv = readFileSync(new URL('../../data/sales_pipeline.csv', import.meta.url), 'utf8');
  const o = await runWidget('funnel', csv, 'src', {
    fields: { stage: 'deal_stage', value: 'close_value' },
    options: { stages: 'Prospecting, Engaging, Won', lostValues: 'Lost', stageDates: 'Engaging:engage_date, Won:close_date' },
  });
  assert.equal(o.state, 'ready');
  const r = (o as { result: any }).result; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.deepEqual(r.current.steps.map((s: { count: number }) => s.count), [8800, 8300, 4238]);
  assert.deepEqual(r.quality.findings, []);
  assert.equal(r.rejected.length, 0);
});

// --- property tests ------------------------------------------------------------------------

const dealArb = fc.record({
  stage: fc.constantFrom('Won', 'Lost', 'Engaging'),
  amount: fc.integer({ min: 0, max: 10_000 }),
  close: fc.integer({ min: 1, max: 90 }),
});
const CFG = { asOf: '2017-12-31', kpis: [{ id: 'rev', metric: 'revenue', target: 1000 }, { id: 'win', metric: 'win-rate', target: 0.5 }, { id: 'avg', metric: 'avg-deal-size', target: 100 }] };
const toDeal = (d: { stage: string; amount: number; close: number }, i: number) => ({
  id: `D${i}`, stage: d.stage, amount: d.amount, account: 'acme', engage_date: '2017-09-01',
  ...(d.stage === 'Engaging' ? {} : { close_date: new Date(Date.UTC(2017, 9, d.close)).toISOString().slice(0, 10) }),
});
const values = (r: any) => r.kpis.map((k: any) => (k.value.ok ? k.value.value : k.value.reason)); // eslint-disable-line @typescript-eslint/no-explicit-any

test('property: adding an exact duplicate deal row changes no KPI', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(dealArb, { minLength: 1, maxLength: 25 }), fc.nat(), async (ds, k) => {
      const rows = ds.map(toDeal);
      const dup = rows[k % rows.length]!;
      const a = await runWidget('scorecard', rows, 'property', { options: { config: CFG } });
      const b = await runWidget('scorecard', [...rows, { ...dup }], 'property', { options: { config: CFG } });
      assert.equal(a.state, b.state);
      if (a.state === 'ready' && b.state === 'ready') assert.deepEqual(values(b.result), values(a.result));
    }),
    { numRuns: 60 },
  );
});

test('property: adding a duplicate funnel record (same id) changes no stage count', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom('Lead', 'Demo', 'Won', 'Lost'), { minLength: 1, maxLength: 30 }), fc.nat(), async (stages, k) => {
      const rows = stages.map((s, i) => ({ id: `L${i}`, stage: s, ...(s === 'Lost' ? { lost_at: 'Demo' } : {}) }));
      const opts = { options: { stages: 'Lead, Demo, Won' } };
      const a = await runWidget('funnel', rows, 'property', opts);
      const b = await runWidget('funnel', [...rows, { ...rows[k % rows.length]! }], 'property', opts);
      assert.equal(a.state, b.state);
      if (a.state !== 'error' && b.state !== 'error') {
        assert.deepEqual((b.result as any).current.steps.map((s: any) => s.count), (a.result as any).current.steps.map((s: any) => s.count)); // eslint-disable-line @typescript-eslint/no-explicit-any
      }
    }),
    { numRuns: 60 },
  );
});

const txArb = fc.record({ customer: fc.constantFrom('a', 'b', 'c', 'd'), day: fc.integer({ min: 1, max: 300 }), amount: fc.integer({ min: 1, max: 500 }) });
const txRow = (t: { customer: string; day: number; amount: number }) => ({ customer: t.customer, date: new Date(Date.UTC(2017, 0, t.day)).toISOString().slice(0, 10), amount: t.amount });

test('property: adding a refund never raises LTV revenue, purchases or customers', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(txArb, { minLength: 1, maxLength: 30 }), txArb, async (txs, refund) => {
      const rows = txs.map(txRow);
      const a = await runWidget('ltv', rows, 'property', { options: { method: 'historical' } });
      const b = await runWidget('ltv', [...rows, { ...txRow(refund), amount: -refund.amount }], 'property', { options: { method: 'historical' } });
      assert.equal(a.state, 'ready');
      if (b.state !== 'ready') return assert.equal(b.state, 'empty');
      const ra = a.result as any, rb = b.result as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.ok(rb.revenue <= ra.revenue + 1e-9, `${rb.revenue} > ${ra.revenue}`);
      assert.ok(rb.revenue >= ra.revenue - refund.amount - 1e-9, 'takes off at most the refund');
      assert.ok(rb.transactions <= ra.transactions);
      assert.ok(rb.customers <= ra.customers);
    }),
    { numRuns: 80 },
  );
});

test('property: adding a negative-amount deal never raises scorecard revenue', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(dealArb, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 5000 }), async (ds, neg) => {
      const rows = ds.map(toDeal);
      const a = await runWidget('scorecard', rows, 'property', { options: { config: CFG } });
      const b = await runWidget('scorecard', [...rows, { ...toDeal({ stage: 'Won', amount: 0, close: 5 }, 999), amount: -neg }], 'property', { options: { config: CFG } });
      if (a.state !== 'ready' || b.state !== 'ready') return;
      const ra = (a.result as any).kpis[0].value, rb = (b.result as any).kpis[0].value; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (ra.ok && rb.ok) assert.ok(rb.value <= ra.value);
      assert.deepEqual(values(b.result), values(a.result)); // left out entirely: nothing changes
    }),
    { numRuns: 60 },
  );
});

test('QualityPass in chunks equals one pass', () => {
  const rows = Array.from({ length: 50 }, (_, i) => ({ id: `r${i % 20}`, amount: i % 7 === 0 ? -i : i }));
  const one = qualityPass(rows.map((r) => ({ ...r })), rows.map((_, i) => i + 1), { id: 'id', amount: 'amount' }).report;
  const p = new QualityPass({ id: 'id', amount: 'amount' });
  for (let s = 0; s < 50; s += 8) rows.slice(s, s + 8).forEach((r, k) => p.check({ ...r }, s + k + 1));
  assert.deepEqual(p.finish(), one);
  // 30 duplicates (rows 21..50), 7 negatives (0, 7, 14 are first-seen: rows 1, 8, 15 → ignored amounts; the others are duplicates).
  assert.equal(one.byClass.duplicate, 30);
});
