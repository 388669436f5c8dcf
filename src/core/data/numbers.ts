/**
 * Locale-aware number parsing for CSV cells. `1.234,56` with decimal ',' and
 * `1,234.56` with decimal '.' both give 1234.56. Anything that is not clearly a number
 * is returned unchanged so validation can name it ("expected a number, got "n/a"").
 */
export type DecimalSeparator = '.' | ',';

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumberCell(cell: string, decimal: DecimalSeparator = '.'): number | string | undefined {
  let s = cell.trim().replace(/[\u00a0\u202f\s]/g, '');
  if (s === '') return undefined;
  // A trailing or leading percent sign or currency symbol is common in exports.
  let scale = 1;
  if (s.endsWith('%')) {
    s = s.slice(0, -1);
    scale = 0.01;
  }
  s = s.replace(/^[€$£]|[€$£]$/g, '');
  if (decimal === ',') {
    // Thousands '.' only in groups of three.
    if (/^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$/.test(s)) s = s.replace(/\./g, '');
    s = s.replace(',', '.');
  } else if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) {
    s = s.replace(/,/g, '');
  }
  if (!PLAIN.test(s)) return cell;
  const v = Number(s) * scale;
  return Number.isFinite(v) ? v : cell;
}

/** The decimal separator an Intl locale writes: ',' for de, es, fr, pt-BR; '.' for en-GB, en-US. */
export function localeDecimal(locale: string): DecimalSeparator {
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
    return part?.value === ',' ? ',' : '.';
  } catch {
    return '.';
  }
}

/**
 * The decimal separator for a CSV: explicit setting first; '.' when the file is separated by
 * ',' (a comma cannot be both); ',' when separated by ';' (the European spreadsheet
 * convention); otherwise (tabs, pipes) the Intl locale's own decimal separator.
 */
export function csvDecimal(explicit: string | null | undefined, delimiter: string, locale: string): DecimalSeparator {
  if (explicit === ',' || explicit === '.') return explicit;
  if (delimiter === ',') return '.';
  if (delimiter === ';') return ',';
  return localeDecimal(locale);
}
