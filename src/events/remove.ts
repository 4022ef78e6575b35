import { type Connection } from '../model/index.js';
import { LfEvent } from './event.js';

export type LfRemoveDetail = { readonly connection: Connection };

/** The user confirmed removing a connection. Bubbles and crosses shadow roots. */
export class LfRemoveEvent extends LfEvent<LfRemoveDetail> {
  static readonly eventName = 'lf-remove';

  constructor(detail: LfRemoveDetail, init?: { cancelable?: boolean }) {
    super(LfRemoveEvent.eventName, detail, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-remove': LfRemoveEvent;
  }
}
