// The floor under the page goals (#9): what lit and zod alone cost, gzip, bundled and minified as
// bench/size.mjs bundles a page. lit: LitElement, html, svg, css, nothing and repeat; zod: the
// kit's z (src/core/schema/z.ts) with every schema function and check the kit's schemas use.
// Run: node bench/size-floor.mjs
import { build } from 'vite';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// Inside node_modules, so that the entries resolve lit and zod as the kit's own modules do.
const dir = mkdtempSync(join(root, 'node_modules', '.kpi-floor-'));
const z = JSON.stringify(join(root, 'src/core/schema/z.ts'));
const entries = {
  lit: `export { LitElement, html, svg, css, nothing } from 'lit';\nexport { repeat } from 'lit/directives/repeat.js';\n`,
  zod: `import { z } from ${z};
export const s = z.object({
  a: z.optional(z.string().check(z.minLength(1), z.trim(), z.regex(/x/))),
  b: z.union([z.number().check(z.int(), z.nonnegative(), z.lte(1), z.gte(0), z.gt(0), z.positive()), z.undefined()]),
  c: z.array(z.enum(['a', 'b'])), d: z.literal('x'), e: z.record(z.string(), z.number()), f: z.strictObject({ g: z.iso.date() }),
  h: z.pipe(z.unknown(), z.transform((v) => v)), i: z.number().check(z.refine((v) => v > 0)), j: z.boolean(), k: z.nullable(z.string()),
});
export const parse = (v) => z.safeParse(s, v);
`,
};
entries['lit + zod'] = `${entries.lit}export * from './zod.js';\n`;
writeFileSync(join(dir, 'lit.js'), entries.lit);
writeFileSync(join(dir, 'zod.js'), entries.zod);
writeFileSync(join(dir, 'both.js'), entries['lit + zod']);
const rows = {};
for (const [name, file] of [['lit', 'lit.js'], ['zod (as the kit uses it)', 'zod.js'], ['lit + zod', 'both.js']]) {
  const r = await build({
    root, logLevel: 'silent', configFile: false,
    resolve: { conditions: ['module', 'browser', 'production'] },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { write: false, minify: true, target: 'es2022', lib: { entry: join(dir, file), formats: ['es'], fileName: () => 'out.js' }, rolldownOptions: { output: { minify: true, codeSplitting: false } } },
  });
  const code = (Array.isArray(r) ? r[0] : r).output[0].code;
  rows[name] = { 'min kB': (code.length / 1000).toFixed(1), 'gzip kB': (gzipSync(code, { level: 9 }).length / 1000).toFixed(1) };
}
rmSync(dir, { recursive: true, force: true });
console.table(rows);
console.log('goals (bench/size.mjs): one funnel ≤ 30 kB, one scorecard ≤ 35 kB, one LTV ≤ 40 kB, all three ≤ 70 kB');
