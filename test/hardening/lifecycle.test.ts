// Lifecycle: a second copy of the library on the page, 50 elements sharing one list request, 1,000
// mount/unmount cycles that leave nothing running, and an adapter replaced while its answer is on the way.
// (A React StrictMode double mount is covered by the React example's own test.)
import { expect, fixture, html } from '@open-wc/testing';
import type { CallOptions, ConnectionAdapter } from '../../src/adapter/adapter.js';
import { createMemoryAdapter } from '../../src/adapter/memory.js';
import '../../src/define.js';
import { defineElement } from '../../src/elements/base/define-element.js';
import { LfConnectionList } from '../../src/elements/connection-list/connection-list.js';
import { LfLinkFlow } from '../../src/elements/link-flow/link-flow.js';
import { LfProvider } from '../../src/elements/provider/provider.js';
import type { LfStatusIndicator } from '../../src/elements/status-indicator/status-indicator.js';
import { PendingStore, createState } from '../../src/flow/index.js';
import { LinkError, type Connection, type Integration } from '../../src/model/index.js';
import { channelBus, fakeWindow } from '../flow/fakes.js';
import {
  captureConsole,
  instrument,
  instrumentGlobals,
  macrotask,
  memoryStorage,
  sleep,
  wholeMarkup,
} from './helpers.js';

const APP = `${location.origin}/app/settings/integrations`;
const TAGS = [
  'lf-provider',
  'lf-connection-picker',
  'lf-status-indicator',
  'lf-error-panel',
  'lf-link-flow',
  'lf-connection-list',
];

/** Waits (a macrotask at a time, so quickly) until `predicate` holds. */
async function until(predicate: () => unknown, what: string, turns = 2_000): Promise<void> {
  for (let i = 0; i < turns; i += 1) {
    if (predicate()) return;
    await macrotask();
  }
  throw new Error(`timed out waiting for ${what}`);
}

const rows = (list: Element) => list.shadowRoot?.querySelectorAll('li[data-id]').length ?? 0;
const options = (picker: Element) => picker.shadowRoot?.querySelectorAll('[role="option"]').length ?? 0;
const indicatorState = (indicator: Element) =>
  indicator.shadowRoot?.querySelector('[part~="base"]')?.getAttribute('data-state') ?? '';

