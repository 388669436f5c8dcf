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
import { serveSteps } from '../core/jobs/server.ts';
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

serveSteps<LtvWorkerRequest, ClvProgress, LtvFitResult>({
  type: 'fit',
  run: (request) => runLtvFitSteps(request.input, request.options ?? {}),
});
