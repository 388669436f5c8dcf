/**
 * Row-by-row validation with zod. Rows that fail are counted and reported (which, why),
 * never silently dropped; each element documents whether it shows the valid rest.
 */
import type { z } from './z.ts';
import type { RowIssue } from '../data/errors.ts';
import { drainSteps } from '../steps.ts';

export interface RejectedRow {
  /** 1-based data row (a CSV's header line is not counted). */
  readonly row: number;
  readonly issues: readonly RowIssue[];
  /** The named source the row came from (a scorecard's `leads`, `costs`…); absent for the element's main data. */
  readonly source?: string;
}

export interface Validated<T> {
  readonly valid: T[];
  /** Index of each valid row in the input, for tracing a number back to its rows. */
  readonly validIndex: number[];
  readonly rejected: RejectedRow[];
  readonly total: number;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  string: 'text',
  date: 'a date',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/** One zod issue as "expected a number, got "n/a"" (or zod's own message for other checks). */
export function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type') {
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return `expected ${expected}, got ${describe(input)}`;
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(input)}`;
  }
  return issue.message;
}

function at(obj: unknown, path: readonly PropertyKey[]): unknown {
  let cur = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

/** "kpis[2].target" */
export function formatPath(path: readonly PropertyKey[], rename?: (key: string) => string): string {
  let out = '';
  path.forEach((k, i) => {
    if (typeof k === 'number') out += `[${k}]`;
    else {
      const name = i === 0 && rename ? rename(String(k)) : String(k);
      out += out ? `.${name}` : name;
    }
  });
  return out || '(row)';
}

/** zod issues as RowIssues; `rename` maps a canonical field back to the user's column name. */
export function toIssues(error: z.core.$ZodError, input: unknown, row?: number, rename?: (key: string) => string): RowIssue[] {
  return error.issues.map((issue) => ({
    ...(row !== undefined ? { row } : {}),
    path: formatPath(issue.path, rename),
    message: issueMessage(issue, at(input, issue.path)),
  }));
}

export function validateRows<S extends z.ZodMiniType>(
  rows: readonly unknown[],
  schema: S,
  rename?: (key: string) => string,
): Validated<z.output<S>> {
  return drainSteps(validateRowsSteps(rows, schema, rename, Infinity));
}

/** `validateRows`, yielding the rows done every `every` rows (a caller on the main thread drains it in slices). */
export function* validateRowsSteps<S extends z.ZodMiniType>(
  rows: readonly unknown[],
  schema: S,
  rename?: (key: string) => string,
  every = 4096,
): Generator<number, Validated<z.output<S>>, void> {
  const valid: z.output<S>[] = [];
  const validIndex: number[] = [];
  const rejected: RejectedRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % every === 0) yield i;
    const r = schema.safeParse(rows[i]);
    if (r.success) {
      valid.push(r.data);
      validIndex.push(i);
    } else {
      rejected.push({ row: i + 1, issues: toIssues(r.error, rows[i], i + 1, rename) });
    }
  }
  return { valid, validIndex, rejected, total: rows.length };
}

/** "row 12, close_value: expected a number, got "n/a"" */
export function formatIssue(issue: RowIssue): string {
  return `${issue.row !== undefined ? `row ${issue.row}, ` : ''}${issue.path}: ${issue.message}`;
}
