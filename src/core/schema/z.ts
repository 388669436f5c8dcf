/**
 * The one place zod is imported. `jitless` must be set before any schema is built:
 * zod's JIT compiles its parsers at run time (the Function constructor), which a strict Content-Security-Policy
 * (script-src 'self') refuses. Every schema imports `z` from here, never from 'zod' or 'zod/mini'.
 * This module is listed in package.json "sideEffects": without that, a bundler may drop
 * the config call (test/e2e/bundle-csp.test.ts caught exactly that).
 *
 * The kit uses `zod/mini` (the functional, tree-shakable API). Unlike classic zod, mini does
 * not install the English messages by default (every default message would read
 * "Invalid input"), so the English locale is configured here: messages stay as they were.
 */
import * as z from 'zod/mini';
// The English messages only: `z.locales.en()` can pull every locale zod ships into a bundle.
import en from 'zod/v4/locales/en.js';

z.config({ jitless: true, ...en() });

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
