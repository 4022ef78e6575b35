import { type Connection } from '../model/index.js';

export type LfLinkedDetail = { readonly connection: Connection };

/** The connection is verified as linked. Bubbles and crosses shadow roots. */
export class LfLinkedEvent extends Event {
  static readonly eventName = 'lf-linked';
  readonly detail: LfLinkedDetail;

  constructor(detail: LfLinkedDetail, init: { cancelable?: boolean } = {}) {
    super(LfLinkedEvent.eventName, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-linked': LfLinkedEvent;
  }
}
