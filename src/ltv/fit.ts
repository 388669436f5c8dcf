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
import type { PipelineRequest, PipelineResponse } from './ltv-pipeline-worker.ts';

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
  const id = nextId++;
  return new Promise<CompactFit>((resolve, reject) => {
    let settled = false;
    const finish = () => {
      settled = true;
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      if (settled) return;
      finish();
      reject(abortError());
    };
    const fallBack = () => {
      if (settled) return;
      finish();
      fitInSlices(cols, settings, options).then(resolve, reject);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<PipelineResponse>) => {
      const msg = event.data;
      if (settled || !msg || msg.id !== id) return;
      if (msg.type === 'progress') options.onProgress?.({ stage: msg.stage, done: msg.done, where: 'worker' });
      else if (msg.type === 'result') {
        finish();
        resolve(msg.result);
      } else fallBack();
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      fallBack();
    };
    worker.onmessageerror = fallBack;
    const copy: FitColumns = {
      n: cols.n,
      ids: cols.ids,
      customer: cols.customer.slice(0, cols.n),
      day: cols.day.slice(0, cols.n),
      amount: cols.amount.slice(0, cols.n),
    };
    const request: PipelineRequest = { type: 'fit', id, columns: copy, settings };
    try {
      worker.postMessage(request, [copy.customer.buffer, copy.day.buffer, copy.amount.buffer]);
    } catch {
      fallBack();
    }
  });
}

function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The fit on this thread, in slices. */
export async function fitInSlices(cols: FitColumns, settings: ResolvedPredictiveSettings, options: FitColumnsOptions = {}): Promise<CompactFit> {
  const sliceMs = options.sliceMs ?? 12;
  const steps = compactFitSteps(cols, settings);
  for (;;) {
    if (options.signal?.aborted) {
      steps.return(undefined as never);
      throw abortError();
    }
    const start = performance.now();
    let r = steps.next();
    while (!r.done && performance.now() - start < sliceMs) r = steps.next();
    if (r.done) return r.value;
    options.onProgress?.({ ...r.value, where: 'main-thread' });
    await yieldToEventLoop();
  }
}
