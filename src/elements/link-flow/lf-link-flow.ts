import { defineElement } from '../base/define-element.js';
import { LfLinkFlow } from './link-flow.js';

export { LfLinkFlow };

defineElement('lf-link-flow', LfLinkFlow);

declare global {
  interface HTMLElementTagNameMap {
    'lf-link-flow': LfLinkFlow;
  }
}
