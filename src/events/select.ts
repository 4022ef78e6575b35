import { type Integration, type Connection } from '../model/index.js';
import { LfEvent } from './event.js';

export type LfSelectDetail = { readonly integration: Integration; readonly connection?: Connection };

/** A user chose an integration in the picker. Bubbles and crosses shadow roots. */
export class LfSelectEvent extends LfEvent<LfSelectDetail> {
  static readonly eventName = 'lf-select';

  constructor(detail: LfSelectDetail, init?: { cancelable?: boolean }) {
    super(LfSelectEvent.eventName, detail, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-select': LfSelectEvent;
  }
}
