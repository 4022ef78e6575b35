/**
 * The base of every linkflow event: it bubbles, crosses shadow roots and carries a typed `detail`.
 * Each event is its own subclass, so hosts can test `instanceof` and TypeScript knows its `detail`.
 */
export class LfEvent<Detail> extends Event {
  readonly detail: Detail;

  constructor(type: string, detail: Detail, init?: { cancelable?: boolean }) {
    super(type, { ...init, bubbles: true, composed: true });
    this.detail = detail;
  }
}
