import type { Decorator, Preview } from '@storybook/web-components-vite';
import type { ArgTypesEnhancer, InputType, StrictInputType } from 'storybook/internal/types';
import { setCustomElementsManifest } from '@storybook/web-components';
import manifest from '../custom-elements.json';
import '../src/define.ts';

// Autodocs read attributes, public properties, typed events, parts and CSS properties from the
// manifest (`npm run analyze`: `cem analyze`, completed by scripts/manifest.mjs from the specs).
setCustomElementsManifest(manifest);

/** `'auto' | 'linear' | 'log'` → ['auto', 'linear', 'log']; undefined for any other type. */
function stringLiterals(type: string): string[] | undefined {
  const parts = type.split('|').map((p) => p.trim());
  if (parts.length < 2 || !parts.every((p) => /^'[^']*'$/.test(p))) return undefined;
  return parts.map((p) => p.slice(1, -1));
}

interface Item {
  kind?: string;
  name: string;
  description?: string;
  type?: { text?: string };
  default?: string;
}

/** The element's attributes and public fields in the manifest, by name. */
function apiOf(tag: string): { attributes: Map<string, Item>; fields: Map<string, Item> } {
  const attributes = new Map<string, Item>();
  const fields = new Map<string, Item>();
  for (const mod of (manifest as { modules?: { declarations?: { tagName?: string; attributes?: Item[]; members?: Item[] }[] }[] }).modules ?? []) {
    for (const decl of mod.declarations ?? []) {
      if (decl.tagName !== tag) continue;
      for (const a of decl.attributes ?? []) attributes.set(a.name, a);
      for (const m of decl.members ?? []) if (m.kind === 'field') fields.set(m.name, m);
    }
  }
  return { attributes, fields };
}

/** An attribute or property row, as the web-components renderer builds one from the manifest. */
function apiRow(item: Item, category: 'attributes' | 'properties'): InputType {
  const text = item.type?.text ?? '';
  return {
    name: item.name,
    description: item.description ?? '',
    type: { name: 'other', value: text },
    table: { category, type: { summary: text }, ...(item.default !== undefined ? { defaultValue: { summary: item.default } } : {}) },
  };
}

const COLOR = /^(#|light-dark\(|rgba?\(|hsla?\(|oklch\(|color-mix\(|var\(--kpi-(color|bullet|ltv-bar|tooltip))/;

/** A row's control: what a story's args can set (attributes, custom properties) and nothing else. */
function withControl(argType: InputType): InputType {
  if (argType.control !== undefined) return argType;
  const category = argType.table?.category;
  if (category === 'attributes') {
    const options = stringLiterals(String(argType.table?.type?.summary ?? ''));
    return options
      ? { ...argType, type: { name: 'enum', value: options }, options, control: { type: 'select' } }
      : { ...argType, type: { name: 'string' }, control: { type: 'text' } };
  }
  if (category === 'css custom properties') {
    const fallback = String(argType.table?.defaultValue?.summary ?? '');
    return { ...argType, type: { name: 'string' }, control: { type: COLOR.test(fallback) ? 'color' : 'text' } };
  }
  // Properties are the JS API (`data`, `config`, `result`…), set by the story, not args; parts,
  // events and slots have nothing to set.
  return { ...argType, control: false };
}

/**
 * Controls for what a story's args really are (stories/render.ts): the element's attributes and
 * its CSS custom properties. The manifest types attributes as TypeScript text, which Storybook
 * would edit as JSON; here a union of strings becomes a select and anything else a text field
 * (an attribute is a string), so URL args such as `&args=scale:log` map too.
 *
 * Storybook keys every row by its name, so a part or event named like an attribute or property
 * (kpi-ltv's `method` part and `method` attribute, the `state` part and the `state` property)
 * replaced it: the attribute or property comes back under its own key, the other row under a
 * prefixed key (it still shows its own name).
 */
const attributeControls: ArgTypesEnhancer = ({ argTypes, component }) => {
  const api = apiOf(String(component ?? ''));
  const rows: Record<string, InputType> = {};
  const moved: Record<string, InputType> = {};
  for (const [name, argType] of Object.entries(argTypes)) {
    const category = argType.table?.category;
    const attribute = api.attributes.get(name);
    const field = api.fields.get(name);
    if (category !== 'attributes' && category !== 'properties' && (attribute || field)) {
      rows[name] = attribute ? apiRow(attribute, 'attributes') : apiRow(field!, 'properties');
      moved[`${category}:${name}`] = argType;
    } else rows[name] = argType;
  }
  const out: Record<string, StrictInputType> = {};
  for (const [key, argType] of Object.entries({ ...rows, ...moved })) out[key] = withControl(argType) as StrictInputType;
  return out;
};

/**
 * Language and theme from the toolbar (or `&globals=locale:es;theme:dark` in a story URL): the
 * page's `lang`, which every widget reads from its nearest ancestor, and `--kpi-color-scheme`,
 * which pins the widgets' palette (by default they follow prefers-color-scheme). The canvas
 * takes the same scheme, so a dark widget is judged on a dark page.
 */
const pageLocale: Decorator = (story, context) => {
  const locale = context.globals.locale === 'es' ? 'es' : 'en';
  const theme = context.globals.theme === 'dark' || context.globals.theme === 'light' ? context.globals.theme : '';
  const root = document.documentElement;
  root.lang = locale;
  if (theme) root.style.setProperty('--kpi-color-scheme', theme);
  else root.style.removeProperty('--kpi-color-scheme');
  root.style.colorScheme = theme || 'light dark';
  document.body.style.background = 'Canvas';
  document.body.style.color = 'CanvasText';
  return story();
};

const preview: Preview = {
  tags: ['autodocs'],
  argTypesEnhancers: [attributeControls],
  decorators: [pageLocale],
  globalTypes: {
    locale: {
      description: 'Language of the widgets',
      toolbar: { title: 'Language', icon: 'globe', items: [{ value: 'en', title: 'English' }, { value: 'es', title: 'Español' }], dynamicTitle: true },
    },
    theme: {
      description: 'Colour scheme (auto follows the system)',
      toolbar: { title: 'Theme', icon: 'mirror', items: [{ value: 'auto', title: 'Auto' }, { value: 'light', title: 'Light' }, { value: 'dark', title: 'Dark' }], dynamicTitle: true },
    },
  },
  initialGlobals: { locale: 'en', theme: 'auto' },
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
  },
};

export default preview;