describe('lifecycle', () => {
  describe('the library loaded twice', () => {
    it('a second registration of every tag warns and keeps the first; both copies work together', async function () {
      this.timeout(30_000);
      const built = await fetch('/dist/define.js', { method: 'HEAD' });
      expect(built.ok, 'dist/define.js exists (npm test builds it first; else run npm run build)').to.equal(true);
      const quiet = captureConsole({ forward: false });
      let second: { LfConnectionList: CustomElementConstructor; LfStatusIndicator: CustomElementConstructor };
      let secondIndex: { createMemoryAdapter: typeof createMemoryAdapter; LinkError: typeof LinkError };
      try {
        // A variable specifier keeps the type checker and the bundler out of it: the browser loads the build.
        const defineUrl = '../../dist/define.js';
        const indexUrl = '../../dist/index.js';
        second = (await import(/* @vite-ignore */ defineUrl)) as typeof second;
        secondIndex = (await import(/* @vite-ignore */ indexUrl)) as typeof secondIndex;
      } finally {
        quiet.stop();
      }
      const warnings = quiet.calls.filter((call) => call.method === 'warn').map((call) => String(call.args[0]));
      for (const tag of TAGS) {
        expect(
          warnings.some((text) => text.includes(`<${tag}>`) && text.includes('already defined')),
          tag,
        ).to.equal(true);
      }
      expect(quiet.calls.filter((call) => call.method === 'error')).to.deep.equal([]);
      expect(customElements.get('lf-link-flow')).to.equal(LfLinkFlow);
      expect(customElements.get('lf-connection-list')).to.equal(LfConnectionList);
      expect(second.LfConnectionList).not.to.equal(LfConnectionList);

      // The second copy's classes, under tags of their own, find this copy's provider (the context keys
      // are shared), and this copy's elements work on the second copy's adapter and its errors.
      customElements.define('x-second-connection-list', second.LfConnectionList);
      customElements.define('x-second-status-indicator', second.LfStatusIndicator);
      const adapter = secondIndex.createMemoryAdapter({ failures: { getConnection: 'unauthorized' } });
      const [first] = await adapter.listConnections();
      const page = await fixture<LfProvider>(
        html`<lf-provider .adapter=${adapter}>
          <lf-link-flow></lf-link-flow>
          <lf-connection-list></lf-connection-list>
          <x-second-connection-list></x-second-connection-list>
          <x-second-status-indicator connection-id=${first!.id}></x-second-status-indicator>
        </lf-provider>`,
      );
      const flow = page.querySelector<LfLinkFlow>('lf-link-flow')!;
      await until(() => flow.step === 'choosing', 'the flow to load');
      const lists = [page.querySelector('lf-connection-list')!, page.querySelector('x-second-connection-list')!];
      await until(() => lists.every((list) => rows(list) > 0), 'both lists to render');
      expect(rows(lists[0]!)).to.equal(rows(lists[1]!));
      await until(() => indicatorState(page.querySelector('x-second-status-indicator')!) === 'linked', 'indicator');
      // A LinkError of the other copy is a LinkError here too.
      const error = await adapter.getConnection(first!.id).catch((caught: unknown) => caught);
      expect(LinkError.is(error)).to.equal(true);
      expect(error).to.be.instanceOf(secondIndex.LinkError);
    });

    it('defineElement with another class for a taken tag warns and keeps the first; the same class is silent', () => {
      const quiet = captureConsole({ forward: false });
      try {
        defineElement('lf-provider', class extends LfProvider {});
        defineElement('lf-provider', LfProvider);
      } finally {
        quiet.stop();
      }
      expect(quiet.calls.map((call) => call.method)).to.deep.equal(['warn']);
      expect(String(quiet.calls[0]!.args[0])).to.contain('<lf-provider> is already defined');
      expect(customElements.get('lf-provider')).to.equal(LfProvider);
    });
  });

  it('50 elements under one provider make one list request (and one integrations request)', async () => {
    const ids = (await createMemoryAdapter().listConnections()).map((c) => c.id);
    const { adapter, log } = instrument(createMemoryAdapter({ latency: 30 }));
    const kinds = Array.from({ length: 50 }, (_, i) => ['indicator', 'list', 'picker'][i % 3]!);
    const page = await fixture<LfProvider>(
      html`<lf-provider .adapter=${adapter}>
        ${kinds.map((kind, i) =>
          kind === 'indicator'
            ? html`<lf-status-indicator connection-id=${ids[i % ids.length]!}></lf-status-indicator>`
            : kind === 'list'
              ? html`<lf-connection-list></lf-connection-list>`
              : html`<lf-connection-picker></lf-connection-picker>`,
        )}
      </lf-provider>`,
    );
    expect(page.children).to.have.length(50);
    const all = [...page.children];
    await until(
      () =>
        all.every((element) =>
          element.localName === 'lf-status-indicator'
            ? !['', 'loading', 'error', 'not-found'].includes(indicatorState(element))
            : element.localName === 'lf-connection-list'
              ? rows(element) > 0
              : options(element) > 0,
        ),
      'all 50 elements to show their data',
    );
    expect(log.calls).to.deep.equal({ listConnections: 1, listIntegrations: 1 });
  });

  describe('1,000 mount/unmount cycles', () => {
    it('leave no timer, interval, listener, observer, channel, subscription or request behind', async function () {
      this.timeout(300_000);
      const CYCLES = 1_000;
      // Slow calls are still in flight when their elements leave; quick ones let the flow reach its later steps.
      const slow = instrument(createMemoryAdapter({ latency: 3 }));
      const quick = instrument(createMemoryAdapter());
      // A connection the flow can verify forever: pending, and never approved.
      const started = await quick.adapter.startLink('qhyg', { returnUrl: APP, state: createState() });
      const pendingId = started.connection!.id;
      const bus = channelBus();
      const windows: ReturnType<typeof fakeWindow>[] = [];
      const persistent = await fixture<LfProvider>(html`<lf-provider .adapter=${quick.adapter}></lf-provider>`);
      const reached = { choosing: 0, listed: 0, verifying: 0, authorizing: 0, polled: 0 };

      const globals = instrumentGlobals();
      try {
        for (let i = 0; i < CYCLES; i += 1) {
          const variant = i % 4;
          if (variant === 0) {
            // A whole page on the slow adapter, removed while every request is in flight.
            const provider = document.createElement('lf-provider');
            provider.adapter = slow.adapter;
            provider.append(
              document.createElement('lf-link-flow'),
              document.createElement('lf-connection-list'),
              document.createElement('lf-connection-picker'),
              Object.assign(document.createElement('lf-status-indicator'), { connectionId: pendingId }),
            );
            document.body.append(provider);
            await (provider.querySelector('lf-connection-list') as LfConnectionList).updateComplete;
            provider.remove();
          } else if (variant === 1) {
            // Elements come and go under a provider that stays: its store keeps serving them.
            const list = document.createElement('lf-connection-list');
            const indicator = Object.assign(document.createElement('lf-status-indicator'), {
              connectionId: pendingId,
            }) as LfStatusIndicator;
            const flow = document.createElement('lf-link-flow');
            persistent.append(flow, list, indicator, document.createElement('lf-connection-picker'));
            await until(() => rows(list) > 0 && flow.step === 'choosing', 'the list and the flow');
            reached.listed += 1;
            reached.choosing += 1;
            flow.remove();
            list.remove();
            indicator.remove();
            persistent.replaceChildren();
          } else if (variant === 2) {
            // A flow resuming a return, polling a connection that stays pending, removed mid-verification.
            const storage = memoryStorage();
            const state = createState();
            new PendingStore(storage).add({
              state,
              integrationKey: 'qhyg',
              connectionId: pendingId,
              startedAt: Date.now(),
              returnUrl: APP,
              mode: 'redirect',
            });
            const win = fakeWindow({
              href: `${APP}?lf_state=${state}&lf_connection=${pendingId}&lf_outcome=approved`,
              storage,
              channel: bus,
            });
            windows.push(win);
            const before = quick.log.calls['getConnection'] ?? 0;
            const flow = Object.assign(document.createElement('lf-link-flow'), {
              adapter: quick.adapter,
              poll: { initial: 1, max: 2, deadline: 60_000 },
              flowOptions: { window: win.win, storage },
            });
            document.body.append(flow);
            await until(() => flow.step === 'verifying' && (quick.log.calls['getConnection'] ?? 0) > before, 'polling');
            reached.verifying += 1;
            reached.polled += 1;
            flow.remove();
          } else {
            // A popup-mode link waiting on its popup (watched by timers, a message listener and a channel).
            const storage = memoryStorage();
            const win = fakeWindow({ href: APP, storage, channel: bus });
            windows.push(win);
            const flow = Object.assign(document.createElement('lf-link-flow'), {
              adapter: quick.adapter,
              mode: 'popup',
              flowOptions: { window: win.win, storage },
            });
            document.body.append(flow);
            await until(() => flow.step === 'choosing', 'the popup flow to load');
            void flow.flow!.select('qhyg');
            await until(() => flow.step === 'authorizing', 'authorizing');
            reached.authorizing += 1;
            flow.remove();
          }
        }
        // Whatever was aborted settles; whatever was left would still be running now.
        await sleep(100);
        await macrotask();
        const live = globals.live();
        expect(live, 'live timers, intervals, global listeners and resize observations').to.deep.equal({
          timers: 0,
          intervals: 0,
          listeners: 0,
          observations: 0,
        });
        // The instrumentation saw the library at work: the zeros above are not vacuous.
        expect(globals.made.timers, 'timers made').to.be.greaterThan(CYCLES / 4);
        expect(globals.made.intervals, 'intervals made').to.be.greaterThan(CYCLES / 4);
        expect(globals.made.listeners, 'message and visibility listeners made').to.be.greaterThan(CYCLES / 4);
        expect(globals.made.observations, 'resize observations made').to.be.greaterThan(0);
      } finally {
        globals.restore();
      }
      expect(reached).to.deep.equal({ choosing: 250, listed: 250, verifying: 250, authorizing: 250, polled: 250 });
      expect(slow.log.inFlight, 'requests still running on the slow adapter').to.equal(0);
      expect(quick.log.inFlight, 'requests still running').to.equal(0);
      expect(
        slow.log.signals.filter((signal) => signal.aborted).length,
        'requests aborted mid-flight',
      ).to.be.greaterThan(0);
      expect(
        windows.map((win) => win.listeners),
        'message and visibility listeners left on the flows’ windows',
      ).to.deep.equal(windows.map(() => ({ message: 0, visibilitychange: 0 })));
      expect(bus.open.size, 'BroadcastChannels left open').to.equal(0);
      // The provider that stayed has no subscriber left: a refresh reloads nothing.
      const calls = JSON.stringify(quick.log.calls);
      await persistent.store!.refresh();
      await sleep(20);
      expect(JSON.stringify(quick.log.calls), 'requests made by a refresh with no subscriber').to.equal(calls);
    });
  });

  it('replacing the adapter on the provider mid-request drops the stale answer', async () => {
    const deferred = <T>() => {
      let resolve!: (value: T) => void;
      const promise = new Promise<T>((r) => (resolve = r));
      return { promise, resolve };
    };
    const stale = {
      connections: deferred<Connection[]>(),
      integrations: deferred<Integration[]>(),
      signals: [] as AbortSignal[],
    };
    const staleConnection: Connection = {
      id: 'stale-1',
      integrationKey: 'stale',
      integrationName: 'Stale Books',
      status: 'linked',
      health: 'healthy',
      paused: false,
      categories: ['accounting'],
      issues: [],
    };
    // An old adapter that ignores aborts and answers late, as a slow backend would.
    const old: ConnectionAdapter = {
      listIntegrations: (o?: CallOptions) => (o?.signal && stale.signals.push(o.signal), stale.integrations.promise),
      listConnections: (o?: CallOptions) => (o?.signal && stale.signals.push(o.signal), stale.connections.promise),
      getConnection: (_id: string, o?: CallOptions) => (
        o?.signal && stale.signals.push(o.signal),
        stale.connections.promise.then(() => staleConnection)
      ),
      startLink: () => Promise.reject(new LinkError('provider', 'no')),
      readReturn: () => null,
    };
    const storage = memoryStorage();
    const win = fakeWindow({ href: APP, storage });
    const page = await fixture<LfProvider>(
      html`<lf-provider .adapter=${old}>
        <lf-link-flow .flowOptions=${{ window: win.win, storage }}></lf-link-flow>
        <lf-connection-list></lf-connection-list>
        <lf-connection-picker></lf-connection-picker>
        <lf-status-indicator connection-id="stale-1"></lf-status-indicator>
      </lf-provider>`,
    );
    await until(() => stale.signals.length >= 2, 'the old adapter to be asked');

    const fresh = createMemoryAdapter();
    page.adapter = fresh;
    const list = page.querySelector('lf-connection-list')!;
    const picker = page.querySelector('lf-connection-picker')!;
    const flow = page.querySelector<LfLinkFlow>('lf-link-flow')!;
    await until(() => rows(list) > 0 && options(picker) > 0 && flow.step === 'choosing', 'the new adapter’s data');
    expect(
      stale.signals.every((signal) => signal.aborted),
      'the old requests were aborted',
    ).to.equal(true);
    const shown = rows(list);

    // The old answers arrive now: nothing of them is shown.
    stale.integrations.resolve([
      { key: 'stale', name: 'Stale Books', categories: ['accounting'], enabled: true, beta: false },
    ]);
    stale.connections.resolve([staleConnection]);
    for (let i = 0; i < 10; i += 1) await macrotask();
    await Promise.all([...page.children].map((child) => (child as LfConnectionList).updateComplete));
    expect(wholeMarkup()).not.to.contain('Stale Books');
    expect(rows(list)).to.equal(shown);
    expect(flow.flow!.snapshot.integrations?.some((i) => i.key === 'stale')).to.equal(false);
    expect(indicatorState(page.querySelector('lf-status-indicator')!)).to.equal('not-found');
  });
});
