/**
 * Runs a widget's spec in node the way the element does (options → read → compute → result),
 * from input given three ways: the `data` property (a value), inline text (CSV or JSON, as an
 * inline <script> child is read) and `src` (the fetched text, format sniffed from it, as
 * load.ts does). Used by the bad-inputs catalogue and the quality tests.
 */
import { parseText, sniffFormat, type Parsed } from '../../src/core/data/load.ts';
import { resolveColumns, columnsOf } from '../../src/core/data/fields.ts';
import { parseOptions } from '../../src/core/element/options.ts';
import { toErrorDetail } from '../../src/core/data/errors.ts';
import { readNow, type AnySpec, type Input, type Progress } from '../../src/core/element/spec.ts';
import type { RejectedRow } from '../../src/core/schema/validate.ts';
import type { Finding } from '../../src/core/data/quality.ts';
import { funnelSpec } from '../../src/widgets/funnel/spec.ts';
import { ltvSpec } from '../../src/widgets/ltv/spec.ts';
import { scorecardSpec } from '../../src/widgets/scorecard/spec.ts';

export const SPECS = { funnel: funnelSpec, ltv: ltvSpec, scorecard: scorecardSpec } as const;
export type WidgetName = keyof typeof SPECS;
export type Way = 'property' | 'inline' | 'src';

export type Outcome =
  | { state: 'error'; code: string; message: string }
  | { state: 'empty'; result: unknown }
  | { state: 'ready'; result: any; rejected: readonly RejectedRow[]; findings: readonly Finding[] }; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface RunOptions {
  /** Attributes / properties (option keys as properties, field mapping as `fields`). */
  readonly options?: Record<string, unknown>;
  readonly fields?: Record<string, string>;
  readonly currency?: string;
  readonly groupBy?: string;
}

/** Rows → the text an inline script or a src would hold (CSV when every value is a scalar, else JSON). */
export function asText(value: unknown): { text: string; type: 'csv' | 'json' } {
  if (typeof value === 'string') return { text: value, type: sniffFormat(value) };
  if (Array.isArray(value) && value.length > 0 && value.every((r) => r && typeof r === 'object' && !Array.isArray(r) && Object.values(r).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)))) {
    const header = columnsOf(value);
    const cell = (v: unknown) => (v === undefined || v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    return { text: [header.join(','), ...value.map((r) => header.map((h) => cell((r as Record<string, unknown>)[h])).join(','))].join('\n'), type: 'csv' };
  }
  return { text: JSON.stringify(value), type: 'json' };
}

function parsedFor(value: unknown, way: Way): Parsed {
  if (way === 'property') {
    if (typeof value === 'string') return parseText(value, sniffFormat(value));
    return { format: 'json', value };
  }
  const { text, type } = asText(value);
  return parseText(text, way === 'src' ? sniffFormat(text) : type);
}

export async function runWidget(w: WidgetName, value: unknown, way: Way, o: RunOptions = {}): Promise<Outcome> {
  const spec = SPECS[w] as AnySpec;
  try {
    const parsed = parsedFor(value, way);
    const options = parseOptions(spec.options, { ...(o.options ?? {}) }) as Record<string, unknown>;
    const mapping: Record<string, string | undefined> = {};
    for (const k of Object.keys(spec.fields)) mapping[k] = o.fields?.[k];
    if ('group' in spec.fields) mapping['group'] = o.groupBy ?? mapping['group'];
    const rows = Array.isArray(parsed.value) ? parsed.value : [];
    const header = parsed.header ?? columnsOf(rows);
    const columns = resolveColumns(spec.fields, mapping, header);
    if ('group' in spec.fields && !mapping['group']) columns['group'] = undefined;
    const input: Input = {
      parsed, columns, mapping, decimal: '.', dayOrder: 'dmy',
      columnName: (k) => columns[k] ?? mapping[k] ?? k,
      currency: o.currency ?? 'USD',
      currencyExplicit: o.currency !== undefined,
    };
    if (spec.needsData && !spec.needsData(options) && rows.length === 0) { /* built on no rows, as the element does */ }
    else if (rows.length === 0 && Array.isArray(parsed.value) && w !== 'scorecard') {
      // The element reads [] like any input; the spec gives the empty model.
    }
    const read = readNow(spec.read(input, options));
    const ctx = { signal: new AbortController().signal, onProgress: (_: Progress) => {} };
    let out: unknown = spec.compute(read.data, options, ctx);
    if (out && typeof (out as Generator).next === 'function') {
      const g = out as Generator<unknown, unknown>;
      let r = g.next();
      while (!r.done) r = g.next();
      out = r.value;
    } else if (out && typeof (out as Promise<unknown>).then === 'function') out = await out;
    const result = spec.result(out, read, options);
    if (spec.isEmpty(out)) return { state: 'empty', result };
    return { state: 'ready', result, rejected: spec.rejectedOf ? spec.rejectedOf(out) : read.rejected, findings: spec.findingsOf ? spec.findingsOf(out) : [] };
  } catch (e) {
    const d = toErrorDetail(e, 'config');
    return { state: 'error', code: d.code, message: d.message };
  }
}
