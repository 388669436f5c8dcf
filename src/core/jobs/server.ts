/**
 * The worker side of core/jobs/client.ts's protocol. A worker entry registers its jobs by
 * kind; each request `{ type: kind, id, … }` runs the job: a step generator is driven to
 * completion with `{ id, type: 'progress', …step }` posted at most every 100 ms, a promise is
 * awaited (its `progress` callback posts the same way). Then `{ id, type: 'result', result }`
 * (with `transfer(result)` moved, not copied), or `{ id, type: 'error', message }` when the job
 * throws, so the client can run it on its own thread instead. `{ type: 'abort', id }` aborts the
 * job's signal (its fetch stops at once; the client terminates the worker soon after). DOM-free.
 */
interface WorkerScope {
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

export interface Job<Q = any, P extends object = any, R = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly run: (request: Q, progress: (p: P) => void, signal: AbortSignal) => Generator<P, R, void> | Promise<R>;
  readonly transfer?: (result: R) => Transferable[];
}

/** Answer requests for the given jobs (call once in a worker entry). */
export function serveJobs(jobs: Readonly<Record<string, Job>>, progressEveryMs = 100): void {
  const scope = globalThis as unknown as WorkerScope;
  const running = new Map<number, AbortController>();
  scope.onmessage = (event) => {
    const data = event.data as { type?: unknown; id?: unknown } | null;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string' || typeof data.id !== 'number') return;
    if (data.type === 'abort') return void running.get(data.id)?.abort();
    if (!Object.hasOwn(jobs, data.type)) return;
    const job = jobs[data.type]!;
    const id = data.id;
    let last = performance.now();
    const progress = (p: object) => {
      const now = performance.now();
      if (now - last < progressEveryMs) return;
      last = now;
      scope.postMessage({ ...p, type: 'progress', id });
    };
    const reply = (result: unknown) => {
      running.delete(id);
      scope.postMessage({ type: 'result', id, result }, job.transfer?.(result) ?? []);
    };
    const failed = (err: unknown) => {
      running.delete(id);
      const detail = err && typeof (err as { toDetail?: unknown }).toDetail === 'function' ? (err as { toDetail(): unknown }).toDetail() : undefined;
      scope.postMessage({ type: 'error', id, message: err instanceof Error ? err.message : String(err), ...(detail ? { detail } : {}) });
    };
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const work = job.run(data, progress, controller.signal);
      if (typeof (work as Promise<unknown>).then === 'function') {
        (work as Promise<unknown>).then(reply, failed);
        return;
      }
      const steps = work as Generator<object, unknown, void>;
      let r = steps.next();
      while (!r.done) {
        progress(r.value);
        r = steps.next();
      }
      reply(r.value);
    } catch (err) {
      failed(err);
    }
  };
}
