/**
 * Data flaws in the bundled CRM export, found by the generic checks in crm-quality.ts.
 * Counts and row indices were checked independently with Python's csv module (0-based data
 * rows, header excluded), e.g.
 *   [i for i, r in enumerate(P) if r['product'] == 'GTXPro']                  → [1, 11, 18, …] (1480)
 *   [i for i, r in enumerate(P) if r['deal_stage'] in ('Prospecting', 'Engaging') and not r['account']]
 *                                                                             → [9, 42, 44, …] (1425 of 2089)
 *   [i for i, a in enumerate(A) if a['sector'] == 'technolgy']                → [0, 6, 12, …] (12)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { csvToRecords } from '../../src/core/data/csv.ts';
import { checkReferences, checkRequiredWhen, editDistance, nearDuplicates, normaliseKey, suggest } from '../../src/kpis/crm-quality.ts';
import { check } from './metrics-fixtures.ts';

const read = (name: string) => csvToRecords(readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8')).records;
const pipeline = read('sales_pipeline.csv');
const products = read('products.csv').map((p) => p.product!);
const accounts = read('accounts.csv');
const agents = read('sales_teams.csv').map((t) => t.sales_agent!);

// A sector vocabulary (the accounts' sectors, correctly spelt).
const SECTORS = ['employment', 'entertainment', 'finance', 'marketing', 'medical', 'retail', 'services', 'software', 'technology', 'telecommunications'];

test('pipeline products that are not in products.csv: GTXPro, probably GTX Pro', () => {
  const r = checkReferences(pipeline, 'product', products);
  assert.equal(r.checked, 8800);
  assert.equal(r.unmatched.length, 1);
  const u = r.unmatched[0]!;
  assert.equal(u.value, 'GTXPro');
  assert.equal(u.count, 1480);
  assert.deepEqual(u.rows.slice(0, 3), [1, 11, 18]);
  assert.equal(u.suggestion, 'GTX Pro');
  check(r.share, (8800 - 1480) / 8800);
  // compared normalised, the same rows match
  assert.equal(checkReferences(pipeline, 'product', products, { match: 'normalised' }).unmatched.length, 0);
});

test('open deals (Prospecting / Engaging) without an account', () => {
  const r = checkRequiredWhen(pipeline, 'account', (row) => row.deal_stage === 'Prospecting' || row.deal_stage === 'Engaging');
  assert.equal(r.applicable, 2089);
  assert.equal(r.missing.length, 1425);
  assert.deepEqual(r.missing.slice(0, 3), [9, 42, 44]);
  check(r.share, (2089 - 1425) / 2089);
  // closed deals all have one
  assert.equal(checkRequiredWhen(pipeline, 'account', (row) => row.deal_stage === 'Won' || row.deal_stage === 'Lost').missing.length, 0);
});

test("the misspelt sector in accounts.csv: 'technolgy' → 'technology'", () => {
  const r = checkReferences(accounts, 'sector', SECTORS);
  assert.equal(r.checked, 85);
  assert.deepEqual(r.unmatched.map((u) => [u.value, u.count, u.suggestion]), [['technolgy', 12, 'technology']]);
  assert.deepEqual(r.unmatched[0]!.rows.slice(0, 3), [0, 6, 12]);
});

test('references that do hold: agents in sales_teams.csv, accounts and parents in accounts.csv', () => {
  assert.equal(checkReferences(pipeline, 'sales_agent', agents).unmatched.length, 0);
  const names = accounts.map((a) => a.account!);
  const acc = checkReferences(pipeline, 'account', names);
  assert.equal(acc.unmatched.length, 0);
  assert.equal(acc.blank, 1425);
  assert.equal(checkReferences(accounts, 'subsidiary_of', names).unmatched.length, 0);
});

test('near duplicates across the two files name GTX Pro / GTXPro', () => {
  const values = [...products, ...pipeline.map((r) => r.product!)];
  assert.deepEqual(nearDuplicates(values), [{ a: 'GTX Pro', b: 'GTXPro', distance: 0 }]);
});

test('helpers: normalised keys, edit distance, suggestions', () => {
  const cases: [string, string, number][] = [
    ['kitten', 'sitting', 3],
    ['technolgy', 'technology', 1],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ];
  for (const [a, b, d] of cases) assert.equal(editDistance(a, b), d, `${a} / ${b}`);
  assert.equal(editDistance('aaaaaa', 'bbbbbb', 2), 3); // stops past the bound
  assert.equal(normaliseKey(' GTX-Pro '), 'gtxpro');
  assert.equal(normaliseKey('Médical'), 'medical');
  assert.equal(suggest('MG Specal', products), 'MG Special');
  assert.equal(suggest('Zzz', products), null);
  // a tie is not a suggestion
  assert.equal(suggest('ab', ['aa', 'bb']), null);
});

test('rows with a __proto__ field are read as data, never through the prototype', () => {
  const rows = [JSON.parse('{"__proto__": "x", "product": "GTXPro"}'), Object.create({ product: 'inherited' })];
  const r = checkReferences(rows, 'product', products);
  assert.equal(r.checked, 1);
  assert.equal(r.blank, 1);
});
