import { LfEvent } from './event.js';
export type LfCancelDetail = { readonly integrationKey?: string; readonly message?: string };

/** The user cancelled at the provider, closed the popup, or backed out. Bubbles and crosses shadow roots. */
export class LfCancelEvent extends LfEvent<LfCancelDetail> {
  static readonly eventName = 'lf-cancel';

  constructor(detail: LfCancelDetail, init?: { cancelable?: boolean }) {
    super(LfCancelEvent.eventName, detail, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-cancel': LfCancelEvent;
  }
}
