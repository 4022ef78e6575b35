import { LitElement, css } from 'lit';

/** Host styles every linkflow element shares. */
export const baseStyles = css`
  :host {
    box-sizing: border-box;
  }
  *,
  ::before,
  ::after {
    box-sizing: inherit;
  }
  :host([hidden]) {
    display: none !important;
  }
`;

/** The base of every linkflow element: shared host styles, nothing else. */
export class LfElement extends LitElement {
  static override styles = [baseStyles];
}
