/**
 * Web Worker entry (module worker) that loads a `src` for the LTV widget entirely off the
 * main thread: fetch, decode, parse (JSON, or CSV without compiled code), map the fields,
 * validate with zod and pack the transactions into typed-array columns (columns.ts), then
 * post the columns back with their buffers transferred. The main thread never holds the
 * 1,000,000 row objects, so it never spends hundreds of milliseconds in JSON.parse.
 *
 * Protocol (load.ts speaks it):
 *   in:  { type: 'load', id, url, mapping, delimiter?, decimal?, lang }
 *   out: { type: 'progress', id, done, total }
 *        { type: 'result', id, result: LoadedColumns }
 *        { type: 'error', id, detail: KpiErrorDetail }   (network, http, parse, validation, config)
 */
import { toErrorDetail, type KpiErrorDetail } from '../../core/data/errors.ts';
import type { LoadedColumns } from './loaded.ts';
import { loadColumnsHere, type LoadColumnsRequest } from './load-columns.ts';

export interface LoadRequest extends LoadColumnsRequest {
  readonly type: 'load';
  readonly id: number;
}

export type LoadResponse =
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  | { readonly type: 'result'; readonly id: number; readonly result: LoadedColumns }
  | { readonly type: 'error'; readonly id: number; readonly detail: KpiErrorDetail };

interface WorkerScope {
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  postMessage(message: LoadResponse, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  const data = event.data as LoadRequest | null;
  if (!data || typeof data !== 'object' || data.type !== 'load' || typeof data.id !== 'number') return;
  const { id } = data;
  let last = 0;
  loadColumnsHere(data, (done, total) => {
    const now = performance.now();
    if (now - last > 100) {
      last = now;
      scope.postMessage({ type: 'progress', id, done, total });
    }
  }).then(
    (result) => {
      const c = result.columns;
      const transfer: Transferable[] = [c.customer.buffer, c.day.buffer, c.amount.buffer, ...(c.cost ? [c.cost.buffer] : [])];
      scope.postMessage({ type: 'result', id, result }, transfer);
    },
    (e: unknown) => scope.postMessage({ type: 'error', id, detail: toErrorDetail(e, 'parse') }),
  );
};
