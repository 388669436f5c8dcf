/**
 * A small RFC 4180 CSV parser that never compiles code (d3-dsv's csvParse builds a
 * Function per header, which a strict CSP refuses). Quoted fields, doubled quotes,
 * CRLF, a UTF-8 BOM and `,` `;` or tab separators are handled.
 */
export interface CsvOptions {
  /** Field separator; detected from the header line when omitted. */
  readonly delimiter?: string;
}

export interface CsvTable {
  readonly header: string[];
  readonly rows: string[][];
  readonly delimiter: string;
}

/**
 * The separator used in the first non-blank line, outside quotes: the most frequent of `,` `;`
 * tab. Blank lines first are skipped: inline CSV pasted into a page starts on the line after
 * `<script type="text/csv">`, so its first line is empty or indentation.
 */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  const start = /^(?:\uFEFF)?(?:[ \t]*\r?\n)*/.exec(text)![0].length;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && ch in counts) counts[ch]!++;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d]! > counts[best]!) best = d;
  return best;
}

export function parseCsvRows(text: string, options: CsvOptions = {}): { rows: string[][]; delimiter: string } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let inQuotes = false;
  while (i < n) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      i++;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      field = '';
      rows.push(row);
      row = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (inQuotes) throw new CsvError('a quoted field is not closed before the end of the file', rows.length + 1);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines carry no record.
  return { rows: rows.filter((r) => !(r.length === 1 && r[0]!.trim() === '')), delimiter };
}

export class CsvError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/** Header + rows. Duplicate or empty header names get a positional suffix so no column is lost. */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const { rows, delimiter } = parseCsvRows(text, options);
  if (rows.length === 0) return { header: [], rows: [], delimiter };
  const seen = new Map<string, number>();
  const header = rows[0]!.map((h, i) => {
    let name = h.trim() || `column_${i + 1}`;
    const k = seen.get(name) ?? 0;
    seen.set(name, k + 1);
    if (k > 0) name = `${name}_${k + 1}`;
    return name;
  });
  return { header, rows: rows.slice(1), delimiter };
}

/**
 * CSV text to plain records keyed by header. Objects are created without a prototype
 * so a column named `__proto__` or `constructor` is just a column.
 */
export function csvToRecords(text: string, options: CsvOptions = {}): { records: Record<string, string>[]; header: string[]; delimiter: string } {
  const { header, rows, delimiter } = parseCsv(text, options);
  const records = rows.map((r) => {
    const o = Object.create(null) as Record<string, string>;
    for (let i = 0; i < header.length; i++) o[header[i]!] = r[i] ?? '';
    return o;
  });
  return { records, header, delimiter };
}
