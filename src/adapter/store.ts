import { LinkError, toLinkError, type Connection, type Integration } from '../model/index.js';
import type { CallOptions, ConnectionAdapter, LinkReturn, StartLinkOptions, StartLinkResult } from './adapter.js';
import {
  begin,
  cached,
  coreFor,
  createCore,
  EMPTY,
  fresh,
  handled,
  invalidate,
  load,
  newSlot,
  release,
  renew,
  request,
  subscribe,
  update,
  wanted,
  type ListStore,
  type Load,
  type Slot,
  type StoreCore,
  type StoreOptions,
  type StoreSnapshot,
  type Unsubscribe,
} from './store-core.js';

export type { ListStore, StoreOptions, StoreSnapshot, Unsubscribe } from './store-core.js';
export { listStoreFor } from './store-core.js';

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
export interface ConnectionStore extends ListStore {
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

  /** The current snapshot of one connection, without any request. */
  connection(id: string): StoreSnapshot<Connection>;

  /** Subscribes to one connection, as `subscribeConnections` to the list. */
  subscribeConnection(id: string, listener: (snapshot: StoreSnapshot<Connection>) => void): Unsubscribe;

  /** Marks cached answers stale and reloads those that have subscribers (one request each). */
  refresh(what?: 'integrations' | 'connections' | { connectionId: string }): Promise<void>;
  /** Puts a connection the caller got elsewhere (e.g. from polling) into the cache and tells subscribers. */
  put(connection: Connection): void;
}

/** What a read takes: the call's options, and `force` to skip the cache. */
type ReadOptions = CallOptions & { force?: boolean };

/** The error of a read given up: the same one an aborted adapter call answers. */
const cancelled = (): LinkError => toLinkError({ name: 'AbortError' });

const sameConnection = (a: Connection | undefined, b: Connection): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Makes the store for `adapter`. */
export const createStore = (adapter: ConnectionAdapter, options?: StoreOptions): ConnectionStore =>
  extend(createCore(adapter, options));

/**
 * The one store per adapter that elements share when they get `.adapter` directly. When a lists
 * store was made for the adapter first (`listStoreFor`), this is that object, given the rest now.
 */
export const storeFor = (adapter: ConnectionAdapter): ConnectionStore => extend(coreFor(adapter));

/**
 * Gives the core's store object the per-connection members, once, and hooks per-id reads into its
 * connection list. A core may have served its lists for a while: its slots, listeners and requests in
 * flight stay as they are (a list answer on its way lands through the hooks set now).
 */
const extend = (core: StoreCore): ConnectionStore => {
  const [store, integrations, connections] = core as unknown as [ConnectionStore, StoreCore[1], StoreCore[2]];
  if ((store as Partial<ConnectionStore>).put) return store;
  const refreshLists = store.refresh as (what?: string, more?: Iterable<Slot<Connection>>) => Promise<void>;
  const { adapter } = store;
  const byId = new Map<string, Slot<Connection>>();
  /** Per-id reads queued in this microtask. */
  let queue = new Set<Slot<Connection>>();

  // ---- loading ----

  const slotOf = (id: string): Slot<Connection> => {
    let slot = byId.get(id);
    if (!slot)
      byId.set(
        id,
        (slot = newSlot(connections.clock, (o) => adapter.getConnection(id, o), {
          id,
          start,
          listed: fromFreshList,
          // What its own request answered goes into the list (null: out of it).
          took: (value) => value !== undefined && listChange(id, value),
        })),
      );
    return slot;
  };

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

  /**
   * How a read of one connection starts: its own request when `force`d or the list is fresh, else a
   * wait for the list in flight, else a queued read.
   */
  const start = (slot: Slot<Connection>, force?: boolean): Promise<Connection> =>
    force || fresh(connections) ? request(slot) : (connections.load ? viaList : enqueue)(slot);

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
  const fillFromList = (list: Connection[] = [], error?: LinkError): void => {
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

  /** Reads through the cache on behalf of one caller. */
  const read = <T>(slot: Slot<T>, { force, signal }: ReadOptions = {}): Promise<T> => {
    if (!force && cached(slot)) return Promise.resolve(slot.snap.value as T);
    if (signal?.aborted) return Promise.reject(cancelled());
    return join(slot, load(slot, force), signal);
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
      if (connection) update(slot, connection, null, connections.clock.now());
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
    const load = connections.load;
    if (load) (load.overlay ??= new Map()).set(id, connection);
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

  // The list's hooks: what its request answered goes to the per-id slots, and per-id reads waiting on
  // it keep its request alive.
  connections.took = fillFromList;
  connections.waits = () => [...byId.values()].some((one) => one.load?.via && wanted(one));

  // Added in place, getters included, so that whoever holds the lists store holds the full one now.
  const more: Omit<ConnectionStore, Exclude<keyof ListStore, 'refresh'>> = {
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

    // One connection asked for by id is read by id; the rest by the cheapest route.
    refresh: (what) =>
      typeof what === 'object'
        ? renew([slotOf(what.connectionId) as Slot<unknown>], true)
        : refreshLists(what, byId.values()),

    connection(id) {
      const snap = byId.get(id)?.snap;
      if (snap?.value || snap?.error || snap?.loading) return snap;
      const value = inList(id);
      return value ? { loading: false, loadedAt: connections.snap.loadedAt, value } : EMPTY;
    },

    subscribeConnection: (id, listener) => subscribe(slotOf(id), listener),
  };
  Object.defineProperties(store, Object.getOwnPropertyDescriptors(more));
  return store;
};
