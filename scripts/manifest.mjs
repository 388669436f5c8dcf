/**
 * Completes custom-elements.json from the widgets themselves, then generates the editor and
 * framework integrations from it. Run by `npm run analyze` after `cem analyze`:
 *
 *   node --import tsx scripts/manifest.mjs
 *
 * `cem analyze` gives descriptions (class JSDoc, @fires, @csspart, @cssprop, member JSDoc).
 * This script replaces what the JSDoc cannot know or gets wrong:
 * - attributes: every option of the widget's spec (src/widgets/<name>/spec.ts) with its
 *   default (optionDefaults), the base's (src, currency, delimiter, decimal, timeout, label,
 *   group-by, lang) and one `<key>-field` per field of `spec.fields`;
 * - members: public properties only (no private/protected/static members, no `lang_`/`locale_`
 *   internals), with `result` typed per element (FunnelResult, LtvResult, ScorecardResult);
 * - events: typed (`KpiUpdateEvent<FunnelResult>`, …);
 * - parts: the ones the widget's templates and the shared partials it imports really render
 *   (`part="…"` and `part: '…'`), described by @csspart JSDoc;
 * - CSS custom properties: every `var(--kpi-…, default)` the element's styles read, with the
 *   default (kit tokens such as `var(--_accent)` written as the public property they read);
 * - module paths: the npm build in dist (dist/kpi-funnel.js…, dist/index.js).
 *
 * Outputs: custom-elements.json, and in dist/: react.d.ts (+ react.js), vue.d.ts (+ vue.js),
 * vscode.html-custom-data.json and web-types.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const rel = (p) => relative(root, p).split('\\').join('/');
const read = (p) => readFileSync(join(root, p), 'utf8');

const { optionDefaults } = await import(pathToFileURL(join(root, 'src/core/element/options.ts')).href);
const { fieldAttribute } = await import(pathToFileURL(join(root, 'src/core/data/fields.ts')).href);

/** Names that are public in JS but internal to the kit: not documented. */
const INTERNAL = new Set(['locale_', 'lang_', 'addEventListener', 'removeEventListener', 'fieldsOf', 'fieldSpecs', 'spec', 'properties', 'styles']);

/** Option properties the element class does not `declare` (typed from the spec, not as `Class["name"]`). */
const UNDECLARED = new WeakSet();

const EVENT_TYPES = {
  'kpi-update': (r) => `KpiUpdateEvent<${r}>`,
  'kpi-error': () => 'KpiErrorEvent',
  'kpi-select': () => 'KpiSelectEvent',
  'kpi-status-change': () => 'KpiStatusChangeEvent',
};
const EVENT_DETAILS = {
  'kpi-update': (r) => `KpiUpdateDetail<${r}>`,
  'kpi-error': () => 'KpiErrorDetail',
  'kpi-select': () => 'KpiSelectDetail',
  'kpi-status-change': () => 'KpiStatusChangeDetail',
};

/** An event not listed above: `kpi-warning` → `KpiWarningEvent` when src/core/events.ts exports it, else CustomEvent. */
function eventTypeFromSource(name, suffix = 'Event') {
  const type = name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase()) + suffix;
  const found = new RegExp(`export (?:type|interface) ${type}\\b`).test(read('src/core/events.ts'));
  if (!found) console.warn(`manifest: event ${name} has no ${type} in src/core/events.ts`);
  return suffix === 'Event' ? () => (found ? type : 'CustomEvent') : found ? () => type : undefined;
}

// ---------------------------------------------------------------------------------------------
// Source scanning: the files an element pulls in (its widget folder, core/ui, core/element).

const importsOf = (file) => {
  const src = readFileSync(file, 'utf8');
  const out = [];
  for (const m of src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
    if (/^\s*(?:import|export)\s+type\s/.test(m[0])) continue;
    out.push(resolve(dirname(file), m[1]));
  }
  for (const m of src.matchAll(/^\s*import\s+'(\.[^']+)'/gm)) out.push(resolve(dirname(file), m[1]));
  return out;
};

