import { type LinkError } from '../model/index.js';

export type LfRetryDetail = { readonly error?: LinkError };

/** The user asked to try again after an error. Bubbles and crosses shadow roots. */
export class LfRetryEvent extends Event {
  static readonly eventName = 'lf-retry';
  readonly detail: LfRetryDetail;

  constructor(detail: LfRetryDetail, init: { cancelable?: boolean } = {}) {
    super(LfRetryEvent.eventName, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-retry': LfRetryEvent;
  }
}
