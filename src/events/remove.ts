import { type Connection } from '../model/index.js';

export type LfRemoveDetail = { readonly connection: Connection };

/** The user confirmed removing a connection. Bubbles and crosses shadow roots. */
export class LfRemoveEvent extends Event {
  static readonly eventName = 'lf-remove';
  readonly detail: LfRemoveDetail;

  constructor(detail: LfRemoveDetail, init: { cancelable?: boolean } = {}) {
    super(LfRemoveEvent.eventName, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-remove': LfRemoveEvent;
  }
}
