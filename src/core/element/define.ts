/** Registers an element once: a second copy of the kit on the same page is skipped, not an error. */
export function defineOnce(name: string, ctor: CustomElementConstructor): void {
  if (typeof customElements !== 'undefined' && !customElements.get(name)) customElements.define(name, ctor);
}
