/**
 * Running long computations without blocking the page, shared by every worker client:
 * - `runInSlices`: drive a step generator on this thread in slices of ~`sliceMs`, giving the
 *   event loop a turn in between (the fallback when no worker can run);
 * - `callWorker`: send one request to a worker and settle on its result, with progress,
 *   abort (the worker is terminated) and a fallback when the worker fails to load or throws.
 *
 * Worker protocol: the worker answers `{ id, type: 'progress', … }`, then
 * `{ id, type: 'result', result }`, or `{ id, type: 'error' }` for an exception.
 */

import { KpiError, type KpiErrorDetail } from '../data/errors.ts';

type SchedulerLike = { postTask?: (cb: () => void, options?: { priority?: string }) => Promise<unknown> };

/**
 * Give the event loop a turn. `scheduler.postTask` at user-visible priority where it exists
 * (no 4 ms timer clamping; it takes turns fairly with timers, input and rendering), else a
 * zero timeout. Deliberately not `scheduler.yield()`: its continuation is prioritised over
 * timers, so a timer that wants to abort the work would starve.
 */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (scheduler && typeof scheduler.postTask === 'function') {
    return scheduler.postTask(() => undefined, { priority: 'user-visible' }).then(() => undefined);
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface SliceOptions<P> {
  /** Milliseconds of work before giving the event loop a turn. */
  readonly sliceMs: number;
  readonly signal?: AbortSignal | undefined;
  /** Called with the generator's latest yielded value after each slice. */
  readonly onProgress?: ((progress: P) => void) | undefined;
  /** What to throw when the signal aborts. */
  readonly abortError: () => unknown;
}

export async function runInSlices<P, R>(steps: Generator<P, R, void>, options: SliceOptions<P>): Promise<R> {
  // The first slice too runs in a task of its own, not at the end of whatever task started it
  // (a worker's message, a render).
  await yieldToEventLoop();
  for (;;) {
    if (options.signal?.aborted) {
      steps.return(undefined as never);
      throw options.abortError();
    }
    const start = performance.now();
    let r = steps.next();
    while (!r.done && performance.now() - start < options.sliceMs) r = steps.next();
    if (r.done) return r.value;
    options.onProgress?.(r.value);
    await yieldToEventLoop();
  }
}

interface Message {
  readonly id?: unknown;
  readonly type?: unknown;
  readonly result?: unknown;
}

export interface WorkerCallOptions<R> {
  readonly signal?: AbortSignal | undefined;
  /** Each `progress` message, as the worker sent it. */
  readonly onProgress?: ((message: Record<string, unknown>) => void) | undefined;
  /** Buffers to transfer with the request. */
  readonly transfer?: Transferable[];
  /** Run the work some other way (on this thread) when the worker cannot. */
  readonly fallback: () => Promise<R>;
  readonly abortError: () => unknown;
}

export function callWorker<R>(worker: Worker, request: { readonly id: number }, options: WorkerCallOptions<R>): Promise<R> {
  const { signal } = options;
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    const finish = (): void => {
      settled = true;
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      // Tell the job first (its fetch is cancelled at once, a dead server's connection closed),
      // then stop the worker whatever it is doing.
      try {
        worker.postMessage({ type: 'abort', id: request.id });
      } catch {
        /* already gone */
      }
      setTimeout(() => worker.terminate(), 250);
      reject(options.abortError());
    };
    const fallBack = (): void => {
      if (settled) return;
      finish();
      options.fallback().then(resolve, reject);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<Message>) => {
      const msg = event.data;
      if (settled || msg === null || typeof msg !== 'object' || msg.id !== request.id) return;
      if (msg.type === 'progress') options.onProgress?.(msg as Record<string, unknown>);
      else if (msg.type === 'result') {
        finish();
        resolve(msg.result as R);
      } else if (msg.type === 'error' && (msg as { detail?: KpiErrorDetail }).detail) {
        // The job's own answer (a KpiError: an HTTP status, a timeout, bad data): the same here.
        finish();
        reject(new KpiError((msg as { detail: KpiErrorDetail }).detail));
      } else fallBack(); // an unexpected exception inside the worker: run it here instead
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      fallBack();
    };
    worker.onmessageerror = fallBack;
    try {
      worker.postMessage(request, options.transfer ?? []);
    } catch {
      fallBack(); // a request that cannot be cloned
    }
  });
}

