/**
 * Field mapping: CRM exports name their columns differently. Each element declares the
 * fields it needs (`FieldSpecs`); a page maps its columns to them with `<key>-field`
 * attributes (e.g. `stage-field="deal_stage"`) or the `fields` property
 * (`{ stage: 'deal_stage' }`). Unmapped fields fall back to a column of the same name
 * or one of its aliases, compared case- and separator-insensitively.
 */
import { parseNumberCell, type DecimalSeparator } from './numbers.ts';
import { drainSteps } from '../steps.ts';
import { parseDateCell, type DayOrder } from './dates.ts';

export type FieldType = 'string' | 'number' | 'date' | 'any';

export interface FieldSpec {
  readonly type: FieldType;
  /** Other column names tried when the page maps nothing. */
  readonly aliases?: readonly string[];
  readonly description?: string;
}

export type FieldSpecs = Readonly<Record<string, FieldSpec>>;
export type FieldMapping = Readonly<Record<string, string | undefined>>;

export interface CoerceOptions {
  readonly decimal?: DecimalSeparator;
  readonly dayOrder?: DayOrder;
}

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-.]/g, '');

/** Which input column feeds each field (undefined when none does). */
export function resolveColumns(specs: FieldSpecs, mapping: FieldMapping, columns: readonly string[]): Record<string, string | undefined> {
  const byNorm = new Map<string, string>();
  for (const c of columns) if (!byNorm.has(norm(c))) byNorm.set(norm(c), c);
  const out: Record<string, string | undefined> = Object.create(null);
  for (const key of Object.keys(specs)) {
    const explicit = mapping[key];
    if (explicit) {
      out[key] = columns.includes(explicit) ? explicit : byNorm.get(norm(explicit)) ?? explicit;
      continue;
    }
    const candidates = [key, ...(specs[key]!.aliases ?? [])];
    out[key] = candidates.map((c) => byNorm.get(norm(c))).find((c) => c !== undefined);
  }
  return out;
}

/** The union of keys over the first rows: the "header" of JSON input. */
export function columnsOf(rows: readonly unknown[], sample = 200): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < rows.length && i < sample; i++) {
    const r = rows[i];
    if (r && typeof r === 'object') for (const k of Object.keys(r)) seen.add(k);
  }
  return [...seen];
}

export function coerce(value: unknown, type: FieldType, options: CoerceOptions = {}): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  switch (type) {
    case 'number':
      return typeof value === 'string' ? parseNumberCell(value, options.decimal ?? '.') : value;
    case 'date':
      return parseDateCell(value, options.dayOrder ?? 'dmy');
    case 'string':
      return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : value;
    default:
      return value;
  }
}

/**
 * Input rows to canonical rows holding only the declared fields, coerced. The result
 * objects have no prototype, so `__proto__` in data is inert.
 */
export function mapRows(
  rows: readonly unknown[],
  specs: FieldSpecs,
  columns: Readonly<Record<string, string | undefined>>,
  options: CoerceOptions = {},
): Record<string, unknown>[] {
  return drainSteps(mapRowsSteps(rows, specs, columns, options, Infinity));
}

/** `mapRows`, yielding the rows done every `every` rows (a caller on the main thread drains it in slices). */
export function* mapRowsSteps(
  rows: readonly unknown[],
  specs: FieldSpecs,
  columns: Readonly<Record<string, string | undefined>>,
  options: CoerceOptions = {},
  every = 8192,
): Generator<number, Record<string, unknown>[], void> {
  const keys = Object.keys(specs);
  const out = new Array<Record<string, unknown>>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % every === 0) yield i;
    const src = rows[i];
    const o = Object.create(null) as Record<string, unknown>;
    if (src && typeof src === 'object') {
      for (const k of keys) {
        const col = columns[k];
        if (col === undefined || !Object.prototype.hasOwnProperty.call(src, col)) continue;
        const v = coerce((src as Record<string, unknown>)[col], specs[k]!.type, options);
        if (v !== undefined) o[k] = v;
      }
    }
    out[i] = o;
  }
  return out;
}

/** `stage-field` ↔ `stage`. */
export const fieldAttribute = (key: string) => `${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-field`;
