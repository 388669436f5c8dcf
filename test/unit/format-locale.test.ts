/**
 * Intl locale, not message language: number formats, the day order of ambiguous dates and the
 * CSV decimal follow the page's `lang` ('en-GB', 'de', 'pt-BR'…), worked out by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCount, formatMoney, formatNumber, formatPercent } from '../../src/core/format/format.ts';
import { localeDayOrder, parseDateCell } from '../../src/core/data/dates.ts';
import { csvDecimal, localeDecimal, parseNumberCell } from '../../src/core/data/numbers.ts';
import { localeInfo } from '../../src/core/i18n/index.ts';

const NBSP = /[\u00a0\u202f]/g;
const plain = (s: string) => s.replace(NBSP, ' ');

test('numbers in the Intl locale', () => {
  const cases: [string, () => string, string][] = [
    ['de', () => formatNumber('de', 1234.5), '1.234,5'],
    ['de', () => formatCount('de', 8800), '8.800'],
    ['en-GB', () => formatNumber('en-GB', 1234.5), '1,234.5'],
    ['fr', () => plain(formatNumber('fr', 1234.5)), '1 234,5'],
    ['pt-BR', () => formatNumber('pt-BR', 1234.5), '1.234,5'],
    ['es', () => formatCount('es', 12345), '12.345'],
    ['de', () => plain(formatPercent('de', 0.6315)), '63,2 %'],
    ['de', () => plain(formatMoney('de', 'EUR', 1234.5)), '1.235 €'],
    ['de', () => plain(formatMoney('de', 'EUR', 12.5)), '12,50 €'],
    ['en-GB', () => formatMoney('en-GB', 'GBP', 12.5), '£12.50'],
  ];
  for (const [locale, f, expected] of cases) assert.equal(f(), expected, locale);
});

test('a de page: English messages, German numbers', () => {
  const info = localeInfo('de');
  assert.equal(info.messages, 'en');
  assert.equal(formatNumber(info.locale, 1234.5), '1.234,5');
});

test('day order of 03/04/2024 from the Intl locale', () => {
  const u = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
  const cases: [string, 'dmy' | 'mdy', number][] = [
    ['en-GB', 'dmy', u(2024, 4, 3)],
    ['en-US', 'mdy', u(2024, 3, 4)],
    ['en', 'mdy', u(2024, 3, 4)],
    ['de', 'dmy', u(2024, 4, 3)],
    ['fr', 'dmy', u(2024, 4, 3)],
    ['es', 'dmy', u(2024, 4, 3)],
    ['pt-BR', 'dmy', u(2024, 4, 3)],
    ['en-AU', 'dmy', u(2024, 4, 3)],
  ];
  for (const [locale, order, expected] of cases) {
    assert.equal(localeDayOrder(locale), order, locale);
    assert.equal(parseDateCell('03/04/2024', localeDayOrder(locale)), expected, locale);
    assert.equal(new Date(expected).toISOString().slice(0, 10), order === 'dmy' ? '2024-04-03' : '2024-03-04');
  }
});

test('the CSV decimal follows the locale where the separator does not decide it', () => {
  const cases: [string | undefined, string, string, '.' | ','][] = [
    [undefined, '\t', 'de', ','],
    [undefined, '\t', 'pt-BR', ','],
    [undefined, '\t', 'fr', ','],
    [undefined, '\t', 'en-GB', '.'],
    [undefined, '|', 'de-CH', '.'],
    [undefined, ';', 'en-US', ','],
    [undefined, ',', 'de', '.'],
    ['.', '\t', 'de', '.'],
  ];
  for (const [explicit, delimiter, locale, expected] of cases) assert.equal(csvDecimal(explicit, delimiter, locale), expected, `${locale} ${JSON.stringify(delimiter)}`);
  assert.equal(localeDecimal('de'), ',');
  assert.equal(parseNumberCell('1.234,5', csvDecimal(undefined, '\t', 'de')), 1234.5);
});
