import { type Connection } from '../model/index.js';

export type LfReconnectDetail = { readonly connection: Connection };

/** The user asked to re-authorize a connection. Bubbles and crosses shadow roots. */
export class LfReconnectEvent extends Event {
  static readonly eventName = 'lf-reconnect';
  readonly detail: LfReconnectDetail;

  constructor(detail: LfReconnectDetail, init: { cancelable?: boolean } = {}) {
    super(LfReconnectEvent.eventName, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-reconnect': LfReconnectEvent;
  }
}
