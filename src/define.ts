/**
 * The one module with side effects: it registers the elements. Importing a class from
 * `kpi-kit` defines nothing; importing `kpi-kit/kpi-kit.js` (or this module) defines all.
 * A second copy of the kit on the same page is tolerated: names already taken are skipped.
 */
import { KpiFunnel } from './elements/kpi-funnel.ts';

const elements: [string, CustomElementConstructor][] = [['kpi-funnel', KpiFunnel]];

for (const [name, ctor] of elements) {
  if (!customElements.get(name)) customElements.define(name, ctor);
}

declare global {
  interface HTMLElementTagNameMap {
    'kpi-funnel': KpiFunnel;
  }
}
