/**
 * Run the predictive CLV fit off the main thread: in the kit's Web Worker (job `clv-fit`) when the
 * environment has one, else on the calling thread in time slices that give control back
 * (scheduler.postTask / setTimeout) after every ~16 ms of work, so a page stays
 * responsive. An AbortSignal cancels either way (the worker is terminated).
 *
 * If the worker cannot be created (no Worker, a CSP `worker-src` refusal) or fails to
 * load, the fit falls back to the main thread; the promise rejects only on abort. The model
 * (./clv-predictive.ts) is imported for that fallback only: a page that fits in the worker
 * never loads it on the main thread.
 *
 * `fitClv` is the one public fit entry point (kpi-kit/metrics); fitInWorker and fitInSlices are
 * its two paths, and BG/NBD and Gamma-Gamma's own fits are internal steps of it.
 */
import type { ClvProgress, LtvFitOptions, LtvFitResult, LtvInput } from './clv-predictive.ts';
import { runInSlices, runJob } from '../core/jobs/client.ts';

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

/**
 * Summarise (if given transactions), fit BG/NBD and Gamma-Gamma and predict every
 * customer. Resolves with the result (possibly "not available"), rejects with the
 * signal's reason when aborted.
 */
export function fitInWorker(input: LtvInput, options: FitInWorkerOptions = {}, signal?: AbortSignal): Promise<LtvFitResult> {
  return withReason(
    runJob<ClvProgress, LtvFitResult>('clv-fit', { input, options: cloneableOptions(options) }, {
      signal,
      onProgress: options.onProgress,
      // The model's code is imported only when the fit runs on this thread: the worker has its own.
      here: () =>
        import('./clv-predictive.ts').then((m) =>
          runInSlices(m.runLtvFitSteps(input, cloneableOptions(options)), {
            sliceMs: options.sliceMs ?? 16,
            signal,
            onProgress: (p) => options.onProgress?.({ ...p, where: 'main-thread' }),
            abortError: () => new DOMException('The job was aborted', 'AbortError'),
          }),
        ),
      mainThread: !!options.mainThread,
      sliceMs: options.sliceMs ?? 16,
    }),
    signal,
  );
}

/** The fit on this thread, in slices of about `sliceMs` each, yielding in between. */
export function fitInSlices(input: LtvInput, options: FitInWorkerOptions = {}, signal?: AbortSignal): Promise<LtvFitResult> {
  return fitInWorker(input, { ...options, mainThread: true }, signal);
}

/** An abort rejects with the signal's own reason, as `fetch` does. */
function withReason<R>(p: Promise<R>, signal: AbortSignal | undefined): Promise<R> {
  return p.catch((e: unknown) => {
    throw signal?.aborted ? abortReason(signal) : e;
  });
}

export interface FitClvOptions extends FitInWorkerOptions {
  /** Cancels the fit: the promise rejects with the signal's reason and the worker is terminated. */
  readonly signal?: AbortSignal;
}

/**
 * Fit the predictive CLV model: summarise the transactions (or take a summary), fit BG/NBD and
 * Gamma-Gamma, and predict every customer. Runs in a module Worker when one can be made, else on
 * this thread in slices; resolves with the result (possibly "not available"), rejects only on abort.
 */
export function fitClv(input: LtvInput, options: FitClvOptions = {}): Promise<LtvFitResult> {
  const { signal, ...rest } = options;
  return fitInWorker(input, rest, signal);
}
