// Element tests in real Chromium. The browser is Debian's (/usr/bin/chromium) or CHROME_PATH.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { countingReporter } from './scripts/wtr-counting-reporter.mjs';
import { findChrome } from './scripts/chrome-path.mjs';

const executablePath = findChrome();

// Test endpoints the page's and the worker's fetches both reach: /__test/hang?id=… never
// answers (a dead server) and records when it was asked and when its client gave up;
// /__test/log gives { opened, closed }, the ids in order.
const opened = [];
const closed = [];
function testEndpoints(ctx, next) {
  if (ctx.path === '/__test/hang') {
    const id = ctx.query.id ?? '';
    opened.push(id);
    ctx.req.on('close', () => closed.push(id));
    ctx.respond = false;
    return new Promise(() => {});
  }
  if (ctx.path === '/__test/log') {
    ctx.body = JSON.stringify({ opened, closed });
    ctx.type = 'application/json';
    return undefined;
  }
  return next();
}

export default {
  middleware: [testEndpoints],
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  rootDir: '.',
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 240_000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
        ],
      },
    }),
  ],
  testFramework: { config: { timeout: 20_000 } },
  reporters: [defaultReporter(), countingReporter(process.env.WTR_COUNTS_FILE)],
};

