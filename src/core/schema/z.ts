/**
 * The one place zod is imported. `jitless` must be set before any schema is built:
 * zod's JIT compiles its parsers at run time (the Function constructor), which a strict Content-Security-Policy
 * (script-src 'self') refuses. Every schema imports `z` from here, never from 'zod' or 'zod/mini'.
 * This module is listed in package.json "sideEffects": without that, a bundler may drop
 * the config call (test/e2e/bundle-csp.test.ts caught exactly that).
 *
 * The kit uses `zod/mini` (the functional, tree-shakable API). Unlike classic zod, mini does
 * not install the English messages by default (every default message would read
 * "Invalid input"), so English wording is configured here (`issueMessage`).
 */
import * as z from 'zod/mini';

const SIZES: Readonly<Record<string, string>> = { string: 'characters', array: 'items', set: 'items', file: 'bytes' };
const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));
const received = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : v instanceof Date ? 'date' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : typeof v;

/**
 * zod's English wording for the checks the kit's schemas use (types, enums, sizes and bounds,
 * patterns, ISO dates, unknown keys), as zod's own English locale words them. That locale
 * (zod/v4/locales/en.js) also names every string format zod knows and costs 2.7 kB on every
 * page; the kit words most issues itself anyway (validate.ts, the scorecard's config.ts).
 */
export function issueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${issue.expected}, received ${received(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `Invalid input: expected ${show(issue.values[0])}` : `Invalid option: expected one of ${issue.values.map(show).join('|')}`;
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const adj = issue.exact ? 'exactly ' : `${big ? '<' : '>'}${issue.inclusive ? '=' : ''}`;
      const bound = String(big ? issue.maximum : issue.minimum);
      const unit = SIZES[issue.origin ?? ''];
      return `Too ${big ? 'big' : 'small'}: expected ${issue.origin ?? 'value'} to ${unit ? `have ${adj}${bound} ${unit}` : `be ${adj}${bound}`}`;
    }
    case 'invalid_format':
      return issue.format === 'regex' ? `Invalid string: must match pattern ${String(issue.pattern)}` : `Invalid ${issue.format === 'date' ? 'ISO date' : issue.format}`;
    case 'invalid_key':
      return `Invalid key in ${issue.origin}`;
    case 'invalid_element':
      return `Invalid value in ${issue.origin}`;
    case 'unrecognized_keys':
      return `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.map(show).join(', ')}`;
    default:
      return 'Invalid input';
  }
}

z.config({ jitless: true, localeError: issueMessage });

/**
 * Adds a custom issue from inside a `z.transform`: mini's transform context has no `addIssue`,
 * so this does what classic zod's `ctx.addIssue({ code: 'custom', message, path })` did.
 */
export function addIssue(ctx: z.core.ParsePayload, message: string, path?: PropertyKey[]): void {
  ctx.issues.push({ code: 'custom', message, input: ctx.value, ...(path ? { path } : {}) });
}

/** `addIssue` then `z.NEVER`: classic zod's `ctx.addIssue(…); return z.NEVER`. */
export function fail(ctx: z.core.ParsePayload, message: string): never {
  addIssue(ctx, message);
  return z.NEVER;
}

export { z };
