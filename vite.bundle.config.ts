/**
 * The script-tag build, for pages without a build step:
 * - `dist/kpi-kit.js`: the loader (src/loader.ts), a classic script that also works as a
 *   module; it imports each element's code when its tag first appears;
 * - `dist/kpi-kit/<tag>.js`: one self-contained ES module per element (lit, d3 and zod
 *   included), sharing chunks in `dist/kpi-kit/chunks/`, and the kit's one worker in
 *   `dist/kpi-kit/assets/`. Every URL is relative to the script: copy `kpi-kit.js` and the
 *   `kpi-kit/` folder anywhere.
 * `vite build --config vite.bundle.config.ts` builds the elements; `--mode loader` the loader.
 */
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

const r = (p: string) => resolve(import.meta.dirname, p);

export default defineConfig(({ mode }) =>
  mode === 'loader'
    ? {
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          sourcemap: false,
          target: 'es2020',
          minify: true,
          lib: { entry: r('src/loader.ts'), formats: ['iife'], name: 'kpiKitLoader', fileName: () => 'kpi-kit.js' },
        },
      }
    : {
        // Relative URLs for the worker and chunks: they resolve next to the script, from any folder.
        base: './',
        worker: { format: 'es' },
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          outDir: 'dist/kpi-kit',
          emptyOutDir: true,
          sourcemap: true,
          target: 'es2022',
          minify: true,
          lib: {
            entry: { 'kpi-funnel': r('src/entries/kpi-funnel.ts'), 'kpi-ltv': r('src/entries/kpi-ltv.ts'), 'kpi-scorecard': r('src/entries/kpi-scorecard.ts') },
            formats: ['es'],
          },
          rolldownOptions: { output: { minify: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' } },
        },
      },
);
