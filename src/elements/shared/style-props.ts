import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

/** CSS properties by their CSS names (`padding-block-start`, `--_lf-logo-color`); `undefined` removes one. */
export type StyleProps = Readonly<Record<string, string | undefined>>;

/**
 * Sets inline styles through the CSSOM (`element.style.setProperty`), never through a `style`
 * attribute, so a strict `style-src 'self'` Content Security Policy allows them from the first render
 * (a `style="..."` attribute binding is parsed as markup and refused). Goes in element position:
 * `<div ${styleProps({ 'block-size': '40px' })}>`.
 */
class StylePropsDirective extends Directive {
  #set = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('styleProps goes on an element: <div ${styleProps(...)}>');
  }

  render(_props: StyleProps): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [props]: [StyleProps]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    const next = new Set<string>();
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      next.add(name);
    }
    for (const name of this.#set) if (!next.has(name)) style.removeProperty(name);
    this.#set = next;
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
