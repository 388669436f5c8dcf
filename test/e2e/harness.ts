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
