// The data layer as tables: CSV parsing, locale numbers, dates, attribute options, field mapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv, csvToRecords, detectDelimiter } from '../../src/core/data/csv.ts';
import { parseNumberCell, csvDecimal } from '../../src/core/data/numbers.ts';
import { parseDateCell } from '../../src/core/data/dates.ts';
import { parseList, parsePairs, parseRate, parseTargets } from '../../src/core/data/options.ts';
import { resolveColumns, mapRows } from '../../src/core/data/fields.ts';
import { validateRows, formatIssue } from '../../src/core/schema/validate.ts';
import { sniffFormat, parseText } from '../../src/core/data/load.ts';
import { KpiError } from '../../src/core/data/errors.ts';
import { z } from '../../src/core/schema/z.ts';
import { en } from '../helpers/english.ts';
import { es } from '../../src/core/i18n/es.ts';

test('CSV: quotes, doubled quotes, CRLF, BOM, blank lines, separators', () => {
  const cases: [string, string[][], string][] = [
    ['a,b\n1,2\n', [['1', '2']], ','],
    ['\uFEFFa;b\r\n1;2\r\n\r\n3;4', [['1', '2'], ['3', '4']], ';'],
    ['a\tb\n"x\ty"\t2', [['x\ty', '2']], '\t'],
    ['name,note\n"Smith, J","said ""hi"""\n', [['Smith, J', 'said "hi"']], ','],
    ['a,b\n"multi\nline",2', [['multi\nline', '2']], ','],
    ['a,b\n1,', [['1', '']], ','],
  ];
  for (const [text, rows, delimiter] of cases) {
    const t = parseCsv(text);
    assert.deepEqual(t.rows, rows, JSON.stringify(text));
    assert.equal(t.delimiter, delimiter);
  }
  assert.equal(detectDelimiter('"a;b",c,d\n'), ',');
  assert.throws(() => parseCsv('a\n"open'), /quoted field is not closed/);
});

test('CSV records have no prototype: a __proto__ column is just a column', () => {
  const { records } = csvToRecords('__proto__,constructor\nx,y');
  assert.equal(records[0]!['__proto__'], 'x');
  assert.equal(Object.getPrototypeOf(records[0]), null);
  assert.equal(({} as Record<string, unknown>)['x'], undefined);
});

test('duplicate and empty headers keep every column', () => {
  assert.deepEqual(parseCsv('a,a,\n1,2,3').header, ['a', 'a_2', 'column_3']);
});

test('numbers in English and Spanish notation', () => {
  const cases: [string, '.' | ',', number | string | undefined][] = [
    ['1234.56', '.', 1234.56],
    ['1,234.56', '.', 1234.56],
    ['1.234,56', ',', 1234.56],
    ['1.234', ',', 1234],
    ['12,5', ',', 12.5],
    ['-3', '.', -3],
    ['45%', '.', 0.45],
    ['€ 1.200,00', ',', 1200],
    ['$1,200', '.', 1200],
    ['1e3', '.', 1000],
    ['', '.', undefined],
    ['n/a', '.', 'n/a'],
    ['12abc', '.', '12abc'],
    ['1,2,3', '.', '1,2,3'],
  ];
  for (const [cell, dec, expected] of cases) assert.deepEqual(parseNumberCell(cell, dec), expected, `${cell} (${dec})`);
  assert.equal(csvDecimal(undefined, ';', 'en'), ',');
  assert.equal(csvDecimal(undefined, ',', 'es'), '.');
  assert.equal(csvDecimal('.', ';', 'es'), '.');
  assert.equal(csvDecimal(undefined, '\t', 'es'), ',');
});

test('dates from CRM exports, in UTC, invalid ones left for validation to name', () => {
  const u = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
  const cases: [unknown, 'dmy' | 'mdy', unknown][] = [
    ['2017-03-01', 'dmy', u(2017, 3, 1)],
    ['2017/03/01', 'dmy', u(2017, 3, 1)],
    ['19970101', 'dmy', u(1997, 1, 1)],
    ['01/03/2017', 'dmy', u(2017, 3, 1)],
    ['01/03/2017', 'mdy', u(2017, 1, 3)],
    ['25/12/2017', 'mdy', u(2017, 12, 25)],
    ['2017-03-01 13:45:00', 'dmy', Date.UTC(2017, 2, 1, 13, 45)],
    ['2017-03-01T10:00:00Z', 'dmy', Date.UTC(2017, 2, 1, 10)],
    ['2017-02-30', 'dmy', '2017-02-30'],
    ['soon', 'dmy', 'soon'],
    ['', 'dmy', undefined],
  ];
  for (const [cell, order, expected] of cases) assert.deepEqual(parseDateCell(cell, order), expected, String(cell));
});

