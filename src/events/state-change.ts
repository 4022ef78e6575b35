import { type LinkFlowStep } from '../model/index.js';
import { LfEvent } from './event.js';

export type LfStateChangeDetail = { readonly step: LinkFlowStep; readonly previous: LinkFlowStep };

/** The flow moved from one step to another. Bubbles and crosses shadow roots. */
export class LfStateChangeEvent extends LfEvent<LfStateChangeDetail> {
  static readonly eventName = 'lf-state-change';

  constructor(detail: LfStateChangeDetail, init?: { cancelable?: boolean }) {
    super(LfStateChangeEvent.eventName, detail, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-state-change': LfStateChangeEvent;
  }
}
