/**
 * Dev server (the demo: `npm start`) and the npm build: the entries (index, define, metrics,
 * kpi-<tag>) and every module they import, one file each, with lit, d3 and zod left as
 * dependencies for the user's bundler. The self-contained
 * `dist/kpi-kit.js` for a <script type="module"> tag is built by vite.bundle.config.ts.
 */
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

const entries = {
  index: 'src/index.ts',
  define: 'src/define.ts',
  metrics: 'src/kpis/index.ts',
  'kpi-funnel': 'src/entries/kpi-funnel.ts',
  'kpi-scorecard': 'src/entries/kpi-scorecard.ts',
  'kpi-ltv': 'src/entries/kpi-ltv.ts',
  // issue #13: the SQL templates (`kpi-kit/sql`) and the node CLI (`npx kpi-kit`, package.json "bin")
  sql: 'src/sql/index.ts',
  cli: 'src/cli/main.ts',
};

export default defineConfig({
  // Relative URLs for the worker and chunks: they resolve next to the script, from any folder.
  base: './',
  // The LTV workers (fit, load) are ES modules emitted next to the code that starts them.
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  // Lit's production build in the demo too: no "Lit is in dev mode" warning in the console.
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    lib: {
      entry: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, resolve(import.meta.dirname, v)])),
      formats: ['es'],
    },
    rolldownOptions: {
      // node:* and the engines (optional peer dependencies) only matter to the CLI
      external: [/^lit($|\/)/, /^@lit\//, /^d3-/, /^zod($|\/)/, /^node:/, /^@duckdb\//, /^pg($|\/)/],
      // One file per source module (dist/ mirrors src/, the entries keep their names): a user's
      // bundler then drops every module a page does not use, as it would from the source, and
      // package.json "sideEffects" names the few files that must run (the entries, z.js).
      // `import { winRate } from 'kpi-kit/metrics'` costs that KPI's modules only (bench/size.mjs).
      output: { entryFileNames: '[name].js', preserveModules: true, preserveModulesRoot: 'src' },
    },
  },
});
