/**
 * The files behind "Download" (the menu is export.ts): loaded on demand, the first time a reader
 * opens the menu, so a page pays for them only when they are used.
 *
 * - `toCsv(tables)` is pure (node-testable): RFC 4180 quoting, CRLF rows, one block per table
 *   (its caption, its header row, its rows), a blank line between blocks.
 * - `svgMarkup(svg)` serialises a chart with XMLSerializer after copying each node's computed
 *   colours and type into presentation attributes (never a `style=""` string: a page whose CSP
 *   says `style-src 'self'` refuses those), so the file looks like the widget without its CSS.
 * - PNG draws an `<img>` of the SVG's blob URL on a canvas. A page whose CSP has
 *   `img-src 'self'` refuses blob: images: the menu then offers no PNG (it probes once, when
 *   first opened, so a page that never opens it sees no CSP report).
 * - `deliver` fires the cancelable `kpi-export` event, then saves the file.
 */
export type ExportFormat = 'csv' | 'svg' | 'png';

/** One table as text: the caption, the column headers and the rows (first cell the row header). */
export interface CsvTable {
  readonly caption?: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * A text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) and that is not
 * a number as the table writes it ("+5%", "−1.2 pp", "-3"): data from a CRM can carry
 * `=HYPERLINK(…)` in a stage or customer name. Such a cell gets a leading apostrophe.
 */
const FORMULA = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+\-−]?[\d.,\s\u00a0\u202f]+(%|\s?pp|\s?[a-z]{1,3})?$/i;
export function guardFormula(s: string): string {
  return FORMULA.test(s) && !SIGNED_NUMBER.test(s) ? `'${s}` : s;
}

/** One CSV field, guarded against formulas, quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(raw: string): string {
  const s = guardFormula(raw);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV of one or more tables: caption line (when given), headers, rows; blocks apart by a blank line. */
export function toCsv(tables: readonly CsvTable[]): string {
  const line = (cells: readonly string[]) => cells.map(csvField).join(',');
  return tables
    .map((t) => [...(t.caption ? [line([t.caption])] : []), line(t.headers), ...t.rows.map(line)].join('\r\n'))
    .join('\r\n\r\n')
    .concat('\r\n');
}

/** Parse CSV text back into rows (the inverse of `toCsv` for one block; used by tests and checks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

/** Computed properties copied onto each SVG node as presentation attributes. */
const PRESENTATION = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'visibility', 'display',
] as const;

/**
 * The chart as standalone SVG text: a deep clone whose nodes carry their computed colours and
 * type as attributes (resolved from the widget's `--kpi-*` tokens, forced colours included).
 */
export function svgMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((node, i) => {
    const target = to[i]!;
    const cs = getComputedStyle(node);
    for (const p of PRESENTATION) {
      const v = cs.getPropertyValue(p);
      if (!v || (p === 'display' && v !== 'none') || (p === 'visibility' && v === 'visible')) continue;
      target.setAttribute(p, v);
    }
    target.removeAttribute('tabindex');
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.getBoundingClientRect();
  if (!clone.getAttribute('width')) clone.setAttribute('width', String(box.width));
  if (!clone.getAttribute('height')) clone.setAttribute('height', String(box.height));
  // Lit's comment markers carry no meaning outside the widget.
  const walker = document.createTreeWalker(clone, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.parentNode?.removeChild(c);
  return new XMLSerializer().serializeToString(clone);
}

let blobImages: Promise<boolean> | undefined;

/** Whether this page may draw blob: images (a CSP `img-src` without `blob:` refuses them). Probed once. */
export function canDrawBlobImages(): Promise<boolean> {
  blobImages ??= new Promise<boolean>((resolve) => {
    if (typeof Image === 'undefined' || typeof URL.createObjectURL !== 'function') return resolve(false);
    const url = URL.createObjectURL(new Blob(['<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'], { type: 'image/svg+xml' }));
    const img = new Image();
    const done = (ok: boolean) => (URL.revokeObjectURL(url), resolve(ok));
    img.onload = () => done(true);
    img.onerror = () => done(false);
    img.src = url;
  });
  return blobImages;
}

/** The SVG text drawn on a canvas at `scale` (2 for sharp text), as a PNG blob. */
export function pngOf(markup: string, width: number, height: number, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width * scale;
      canvas.height = height * scale;
      const ctx = canvas.getContext('2d');
      URL.revokeObjectURL(url);
      if (!ctx) return reject(new Error('no 2d canvas'));
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, width, height);
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png');
    };
    img.onerror = () => (URL.revokeObjectURL(url), reject(new Error('the SVG could not be drawn (CSP img-src?)')));
    img.src = url;
  });
}

export interface KpiExportDetail {
  readonly format: ExportFormat;
  readonly filename: string;
  readonly type: string;
  readonly blob: Blob;
  /** The file's text, for CSV and SVG. */
  readonly text?: string;
}

/** Fire `kpi-export` from `host`; unless a listener cancels it, save the file through an `<a download>`. */
export function deliver(host: HTMLElement, detail: KpiExportDetail): void {
  const event = new CustomEvent<KpiExportDetail>('kpi-export', { detail, bubbles: true, composed: true, cancelable: true });
  if (!host.dispatchEvent(event)) return;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(detail.blob);
  a.download = detail.filename;
  a.rel = 'noopener';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

