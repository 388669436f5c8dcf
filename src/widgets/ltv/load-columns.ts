/**
 * Fetch a `src`, parse it and pack the LTV widget's transactions into columns, with
 * data/load.ts's error codes. Runs in load-worker.ts; load.ts calls it directly when no
 * Worker can be started. Uses only fetch and pure functions (no DOM).
 */
import { parseText, sniffFormat } from '../../core/data/load.ts';
import { resolveColumns, columnsOf, type FieldMapping } from '../../core/data/fields.ts';
import { csvDecimal } from '../../core/data/numbers.ts';
import { localeDayOrder } from '../../core/data/dates.ts';
import { KpiError } from '../../core/data/errors.ts';
import { LTV_FIELDS, toColumnsSteps } from './columns.ts';
import { columnsKey, type LoadedColumns } from './loaded.ts';

export interface LoadColumnsRequest {
  readonly url: string;
  readonly mapping: FieldMapping;
  readonly delimiter?: string;
  readonly decimal?: string;
  readonly lang: string;
}

function formatHint(url: string, type: string): string {
  if (type.includes('json') || type.includes('csv')) return type;
  const path = url.split(/[?#]/)[0]!.toLowerCase();
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.csv') || path.endsWith('.tsv') || path.endsWith('.txt')) return 'csv';
  return type;
}

/** Fetch, parse and pack `url` into columns (exported for the main-thread fallback). */
export async function loadColumnsHere(req: LoadColumnsRequest, onProgress?: (done: number, total: number) => void): Promise<LoadedColumns> {
  let response: Response;
  try {
    response = await fetch(req.url, { credentials: 'same-origin' });
  } catch (e) {
    throw new KpiError({ code: 'network', message: `could not reach ${req.url} (${(e as Error).message})`, url: req.url });
  }
  if (!response.ok) {
    throw new KpiError({ code: 'http', status: response.status, message: `${req.url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, url: req.url });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (e) {
    throw new KpiError({ code: 'network', message: `the download of ${req.url} broke off (${(e as Error).message})`, url: req.url });
  }
  const hint = formatHint(req.url, (response.headers.get('content-type') ?? '').toLowerCase());
  const parsed = parseText(text, sniffFormat(text, hint), req.delimiter);
  text = '';
  const value = parsed.value;
  const raw: unknown[] | null = Array.isArray(value)
    ? value
    : value && typeof value === 'object' && Array.isArray((value as { rows?: unknown }).rows)
      ? (value as { rows: unknown[] }).rows
      : null;
  if (!raw) throw new KpiError({ code: 'validation', message: 'expected a list of transactions (an array, or an object with a "rows" array)' });
  const header = parsed.header ? [...parsed.header] : columnsOf(raw);
  const columns = resolveColumns(LTV_FIELDS, req.mapping, header);
  const decimal = parsed.format === 'csv' ? csvDecimal(req.decimal, parsed.delimiter ?? ',', req.lang) : '.';
  const dayOrder = localeDayOrder(req.lang);
  const steps = toColumnsSteps(raw, columns, { decimal, dayOrder, columnName: (k) => columns[k] ?? req.mapping[k] ?? k, chunk: 16_384 });
  let r = steps.next();
  while (!r.done) {
    onProgress?.(r.value.done, r.value.total);
    r = steps.next();
  }
  return { kind: 'ltv-columns', format: parsed.format, header, ...(parsed.delimiter ? { delimiter: parsed.delimiter } : {}), key: columnsKey(columns, decimal, dayOrder), columns: r.value };
}

