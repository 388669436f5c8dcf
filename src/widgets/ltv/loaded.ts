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
