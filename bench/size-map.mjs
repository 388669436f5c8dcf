// Which sources make up a built file: bytes of the minified output attributed to each source
// through its source map, grouped by package or src/ folder. `node bench/size-map.mjs dist/kpi-kit/chunks/x.js`
import { readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';
const file = process.argv[2];
const code = readFileSync(file, 'utf8');
const map = new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
const lines = code.split('\n');
const bytes = new Map();
let last = null;
map.eachMapping((m) => {
  if (last && last.gen === m.generatedLine) {
    const n = m.generatedColumn - last.col;
    bytes.set(last.src, (bytes.get(last.src) ?? 0) + n);
  } else if (last) {
    bytes.set(last.src, (bytes.get(last.src) ?? 0) + (lines[last.gen - 1].length - last.col));
  }
  last = { gen: m.generatedLine, col: m.generatedColumn, src: m.source ?? '?' };
});
const group = (s) => (s.includes('node_modules/') ? s.split('node_modules/').pop().split('/').slice(0, s.includes('node_modules/@') ? 2 : 1).join('/') : s.replace(/^.*?src\//, 'src/').split('/').slice(0, 3).join('/'));
const g = new Map();
for (const [s, b] of bytes) g.set(group(s), (g.get(group(s)) ?? 0) + b);
console.log(file, code.length, 'bytes');
for (const [k, b] of [...g].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(String(b).padStart(8), k);
