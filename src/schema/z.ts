/**
 * The one place zod is imported. `jitless` must be set before any schema is built:
 * zod's JIT compiles code with `new Function`, which a strict Content-Security-Policy
 * (script-src 'self') refuses. Every schema imports `z` from here, never from 'zod'.
 */
import * as z from 'zod';

z.config({ jitless: true });

export { z };
