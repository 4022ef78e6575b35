import { type WindowMode } from '../model/index.js';
import { LfEvent } from './event.js';

export type LfLinkStartDetail = {
  readonly integrationKey: string;
  readonly connectionId?: string;
  readonly mode: WindowMode;
};

/** The flow is about to send the user to the provider. Bubbles and crosses shadow roots. */
export class LfLinkStartEvent extends LfEvent<LfLinkStartDetail> {
  static readonly eventName = 'lf-link-start';

  constructor(detail: LfLinkStartDetail, init?: { cancelable?: boolean }) {
    super(LfLinkStartEvent.eventName, detail, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-link-start': LfLinkStartEvent;
  }
}
