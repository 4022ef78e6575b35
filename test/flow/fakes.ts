// Fakes for the flow tests: a manual clock, a source with counters, a window, popups and a channel bus.
import type { StartLinkOptions, StartLinkResult } from '../../src/adapter/adapter.js';
import type {
  ChannelLike,
  FlowWindow,
  LinkFlowEvent,
  LinkFlowSnapshot,
  LinkFlowSource,
  PopupLike,
} from '../../src/flow/index.js';
import { LinkError, type Connection, type Integration, type LinkFlowStep } from '../../src/model/index.js';
import type { Clock } from '../../src/flow/index.js';

/**
 * One turn of the event loop by MessageChannel (which background tabs do not throttle, unlike
 * `setTimeout`): every pending promise callback has run when it resolves.
 */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Lets pending promise callbacks and fake channel messages run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await macrotask();
}

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  #now: number;
  #next = 1;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  constructor(start = Date.UTC(2026, 0, 15, 9, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Timers not yet run. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms` without running any timer (a machine waking from sleep). */
  skip(ms: number): void {
    this.#now += ms;
  }

  /** Moves time forward by `ms`, running each timer that falls due, with promise callbacks between. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await flush();
    for (;;) {
      let dueId: number | undefined;
      let dueAt = Infinity;
      for (const [id, timer] of this.#timers) {
        if (timer.at <= target && timer.at < dueAt) {
          dueAt = timer.at;
          dueId = id;
        }
      }
      if (dueId === undefined) break;
      const timer = this.#timers.get(dueId)!;
      this.#timers.delete(dueId);
      this.#now = Math.max(this.#now, timer.at);
      timer.callback();
      await flush();
    }
    this.#now = target;
    await flush();
  }
}

export const XERO: Integration = { key: 'xero', name: 'Xero', categories: ['accounting'], enabled: true, beta: false };
export const QBO: Integration = {
  key: 'quickbooks',
  name: 'QuickBooks Online',
  categories: ['accounting'],
  enabled: true,
  beta: false,
};

/** A connection of `status`. */
export function connection(id: string, status: Connection['status'] = 'linked'): Connection {
  return {
    id,
    integrationKey: 'xero',
    integrationName: 'Xero',
    status,
    health: status === 'linked' ? 'healthy' : 'unknown',
    paused: false,
    categories: ['accounting'],
    issues: [],
  };
}

/** A promise with its resolve and reject outside. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Rejects when `signal` aborts, as adapters do. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new LinkError('cancelled', 'The request was cancelled.', { retryable: false }));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject);
  });
}

/** The return URL a provider would send: `base` plus the fake source's `lf_*` parameters. */
export function returnHref(
  base: string,
  fields: { state?: string; outcome?: 'success' | 'cancelled' | 'failed'; id?: string; message?: string },
): string {
  const url = new URL(base);
  if (fields.state !== undefined) url.searchParams.set('lf_state', fields.state);
  url.searchParams.set('lf_outcome', fields.outcome ?? 'success');
  if (fields.id !== undefined) url.searchParams.set('lf_id', fields.id);
  if (fields.message !== undefined) url.searchParams.set('lf_message', fields.message);
  return url.href;
}

/** A source with counters. `getConnection` answers from `answers` in turn (the last one repeats). */
export class FakeSource implements LinkFlowSource {
  integrations: Integration[] = [XERO, QBO];
  listError: LinkError | undefined;
  answers: Array<Connection | LinkError> = [connection('conn-1', 'linked')];
  /** When set, `getConnection` waits for the test to settle it. */
  hold: ReturnType<typeof deferred<Connection>> | undefined;
  startLinkResult: StartLinkResult | ((options: StartLinkOptions) => StartLinkResult) = (options) => ({
    url: `https://provider.example/authorize?client=abc&state=${options.state}`,
  });
  startLinkError: LinkError | undefined;
  /** When set, `startLink` waits for the test to settle it. */
  startLinkHold: ReturnType<typeof deferred<StartLinkResult>> | undefined;

