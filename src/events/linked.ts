import { type Connection } from '../model/index.js';
import { LfEvent } from './event.js';

export type LfLinkedDetail = { readonly connection: Connection };

/** The connection is verified as linked. Bubbles and crosses shadow roots. */
export class LfLinkedEvent extends LfEvent<LfLinkedDetail> {
  static readonly eventName = 'lf-linked';

  constructor(detail: LfLinkedDetail, init?: { cancelable?: boolean }) {
    super(LfLinkedEvent.eventName, detail, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-linked': LfLinkedEvent;
  }
}
