import { toLinkError, type Connection, type Integration, type LinkError } from '../model/index.js';
import type { CallOptions, ConnectionAdapter } from './adapter.js';

/*
 * The store in two layers, so that a page with only the picker does not load what it never runs:
 *
 * - this file, the lists core: the two lists (slots, requests, subscribers, freshness, refresh) and a
 *   registry of one core per adapter. `listStoreFor(adapter)` gives its `ListStore`.
 * - `store.ts`, the per-connection part: per-id slots, reads served from the list, changes. It hooks
 *   into a core through `StoreCore` (the slots' `start`, `listed`, `land` and `waits`) and adds its
 *   members to the core's store object in place, so that `storeFor(adapter)` on an adapter whose lists
 *   store is already held (a picker came first) upgrades that very object: every holder keeps one
 *   cache, one set of requests and the same snapshots.
 */

/** A list or a value the store holds, as subscribers see it. */
export interface StoreSnapshot<T> {
  /** The latest value, if one was ever loaded. */
  readonly value?: T;
  /** The last error, cleared by the next success. */
  readonly error?: LinkError;
  /** A request is in flight. */
  readonly loading: boolean;
  /** When `value` was loaded (ms since epoch), 0 if never. */
  readonly loadedAt: number;
}

export type Unsubscribe = () => void;

export interface StoreOptions {
  /** How long an answer is served from cache before a read goes back to the adapter. Default 30 s. */
  readonly freshFor?: number;
  /** The clock freshness is measured with (ms since epoch). Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * The part of the `ConnectionStore` that serves the two lists: what an element that shows only lists
 * (the picker) needs. For one adapter it is the same object `storeFor` gives, once anything asked for that.
 */
export interface ListStore {
  readonly adapter: ConnectionAdapter;

  /** Reads through the cache (a fresh cached answer is returned without a request). `force` skips the cache. */
  listIntegrations(options?: CallOptions & { force?: boolean }): Promise<Integration[]>;
  listConnections(options?: CallOptions & { force?: boolean }): Promise<Connection[]>;

  /** Current snapshots, without any request. */
  integrations(): StoreSnapshot<Integration[]>;
  connections(): StoreSnapshot<Connection[]>;

  /**
   * Subscribes to a list. The listener is called at once with the current snapshot, then on every
   * change of it (loading, value, error). Subscribing loads the data if it is missing or stale.
   * Snapshots and their values are shared: treat them as read-only.
   */
  subscribeIntegrations(listener: (snapshot: StoreSnapshot<Integration[]>) => void): Unsubscribe;
  subscribeConnections(listener: (snapshot: StoreSnapshot<Connection[]>) => void): Unsubscribe;

