import { expect } from '@open-wc/testing';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../src/adapter/memory.js';
import { createStore, listStoreFor, storeFor, type StoreOptions, type StoreSnapshot } from '../../src/adapter/store.js';
import { LinkError, type Connection } from '../../src/model/index.js';
import { expectLinkError } from './contract.js';

const RETURN = `${location.origin}/app`;
type Method = 'listIntegrations' | 'listConnections' | 'getConnection' | 'startLink' | 'unlink' | 'remove';

/** Wraps an adapter to count its calls and keep the signals it was given. */
function counting(inner: ConnectionAdapter) {
  const calls: Record<Method, number> = {
    listIntegrations: 0,
    listConnections: 0,
    getConnection: 0,
    startLink: 0,
    unlink: 0,
    remove: 0,
  };
  const signals: AbortSignal[] = [];
  const seen = (method: Method, signal: AbortSignal | undefined): void => {
    calls[method]++;
    if (signal) signals.push(signal);
  };
  const adapter: ConnectionAdapter = {
    listIntegrations: (o) => (seen('listIntegrations', o?.signal), inner.listIntegrations(o)),
    listConnections: (o) => (seen('listConnections', o?.signal), inner.listConnections(o)),
    getConnection: (id, o) => (seen('getConnection', o?.signal), inner.getConnection(id, o)),
    startLink: (key, o) => (seen('startLink', o.signal), inner.startLink(key, o)),
    readReturn: (url) => inner.readReturn(url),
    unlink: (id, o) => (seen('unlink', o?.signal), inner.unlink!(id, o)),
    remove: (id, o) => (seen('remove', o?.signal), inner.remove!(id, o)),
  };
  return { adapter, calls, signals };
}

function setup(memory: MemoryAdapterOptions = {}, options: StoreOptions = {}) {
  const inner = createMemoryAdapter(memory);
  const wrapped = counting(inner);
  return { ...wrapped, inner, store: createStore(wrapped.adapter, options) };
}

/** Wraps an adapter so that each read is answered at once but held back until the test releases it. */
function held(inner: ConnectionAdapter) {
  const gates: (() => void)[] = [];
  const hold = <T>(answer: Promise<T>): Promise<T> => new Promise<void>((go) => gates.push(go)).then(() => answer);
  const adapter: ConnectionAdapter = {
    listIntegrations: (o) => hold(inner.listIntegrations(o)),
    listConnections: (o) => hold(inner.listConnections(o)),
    getConnection: (id, o) => hold(inner.getConnection(id, o)),
    startLink: (key, o) => inner.startLink(key, o),
    readReturn: (url) => inner.readReturn(url),
    unlink: (id, o) => inner.unlink!(id, o),
    remove: (id, o) => inner.remove!(id, o),
  };
  return {
    adapter,
    /** Lets every held answer through, and waits until the store has taken them in. */
    async release(): Promise<void> {
      for (const go of gates.splice(0)) go();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

function setupHeld() {
  const inner = createMemoryAdapter();
  const gate = held(inner);
  const wrapped = counting(gate.adapter);
  return { ...wrapped, inner, release: gate.release, store: createStore(wrapped.adapter) };
}

/** Records what a subscriber is told, and waits for a snapshot that matches. */
function recorder<T>() {
  const seen: StoreSnapshot<T>[] = [];
  let waiters: ((s: StoreSnapshot<T>) => boolean)[] = [];
  return {
    seen,
    listener: (s: StoreSnapshot<T>): void => {
      seen.push(s);
      waiters = waiters.filter((w) => !w(s));
    },
    until(pred: (s: StoreSnapshot<T>) => boolean): Promise<StoreSnapshot<T>> {
      return new Promise((resolve) => {
        const last = seen[seen.length - 1];
        if (last && pred(last)) return resolve(last);
        waiters.push((s) => (pred(s) ? (resolve(s), true) : false));
      });
    },
    get last(): StoreSnapshot<T> | undefined {
      return seen[seen.length - 1];
    },
  };
}

/** The shape of a snapshot, for comparing sequences. */
const shape = (s: StoreSnapshot<unknown>) => ({
  loading: s.loading,
  value: s.value !== undefined,
  error: s.error?.code,
});

function manyConnections(n: number): Connection[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    integrationKey: 'gbol',
    integrationName: 'Xero',
    status: 'linked' as const,
    health: 'healthy' as const,
    paused: false,
    categories: ['accounting'],
    issues: [],
  }));
}

