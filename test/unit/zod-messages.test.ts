// The kit's own wording of zod issues (core/schema/z.ts `issueMessage`) against zod's English
// locale, which it replaces on every page: for every check the kit's schemas use, the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issueMessage, z } from '../../src/core/schema/z.ts';
import en from 'zod/v4/locales/en.js';

const cases: [string, z.ZodMiniType, unknown][] = [
  ['number, got text', z.number(), 'n/a'],
  ['number, got null', z.number(), null],
  ['number, got a list', z.number(), [1]],
  ['string, got a number', z.string(), 5],
  ['object, got undefined', z.object({ a: z.number() }), undefined],
  ['integer', z.number().check(z.int()), 1.5],
  ['enum', z.enum(['up', 'down']), 'sideways'],
  ['literal', z.literal('deals'), 'leads'],
  ['≥ 0', z.number().check(z.nonnegative()), -1],
  ['> 0', z.number().check(z.positive()), 0],
  ['≥ 2', z.number().check(z.gte(2)), 1],
  ['> 2', z.number().check(z.gt(2)), 2],
  ['≤ 1', z.number().check(z.lte(1)), 2],
  ['min length', z.string().check(z.minLength(1)), ''],
  ['min items', z.array(z.number()).check(z.minLength(2)), [1]],
  ['regex without a message', z.string().check(z.regex(/^[a-z]+$/)), 'A1'],
  ['ISO date', z.iso.date(), '2017-13-45'],
  ['unknown keys', z.strictObject({ a: z.number() }), { a: 1, b: 2, c: 3 }],
  ['record key', z.record(z.string().check(z.regex(/^[a-z]+$/)), z.number()), { A: 1 }],
  ['one unknown key', z.strictObject({ a: z.number() }), { a: 1, b: 2 }],
];

test('zod issues read as zod’s English locale words them', () => {
  const ours = cases.map(([, schema, input]) => schema.safeParse(input).error?.issues.map((i) => i.message));
  z.config({ localeError: en().localeError });
  try {
    const theirs = cases.map(([, schema, input]) => schema.safeParse(input).error?.issues.map((i) => i.message));
    cases.forEach(([name], k) => {
      assert.ok(ours[k]?.length, `${name}: an issue`);
      assert.deepEqual(ours[k], theirs[k], name);
    });
  } finally {
    z.config({ localeError: issueMessage });
  }
});

test('a few by hand', () => {
  assert.equal(z.number().safeParse('n/a').error?.issues[0]?.message, 'Invalid input: expected number, received string');
  assert.equal(z.number().check(z.gte(1)).safeParse(0).error?.issues[0]?.message, 'Too small: expected number to be >=1');
  assert.equal(z.string().check(z.minLength(3)).safeParse('ab').error?.issues[0]?.message, 'Too small: expected string to have >=3 characters');
});
