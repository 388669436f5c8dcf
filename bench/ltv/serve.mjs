// A tiny static server for the LTV bench and screenshots: the repo root, plus bundles of
// the given entries (esbuild) under /__bundle/. The fit worker is bundled next to the page
// bundle under the name fitInWorker asks for (new URL('./ltv-worker.ts', import.meta.url)).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.ts': 'text/javascript', '.json': 'application/json', '.html': 'text/html', '.csv': 'text/csv', '.txt': 'text/plain' };

/** Bundle `entries` ({ name: path }) and serve them with the repo; resolves { url, close, extra }. */
export async function serve(entries, extra = {}) {
  const bundles = new Map();
  for (const [name, entry] of Object.entries({ ...entries, '@worker': 'src/entries/worker.ts' })) {
    const out = await build({ entryPoints: [join(ROOT, entry)], bundle: true, format: 'esm', write: false, target: 'es2022', minify: !process.env.KPI_BENCH_NO_MINIFY, define: { 'process.env.NODE_ENV': '"production"' }, tsconfig: join(ROOT, 'tsconfig.json'), logLevel: 'error' });
    // The kit's one worker sits where the bundled clients' new URL('../../entries/worker.ts', import.meta.url) points.
    bundles.set(name === '@worker' ? '/entries/worker.ts' : `/__bundle/${name}`, out.outputFiles[0].contents);
  }
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const body = bundles.get(path) ?? extra[path];
    if (body !== undefined) {
      res.writeHead(200, { 'content-type': path.endsWith('.html') ? 'text/html' : path.endsWith('.json') ? 'application/json' : 'text/javascript', 'cache-control': 'no-store' });
      res.end(body);
      return;
    }
    const file = normalize(join(ROOT, path));
    if (!file.startsWith(ROOT)) return void res.writeHead(403).end();
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)), bundles };
}
