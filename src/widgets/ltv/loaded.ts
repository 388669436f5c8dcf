/**
 * Transactions already packed into columns by the load worker (load-worker.ts), as the
 * `value` of a parsed input. `key` records the field mapping and number/date reading they
 * were built with, so the widget can tell when they must be loaded again.
 */
import type { LtvColumns } from './columns.ts';

export interface LoadedColumns {
  readonly kind: 'ltv-columns';
  readonly format: 'json' | 'csv';
  readonly header: readonly string[];
  readonly delimiter?: string;
  readonly key: string;
  readonly columns: LtvColumns;
}

export function isLoadedColumns(v: unknown): v is LoadedColumns {
  return !!v && typeof v === 'object' && (v as { kind?: unknown }).kind === 'ltv-columns' && typeof (v as { key?: unknown }).key === 'string';
}

export function columnsKey(columns: Readonly<Record<string, string | undefined>>, decimal: string, dayOrder: string): string {
  const keys = Object.keys(columns).sort();
  return JSON.stringify([keys.map((k) => [k, columns[k] ?? null]), decimal, dayOrder]);
}

/**
 * The customer ids as one string and the end offset of each, for the trip from the load
 * worker: 231,779 separate strings cost the page a 70 ms task to receive; one string and one
 * transferred Int32Array cost nothing, and `unpackIdsSteps` rebuilds them here in slices.
 */
export interface PackedIds {
  readonly text: string;
  readonly ends: Int32Array;
}

export function packIds(ids: readonly string[]): PackedIds {
  const ends = new Int32Array(ids.length);
  let at = 0;
  for (let i = 0; i < ids.length; i++) ends[i] = at += ids[i]!.length;
  return { text: ids.join(''), ends };
}

/** Rebuild the ids, yielding every 32,768. */
export function* unpackIdsSteps(p: PackedIds): Generator<void, string[], void> {
  const ids = new Array<string>(p.ends.length);
  let from = 0;
  for (let i = 0; i < ids.length; i++) {
    if ((i & 32_767) === 32_767) yield;
    const to = p.ends[i]!;
    ids[i] = p.text.slice(from, to);
    from = to;
  }
  return ids;
}

/** Loaded columns as the load worker sends them: the ids packed. */
export type PackedColumns = Omit<LoadedColumns, 'columns'> & { readonly columns: Omit<LtvColumns, 'ids'> & { readonly ids: readonly string[]; readonly packedIds?: PackedIds } };

/** Pack the ids for the worker's reply (the reply's `ids` is empty). */
export function packColumns(r: LoadedColumns): PackedColumns {
  return { ...r, columns: { ...r.columns, ids: [], packedIds: packIds(r.columns.ids) } };
}
