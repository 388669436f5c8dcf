/**
 * `npm run lint:package`: the packed package as a user installs it passes publint (strict: its
 * suggestions fail too) and @arethetypeswrong/cli. Run after `npm run build`.
 *
 * attw runs with the `esm-only` profile: kpi-kit ships ES modules only (lit, its one runtime
 * dependency of note, is ESM too), so CommonJS `require` resolution (node10, node16 from CJS)
 * is not offered and not checked.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
if (!existsSync(join(root, 'dist/index.js')) || !existsSync(join(root, 'dist/types/index.d.ts'))) {
  console.error('lint:package: no dist/ — run `npm run build` first');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'kpi-pack-'));
let failed = false;
const run = (label, args) => {
  console.log(`== ${label} ==`);
  try {
    execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  } catch {
    failed = true;
  }
};
try {
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  const tarball = join(dir, out);
  run('publint', [bin('publint', 'src/cli.js'), 'run', '--strict', '--pack', 'npm', root]);
  run('@arethetypeswrong/cli', [bin('@arethetypeswrong/cli', 'dist/index.js'), tarball, '--profile', 'esm-only', '--format', 'table-flipped', '--no-color']);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) {
  console.error('lint:package: problems reported above');
  process.exit(1);
}
console.log('lint:package: publint and attw report no problems');
