// `npm run bench`: runs every benchmark in bench/ (each prints its own table) one after the
// other, so they do not compete for the machine's cores. `npm run bench -- ltv` runs one;
// `npm run bench -- size` the size bench (also `npm run bench:size`).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const only = process.argv.slice(2);
// Tools that take arguments, not benchmarks: size-map.mjs attributes one built file's bytes.
const TOOLS = new Set(['run.mjs', 'size-map.mjs']);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.mjs') && !TOOLS.has(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== bench/${f} ===\n`);
  const r = spawnSync(process.execPath, [`bench/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
