/**
 * Sets CSS custom properties through the CSSOM (`style.setProperty`), never through a
 * `style="…"` string: lit's styleMap writes the attribute on first render, which a strict
 * `style-src` Content-Security-Policy refuses.
 *
 *   html`<div ${cssVars({ '--x': '12px' })}></div>`
 */
import { noChange, nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssVarsDirective extends Directive {
  private previous = new Set<string>();
  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('cssVars() goes on an element: <div ${cssVars({...})}>');
  }
  render(_vars: Readonly<Record<string, string>>) {
    return nothing;
  }
  override update(part: ElementPart, [vars]: [Readonly<Record<string, string>>]) {
    const style = (part.element as HTMLElement | SVGElement).style;
    for (const name of this.previous) if (!(name in vars)) style.removeProperty(name);
    for (const [name, value] of Object.entries(vars)) style.setProperty(name, value);
    this.previous = new Set(Object.keys(vars));
    return noChange;
  }
}

export const cssVars = directive(CssVarsDirective);
