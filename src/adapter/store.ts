import { LinkError, toLinkError, type Connection, type Integration } from '../model/index.js';
import type { CallOptions, ConnectionAdapter, LinkReturn, StartLinkOptions, StartLinkResult } from './adapter.js';

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
 * The shared cache elements use in front of an adapter: one request in flight per key however many
 * elements ask, answers cached for `freshFor`, and every subscriber told of changes.
 *
 * One connection is read through the list whenever it can be, so that many per-id readers (a page of
 * status indicators) cost one request:
 * - a fresh list that holds the id answers it, with no request;
 * - while the list is in flight, a per-id read waits for it (and asks `getConnection` only if the
 *   answered list lacks the id);
 * - per-id reads of two or more ids started in the same microtask, with no usable list, share one
 *   `listConnections` request instead of one `getConnection` each;
 * - a single id, `force`, or `refresh({ connectionId })` asks `getConnection`.
 * Freshness is judged from timestamps when data is read: the store holds no timer. When the last
 * subscriber (and caller) of a request leaves, the request is aborted.
 */
export interface ConnectionStore {
  readonly adapter: ConnectionAdapter;

  /** Reads through the cache (a fresh cached answer is returned without a request). `force` skips the cache. */
  listIntegrations(options?: CallOptions & { force?: boolean }): Promise<Integration[]>;
  listConnections(options?: CallOptions & { force?: boolean }): Promise<Connection[]>;
  getConnection(id: string, options?: CallOptions & { force?: boolean }): Promise<Connection>;

  /** Pass-throughs that invalidate what they change and tell subscribers. */
  startLink(integrationKey: string, options: StartLinkOptions): Promise<StartLinkResult>;
  unlink(id: string, options?: CallOptions): Promise<Connection>;
  remove(id: string, options?: CallOptions): Promise<void>;
  readReturn(url: URL): LinkReturn | null;
  /** Whether the adapter supports unlink / remove. */
  readonly canUnlink: boolean;
  readonly canRemove: boolean;

  /** Current snapshots, without any request. */
  integrations(): StoreSnapshot<Integration[]>;
  connections(): StoreSnapshot<Connection[]>;
  connection(id: string): StoreSnapshot<Connection>;

  /**
   * Subscribes to a list or one connection. The listener is called at once with the current snapshot,
   * then on every change of it (loading, value, error). Subscribing loads the data if it is missing
   * or stale. Snapshots and their values are shared: treat them as read-only.
   */
  subscribeIntegrations(listener: (snapshot: StoreSnapshot<Integration[]>) => void): Unsubscribe;
  subscribeConnections(listener: (snapshot: StoreSnapshot<Connection[]>) => void): Unsubscribe;
  subscribeConnection(id: string, listener: (snapshot: StoreSnapshot<Connection>) => void): Unsubscribe;

  /** Marks cached answers stale and reloads those that have subscribers (one request each). */
  refresh(what?: 'integrations' | 'connections' | { connectionId: string }): Promise<void>;
  /** Puts a connection the caller got elsewhere (e.g. from polling) into the cache and tells subscribers. */
  put(connection: Connection): void;
}

type Listener<T> = (snapshot: StoreSnapshot<T>) => void;

/** What a read takes: the call's options, and `force` to skip the cache. */
type ReadOptions = CallOptions & { force?: boolean };

/** One request (or wait) in flight for a slot. */
interface Load<T> {
  promise: Promise<T>;
  /** Gives the load up once nobody wants it: aborts its request, leaves the list's, or leaves the queue. */
  stop(): void;
  /** A per-id read waiting for the list request. */
  via?: boolean;
  /** Settles a per-id read queued for the microtask that decides between the list and `getConnection`. */
  settle?(value: T | Promise<T>): void;
  /** Invalidated while in flight: its answer is kept but counts as stale. */
  invalidated?: boolean;
  /** A newer value (or a removal) was put while in flight: its answer is not stored. */
  superseded?: boolean;
  /** Connections put (or removed: null) while a list request was in flight, replayed over its answer. */
  overlay?: Map<string, Connection | null>;
}

/** What the store keeps per list and per connection id. */
interface Slot<T> {
  /** The connection's id; undefined for the two lists. */
  readonly id?: string;
  snap: StoreSnapshot<T>;
  readonly listeners: Set<Listener<T>>;
  /** Direct callers waiting for this slot's load. */
  callers: number;
  /** Marked stale by an invalidation: the next read goes back to the adapter. */
  stale?: boolean;
  load?: Load<T>;
}

