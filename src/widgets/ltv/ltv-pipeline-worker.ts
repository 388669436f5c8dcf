/**
 * Web Worker entry (module worker) for the LTV widget's predictive fit. It receives the
 * transaction columns (typed arrays, transferred: no copy on the main thread), summarises
 * them, fits BG/NBD + Gamma-Gamma and predicts every customer with the metric library
 * (see predictive.ts, compactFitSteps), and posts back the parameters and per-customer
 * predictions as typed arrays (transferred again). Unlike returning one object per
 * customer, nothing the main thread receives needs a long structured-clone deserialisation.
 *
 * Protocol (fit.ts speaks it):
 *   in:  { type: 'fit', id, columns, settings }
 *   out: { type: 'progress', id, stage, done }   (at most every 100 ms)
 *        { type: 'result', id, result }           (result may be not ok, with a reason)
 *        { type: 'error', id, message }           (an unexpected exception)
 */
import { serveSteps } from '../../core/jobs/server.ts';
import { compactFitSteps, type CompactFit, type FitColumns, type FitProgress, type ResolvedPredictiveSettings } from './predictive.ts';

export interface PipelineRequest {
  readonly type: 'fit';
  readonly id: number;
  readonly columns: FitColumns;
  readonly settings: ResolvedPredictiveSettings;
}

export type PipelineResponse =
  | ({ readonly type: 'progress'; readonly id: number } & FitProgress)
  | { readonly type: 'result'; readonly id: number; readonly result: CompactFit }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

serveSteps<PipelineRequest, FitProgress, CompactFit>({
  type: 'fit',
  run: (request) => compactFitSteps(request.columns, request.settings),
  // The per-customer predictions go back as moved buffers: no copy on either side.
  transfer: (result) =>
    result.ok
      ? [result.predictions.clv.buffer, result.predictions.probabilityAlive.buffer, result.predictions.expectedPurchases.buffer, result.predictions.expectedSpend.buffer]
      : [],
});
