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
      finish();
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
      } else fallBack(); // an exception inside the worker: run it here instead
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