/** The element's own files and the shared UI/element files it imports (transitively). */
export function elementSources(widgetDir) {
  const keep = (f) => f.startsWith(join(root, widgetDir)) || f.startsWith(join(root, 'src/core/ui')) || f.startsWith(join(root, 'src/core/element'));
  const seen = new Set();
  const walk = (f) => {
    if (seen.has(f) || !keep(f) || !existsSync(f)) return;
    seen.add(f);
    for (const i of importsOf(f)) walk(i);
  };
  walk(join(root, widgetDir, 'element.ts'));
  return [...seen];
}

/** Part names a set of files renders: `part="a b"`, `part: 'a'`. */
export function renderedParts(files) {
  const parts = new Set();
  for (const f of files) {
    const src = readFileSync(f, 'utf8').replace(/^\s*\*.*$/gm, '');
    for (const m of src.matchAll(/\bpart="([^"$]+)"/g)) for (const p of m[1].split(/\s+/)) if (p) parts.add(p);
    for (const m of src.matchAll(/\bpart:\s*'([^']+)'/g)) for (const p of m[1].split(/\s+/)) if (p) parts.add(p);
  }
  return parts;
}

/** `@tag name - description` lines of the files' JSDoc. */
function jsdocTags(files, tag) {
  const out = new Map();
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(new RegExp(`@${tag}\\s+(\\S+)\\s+-\\s+(.+)$`, 'gm'))) if (!out.has(m[1])) out.set(m[1], m[2].trim());
  }
  return out;
}

/** The text of `var(--name, <this>)`, parentheses balanced. */
function fallbackAt(src, start) {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return src.slice(start, i).trim();
      depth--;
    }
  }
  return src.slice(start).trim();
}

/** `--_accent: var(--kpi-color-accent, …)` in the kit tokens → the public property it reads. */
function tokenMap() {
  const src = read('src/core/ui/tokens.ts');
  const map = new Map();
  for (const m of src.matchAll(/(--_[a-z0-9-]+):\s*([^;]+);/g)) if (!map.has(m[1])) map.set(m[1], m[2].trim());
  return map;
}