  readonly calls = { listIntegrations: 0, getConnection: 0, startLink: 0 };
  readonly startLinkOptions: StartLinkOptions[] = [];
  readonly getConnectionOptions: Array<{ id: string; signal?: AbortSignal; force?: boolean }> = [];
  /** Connections handed to `put` (only a `FakeStoreSource` has `put`). */
  readonly putCalls: Connection[] = [];
  inFlight = 0;
  maxInFlight = 0;
  #answer = 0;

  async listIntegrations(options?: { signal?: AbortSignal }): Promise<Integration[]> {
    this.calls.listIntegrations += 1;
    await null;
    if (options?.signal?.aborted) throw new LinkError('cancelled', 'cancelled');
    if (this.listError) throw this.listError;
    return this.integrations;
  }

  async getConnection(id: string, options: { signal?: AbortSignal; force?: boolean } = {}): Promise<Connection> {
    this.calls.getConnection += 1;
    this.getConnectionOptions.push({ id, ...options });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.hold) return await abortable(this.hold.promise, options.signal);
      await null;
      const answer = this.answers[Math.min(this.#answer, this.answers.length - 1)]!;
      this.#answer += 1;
      if (answer instanceof LinkError) throw answer;
      return { ...answer, id };
    } finally {
      this.inFlight -= 1;
    }
  }

  async startLink(integrationKey: string, options: StartLinkOptions): Promise<StartLinkResult> {
    this.calls.startLink += 1;
    this.startLinkOptions.push(options);
    if (this.startLinkHold) return abortable(this.startLinkHold.promise, options.signal);
    await null;
    if (this.startLinkError) throw this.startLinkError;
    void integrationKey;
    return typeof this.startLinkResult === 'function' ? this.startLinkResult(options) : this.startLinkResult;
  }

  readReturn(url: URL) {
    const outcome = url.searchParams.get('lf_outcome');
    if (outcome !== 'success' && outcome !== 'cancelled' && outcome !== 'failed') return null;
    const state = url.searchParams.get('lf_state');
    const id = url.searchParams.get('lf_id');
    const message = url.searchParams.get('lf_message');
    return {
      outcome,
      ...(state === null ? {} : { state }),
      ...(id === null ? {} : { connectionId: id }),
      ...(message === null ? {} : { message }),
    } as const;
  }
}

/** A source that also caches, as the ConnectionStore does. */
export class FakeStoreSource extends FakeSource {
  put(connection: Connection): void {
    this.putCalls.push(connection);
  }
}

/** An opened popup that records what it was asked to load. */
export class FakePopup implements PopupLike {
  closed = false;
  closeCalls = 0;
  readonly urls: string[] = [];
  readonly location: { replace(url: string): void } = { replace: (url: string) => void this.urls.push(url) };
  close(): void {
    this.closeCalls += 1;
    this.closed = true;
  }
  focus(): void {}
}

/** A BroadcastChannel stand-in: channels made from one bus hear each other (not themselves). */
export function channelBus() {
  const open = new Set<FakeChannel>();
  const sent: unknown[] = [];
  class FakeChannel implements ChannelLike {
    onmessage: ((event: MessageEvent) => void) | null = null;
    closed = false;
    constructor(readonly name: string) {
      open.add(this);
    }
    postMessage(message: unknown): void {
      sent.push(message);
      for (const other of open) {
        if (other === this || other.name !== this.name) continue;
        const data = structuredClone(message);
        void macrotask().then(() => other.onmessage?.(new MessageEvent('message', { data })));
      }
    }
    close(): void {
      this.closed = true;
      open.delete(this);
    }
  }
  return { Channel: FakeChannel, open, sent };
}

export interface FakeWindowInit {
  href?: string;
  /** What `open` answers: a popup (default), or null as when a blocker stops it. */
  popup?: 'open' | 'blocked';
  name?: string;
  opener?: unknown;
  storage?:
    Storage | { getItem(key: string): string | null; setItem(k: string, v: string): void; removeItem(k: string): void };
  /** The BroadcastChannel: a bus of fakes (a new one by default), none, or the browser's own. */
  channel?: ReturnType<typeof channelBus> | 'none' | 'browser';
  /** Called inside `open`, before it answers. */
  onOpen?: () => void;
  /** Makes the opened popup throw when asked to load an address. */
  popupRefusesAddress?: boolean;
}

