/**
 * The one place zod is imported. `jitless` must be set before any schema is built:
 * zod's JIT compiles its parsers at run time (the Function constructor), which a strict Content-Security-Policy
 * (script-src 'self') refuses. Every schema imports `z` from here, never from 'zod'.
 * This module is listed in package.json "sideEffects": without that, a bundler may drop
 * the config call (test/e2e/bundle-csp.test.ts caught exactly that).
 */
import * as z from 'zod';

z.config({ jitless: true });

export { z };
