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
import type { LtvWorkerRequest } from './fit-worker.ts';
import { callWorker, runInSlices } from '../core/jobs/client.ts';

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
    worker = new Worker(new URL('./fit-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return fitInSlices(input, options, signal);
  }
  const request: LtvWorkerRequest = { type: 'fit', id: nextId++, input, options: cloneableOptions(options) };
  return callWorker<LtvFitResult>(worker, request, {
    signal,
    onProgress: (msg) => {
      const { type: _t, id: _i, ...progress } = msg;
      options.onProgress?.({ ...(progress as unknown as ClvProgress), where: 'worker' });
    },
    fallback: () => fitInSlices(input, options, signal),
    abortError: () => abortReason(signal as AbortSignal),
  });
}

/** The fit on this thread, in slices of about `sliceMs` each, yielding in between. */
export async function fitInSlices(input: LtvInput, options: FitInWorkerOptions = {}, signal?: AbortSignal): Promise<LtvFitResult> {
  return runInSlices(runLtvFitSteps(input, cloneableOptions(options)), {
    sliceMs: options.sliceMs ?? 16,
    signal,
    onProgress: (p) => options.onProgress?.({ ...p, where: 'main-thread' }),
    abortError: () => abortReason(signal as AbortSignal),
  });
}
