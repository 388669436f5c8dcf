import type { Preview } from '@storybook/web-components-vite';
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

interface Member {
  kind?: string;
  name: string;
  description?: string;
  type?: { text?: string };
}

/** The element's public fields in the manifest, by name. */
function membersOf(tag: string): Map<string, Member> {
  const found = new Map<string, Member>();
  for (const mod of (manifest as { modules?: { declarations?: { tagName?: string; members?: Member[] }[] }[] }).modules ?? []) {
    for (const decl of mod.declarations ?? []) {
      if (decl.tagName !== tag) continue;
      for (const m of decl.members ?? []) if (m.kind === 'field') found.set(m.name, m);
    }
  }
  return found;
}

const COLOR = /^(#|light-dark\(|rgba?\(|hsla?\(|oklch\(|color-mix\(|var\(--kpi-(color|bullet|ltv-bar|tooltip))/;

/**
 * Controls for what a story's args really are (stories/render.ts): the element's attributes and
 * its CSS custom properties. The manifest types attributes as TypeScript text, which Storybook
 * would edit as JSON; here a union of strings becomes a select and anything else a text field
 * (an attribute is a string), so URL args such as `&args=scale:log` map too. Properties stay in
 * the table, without a control: they are the JS API (`data`, `config`, `result`…), not args.
 */
const attributeControls: ArgTypesEnhancer = ({ argTypes, component }) => {
  const out: Record<string, StrictInputType> = {};
  const members = membersOf(String(component ?? ''));
  for (const [name, argType] of Object.entries(argTypes)) {
    const category = argType.table?.category;
    const summary = String(argType.table?.type?.summary ?? '');
    let key = name;
    let extra: Partial<InputType> = {};
    // Storybook keys every row by its name, so a part or event named like a property (the
    // `state` part and the `state` property) replaced it: the property comes back under its
    // own key, the other row under a prefixed one that shows the same name.
    const shadowed = category !== 'properties' && category !== 'attributes' ? members.get(name) : undefined;
    if (shadowed) {
      out[name] = {
        name,
        description: shadowed.description ?? '',
        type: { name: 'other', value: shadowed.type?.text ?? '' },
        table: { category: 'properties', type: { summary: shadowed.type?.text ?? '' } },
        control: false,
      } as StrictInputType;
      key = `${category}:${name}`;
    }
    if (argType.control !== undefined) extra = {};
    else if (category === 'attributes') {
      const options = stringLiterals(summary);
      extra = options
        ? { type: { name: 'enum', value: options }, options, control: { type: 'select' } }
        : { type: { name: 'string' }, control: { type: 'text' } };
    } else if (category === 'properties') extra = { control: false };
    else if (category === 'css custom properties') {
      const fallback = String(argType.table?.defaultValue?.summary ?? '');
      extra = { type: { name: 'string' }, control: { type: COLOR.test(fallback) ? 'color' : 'text' } };
    } else extra = { control: false }; // parts, events, slots: documented, nothing to set
    out[key] = { ...argType, ...extra } as StrictInputType;
  }
  return out;
};

const preview: Preview = {
  tags: ['autodocs'],
  argTypesEnhancers: [attributeControls],
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
  },
};

export default preview;
