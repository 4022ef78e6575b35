import { toLinkError, type Connection, type Integration, type LinkError } from '../model/index.js';
import type { CallOptions, ConnectionAdapter } from './adapter.js';

/*
 * The store in two layers, so that a page with only the picker does not load what it never runs:
 *
 * - this file, the lists core: what a slot (a list, or one connection) does — load through one
 *   request shared by all, stay fresh for `freshFor`, tell subscribers, stop when nobody waits —
 *   as functions of the slot; the two list slots and their `ListStore`; and a registry of one core
 *   per adapter, which `listStoreFor(adapter)` reads.
 * - `store.ts`, the per-connection part: per-id slots, reads served from the list, changes. It sets
 *   the hooks of its slots and of the connection list (`start`, `listed`, `took`, `waits`) and adds
 *   its members to the core's store object in place, so that `storeFor(adapter)` on an adapter whose
 *   lists store is already held (a picker came first) upgrades that very object: every holder keeps
 *   one cache, one set of requests and the same snapshots.
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
 * The part of the `ConnectionStore` an element that only shows the two lists (the picker) needs: their
 * snapshots, subscriptions and refresh. For one adapter it is the same object `storeFor` gives, which
 * has every member once anything asked for that.
 */
export interface ListStore {
  readonly adapter: ConnectionAdapter;

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

/** What the slots of one store share: its clock, and how long an answer stays fresh. */
export interface Clock {
  readonly now: () => number;
  readonly freshFor: number;
}

/** What the store keeps per list and per connection id. */
export interface Slot<T> {
  /** The connection's id; undefined for the two lists. */
  readonly id?: string;
  /** The adapter call that loads the slot. */
  readonly get: (options: CallOptions) => Promise<T>;
  readonly clock: Clock;
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
  /** Tells the rest of the cache what the slot's own request answered (null: the connection is gone). */
  took?(value: T | null | undefined, error?: LinkError): void;
  /** Whether anyone besides the slot's callers and listeners waits for its load (per-id reads on the list). */
  waits?(): boolean;
}

/** The lists core of one store: its store object (lists only until `store.ts` adds the rest) and list slots. */
export type StoreCore = readonly [store: ListStore, integrations: Slot<Integration[]>, connections: Slot<Connection[]>];

export const EMPTY: StoreSnapshot<never> = Object.freeze({ loading: false, loadedAt: 0 });
export const noop = (): void => undefined;

export const newSlot = <T>(clock: Clock, get: Slot<T>['get'], hooks?: Partial<Slot<T>>): Slot<T> => ({
  clock,
  get,
  snap: EMPTY,
  listeners: new Set(),
  callers: 0,
  ...hooks,
});

/** Marks `promise` as handled (whoever awaits it still sees its rejection) and returns it. */
export const handled = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(noop);
  return promise;
};

// ---- loading ----

/** Whether the slot holds a value younger than `freshFor` and not invalidated. */
export const fresh = <T>(slot: Slot<T>): boolean =>
  !!slot.snap.value && !slot.stale && slot.clock.now() - slot.snap.loadedAt < slot.clock.freshFor;

/** Whether the slot can be served now, with no request. */
export const cached = <T>(slot: Slot<T>): boolean => fresh(slot) || !!slot.listed?.(slot);

/** Makes sure a subscribed slot is fresh or on its way, by the cheapest route unless `force`d. */
const ensure = <T>(slot: Slot<T>, force?: boolean): void => {
  if (force || !(slot.load || cached(slot))) void load(slot, force);
};

/**
 * The slot's load in flight, else a new one: its own request, or the route its `start` takes.
 * (A listener told of a load starting reads before that load has its promise: it gets a load of its own.)
 */
export const load = <T>(slot: Slot<T>, force?: boolean): Promise<T> =>
  slot.load?.promise ?? (slot.start ?? request)(slot, force);

/** Makes `load` the slot's load in flight and tells its listeners it is loading. */
export const begin = <T>(slot: Slot<T>, load: Load<T>): Load<T> => {
  slot.load = load;
  update(slot);
  return load;
};

