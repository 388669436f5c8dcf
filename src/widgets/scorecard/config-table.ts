/**
 * A scorecard configuration written as a plain HTML table, `<table data-config>`: the
 * script-free way for CMS pages whose sanitiser strips `<script>` (DOMPurify's defaults,
 * WordPress kses). Without scripts the page still shows the table: the KPIs and their targets.
 *
 *   <kpi-scorecard src="/deals.csv">
 *     <table data-config>
 *       <caption>Sales team</caption>
 *       <tr><th>id</th><th>label</th><th>metric</th><th>value</th><th>target</th><th>target period</th></tr>
 *       <tr><td>win</td><td>Win rate</td><td>win-rate</td><td></td><td>60%</td><td>quarter</td></tr>
 *       <tr><td>nps</td><td>NPS</td><td></td><td>41</td><td>40</td><td></td></tr>
 *     </table>
 *   </kpi-scorecard>
 *
 * The header row (the `<thead>` row, else the first row) names the KPI fields of config.ts, in
 * any case and with spaces, `-` or `_` (`target period`, `Target_Period`, `targetPeriod`); each
 * other row is one KPI, in order. A blank cell leaves its field out. Cells are text, read by the
 * field they are in:
 * - numbers (`target`, `value`, `group target`, `max data age days`, `warning`, `critical`,
 *   `neutral band`) with the element's decimal separator (`decimal`, else its locale's), and
 *   `60%` is 0.6;
 * - `warning` / `critical` are the thresholds (`{ warning, critical }`, relative to the target);
 * - `accumulates` is yes/no (true/false, sí/no, 1/0);
 * - `label.en` / `label.es` give a label per language;
 * - `params`, `filter`, `series`, `format`, `thresholds`, `quality` take JSON;
 * - anything else is text. An unknown column is kept under its own name, so the configuration
 *   check names it (a typo never passes silently).
 * The `<caption>` is the title.
 */
import { KpiError } from '../../core/data/errors.ts';
import { parseNumberCell, type DecimalSeparator } from '../../core/data/numbers.ts';

const FIELDS = [
  'id', 'label', 'metric', 'params', 'filter', 'value', 'series', 'dataAsOf', 'target', 'targetPeriod', 'groupTarget',
  'direction', 'thresholds', 'warning', 'critical', 'neutralBand', 'comparison', 'accumulates', 'objective', 'owner',
  'nextAction', 'reviewCadence', 'maxDataAgeDays', 'kind', 'unit', 'format', 'quality',
] as const;
const NUMBERS = new Set<string>(['target', 'value', 'groupTarget', 'maxDataAgeDays', 'warning', 'critical', 'neutralBand']);
const JSON_FIELDS = new Set<string>(['params', 'filter', 'series', 'format', 'thresholds', 'quality']);
const YES = new Set(['yes', 'true', 'sí', 'si', 'y', '1']);
const NO = new Set(['no', 'false', 'n', '0']);

const norm = (h: string) => h.toLowerCase().replace(/[\s_-]+/g, '');
const BY_NORM: ReadonlyMap<string, string> = new Map(FIELDS.map((f) => [norm(f), f]));

const cellText = (c: Element) => (c.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The field a header names: a KPI field, `label.<lang>`, or the header itself (then the check names it). */
function fieldOf(header: string): string {
  const label = /^label\s*[.(\s_-]\s*([a-z]{2})\)?$/i.exec(header);
  if (label) return `label.${label[1]!.toLowerCase()}`;
  return BY_NORM.get(norm(header)) ?? header;
}

function bad(row: number, header: string, message: string): never {
  throw new KpiError({ code: 'config', message: `the data-config table, row ${row}, ${header}: ${message}`, issues: [{ row, path: header, message }] });
}

/** One cell as its field's value; undefined for a blank cell. */
function cellValue(field: string, text: string, decimal: DecimalSeparator, row: number, header: string): unknown {
  if (text === '') return undefined;
  if (NUMBERS.has(field)) return parseNumberCell(text, decimal); // text that is no number stays text: the check names it
  if (field === 'accumulates') {
    const t = text.toLowerCase();
    return YES.has(t) ? true : NO.has(t) ? false : text;
  }
  if (JSON_FIELDS.has(field)) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return bad(row, header, `not valid JSON (${(e as Error).message})`);
    }
  }
  return text;
}

/**
 * A `<table data-config>` as the raw configuration object (`{ title?, kpis: [...] }`), for
 * config.ts's check. `decimal` reads the number cells. Throws a `config` KpiError for a table
 * without a header row or a JSON cell that is not JSON.
 */
export function configFromTable(table: HTMLTableElement, decimal: DecimalSeparator): Record<string, unknown> {
  const rows = [...table.rows];
  const headRow = table.tHead?.rows[0] ?? rows[0];
  if (!headRow) throw new KpiError({ code: 'config', message: 'the data-config table has no rows: its first row names the KPI fields (id, metric, target…)' });
  const headers = [...headRow.cells].map(cellText);
  const fields = headers.map(fieldOf);
  const kpis: Record<string, unknown>[] = [];
  let row = 0;
  for (const tr of rows) {
    if (tr === headRow || tr.parentElement === table.tHead || tr.parentElement === table.tFoot) continue;
    row++;
    const cells = [...tr.cells].map(cellText);
    if (cells.every((c) => c === '')) continue;
    const kpi: Record<string, unknown> = Object.create(null);
    const label: Record<string, string> = {};
    const thresholds: Record<string, unknown> = {};
    fields.forEach((field, i) => {
      if (headers[i] === '') return;
      const value = cellValue(field, cells[i] ?? '', decimal, row, headers[i]!);
      if (value === undefined) return;
      if (field.startsWith('label.')) label[field.slice(6)] = String(value);
      else if (field === 'warning' || field === 'critical') thresholds[field] = value;
      else kpi[field] = value;
    });
    if (Object.keys(label).length > 0 && kpi['label'] === undefined) kpi['label'] = label;
    if (Object.keys(thresholds).length > 0 && kpi['thresholds'] === undefined) kpi['thresholds'] = thresholds;
    kpis.push({ ...kpi });
  }
  const title = table.caption ? cellText(table.caption) : '';
  return title ? { title, kpis } : { kpis };
}
