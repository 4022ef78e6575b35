import { defineElement } from '../base/define-element.js';
import { LfProvider } from './provider.js';

defineElement('lf-provider', LfProvider);

declare global {
  interface HTMLElementTagNameMap {
    'lf-provider': LfProvider;
  }
}

export { LfProvider };
