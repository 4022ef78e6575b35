import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConnectionAdapter } from '../../adapter/adapter.js';
import type { ConnectionStore } from '../../adapter/store.js';
import type { ListStore, StoreSnapshot, Unsubscribe } from '../../adapter/store-core.js';
import { storeContext } from '../../context/index.js';

/** An element the store controller serves: it may carry its own `.adapter`. */
export type StoreHost = ReactiveControllerHost & HTMLElement & { adapter?: ConnectionAdapter | undefined };

/** What the element watches in the store (a `ConnectionStore` unless the element asks for less), and how. */
export interface StoreWatch<T, S extends ListStore = ConnectionStore> {
  /**
   * Subscribes `listener` to the part of `store` the element shows (`store.subscribeConnection(id, l)`),
   * or returns undefined when there is nothing to watch yet (no id).
   */
  subscribe(store: S, listener: (snapshot: StoreSnapshot<T>) => void): Unsubscribe | undefined;
  /** What the subscription depends on besides the store (`[this.connectionId]`); a change resubscribes. */
  deps?(): readonly unknown[];
}

/**
 * Gives an element the store it works with: the one for its own `.adapter` when it has one, else the
 * one an enclosing `lf-provider` provides. The element says how its adapter's store is found: `storeFor`
 * for the full `ConnectionStore`, or `listStoreFor` for an element that needs only the lists (the
 * picker), so that its page does not load the per-connection part; both give the one store of that
 * adapter, and the provider's is always the full one. With a `watch`, it
 * subscribes while the element is connected, resubscribes when the store or the watched deps
 * change, unsubscribes on disconnect, and updates the element on every snapshot.
 */
export class StoreController<T = unknown, S extends ListStore = ConnectionStore> implements ReactiveController {
  private readonly host: StoreHost;
  readonly #consumer: ContextConsumer<typeof storeContext, StoreHost>;
  readonly #storeFor: (adapter: ConnectionAdapter) => S;
  readonly #watch: StoreWatch<T, S> | undefined;
  #connected?: boolean;
  #unsubscribe: Unsubscribe | undefined;
  /** What the subscription was made for: the store, then the deps; empty while disconnected. */
  #key: readonly unknown[] = [];
  #snapshot: StoreSnapshot<T> | undefined;

  constructor(host: StoreHost, storeFor: (adapter: ConnectionAdapter) => S, watch?: StoreWatch<T, S>) {
    (this.host = host).addController(this);
    this.#storeFor = storeFor;
    this.#watch = watch;
    this.#consumer = new ContextConsumer(host, { context: storeContext, subscribe: true });
  }

  /** The store in use: the element's own adapter's, else the provider's; undefined when there is neither. */
  get store(): S | undefined {
    const adapter = this.host.adapter;
    return adapter ? this.#storeFor(adapter) : (this.#consumer.value as S | undefined);
  }

  /**
   * The latest snapshot of what is watched; undefined before the first one or when nothing is watched.
   * Reading it first brings the subscription up to date, so `willUpdate` already sees a changed id's data.
   */
  get snapshot(): StoreSnapshot<T> | undefined {
    this.#sync();
    return this.#snapshot;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#sync();
  }

  hostUpdate(): void {
    this.#sync();
  }

  /** Subscribes, resubscribes or stops so the subscription matches the store and deps now. */
  #sync(): void {
    const watch = this.#watch;
    if (!watch) return;
    const key = this.#connected ? [this.store, ...(watch.deps?.() ?? [])] : [];
    const old = this.#key;
    if (key.length === old.length && key.every((value, i) => Object.is(value, old[i]))) return;
    this.#unsubscribe?.();
    this.#key = key;
    this.#unsubscribe = this.#snapshot = undefined;
    const store = key[0] as S | undefined;
    if (!store) return;
    this.#unsubscribe = watch.subscribe(store, (snapshot) => {
      if (this.#key[0] !== store) return;
      this.#snapshot = snapshot;
      this.host.requestUpdate();
    });
  }
}
