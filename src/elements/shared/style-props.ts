import { noChange } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';

/** CSS properties by their CSS names (`padding-block-start`, `--_lf-logo-color`); `undefined` removes one. */
export type StyleProps = Readonly<Record<string, string | undefined>>;

/**
 * Sets inline styles through the CSSOM (`element.style.setProperty`), never through a `style`
 * attribute, so a strict `style-src 'self'` Content Security Policy allows them from the first render
 * (a `style="..."` attribute binding is parsed as markup and refused). Goes in element position:
 * `<div ${styleProps({ 'block-size': '40px' })}>`.
 */
class StylePropsDirective extends Directive {
  /** The properties of the last update. */
  #last: StyleProps = {};

  render(_props: StyleProps): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [props]: [StyleProps]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    // Each property named now or last time: set to its value, or removed when it has none now.
    for (const name in { ...this.#last, ...props }) {
      const value = props[name];
      if (value === undefined) style.removeProperty(name);
      else style.setProperty(name, value);
    }
    this.#last = props;
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
