import type { Connection, Integration, LinkError } from '../model/index.js';
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
}

/**
 * The shared cache elements use in front of an adapter: one request in flight per key however many
 * elements ask, answers cached for `freshFor`, and every subscriber told of changes.
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
   * Subscribes to a list or one connection. The listener is called on every change of its snapshot
   * (loading, value, error). Subscribing loads the data if it is missing or stale.
   */
  subscribeIntegrations(listener: (snapshot: StoreSnapshot<Integration[]>) => void): Unsubscribe;
  subscribeConnections(listener: (snapshot: StoreSnapshot<Connection[]>) => void): Unsubscribe;
  subscribeConnection(id: string, listener: (snapshot: StoreSnapshot<Connection>) => void): Unsubscribe;

  /** Marks cached answers stale and reloads those that have subscribers (one request each). */
  refresh(what?: 'integrations' | 'connections' | { connectionId: string }): Promise<void>;
  /** Puts a connection the caller got elsewhere (e.g. from polling) into the cache and tells subscribers. */
  put(connection: Connection): void;
}

/** Makes the store for `adapter`. Implemented in this file. */
export declare function createStore(adapter: ConnectionAdapter, options?: StoreOptions): ConnectionStore;
/** The one store per adapter that elements share when they get `.adapter` directly. */
export declare function storeFor(adapter: ConnectionAdapter): ConnectionStore;
