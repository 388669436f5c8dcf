import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextSort, sortRows } from '../../src/core/ui/sort.ts';

interface Row {
  readonly name: string;
  readonly n: number | null;
}

const rows: readonly Row[] = [
  { name: 'Cy', n: 3 },
  { name: 'Other', n: 50 },
  { name: 'Ana', n: 1 },
  { name: 'Bo', n: null },
  { name: 'Di', n: 3 },
  { name: 'Ed', n: Number.NaN },
];
const names = (rs: readonly Row[]) => rs.map((r) => r.name);
const pinOther = { pinLast: (r: Row) => r.name === 'Other' };

test('sortRows: numbers ascending and descending; ties keep input order in both directions', () => {
  // Cy and Di tie at 3: Cy comes first in the input, so first in both directions.
  assert.deepEqual(names(sortRows(rows, 'n', 'ascending')), ['Ana', 'Cy', 'Di', 'Other', 'Bo', 'Ed']);
  assert.deepEqual(names(sortRows(rows, 'n', 'descending')), ['Other', 'Cy', 'Di', 'Ana', 'Bo', 'Ed']);
});

test('sortRows: missing values (null, NaN) go last whatever the direction, in input order', () => {
  const asc = names(sortRows(rows, (r) => r.n, 'ascending'));
  const desc = names(sortRows(rows, (r) => r.n, 'descending'));
  assert.deepEqual(asc.slice(-2), ['Bo', 'Ed']);
  assert.deepEqual(desc.slice(-2), ['Bo', 'Ed']);
});

test('sortRows: a pinned row stays last in both directions, after missing values', () => {
  assert.deepEqual(names(sortRows(rows, 'n', 'descending', pinOther)), ['Cy', 'Di', 'Ana', 'Bo', 'Ed', 'Other']);
  assert.deepEqual(names(sortRows(rows, 'n', 'ascending', pinOther)), ['Ana', 'Cy', 'Di', 'Bo', 'Ed', 'Other']);
  assert.deepEqual(names(sortRows(rows, 'name', 'ascending', pinOther)), ['Ana', 'Bo', 'Cy', 'Di', 'Ed', 'Other']);
  assert.deepEqual(names(sortRows(rows, 'name', 'descending', pinOther)), ['Ed', 'Di', 'Cy', 'Bo', 'Ana', 'Other']);
});

test('sortRows: text compares with numeric collation ("rep 2" before "rep 10"), empty text counts as missing', () => {
  const reps = [{ k: 'rep 10' }, { k: '' }, { k: 'rep 2' }, { k: 'Rep 1' }];
  assert.deepEqual(sortRows(reps, 'k', 'ascending', { locale: 'en' }).map((r) => r.k), ['Rep 1', 'rep 2', 'rep 10', '']);
  assert.deepEqual(sortRows(reps, 'k', 'descending', { locale: 'en' }).map((r) => r.k), ['rep 10', 'rep 2', 'Rep 1', '']);
});

test('sortRows: locale collation (Spanish ñ after n) and an unknown locale falls back instead of throwing', () => {
  const words = [{ w: 'ñu' }, { w: 'oso' }, { w: 'nube' }];
  assert.deepEqual(sortRows(words, 'w', 'ascending', { locale: 'es' }).map((r) => r.w), ['nube', 'ñu', 'oso']);
  assert.deepEqual(sortRows(words, 'w', 'ascending', { locale: 'not a locale!' }).map((r) => r.w).length, 3);
});

test('sortRows: numbers before text when a column mixes them; input is not mutated', () => {
  const mixed = [{ v: 'b' as string | number }, { v: 2 }, { v: 'a' }, { v: 1 }];
  const before = mixed.map((r) => r.v);
  assert.deepEqual(sortRows(mixed, 'v', 'ascending').map((r) => r.v), [1, 2, 'a', 'b']);
  assert.deepEqual(mixed.map((r) => r.v), before);
});

test('sortRows: stable on a large input with many ties (10 000 rows, 3 values)', () => {
  const big = Array.from({ length: 10_000 }, (_, i) => ({ i, v: i % 3 }));
  const out = sortRows(big, 'v', 'descending');
  assert.equal(out[0]!.v, 2);
  assert.equal(out[0]!.i, 2);
  assert.equal(out[3333]!.i, 1); // the 3 333 rows with v = 2 (i = 2, 5, … 9998), then v = 1 from i = 1
  for (let k = 1; k < out.length; k++) {
    const a = out[k - 1]!;
    const b = out[k]!;
    assert.ok(a.v > b.v || (a.v === b.v && a.i < b.i), `row ${k} out of order`);
  }
});

test('nextSort: the sorted column flips; another column starts at its own first direction', () => {
  assert.deepEqual(nextSort(null, 'name', 'ascending'), { key: 'name', dir: 'ascending' });
  assert.deepEqual(nextSort({ key: 'name', dir: 'ascending' }, 'name', 'ascending'), { key: 'name', dir: 'descending' });
  assert.deepEqual(nextSort({ key: 'name', dir: 'descending' }, 'name', 'ascending'), { key: 'name', dir: 'ascending' });
  assert.deepEqual(nextSort({ key: 'name', dir: 'ascending' }, 'n', 'descending'), { key: 'n', dir: 'descending' });
  assert.deepEqual(nextSort({ key: 3, dir: 'descending' }, 3, 'descending'), { key: 3, dir: 'ascending' });
});