/** Starts the slot's own adapter request; shared by every reader until it settles. */
export const request = <T>(slot: Slot<T>): Promise<T> => {
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
        if (load.superseded) {
          // A newer value (or a removal) was put while this answer was on its way: it stays.
          update(slot);
          value = slot.snap.value ?? value;
        } else if (error) {
          // A connection the adapter no longer has is forgotten.
          const gone = slot.id !== undefined && error.code === 'not-found';
          update(slot, gone ? null : undefined, error, gone ? 0 : undefined);
          slot.took?.(gone ? null : undefined, error);
        } else {
          // Connections put while a list answer was on its way go over it, each to the end.
          for (const [key, connection] of load.overlay ?? []) {
            value = [...(value as Connection[]).filter((c) => c.id !== key), ...(connection ? [connection] : [])] as T;
          }
          update(slot, value, null, slot.clock.now());
          slot.took?.(value);
          if (slot.stale && slot.listeners.size) ensure(slot);
        }
      }
      if (error) throw error;
      return value as T;
    })(),
  ));
};

/** Marks the slot stale and reloads it if it is watched (`force`: by its own request). */
export const invalidate = <T>(slot: Slot<T>, force?: boolean): void => {
  slot.stale = true;
  if (slot.load) slot.load.invalidated = true;
  else if (slot.listeners.size) ensure(slot, force);
};

/** Marks the slots stale, reloads those watched (`force`: by their own request), and waits for them. */
export const renew = async (slots: Slot<unknown>[], force?: boolean): Promise<void> => {
  for (const slot of slots) invalidate(slot, force);
  for (const slot of slots) {
    // A load that a listener refreshes from as it begins has no promise yet: it has one a microtask on.
    while (slot.load) await slot.load.promise?.catch(noop);
  }
};

// ---- who still wants what ----

/** Whether anyone waits for the slot's load: a caller, a listener, or someone its `waits` knows of. */
export const wanted = <T>(slot: Slot<T>): boolean => slot.callers + slot.listeners.size > 0 || !!slot.waits?.();

/** Stops the slot's load when nobody waits for it any more. */
export const release = <T>(slot: Slot<T>): void => {
  const load = slot.load;
  if (!load || wanted(slot)) return;
  slot.load = undefined;
  update(slot);
  load.stop();
};

// ---- telling ----

/**
 * Gives the slot its next snapshot, and tells its listeners when what they see changed. Each part
 * left undefined stays as it is, and null clears it; `loading` is whether a load is in flight.
 */
export const update = <T>(
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

export const subscribe = <T>(slot: Slot<T>, listener: Listener<T>): Unsubscribe => {
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

/** Makes the lists core of a store for `adapter`. */
export const createCore = (adapter: ConnectionAdapter, options: StoreOptions = {}): StoreCore => {
  const clock = { now: options.now ?? Date.now, freshFor: Math.max(0, options.freshFor ?? 30_000) };
  const integrations = newSlot<Integration[]>(clock, (o) => adapter.listIntegrations(o));
  const connections = newSlot<Connection[]>(clock, (o) => adapter.listConnections(o));
  const store: ListStore = {
    adapter,
    integrations: () => integrations.snap,
    connections: () => connections.snap,
    subscribeIntegrations: (listener) => subscribe(integrations, listener),
    subscribeConnections: (listener) => subscribe(connections, listener),
    refresh: (what?: string, more: Iterable<Slot<Connection>> = []) =>
      renew(
        (what === 'integrations'
          ? [integrations]
          : [...(what ? [] : [integrations]), connections, ...more]) as Slot<unknown>[],
      ),
  };
  return [store, integrations, connections];
};

const cores = new WeakMap<ConnectionAdapter, StoreCore>();

/** The one core per adapter behind `listStoreFor` and `storeFor`. */
export const coreFor = (adapter: ConnectionAdapter): StoreCore => {
  let core = cores.get(adapter);
  if (!core) cores.set(adapter, (core = createCore(adapter)));
  return core;
};

/**
 * The lists of the one store per adapter that elements share when they get `.adapter` directly: the
 * same object as `storeFor(adapter)`, which may have been given the per-connection members already.
 */
export const listStoreFor = (adapter: ConnectionAdapter): ListStore => coreFor(adapter)[0];
