/**
 * Run the LTV widget's predictive fit off the main thread: in the kit's worker (job `ltv-fit`)
 * when one can start, else on this thread in slices of at most `sliceMs` (default 12)
 * that give control back between them. Copies of the columns are transferred (the caller
 * keeps its own); an AbortSignal terminates the worker or stops the slices.
 *
 * The same fallback rules as models/fit-client.ts: no Worker, a CSP `worker-src`
 * refusal or a worker that fails to load all fall back to slices; only abort rejects. The
 * slices' code (./fit-here.ts, with the models) is imported then, never with the element.
 */
import type { CompactFit, FitColumns, FitProgress, ResolvedPredictiveSettings } from './predictive.ts';
import { runInSlices, runJob } from '../../core/jobs/client.ts';

export interface FitColumnsOptions {
  readonly onProgress?: (p: FitProgress & { readonly where: 'worker' | 'main-thread' }) => void;
  readonly mainThread?: boolean;
  readonly sliceMs?: number;
  readonly signal?: AbortSignal;
}

export function fitColumns(cols: FitColumns, settings: ResolvedPredictiveSettings, options: FitColumnsOptions = {}): Promise<CompactFit> {
  const copy: FitColumns = {
    n: cols.n,
    ids: [],
    idCount: cols.ids.length,
    customer: cols.customer.slice(0, cols.n),
    day: cols.day.slice(0, cols.n),
    amount: cols.amount.slice(0, cols.n),
  };
  return runJob<FitProgress, CompactFit>('ltv-fit', { columns: copy, settings }, {
    signal: options.signal,
    onProgress: options.onProgress,
    transfer: [copy.customer.buffer, copy.day.buffer, copy.amount.buffer],
    // The fit's code (the models) is imported only here, when no worker can start: it stays out of the element.
    here: () =>
      import('./fit-here.ts').then((m) =>
        runInSlices(m.compactFitSteps(cols, settings), {
          sliceMs: options.sliceMs ?? 12,
          signal: options.signal,
          onProgress: (p) => options.onProgress?.({ ...p, where: 'main-thread' }),
          abortError: () => new DOMException('The job was aborted', 'AbortError'),
        }),
      ),
    mainThread: !!options.mainThread,
    sliceMs: options.sliceMs ?? 12,
  });
}
