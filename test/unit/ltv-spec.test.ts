/**
 * <kpi-ltv>'s spec in node: options from attribute text or typed values, read's checks and
 * staleness of packed columns, and the form compute takes (generator, model, promise).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOptions } from '../../src/core/element/options.ts';
import { KpiError } from '../../src/core/data/errors.ts';
import type { ComputeContext, Input } from '../../src/core/element/spec.ts';
import type { Parsed } from '../../src/core/data/load.ts';
import { resolveColumns } from '../../src/core/data/fields.ts';
import { ltvOptions, ltvSpec } from '../../src/widgets/ltv/spec.ts';
import { isStaleLtvInput, ltvSettings, readLtv } from '../../src/widgets/ltv/compute.ts';
import { LTV_FIELDS, toColumns } from '../../src/widgets/ltv/columns.ts';
import { columnsKey, type LoadedColumns } from '../../src/widgets/ltv/loaded.ts';
import type { LtvModel } from '../../src/widgets/ltv/pipeline.ts';

const SMALL = [
  { customer: 'A', date: '2022-01-10', amount: 100 },
  { customer: 'A', date: '2022-06-10', amount: 50 },
  { customer: 'A', date: '2023-12-20', amount: 150 },
  { customer: 'B', date: '2022-02-01', amount: 200 },
  { customer: 'B', date: '2022-03-01', amount: 100 },
  { customer: 'C', date: '2022-01-10', amount: 60 },
];

function input(value: unknown, mapping: Record<string, string | undefined> = {}, header?: readonly string[]): Input {
  const parsed: Parsed = { format: 'json', value, ...(header ? { header } : {}) };
  const h = header ?? (Array.isArray(value) ? Object.keys((value[0] ?? {}) as object) : []);
  const columns = resolveColumns(LTV_FIELDS, mapping, h);
  return { parsed, columns, columnName: (k) => columns[k] ?? k, decimal: '.', dayOrder: 'dmy', mapping };
}

const ctx = (): ComputeContext & { progress: string[] } => {
  const progress: string[] = [];
  return { signal: new AbortController().signal, onProgress: (p) => progress.push(p.stage), progress };
};

test('options: a number and its text give the same settings; defaults as documented', () => {
  const a = ltvSettings(parseOptions(ltvOptions, { cac: 12, horizon: 26, margin: 0.3, ltvCacTarget: 4 }));
  const b = ltvSettings(parseOptions(ltvOptions, { cac: '12', horizon: '26', margin: '30%', ltvCacTarget: '4' }));
  assert.deepEqual(a, b);
  assert.equal(a.cac.cac, 12);
  assert.equal(a.margin, 0.3);
  assert.equal(a.predictive.horizon, 26);
  const d = ltvSettings(parseOptions(ltvOptions, {}));
  assert.equal(d.method, undefined); // auto
  assert.equal(d.predictive.unit, 'weeks');
  assert.equal(d.predictive.horizon, 52);
  assert.equal(d.predictive.annualDiscountRate, 0.1);
  assert.equal(d.cac.target, 3);
  // 52 weeks is 12 months.
  assert.equal(ltvSettings(parseOptions(ltvOptions, { timeUnit: 'MONTHS' })).predictive.horizon, 12);
});

test('options: bad values are one config error naming each attribute and what it accepts', () => {
  assert.throws(
    () => parseOptions(ltvOptions, { method: 'magic', horizon: 0, cac: -1, calibrationEnd: 'soon' }),
    (e: unknown) => {
      assert.ok(e instanceof KpiError);
      assert.equal(e.code, 'config');
      assert.deepEqual(e.issues!.map((i) => i.path), ['method', 'calibration-end', 'horizon', 'cac']);
      assert.match(e.message, /method: "magic" is not one of historical, simple, predictive, auto/);
      assert.match(e.message, /horizon: "0" is not a number above 0/);
      assert.match(e.message, /cac: "-1" is not a number of at least 0/);
      return true;
    },
  );
});

test('read: missing columns and a non-list are errors; rows are left for compute to validate', () => {
  assert.throws(() => readLtv(input([{ who: 'A', date: '2022-01-01', amount: 1 }])), /no customer column found: map one with customer-field \(columns: who, date, amount\)/);
  assert.throws(() => readLtv(input({ nope: 1 })), (e: unknown) => e instanceof KpiError && e.code === 'validation');
  const r = readLtv(input({ rows: SMALL }, {}, ['customer', 'date', 'amount']));
  assert.equal(r.total, 6);
  assert.equal(r.data.rows!.length, 6);
  assert.deepEqual(r.rejected, []);
  // An empty list needs no columns.
  assert.equal(readLtv(input([])).total, 0);
});

test('packed columns: stale under another mapping, read under the one they were packed with', () => {
  const header = ['customerId', 'date', 'amount', 'net'];
  const rows = SMALL.map((r) => ({ customerId: r.customer, date: r.date, amount: r.amount, net: r.amount / 2 }));
  const cols = resolveColumns(LTV_FIELDS, {}, header);
  const packed: LoadedColumns = { kind: 'ltv-columns', format: 'json', header, key: columnsKey(cols, '.', 'dmy'), columns: toColumns(rows, cols) };
  assert.equal(isStaleLtvInput(input(packed, {}, header)), false);
  assert.equal(readLtv(input(packed, {}, header)).data.packed, packed.columns);
  // Handed over through `data` (no header in the parsed input): the packed header is used.
  assert.equal(isStaleLtvInput(input(packed)), false);
  const remapped = input(packed, { amount: 'net' }, header);
  assert.equal(isStaleLtvInput(remapped), true);
  assert.throws(() => readLtv(remapped), /packed columns were built with another field mapping/);
  // Rows are never stale.
  assert.equal(isStaleLtvInput(input(SMALL, { amount: 'amount' })), false);
});

test('compute: a generator without a fit, the model for small auto input, a promise for a fit', async () => {
  const read = readLtv(input(SMALL));
  const historical = ltvSpec.compute(read.data, parseOptions(ltvOptions, { method: 'historical', margin: '30%' }), ctx());
  assert.equal(typeof (historical as Generator).next, 'function');
  let s = (historical as Generator<unknown, LtvModel>).next();
  while (!s.done) s = (historical as Generator<unknown, LtvModel>).next();
  assert.equal(s.value.result.ltv.ok && s.value.result.ltv.value, 66); // 660 × 0.3 ÷ 3
  // auto on 3 customers (2 repeat, fewer than 30): simple, at once.
  const auto = ltvSpec.compute(read.data, parseOptions(ltvOptions, {}), ctx()) as LtvModel;
  assert.equal(auto.result.method, 'simple');
  assert.equal(auto.result.methodReason, 'few-repeat');
  // predictive asked on 2 repeat customers: simple, at once, saying why (issue 11: fewer than min-repeat = 30).
  const thin = ltvSpec.compute(read.data, parseOptions(ltvOptions, { method: 'predictive' }), ctx()) as LtvModel;
  assert.equal(thin.result.method, 'simple');
  assert.equal(thin.result.methodReason, 'few-repeat');
  // predictive asked with min-repeat 0: a promise (the fit runs on this thread in node), reporting progress.
  const c = ctx();
  const pending = ltvSpec.compute(read.data, parseOptions(ltvOptions, { method: 'predictive', minRepeat: 0 }), c);
  assert.equal(typeof (pending as Promise<LtvModel>).then, 'function');
  assert.equal(c.progress[0], 'summary');
  const model = (await pending) as LtvModel;
  // Three customers fit (badly: it does not converge), but the predictive model is what was asked.
  assert.equal(model.result.method, 'predictive');
  assert.equal(model.result.methodReason, 'asked');
  assert.equal(model.result.predictive!.params!.repeatCustomers, 2);
  assert.deepEqual(c.progress.slice(0, 1), ['summary']);
  // The same columns and settings again: the fit is cached, the model comes at once.
  const again = ltvSpec.compute(read.data, parseOptions(ltvOptions, { method: 'predictive', minRepeat: 0, cac: 5 }), ctx());
  assert.equal(typeof (again as Promise<LtvModel>).then, 'undefined');
  assert.equal((again as LtvModel).result.cac!.cac.ok, true);
});

test('compute: no valid row is a validation error; rejected rows reach the result and the notice', () => {
  const bad = readLtv(input([{ customer: 'X', date: 'never', amount: 1 }]));
  assert.throws(() => ltvSpec.compute(bad.data, parseOptions(ltvOptions, {}), ctx()), (e: unknown) => e instanceof KpiError && e.code === 'validation');
  const some = readLtv(input([...SMALL, { customer: 'D', date: 'someday', amount: 5 }]));
  const m = ltvSpec.compute(some.data, parseOptions(ltvOptions, {}), ctx()) as LtvModel;
  assert.deepEqual(ltvSpec.rejectedOf!(m).map((r) => r.row), [7]);
  assert.equal(ltvSpec.result(m, some, parseOptions(ltvOptions, {})).rejected.length, 1);
});
