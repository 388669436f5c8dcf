/**
 * Load a `src` for the LTV widget off the main thread (job `ltv-load` in the kit's worker):
 * the result is a `Parsed` whose value is the packed columns, ready for the widget's read.
 * Same error codes as core/data/load.ts (network, http, timeout, parse, validation); the
 * timeout is the widget's, and a newer request or a disconnect aborts through the signal
 * (the worker is terminated). Without a worker the same steps run on this thread.
 */
import type { Parsed } from '../../core/data/load.ts';
import type { FieldMapping } from '../../core/data/fields.ts';
import { runInSlices, runJob, yieldToEventLoop } from '../../core/jobs/client.ts';
import { unpackIdsSteps, type LoadedColumns, type PackedColumns } from './loaded.ts';
import { loadColumnsHere, type LoadColumnsRequest } from './load-columns.ts';

export interface LoadColumnsOptions {
  readonly signal?: AbortSignal;
  readonly timeout?: number;
  readonly mapping: FieldMapping;
  readonly delimiter?: string;
  readonly decimal?: string;
  readonly lang: string;
  readonly onProgress?: (done: number, total: number) => void;
}

export async function loadColumns(src: string, options: LoadColumnsOptions): Promise<Parsed> {
  let url = src;
  try {
    url = new URL(src, globalThis.location?.href).href;
  } catch {
    /* fetch will report it */
  }
  const req: LoadColumnsRequest = {
    url,
    mapping: { ...options.mapping },
    lang: options.lang,
    timeout: options.timeout ?? 15_000,
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.decimal ? { decimal: options.decimal } : {}),
  };
  const got = await runJob<{ stage: string; done: number; total: number }, LoadedColumns | PackedColumns>('ltv-load', req, {
    signal: options.signal,
    onProgress: (p) => options.onProgress?.(p.done, p.total),
    // No worker: here, with the event loop given turns (the body parsed and packed in slices).
    here: () => loadColumnsHere(req, options.onProgress, options.signal, yieldToEventLoop),
  });
  const r = await unpacked(got, options.signal);
  return { format: r.format, value: r, header: r.header, ...(r.delimiter ? { delimiter: r.delimiter } : {}) };
}

/** The worker's reply with its ids rebuilt in slices of this thread (loaded.ts `packIds`). */
async function unpacked(r: LoadedColumns | PackedColumns, signal?: AbortSignal): Promise<LoadedColumns> {
  const { packedIds, ...columns } = r.columns as PackedColumns['columns'];
  if (!packedIds) return r as LoadedColumns;
  const ids = await runInSlices(unpackIdsSteps(packedIds), { sliceMs: 12, signal, abortError: () => new DOMException('The job was aborted', 'AbortError') });
  return { ...r, columns: { ...columns, ids } };
}
