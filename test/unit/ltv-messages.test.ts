/** The LTV widget's messages: every key in both languages, with the same placeholders. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ltvMessages } from '../../src/widgets/ltv/messages.ts';
import { translator } from '../../src/core/i18n/i18n.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('en and es have the same keys and the same placeholders', () => {
  assert.deepEqual(Object.keys(ltvMessages.es).sort(), Object.keys(ltvMessages.en).sort());
  for (const k of Object.keys(ltvMessages.en)) {
    assert.deepEqual(placeholders(ltvMessages.es[k]!), placeholders(ltvMessages.en[k]!), k);
    assert.notEqual(ltvMessages.es[k]!.trim(), '', k);
  }
});

test('the keys the element builds from values exist', () => {
  const keys = [
    ...['historical', 'simple', 'predictive'].flatMap((m) => [`method.${m}`, `methodName.${m}`, `how.${m}`]),
    ...['asked', 'enough-repeat', 'few-repeat', 'predictive-failed'].map((w) => `why.${w}`),
    ...['given', 'churn', 'observed-span'].map((l) => `life.${l}`),
    ...['none', 'data', 'rate'].map((m) => `margin.${m}`),
    ...['days', 'weeks', 'months'].map((u) => `unit.${u}`),
    ...['read', 'compute', 'summary', 'bgnbd', 'gamma-gamma', 'predict'].map((p) => `progress.${p}`),
    ...['given', 'costs'].map((c) => `cacSource.${c}`),
  ];
  for (const lang of ['en', 'es'] as const) {
    const t = translator(lang, ltvMessages);
    for (const k of keys) assert.notEqual(t(k), k, `${lang}: ${k}`);
  }
});
