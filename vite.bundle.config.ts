/** `dist/kpi-kit.js`: one self-contained, minified ES module that defines every element. */
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

export default defineConfig({
  // Relative URLs for the worker and chunks: they resolve next to the script, from any folder.
  base: './',
  // The LTV widget's workers are emitted as ES modules in dist/assets/, loaded relative to
  // kpi-kit.js; if they are not copied along, the fit runs in main-thread slices instead.
  worker: { format: 'es' },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    target: 'es2022',
    minify: true,
    lib: { entry: resolve(import.meta.dirname, 'src/kpi-kit.ts'), formats: ['es'], fileName: () => 'kpi-kit.js' },
    rolldownOptions: { output: { minify: true, codeSplitting: false } },
  },
});
