// The CSV download: built from the view's table rows, so it carries the table's very strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, parseCsv, toCsv } from '../../src/core/ui/export-files.ts';
import { funnelCsv } from '../../src/widgets/funnel/template.ts';
import type { FunnelView, TableCellView } from '../../src/widgets/funnel/view.ts';

const cell = (text: string, missed = false, hidden: string | null = null): TableCellView => ({ text, missed, hidden });

// A hand-made funnel view: only the tables matter to the CSV.
const view = {
  tables: [
    {
      caption: 'Funnel stages',
      headers: ['Stage', 'Count', 'Conversion', 'Target'],
      rows: [
        { head: 'Prospecting', cells: [cell('8,800'), cell('—'), cell('—')] },
        { head: 'Engaging', cells: [cell('8,300'), cell('94.3%'), cell('90%')] },
        { head: 'Won', cells: [cell('4,238'), cell('51.1% ▼', true, 'below target'), cell('55%')] },
      ],
    },
  ],
} as unknown as FunnelView;

test('csvField quotes only what needs quoting', () => {
  assert.equal(csvField('8,800'), '"8,800"');
  assert.equal(csvField('94.3%'), '94.3%');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField(' lead'), '" lead"');
  assert.equal(csvField('a\nb'), '"a\nb"');
  assert.equal(csvField('−6%'), '−6%');
});

test("the funnel's CSV is its table's cells, row by row", () => {
  const csv = toCsv(funnelCsv(view));
  assert.equal(
    csv,
    'Funnel stages\r\n' +
      'Stage,Count,Conversion,Target\r\n' +
      'Prospecting,"8,800",—,—\r\n' +
      'Engaging,"8,300",94.3%,90%\r\n' +
      'Won,"4,238",51.1% ▼,55%\r\n',
  );
  const rows = parseCsv(csv);
  assert.deepEqual(rows.slice(1), [
    ['Stage', 'Count', 'Conversion', 'Target'],
    ['Prospecting', '8,800', '—', '—'],
    ['Engaging', '8,300', '94.3%', '90%'],
    ['Won', '4,238', '51.1% ▼', '55%'],
  ]);
});

test('several tables are blocks apart by a blank line; a table without caption starts at its header', () => {
  const csv = toCsv([
    { headers: ['a', 'b'], rows: [['1', '2']] },
    { caption: 'Second', headers: ['c'], rows: [['x, y']] },
  ]);
  assert.equal(csv, 'a,b\r\n1,2\r\n\r\nSecond\r\nc\r\n"x, y"\r\n');
  assert.deepEqual(parseCsv(csv), [['a', 'b'], ['1', '2'], [''], ['Second'], ['c'], ['x, y']]);
});

test('CSV cells that a spreadsheet would run as formulas are neutralised; signed numbers stay numbers', async () => {
  const { csvField } = await import('../../src/core/ui/export-files.ts');
  assert.equal(csvField('=HYPERLINK("http://x","click")'), `"'=HYPERLINK(""http://x"",""click"")"`);
  assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvField('-2+3'), "'-2+3");
  assert.equal(csvField('+5%'), '+5%');
  assert.equal(csvField('-3'), '-3');
  assert.equal(csvField('+1.2 pp'), '+1.2 pp');
  assert.equal(csvField('Prospecting'), 'Prospecting');
});