export interface JobOptions<P, R> {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: P & { readonly where: 'worker' | 'main-thread' }) => void) | undefined;
  /** Buffers in the payload to move to the worker rather than copy. */
  readonly transfer?: Transferable[];
  /** The same work on this thread: steps (run in slices) or a promise. Used when no worker can run it. */
  readonly here: () => Generator<P, R, void> | Promise<R>;
  /** Skip the worker (default false). */
  readonly mainThread?: boolean;
  /** Main-thread budget per slice, ms (default 12). */
  readonly sliceMs?: number;
}

const jobAbortError = () => new DOMException('The job was aborted', 'AbortError');
let nextJobId = 1;

type ScriptUrlPolicy = { createScriptURL(url: string): unknown };
type TrustedTypesLike = { createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy };
let policy: ScriptUrlPolicy | null | undefined;
/** The one URL the policy will sign: the worker URL the kit is starting right now. */
let signing: string | undefined;

/**
 * The worker URL as the page's Trusted Types want it. Under `require-trusted-types-for
 * 'script'`, `new Worker(url)` needs a TrustedScriptURL: the kit makes its own policy, named
 * `kpi-kit` (a page lists it in `trusted-types`), which accepts only the one URL the kit built
 * itself. Without Trusted Types the URL is used as it is. A policy that cannot be made (the
 * page did not allow the name, or another copy of the kit made it) means no worker: the work
 * runs on the main thread instead.
 */
function trustedScriptUrl(url: URL): string {
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!tt) return url.href;
  if (policy === undefined) {
    try {
      policy = tt.createPolicy('kpi-kit', {
        createScriptURL: (s: string) => {
          if (s !== signing) throw new TypeError(`kpi-kit: ${s} is not the kit's worker`);
          return s;
        },
      });
    } catch {
      policy = null;
    }
  }
  if (!policy) throw new TypeError('kpi-kit: no Trusted Types policy for the worker');
  signing = url.href;
  try {
    return policy.createScriptURL(url.href) as string;
  } finally {
    signing = undefined;
  }
}

/**
 * `Worker` with the URL passed through the kit's Trusted Types policy. Named `Worker` where it
 * is used so that bundlers (Vite, webpack 5) still see `new Worker(new URL(…, import.meta.url))`
 * and build the worker; the URL they put there resolves next to the script, never from the site root.
 */
const TrustedWorker = function (url: URL, options: WorkerOptions): Worker {
  return new globalThis.Worker(trustedScriptUrl(url), options);
} as unknown as typeof globalThis.Worker;

/**
 * Start the kit's one worker (src/entries/worker.ts), or undefined when this environment
 * cannot (no Worker, a CSP refusal, no Trusted Types policy).
 */
function startWorker(): Worker | undefined {
  if (typeof (globalThis as { Worker?: unknown }).Worker !== 'function') return undefined;
  const Worker = TrustedWorker;
  try {
    return new Worker(new URL('../../entries/worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return undefined;
  }
}

/**
 * Run job `kind` (registered in src/entries/worker.ts) with `payload`: in the kit's worker
 * when one can start, else on this thread (`here`), in slices of `sliceMs`. Progress reaches
 * `onProgress` from either side; the signal terminates the worker or stops the slices and
 * rejects with an AbortError. A worker that fails to load or throws falls back to `here`.
 */
export async function runJob<P extends object, R>(kind: string, payload: object, options: JobOptions<P, R>): Promise<R> {
  const { signal } = options;
  if (signal?.aborted) throw jobAbortError();
  // A task of its own: starting the worker (signing its URL, the first time ~15–30 ms) would
  // otherwise join the element's first render in one long task.
  await yieldToEventLoop();
  if (signal?.aborted) throw jobAbortError();
  const here = (): Promise<R> => {
    const work = options.here();
    if (typeof (work as Promise<R>).then === 'function') return work as Promise<R>;
    return runInSlices(work as Generator<P, R, void>, {
      sliceMs: options.sliceMs ?? 12,
      signal,
      onProgress: (p) => options.onProgress?.({ ...p, where: 'main-thread' }),
      abortError: jobAbortError,
    });
  };
  const worker = options.mainThread ? undefined : startWorker();
  if (!worker) return here();
  const request = { ...payload, type: kind, id: nextJobId++ };
  return callWorker<R>(worker, request, {
    signal,
    ...(options.transfer ? { transfer: options.transfer } : {}),
    onProgress: (msg) => {
      const { type: _t, id: _i, ...progress } = msg;
      options.onProgress?.({ ...(progress as P), where: 'worker' });
    },
    fallback: here,
    abortError: jobAbortError,
  });
}
