/**
 * The one way every story builds its widget, so that the Controls panel drives it.
 *
 * A story's `args` are the element's ATTRIBUTES, keyed exactly as custom-elements.json lists
 * them (`scale`, `group-by`, `stage-field`…), plus its CSS custom properties (`--kpi-color-accent`).
 * Storybook re-runs the render on every control change; each run builds a fresh element, so an
 * attribute cleared in the panel is really gone. Inputs with no attribute (`data`, `config`,
 * a `targets` object, a never-settling promise, inline `<script>` children) come from the story
 * itself. Event args (`onKpiUpdate`, added by Storybook from the manifest's events) are wired
 * as listeners, so the Actions panel logs `kpi-update`, `kpi-error`….
 */
import type { Args, StoryContext } from '@storybook/web-components-vite';

/** Properties set on the element as they are (no attribute form): data, config, fields… */
export type Props = Record<string, unknown>;

/** `onKpiUpdate` → `kpi-update` (the manifest's event name, when the argType carries it). */
function eventName(key: string, context?: Pick<StoryContext, 'argTypes'>): string {
  const action = context?.argTypes?.[key]?.action as unknown;
  if (action && typeof action === 'object' && typeof (action as { name?: unknown }).name === 'string') return (action as { name: string }).name;
  return key.replace(/^on/, '').replace(/[A-Z]/g, (c, i: number) => (i === 0 ? '' : '-') + c.toLowerCase());
}

/**
 * `<tag>` with every non-empty arg set: attributes with setAttribute, `--kpi-…` args as inline
 * custom properties, `on…` function args as event listeners; then `props` as properties and
 * `children` appended (inline data or configuration scripts).
 */
export function widget(tag: string, args: Args, context?: Pick<StoryContext, 'argTypes'>, props: Props = {}, children: Node[] = []): HTMLElement {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(args)) {
    if (typeof value === 'function') {
      if (/^on[A-Z]/.test(key)) el.addEventListener(eventName(key, context), value as EventListener);
      continue;
    }
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (key.startsWith('--')) el.style.setProperty(key, String(value));
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  Object.assign(el, props);
  el.append(...children);
  return el;
}

/** An inline data or configuration child, as a CMS editor pastes it. */
export function inlineScript(type: 'text/csv' | 'application/json', text: string, config = false): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = type;
  if (config) script.dataset.config = '';
  script.textContent = text;
  return script;
}

/** A never-settling promise of rows: the widget shows its loading state for as long as the story is open. */
export const pending = (): Promise<never> => new Promise<never>(() => {});
