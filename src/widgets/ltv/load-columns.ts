/**
 * Fetch a `src` (core/data/load.ts), parse it and pack the LTV widget's transactions into
 * columns. Runs in the kit's worker (job `ltv-load`); load.ts calls it directly when no
 * worker can start. Uses only fetch and pure functions (no DOM).
 */
import { fetchData, rowsOf } from '../../core/data/load.ts';
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
  /** Milliseconds before the request is given up (default 15 s). */
  readonly timeout?: number;
}

/**
 * Fetch, parse and pack `url` into columns (in the kit's worker, or here when none can start).
 * `pause`, on the main thread, gives the event loop a turn: the body is then parsed and packed
 * in slices, never in one long task.
 */
export async function loadColumnsHere(req: LoadColumnsRequest, onProgress?: (done: number, total: number) => void, signal?: AbortSignal, pause?: () => Promise<void>): Promise<LoadedColumns> {
  const parsed = await fetchData(req.url, { timeout: req.timeout ?? 15_000, ...(signal ? { signal } : {}), ...(req.delimiter ? { delimiter: req.delimiter } : {}), ...(pause ? { pause } : {}) });
  const value = parsed.value;
  const raw = rowsOf(value);
  if (!raw) throw new KpiError({ code: 'validation', message: 'expected a list of transactions (an array, or an object with a "rows" array)' });
  const header = parsed.header ? [...parsed.header] : columnsOf(raw);
  const columns = resolveColumns(LTV_FIELDS, req.mapping, header);
  const decimal = parsed.format === 'csv' ? csvDecimal(req.decimal, parsed.delimiter ?? ',', req.lang) : '.';
  const dayOrder = localeDayOrder(req.lang);
  const steps = toColumnsSteps(raw, columns, { decimal, dayOrder, columnName: (k) => columns[k] ?? req.mapping[k] ?? k, chunk: 16_384 });
  let r = steps.next();
  let turn = performance.now();
  while (!r.done) {
    onProgress?.(r.value.done, r.value.total);
    if (pause && performance.now() - turn > 20) {
      await pause();
      if (signal?.aborted) throw new DOMException('The load was aborted', 'AbortError');
      turn = performance.now();
    }
    r = steps.next();
  }
  return { kind: 'ltv-columns', format: parsed.format, header, ...(parsed.delimiter ? { delimiter: parsed.delimiter } : {}), key: columnsKey(columns, decimal, dayOrder), columns: r.value };
}

