import { type Connection, type LinkError } from '../model/index.js';
import { LfEvent } from './event.js';

export type LfDismissDetail = { readonly error?: LinkError; readonly connection?: Connection };

/**
 * The user dismissed an error panel. Cancelable: `preventDefault()` keeps the panel shown.
 * Bubbles and crosses shadow roots.
 */
export class LfDismissEvent extends LfEvent<LfDismissDetail> {
  static readonly eventName = 'lf-dismiss';

  constructor(detail: LfDismissDetail, init?: { cancelable?: boolean }) {
    super(LfDismissEvent.eventName, detail, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-dismiss': LfDismissEvent;
  }
}
