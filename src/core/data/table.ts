/**
 * Inline data as a plain HTML `<table>` child: the script-free way for CMS pages whose
 * sanitiser strips `<script>` (DOMPurify's defaults, WordPress kses). The header row gives the
 * columns (the `<thead>` row, else the first row); every other row is a record of its cells'
 * text. It is progressive enhancement too: before the kit loads, or without scripts, the page
 * shows the table itself. Cells are read as text, like CSV: numbers are parsed with the
 * widget's decimal separator (`decimal`, else the page locale's).
 */
import type { Parsed } from './load.ts';

const cellText = (c: Element) => (c.textContent ?? '').replace(/\s+/g, ' ').trim();

export function readTable(table: HTMLTableElement): Parsed {
  const rows = [...table.rows];
  const headRow = table.tHead?.rows[0] ?? rows[0];
  if (!headRow) return { format: 'csv', value: [], header: [], delimiter: '' };
  const header = [...headRow.cells].map(cellText);
  const records: Record<string, string>[] = [];
  for (const tr of rows) {
    if (tr === headRow || tr.parentElement === table.tHead || tr.parentElement === table.tFoot) continue;
    const cells = [...tr.cells].map(cellText);
    if (cells.every((c) => c === '')) continue;
    const rec = Object.create(null) as Record<string, string>;
    header.forEach((h, i) => {
      if (h !== '') rec[h] = cells[i] ?? '';
    });
    records.push(rec);
  }
  // No delimiter: the decimal separator follows the `decimal` attribute or the locale.
  return { format: 'csv', value: records, header, delimiter: '' };
}
