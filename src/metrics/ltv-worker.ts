/**
 * Web Worker entry (module worker) for the predictive CLV fit: receives transactions or a
 * summary with options, runs summary + BG/NBD + Gamma-Gamma + predictions, and posts the
 * result back. DOM-free: it only uses `self.postMessage` / `onmessage`.
 *
 * Protocol (see ltv-fit-client.ts, which speaks it):
 *   in:  { type: 'fit', id, input, options }
 *   out: { type: 'progress', id, stage, done }   (at most every 100 ms)
 *        { type: 'result', id, result }           (result may be "not available")
 *        { type: 'error', id, message }           (an unexpected exception)
 */
import { runLtvFitSteps, type ClvProgress, type LtvFitOptions, type LtvFitResult, type LtvInput } from './clv-predictive.ts';

export interface LtvWorkerRequest {
  readonly type: 'fit';
  readonly id: number;
  readonly input: LtvInput;
  readonly options: LtvFitOptions;
}

export type LtvWorkerResponse =
  | ({ readonly type: 'progress'; readonly id: number } & ClvProgress)
  | { readonly type: 'result'; readonly id: number; readonly result: LtvFitResult }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

interface WorkerScope {
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  postMessage(message: LtvWorkerResponse): void;
}

const scope = globalThis as unknown as WorkerScope;
const PROGRESS_EVERY_MS = 100;

function isRequest(data: unknown): data is LtvWorkerRequest {
  return (
    data !== null &&
    typeof data === 'object' &&
    (data as { type?: unknown }).type === 'fit' &&
    typeof (data as { id?: unknown }).id === 'number'
  );
}

scope.onmessage = (event) => {
  const data = event.data;
  if (!isRequest(data)) return;
  const { id } = data;
  try {
    const steps = runLtvFitSteps(data.input, data.options ?? {});
    let last = performance.now();
    let r = steps.next();
    while (!r.done) {
      const now = performance.now();
      if (now - last >= PROGRESS_EVERY_MS) {
        last = now;
        scope.postMessage({ type: 'progress', id, ...r.value });
      }
      r = steps.next();
    }
    scope.postMessage({ type: 'result', id, result: r.value });
  } catch (err) {
    scope.postMessage({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
  }
};
