import { type LinkFlowStep } from '../model/index.js';

export type LfStateChangeDetail = { readonly step: LinkFlowStep; readonly previous: LinkFlowStep };

/** The flow moved from one step to another. Bubbles and crosses shadow roots. */
export class LfStateChangeEvent extends Event {
  static readonly eventName = 'lf-state-change';
  readonly detail: LfStateChangeDetail;

  constructor(detail: LfStateChangeDetail, init: { cancelable?: boolean } = {}) {
    super(LfStateChangeEvent.eventName, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-state-change': LfStateChangeEvent;
  }
}
