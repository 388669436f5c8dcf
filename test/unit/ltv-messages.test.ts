/** The LTV widget's messages: every key in both languages, with the same placeholders. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMessages, translator, type Message } from '../../src/core/i18n/index.ts';
import { en } from '../helpers/english.ts';
import { es } from '../../src/core/i18n/es.ts';

// Spanish is loaded on demand (English is bundled): load it before the tests read it.
await loadMessages('es');

const placeholders = (m: Message) =>
  [...new Set([...(typeof m === 'string' ? m : Object.values(m).join(' ')).matchAll(/\{(\w+)\}/g)].map((x) => x[1]))].sort();
const ltvKeys = Object.keys(en).filter((k) => k.startsWith('ltv.')) as (keyof typeof en)[];

test('en and es have the same keys and the same placeholders', () => {
  assert.ok(ltvKeys.length > 100);
  assert.deepEqual(Object.keys(es).filter((k) => k.startsWith('ltv.')).sort(), [...ltvKeys].sort());
  for (const k of ltvKeys) {
    assert.deepEqual(placeholders(es[k]), placeholders(en[k]), k);
    const v = es[k];
    assert.notEqual((typeof v === 'string' ? v : v.other).trim(), '', k);
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
    const t = translator(lang, 'ltv');
    for (const k of keys) assert.notEqual(t(k), k, `${lang}: ${k}`);
  }
});
