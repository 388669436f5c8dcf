/**
 * Run the predictive CLV fit off the main thread: in a module Web Worker when the
 * environment has one, else on the calling thread in time slices that give control back
 * (scheduler.postTask / setTimeout) after every ~16 ms of work, so a page stays
 * responsive. An AbortSignal cancels either way (the worker is terminated).
 *
 * If the worker cannot be created (no Worker, a CSP `worker-src` refusal) or fails to
 * load, the fit falls back to the main thread; the promise rejects only on abort.
 */
import { runLtvFitSteps, type ClvProgress, type LtvFitOptions, type LtvFitResult, type LtvInput } from './clv-predictive.ts';
import type { LtvWorkerRequest, LtvWorkerResponse } from './ltv-worker.ts';

export interface FitInWorkerOptions extends LtvFitOptions {
  /** Called with progress now and then (from the worker or between slices). */
  readonly onProgress?: (progress: ClvProgress & { readonly where: 'worker' | 'main-thread' }) => void;
  /** Skip the worker and run in main-thread slices (default false). */
  readonly mainThread?: boolean;
  /**
   * Main-thread time budget per slice in ms (default 16). A slice ends at the first step
   * boundary past the budget; single steps take under ~25 ms even for 100k customers, so a
   * task stays under ~40 ms.
   */
  readonly sliceMs?: number;
}

/** The options that cross to the worker: plain data only. */
function cloneableOptions(options: FitInWorkerOptions): LtvFitOptions {
  const { onProgress: _p, mainThread: _m, sliceMs: _s, ...rest } = options;
  return rest;
}

function abortReason(signal: AbortSignal): unknown {
  if (signal.reason !== undefined) return signal.reason;
  const e = new Error('The fit was aborted');
  e.name = 'AbortError';
  return e;
}

let nextId = 1;

/**
 * Summarise (if given transactions), fit BG/NBD and Gamma-Gamma and predict every
 * customer. Resolves with the result (possibly "not available"), rejects with the
 * signal's reason when aborted.
 */
export function fitInWorker(input: LtvInput, options: FitInWorkerOptions = {}, signal?: AbortSignal): Promise<LtvFitResult> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  if (options.mainThread || typeof Worker !== 'function') return fitInSlices(input, options, signal);

  let worker: Worker;
  try {
    // Written literally so bundlers (Vite, webpack 5, esbuild plugins) emit the worker chunk.
    worker = new Worker(new URL('./ltv-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return fitInSlices(input, options, signal);
  }
  const id = nextId++;
  return new Promise<LtvFitResult>((resolve, reject) => {
    let settled = false;
    const finish = (): void => {
      settled = true;
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      if (settled) return;
      finish();
      reject(abortReason(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<LtvWorkerResponse>) => {
      const msg = event.data;
      if (settled || msg === null || typeof msg !== 'object' || msg.id !== id) return;
      if (msg.type === 'progress') {
        const { type: _t, id: _i, ...progress } = msg;
        options.onProgress?.({ ...progress, where: 'worker' });
      } else if (msg.type === 'result') {
        finish();
        resolve(msg.result);
      } else {
        // An unexpected exception inside the worker: retry on the main thread.
        finish();
        fitInSlices(input, options, signal).then(resolve, reject);
      }
    };
    const fallBack = (): void => {
      if (settled) return;
      finish();
      fitInSlices(input, options, signal).then(resolve, reject);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      fallBack();
    };
    worker.onmessageerror = fallBack;
    const request: LtvWorkerRequest = { type: 'fit', id, input, options: cloneableOptions(options) };
    try {
      worker.postMessage(request);
    } catch {
      fallBack(); // input that cannot be cloned: run here instead
    }
  });
}

type SchedulerLike = { postTask?: (cb: () => void, options?: { priority?: string }) => Promise<unknown> };

/**
 * Give the event loop a turn. `scheduler.postTask` at user-visible priority where it
 * exists (no 4 ms timer clamping, and it takes turns fairly with timers, input and
 * rendering), else a zero timeout. Deliberately not `scheduler.yield()`: its continuation
 * is prioritised over timers, so a timer that wants to abort the fit would starve.
 */
function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (scheduler && typeof scheduler.postTask === 'function') {
    return scheduler.postTask(() => undefined, { priority: 'user-visible' }).then(() => undefined);
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The fit on this thread, in slices of about `sliceMs` each, yielding in between. */
export async function fitInSlices(input: LtvInput, options: FitInWorkerOptions = {}, signal?: AbortSignal): Promise<LtvFitResult> {
  const sliceMs = options.sliceMs ?? 16;
  const steps = runLtvFitSteps(input, cloneableOptions(options));
  for (;;) {
    if (signal?.aborted) {
      steps.return(undefined as never);
      throw abortReason(signal);
    }
    const start = performance.now();
    let r = steps.next();
    while (!r.done && performance.now() - start < sliceMs) r = steps.next();
    if (r.done) return r.value;
    options.onProgress?.({ ...r.value, where: 'main-thread' });
    await yieldToEventLoop();
  }
}
