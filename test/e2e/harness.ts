// What the end-to-end tests share: a loopback HTTP server for a request handler, and
// Debian's (or CHROME_PATH's) Chromium driven by playwright-core.
import { createServer, type RequestListener, type Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
// @ts-expect-error plain .mjs helper without types
import { findChrome, CHROME_ARGS } from '../../scripts/chrome-path.mjs';

export interface Harness {
  readonly base: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(handler: RequestListener): Promise<Harness> {
  const server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/**
 * Build the script-tag kit (the loader `kpi-kit.js` and the `kpi-kit/` folder of element
 * modules, chunks and the worker) into a temporary folder, and return every file under
 * `prefix` (e.g. '/static/js') as [content type, body], ready to serve.
 */
export async function buildScriptTagKit(prefix = ''): Promise<Record<string, [string, Buffer]>> {
  const { build } = await import('vite');
  const { mkdtempSync, readdirSync, readFileSync, statSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join, relative, sep } = await import('node:path');
  const out = mkdtempSync(join(tmpdir(), 'kpi-kit-'));
  await build({ configFile: 'vite.bundle.config.ts', logLevel: 'silent', build: { outDir: join(out, 'kpi-kit'), emptyOutDir: true, sourcemap: false } });
  await build({ configFile: 'vite.bundle.config.ts', mode: 'loader', logLevel: 'silent', build: { outDir: out, emptyOutDir: false } });
  const files: Record<string, [string, Buffer]> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.js')) files[`${prefix}/${relative(out, p).split(sep).join('/')}`] = ['text/javascript', readFileSync(p)];
    }
  };
  walk(out);
  return files;
}
