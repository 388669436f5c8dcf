// `npm test`: unit tests (node) then element tests (Chromium), one closing line for both:
// "N passed, N failed". Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'kpi-kit-test-'));
const tap = join(dir, 'unit.tap');
const counts = join(dir, 'wtr.json');

console.log('\n== Unit and end-to-end tests (node) ==\n');
const unit = spawnSync(process.execPath, ['scripts/test-unit.mjs', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`], { stdio: 'inherit' });
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(tap)) {
  const text = readFileSync(tap, 'utf8');
  const num = (k) => Number(/^# (\w+) (\d+)$/m.test(text) ? (text.match(new RegExp(`^# ${k} (\\d+)$`, 'm'))?.[1] ?? 0) : 0);
  passed += num('pass');
  failed += num('fail') + num('cancelled');
  skipped += num('skipped') + num('todo');
}
if (unit.status !== 0 && failed === 0) failed++;

console.log('\n== Element tests (Chromium) ==\n');
const wtr = spawnSync(process.execPath, ['node_modules/@web/test-runner/dist/bin.js'], {
  stdio: 'inherit',
  env: { ...process.env, WTR_COUNTS_FILE: counts },
});
if (existsSync(counts)) {
  const c = JSON.parse(readFileSync(counts, 'utf8'));
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
}
if (wtr.status !== 0 && !existsSync(counts)) failed++;
else if (wtr.status !== 0 && failed === 0) failed++;

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