function cssProperties(files) {
  const tokens = tokenMap();
  const resolveDefault = (text) =>
    text.replace(/var\((--_[a-z0-9-]+)\)/g, (all, name) => {
      const def = tokens.get(name);
      if (!def) return all;
      const pub = /^var\((--kpi-[a-z0-9-]+)/.exec(def);
      return pub ? `var(${pub[1]})` : def;
    });
  const out = new Map();
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/var\((--kpi-[a-z0-9-]+)\s*(,)?/g)) {
      const name = m[1];
      const def = m[2] ? resolveDefault(fallbackAt(src, m.index + m[0].length)) : undefined;
      if (!out.has(name) || (out.get(name) === undefined && def !== undefined)) out.set(name, def);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Attribute and default texts from the option specs.

/** The attribute text a default reads as: lists comma-joined, numbers as written. */
const attrDefault = (v) => (Array.isArray(v) ? v.join(', ') : v === undefined ? undefined : String(v));
const jsDefault = (v) => (v === undefined ? undefined : JSON.stringify(v));
/** The values of an `opt.enum` option ("one of a, b, c"). */
const enumValues = (spec) => (/^one of (.+)$/.exec(spec.accepts)?.[1].split(', ') ?? undefined);
const attrType = (spec) => {
  const values = enumValues(spec);
  if (values) return values.map((v) => `'${v}'`).join(' | ');
  if (/number/.test(spec.accepts)) return 'number | string';
  return 'string';
};

function fieldDescription(key, fs) {
  const names = [key, ...(fs.aliases ?? [])];
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
  return `Column holding the \`${key}\` field (${fs.type}). Default: a column named ${shown} (case and separators ignored). The \`fields\` property maps columns too.`;
}

/** Run `cem analyze` (custom-elements-manifest.config.mjs) into a temporary folder and return its raw manifest. */
export function analyzeRaw() {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-cem-'));
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--outdir', relative(root, dir)], { cwd: root, stdio: 'pipe' });
    return JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

export async function buildManifest(raw) {
  const modules = raw.modules;
  const baseMod = modules.find((m) => m.path === 'src/core/element/kpi-element.ts');
  const base = baseMod?.declarations.find((d) => d.name === 'KpiElement');
  if (!base) throw new Error('custom-elements.json has no KpiElement: run `cem analyze` with custom-elements-manifest.config.mjs');
  const baseAttrs = base.attributes ?? [];
  const baseMembers = new Map((base.members ?? []).map((m) => [m.name, m]));
  const out = { schemaVersion: raw.schemaVersion, readme: '', modules: [] };

  const publicMember = (m) => !m.privacy && !m.static && !INTERNAL.has(m.name) && !m.name.startsWith('_') && !m.name.endsWith('_');
  const strip = ({ inheritedFrom, ...m }) => m;

  for (const mod of modules) {
    const m = /^src\/widgets\/([^/]+)\/element\.ts$/.exec(mod.path);
    if (!m) continue;
    const name = m[1];
    const widgetDir = `src/widgets/${name}`;
    const decl = mod.declarations.find((d) => d.customElement && d.tagName);
    if (!decl) throw new Error(`${mod.path}: no custom element`);
    const tag = decl.tagName;
    const specModule = await import(pathToFileURL(join(root, widgetDir, 'spec.ts')).href);
    const spec = Object.values(specModule).find((v) => v && typeof v === 'object' && 'options' in v && 'fields' in v && 'compute' in v);
    if (!spec) throw new Error(`${widgetDir}/spec.ts exports no WidgetSpec`);
    const resultType = (mod.exports ?? []).map((e) => e.name).find((n) => /Result$/.test(n));
    if (!resultType) throw new Error(`${mod.path} re-exports no *Result type`);
    const defaults = optionDefaults(spec.options);
    const members = new Map((decl.members ?? []).map((x) => [x.name, x]));

    // Attributes: the base's, the options', the fields'.
    const attributes = [];
    const seen = new Set();
    const add = (a) => {
      if (seen.has(a.name)) return;
      seen.add(a.name);
      attributes.push(a);
    };
    for (const a of baseAttrs) {
      const member = a.fieldName ? baseMembers.get(a.fieldName) : undefined;
      const d = a.default ?? member?.default;
      add({
        name: a.name,
        ...(a.fieldName ? { fieldName: a.fieldName } : {}),
        description: a.description ?? member?.description ?? (a.name === 'lang' ? 'Language of messages, numbers and dates (BCP 47, e.g. "es", "en-GB"); default the nearest ancestor\'s `lang`.' : undefined),
        type: { text: a.name === 'timeout' ? 'number | string' : 'string' },
        ...(d !== undefined ? { default: String(d).replace(/^'(.*)'$/, '$1').replace(/_/g, '') } : {}),
      });
    }
    for (const [key, s] of Object.entries(spec.options)) {
      if (!s.attribute) continue;
      const member = members.get(key);
      add({
        name: s.attribute,
        fieldName: key,
        description: member?.description ?? `Accepts ${s.accepts}.`,
        type: { text: attrType(s) },
        ...(attrDefault(defaults[key]) !== undefined ? { default: attrDefault(defaults[key]) } : {}),
      });
    }
    for (const [key, fs] of Object.entries(spec.fields)) add({ name: fieldAttribute(key), description: fieldDescription(key, fs), type: { text: 'string' } });
    for (const n of spec.sources?.names ?? []) add({ name: `src-${n}`, description: `URL of the \`${n}\` source (JSON or CSV); also the \`sources\` property or a \`data-source="${n}"\` child.`, type: { text: 'string' } });

    // Members: public properties and methods.
    const outMembers = [];
    const pushMember = (x, extra = {}) => {
      const { inheritedFrom, ...rest } = x;
      outMembers.push({ ...rest, ...extra, ...(inheritedFrom ? { inheritedFrom: { name: 'KpiElement', module: 'dist/index.js' } } : {}) });
    };
    for (const x of decl.members ?? []) {
      if (!publicMember(x)) continue;
      const opt = spec.options[x.name];
      if (opt) {
        pushMember(x, {
          ...(opt.attribute ? { attribute: opt.attribute } : {}),
          ...(jsDefault(defaults[x.name]) !== undefined ? { default: jsDefault(defaults[x.name]) } : {}),
          description: x.description ?? `Accepts ${opt.accepts}.`,
        });
      } else if (x.name === 'result') {
        pushMember(x, { type: { text: `${resultType} | undefined`, references: [{ name: resultType, package: 'kpi-kit', module: 'dist/index.js' }] }, readonly: true });
      } else if (x.name === 'state') {
        pushMember(x, { type: { text: "'idle' | 'loading' | 'ready' | 'empty' | 'error'" }, readonly: true });
      } else {
        const attr = baseAttrs.find((a) => a.fieldName === x.name);
        pushMember(x, attr ? { attribute: attr.name } : {});
      }
    }
    // An option declared only in the spec (no `declare` field) is still a property.
    for (const [key, s] of Object.entries(spec.options)) {
      if (outMembers.some((x) => x.name === key)) continue;
      const member = { kind: 'field', name: key, type: { text: s.attribute ? `${attrType(s)} | undefined` : 'unknown' }, ...(s.attribute ? { attribute: s.attribute } : {}), description: `Accepts ${s.accepts}.`, ...(jsDefault(defaults[key]) !== undefined ? { default: jsDefault(defaults[key]) } : {}) };
      UNDECLARED.add(member);
      outMembers.push(member);
    }

    // Events, typed.
    const events = (decl.events ?? []).map((e) => {
      const type = EVENT_TYPES[e.name] ?? eventTypeFromSource(e.name);
      const detail = EVENT_DETAILS[e.name] ?? eventTypeFromSource(e.name, 'Detail');
      return { name: e.name, type: { text: type(resultType) }, description: `${e.description ?? ''}${detail ? ` Detail: \`${detail(resultType)}\`.` : ''}`.trim() };
    });

    // Parts the element really renders, described by JSDoc.
    const files = elementSources(widgetDir);
    const rendered = renderedParts(files);
    const partDocs = new Map([...jsdocTags(files.filter((f) => !f.endsWith('element.ts') || f.includes(widgetDir)), 'csspart')]);
    const ownDocs = jsdocTags([join(root, widgetDir, 'element.ts')], 'csspart');
    const SHARED_PARTS = {
      toggle: 'The button that shows or hides the data table.',
      tooltip: 'The tooltip.',
      loading: 'Added to `state` while loading (`::part(state loading)`).',
      empty: 'Added to `state` when there is nothing to show (`::part(state empty)`).',
      error: 'Added to `state` on an error (`::part(state error)`).',
    };
    for (const p of ownDocs.keys()) if (!rendered.has(p)) console.warn(`manifest: ${tag} documents part "${p}", which it never renders: left out`);
    const cssParts = [...rendered].sort().map((p) => {
      const description = ownDocs.get(p) ?? partDocs.get(p) ?? SHARED_PARTS[p];
      if (!description) console.warn(`manifest: ${tag} part "${p}" has no @csspart description`);
      return { name: p, description: description ?? '' };
    });

    // Custom properties read by the element's styles, with their defaults.
    const props = cssProperties(files);
    const propDocs = jsdocTags(files, 'cssprop');
    const ownPropDocs = jsdocTags([join(root, widgetDir, 'element.ts')], 'cssprop');
    const cssProps = [...props].sort(([a], [b]) => a.localeCompare(b)).map(([p, d]) => ({
      name: p,
      description: ownPropDocs.get(p) ?? propDocs.get(p) ?? tokenDescription(p),
      ...(d !== undefined ? { default: d } : {}),
    }));

    const path = `dist/${tag}.js`;
    const { attributes: _a, members: _m, events: _e, cssParts: _p, cssProperties: _c, superclass: _s, ...rest } = decl;
    out.modules.push({
      kind: 'javascript-module',
      path,
      declarations: [
        {
          ...rest,
          attributes,
          members: outMembers,
          events,
          cssParts,
          cssProperties: cssProps,
          superclass: { name: 'KpiElement', package: 'kpi-kit', module: 'dist/index.js' },
          resultType,
          widgetDir,
        },
      ],
      exports: [
        { kind: 'js', name: decl.name, declaration: { name: decl.name, module: path } },
        { kind: 'custom-element-definition', name: tag, declaration: { name: decl.name, module: path } },
      ],
    });
  }
  // The base class, public members only.
  out.modules.push({
    kind: 'javascript-module',
    path: 'dist/index.js',
    declarations: [
      {
        kind: 'class',
        name: 'KpiElement',
        description: base.description ?? '',
        members: (base.members ?? []).filter(publicMember).map(strip).filter((x, i, all) => all.findIndex((y) => y.name === x.name) === i),
        attributes: baseAttrs.map(strip),
        superclass: { name: 'LitElement', package: 'lit' },
      },
    ],
    exports: [{ kind: 'js', name: 'KpiElement', declaration: { name: 'KpiElement', module: 'dist/index.js' } }],
  });
  out.modules.sort((a, b) => a.path.localeCompare(b.path));
  // `resultType` and `widgetDir` are ours, kept out of the published manifest.
  const elements = out.modules.flatMap((mod) => mod.declarations.filter((d) => d.tagName).map((d) => ({ ...d, module: mod.path })));
  for (const mod of out.modules) for (const d of mod.declarations) {
    delete d.resultType;
    delete d.widgetDir;
  }
  return { manifest: out, elements };
}

function tokenDescription(name) {
  const n = name.replace(/^--kpi-/, '');
  const known = {
    font: 'Font family.',
    'font-size': 'Base font size; every size in the kit is a step of a 1.125 scale over it.',
    radius: 'Corner radius.',
    gap: 'Spacing unit.',
    'color-scheme': '`light dark` (default: follows the reader), `light` or `dark`.',
    'color-text': 'Text colour.',
    'color-muted': 'Secondary text colour.',
    'color-surface': 'Background.',
    'color-subtle': 'Subtle background (table stripes, panels).',
    'color-grid': 'Grid lines and rules.',
    'color-accent': 'Accent colour (bars, lines).',
    'color-accent-2': 'Second accent colour.',
    'color-good': 'Good / met target.',
    'color-warn': 'Warning / at risk.',
    'color-bad': 'Bad / missed target.',
    'color-focus': 'Focus ring.',
  };
  if (known[n]) return known[n];
  const series = /^color-series-(\d)$/.exec(n);
  if (series) return `Series colour ${series[1]} (cohorts, segments).`;
  return `Custom property ${name}.`;
}

// ---------------------------------------------------------------------------------------------
// Integrations generated from the manifest.

const pascal = (tag) => tag.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const propKey = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`);
const doc = (text, indent = '  ') => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim()} */\n` : '');

/** Writable properties (what a framework may set). */
const settable = (el) => el.members.filter((m) => m.kind === 'field' && !m.readonly && !m.static);
/** Attributes that have no property of the same name (`stage-field`, `lost-values`…): set as attributes by both frameworks. */
const propType = (C, m) => (UNDECLARED.has(m) ? m.type.text : `${C}[${JSON.stringify(m.name)}]`);
const attributeOnly = (el) => el.attributes.filter((a) => !settable(el).some((m) => m.name === a.name));

function typeImports(elements) {
  const names = new Set(['KpiUpdateEvent']);
  for (const el of elements) {
    names.add(el.name);
    names.add(resultTypeOf(el));
    for (const e of el.events) for (const n of e.type.text.match(/\bKpi\w+Event\b/g) ?? []) names.add(n);
  }
  return [...names].sort();
}
const resultTypeOf = (el) => /^(\w+) \| undefined$/.exec(el.members.find((m) => m.name === 'result')?.type?.text ?? '')?.[1] ?? 'unknown';

export function reactTypes(elements) {
  let s = `/**
 * JSX typings for React 19 (generated by scripts/manifest.mjs from custom-elements.json).
 *
 *   import 'kpi-kit/define';       // defines the elements
 *   import type {} from 'kpi-kit/react';  // or list "kpi-kit/react" in tsconfig "types"
 *
 * React 19 sets a property when the element has one with the prop's name (\`targets\`,
 * \`lostValues\`, \`data\`), else an attribute (\`lost-values\`, \`stage-field\`). It adds a listener
 * for an \`on…\` prop whose value is a function, named by the text after \`on\` exactly as written:
 * \`onkpi-update\` listens to \`kpi-update\` (\`onKpiUpdate\` would listen to "KpiUpdate", which never fires).
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ${typeImports(elements).join(', ')} } from './types/index.js';

`;
  for (const el of elements) {
    const C = el.name;
    s += `/** Props of <${el.tagName}>: ${el.summary ?? ''} */\nexport interface ${C}Props extends DetailedHTMLProps<HTMLAttributes<${C}>, ${C}> {\n`;
    for (const m of settable(el)) s += doc(m.description) + `  ${propKey(m.name)}?: ${propType(C, m)};\n`;
    for (const a of attributeOnly(el)) s += doc(a.description) + `  ${propKey(a.name)}?: string${/number/.test(a.type?.text ?? '') ? ' | number' : ''};\n`;
    for (const e of el.events) s += doc(e.description) + `  ${propKey('on' + e.name)}?: (event: ${e.type.text}) => void;\n`;
    s += `}\n\n`;
  }
  s += `declare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n`;
  for (const el of elements) s += `      ${propKey(el.tagName)}: ${el.name}Props;\n`;
  s += `    }\n  }\n}\n`;
  return s;
}

export function vueTypes(elements) {
  let s = `/**
 * Vue 3 typings (generated by scripts/manifest.mjs from custom-elements.json): the elements as
 * GlobalComponents, so templates and \`h()\` check props and \`@kpi-update\` handlers.
 *
 *   import 'kpi-kit/define';
 *   import type {} from 'kpi-kit/vue';  // or list "kpi-kit/vue" in tsconfig "types"
 *
 * Vue sets a property when the element has one (\`:targets\`, \`:lost-values\` → lostValues), else
 * an attribute. \`@kpi-update\` in a template, or \`onKpiUpdate\` in \`h()\`, listens to \`kpi-update\`.
 * In a template compiled by Vue, tell it the tags are custom elements:
 * \`compilerOptions.isCustomElement: (tag) => tag.startsWith('kpi-')\`.
 */
import type { DefineComponent } from 'vue';
import type { ${typeImports(elements).join(', ')} } from './types/index.js';

`;
  for (const el of elements) {
    const C = el.name;
    s += `/** Props of <${el.tagName}>. */\nexport interface ${C}VueProps {\n`;
    for (const m of settable(el)) s += doc(m.description) + `  ${propKey(m.name)}?: ${propType(C, m)};\n`;
    for (const a of attributeOnly(el)) s += doc(a.description) + `  ${propKey(a.name)}?: string${/number/.test(a.type?.text ?? '') ? ' | number' : ''};\n`;
    for (const e of el.events) s += doc(e.description) + `  ${propKey('on' + camel('-' + e.name))}?: (event: ${e.type.text}) => void;\n`;
    s += `}\n\n`;
  }
  s += `declare module 'vue' {\n  interface GlobalComponents {\n`;
  for (const el of elements) s += `    ${propKey(el.tagName)}: DefineComponent<${el.name}VueProps>;\n`;
  s += `  }\n}\n\nexport {};\n`;
  return s;
}

const valuesOf = (a) => {
  const t = a.type?.text ?? '';
  return /^'[^']*'( \| '[^']*')*$/.test(t) ? t.split(' | ').map((v) => v.slice(1, -1)) : undefined;
};

export function vscodeData(elements) {
  return {
    $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elements.map((el) => ({
      name: el.tagName,
      description: [el.summary, el.description].filter(Boolean).join('\n\n'),
      attributes: el.attributes.map((a) => {
        const values = valuesOf(a);
        return {
          name: a.name,
          description: `${a.description ?? ''}${a.default !== undefined ? `\n\nDefault: \`${a.default}\`` : ''}`.trim(),
          ...(values ? { values: values.map((name) => ({ name })) } : {}),
        };
      }),
    })),
  };
}

export function webTypes(elements, pkg) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elements.map((el) => ({
          name: el.tagName,
          description: [el.summary, el.description].filter(Boolean).join('\n\n'),
          source: { module: `kpi-kit/${el.tagName}`, symbol: el.name },
          attributes: el.attributes.map((a) => {
            const values = valuesOf(a);
            return {
              name: a.name,
              description: a.description ?? '',
              ...(a.default !== undefined ? { default: a.default } : {}),
              value: values ? { type: a.type.text, kind: 'plain' } : { type: a.type?.text ?? 'string', kind: 'plain' },
              ...(values ? { values: values.map((name) => ({ name })) } : {}),
            };
          }),
          events: el.events.map((e) => ({ name: e.name, description: e.description, value: { type: e.type.text } })),
          js: {
            properties: el.members.filter((m) => m.kind === 'field').map((m) => ({
              name: m.name,
              description: m.description ?? '',
              ...(m.type?.text ? { type: m.type.text } : {}),
              ...(m.default !== undefined ? { default: m.default } : {}),
              ...(m.readonly ? { 'read-only': true } : {}),
            })),
            events: el.events.map((e) => ({ name: e.name, description: e.description, value: { type: e.type.text } })),
          },
          css: {
            parts: el.cssParts.map((p) => ({ name: p.name, description: p.description })),
            properties: el.cssProperties.map((p) => ({ name: p.name, description: `${p.description}${p.default ? ` Default: \`${p.default}\`.` : ''}` })),
          },
        })),
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = join(root, 'custom-elements.json');
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  if (!raw.modules.some((m) => m.path.startsWith('src/'))) throw new Error('custom-elements.json is already completed: run `cem analyze` first (npm run analyze)');
  const { manifest, elements } = await buildManifest(raw);
  writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
  const pkg = JSON.parse(read('package.json'));
  const dist = join(root, 'dist');
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'react.d.ts'), reactTypes(elements));
  writeFileSync(join(dist, 'react.js'), '// Types only: see react.d.ts (JSX typings for React 19).\nexport {};\n');
  writeFileSync(join(dist, 'vue.d.ts'), vueTypes(elements));
  writeFileSync(join(dist, 'vue.js'), '// Types only: see vue.d.ts (GlobalComponents typings for Vue 3).\nexport {};\n');
  writeFileSync(join(dist, 'vscode.html-custom-data.json'), JSON.stringify(vscodeData(elements), null, 2) + '\n');
  writeFileSync(join(dist, 'web-types.json'), JSON.stringify(webTypes(elements, pkg), null, 2) + '\n');
  const count = (k) => elements.map((e) => `${e.tagName} ${e[k].length}`).join(', ');
  console.log(`manifest: attributes ${count('attributes')}; parts ${count('cssParts')}; css properties ${count('cssProperties')}`);
  console.log(`wrote custom-elements.json, ${['react.d.ts', 'vue.d.ts', 'vscode.html-custom-data.json', 'web-types.json'].map((f) => rel(join(dist, f))).join(', ')}`);
}
