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

/** One request (or wait) in flight for a slot. */
interface Load<T> {
  promise: Promise<T>;
  /** Aborts the slot's own adapter request. */
  readonly controller?: AbortController;
  /** A per-id read waiting for the list request. */
  readonly viaList?: boolean;
  /** A per-id read queued for the microtask that decides between the list and `getConnection`. */
  readonly queued?: { resolve(value: Promise<T>): void; reject(error: LinkError): void };
  /** Invalidated while in flight: its answer is kept but counts as stale. */
  invalidated: boolean;
  /** A newer value was put while in flight: its answer is not stored. */
  superseded: boolean;
  /** Connections put (or removed: null) while the list was in flight, replayed over its answer. */
  readonly overlay: Map<string, Connection | null>;
}

/** What the store keeps per list and per connection id. */
class Slot<T> {
  snap: StoreSnapshot<T> = EMPTY;
  readonly listeners = new Set<Listener<T>>();
  /** Direct callers waiting for this slot's load. */
  callers = 0;
  /** Marked stale by an invalidation: the next read goes back to the adapter. */
  stale = false;
  load?: Load<T>;
  constructor(readonly id?: string) {}
}

const EMPTY: StoreSnapshot<never> = Object.freeze({ loading: false, loadedAt: 0 });
const DEFAULT_FRESH_FOR = 30_000;
const noop = (): void => undefined;

function snapshot<T>(value: T | undefined, error: LinkError | undefined, loading: boolean, loadedAt: number) {
  const s: { value?: T; error?: LinkError; loading: boolean; loadedAt: number } = { loading, loadedAt };
  if (value !== undefined) s.value = value;
  if (error !== undefined) s.error = error;
  return s as StoreSnapshot<T>;
}

function cancelled(): LinkError {
  return new LinkError('cancelled', 'The request was cancelled.', { retryable: false });
}

function sameConnection(a: Connection | undefined, b: Connection): boolean {
  return a === b || (a !== undefined && JSON.stringify(a) === JSON.stringify(b));
}

class Store implements ConnectionStore {
  readonly #freshFor: number;
  readonly #now: () => number;
  readonly #integrations = new Slot<Integration[]>();
  readonly #connections = new Slot<Connection[]>();
  readonly #byId = new Map<string, Slot<Connection>>();
  /** Per-id reads queued in this microtask. */
  #queue = new Map<string, Slot<Connection>>();

  constructor(
    readonly adapter: ConnectionAdapter,
    options: StoreOptions,
  ) {
    this.#freshFor = Math.max(0, options.freshFor ?? DEFAULT_FRESH_FOR);
    this.#now = options.now ?? Date.now;
  }

  /** Whether the adapter supports unlink. */
  get canUnlink(): boolean {
    return typeof this.adapter.unlink === 'function';
  }

  /** Whether the adapter supports remove. */
  get canRemove(): boolean {
    return typeof this.adapter.remove === 'function';
  }

  // ---- reads ----