/** A window-like for the flow, recording navigations, history changes, popups and listeners. */
export function fakeWindow(init: FakeWindowInit = {}) {
  let href = init.href ?? 'https://app.example/settings/integrations?tab=apps#top';
  const events = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
  const assigned: string[] = [];
  const replaced: string[] = [];
  const replacedData: unknown[] = [];
  const opened: Array<{ url: string; target: string; features: string }> = [];
  const popups: FakePopup[] = [];
  const listeners = { message: 0, visibilitychange: 0 };
  const bus = typeof init.channel === 'string' ? undefined : (init.channel ?? channelBus());
  const state = { closed: false, closeCalls: 0 };
  const win = {
    location: {
      get href() {
        return href;
      },
      get origin() {
        return new URL(href).origin;
      },
      assign(url: string) {
        assigned.push(url);
      },
    },
    history: {
      state: { app: 1 } as unknown,
      replaceState(data: unknown, _unused: string, url?: string | URL | null) {
        replacedData.push(data);
        if (url !== undefined && url !== null) href = new URL(String(url), href).href;
        replaced.push(href);
      },
    },
    document: {
      get visibilityState() {
        return doc.visibilityState;
      },
      addEventListener(type: 'visibilitychange', listener: () => void) {
        listeners.visibilitychange += 1;
        doc.addEventListener(type, listener);
      },
      removeEventListener(type: 'visibilitychange', listener: () => void) {
        listeners.visibilitychange -= 1;
        doc.removeEventListener(type, listener);
      },
    },
    name: init.name ?? '',
    opener: init.opener ?? null,
    close() {
      state.closed = true;
      state.closeCalls += 1;
    },
    open(url: string, target: string, features: string) {
      opened.push({ url, target, features });
      init.onOpen?.();
      if (init.popup === 'blocked') return null;
      const popup = new FakePopup();
      if (init.popupRefusesAddress) {
        popup.location.replace = () => {
          throw new DOMException('denied', 'SecurityError');
        };
      }
      popups.push(popup);
      return popup;
    },
    addEventListener(type: 'message', listener: (event: MessageEvent) => void) {
      listeners.message += 1;
      events.addEventListener(type, listener as EventListener);
    },
    removeEventListener(type: 'message', listener: (event: MessageEvent) => void) {
      listeners.message -= 1;
      events.removeEventListener(type, listener as EventListener);
    },
    ...(init.storage ? { sessionStorage: init.storage } : {}),
    ...(bus ? { BroadcastChannel: bus.Channel } : init.channel === 'browser' ? { BroadcastChannel } : {}),
  } satisfies FlowWindow;
  return {
    win: win as FlowWindow,
    assigned,
    replaced,
    replacedData,
    opened,
    popups,
    listeners,
    bus,
    state,
    get href() {
      return href;
    },
    set href(value: string) {
      href = value;
    },
    /** Hides or shows the page, firing `visibilitychange`. */
    setHidden(hidden: boolean) {
      doc.visibilityState = hidden ? 'hidden' : 'visible';
      doc.dispatchEvent(new Event('visibilitychange'));
    },
    /** Delivers a `message` event as if posted from `origin`. */
    post(data: unknown, origin: string) {
      events.dispatchEvent(new MessageEvent('message', { data, origin }));
    },
  };
}

/** Records every snapshot and event of a flow. */
export function recorder(flow: {
  subscribe(l: (s: LinkFlowSnapshot) => void): () => void;
  on(l: (e: LinkFlowEvent) => void): () => void;
}) {
  const snapshots: LinkFlowSnapshot[] = [];
  const events: LinkFlowEvent[] = [];
  flow.subscribe((snapshot) => snapshots.push(snapshot));
  flow.on((event) => events.push(event));
  return {
    snapshots,
    events,
    /** The steps, in order, from the state-change events. */
    get steps(): LinkFlowStep[] {
      return events.flatMap((event) => (event.type === 'state-change' ? [event.step] : []));
    },
    /** The event types other than state changes. */
    get types(): string[] {
      return events.filter((event) => event.type !== 'state-change').map((event) => event.type);
    },
  };
}
