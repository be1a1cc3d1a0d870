import { noChange } from 'lit';
import { Directive, PartType, directive } from 'lit/directive.js';
import type { ElementPart, PartInfo } from 'lit/directive.js';

/**
 * Sets one CSS custom property on the element through the CSSOM (`style.setProperty`), never as a
 * `style` attribute: a page with a strict Content-Security-Policy (no `'unsafe-inline'` for
 * styles, like the provider's own pages) blocks style attributes, and Lit's `styleMap` writes one
 * on its first render. `null` removes the property.
 */
class CssPropertyDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProperty goes on an element');
  }

  render(_name: string, _value: string | null): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [name, value]: [string, string | null]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    if (value === null) style.removeProperty(name);
    else style.setProperty(name, value);
    return noChange;
  }
}

export const cssProperty = directive(CssPropertyDirective);
