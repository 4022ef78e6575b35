import { type LinkError } from '../model/index.js';
import { LfEvent } from './event.js';

export type LfRetryDetail = { readonly error?: LinkError };

/** The user asked to try again after an error. Bubbles and crosses shadow roots. */
export class LfRetryEvent extends LfEvent<LfRetryDetail> {
  static readonly eventName = 'lf-retry';

  constructor(detail: LfRetryDetail, init?: { cancelable?: boolean }) {
    super(LfRetryEvent.eventName, detail, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-retry': LfRetryEvent;
  }
}
