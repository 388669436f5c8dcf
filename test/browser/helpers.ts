// What the element tests share.
import { aTimeout } from '@open-wc/testing';
import type { KpiElement } from '../../src/elements/kpi-element.ts';

/** Wait until an element has left its loading state (first letting a pending update start). */
export async function ready<E extends KpiElement<unknown, unknown>>(el: E, tries = 600): Promise<E> {
  await el.updateComplete;
  for (let i = 0; i < tries && (el.state === 'loading' || el.state === 'idle'); i++) await aTimeout(25);
  await el.updateComplete;
  return el;
}

/** The shadow root's text with white space folded, as a reader would see it. */
export const shadowText = (el: Element): string => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
