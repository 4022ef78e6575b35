import { type LinkError } from '../model/index.js';

export type LfErrorDetail = { readonly error: LinkError };

/** Something failed; `error.code` says what. Bubbles and crosses shadow roots. */
export class LfErrorEvent extends Event {
  static readonly eventName = 'lf-error';
  readonly detail: LfErrorDetail;

  constructor(detail: LfErrorDetail, init: { cancelable?: boolean } = {}) {
    super(LfErrorEvent.eventName, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-error': LfErrorEvent;
  }
}