/** Counts timers made while it is installed, and which of them are still pending. */
function trackTimers() {
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const live = new Set<ReturnType<typeof setTimeout>>();
  let made = 0;
  globalThis.setTimeout = ((handler: () => void, ms?: number) => {
    made++;
    const id = realSet(() => {
      live.delete(id);
      handler();
    }, ms);
    live.add(id);
    return id;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((id: ReturnType<typeof setTimeout>) => {
    live.delete(id);
    realClear(id);
  }) as typeof clearTimeout;
  return {
    live: () => live.size,
    made: () => made,
    restore() {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}

describe('store: one request however many ask', () => {
  it('serves 20 subscribers of the list with one adapter call', async () => {
    const { store, calls } = setup({ latency: 5 });
    const recorders = Array.from({ length: 20 }, () => recorder<Connection[]>());
    const stops = recorders.map((r) => store.subscribeConnections(r.listener));
    const snapshots = await Promise.all(recorders.map((r) => r.until((s) => s.value !== undefined)));
    expect(calls.listConnections).to.equal(1);
    for (const s of snapshots) expect(s.value?.map((c) => c.id)).to.include('conn_xero');
    stops.forEach((stop) => stop());
  });

  it('serves 20 concurrent reads of each kind with one call each', async () => {
    const { store, calls } = setup({ latency: 5 });
    const reads = await Promise.all([
      ...Array.from({ length: 20 }, () => store.listIntegrations()),
      ...Array.from({ length: 20 }, () => store.getConnection('conn_hubspot')),
    ]);
    expect(reads).to.have.length(40);
    expect(calls).to.deep.include({ listIntegrations: 1, listConnections: 0, getConnection: 1 });
    await Promise.all(Array.from({ length: 20 }, () => store.listConnections({ force: true })));
    expect(calls).to.deep.include({ listConnections: 1, getConnection: 1 });
  });

  it('answers reads of one connection from the list in flight', async () => {
    const { store, calls } = setup({ latency: 5 });
    const [list, ...ones] = await Promise.all([
      store.listConnections(),
      ...Array.from({ length: 20 }, () => store.getConnection('conn_hubspot')),
      store.getConnection('conn_xero'),
    ]);
    expect(ones.map((c) => c.id)).to.deep.equal([...Array.from({ length: 20 }, () => 'conn_hubspot'), 'conn_xero']);
    expect(ones[0]).to.deep.equal(list.find((c) => c.id === 'conn_hubspot'));
    expect(calls).to.deep.include({ listConnections: 1, getConnection: 0 });
  });

  it('serves 200 per-id subscribers and a list subscriber with one list request', async () => {
    const { store, calls } = setup({ seed: { connections: manyConnections(200) } });
    const list = recorder<Connection[]>();
    const stops = [store.subscribeConnections(list.listener)];
    const ones = Array.from({ length: 200 }, (_, i) => {
      const r = recorder<Connection>();
      stops.push(store.subscribeConnection(`c${i}`, r.listener));
      return r;
    });
    const values = await Promise.all(ones.map((r) => r.until((s) => s.value !== undefined)));
    expect(values.map((s) => s.value?.id)).to.deep.equal(Array.from({ length: 200 }, (_, i) => `c${i}`));
    expect(calls).to.deep.include({ listConnections: 1, getConnection: 0 });
    stops.forEach((stop) => stop());
  });

  it('serves 200 per-id subscribers from a fresh list at once, with no request', async () => {
    const { store, calls } = setup({ seed: { connections: manyConnections(200) } });
    await store.listConnections();
    const ones = Array.from({ length: 200 }, (_, i) => {
      const r = recorder<Connection>();
      store.subscribeConnection(`c${i}`, r.listener)();
      return r;
    });
    for (const [i, r] of ones.entries())
      expect(r.seen.map((s) => [s.loading, s.value?.id])).to.deep.equal([[false, `c${i}`]]);
    expect(calls).to.deep.include({ listConnections: 1, getConnection: 0 });
  });

  it('serves 200 per-id subscribers with no list yet with one list request', async () => {
    const { store, calls } = setup({ seed: { connections: manyConnections(200) } });
    const ones = Array.from({ length: 200 }, (_, i) => {
      const r = recorder<Connection>();
      store.subscribeConnection(`c${i}`, r.listener);
      return r;
    });
    await Promise.all(ones.map((r) => r.until((s) => s.value !== undefined)));
    expect(calls).to.deep.include({ listConnections: 1, getConnection: 0 });
    expect(store.connections().value).to.have.length(200);
  });

  it('asks for one connection by id when it is the only one wanted', async () => {
    const { store, calls } = setup();
    const r = recorder<Connection>();
    store.subscribeConnection('conn_zendesk', r.listener);
    const s = await r.until((x) => x.value !== undefined);
    expect(s.value?.health).to.equal('unhealthy');
    expect(calls).to.deep.include({ listConnections: 0, getConnection: 1 });
  });

  it('asks for an id the fresh list lacks, and tells its subscriber not-found', async () => {
    const { store, calls } = setup();
    await store.listConnections();
    const r = recorder<Connection>();
    store.subscribeConnection('conn_gone', r.listener);
    const s = await r.until((x) => x.error !== undefined);
    expect(s.error?.code).to.equal('not-found');
    expect(s.value).to.equal(undefined);
    expect(calls).to.deep.include({ listConnections: 1, getConnection: 1 });
    await expectLinkError(store.getConnection('conn_gone'), 'not-found');
  });
});

describe('store: freshness', () => {
  it('answers from cache within freshFor and asks again after it', async () => {
    let t = 1_000_000;
    const { store, calls } = setup({}, { freshFor: 1000, now: () => t });
    await store.listConnections();
    t += 999;
    await store.listConnections();
    expect((await store.getConnection('conn_xero')).id).to.equal('conn_xero');
    expect(calls).to.deep.include({ listConnections: 1, getConnection: 0 });
    t += 1;
    await store.listConnections();
    expect(calls.listConnections).to.equal(2);
    await store.listConnections({ force: true });
    expect(calls.listConnections).to.equal(3);
  });

  it('keeps answers 30 s by default', async () => {
    let t = 5_000_000;
    const { store, calls } = setup({}, { now: () => t });
    await store.listIntegrations();
    t += 29_999;
    await store.listIntegrations();
    expect(calls.listIntegrations).to.equal(1);
    t += 1;
    await store.listIntegrations();
    expect(calls.listIntegrations).to.equal(2);
  });

  it('reloads a stale answer for a new subscriber, keeping the old value while loading', async () => {
    let t = 0;
    const { store, calls } = setup({}, { freshFor: 100, now: () => t });
    await store.listIntegrations();
    t = 100;
    const r = recorder<unknown>();
    store.subscribeIntegrations(r.listener);
    await r.until((s) => !s.loading);
    expect(r.seen.map(shape)).to.deep.equal([
      { loading: true, value: true, error: undefined },
      { loading: false, value: true, error: undefined },
    ]);
    expect(calls.listIntegrations).to.equal(2);
  });
});

describe('store: changes', () => {
  it('puts the unlinked connection into the list and its subscribers, with no new request', async () => {
    const { store, calls } = setup();
    const list = recorder<Connection[]>();
    const one = recorder<Connection>();
    store.subscribeConnections(list.listener);
    store.subscribeConnection('conn_xero', one.listener);
    await one.until((s) => s.value !== undefined);
    const answered = await store.unlink('conn_xero');
    expect(answered.status).to.equal('unlinked');
    expect(one.last?.value?.status).to.equal('unlinked');
    expect(list.last?.value?.find((c) => c.id === 'conn_xero')?.status).to.equal('unlinked');
    expect(calls).to.deep.include({ listConnections: 1, getConnection: 0, unlink: 1 });
  });

  it('drops a removed connection from the list and tells its subscribers it is gone', async () => {
    const { store, calls } = setup();
    const list = recorder<Connection[]>();
    const one = recorder<Connection>();
    store.subscribeConnections(list.listener);
    store.subscribeConnection('conn_square', one.listener);
    await one.until((s) => s.value !== undefined);
    await store.remove('conn_square');
    expect(list.last?.value?.map((c) => c.id)).not.to.include('conn_square');
    expect(one.last?.value).to.equal(undefined);
    expect(one.last?.error?.code).to.equal('not-found');
    expect(store.connection('conn_square').value).to.equal(undefined);
    expect(calls).to.deep.include({ listConnections: 1, getConnection: 0, remove: 1 });
  });

  it('reloads the list a subscriber watches after startLink, and caches the new connection', async () => {
    const { store, calls } = setup();
    const list = recorder<Connection[]>();
    store.subscribeConnections(list.listener);
    await list.until((s) => s.value !== undefined);
    const { connection } = await store.startLink('gbol', { returnUrl: RETURN, state: 's' });
    expect(store.connection(connection!.id).value?.status).to.equal('pending');
    await list.until((s) => !s.loading && calls.listConnections === 2);
    expect(list.last?.value?.map((c) => c.id)).to.include(connection!.id);
  });

  it('asks again on the next read after startLink when nobody watches the list', async () => {
    const { store, calls } = setup();
    await store.listConnections();
    await store.startLink('gbol', { returnUrl: RETURN, state: 's' });
    expect(calls.listConnections).to.equal(1);
    await store.listConnections();
    expect(calls.listConnections).to.equal(2);
  });

  it('puts a connection got elsewhere into the list and its subscribers', async () => {
    const { store } = setup();
    const list = recorder<Connection[]>();
    const one = recorder<Connection>();
    store.subscribeConnections(list.listener);
    store.subscribeConnection('conn_shopify', one.listener);
    const before = await one.until((s) => s.value !== undefined);
    store.put({ ...(before.value as Connection), status: 'linked', health: 'healthy' });
    expect(one.last?.value?.status).to.equal('linked');
    expect(list.last?.value?.find((c) => c.id === 'conn_shopify')?.status).to.equal('linked');
    const newcomer = { ...(before.value as Connection), id: 'conn_new' };
    store.put(newcomer);
    expect(list.last?.value?.map((c) => c.id)).to.include('conn_new');
    expect(store.connection('conn_new').value).to.deep.equal(newcomer);
  });

  it('keeps a put over a list answer that was already on its way', async () => {
    const { store, inner } = setup({ latency: 5 });
    const list = recorder<Connection[]>();
    store.subscribeConnections(list.listener);
    const xero = await inner.getConnection('conn_xero');
    store.put({ ...xero, paused: true });
    const landed = await list.until((s) => !s.loading);
    expect(landed.value?.find((c) => c.id === 'conn_xero')?.paused).to.equal(true);
  });

  it('refreshes what is watched with one request each', async () => {
    const { store, calls } = setup();
    const list = recorder<Connection[]>();
    const one = recorder<Connection>();
    const other = recorder<Connection>();
    store.subscribeConnections(list.listener);
    store.subscribeConnection('conn_xero', one.listener);
    store.subscribeConnection('conn_plaid', other.listener);
    await one.until((s) => s.value !== undefined);
    await store.refresh();
    expect(calls).to.deep.include({ listConnections: 2, getConnection: 0, listIntegrations: 0 });
    await store.refresh({ connectionId: 'conn_xero' });
    expect(calls).to.deep.include({ listConnections: 2, getConnection: 1 });
  });

  it('refuses unlink and remove when the adapter has neither', async () => {
    const inner = createMemoryAdapter();
    const store = createStore({
      listIntegrations: (o) => inner.listIntegrations(o),
      listConnections: (o) => inner.listConnections(o),
      getConnection: (id, o) => inner.getConnection(id, o),
      startLink: (key, o) => inner.startLink(key, o),
      readReturn: (url) => inner.readReturn(url),
    });
    expect(store.canUnlink).to.equal(false);
    expect(store.canRemove).to.equal(false);
    await expectLinkError(store.unlink('conn_xero'), 'provider');
    await expectLinkError(store.remove('conn_xero'), 'provider');
    expect(createStore(inner).canUnlink).to.equal(true);
  });

  it('passes errors of changes on as LinkErrors and changes nothing', async () => {
    const { store } = setup({ failures: { unlink: 'unauthorized' } });
    await store.listConnections();
    await expectLinkError(store.unlink('conn_xero'), 'unauthorized');
    expect(store.connection('conn_xero').value?.status).to.equal('linked');
    await expectLinkError(store.startLink('nope', { returnUrl: RETURN, state: 's' }), 'not-found');
  });
});

describe('store: what subscribers are told', () => {
  it('tells a new subscriber loading, then the value', async () => {
    const { store } = setup();
    const r = recorder<Connection[]>();
    store.subscribeConnections(r.listener);
    expect(r.seen.map(shape)).to.deep.equal([{ loading: true, value: false, error: undefined }]);
    await r.until((s) => !s.loading);
    expect(r.seen.map(shape)).to.deep.equal([
      { loading: true, value: false, error: undefined },
      { loading: false, value: true, error: undefined },
    ]);
    expect(r.last?.loadedAt).to.be.greaterThan(0);
  });

  it('tells a subscriber the cached value at once when it is fresh', async () => {
    const { store } = setup();
    await store.listIntegrations();
    const r = recorder<unknown>();
    store.subscribeIntegrations(r.listener);
    expect(r.seen.map(shape)).to.deep.equal([{ loading: false, value: true, error: undefined }]);
  });

  it('tells subscribers of an error, and clears it with the next success', async () => {
    const { store } = setup({ failures: { listConnections: 1 } });
    const r = recorder<Connection[]>();
    store.subscribeConnections(r.listener);
    await r.until((s) => !s.loading);
    expect(r.last?.error?.code).to.equal('network');
    expect(LinkError.is(r.last?.error)).to.equal(true);
    await store.refresh('connections');
    expect(r.seen.map(shape)).to.deep.equal([
      { loading: true, value: false, error: undefined },
      { loading: false, value: false, error: 'network' },
      { loading: true, value: false, error: 'network' },
      { loading: false, value: true, error: undefined },
    ]);
  });

  it('tells per-id subscribers waiting on the list of its error', async () => {
    const { store, calls } = setup({ failures: { listConnections: 'unauthorized' } });
    const a = recorder<Connection>();
    const b = recorder<Connection>();
    store.subscribeConnection('conn_xero', a.listener);
    store.subscribeConnection('conn_hubspot', b.listener);
    const [sa, sb] = await Promise.all([a.until((s) => !s.loading), b.until((s) => !s.loading)]);
    expect(sa.error?.code).to.equal('unauthorized');
    expect(sb.error?.code).to.equal('unauthorized');
    expect(calls).to.deep.include({ listConnections: 1, getConnection: 0 });
  });

  it('stops telling a subscriber that left', async () => {
    const { store } = setup();
    const r = recorder<Connection[]>();
    const stop = store.subscribeConnections(r.listener);
    await r.until((s) => !s.loading);
    stop();
    stop();
    const count = r.seen.length;
    await store.refresh();
    await store.listConnections({ force: true });
    expect(r.seen.length).to.equal(count);
  });
});

describe('store: answers that race with changes', () => {
  it('keeps a connection put while its own request was on its way', async () => {
    const { store, inner, calls, release } = setupHeld();
    const one = recorder<Connection>();
    store.subscribeConnection('conn_xero', one.listener);
    await Promise.resolve();
    expect(calls.getConnection).to.equal(1);
    const xero = await inner.getConnection('conn_xero');
    store.put({ ...xero, paused: true });
    await release();
    expect(one.last?.loading).to.equal(false);
    expect(one.last?.value?.paused).to.equal(true);
    expect((await store.getConnection('conn_xero')).paused).to.equal(true);
    expect(calls.getConnection).to.equal(1);
  });

  it('does not bring back a connection removed while its request was on its way', async () => {
    const { store, release } = setupHeld();
    const one = recorder<Connection>();
    store.subscribeConnection('conn_square', one.listener);
    await Promise.resolve();
    await store.remove('conn_square');
    await release();
    expect(one.last?.loading).to.equal(false);
    expect(one.last?.value).to.equal(undefined);
    expect(one.last?.error?.code).to.equal('not-found');
  });

  it('replays puts and removals over a list answer that was on its way', async () => {
    const { store, inner, release } = setupHeld();
    const list = recorder<Connection[]>();
    store.subscribeConnections(list.listener);
    const xero = await inner.getConnection('conn_xero');
    store.put({ ...xero, paused: true });
    await store.remove('conn_square');
    await release();
    const ids = list.last?.value?.map((c) => c.id);
    expect(ids).to.include('conn_xero');
    expect(ids).not.to.include('conn_square');
    expect(list.last?.value?.find((c) => c.id === 'conn_xero')?.paused).to.equal(true);
  });

  it('reloads a list refreshed while its answer was on its way, once', async () => {
    const { store, calls, release } = setupHeld();
    const list = recorder<Connection[]>();
    store.subscribeConnections(list.listener);
    const refreshed = store.refresh('connections');
    expect(calls.listConnections).to.equal(1);
    await release();
    expect(calls.listConnections).to.equal(2);
    expect(list.last?.loading).to.equal(true);
    await release();
    await refreshed;
    expect(calls.listConnections).to.equal(2);
    expect(list.last?.loading).to.equal(false);
  });

  it('asks by id for a connection the list in flight turns out to lack', async () => {
    const { store, inner, calls, release } = setupHeld();
    const listed = store.listConnections();
    const { connection } = await inner.startLink('gbol', { returnUrl: RETURN, state: 's' });
    const read = store.getConnection(connection!.id);
    await release();
    await listed;
    expect(calls).to.deep.include({ listConnections: 1, getConnection: 1 });
    await release();
    expect((await read).id).to.equal(connection!.id);
  });

  it('forgets a connection the adapter no longer has, in the list too', async () => {
    const { store, inner } = setup();
    await store.listConnections();
    await inner.remove!('conn_xero');
    await expectLinkError(store.getConnection('conn_xero', { force: true }), 'not-found');
    expect(store.connections().value?.map((c) => c.id)).not.to.include('conn_xero');
    expect(store.connection('conn_xero').error?.code).to.equal('not-found');
  });
});

describe('store: listeners', () => {
  it('tells every listener when one throws, and lets its error surface', async () => {
    const { store } = setup();
    const thrown: unknown[] = [];
    const realQueue = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (task) =>
      realQueue(() => {
        try {
          task();
        } catch (error) {
          thrown.push(error);
        }
      });
    try {
      const broken = new Error('broken listener');
      store.subscribeConnections(() => {
        throw broken;
      });
      const other = recorder<Connection[]>();
      store.subscribeConnections(other.listener);
      await other.until((s) => !s.loading);
      await Promise.resolve();
      expect(other.seen.map(shape)).to.deep.equal([
        { loading: true, value: false, error: undefined },
        { loading: false, value: true, error: undefined },
      ]);
      expect(thrown).to.deep.equal([broken, broken]);
    } finally {
      globalThis.queueMicrotask = realQueue;
    }
  });

  it('gives a listener subscribed twice two subscriptions', async () => {
    const { store, inner } = setup();
    const r = recorder<Connection[]>();
    const stop = store.subscribeConnections(r.listener);
    store.subscribeConnections(r.listener);
    await r.until((s) => !s.loading);
    stop();
    const count = r.seen.length;
    store.put({ ...(await inner.getConnection('conn_xero')), paused: true });
    expect(r.seen.length).to.equal(count + 1);
  });

  it('leaves out of a snapshot the parts it does not have', async () => {
    const { store } = setup({ failures: { getConnection: 'unauthorized' } });
    const r = recorder<Connection>();
    store.subscribeConnection('conn_xero', r.listener);
    await r.until((s) => !s.loading);
    expect(r.seen.map((s) => Object.keys(s).sort())).to.deep.equal([
      ['loadedAt', 'loading'],
      ['error', 'loadedAt', 'loading'],
    ]);
    expect(Object.isFrozen(store.connection('conn_nope'))).to.equal(true);
  });

  it('lets a listener refresh as a load begins: the refresh waits for that load, then the reload it asked for', async () => {
    const { store, calls } = setup();
    const refreshes: Promise<void>[] = [];
    const r = recorder<Connection[]>();
    const stop = store.subscribeConnections((s) => {
      r.listener(s);
      if (s.loading && refreshes.length === 0) refreshes.push(store.refresh('connections'));
    });
    expect(refreshes).to.have.length(1);
    await refreshes[0];
    expect(r.last).to.include({ loading: false });
    expect(r.last!.value).to.have.length.greaterThan(0);
    expect(calls.listConnections).to.equal(2);
    stop();
  });
});

describe('store: nothing left behind', () => {
  let timers: ReturnType<typeof trackTimers>;
  beforeEach(() => {
    timers = trackTimers();
  });
  afterEach(() => timers.restore());

  it('aborts the request in flight when the last subscriber leaves, leaving no timer', async () => {
    const { store, signals } = setup({ latency: 60_000 });
    const a = recorder<Connection[]>();
    const b = recorder<Connection[]>();
    const stopA = store.subscribeConnections(a.listener);
    const stopB = store.subscribeConnections(b.listener);
    expect(timers.live()).to.equal(1);
    stopA();
    expect(signals[0]?.aborted).to.equal(false);
    stopB();
    expect(signals[0]?.aborted).to.equal(true);
    expect(timers.live()).to.equal(0);
    expect(store.connections().loading).to.equal(false);
    expect(b.last?.loading).to.equal(true);
  });

  it('aborts the list request per-id subscribers were waiting on when they all leave', async () => {
    const { store, signals, calls } = setup({ latency: 60_000 });
    const stops = ['conn_xero', 'conn_plaid', 'conn_hubspot'].map((id) => store.subscribeConnection(id, () => {}));
    await Promise.resolve();
    expect(calls.listConnections).to.equal(1);
    stops[0]!();
    stops[1]!();
    expect(signals[0]?.aborted).to.equal(false);
    stops[2]!();
    expect(signals[0]?.aborted).to.equal(true);
    expect(timers.live()).to.equal(0);
    expect(store.connection('conn_xero').loading).to.equal(false);
  });

  it('makes no request for per-id subscribers that left before it was sent', async () => {
    const { store, calls } = setup();
    store.subscribeConnection('conn_xero', () => {})();
    store.subscribeConnection('conn_plaid', () => {})();
    await Promise.resolve();
    await Promise.resolve();
    expect(calls).to.deep.include({ listConnections: 0, getConnection: 0 });
  });

  it('cancels a caller that gives up without cancelling the request subscribers wait for', async () => {
    const { store, signals } = setup({ latency: 5 });
    const r = recorder<Connection[]>();
    store.subscribeConnections(r.listener);
    const controller = new AbortController();
    const read = store.listConnections({ signal: controller.signal });
    controller.abort();
    await expectLinkError(read, 'cancelled');
    expect(signals[0]?.aborted).to.equal(false);
    const s = await r.until((x) => !x.loading);
    expect(s.value?.length).to.be.greaterThan(0);
  });

  it('aborts the request when its only caller gives up', async () => {
    const { store, signals } = setup({ latency: 60_000 });
    const controller = new AbortController();
    const read = store.getConnection('conn_xero', { signal: controller.signal, force: true });
    expect(signals[0]?.aborted).to.equal(false);
    controller.abort();
    await expectLinkError(read, 'cancelled');
    expect(signals[0]?.aborted).to.equal(true);
    expect(timers.live()).to.equal(0);
    const pre = new AbortController();
    pre.abort();
    await expectLinkError(store.listIntegrations({ signal: pre.signal }), 'cancelled');
  });

  it('holds no timer of its own, whatever it does', async () => {
    let t = 0;
    const { store } = setup({}, { freshFor: 10, now: () => t });
    const stops = [
      store.subscribeIntegrations(() => {}),
      store.subscribeConnections(() => {}),
      store.subscribeConnection('conn_xero', () => {}),
      store.subscribeConnection('conn_nope', () => {}),
    ];
    await store.refresh();
    t = 50;
    await store.listConnections();
    await store.unlink('conn_xero');
    await store.startLink('gbol', { returnUrl: RETURN, state: 's' });
    await store.refresh();
    stops.forEach((stop) => stop());
    expect(timers.made()).to.equal(0);
  });
});

describe('storeFor', () => {
  it('gives one store per adapter', () => {
    const a = createMemoryAdapter();
    const b = createMemoryAdapter();
    expect(storeFor(a)).to.equal(storeFor(a));
    expect(storeFor(a)).not.to.equal(storeFor(b));
    expect(storeFor(a).adapter).to.equal(a);
  });

  it('passes readReturn through to the adapter', () => {
    const store = storeFor(createMemoryAdapter());
    expect(store.readReturn(new URL(`${RETURN}?lf_outcome=approved&lf_state=s`))).to.deep.equal({
      state: 's',
      outcome: 'success',
    });
    expect(store.readReturn(new URL(RETURN))).to.equal(null);
  });
});

describe('listStoreFor: the lists alone, then the whole store', () => {
  it('is the same object storeFor gives for the adapter, before and after', () => {
    const a = createMemoryAdapter();
    const lists = listStoreFor(a);
    expect(lists.adapter).to.equal(a);
    expect('put' in lists).to.equal(false);
    expect(storeFor(a)).to.equal(lists);
    expect(listStoreFor(a)).to.equal(lists);
    expect(typeof (lists as ReturnType<typeof storeFor>).put).to.equal('function');
  });

  it('keeps the lists it loaded when the whole store is asked for: no second request', async () => {
    const { adapter, calls } = counting(createMemoryAdapter());
    const lists = listStoreFor(adapter);
    const seen = recorder<Connection[]>();
    const stop = lists.subscribeConnections(seen.listener);
    const loaded = await seen.until((s) => !s.loading && !!s.value);
    const store = storeFor(adapter);
    const first = loaded.value![0]!;
    expect(store.connection(first.id).value).to.deep.equal(first);
    expect(await store.getConnection(first.id)).to.deep.equal(first);
    expect(await store.listConnections()).to.deep.equal(loaded.value);
    expect(calls.listConnections).to.equal(1);
    expect(calls.getConnection).to.equal(0);
    stop();
  });

  it('answers per-id reads from a list request that started before the whole store was asked for', async () => {
    const gate = held(createMemoryAdapter());
    const { adapter, calls } = counting(gate.adapter);
    const lists = listStoreFor(adapter);
    const stop = lists.subscribeConnections(() => undefined);
    expect(calls.listConnections).to.equal(1);
    const store = storeFor(adapter);
    const ids = (await createMemoryAdapter().listConnections()).map((c) => c.id);
    const reads = ids.map((id) => store.getConnection(id));
    await gate.release();
    expect((await Promise.all(reads)).map((c) => c.id)).to.deep.equal(ids);
    expect(calls.listConnections).to.equal(1);
    expect(calls.getConnection).to.equal(0);
    stop();
  });

  it('refreshes per-id subscriptions through the lists store object once the whole store exists', async () => {
    const inner = createMemoryAdapter();
    const { adapter, calls } = counting(inner);
    const lists = listStoreFor(adapter);
    const store = storeFor(adapter);
    const [first] = await inner.listConnections();
    // Only a per-id subscriber: the list itself is watched by nobody, so only the whole store's
    // refresh reloads this connection.
    const one = recorder<Connection>();
    const stop = store.subscribeConnection(first!.id, one.listener);
    await one.until((s) => !s.loading && s.value?.status === 'linked');
    await inner.unlink!(first!.id);
    const before = calls.listConnections + calls.getConnection;
    await lists.refresh('connections');
    expect(calls.listConnections + calls.getConnection - before).to.equal(1);
    expect(one.last?.value?.status).to.equal('unlinked');
    stop();
  });
});
