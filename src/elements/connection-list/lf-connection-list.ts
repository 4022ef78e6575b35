import { defineElement } from '../base/define-element.js';
import '../status-indicator/lf-status-indicator.js';
import { LfConnectionList } from './connection-list.js';

defineElement('lf-connection-list', LfConnectionList);

declare global {
  interface HTMLElementTagNameMap {
    'lf-connection-list': LfConnectionList;
  }
}

export { LfConnectionList };