  listIntegrations(options: CallOptions & { force?: boolean } = {}): Promise<Integration[]> {
    const slot = this.#integrations;
    if (!options.force && this.#fresh(slot)) return Promise.resolve(slot.snap.value as Integration[]);
    if (options.signal?.aborted) return Promise.reject(cancelled());
    return this.#join(slot, slot.load?.promise ?? this.#loadIntegrations(), options.signal);
  }

  listConnections(options: CallOptions & { force?: boolean } = {}): Promise<Connection[]> {
    const slot = this.#connections;
    if (!options.force && this.#fresh(slot)) return Promise.resolve(slot.snap.value as Connection[]);
    if (options.signal?.aborted) return Promise.reject(cancelled());
    return this.#join(slot, slot.load?.promise ?? this.#loadList(), options.signal);
  }

  getConnection(id: string, options: CallOptions & { force?: boolean } = {}): Promise<Connection> {
    const slot = this.#slot(id);
    if (!options.force) {
      if (this.#fresh(slot)) return Promise.resolve(slot.snap.value as Connection);
      const listed = this.#fromFreshList(slot);
      if (listed) return Promise.resolve(listed);
    }
    if (options.signal?.aborted) return Promise.reject(cancelled());
    return this.#join(slot, this.#loadConnection(slot, options.force === true), options.signal);
  }

  readReturn(url: URL): LinkReturn | null {
    return this.adapter.readReturn(url);
  }

  // ---- changes ----

  async startLink(integrationKey: string, options: StartLinkOptions): Promise<StartLinkResult> {
    let result: StartLinkResult;
    try {
      result = await this.adapter.startLink(integrationKey, options);
    } catch (error) {
      throw toLinkError(error);
    }
    if (result.connection) this.put(result.connection);
    this.#invalidate(this.#connections);
    return result;
  }

  async unlink(id: string, options: CallOptions = {}): Promise<Connection> {
    if (!this.adapter.unlink) throw unsupported('unlink');
    let connection: Connection;
    try {
      connection = await this.adapter.unlink(id, options);
    } catch (error) {
      throw toLinkError(error);
    }
    this.put(connection);
    return connection;
  }

  async remove(id: string, options: CallOptions = {}): Promise<void> {
    if (!this.adapter.remove) throw unsupported('remove');
    try {
      await this.adapter.remove(id, options);
    } catch (error) {
      throw toLinkError(error);
    }
    this.#drop(id);
  }

  put(connection: Connection): void {
    const slot = this.#slot(connection.id);
    if (slot.load && !slot.load.viaList) slot.load.superseded = true;
    slot.stale = false;
    this.#update(slot, snapshot(connection, undefined, slot.snap.loading, this.#now()));
    this.#listChange(connection.id, connection);
  }

  async refresh(what?: 'integrations' | 'connections' | { connectionId: string }): Promise<void> {
    const slots: { readonly load?: { readonly promise: Promise<unknown> } }[] = [];
    if (what === undefined || what === 'integrations') {
      this.#invalidate(this.#integrations);
      slots.push(this.#integrations);
    }
    if (what === undefined || what === 'connections') {
      this.#invalidate(this.#connections);
      slots.push(this.#connections);
      for (const slot of this.#byId.values()) {
        slot.stale = true;
        if (slot.load) slot.load.invalidated = true;
        else if (slot.listeners.size > 0) this.#ensureConnection(slot);
        slots.push(slot);
      }
    }
    if (typeof what === 'object') {
      const slot = this.#slot(what.connectionId);
      slot.stale = true;
      if (slot.load) slot.load.invalidated = true;
      else if (slot.listeners.size > 0) void this.#loadConnection(slot, true).catch(noop);
      slots.push(slot);
    }
    for (const slot of slots) {
      while (slot.load) await slot.load.promise.catch(noop);
    }
  }

  // ---- snapshots and subscriptions ----

  integrations(): StoreSnapshot<Integration[]> {
    return this.#integrations.snap;
  }

  connections(): StoreSnapshot<Connection[]> {
    return this.#connections.snap;
  }

  connection(id: string): StoreSnapshot<Connection> {
    const slot = this.#byId.get(id);
    if (slot && (slot.snap.value !== undefined || slot.snap.error || slot.snap.loading)) return slot.snap;
    const list = this.#connections.snap;
    const listed = list.value?.find((c) => c.id === id);
    return listed ? snapshot(listed, undefined, false, list.loadedAt) : EMPTY;
  }

  subscribeIntegrations(listener: Listener<Integration[]>): Unsubscribe {
    return this.#subscribe(this.#integrations, listener, () => {
      if (!this.#fresh(this.#integrations) && !this.#integrations.load) void this.#loadIntegrations();
    });
  }

  subscribeConnections(listener: Listener<Connection[]>): Unsubscribe {
    return this.#subscribe(this.#connections, listener, () => {
      if (!this.#fresh(this.#connections) && !this.#connections.load) void this.#loadList();
    });
  }

  subscribeConnection(id: string, listener: Listener<Connection>): Unsubscribe {
    const slot = this.#slot(id);
    return this.#subscribe(slot, listener, () => this.#ensureConnection(slot));
  }

  #subscribe<T>(slot: Slot<T>, listener: Listener<T>, ensure: () => void): Unsubscribe {
    let told = false;
    const entry: Listener<T> = (s) => {
      told = true;
      listener(s);
    };
    slot.listeners.add(entry);
    ensure();
    if (!told) this.#tell(entry, slot.snap);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      slot.listeners.delete(entry);
      this.#release(slot);
    };
  }

  // ---- loading ----

  #slot(id: string): Slot<Connection> {
    let slot = this.#byId.get(id);
    if (!slot) this.#byId.set(id, (slot = new Slot<Connection>(id)));
    return slot;
  }

