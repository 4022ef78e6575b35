import { type Connection, type LinkError } from '../model/index.js';

export type LfDismissDetail = { readonly error?: LinkError; readonly connection?: Connection };

/**
 * The user dismissed an error panel. Cancelable: `preventDefault()` keeps the panel shown.
 * Bubbles and crosses shadow roots.
 */
export class LfDismissEvent extends Event {
  static readonly eventName = 'lf-dismiss';
  readonly detail: LfDismissDetail;

  constructor(detail: LfDismissDetail, init: { cancelable?: boolean } = {}) {
    super(LfDismissEvent.eventName, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-dismiss': LfDismissEvent;
  }
}
