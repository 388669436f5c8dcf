/**
 * Data-flaw detection for CRM exports: values that do not match a reference list (with the
 * near-miss they probably meant), and fields missing where a rule requires them. Generic over
 * plain rows (any object, e.g. from csvToRecords), pure, and never dropping rows silently: a
 * report lists every offending row by its index in the input, so a widget can say "Preciso: 84 %
 * of rows valid; 1,480 name a product not in the catalogue (GTXPro → GTX Pro?)".
 */
import { ratio, type MetricValue } from '../core/result.ts';

type Row = object;

function read(row: Row, field: string): unknown {
  return Object.hasOwn(row, field) ? (row as Record<string, unknown>)[field] : undefined;
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (typeof v === 'number' && !Number.isFinite(v));
}

/** Lower case, accents and every non-alphanumeric removed: 'GTX Pro' and 'GTXPro' → 'gtxpro'. */
export function normaliseKey(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Levenshtein distance, stopping early once it exceeds `max` (returns max + 1). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

export interface SuggestOptions {
  /** Largest edit distance (on normalised keys) still suggested; default: 2, or 1 for keys under 5 characters. */
  readonly maxDistance?: number;
}

/** The known value a text most likely meant: same normalised key first, else the closest within the distance; null if none or a tie. */
export function suggest(value: string, known: readonly string[], options: SuggestOptions = {}): string | null {
  const k = normaliseKey(value);
  const exact = known.filter((x) => normaliseKey(x) === k);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  const max = options.maxDistance ?? (k.length < 5 ? 1 : 2);
  let best: string | null = null;
  let bestD = max + 1;
  let tie = false;
  for (const x of known) {
    const d = editDistance(k, normaliseKey(x), max);
    if (d < bestD) {
      best = x;
      bestD = d;
      tie = false;
    } else if (d === bestD && d <= max) tie = true;
  }
  return bestD <= max && !tie ? best : null;
}

export interface UnmatchedValue {
  readonly value: string;
  /** Input indices (0-based) of the rows holding it. */
  readonly rows: readonly number[];
  readonly count: number;
  /** The known value it probably meant, or null. */
  readonly suggestion: string | null;
}

export interface ReferenceReport {
  readonly field: string;
  /** Rows that had a value to check. */
  readonly checked: number;
  /** Rows whose value is blank (not checked: see checkRequiredWhen for those). */
  readonly blank: number;
  readonly matched: number;
  /** Distinct unknown values, most frequent first. */
  readonly unmatched: readonly UnmatchedValue[];
  /** matched ÷ checked. */
  readonly share: MetricValue;
}

export interface ReferenceOptions extends SuggestOptions {
  /** Compare exactly (default) or case- and space-insensitively ('normalised'). */
  readonly match?: 'exact' | 'normalised';
}

/**
 * Rows whose `field` names a value not in `known` (e.g. a product not in products.csv, a sector
 * not in the sector list), grouped by value with row indices and a suggested correction.
 */
export function checkReferences(rows: readonly Row[], field: string, known: Iterable<string>, options: ReferenceOptions = {}): ReferenceReport {
  const knownList = [...known];
  const normalised = options.match === 'normalised';
  const knownSet = new Set(normalised ? knownList.map(normaliseKey) : knownList);
  const bad = new Map<string, number[]>();
  let checked = 0;
  let blank = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = read(rows[i]!, field);
    if (isBlank(v)) {
      blank++;
      continue;
    }
    checked++;
    const s = String(v);
    if (knownSet.has(normalised ? normaliseKey(s) : s)) continue;
    let list = bad.get(s);
    if (!list) bad.set(s, (list = []));
    list.push(i);
  }
  const unmatched = [...bad]
    .map(([value, idx]) => ({ value, rows: idx, count: idx.length, suggestion: suggest(value, knownList, options) }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  let bad_n = 0;
  for (const u of unmatched) bad_n += u.count;
  return { field, checked, blank, matched: checked - bad_n, unmatched, share: ratio(checked - bad_n, checked, `no ${field} values to check`, checked) };
}

export interface RequiredReport {
  readonly field: string;
  /** Rows the rule applies to. */
  readonly applicable: number;
  /** Input indices of applicable rows where the field is blank. */
  readonly missing: readonly number[];
  /** Applicable rows that have the field ÷ applicable rows. */
  readonly share: MetricValue;
}

/**
 * Rows where `field` is blank although `when(row)` says it is required — e.g. open deals
 * (Prospecting / Engaging) without an account.
 */
export function checkRequiredWhen<R extends Row>(rows: readonly R[], field: string, when: (row: R, index: number) => boolean = () => true): RequiredReport {
  const missing: number[] = [];
  let applicable = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (!when(r, i)) continue;
    applicable++;
    if (isBlank(read(r, field))) missing.push(i);
  }
  return { field, applicable, missing, share: ratio(applicable - missing.length, applicable, 'no rows the rule applies to', applicable) };
}

/** Pairs of distinct values in one column that are probably the same thing spelt two ways. */
export function nearDuplicates(values: Iterable<string>, options: SuggestOptions = {}): { a: string; b: string; distance: number }[] {
  const distinct = [...new Set(values)].sort();
  const out: { a: string; b: string; distance: number }[] = [];
  for (let i = 0; i < distinct.length; i++) {
    for (let j = i + 1; j < distinct.length; j++) {
      const a = normaliseKey(distinct[i]!);
      const b = normaliseKey(distinct[j]!);
      const max = options.maxDistance ?? (Math.min(a.length, b.length) < 5 ? 0 : 1);
      const d = a === b ? 0 : editDistance(a, b, max);
      if (d <= max) out.push({ a: distinct[i]!, b: distinct[j]!, distance: d });
    }
  }
  return out;
}
