// What the example records for its browser test: calls per adapter method, every lf-* event the page
// dispatched (counted at the document) and every one a Vue listener received, and mounts of <App>.
// It lives on `window.lfExample`; the log of the page before a navigation is kept in sessionStorage
// and found on the next page as `window.lfExample.previous`.
import type { ConnectionAdapter } from 'linkflow';

/** One lf-* event as a listener received it. */
export interface LoggedEvent {
  /** The event's name, e.g. `lf-select`. */
  readonly type: string;
  /** The tag of the element whose listener received it. */
  readonly tag: string;
  /** The event's detail, as received. */
  readonly detail: unknown;
}

/** Everything the example records. */
export interface ExampleLog {
  /** Calls per adapter method. */
  readonly calls: Record<string, number>;
  /** lf-* events dispatched on the page, per `type@tag` (the tag the event is retargeted to at the document). */
  readonly dispatched: Record<string, number>;
  /** lf-* events received by listeners, in order. */
  readonly events: LoggedEvent[];
  /** How often <App>'s mount effect ran, and its cleanup. */
  mounts: number;
  unmounts: number;
  /** The distinct LinkFlow state machines seen behind lf-state-change events. */
  readonly flows: unknown[];
  /** The log of the previous page in this tab, when there was one. */
  readonly previous?: unknown;
  /** Objects the app hands to elements, for identity checks. */
  readonly shared: Record<string, unknown>;
}

declare global {
  interface Window {
    /** The example's record, read by its browser test. */
    lfExample: ExampleLog;
  }
}

const EVENTS = [
  'lf-select',
  'lf-link-start',
  'lf-linked',
  'lf-error',
  'lf-cancel',
  'lf-state-change',
  'lf-popup-blocked',
  'lf-retry',
  'lf-reconnect',
  'lf-unlink',
  'lf-remove',
  'lf-dismiss',
];
const KEY = 'lf-example.log';

const previous = sessionStorage.getItem(KEY);
sessionStorage.removeItem(KEY);

export const log: ExampleLog = {
  calls: {},
  dispatched: {},
  events: [],
  mounts: 0,
  unmounts: 0,
  flows: [],
  shared: {},
  ...(previous ? { previous: JSON.parse(previous) } : {}),
};
window.lfExample = log;

for (const type of EVENTS) {
  document.addEventListener(
    type,
    (event) => {
      const key = `${type}@${(event.target as Element).localName}`;
      log.dispatched[key] = (log.dispatched[key] ?? 0) + 1;
    },
    { capture: true },
  );
}

// Keep this page's log for the page the tab goes to next (the consent page, then the app again).
addEventListener('pagehide', () => {
  const { calls, dispatched, events, mounts, unmounts, flows } = log;
  sessionStorage.setItem(KEY, JSON.stringify({ calls, dispatched, events, mounts, unmounts, flows: flows.length }));
});

/** Records an event a listener received. */
export function record(event: Event & { readonly detail?: unknown }): void {
  log.events.push({ type: event.type, tag: (event.currentTarget as Element).localName, detail: event.detail });
}

/** The adapter with every call counted in `log.calls`. */
export function counted<A extends ConnectionAdapter>(adapter: A): A {
  const entries = Object.entries(adapter).map(([name, value]: [string, unknown]) => {
    if (typeof value !== 'function') return [name, value];
    const count = (...args: unknown[]): unknown => {
      log.calls[name] = (log.calls[name] ?? 0) + 1;
      return value.apply(adapter, args);
    };
    return [name, count];
  });
  return Object.fromEntries(entries) as A;
}