const EMPTY: StoreSnapshot<never> = Object.freeze({ loading: false, loadedAt: 0 });
const noop = (): void => undefined;

const newSlot = <T>(id?: string): Slot<T> => ({ id, snap: EMPTY, listeners: new Set(), callers: 0 });

/** The error of a read given up: the same one an aborted adapter call answers. */
const cancelled = (): LinkError => toLinkError({ name: 'AbortError' });

const sameConnection = (a: Connection | undefined, b: Connection): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Marks `promise` as handled (whoever awaits it still sees its rejection) and returns it. */
const handled = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(noop);
  return promise;
};

/** Makes the store for `adapter`. */
export function createStore(adapter: ConnectionAdapter, options: StoreOptions = {}): ConnectionStore {
  const freshFor = Math.max(0, options.freshFor ?? 30_000);
  const now = options.now ?? Date.now;
  const integrations = newSlot<Integration[]>();
  const connections = newSlot<Connection[]>();
  const byId = new Map<string, Slot<Connection>>();
  /** Per-id reads queued in this microtask. */
  let queue = new Set<Slot<Connection>>();

  // ---- loading ----

  const slotOf = (id: string): Slot<Connection> => {
    let slot = byId.get(id);
    if (!slot) byId.set(id, (slot = newSlot(id)));
    return slot;
  };

  const fresh = <T>(slot: Slot<T>): boolean =>
    !!slot.snap.value && !slot.stale && now() - slot.snap.loadedAt < freshFor;

  /**
   * Whether the slot can be served now: it is fresh, or it is one connection a fresh list holds
   * (never a list: its slot has no id, and no connection lacks one).
   */
  const cached = <T>(slot: Slot<T>): boolean => fresh(slot) || fromFreshList(slot as Slot<unknown> as Slot<Connection>);

  /** The connection of that id in the list held, if any. */
  const inList = (id: string | undefined): Connection | undefined => connections.snap.value?.find((c) => c.id === id);

  /** Puts the connection from a fresh list that holds it into its slot; false when there is none. */
  const fromFreshList = (slot: Slot<Connection>): boolean => {
    const listed = fresh(connections) && inList(slot.id);
    if (listed) {
      slot.stale = false;
      fill(slot, listed);
    }
    return !!listed;
  };

  /** Reads through the cache on behalf of one caller. */
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
   * The slot's load in flight, else a new one: a list's own request; for one connection, its own
   * request when `force`d or the list is fresh, else a wait for the list in flight, else a queued read.
   * (A listener told of a load starting reads before that load has its promise: it gets a load of its own.)
   */
  const load = <T>(slot: Slot<T>, force?: boolean): Promise<T> =>
    slot.load?.promise ??
    (slot.id === undefined || force || fresh(connections)
      ? request(slot)
      : ((connections.load ? viaList : enqueue)(
          slot as Slot<unknown> as Slot<Connection>,
        ) as Promise<unknown> as Promise<T>));

  /** Makes `load` the slot's load in flight and tells its listeners it is loading. */
  const begin = <T>(slot: Slot<T>, load: Load<T>): Load<T> => {
    slot.load = load;
    update(slot);
    return load;
  };

  /** Starts the slot's own adapter request; shared by every reader until it settles. */
  const request = <T>(slot: Slot<T>): Promise<T> => {
    const { id } = slot;
    const single = id !== undefined;
    const list = (slot as Slot<unknown>) === connections;
    const controller = new AbortController();
    const options = { signal: controller.signal };
    const overlay = new Map<string, Connection | null>();
    const load = begin(slot, { stop: () => controller.abort(), overlay } as Load<T>);
    return (load.promise = handled(
      (async () => {
        let value: T | undefined;
        let error: LinkError | undefined;
        try {
          value = (await (single
            ? adapter.getConnection(id, options)
            : list
              ? adapter.listConnections(options)
              : adapter.listIntegrations(options))) as T;
        } catch (caught) {
          error = toLinkError(caught);
        }
        if (slot.load === load) {
          slot.load = undefined;
          if (!error) slot.stale = load.invalidated;
          if (load.superseded) {
            // A newer value (or a removal) arrived while this answer was on its way: it stays.
            update(slot);
            value = slot.snap.value ?? value;
          } else if (error) {
            // A connection the adapter no longer has is forgotten, also in the list.
            const gone = single && error.code === 'not-found';
            update(slot, gone ? null : undefined, error, gone ? 0 : undefined);
            if (gone) listChange(id, null);
            if (list) fillFromList([], error);
          } else {
            // Only a list request has puts to replay; each replayed connection goes to the end.
            for (const [key, connection] of overlay) {
              value = [
                ...(value as Connection[]).filter((c) => c.id !== key),
                ...(connection ? [connection] : []),
              ] as T;
            }
            update(slot, value, null, now());
            if (single) listChange(id, value as Connection);
            if (list) fillFromList(value as Connection[]);
            if (slot.stale && slot.listeners.size) ensure(slot);
          }
        }
        if (error) throw error;
        return value as T;
      })(),
    ));
  };

  /** A per-id read that waits for the list request in flight. */
  const viaList = (slot: Slot<Connection>): Promise<Connection> => {
    const waited = connections.load as Load<Connection[]>;
    const load = begin(slot, { via: true, stop: () => release(connections) } as Load<Connection>);
    return (load.promise = handled(
      waited.promise.then((list) => {
        const listed = list.find((c) => c.id === slot.id);
        if (listed) return slot.snap.value ?? listed;
        // Not in the list: fillFromList has asked getConnection for it, if anyone still wants it.
        if (slot.load) return slot.load.promise;
        throw cancelled();
      }),
    ));
  };

  /** Queues a per-id read for the end of this microtask: two or more share one list request. */
  const enqueue = (slot: Slot<Connection>): Promise<Connection> => {
    let settle!: Load<Connection>['settle'];
    let reject!: (error: LinkError) => void;
    const promise = handled(new Promise<Connection>((resolve, fail) => ((settle = resolve), (reject = fail))));
    begin(slot, {
      promise,
      settle,
      stop: () => {
        queue.delete(slot);
        reject(cancelled());
      },
    });
    if (!queue.size) queueMicrotask(flush);
    queue.add(slot);
    return promise;
  };

  const flush = (): void => {
    const queued = queue;
    queue = new Set();
    // A list that landed meanwhile answers what it holds; two or more reads, or a list in flight, go through the list.
    const listFresh = fresh(connections);
    const throughList = !listFresh && (queued.size > 1 || !!connections.load);
    if (throughList && !connections.load) void request(connections);
    for (const slot of queued) {
      const settle = slot.load?.settle;
      if (!settle) continue;
      slot.load = undefined;
      settle(
        listFresh && fromFreshList(slot)
          ? (slot.snap.value as Connection)
          : throughList
            ? viaList(slot)
            : request(slot),
      );
    }
  };

  /** Tells every per-id slot what the list just answered, or the reads waiting for it its `error`. */
  const fillFromList = (list: readonly Connection[], error?: LinkError): void => {
    const listed = new Map(list.map((c) => [c.id, c]));
    for (const slot of byId.values()) {
      const connection = listed.get(slot.id as string);
      const waiting = slot.load?.via;
      if (waiting) slot.load = undefined;
      if (connection) {
        if (!slot.load) slot.stale = false;
        fill(slot, connection);
      } else if (waiting) {
        if (!error && wanted(slot)) void request(slot);
        else update(slot, undefined, error);
      }
    }
  };

  /** Gives one connection's slot the list's copy, keeping its own when that is the same. */
  const fill = (slot: Slot<Connection>, listed: Connection): void => {
    update(slot, sameConnection(slot.snap.value, listed) ? slot.snap.value : listed, null, connections.snap.loadedAt);
  };

  // ---- changes ----

  /** A change through the adapter (which may lack it), failing only with LinkErrors; `after` tells the cache. */
  const change = <O extends CallOptions, R>(
    what: 'startLink' | 'unlink' | 'remove',
    after: (result: R, subject: string) => void,
  ): ((subject: string, options?: O) => Promise<R>) => {
    return async (subject, options = {} as O) => {
      const method = adapter[what] as ((subject: string, options: O) => Promise<R>) | undefined;
      if (!method)
        throw new LinkError('provider', `This connection API cannot ${what} connections.`, { retryable: false });
      try {
        const result = await method.call(adapter, subject, options);
        after(result, subject);
        return result;
      } catch (error) {
        throw toLinkError(error);
      }
    };
  };

  /** Puts a connection, or with null its removal, into its slot and the list, over any answer on its way. */
  const set = (id: string, connection: Connection | null): void => {
    const slot = connection ? slotOf(id) : byId.get(id);
    if (slot) {
      if (slot.load) slot.load.superseded = true;
      slot.stale = false;
      if (connection) update(slot, connection, null, now());
      else
        update(
          slot,
          null,
          new LinkError('not-found', 'The connection was removed.', { status: 404, retryable: false }),
          0,
        );
    }
    listChange(id, connection);
  };

  /** Puts (or with null drops) one connection in the list, now and over a list answer in flight. */
  const listChange = (id: string, connection: Connection | null): void => {
    connections.load?.overlay?.set(id, connection);
    const list = connections.snap.value;
    if (!list) return;
    const index = list.findIndex((c) => c.id === id);
    if (connection ? index >= 0 && sameConnection(list[index], connection) : index < 0) return;
    update(
      connections,
      !connection
        ? list.filter((c) => c.id !== id)
        : index < 0
          ? [...list, connection]
          : list.map((c, i) => (i === index ? connection : c)),
    );
  };

  /** Marks the slot stale and reloads it if it is watched (`force`: by its own request). */
  const invalidate = <T>(slot: Slot<T>, force?: boolean): void => {
    slot.stale = true;
    if (slot.load) slot.load.invalidated = true;
    else if (slot.listeners.size) ensure(slot, force);
  };

  // ---- who still wants what ----

  /** Whether anyone waits for the slot's load: a caller, a listener, or for the list a per-id read waiting on it. */
  const wanted = <T>(slot: Slot<T>): boolean =>
    slot.callers + slot.listeners.size > 0 ||
    ((slot as Slot<unknown>) === connections && [...byId.values()].some((one) => one.load?.via && wanted(one)));

  /** Stops the slot's load when nobody waits for it any more. */
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

  const store: ConnectionStore = {
    adapter,

    get canUnlink() {
      return typeof adapter.unlink === 'function';
    },

    get canRemove() {
      return typeof adapter.remove === 'function';
    },

    listIntegrations: (options) => read(integrations, options),
    listConnections: (options) => read(connections, options),
    getConnection: (id, options) => read(slotOf(id), options),
    readReturn: (url) => adapter.readReturn(url),

    startLink: change<StartLinkOptions, StartLinkResult>('startLink', (result) => {
      if (result.connection) store.put(result.connection);
      invalidate(connections);
    }),
    unlink: change<CallOptions, Connection>('unlink', (connection) => store.put(connection)),
    remove: change<CallOptions, void>('remove', (_, id) => set(id, null)),
    put: (connection) => set(connection.id, connection),

    async refresh(what) {
      // One connection asked for by id is read by id; the rest by the cheapest route.
      const one = typeof what === 'object';
      const all = what === undefined;
      const slots: { readonly load?: { readonly promise: Promise<unknown> } }[] = [];
      const mark = <T>(slot: Slot<T>): void => {
        invalidate(slot, one);
        slots.push(slot);
      };
      if (all || what === 'integrations') mark(integrations);
      if (all || what === 'connections') {
        mark(connections);
        for (const slot of byId.values()) mark(slot);
      }
      if (one) mark(slotOf(what.connectionId));
      for (const slot of slots) {
        while (slot.load) await slot.load.promise.catch(noop);
      }
    },

    integrations: () => integrations.snap,
    connections: () => connections.snap,

    connection(id) {
      const snap = byId.get(id)?.snap;
      if (snap?.value || snap?.error || snap?.loading) return snap;
      const value = inList(id);
      return value ? { loading: false, loadedAt: connections.snap.loadedAt, value } : EMPTY;
    },

    subscribeIntegrations: (listener) => subscribe(integrations, listener),
    subscribeConnections: (listener) => subscribe(connections, listener),
    subscribeConnection: (id, listener) => subscribe(slotOf(id), listener),
  };
  return store;
}

const stores = new WeakMap<ConnectionAdapter, ConnectionStore>();

/** The one store per adapter that elements share when they get `.adapter` directly. */
export function storeFor(adapter: ConnectionAdapter): ConnectionStore {
  let store = stores.get(adapter);
  if (!store) stores.set(adapter, (store = createStore(adapter)));
  return store;
}
