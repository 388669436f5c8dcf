// What the element tests share.
import { aTimeout, oneEvent } from '@open-wc/testing';
import type { KpiErrorDetail } from '../../src/core/data/errors.ts';
import type { KpiElement } from '../../src/core/element/kpi-element.ts';

/** One animation frame. */
export const nextFrame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));

/**
 * Wait until an element has left its loading state (first letting a pending update start), then
 * for the frame after which the data table (deferred past first paint: core/ui/table-toggle.ts) is in.
 */
export async function ready<E extends KpiElement<unknown, unknown>>(el: E, tries = 600): Promise<E> {
  await el.updateComplete;
  for (let i = 0; i < tries && (el.state === 'loading' || el.state === 'idle'); i++) await aTimeout(25);
  await el.updateComplete;
  await nextFrame();
  await nextFrame();
  await el.updateComplete;
  return el;
}

/** The shadow root's text with white space folded, as a reader would see it. */
export const shadowText = (el: Element): string => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/**
 * Create `tag`, let `setup` configure it, attach it, and resolve with the first `kpi-error`
 * it fires (the listener is in place before anything can fail). The element stays attached.
 */
export async function errorFrom<E extends HTMLElement>(tag: string, setup: (el: E) => void): Promise<{ el: E; detail: KpiErrorDetail }> {
  const el = document.createElement(tag) as E;
  const event = oneEvent(el, 'kpi-error') as Promise<CustomEvent<KpiErrorDetail>>;
  setup(el);
  document.body.append(el);
  const { detail } = await event;
  return { el, detail };
}
