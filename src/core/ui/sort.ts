/**
 * The sort rule of every sortable table, pure (no DOM, no lit; testable in node):
 * - `sortRows`: stable, missing values last, pinned rows (such as "Other") last whatever the
 *   direction;
 * - `nextSort`: the click rule: the sorted column flips, another column starts in its natural
 *   direction (text ascending, figures descending).
 *
 * The header partial that drives it is in ./sortable-table.ts.
 */
export type SortDirection = 'ascending' | 'descending';

export interface SortState<K = string> {
  readonly key: K;
  readonly dir: SortDirection;
}

/** What a column sorts on. `null`, `undefined`, `NaN` and `''` count as missing. */
export type SortValue = number | string | null | undefined;

export interface SortOptions<T> {
  /** Rows kept at the end, in their input order, whatever the sort (e.g. the "Other" bucket). */
  readonly pinLast?: (row: T) => boolean;
  /** Locale for comparing text; text compares numerically ("item 2" before "item 10"). */
  readonly locale?: string;
}

const collators = new Map<string, Intl.Collator>();

function collator(locale: string | undefined): Intl.Collator {
  const key = locale ?? '';
  let c = collators.get(key);
  if (!c) {
    try {
      c = new Intl.Collator(locale, { numeric: true });
    } catch {
      c = new Intl.Collator(undefined, { numeric: true });
    }
    collators.set(key, c);
  }
  return c;
}

function missing(v: SortValue): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * Rows ordered by `by` (a property name or an accessor), in a new array:
 * 1. pinned rows (`options.pinLast`) come last, in input order;
 * 2. rows whose value is missing come after the others, in input order, in both directions;
 * 3. numbers compare as numbers, text with the locale's collation, numbers before text;
 * 4. equal values keep their input order in both directions (the sort is stable).
 */
export function sortRows<T>(
  rows: readonly T[],
  by: keyof T | ((row: T) => SortValue),
  dir: SortDirection,
  options: SortOptions<T> = {},
): T[] {
  const get = typeof by === 'function' ? by : (row: T) => row[by] as unknown as SortValue;
  const sign = dir === 'ascending' ? 1 : -1;
  const text = collator(options.locale);
  const items = rows.map((row, i) => {
    const pinned = options.pinLast ? options.pinLast(row) : false;
    const value = pinned ? undefined : get(row);
    return { row, i, pinned, value, none: missing(value) };
  });
  items.sort((a, b) => {
    if (a.pinned !== b.pinned) return a.pinned ? 1 : -1;
    if (a.pinned) return a.i - b.i;
    if (a.none !== b.none) return a.none ? 1 : -1;
    if (a.none) return a.i - b.i;
    const x = a.value as number | string;
    const y = b.value as number | string;
    let c: number;
    if (typeof x === 'number' && typeof y === 'number') c = x < y ? -1 : x > y ? 1 : 0;
    else if (typeof x === 'string' && typeof y === 'string') c = text.compare(x, y);
    else c = typeof x === 'number' ? -1 : 1;
    return sign * c || a.i - b.i;
  });
  return items.map((it) => it.row);
}

/** The sort after a click on `key`: the same column flips; another starts at `firstDir`. */
export function nextSort<K>(current: SortState<K> | null | undefined, key: K, firstDir: SortDirection): SortState<K> {
  if (current && current.key === key) return { key, dir: current.dir === 'ascending' ? 'descending' : 'ascending' };
  return { key, dir: firstDir };
}