test('attribute options typed by hand', () => {
  assert.deepEqual(parseList('Prospecting > Engaging > Won'), ['Prospecting', 'Engaging', 'Won']);
  assert.deepEqual(parseList('a, b,,c'), ['a', 'b', 'c']);
  assert.deepEqual(parsePairs('Engaging:engage_date, Won:close_date', 'stage-dates'), [['Engaging', 'engage_date'], ['Won', 'close_date']]);
  assert.throws(() => parsePairs('Engaging', 'stage-dates'), (e: KpiError) => e.code === 'config' && /stage-dates: "Engaging"/.test(e.message));
  assert.equal(parseRate('60%', 't'), 0.6);
  assert.equal(parseRate('0.6', 't'), 0.6);
  assert.equal(parseRate('45', 't'), 0.45);
  assert.throws(() => parseRate('-1', 't'), /not a rate/);
  assert.deepEqual({ ...(parseTargets('MQL:40%, SQL: 0.35') as object) }, { MQL: 0.4, SQL: 0.35 });
  assert.deepEqual(parseTargets('12%, 40%'), [null, 0.12, 0.4]);
  assert.equal(parseTargets(''), undefined);
});

test('field mapping: explicit, same name, alias, case- and separator-insensitive', () => {
  const specs = { stage: { type: 'string' as const, aliases: ['deal_stage'] }, value: { type: 'number' as const, aliases: ['close_value'] }, count: { type: 'number' as const } };
  const cols = resolveColumns(specs, { count: 'N Deals' }, ['Deal Stage', 'close_value', 'n_deals']);
  assert.deepEqual({ ...cols }, { stage: 'Deal Stage', value: 'close_value', count: 'n_deals' });
  const rows = mapRows([{ 'Deal Stage': ' Won ', close_value: '1.234,5', n_deals: '' }], specs, cols, { decimal: ',' });
  assert.deepEqual({ ...rows[0] }, { stage: 'Won', value: 1234.5 });
});

test('validation names the row, the column in the user\'s words and the reason', () => {
  const schema = z.object({ stage: z.string(), count: z.number() });
  const v = validateRows([{ stage: 'A', count: 1 }, { stage: 'B', count: 'n/a' }, { count: 2 }], schema, (k) => (k === 'count' ? 'close_value' : k));
  assert.equal(v.valid.length, 1);
  assert.deepEqual(v.validIndex, [0]);
  assert.deepEqual(v.rejected.map((r) => r.issues.map(formatIssue)), [
    ['row 2, close_value: expected a number, got "n/a"'],
    ['row 3, stage: expected text, got nothing'],
  ]);
});

test('format sniffing and parse errors', () => {
  assert.equal(sniffFormat('[{"a":1}]'), 'json');
  assert.equal(sniffFormat(' {"rows":[]}'), 'json');
  assert.equal(sniffFormat('a,b\n1,2'), 'csv');
  assert.equal(sniffFormat('[1]', 'text/csv'), 'csv');
  assert.throws(() => parseText('[{"a":', 'json'), (e: KpiError) => e.code === 'parse' && /not valid JSON/.test(e.message));
});

test('every message exists in English and Spanish', () => {
  for (const table of [{ en, es }]) {
    assert.deepEqual(Object.keys(table.es).sort(), Object.keys(table.en).sort());
    for (const [k, v] of Object.entries(table.es)) assert.ok((typeof v === 'string' ? v : v.other).trim().length > 0, k);
  }
});

test('inline CSV as pasted: blank and indented lines before the header, a BOM before JSON or CSV', async () => {
  const { detectDelimiter, csvToRecords } = await import('../../src/core/data/csv.ts');
  const { parseText } = await import('../../src/core/data/load.ts');
  const pasted = '\n    \netapa;cantidad;importe\nLeads;3.610;541.500,00\nMQL;1.240;186.000,00\n  ';
  assert.equal(detectDelimiter(pasted), ';');
  const { header, records } = csvToRecords(pasted);
  assert.deepEqual(header, ['etapa', 'cantidad', 'importe']);
  assert.equal(records.length, 2);
  assert.equal(records[1]!['cantidad'], '1.240');
  assert.deepEqual(parseText('\uFEFF[{"a":1}]', 'json').value, [{ a: 1 }]);
  assert.deepEqual((parseText('\uFEFFa;b\n1;2', 'csv').header), ['a', 'b']);
});
