import { type Connection } from '../model/index.js';
import { LfEvent } from './event.js';

export type LfReconnectDetail = { readonly connection: Connection };

/** The user asked to re-authorize a connection. Bubbles and crosses shadow roots. */
export class LfReconnectEvent extends LfEvent<LfReconnectDetail> {
  static readonly eventName = 'lf-reconnect';

  constructor(detail: LfReconnectDetail, init?: { cancelable?: boolean }) {
    super(LfReconnectEvent.eventName, detail, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-reconnect': LfReconnectEvent;
  }
}