  #fresh<T>(slot: Slot<T>): boolean {
    return slot.snap.value !== undefined && !slot.stale && this.#now() - slot.snap.loadedAt < this.#freshFor;
  }

  /** The connection from a fresh list that holds it, put into its slot; undefined otherwise. */
  #fromFreshList(slot: Slot<Connection>): Connection | undefined {
    const list = this.#connections;
    if (!this.#fresh(list)) return undefined;
    const listed = list.snap.value?.find((c) => c.id === slot.id);
    if (!listed) return undefined;
    slot.stale = false;
    const value = sameConnection(slot.snap.value, listed) ? (slot.snap.value as Connection) : listed;
    this.#update(slot, snapshot(value, undefined, slot.load !== undefined, list.snap.loadedAt));
    return value;
  }

  /** Makes sure a subscribed connection is fresh or on its way, by the cheapest route. */
  #ensureConnection(slot: Slot<Connection>): void {
    if (this.#fresh(slot) || slot.load || this.#fromFreshList(slot)) return;
    void this.#loadConnection(slot, false).catch(noop);
  }

  #loadConnection(slot: Slot<Connection>, force: boolean): Promise<Connection> {
    if (slot.load) return slot.load.promise;
    if (force || this.#fresh(this.#connections)) return this.#requestOne(slot);
    if (this.#connections.load) return this.#viaList(slot);
    return this.#enqueue(slot);
  }

  #loadIntegrations(): Promise<Integration[]> {
    return this.#request(this.#integrations, (signal) => this.adapter.listIntegrations({ signal }));
  }

  #loadList(): Promise<Connection[]> {
    return this.#request(this.#connections, (signal) => this.adapter.listConnections({ signal }), {
      land: (value, load) => {
        let list = value;
        for (const [id, connection] of load.overlay) {
          list = list.filter((c) => c.id !== id);
          if (connection) list.push(connection);
        }
        return list;
      },
      landed: (list) => this.#fillFromList(list),
      failed: (error) => this.#listFailed(error),
    });
  }

  #requestOne(slot: Slot<Connection>): Promise<Connection> {
    const id = slot.id as string;
    return this.#request(slot, (signal) => this.adapter.getConnection(id, { signal }), {
      landed: (connection) => this.#listChange(id, connection),
      forgetOn: (error) => error.code === 'not-found',
      failed: (error) => {
        if (error.code === 'not-found') this.#listChange(id, null);
      },
    });
  }

  /** A per-id read that waits for the list request in flight. */
  #viaList(slot: Slot<Connection>): Promise<Connection> {
    const list = this.#connections.load as Load<Connection[]>;
    const load = newLoad<Connection>({ viaList: true });
    slot.load = load;
    this.#update(slot, { ...slot.snap, loading: true });
    load.promise = list.promise.then((connections) => {
      const listed = connections.find((c) => c.id === slot.id);
      if (listed) return slot.snap.value ?? listed;
      // Not in the list: #fillFromList has asked getConnection for it, if anyone still wants it.
      if (slot.load) return slot.load.promise;
      throw cancelled();
    });
    load.promise.catch(noop);
    return load.promise;
  }

  /** Queues a per-id read for the end of this microtask: two or more share one list request. */
  #enqueue(slot: Slot<Connection>): Promise<Connection> {
    let queued!: NonNullable<Load<Connection>['queued']>;
    const promise = new Promise<Connection>((resolve, reject) => (queued = { resolve, reject }));
    const load = newLoad<Connection>({ queued });
    load.promise = promise;
    promise.catch(noop);
    slot.load = load;
    this.#update(slot, { ...slot.snap, loading: true });
    this.#queue.set(slot.id as string, slot);
    if (this.#queue.size === 1) queueMicrotask(() => this.#flush());
    return promise;
  }

  #flush(): void {
    const slots = [...this.#queue.values()];
    this.#queue = new Map();
    if (this.#fresh(this.#connections)) {
      // The list landed meanwhile: it answers what it holds.
      for (const slot of slots) {
        const queued = slot.load?.queued;
        if (!queued) continue;
        slot.load = undefined;
        const listed = this.#fromFreshList(slot);
        queued.resolve(listed ? Promise.resolve(listed) : this.#requestOne(slot));
      }
      return;
    }
    const viaList = slots.length >= 2 || this.#connections.load !== undefined;
    if (viaList && !this.#connections.load) void this.#loadList().catch(noop);
    for (const slot of slots) {
      const queued = slot.load?.queued;
      if (!queued) continue;
      slot.load = undefined;
      queued.resolve(viaList ? this.#viaList(slot) : this.#requestOne(slot));
    }
  }

  /** Starts the slot's own adapter request; shared by every reader until it settles. */
  #request<T>(
    slot: Slot<T>,
    fetch: (signal: AbortSignal) => Promise<T>,
    hooks: {
      /** Turns the answer into the value to keep. */
      land?: (value: T, load: Load<T>) => T;
      /** After the value is kept and told. */
      landed?: (value: T) => void;
      /** Errors that mean the value no longer exists. */
      forgetOn?: (error: LinkError) => boolean;
      /** After the error is kept and told. */
      failed?: (error: LinkError) => void;
    } = {},
  ): Promise<T> {
    const controller = new AbortController();
    const load = newLoad<T>({ controller });
    slot.load = load;
    this.#update(slot, { ...slot.snap, loading: true });
    load.promise = (async () => {
      let value: T;
      try {
        value = await fetch(controller.signal);
      } catch (caught) {
        const error = toLinkError(caught);
        if (slot.load === load) {
          slot.load = undefined;
          if (load.superseded) {
            this.#update(slot, { ...slot.snap, loading: false });
          } else {
            const drop = hooks.forgetOn?.(error) === true;
            this.#update(
              slot,
              snapshot(drop ? undefined : slot.snap.value, error, false, drop ? 0 : slot.snap.loadedAt),
            );
            hooks.failed?.(error);
          }
        }
        throw error;
      }
      if (slot.load !== load) return value;
      slot.load = undefined;
      slot.stale = load.invalidated;
      if (load.superseded) {
        // A newer value (or a removal) arrived while this answer was on its way: it stays.
        this.#update(slot, { ...slot.snap, loading: false });
        return slot.snap.value ?? value;
      }
      if (hooks.land) value = hooks.land(value, load);
      this.#update(slot, snapshot(value, undefined, false, this.#now()));
      hooks.landed?.(value);
      if (slot.stale && slot.listeners.size > 0) this.#reload(slot);
      return value;
    })();
    load.promise.catch(noop);
    return load.promise;
  }

  #reload<T>(slot: Slot<T>): void {
    if ((slot as Slot<unknown>) === this.#integrations) void this.#loadIntegrations().catch(noop);
    else if ((slot as Slot<unknown>) === this.#connections) void this.#loadList().catch(noop);
    else this.#ensureConnection(slot as unknown as Slot<Connection>);
  }

  /** Tells every per-id slot what the list just answered. */
  #fillFromList(list: readonly Connection[]): void {
    const loadedAt = this.#connections.snap.loadedAt;
    const byId = new Map(list.map((c) => [c.id, c]));
    for (const slot of this.#byId.values()) {
      const listed = byId.get(slot.id as string);
      const waiting = slot.load?.viaList === true;
      if (listed) {
        if (waiting) slot.load = undefined;
        if (!slot.load) slot.stale = false;
        const value = sameConnection(slot.snap.value, listed) ? slot.snap.value : listed;
        this.#update(slot, snapshot(value, undefined, slot.load !== undefined, loadedAt));
      } else if (waiting) {
        slot.load = undefined;
        if (this.#wanted(slot)) void this.#requestOne(slot).catch(noop);
        else this.#update(slot, { ...slot.snap, loading: false });
      }
    }
  }

  #listFailed(error: LinkError): void {
    for (const slot of this.#byId.values()) {
      if (!slot.load?.viaList) continue;
      slot.load = undefined;
      this.#update(slot, snapshot(slot.snap.value, error, false, slot.snap.loadedAt));
    }
  }

  /** Puts (or with null drops) one connection in the list, now and over a list answer in flight. */
  #listChange(id: string, connection: Connection | null): void {
    const slot = this.#connections;
    slot.load?.overlay.set(id, connection);
    const list = slot.snap.value;
    if (!list) return;
    const index = list.findIndex((c) => c.id === id);
    if (connection === null && index < 0) return;
    if (connection !== null && index >= 0 && sameConnection(list[index], connection)) return;
    const next =
      connection === null
        ? list.filter((c) => c.id !== id)
        : index < 0
          ? [...list, connection]
          : list.map((c, i) => (i === index ? connection : c));
    this.#update(slot, { ...slot.snap, value: next });
  }

  #drop(id: string): void {
    const slot = this.#byId.get(id);
    if (slot) {
      if (slot.load?.controller) slot.load.superseded = true;
      slot.stale = false;
      const error = new LinkError('not-found', 'The connection was removed.', { status: 404, retryable: false });
      this.#update(slot, snapshot<Connection>(undefined, error, slot.load !== undefined, 0));
    }
    this.#listChange(id, null);
  }

  #invalidate<T>(slot: Slot<T>): void {
    slot.stale = true;
    if (slot.load) slot.load.invalidated = true;
    else if (slot.listeners.size > 0) this.#reload(slot);
  }

  // ---- who still wants what ----

  #wanted<T>(slot: Slot<T>): boolean {
    if (slot.callers > 0 || slot.listeners.size > 0) return true;
    if ((slot as Slot<unknown>) !== this.#connections) return false;
    for (const one of this.#byId.values()) {
      if (one.load?.viaList && (one.callers > 0 || one.listeners.size > 0)) return true;
    }
    return false;
  }

  /** Stops the slot's load when nobody waits for it any more. */
  #release<T>(slot: Slot<T>): void {
    const load = slot.load;
    if (!load || this.#wanted(slot)) return;
    slot.load = undefined;
    this.#update(slot, { ...slot.snap, loading: false });
    if (load.controller) {
      load.controller.abort();
    } else if (load.viaList) {
      this.#release(this.#connections);
    } else if (load.queued) {
      this.#queue.delete(slot.id as string);
      load.queued.reject(cancelled());
    }
  }

  /** Waits for `promise` on behalf of one caller, who may give up through `signal`. */
  #join<S, T>(slot: Slot<S>, promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    slot.callers++;
    return new Promise<T>((resolve, reject) => {
      let waiting = true;
      const leave = (): boolean => {
        if (!waiting) return false;
        waiting = false;
        slot.callers--;
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = (): void => {
        if (!leave()) return;
        reject(cancelled());
        this.#release(slot);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => leave() && resolve(value),
        (error: unknown) => leave() && reject(toLinkError(error)),
      );
    });
  }

  // ---- telling ----

  #update<T>(slot: Slot<T>, next: StoreSnapshot<T>): void {
    const prev = slot.snap;
    slot.snap = next;
    if (prev.value === next.value && prev.error === next.error && prev.loading === next.loading) return;
    for (const listener of [...slot.listeners]) this.#tell(listener, next);
  }

  #tell<T>(listener: Listener<T>, snap: StoreSnapshot<T>): void {
    try {
      listener(snap);
    } catch (error) {
      // One broken listener must not keep the others uninformed; its error still surfaces.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

function newLoad<T>(init: Pick<Load<T>, 'controller' | 'viaList' | 'queued'>): Load<T> {
  return {
    ...init,
    promise: undefined as unknown as Promise<T>,
    invalidated: false,
    superseded: false,
    overlay: new Map(),
  };
}

function unsupported(what: 'unlink' | 'remove'): LinkError {
  return new LinkError('provider', `This connection API cannot ${what} connections.`, { retryable: false });
}

/** Makes the store for `adapter`. */
export function createStore(adapter: ConnectionAdapter, options: StoreOptions = {}): ConnectionStore {
  return new Store(adapter, options);
}

const stores = new WeakMap<ConnectionAdapter, ConnectionStore>();

/** The one store per adapter that elements share when they get `.adapter` directly. */
export function storeFor(adapter: ConnectionAdapter): ConnectionStore {
  let store = stores.get(adapter);
  if (!store) stores.set(adapter, (store = createStore(adapter)));
  return store;
}
