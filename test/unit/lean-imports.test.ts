// What each entry pulls in, on the static import graph of the source (runtime imports only:
// `import type` is erased, and a dynamic `import()` loads on demand). A bundler splits code by
// module, so what a module reaches here is what a page or a bundle pays for:
// - one KPI of `kpi-kit/metrics` reaches no zod, no message table and no model;
// - an element reaches no other message locale than English, of English only the common part, the
//   KPI names and its own widget's part, and none of the fit (its models load in the worker, or on
//   demand when no worker can start);
// - the kit's worker reaches no message table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../src');
const rel = (abs: string) => relative(SRC, abs).split(sep).join('/');

/** Static runtime imports of a file: `import … from`, `export … from`, bare `import '…'`; not `import type`/`export type`, not `import()`. */
function staticImports(abs: string): string[] {
  const text = readFileSync(abs, 'utf8');
  const out: string[] = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(re)) {
    if (m[5]) out.push(m[5]);
    else if (!m[2] && m[4]) out.push(m[4]);
  }
  return out;
}

/** Every module reachable from `entry`: src files as src-relative paths, packages by name. */
function reach(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (abs: string) => {
    const key = rel(abs);
    if (seen.has(key)) return;
    seen.add(key);
    for (const spec of staticImports(abs)) {
      if (!spec.startsWith('.')) {
        seen.add(`pkg:${spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/')}`);
        continue;
      }
      const target = resolve(dirname(abs), spec);
      if (existsSync(target)) visit(target);
    }
  };
  visit(join(SRC, entry));
  return seen;
}

const WIDGETS = ['funnel', 'scorecard', 'ltv'];
const MESSAGE_TABLES = ['core/i18n/en.ts', 'core/i18n/en-kpi.ts', 'core/i18n/es.ts', ...WIDGETS.map((w) => `widgets/${w}/en.ts`)];
// index.ts and catalogue.ts gather every KPI; messages.ts is `loadMessages`, which brings the names.
const KPI_FILES = readdirSync(join(SRC, 'kpis')).filter((f) => f.endsWith('.ts') && !['index.ts', 'catalogue.ts', 'messages.ts'].includes(f));

test('one KPI file reaches no zod, no message table and no model', () => {
  const wrong: string[] = [];
  for (const f of KPI_FILES) {
    const r = reach(`kpis/${f}`);
    for (const m of r) {
      if (m === 'pkg:zod' || m === 'core/schema/z.ts' || MESSAGE_TABLES.includes(m) || (m.startsWith('models/') && m !== 'models/clv-predictive-meta.ts')) {
        wrong.push(`kpis/${f} → ${m}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});

test('the scorecard’s part of the catalogue reaches no model', () => {
  assert.deepEqual([...reach('kpis/catalogue-deals.ts')].filter((m) => m.startsWith('models/')), []);
});

test('an element reaches English only, and none of the fit', () => {
  for (const tag of ['kpi-funnel', 'kpi-scorecard', 'kpi-ltv']) {
    const r = reach(`entries/${tag}.ts`);
    assert.ok(r.has('core/i18n/en.ts'), `${tag}: English is bundled`);
    const own = tag.slice('kpi-'.length);
    assert.ok(r.has(`widgets/${own}/en.ts`), `${tag}: its own English`);
    assert.deepEqual(WIDGETS.filter((w) => w !== own && r.has(`widgets/${w}/en.ts`)), [], `${tag}: no other widget's English`);
    assert.ok(!r.has('core/i18n/es.ts'), `${tag}: Spanish is loaded on demand`);
    const fit = [...r].filter((m) => (m.startsWith('models/') && m !== 'models/clv-predictive-meta.ts') || m === 'widgets/ltv/fit-here.ts');
    assert.deepEqual(fit, [], tag);
    assert.ok(!r.has('pkg:d3-scale'), `${tag}: no d3-scale (charts/scale.ts)`);
  }
});

test('the worker reaches no message table', () => {
  const r = reach('entries/worker.ts');
  assert.ok(r.has('widgets/ltv/fit-here.ts'), 'the fit runs in the worker');
  assert.deepEqual([...r].filter((m) => MESSAGE_TABLES.includes(m) || m === 'core/i18n/index.ts'), []);
});
