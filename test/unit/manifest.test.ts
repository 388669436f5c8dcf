/**
 * The custom-elements manifest (scripts/manifest.mjs over `cem analyze`) is complete: every
 * attribute an element observes, public members only, typed results and events, the parts the
 * templates really render, custom properties with defaults, paths into dist. And the JSX / Vue
 * typings generated from it name every option and event.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs script without types
import { analyzeRaw, buildManifest, reactTypes, vueTypes, vscodeData } from '../../scripts/manifest.mjs';
import { KpiFunnel } from '../../src/widgets/funnel/element.ts';
import { KpiLtv } from '../../src/widgets/ltv/element.ts';
import { KpiScorecard } from '../../src/widgets/scorecard/element.ts';

interface Decl {
  tagName: string;
  name: string;
  attributes: { name: string; default?: string; fieldName?: string; type?: { text: string } }[];
  members: { name: string; kind: string; privacy?: string; static?: boolean; type?: { text: string }; default?: string; readonly?: boolean }[];
  events: { name: string; type: { text: string } }[];
  cssParts: { name: string; description: string }[];
  cssProperties: { name: string; default?: string }[];
}

const root = join(import.meta.dirname, '../..');
const { manifest, elements } = (await buildManifest(analyzeRaw())) as { manifest: { modules: { path: string; declarations: Decl[] }[] }; elements: Decl[] };
const byTag = new Map(elements.map((e) => [e.tagName, e]));
const classes = { 'kpi-funnel': KpiFunnel, 'kpi-ltv': KpiLtv, 'kpi-scorecard': KpiScorecard } as const;
const widgetDir = { 'kpi-funnel': 'funnel', 'kpi-ltv': 'ltv', 'kpi-scorecard': 'scorecard' } as const;

test('every observed attribute of each element is in the manifest, the `*-field` ones included', () => {
  for (const [tag, cls] of Object.entries(classes)) {
    const el = byTag.get(tag)!;
    const observed = (cls as unknown as { observedAttributes: string[] }).observedAttributes;
    const documented = new Set(el.attributes.map((a) => a.name));
    const missing = observed.filter((a) => !documented.has(a));
    assert.deepEqual(missing, [], `${tag} lacks ${missing.join(', ')}`);
    assert.ok(observed.some((a) => a.endsWith('-field')), `${tag} observes field attributes`);
    for (const base of ['src', 'currency', 'delimiter', 'decimal', 'timeout', 'label', 'group-by', 'lang']) assert.ok(documented.has(base), `${tag} ${base}`);
    // Nothing documented that the element does not observe.
    const extra = [...documented].filter((a) => !observed.includes(a));
    assert.deepEqual(extra, [], `${tag} documents unobserved ${extra.join(', ')}`);
  }
});

test('defaults come from the specs: attribute text and JS value', () => {
  const funnel = byTag.get('kpi-funnel')!;
  const attr = (el: Decl, n: string) => el.attributes.find((a) => a.name === n);
  assert.equal(attr(funnel, 'max-groups')?.default, '12');
  assert.equal(attr(funnel, 'period-grain')?.default, 'quarter');
  assert.equal(attr(funnel, 'currency')?.default, 'USD');
  assert.equal(attr(funnel, 'timeout')?.default, '15000');
  assert.equal(attr(funnel, 'input')?.type?.text, "'auto' | 'stages' | 'records'");
  assert.equal(attr(funnel, 'stage-field')?.default, undefined);
  const ltv = byTag.get('kpi-ltv')!;
  assert.equal(attr(ltv, 'ltv-cac-target')?.default, '3');
  assert.equal(attr(ltv, 'time-unit')?.default, 'weeks');
  assert.equal(ltv.members.find((m) => m.name === 'timeUnit')?.default, '"weeks"');
  assert.equal(attr(ltv, 'customer-field')?.type?.text, 'string');
  const sc = byTag.get('kpi-scorecard')!;
  assert.match(attr(sc, 'won-values')?.default ?? '', /^won, closed won/);
});

test('no private, protected, static or internal member is documented', () => {
  for (const mod of manifest.modules) {
    for (const d of mod.declarations) {
      const names = d.members.map((m) => m.name);
      for (const m of d.members) {
        assert.equal(m.privacy, undefined, `${d.name}.${m.name} is ${m.privacy}`);
        assert.ok(!m.static, `${d.name}.${m.name} is static`);
      }
      for (const internal of ['inlineNonce', 'built', 'lang_', 'locale_', 'phase', 'parsed', 'handlers', 'tip', 'spec', 'namespace', 'options'])
        assert.ok(!names.includes(internal), `${d.name} documents ${internal}`);
    }
  }
  // The public API is all there.
  for (const el of elements) for (const n of ['data', 'src', 'fields', 'result', 'state', 'reload']) assert.ok(el.members.some((m) => m.name === n), `${el.tagName}.${n}`);
});

test('result and events are typed per element', () => {
  const expected = { 'kpi-funnel': 'FunnelResult', 'kpi-ltv': 'LtvResult', 'kpi-scorecard': 'ScorecardResult' };
  for (const [tag, r] of Object.entries(expected)) {
    const el = byTag.get(tag)!;
    const result = el.members.find((m) => m.name === 'result')!;
    assert.equal(result.type?.text, `${r} | undefined`);
    assert.equal(result.readonly, true);
    assert.equal(el.events.find((e) => e.name === 'kpi-update')?.type.text, `KpiUpdateEvent<${r}>`);
    assert.equal(el.events.find((e) => e.name === 'kpi-error')?.type.text, 'KpiErrorEvent');
  }
  assert.equal(byTag.get('kpi-scorecard')!.events.find((e) => e.name === 'kpi-status-change')?.type.text, 'KpiStatusChangeEvent');
});

/** Every `part="…"` token written in a folder's files (template literals and JSDoc examples aside). */
function partsWritten(dir: string): Set<string> {
  const out = new Set<string>();
  // A widget's parts/ folder holds templates too (test/unit/architecture.test.ts lets them import lit).
  const files = readdirSync(join(root, dir)).filter((f) => f.endsWith('.ts'));
  if (existsSync(join(root, dir, 'parts'))) files.push(...readdirSync(join(root, dir, 'parts')).filter((f) => f.endsWith('.ts')).map((f) => `parts/${f}`));
  for (const f of files) {
    const code = readFileSync(join(root, dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of code.matchAll(/part="([^"$]+)"|part: '([^']+)'/g)) for (const p of (m[1] ?? m[2]).split(' ')) out.add(p);
  }
  return out;
}

test('parts are the ones the templates and the shared state views render', () => {
  const shared = partsWritten('src/core/ui');
  for (const [tag, dir] of Object.entries(widgetDir)) {
    const el = byTag.get(tag)!;
    const parts = el.cssParts.map((p) => p.name);
    const own = partsWritten(`src/widgets/${dir}`);
    // Every part the widget's own files write is documented, and every documented part is written somewhere.
    for (const p of own) assert.ok(parts.includes(p), `${tag} renders part "${p}" that the manifest lacks`);
    for (const p of parts) assert.ok(own.has(p) || shared.has(p), `${tag} documents part "${p}" that nothing renders`);
    // The state parts every element renders through the base class.
    for (const p of ['state', 'loading', 'empty', 'error', 'retry', 'notice']) assert.ok(parts.includes(p), `${tag} lacks state part ${p}`);
    assert.ok(parts.includes('toggle') && parts.includes('matrix') === (tag !== 'kpi-ltv'), `${tag} toggle/matrix`);
    for (const p of el.cssParts) assert.ok(p.description.length > 0 || !['state', 'title', 'table'].includes(p.name), `${tag} ${p.name} described`);
  }
  // `figure` is documented in the funnel's JSDoc but its template never renders it.
  assert.ok(!byTag.get('kpi-funnel')!.cssParts.some((p) => p.name === 'figure'));
});

test('custom properties carry their defaults, kit tokens named by their public property', () => {
  const funnel = byTag.get('kpi-funnel')!;
  const prop = (n: string) => funnel.cssProperties.find((p) => p.name === n);
  assert.equal(prop('--kpi-funnel-bar')?.default, 'var(--kpi-color-accent)');
  assert.equal(prop('--kpi-radius')?.default, '8px');
  assert.equal(prop('--kpi-font-size')?.default, '14px');
  assert.match(prop('--kpi-color-accent')?.default ?? '', /^light-dark\(#2563eb/);
  for (const el of elements) for (const p of el.cssProperties) assert.ok(p.default, `${el.tagName} ${p.name} has a default`);
});

test('module paths point at dist', () => {
  for (const mod of manifest.modules) assert.match(mod.path, /^dist\/[\w-]+\.js$/);
  assert.deepEqual(elements.map((e) => (e as unknown as { module: string }).module).sort(), ['dist/kpi-funnel.js', 'dist/kpi-ltv.js', 'dist/kpi-scorecard.js']);
});

test('the React and Vue typings and the VS Code data list every option and event', () => {
  const react = reactTypes(elements) as string;
  assert.match(react, /'kpi-funnel': KpiFunnelProps;/);
  assert.match(react, /'onkpi-update'\?: \(event: KpiUpdateEvent<FunnelResult>\) => void;/);
  assert.match(react, /'onkpi-status-change'\?: \(event: KpiStatusChangeEvent\) => void;/);
  assert.match(react, /targets\?: KpiFunnel\["targets"\];/);
  assert.match(react, /'stage-field'\?: string;/);
  const vue = vueTypes(elements) as string;
  assert.match(vue, /onKpiUpdate\?: \(event: KpiUpdateEvent<LtvResult>\) => void;/);
  assert.match(vue, /'kpi-ltv': DefineComponent<KpiLtvVueProps>;/);
  const vs = vscodeData(elements) as { tags: { name: string; attributes: { name: string; values?: { name: string }[] }[] }[] };
  const scale = vs.tags.find((t) => t.name === 'kpi-funnel')!.attributes.find((a) => a.name === 'scale')!;
  assert.deepEqual(scale.values?.map((v) => v.name), ['auto', 'linear', 'log']);
});
