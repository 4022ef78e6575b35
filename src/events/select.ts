import { type Integration, type Connection } from '../model/index.js';

export type LfSelectDetail = { readonly integration: Integration; readonly connection?: Connection };

/** A user chose an integration in the picker. Bubbles and crosses shadow roots. */
export class LfSelectEvent extends Event {
  static readonly eventName = 'lf-select';
  readonly detail: LfSelectDetail;

  constructor(detail: LfSelectDetail, init: { cancelable?: boolean } = {}) {
    super(LfSelectEvent.eventName, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lf-select': LfSelectEvent;
  }
}
