import { LfEvent } from './event.js';
export type LfPopupBlockedDetail = { readonly integrationKey: string };

/** The popup could not open; the flow falls back to a redirect. Bubbles and crosses shadow roots. */
export class LfPopupBlockedEvent extends LfEvent<LfPopupBlockedDetail> {
  static readonly eventName = 'lf-popup-blocked';

  constructor(detail: LfPopupBlockedDetail, init?: { cancelable?: boolean }) {
    super(LfPopupBlockedEvent.eventName, detail, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-popup-blocked': LfPopupBlockedEvent;
  }
}
