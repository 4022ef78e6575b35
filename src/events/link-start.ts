import { type WindowMode } from '../model/index.js';

export type LfLinkStartDetail = {
  readonly integrationKey: string;
  readonly connectionId?: string;
  readonly mode: WindowMode;
};

/** The flow is about to send the user to the provider. Bubbles and crosses shadow roots. */
export class LfLinkStartEvent extends Event {
  static readonly eventName = 'lf-link-start';
  readonly detail: LfLinkStartDetail;

  constructor(detail: LfLinkStartDetail, init: { cancelable?: boolean } = {}) {
    super(LfLinkStartEvent.eventName, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-link-start': LfLinkStartEvent;
  }
}
