import { defineElement } from '../base/define-element.js';
import { LfConnectionPicker } from './connection-picker.js';

defineElement('lf-connection-picker', LfConnectionPicker);

declare global {
  interface HTMLElementTagNameMap {
    'lf-connection-picker': LfConnectionPicker;
  }
}

export { LfConnectionPicker };
