import { type Connection } from '../model/index.js';

export type LfUnlinkDetail = { readonly connection: Connection };

/** The user asked to unlink a connection (stop syncing, keep data). Bubbles and crosses shadow roots. */
export class LfUnlinkEvent extends Event {
  static readonly eventName = 'lf-unlink';
  readonly detail: LfUnlinkDetail;

  constructor(detail: LfUnlinkDetail, init: { cancelable?: boolean } = {}) {
    super(LfUnlinkEvent.eventName, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-unlink': LfUnlinkEvent;
  }
}
