/**
 * Run the LTV widget's predictive fit off the main thread: in ltv-pipeline-worker.ts when a
 * module Worker can be made, else on this thread in slices of at most `sliceMs` (default 12)
 * that give control back between them. Copies of the columns are transferred (the caller
 * keeps its own); an AbortSignal terminates the worker or stops the slices.
 *
 * The same fallback rules as metrics/ltv-fit-client.ts: no Worker, a CSP `worker-src`
 * refusal or a worker that fails to load all fall back to slices; only abort rejects.
 */
import { compactFitSteps, type CompactFit, type FitColumns, type FitProgress, type ResolvedPredictiveSettings } from './predictive.ts';
import type { PipelineRequest } from './ltv-pipeline-worker.ts';
import { callWorker, runInSlices } from '../../core/jobs/client.ts';

export interface FitColumnsOptions {
  readonly onProgress?: (p: FitProgress & { readonly where: 'worker' | 'main-thread' }) => void;
  readonly mainThread?: boolean;
  readonly sliceMs?: number;
  readonly signal?: AbortSignal;
}

const abortError = () => new DOMException('The fit was aborted', 'AbortError');
let nextId = 1;

export function fitColumns(cols: FitColumns, settings: ResolvedPredictiveSettings, options: FitColumnsOptions = {}): Promise<CompactFit> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortError());
  const WorkerCtor = (globalThis as { Worker?: typeof Worker }).Worker;
  if (options.mainThread || typeof WorkerCtor !== 'function') return fitInSlices(cols, settings, options);
  let worker: Worker;
  try {
    // Written literally so bundlers (Vite, webpack 5) see the worker and build it as one.
    worker = new Worker(new URL('./ltv-pipeline-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return fitInSlices(cols, settings, options);
  }
  const copy: FitColumns = {
    n: cols.n,
    ids: cols.ids,
    customer: cols.customer.slice(0, cols.n),
    day: cols.day.slice(0, cols.n),
    amount: cols.amount.slice(0, cols.n),
  };
  const request: PipelineRequest = { type: 'fit', id: nextId++, columns: copy, settings };
  return callWorker<CompactFit>(worker, request, {
    signal,
    transfer: [copy.customer.buffer, copy.day.buffer, copy.amount.buffer],
    onProgress: (msg) => options.onProgress?.({ stage: msg['stage'] as FitProgress['stage'], done: msg['done'] as number, where: 'worker' }),
    fallback: () => fitInSlices(cols, settings, options),
    abortError,
  });
}

/** The fit on this thread, in slices. */
export async function fitInSlices(cols: FitColumns, settings: ResolvedPredictiveSettings, options: FitColumnsOptions = {}): Promise<CompactFit> {
  return runInSlices(compactFitSteps(cols, settings), {
    sliceMs: options.sliceMs ?? 12,
    signal: options.signal,
    onProgress: (p) => options.onProgress?.({ ...p, where: 'main-thread' }),
    abortError,
  });
}
