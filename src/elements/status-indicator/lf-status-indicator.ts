import { defineElement } from '../base/define-element.js';
import { LfStatusIndicator } from './status-indicator.js';

defineElement('lf-status-indicator', LfStatusIndicator);

declare global {
  interface HTMLElementTagNameMap {
    'lf-status-indicator': LfStatusIndicator;
  }
}

export { LfStatusIndicator };
