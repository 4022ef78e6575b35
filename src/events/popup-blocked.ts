export type LfPopupBlockedDetail = { readonly integrationKey: string };

/** The popup could not open; the flow falls back to a redirect. Bubbles and crosses shadow roots. */
export class LfPopupBlockedEvent extends Event {
  static readonly eventName = 'lf-popup-blocked';
  readonly detail: LfPopupBlockedDetail;

  constructor(detail: LfPopupBlockedDetail, init: { cancelable?: boolean } = {}) {
    super(LfPopupBlockedEvent.eventName, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-popup-blocked': LfPopupBlockedEvent;
  }
}
