import { defineElement } from '../base/define-element.js';
import { LfErrorPanel } from './error-panel.js';

defineElement('lf-error-panel', LfErrorPanel);

declare global {
  interface HTMLElementTagNameMap {
    'lf-error-panel': LfErrorPanel;
  }
}

export { LfErrorPanel };
