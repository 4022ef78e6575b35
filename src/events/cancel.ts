export type LfCancelDetail = { readonly integrationKey?: string; readonly message?: string };

/** The user cancelled at the provider, closed the popup, or backed out. Bubbles and crosses shadow roots. */
export class LfCancelEvent extends Event {
  static readonly eventName = 'lf-cancel';
  readonly detail: LfCancelDetail;

  constructor(detail: LfCancelDetail, init: { cancelable?: boolean } = {}) {
    super(LfCancelEvent.eventName, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-cancel': LfCancelEvent;
  }
}
