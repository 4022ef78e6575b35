import { defineElement } from '../base/define-element.js';
// The elements it is composed of.
import '../connection-picker/lf-connection-picker.js';
import '../error-panel/lf-error-panel.js';
import '../status-indicator/lf-status-indicator.js';
import { LfLinkFlow } from './link-flow.js';

export { LfLinkFlow };

defineElement('lf-link-flow', LfLinkFlow);

declare global {
  interface HTMLElementTagNameMap {
    'lf-link-flow': LfLinkFlow;
  }
}