  /** Marks cached answers stale and reloads those that have subscribers (one request each). */
  refresh(what?: 'integrations' | 'connections'): Promise<void>;
}

export type Listener<T> = (snapshot: StoreSnapshot<T>) => void;

/** What a read takes: the call's options, and `force` to skip the cache. */
export type ReadOptions = CallOptions & { force?: boolean };

/** One request (or wait) in flight for a slot. */
export interface Load<T> {
  promise: Promise<T>;
  /** Gives the load up once nobody wants it: aborts its request, leaves the list's, or leaves the queue. */
  stop(): void;
  /** Invalidated while in flight: its answer is kept but counts as stale. */
  invalidated?: boolean;
  // What the per-connection part (store.ts) keeps on a load:
  /** A per-id read waiting for the list request. */
  via?: boolean;
  /** Settles a per-id read queued for the microtask that decides between the list and `getConnection`. */
  settle?(value: T | Promise<T>): void;
  /** A newer value (or a removal) was put while in flight: its answer is not stored. */
  superseded?: boolean;
  /** Connections put (or removed: null) while a list request was in flight, replayed over its answer. */
  overlay?: Map<string, Connection | null>;
}

/** What the store keeps per list and per connection id. */
export interface Slot<T> {
  /** The connection's id; undefined for the two lists. */
  readonly id?: string;
  /** The adapter call that loads the slot. */
  readonly get: (options: CallOptions) => Promise<T>;
  snap: StoreSnapshot<T>;
  readonly listeners: Set<Listener<T>>;
  /** Direct callers waiting for this slot's load. */
  callers: number;
  /** Marked stale by an invalidation: the next read goes back to the adapter. */
  stale?: boolean;
  load?: Load<T>;
  // Hooks of the per-connection part; without them a slot is a list, loaded by its own request.
  /** Starts a load when none is in flight, by the cheapest route (`force`: by the slot's own request). */
  start?(slot: Slot<T>, force?: boolean): Promise<T>;
  /** Whether the slot can be served now though it is not fresh itself (a fresh list holds the connection). */
  listed?(slot: Slot<T>): boolean;
  /** Takes in what the slot's own request answered, instead of `land`; gives what its readers get. */
  land?(slot: Slot<T>, value: T | undefined, error: LinkError | undefined, load: Load<T>): T | undefined;
  /** Whether anyone besides the slot's callers and listeners waits for its load (per-id reads on the list). */
  waits?(): boolean;
}

/**
 * The lists core of one store: its store object, then what the per-connection part builds on, in an
 * array (the bundle keeps no names for it).
 */
export type StoreCore = readonly [
  /** The store object: lists only, until `store.ts` adds the rest to it. */
  store: ListStore,
  integrations: Slot<Integration[]>,
  connections: Slot<Connection[]>,
  now: () => number,
  /** Whether the slot holds a value younger than `freshFor` and not invalidated. */
  fresh: <T>(slot: Slot<T>) => boolean,
  /** Reads through the cache on behalf of one caller. */
  read: <T>(slot: Slot<T>, options?: ReadOptions) => Promise<T>,
  /** Starts the slot's own adapter request; shared by every reader until it settles. */
  request: <T>(slot: Slot<T>) => Promise<T>,
  /** Makes `load` the slot's load in flight and tells its listeners it is loading. */
  begin: <T>(slot: Slot<T>, load: Load<T>) => Load<T>,
  /** Gives the slot its next snapshot (see `update` below). */
  update: <T>(slot: Slot<T>, value?: T | null, error?: LinkError | null, loadedAt?: number) => void,
  /** Takes in a request's answer the way a list does (see `take` below). */
  take: <T>(
    slot: Slot<T>,
    value: T | undefined,
    error: LinkError | undefined,
    load?: Load<T>,
    then?: () => void,
  ) => T | undefined,
  /** Marks the slot stale and reloads it if it is watched (`force`: by its own request). */
  invalidate: <T>(slot: Slot<T>, force?: boolean) => void,
  /** Whether anyone waits for the slot's load. */
  wanted: <T>(slot: Slot<T>) => boolean,
  /** Stops the slot's load when nobody waits for it any more. */
  release: <T>(slot: Slot<T>) => void,
  subscribe: <T>(slot: Slot<T>, listener: Listener<T>) => Unsubscribe,
  /** The lists `refresh(what)` marks: both when `what` is undefined. */
  lists: (what?: string) => Slot<unknown>[],
  /** Marks the slots stale, reloads those watched (`force`: by their own request), and waits for them. */
  renew: (slots: Iterable<Slot<unknown>>, force?: boolean) => Promise<void>,
];

export const EMPTY: StoreSnapshot<never> = Object.freeze({ loading: false, loadedAt: 0 });
export const noop = (): void => undefined;

export const newSlot = <T>(get: Slot<T>['get'], hooks?: Partial<Slot<T>>): Slot<T> => ({
  get,
  snap: EMPTY,
  listeners: new Set(),
  callers: 0,
  ...hooks,
});

/** The error of a read given up: the same one an aborted adapter call answers. */
export const cancelled = (): LinkError => toLinkError({ name: 'AbortError' });

/** Marks `promise` as handled (whoever awaits it still sees its rejection) and returns it. */
export const handled = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(noop);
  return promise;
};

