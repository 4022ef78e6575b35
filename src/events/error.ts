import { type LinkError } from '../model/index.js';
import { LfEvent } from './event.js';

export type LfErrorDetail = { readonly error: LinkError };

/** Something failed; `error.code` says what. Bubbles and crosses shadow roots. */
export class LfErrorEvent extends LfEvent<LfErrorDetail> {
  static readonly eventName = 'lf-error';

  constructor(detail: LfErrorDetail, init?: { cancelable?: boolean }) {
    super(LfErrorEvent.eventName, detail, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-error': LfErrorEvent;
  }
}
