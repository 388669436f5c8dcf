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

const COLOR = /^(#|light-dark\(|rgba?\(|hsla?\(|oklch\(|color-mix\(|var\(--kpi-(color|bullet|ltv-bar|tooltip))/;

/**
 * Controls for what a story's args really are (stories/render.ts): the element's attributes and
 * its CSS custom properties. The manifest types attributes as TypeScript text, which Storybook
 * would edit as JSON; here a union of strings becomes a select and anything else a text field
 * (an attribute is a string), so URL args such as `&args=scale:log` map too. Properties stay in
 * the table, without a control: they are the JS API (`data`, `config`, `result`…), not args.
 */
const attributeControls: ArgTypesEnhancer = ({ argTypes }) => {
  const out: Record<string, StrictInputType> = {};
  for (const [name, argType] of Object.entries(argTypes)) {
    const category = argType.table?.category;
    const summary = String(argType.table?.type?.summary ?? '');
    let extra: Partial<InputType> = {};
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
    }
    out[name] = { ...argType, ...extra } as StrictInputType;
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