/** Makes the lists core of a store for `adapter`. */
export function createCore(adapter: ConnectionAdapter, options: StoreOptions = {}): StoreCore {
  const freshFor = Math.max(0, options.freshFor ?? 30_000);
  const now = options.now ?? Date.now;
  const integrations = newSlot<Integration[]>((o) => adapter.listIntegrations(o));
  const connections = newSlot<Connection[]>((o) => adapter.listConnections(o));

  // ---- loading ----

  const fresh = <T>(slot: Slot<T>): boolean =>
    !!slot.snap.value && !slot.stale && now() - slot.snap.loadedAt < freshFor;

  /** Whether the slot can be served now. */
  const cached = <T>(slot: Slot<T>): boolean => fresh(slot) || !!slot.listed?.(slot);

  const read = <T>(slot: Slot<T>, { force, signal }: ReadOptions = {}): Promise<T> => {
    if (!force && cached(slot)) return Promise.resolve(slot.snap.value as T);
    if (signal?.aborted) return Promise.reject(cancelled());
    return join(slot, load(slot, force), signal);
  };

  /** Makes sure a subscribed slot is fresh or on its way, by the cheapest route unless `force`d. */
  const ensure = <T>(slot: Slot<T>, force?: boolean): void => {
    if (force || !(slot.load || cached(slot))) void load(slot, force);
  };

  /**
   * The slot's load in flight, else a new one: its own request, or the route its `start` takes.
   * (A listener told of a load starting reads before that load has its promise: it gets a load of its own.)
   */
  const load = <T>(slot: Slot<T>, force?: boolean): Promise<T> =>
    slot.load?.promise ?? (slot.start ?? request)(slot, force);

  const begin = <T>(slot: Slot<T>, load: Load<T>): Load<T> => {
    slot.load = load;
    update(slot);
    return load;
  };

  const request = <T>(slot: Slot<T>): Promise<T> => {
    const controller = new AbortController();
    const load = begin(slot, { stop: () => controller.abort() } as Load<T>);
    return (load.promise = handled(
      (async () => {
        let value: T | undefined;
        let error: LinkError | undefined;
        try {
          value = await slot.get({ signal: controller.signal });
        } catch (caught) {
          error = toLinkError(caught);
        }
        if (slot.load === load) {
          slot.load = undefined;
          if (!error) slot.stale = load.invalidated;
          value = (slot.land ?? take)(slot, value, error, load);
        }
        if (error) throw error;
        return value as T;
      })(),
    ));
  };

  /**
   * Takes in what a request answered: it becomes the slot's value (or error) and listeners are told;
   * then `then` runs, and a watched slot invalidated while the answer was on its way reloads.
   */
  const take = <T>(
    slot: Slot<T>,
    value: T | undefined,
    error: LinkError | undefined,
    _load?: Load<T>,
    then?: () => void,
  ): T | undefined => {
    if (error) update(slot, undefined, error);
    else update(slot, value, null, now());
    then?.();
    if (!error && slot.stale && slot.listeners.size) ensure(slot);
    return value;
  };

  /** Marks the slot stale and reloads it if it is watched (`force`: by its own request). */
  const invalidate = <T>(slot: Slot<T>, force?: boolean): void => {
    slot.stale = true;
    if (slot.load) slot.load.invalidated = true;
    else if (slot.listeners.size) ensure(slot, force);
  };

  const lists = (what?: string): Slot<unknown>[] =>
    (what === 'integrations'
      ? [integrations]
      : what === 'connections'
        ? [connections]
        : [integrations, connections]) as Slot<unknown>[];

  const renew = async (slots: Iterable<Slot<unknown>>, force?: boolean): Promise<void> => {
    const marked = [...slots];
    for (const slot of marked) invalidate(slot, force);
    for (const slot of marked) {
      while (slot.load) await slot.load.promise.catch(noop);
    }
  };

  // ---- who still wants what ----

  /** Whether anyone waits for the slot's load: a caller, a listener, or someone its `waits` knows of. */
  const wanted = <T>(slot: Slot<T>): boolean => slot.callers + slot.listeners.size > 0 || !!slot.waits?.();

  const release = <T>(slot: Slot<T>): void => {
    const load = slot.load;
    if (!load || wanted(slot)) return;
    slot.load = undefined;
    update(slot);
    load.stop();
  };

  /** Waits for `promise` on behalf of one caller, who may give up through `signal`. */
  const join = <S, T>(slot: Slot<S>, promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> => {
    slot.callers++;
    return new Promise<T>((resolve, reject) => {
      // 1 while this caller waits; leaving twice (given up, then answered) counts once.
      let waiting = 1;
      const leave = <V>(settle: (value: V) => void, value: V): void => {
        slot.callers -= waiting;
        waiting = 0;
        signal?.removeEventListener('abort', onAbort);
        settle(value);
      };
      const onAbort = (): void => {
        leave(reject, cancelled());
        release(slot);
      };
      signal?.addEventListener('abort', onAbort);
      promise.then(
        (value) => leave(resolve, value),
        (error: unknown) => leave(reject, toLinkError(error)),
      );
    });
  };

  // ---- telling ----

  /**
   * Gives the slot its next snapshot, and tells its listeners when what they see changed. Each part
   * left undefined stays as it is, and null clears it; `loading` is whether a load is in flight.
   */
  const update = <T>(
    slot: Slot<T>,
    value: T | null | undefined = slot.snap.value,
    error: LinkError | null | undefined = slot.snap.error,
    loadedAt = slot.snap.loadedAt,
  ): void => {
    const prev = slot.snap;
    const next: { value?: T; error?: LinkError; loading: boolean; loadedAt: number } = {
      loading: !!slot.load,
      loadedAt,
    };
    if (value != null) next.value = value;
    if (error) next.error = error;
    slot.snap = next;
    if (prev.value === next.value && prev.error === next.error && prev.loading === next.loading) return;
    for (const listener of [...slot.listeners]) tell(listener, next);
  };

  const tell = <T>(listener: Listener<T>, snap: StoreSnapshot<T>): void => {
    try {
      listener(snap);
    } catch (error) {
      // One broken listener must not keep the others uninformed; its error still surfaces.
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  const subscribe = <T>(slot: Slot<T>, listener: Listener<T>): Unsubscribe => {
    let told = false;
    const entry: Listener<T> = (snap) => {
      told = true;
      listener(snap);
    };
    slot.listeners.add(entry);
    ensure(slot);
    if (!told) tell(entry, slot.snap);
    return () => {
      if (slot.listeners.delete(entry)) release(slot);
    };
  };

  const store: ListStore = {
    adapter,
    listIntegrations: (options) => read(integrations, options),
    listConnections: (options) => read(connections, options),
    integrations: () => integrations.snap,
    connections: () => connections.snap,
    subscribeIntegrations: (listener) => subscribe(integrations, listener),
    subscribeConnections: (listener) => subscribe(connections, listener),
    refresh: (what) => renew(lists(what)),
  };

  return [
    store,
    integrations,
    connections,
    now,
    fresh,
    read,
    request,
    begin,
    update,
    take,
    invalidate,
    wanted,
    release,
    subscribe,
    lists,
    renew,
  ];
}

const cores = new WeakMap<ConnectionAdapter, StoreCore>();

/** The one core per adapter behind `listStoreFor` and `storeFor`. */
export function coreFor(adapter: ConnectionAdapter): StoreCore {
  let core = cores.get(adapter);
  if (!core) cores.set(adapter, (core = createCore(adapter)));
  return core;
}

/**
 * The lists of the one store per adapter that elements share when they get `.adapter` directly: the
 * same object as `storeFor(adapter)`, which may have been given the per-connection members already.
 */
export const listStoreFor = (adapter: ConnectionAdapter): ListStore => coreFor(adapter)[0];
