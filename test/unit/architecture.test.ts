// The layout's rules, checked on the source: imports point inward
// (core ← kpis/models ← charts ← widgets), widgets never import each other, only the
// elements, templates and shared UI import lit, and element files stay small and hold no
// arithmetic, Intl, zod, AbortController, timers or sorting.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../src');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}
const files = walk(SRC).map((abs) => ({ abs, rel: relative(SRC, abs).split(sep).join('/'), text: readFileSync(abs, 'utf8') }));

/** Import specifiers of a file (static, dynamic, and worker URLs). */
function imports(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"]/g;
  for (const m of text.matchAll(re)) out.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return out;
}

/** The layer of a src-relative path. */
function layer(rel: string): string {
  const top = rel.split('/')[0]!;
  if (top === 'widgets') return `widgets/${rel.split('/')[1]}`;
  return /\.tsx?$/.test(top) ? 'entry' : top;
}

const ALLOWED: Record<string, (to: string) => boolean> = {
  core: (to) => to === 'core',
  kpis: (to) => to === 'core' || to === 'kpis' || to === 'models',
  models: (to) => to === 'core' || to === 'models',
  charts: (to) => to === 'core' || to === 'kpis' || to === 'models' || to === 'charts',
  // issue #13: the SQL templates import nothing of the kit; the aggregate step builds on kpis/models;
  // the node CLI on both (never on widgets)
  sql: (to) => to === 'sql',
  aggregates: (to) => to === 'core' || to === 'kpis' || to === 'models' || to === 'aggregates' || to === 'sql',
  cli: (to) => to === 'core' || to === 'kpis' || to === 'models' || to === 'aggregates' || to === 'sql' || to === 'cli',
};

test('imports point inward: core ← kpis/models ← charts ← widgets; widgets never import each other', () => {
  const wrong: string[] = [];
  for (const f of files) {
    const from = layer(f.rel);
    for (const spec of imports(f.text)) {
      if (!spec.startsWith('.')) continue;
      const to = layer(relative(SRC, resolve(dirname(f.abs), spec)).split(sep).join('/'));
      if (from === 'entry' || from === 'entries') continue;
      // The jobs client starts the kit's one worker by URL (src/entries/worker.ts): not a code import.
      if (f.rel === 'core/jobs/client.ts' && spec === '../../entries/worker.ts') continue;
      const ok = from.startsWith('widgets/')
        ? to === from || !to.startsWith('widgets/') && to !== 'entries' && to !== 'entry'
        : (ALLOWED[from] ?? (() => false))(to);
      if (!ok) wrong.push(`${f.rel} → ${spec} (${from} → ${to})`);
    }
  }
  assert.deepEqual(wrong, []);
});

const LIT_OK = /^(core\/ui\/|core\/element\/|widgets\/[^/]+\/(element|template|styles|parts)\.ts$|widgets\/[^/]+\/parts\/)/;

test('only elements, templates, styles and the shared UI import lit', () => {
  const wrong = files.filter((f) => imports(f.text).some((s) => s === 'lit' || s.startsWith('lit/')) && !LIT_OK.test(f.rel)).map((f) => f.rel);
  assert.deepEqual(wrong, []);
});

test('the metric library and the models never import lit, the DOM helpers or a widget', () => {
  const wrong = files
    .filter((f) => /^(kpis|models)\//.test(f.rel))
    .filter((f) => imports(f.text).some((s) => s.startsWith('lit') || s.includes('/widgets/') || s.includes('/ui/') || s.includes('/element/')))
    .map((f) => f.rel);
  assert.deepEqual(wrong, []);
});

const elements = files.filter((f) => /^widgets\/[^/]+\/element\.ts$/.test(f.rel));

test('every widget is one folder with the same shape', () => {
  const widgets = [...new Set(files.filter((f) => f.rel.startsWith('widgets/')).map((f) => f.rel.split('/')[1]!))].sort();
  assert.deepEqual(widgets, ['funnel', 'ltv', 'scorecard']);
  for (const w of widgets) {
    for (const part of ['element', 'spec', 'compute', 'view', 'template', 'styles']) {
      assert.ok(files.some((f) => f.rel === `widgets/${w}/${part}.ts`), `widgets/${w}/${part}.ts`);
    }
  }
});

test('element files stay small and hold no arithmetic, Intl, zod, AbortController, timers or sorting', () => {
  assert.equal(elements.length, 3);
  for (const f of elements) {
    const code = f.text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const lines = code.split('\n').filter((l) => l.trim() !== '').length;
    assert.ok(lines <= 220, `${f.rel}: ${lines} lines of code (at most 220)`);
    for (const [what, re] of [
      ['Math.*', /\bMath\./],
      ['Intl', /\bIntl\./],
      ['zod', /schema\/z\.ts|from 'zod/],
      ['AbortController', /\bAbortController\b/],
      ['timers', /\b(setTimeout|setInterval|requestAnimationFrame)\(/],
      ['sorting', /\.sort\(|\.toSorted\(/],
    ] as const) {
      assert.ok(!re.test(code), `${f.rel} uses ${what}`);
    }
  }
});
