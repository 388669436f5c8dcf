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

/** Rows copied between yields: a fresh 8 MB array costs ~30 ms of page faults, so the copies are made in steps. */
const COPY_CHUNK = 131_072;

/** Copy `from[0, n)` into a new array of the same type, yielding between chunks. */
function* copySteps<A extends Int32Array | Float64Array>(from: A, n: number): Generator<void, A, void> {
  const to = new (from.constructor as new (n: number) => A)(n);
  for (let i = 0; i < n; i += COPY_CHUNK) {
    to.set(from.subarray(i, Math.min(n, i + COPY_CHUNK)), i);
    yield;
  }
  return to;
}

function* copyColumnsSteps(cols: FitColumns): Generator<void, FitColumns, void> {
  const customer = yield* copySteps(cols.customer, cols.n);
  const day = yield* copySteps(cols.day, cols.n);
  const amount = yield* copySteps(cols.amount, cols.n);
  return { n: cols.n, ids: [], idCount: cols.ids.length, customer, day, amount };
}

export async function fitColumns(cols: FitColumns, settings: ResolvedPredictiveSettings, options: FitColumnsOptions = {}): Promise<CompactFit> {
  // The worker gets copies (the columns stay here for the tables), made in slices of this thread.
  const copy = await runInSlices(copyColumnsSteps(cols), {
    sliceMs: options.sliceMs ?? 12,
    signal: options.signal,
    abortError: () => new DOMException('The job was aborted', 'AbortError'),
  });
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
