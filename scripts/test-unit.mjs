// Runs every TypeScript test under test/unit and test/e2e (Node 20's --test does not expand globs).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}
// Unit tests, and end-to-end tests that drive Chromium from node (the bundle under a strict CSP).
const files = [...walk('test/unit').sort(), ...walk('test/e2e').sort()];
const args = process.argv.slice(2);
const reporters = args.some((a) => a.startsWith('--test-reporter')) ? [] : ['--test-reporter=spec'];
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...reporters, ...args, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
