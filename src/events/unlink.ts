import { type Connection } from '../model/index.js';
import { LfEvent } from './event.js';

export type LfUnlinkDetail = { readonly connection: Connection };

/** The user asked to unlink a connection (stop syncing, keep data). Bubbles and crosses shadow roots. */
export class LfUnlinkEvent extends LfEvent<LfUnlinkDetail> {
  static readonly eventName = 'lf-unlink';

  constructor(detail: LfUnlinkDetail, init?: { cancelable?: boolean }) {
    super(LfUnlinkEvent.eventName, detail, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-unlink': LfUnlinkEvent;
  }
}
