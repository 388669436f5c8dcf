/**
 * The worker side of src/workers/run.ts's protocol, for work written as a step generator:
 * answer each `{ type, id, … }` request by running the steps to completion, posting
 * `{ id, type: 'progress', …step }` at most every `progressEveryMs`, then
 * `{ id, type: 'result', result }` (with `transfer(result)` moved, not copied), or
 * `{ id, type: 'error', message }` when the work throws. DOM-free.
 */
interface WorkerScope {
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

export interface ServeOptions<Q, P extends object, R> {
  /** The request `type` this worker answers. */
  readonly type: string;
  readonly run: (request: Q) => Generator<P, R, void>;
  readonly transfer?: (result: R) => Transferable[];
  readonly progressEveryMs?: number;
}

export function serveSteps<Q extends { readonly id: number }, P extends object, R>(options: ServeOptions<Q, P, R>): void {
  const scope = globalThis as unknown as WorkerScope;
  const every = options.progressEveryMs ?? 100;
  scope.onmessage = (event) => {
    const data = event.data as { type?: unknown; id?: unknown } | null;
    if (!data || typeof data !== 'object' || data.type !== options.type || typeof data.id !== 'number') return;
    const request = data as unknown as Q;
    const { id } = request;
    try {
      const steps = options.run(request);
      let last = performance.now();
      let r = steps.next();
      while (!r.done) {
        const now = performance.now();
        if (now - last >= every) {
          last = now;
          scope.postMessage({ type: 'progress', id, ...r.value });
        }
        r = steps.next();
      }
      scope.postMessage({ type: 'result', id, result: r.value }, options.transfer?.(r.value) ?? []);
    } catch (err) {
      scope.postMessage({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
    }
  };
}
