/**
 * The number typography, as a table: every unit × locale (en, es, en-GB, de) × context
 * (headline, axis, table, tooltip), expected strings written by hand. `_` stands for the
 * no-break space (U+00A0) that joins a number to its unit; `−` is the true minus (U+2212).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatColumn, formatCount, formatPeriod, formatPoints, formatValue, sharedDigits, type NumberContext, type Unit } from '../../src/core/format/format.ts';

const nb = (s: string) => s.replace(/_/g, '\u00a0');
const LOCALES = ['en', 'es', 'en-GB', 'de'] as const;
const CONTEXTS: NumberContext[] = ['headline', 'axis', 'table', 'tooltip'];

// unit, value, then per locale: [headline, axis, table, tooltip]
const TABLE: [Unit, number, Record<(typeof LOCALES)[number], [string, string, string, string]>][] = [
  ['count', 48200, {
    en: ['48,200', '48.2K', '48,200', '48,200'],
    es: ['48.200', '48,2_mil', '48.200', '48.200'],
    'en-GB': ['48,200', '48.2k', '48,200', '48,200'],
    de: ['48.200', '48.200', '48.200', '48.200'],
  }],
  ['count', 8800, {
    en: ['8,800', '8,800', '8,800', '8,800'],
    es: ['8.800', '8.800', '8.800', '8.800'],
    'en-GB': ['8,800', '8,800', '8,800', '8,800'],
    de: ['8.800', '8.800', '8.800', '8.800'],
  }],
  ['count', -500, {
    en: ['−500', '−500', '−500', '−500'],
    es: ['−500', '−500', '−500', '−500'],
    'en-GB': ['−500', '−500', '−500', '−500'],
    de: ['−500', '−500', '−500', '−500'],
  }],
  ['money', 2802496, {
    en: ['$2.8M', '$2.8M', '$2,802,496', '$2,802,496'],
    es: ['2,8_M_US$', '2,8_M_US$', '2.802.496_US$', '2.802.496_US$'],
    'en-GB': ['US$2.8m', 'US$2.8m', 'US$2,802,496', 'US$2,802,496'],
    de: ['2,8_Mio._$', '2,8_Mio._$', '2.802.496_$', '2.802.496_$'],
  }],
  ['money', 990.28, {
    en: ['$990', '$990', '$990', '$990'],
    es: ['990_US$', '990_US$', '990_US$', '990_US$'],
    'en-GB': ['US$990', 'US$990', 'US$990', 'US$990'],
    de: ['990_$', '990_$', '990_$', '990_$'],
  }],
  ['money', 12.5, {
    en: ['$12.50', '$12.50', '$12.50', '$12.50'],
    es: ['12,50_US$', '12,50_US$', '12,50_US$', '12,50_US$'],
    'en-GB': ['US$12.50', 'US$12.50', 'US$12.50', 'US$12.50'],
    de: ['12,50_$', '12,50_$', '12,50_$', '12,50_$'],
  }],
  ['percent', 0.943, {
    en: ['94.3%', '94.3%', '94.3%', '94.3%'],
    es: ['94,3_%', '94,3_%', '94,3_%', '94,3_%'],
    'en-GB': ['94.3%', '94.3%', '94.3%', '94.3%'],
    de: ['94,3_%', '94,3_%', '94,3_%', '94,3_%'],
  }],
  ['percent', 0.0013, {
    en: ['0.13%', '0.13%', '0.13%', '0.13%'],
    es: ['0,13_%', '0,13_%', '0,13_%', '0,13_%'],
    'en-GB': ['0.13%', '0.13%', '0.13%', '0.13%'],
    de: ['0,13_%', '0,13_%', '0,13_%', '0,13_%'],
  }],
  ['points', -0.012, {
    en: ['−1.2_pp', '−1.2_pp', '−1.2_pp', '−1.2_pp'],
    es: ['−1,2_pp', '−1,2_pp', '−1,2_pp', '−1,2_pp'],
    'en-GB': ['−1.2_pp', '−1.2_pp', '−1.2_pp', '−1.2_pp'],
    de: ['−1,2_pp', '−1,2_pp', '−1,2_pp', '−1,2_pp'],
  }],
  ['points', 0.05, {
    en: ['+5_pp', '+5_pp', '+5_pp', '+5_pp'],
    es: ['+5_pp', '+5_pp', '+5_pp', '+5_pp'],
    'en-GB': ['+5_pp', '+5_pp', '+5_pp', '+5_pp'],
    de: ['+5_pp', '+5_pp', '+5_pp', '+5_pp'],
  }],
  ['months', 2.1, {
    en: ['2.1_months', '2.1_months', '2.1_months', '2.1_months'],
    es: ['2,1_meses', '2,1_meses', '2,1_meses', '2,1_meses'],
    'en-GB': ['2.1_months', '2.1_months', '2.1_months', '2.1_months'],
    de: ['2,1_Monate', '2,1_Monate', '2,1_Monate', '2,1_Monate'],
  }],
  ['days', 48.8, {
    en: ['48.8_days', '48.8_days', '48.8_days', '48.8_days'],
    es: ['48,8_días', '48,8_días', '48,8_días', '48,8_días'],
    'en-GB': ['48.8_days', '48.8_days', '48.8_days', '48.8_days'],
    de: ['48,8_Tage', '48,8_Tage', '48,8_Tage', '48,8_Tage'],
  }],
];

test('every unit × locale × context', () => {
  let n = 0;
  for (const [unit, value, byLocale] of TABLE) {
    for (const locale of LOCALES) {
      CONTEXTS.forEach((context, i) => {
        assert.equal(formatValue(locale, value, { unit, context, currency: 'USD' }), nb(byLocale[locale][i]), `${unit} ${value} ${locale} ${context}`);
        n++;
      });
    }
  }
  assert.equal(n, TABLE.length * 16);
});

test('a true minus and no breakable space, whatever the formatter', () => {
  for (const locale of LOCALES) {
    for (const s of [formatPoints(locale, -0.012), formatCount(locale, -1234), formatValue(locale, -1234.5, { unit: 'money', context: 'table', currency: 'EUR' })]) {
      assert.doesNotMatch(s, /[-\u0020]/, `${locale}: ${s}`);
      assert.match(s, /\u2212/);
    }
    // Rounded to zero: no "−0".
    assert.equal(formatValue(locale, -0.001, { unit: 'count', context: 'table' }), '0');
  }
});

test('a column shares one precision; an axis writes its ticks exactly', () => {
  assert.deepEqual(formatColumn('en', [0.48, 0.511, 0.482], { unit: 'percent', context: 'table' }), ['48.0%', '51.1%', '48.2%']);
  assert.deepEqual(formatColumn('en', [0.07, 0.029], { unit: 'percent', context: 'table' }), ['7.0%', '2.9%']);
  assert.deepEqual(formatColumn('es', [8800, 8300, 4238], { unit: 'count', context: 'table' }), ['8.800', '8.300', '4.238']);
  assert.deepEqual(formatColumn('en', [1944, 990.28], { unit: 'money', context: 'table' }), ['$1,944', '$990']);
  assert.deepEqual(formatColumn('en', [19.5, 990.28], { unit: 'money', context: 'table' }), ['$19.50', '$990.28']);
  // The axis: "$800.00, $1,000" in English, "800,00 €, 1000 €" in Spanish.
  assert.deepEqual(formatColumn('en', [800, 1000, 1200], { unit: 'money', context: 'axis' }), ['$800', '$1,000', '$1,200']);
  assert.deepEqual(formatColumn('es', [800, 1000, 1200], { unit: 'money', context: 'axis', currency: 'EUR' }), nb('800_€|1.000_€|1.200_€').split('|'));
  assert.deepEqual(formatColumn('en', [0, 500000, 1000000, 1500000], { unit: 'money', context: 'axis' }), ['$0', '$500K', '$1M', '$1.5M']);
  assert.deepEqual(formatColumn('en', [0, 0.5, 1, 1.5], { unit: 'number', context: 'axis' }), ['0.0', '0.5', '1.0', '1.5']);
  assert.deepEqual(formatColumn('de', [0, 0.25, 0.5], { unit: 'percent', context: 'axis' }), nb('0_%|25_%|50_%').split('|'));
  assert.equal(sharedDigits([0, 200, 400, 1000]), 0);
  assert.equal(sharedDigits([0.003, 0.2], 'percent', 2), 2);
});

test('one label per period, in the locale', () => {
  const cases: [string, string, string][] = [
    ['en', '2017-Q4', 'Q4_2017'],
    ['es', '2017-Q4', 'T4_2017'],
    ['en-GB', '2017-Q4', 'Q4_2017'],
    ['de', '2017-Q4', 'Q4_2017'],
    ['en', '2017-03', 'Mar_2017'],
    ['es', '2017-03', 'mar_2017'],
    ['de', '2017-03', 'März_2017'],
    ['en', '2017-W09', 'W9_2017'],
    ['es', '2017-W09', 'S9_2017'],
    ['en', '2017', '2017'],
    ['en', 'Spring', 'Spring'],
  ];
  for (const [locale, key, expected] of cases) assert.equal(formatPeriod(locale, key), nb(expected), `${locale} ${key}`);
});
