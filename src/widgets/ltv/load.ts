/**
 * Load a `src` for the LTV widget off the main thread (load-worker.ts): the result is a
 * `Parsed` whose value is the packed columns, ready for KpiLtv's build. Same error codes as
 * data/load.ts's fetchData (network, http, timeout, parse, validation); a newer request or a
 * disconnect aborts through the signal (the worker is terminated). Without a Worker (or when
 * it cannot start) the same steps run on this thread.
 *
 * Meant for KpiElement's `src` path: see the proposal in KpiLtv's `fetchInput`.
 */
import type { Parsed } from '../../core/data/load.ts';
import { KpiError, type KpiErrorDetail } from '../../core/data/errors.ts';
import type { FieldMapping } from '../../core/data/fields.ts';
import type { LoadedColumns } from './loaded.ts';
import type { LoadRequest, LoadResponse } from './load-worker.ts';
import { loadColumnsHere } from './load-columns.ts';

export interface LoadColumnsOptions {
  readonly signal?: AbortSignal;
  readonly timeout?: number;
  readonly mapping: FieldMapping;
  readonly delimiter?: string;
  readonly decimal?: string;
  readonly lang: string;
  readonly onProgress?: (done: number, total: number) => void;
}

let nextId = 1;

export function loadColumns(src: string, options: LoadColumnsOptions): Promise<Parsed> {
  let url = src;
  try {
    url = new URL(src, globalThis.location?.href).href;
  } catch {
    /* fetch will report it */
  }
  const req = {
    url,
    mapping: { ...options.mapping },
    lang: options.lang,
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.decimal ? { decimal: options.decimal } : {}),
  };
  const toParsed = (r: LoadedColumns): Parsed => ({ format: r.format, value: r, header: r.header, ...(r.delimiter ? { delimiter: r.delimiter } : {}) });
  const here = async () => toParsed(await loadColumnsHere(req, options.onProgress));
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new DOMException('aborted', 'AbortError'));
  const WorkerCtor = (globalThis as { Worker?: typeof Worker }).Worker;
  if (typeof WorkerCtor !== 'function') return here();
  let worker: Worker;
  try {
    // Written literally so bundlers (Vite, webpack 5) see the worker and build it as one.
    worker = new Worker(new URL('./load-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return here();
  }
  const id = nextId++;
  const timeout = options.timeout ?? 15_000;
  return new Promise<Parsed>((resolve, reject) => {
    let settled = false;
    const finish = () => {
      settled = true;
      worker.terminate();
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      if (settled) return;
      finish();
      reject(new DOMException('aborted', 'AbortError'));
    };
    const timer = timeout > 0
      ? setTimeout(() => {
          if (settled) return;
          finish();
          reject(new KpiError({ code: 'timeout', message: `no answer from ${src} after ${Math.round(timeout / 1000)} s`, url }));
        }, timeout)
      : undefined;
    const fallBack = () => {
      if (settled) return;
      finish();
      here().then(resolve, reject);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<LoadResponse>) => {
      const msg = event.data;
      if (settled || !msg || msg.id !== id) return;
      if (msg.type === 'progress') options.onProgress?.(msg.done, msg.total);
      else if (msg.type === 'result') {
        finish();
        resolve(toParsed(msg.result));
      } else {
        finish();
        reject(new KpiError(msg.detail as KpiErrorDetail));
      }
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      fallBack();
    };
    worker.onmessageerror = fallBack;
    const request: LoadRequest = { type: 'load', id, ...req };
    worker.postMessage(request);
  });
}
