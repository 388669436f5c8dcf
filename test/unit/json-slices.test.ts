// Parsing a large JSON body in slices on the main thread (core/data/json-slices.ts) gives exactly
// what JSON.parse of the whole text gives, and refuses exactly what it refuses, wherever the
// slices and the decoded chunks fall (multi-byte characters split across chunks included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseJsonInSlices } from '../../src/core/data/json-slices.ts';

const enc = new TextEncoder();
let pauses = 0;
const pause = () => {
  pauses++;
  return new Promise<void>((r) => setImmediate(r));
};
const sliced = (text: string, slice: number, chunk: number) => parseJsonInSlices(enc.encode(text), { pause, slice, chunk, budget: 0 });
const whole = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch {
    return { ok: false };
  }
};
async function same(text: string, slice: number, chunk: number): Promise<void> {
  const w = whole(text);
  let got: { ok: true; value: unknown } | { ok: false; message: string };
  try {
    got = { ok: true, value: await sliced(text, slice, chunk) };
  } catch (e) {
    got = { ok: false, message: (e as Error).message };
  }
  if (w.ok) assert.deepEqual(got, { ok: true, value: w.value }, text.slice(0, 200));
  else {
    assert.equal(got.ok, false, `accepted what JSON.parse refuses: ${text.slice(0, 200)}`);
    assert.match((got as { message: string }).message, /^the data is not valid JSON/);
  }
}

test('by hand: arrays, nesting, strings with brackets, commas, quotes and escapes, a BOM, white space', async () => {
  const cases = [
    '[]', ' [ ] ', '[1]', '[1,2,3]', '\uFEFF[{"a":1},{"a":2}]', '[{"s":"a,]}[{\\"b\\\\"},"t":"\\u00e9"}]',
    '[[1,[2,[3]]],{"x":[{"y":"]"}]}]', '[\n  {"stage":"Won","count":61},\n  {"stage":"Lost","count":0}\n]\n',
    '["€ 1.234,56", "日本", "😀,]"]', '{"deals":[1,2]}', '"just text"', '42',
  ];
  for (const text of cases) for (const slice of [1, 3, 1 << 20]) for (const chunk of [1, 2, 5, 1 << 20]) await same(text, slice, chunk);
});

test('by hand: what JSON.parse refuses is refused', async () => {
  const cases = ['', '[', '[1,]', '[,1]', '[1,,2]', '[1}', '[{]', '[{"a":1]]', '[1] x', '[1][2]', '["a]', '[01]', '[1,2', '{"a":1'];
  for (const text of cases) for (const slice of [1, 4, 1 << 20]) for (const chunk of [1, 3, 1 << 20]) await same(text, slice, chunk);
});

test('property: any JSON array, any indentation, any slice and chunk size', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 12 }), fc.constantFrom(undefined, 0, 1, 2), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 30 }), async (v, indent, slice, chunk) => {
      await same(JSON.stringify(v, null, indent), slice, chunk);
    }),
    { numRuns: 400 },
  );
});

test('property: a valid array with one character deleted, doubled or replaced is parsed or refused as JSON.parse does', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 8 }), fc.nat(), fc.constantFrom('del', 'dup', '[', ']', '{', '}', ',', '"', '\\', ' '), fc.integer({ min: 1, max: 12 }), async (v, k, op, slice) => {
      const text = JSON.stringify(v);
      const i = k % text.length;
      const bad = op === 'del' ? text.slice(0, i) + text.slice(i + 1) : op === 'dup' ? text.slice(0, i) + text[i] + text.slice(i) : text.slice(0, i) + op + text.slice(i + 1);
      await same(bad, slice, 7);
    }),
    { numRuns: 600 },
  );
});

test('a million-element array is parsed in slices, with the event loop given turns', async () => {
  const rows = Array.from({ length: 200_000 }, (_, i) => ({ id: `d${i}`, stage: i % 3 ? 'Won' : 'Lost', value: i * 1.5, note: i % 7 ? null : 'a, "quoted" ]' }));
  const text = JSON.stringify(rows);
  pauses = 0;
  const got = (await parseJsonInSlices(enc.encode(text), { pause, budget: 0 })) as typeof rows;
  assert.equal(got.length, 200_000);
  assert.deepEqual(got[199_999], rows[199_999]);
  assert.deepEqual(got[7], { id: 'd7', stage: 'Won', value: 10.5, note: 'a, "quoted" ]' });
  assert.ok(pauses >= text.length / (1 << 20), `${pauses} turns for ${text.length} characters`);
});
