/**
 * `tsc -p tsconfig.build.json` writes declarations whose relative imports keep the sources'
 * `.ts` extensions (rewriteRelativeImportExtensions rewrites the JS, not the .d.ts). A consumer's
 * TypeScript without allowImportingTsExtensions, and @arethetypeswrong, need `.js`: rewrite them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = resolve(import.meta.dirname, '../dist/types');
let files = 0;
for (const entry of readdirSync(dir, { recursive: true })) {
  const file = join(dir, String(entry));
  if (!file.endsWith('.d.ts')) continue;
  const src = readFileSync(file, 'utf8');
  const out = src.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+?)\.ts(['"])/g, '$1$2.js$3');
  if (out !== src) {
    writeFileSync(file, out);
    files++;
  }
}
console.log(`dist/types: .ts → .js in the imports of ${files} declaration files`);

// The loader (`kpi-kit/kpi-kit.js`, a classic script) exports nothing; it sets `globalThis.kpiKit`.
writeFileSync(
  resolve(dir, '../kpi-kit.d.ts'),
  `/** The loader script: defines the kit's tags on first sight, loading kpi-kit/<tag>.js next to itself. */
declare global {
  var kpiKit: {
    /** Load one element's code (a no-op when its tag is defined). */
    load(tag: 'kpi-funnel' | 'kpi-ltv' | 'kpi-scorecard'): Promise<unknown>;
    /** Load the elements used under \`root\` (e.g. another component's shadow root). */
    discover(root?: ParentNode): Promise<unknown[]>;
    readonly tags: readonly ['kpi-funnel', 'kpi-ltv', 'kpi-scorecard'];
  } | undefined;
}
export {};
`,
);
