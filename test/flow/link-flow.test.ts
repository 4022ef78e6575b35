import { expect } from '@open-wc/testing';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import type { ConnectionStore } from '../../src/adapter/store.js';
import {
  DEFAULT_POLL,
  LinkFlow,
  PENDING_STORAGE_KEY,
  PENDING_TTL_MS,
  memoryStorage,
  type LinkFlowOptions,
  type LinkFlowSource,
  type PendingRecord,
  type StorageLike,
} from '../../src/flow/index.js';
import {
  LfCancelEvent,
  LfErrorEvent,
  LfLinkStartEvent,
  LfLinkedEvent,
  LfPopupBlockedEvent,
  LfStateChangeEvent,
} from '../../src/events/index.js';
import type { LinkFlowEvent } from '../../src/flow/index.js';
import { LinkError, LINK_FLOW_STEPS } from '../../src/model/index.js';
import {
  FakeSource,
  FakeStoreSource,
  ManualClock,
  QBO,
  XERO,
  connection,
  deferred,
  fakeWindow,
  flush,
  recorder,
  returnHref,
  type FakeWindowInit,
} from './fakes.js';

const PAGE = 'https://app.example/settings/integrations?tab=apps';

interface Setup {
  source?: FakeSource;
  storage?: StorageLike;
  clock?: ManualClock;
  window?: FakeWindowInit;
  options?: Partial<LinkFlowOptions>;
}

function setup(init: Setup = {}) {
  const clock = init.clock ?? new ManualClock();
  const source = init.source ?? new FakeStoreSource();
  const storage = init.storage ?? memoryStorage();
  const w = fakeWindow(init.window);
  const flow = new LinkFlow({ source, storage, window: w.win, clock, ...init.options });
  const rec = recorder(flow);
  return { clock, source, storage, w, flow, rec };
}

function records(storage: StorageLike): PendingRecord[] {
  const raw = storage.getItem(PENDING_STORAGE_KEY);
  return raw ? (JSON.parse(raw) as PendingRecord[]) : [];
}

/** Starts a redirect link on one page, then loads the return page with the same storage. */
async function roundTrip(fields: { outcome?: 'success' | 'cancelled' | 'failed'; id?: string; message?: string } = {}) {
  const first = setup();
  await first.flow.select(XERO);
  const state = first.source.startLinkOptions[0]!.state;
  const href = returnHref(PAGE, { state, ...fields });
  const back = setup({ source: first.source, storage: first.storage, clock: first.clock, window: { href } });
  return { first, back, state, href };
}

/** Both an adapter and the store fit as a source (checked by the compiler). */
export type SourceFits = [
  ConnectionAdapter extends LinkFlowSource ? true : never,
  ConnectionStore extends LinkFlowSource ? true : never,
];

describe('LinkFlow', () => {
  it('knows every step of the model', () => {
    expect(LINK_FLOW_STEPS).to.deep.equal([
      'idle',
      'loading',
      'choosing',
      'starting',
      'authorizing',
      'verifying',
      'linked',
      'failed',
      'cancelled',
    ]);
    expect(setup().flow.snapshot).to.deep.equal({ step: 'idle' });
  });

  describe('loading', () => {
    it('goes idle → loading → choosing with the integrations', async () => {
      const { flow, rec, source } = setup();
      const done = flow.load();
      expect(flow.snapshot.step).to.equal('loading');
      await done;
      expect(flow.snapshot.step).to.equal('choosing');
      expect(flow.snapshot.integrations?.map((i) => i.key)).to.deep.equal(['xero', 'quickbooks']);
      expect(rec.steps).to.deep.equal(['loading', 'choosing']);
      expect(rec.events[0]).to.deep.equal({ type: 'state-change', step: 'loading', previous: 'idle' });
      expect(source.calls.listIntegrations).to.equal(1);
    });

    it('fails with the source’s error, and retry loads again', async () => {
      const source = new FakeSource();
      source.listError = new LinkError('http', 'Bad gateway', { status: 502 });
      const { flow, rec } = setup({ source });
      await flow.load();
      expect(flow.snapshot.step).to.equal('failed');
      expect(flow.snapshot.error?.code).to.equal('http');
      expect(flow.snapshot.error?.message).to.equal('Bad gateway');
      expect(rec.types).to.deep.equal(['error']);
      source.listError = undefined;
      await flow.retry();
      expect(flow.snapshot.step).to.equal('choosing');
      expect(flow.snapshot.error).to.equal(undefined);
      expect(source.calls.listIntegrations).to.equal(2);
    });

    it('wraps a non-LinkError failure', async () => {
      const source = new FakeSource();
      source.listIntegrations = () => Promise.reject(new TypeError('Failed to fetch'));
      const { flow } = setup({ source });
      await flow.load();
      expect(flow.snapshot.error?.code).to.equal('network');
    });
  });

  describe('starting in redirect mode', () => {
    it('goes choosing → starting → authorizing and sends the page to the checked URL', async () => {
      const { flow, rec, source, storage, w, clock } = setup();
      await flow.load();
      const done = flow.select(XERO);
      expect(flow.snapshot.step).to.equal('starting');
      expect(flow.snapshot.integration).to.deep.equal(XERO);
      await done;
      expect(flow.snapshot.step).to.equal('authorizing');
      const options = source.startLinkOptions[0]!;
      expect(options.state).to.match(/^[A-Za-z0-9_-]{22,}$/);
      expect(options.returnUrl).to.equal(PAGE);
      expect(options.signal).to.be.instanceOf(AbortSignal);
      expect(options.connectionId).to.equal(undefined);
      expect(w.assigned).to.deep.equal([`https://provider.example/authorize?client=abc&state=${options.state}`]);
      expect(w.opened).to.deep.equal([]);
      expect(records(storage)).to.deep.equal([
        {
          state: options.state,
          integrationKey: 'xero',
          integrationName: 'Xero',
          startedAt: clock.now(),
          returnUrl: PAGE,
          mode: 'redirect',
        },
      ]);
      expect(rec.steps).to.deep.equal(['loading', 'choosing', 'starting', 'authorizing']);
      expect(rec.events.find((e) => e.type === 'link-start')).to.deep.equal({
        type: 'link-start',
        integrationKey: 'xero',
        mode: 'redirect',
      });
    });

    it('navigates to the normalized form of the URL', async () => {
      const source = new FakeSource();
      source.startLinkResult = { url: 'HTTPS://Provider.Example:443/a/../authorize?x=1' };
      const { flow, w } = setup({ source });
      await flow.select(XERO);
      expect(w.assigned).to.deep.equal(['https://provider.example/authorize?x=1']);
    });

    it('passes a reconnect’s connection id to startLink and keeps it in the record', async () => {
      const { flow, source, storage, rec } = setup();
      await flow.select('quickbooks', { connectionId: 'conn-9' });
      expect(source.startLinkOptions[0]!.connectionId).to.equal('conn-9');
      expect(records(storage)[0]!.connectionId).to.equal('conn-9');
      expect(flow.snapshot.integration?.key).to.equal('quickbooks');
      expect(rec.events.find((e) => e.type === 'link-start')).to.deep.include({ connectionId: 'conn-9' });
    });

    it('uses the loaded integration for a key', async () => {
      const { flow } = setup();
      await flow.load();
      await flow.select('quickbooks');
      expect(flow.snapshot.integration).to.deep.equal(QBO);
    });

    it('keeps the connection startLink made and records its id', async () => {
      const source = new FakeSource();
      source.startLinkResult = { url: 'https://provider.example/a', connection: connection('made-1', 'pending') };
      const { flow, storage } = setup({ source });
      await flow.select(XERO);
      expect(flow.snapshot.connection?.id).to.equal('made-1');
      expect(records(storage)[0]!.connectionId).to.equal('made-1');
    });

    it('fails when startLink fails, navigating nowhere and forgetting the record', async () => {
      const source = new FakeSource();
      source.startLinkError = new LinkError('rate-limited', 'Slow down', { status: 429 });
      const { flow, w, storage, rec } = setup({ source });
      await flow.select(XERO);
      expect(flow.snapshot.step).to.equal('failed');
      expect(flow.snapshot.error?.code).to.equal('rate-limited');
      expect(flow.snapshot.integration).to.deep.equal(XERO);
      expect(w.assigned).to.deep.equal([]);
      expect(records(storage)).to.deep.equal([]);
      expect(rec.steps).to.deep.equal(['starting', 'failed']);
      expect(rec.types).to.deep.equal(['link-start', 'error']);
      source.startLinkError = undefined;
      await flow.retry();
      expect(flow.snapshot.step).to.equal('authorizing');
      expect(source.calls.startLink).to.equal(2);
      expect(source.startLinkOptions[1]!.state).not.to.equal(source.startLinkOptions[0]!.state);
    });

    for (const url of [
      'javascript:alert(document.cookie)',
      'http://provider.example/a',
      '//evil.example/',
      ' https://provider.example/',
    ]) {
      it(`refuses an unsafe authorization URL (${JSON.stringify(url)}) and navigates nowhere`, async () => {
        const source = new FakeSource();
        source.startLinkResult = { url };
        const { flow, w, storage } = setup({ source });
        await flow.select(XERO);
        expect(flow.snapshot.step).to.equal('failed');
        expect(flow.snapshot.error?.code).to.equal('unsafe-url');
        expect(w.assigned).to.deep.equal([]);
        expect(records(storage)).to.deep.equal([]);
      });
    }

    it('refuses a URL off the allowed origins', async () => {
      const { flow, w } = setup({ options: { allowedOrigins: ['https://login.xero.example'] } });
      await flow.select(XERO);
      expect(flow.snapshot.error?.code).to.equal('unsafe-url');
      expect(w.assigned).to.deep.equal([]);
      flow.allowedOrigins = ['https://provider.example'];
      await flow.retry();
      expect(w.assigned).to.have.length(1);
    });

    it('refuses a return URL on another origin before starting anything', async () => {
      const { flow, w, source, storage } = setup({ options: { returnUrl: 'https://evil.example/return' } });
      await flow.select(XERO);
      expect(flow.snapshot.error?.code).to.equal('unsafe-url');
      expect(source.calls.startLink).to.equal(0);
      expect(w.assigned).to.deep.equal([]);
      expect(records(storage)).to.deep.equal([]);
    });

    it('accepts a relative return URL on its own origin', async () => {
      const { flow, source } = setup({ options: { returnUrl: '/linkflow/return?from=settings' } });
      await flow.select(XERO);
      expect(source.startLinkOptions[0]!.returnUrl).to.equal('https://app.example/linkflow/return?from=settings');
    });

    it('ignores select while a link is busy', async () => {
      const source = new FakeSource();
      source.startLinkHold = deferred();
      const { flow } = setup({ source });
      void flow.select(XERO);
      await flow.select(QBO);
      expect(source.calls.startLink).to.equal(1);
      expect(flow.snapshot.integration).to.deep.equal(XERO);
    });
  });

  describe('returning from a redirect', () => {
    it('verifies the returned connection until it is linked, then hands it to the store', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      const { flow, source, rec, clock, storage, w } = back;
      source.answers = [connection('x', 'pending'), connection('x', 'pending'), connection('x', 'linked')];
      expect(flow.resume()).to.equal('returned');
      expect(flow.snapshot.step).to.equal('verifying');
      expect(flow.snapshot.integration).to.deep.include({ key: 'xero', name: 'Xero' });
      expect(w.href).to.equal(PAGE);
      expect(w.replaced).to.deep.equal([PAGE]);
      expect(records(storage)[0]!.usedAt).to.be.a('number');
      await flush();
      expect(source.calls.getConnection).to.equal(1);
      await clock.advance(499);
      expect(source.calls.getConnection).to.equal(1);
      await clock.advance(1);
      expect(source.calls.getConnection).to.equal(2);
      await clock.advance(1000);
      expect(source.calls.getConnection).to.equal(3);
      expect(flow.snapshot.step).to.equal('linked');
      expect(flow.snapshot.connection).to.deep.include({ id: 'conn-1', status: 'linked' });
      expect(source.getConnectionOptions.every((o) => o.id === 'conn-1' && o.force === true)).to.equal(true);
      expect(source.putCalls.map((c) => c.id)).to.deep.equal(['conn-1']);
      expect(records(storage)).to.deep.equal([]);
      expect(rec.steps).to.deep.equal(['verifying', 'linked']);
      expect(rec.types).to.deep.equal(['linked']);
      expect(source.maxInFlight).to.equal(1);
      expect(clock.pending).to.equal(0);
    });

    it('verifies the connection named by the record when the return names none', async () => {
      const first = setup();
      await first.flow.select(XERO, { connectionId: 'conn-7' });
      const state = first.source.startLinkOptions[0]!.state;
      const back = setup({
        source: first.source,
        storage: first.storage,
        clock: first.clock,
        window: { href: returnHref(PAGE, { state }) },
      });
      back.flow.resume();
      await flush();
      expect(back.flow.snapshot.step).to.equal('linked');
      expect(back.source.getConnectionOptions[0]!.id).to.equal('conn-7');
    });

    it('fails when neither the return nor the record names a connection', async () => {
      const { back } = await roundTrip({});
      back.flow.resume();
      expect(back.flow.snapshot.step).to.equal('failed');
      expect(back.flow.snapshot.error?.code).to.equal('invalid-response');
      expect(back.source.calls.getConnection).to.equal(0);
    });

    it('never has two requests in flight, however long one takes', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      const { flow, source, clock } = back;
      source.hold = deferred();
      flow.resume();
      await clock.advance(30_000);
      expect(source.calls.getConnection).to.equal(1);
      expect(source.maxInFlight).to.equal(1);
      source.hold.resolve(connection('conn-1', 'pending'));
      source.hold = undefined;
      source.answers = [connection('conn-1', 'linked')];
      await clock.advance(500);
      expect(source.calls.getConnection).to.equal(2);
      expect(flow.snapshot.step).to.equal('linked');
    });

    it('backs off 0.5 s doubling to 5 s, and fails with timeout at the deadline', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      const { flow, source, clock, rec } = back;
      source.answers = [connection('conn-1', 'pending')];
      const started = clock.now();
      const times: number[] = [];
      const original = source.getConnection.bind(source);
      source.getConnection = (id, options) => {
        times.push(clock.now() - started);
        return original(id, options);
      };
      flow.resume();
      await clock.advance(59_999);
      expect(flow.snapshot.step).to.equal('verifying');
      await clock.advance(1);
      expect(times).to.deep.equal([
        0, 500, 1500, 3500, 7500, 12500, 17500, 22500, 27500, 32500, 37500, 42500, 47500, 52500, 57500, 60000,
      ]);
      expect(flow.snapshot.step).to.equal('failed');
      expect(flow.snapshot.error?.code).to.equal('timeout');
      expect(flow.snapshot.error?.retryable).to.equal(true);
      expect(flow.snapshot.connection?.status).to.equal('pending');
      expect(rec.types).to.deep.equal(['error']);
      await clock.advance(60_000);
      expect(source.calls.getConnection).to.equal(16);
      // Retrying re-verifies the same connection; no second authorization.
      source.answers = [connection('conn-1', 'linked')];
      await flow.retry();
      await flush();
      expect(flow.snapshot.step).to.equal('linked');
      expect(source.calls.startLink).to.equal(1);
    });

    it('honours custom poll settings', async () => {
      const clock = new ManualClock();
      const first = setup({ clock });
      await first.flow.select(XERO);
      const state = first.source.startLinkOptions[0]!.state;
      const back = setup({
        clock,
        source: first.source,
        storage: first.storage,
        window: { href: returnHref(PAGE, { state, id: 'c' }) },
        options: { poll: { initial: 100, max: 200, deadline: 1000 } },
      });
      back.source.answers = [connection('c', 'pending')];
      back.flow.resume();
      await clock.advance(1000);
      expect(back.source.calls.getConnection).to.equal(7); // 0, 100, 300, 500, 700, 900, 1000
      expect(back.flow.snapshot.error?.code).to.equal('timeout');
    });

    it('pauses while the page is hidden, and the hidden time does not count', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      const { flow, source, clock, w } = back;
      source.answers = [connection('conn-1', 'pending')];
      flow.resume();
      await clock.advance(1500);
      expect(source.calls.getConnection).to.equal(3);
      w.setHidden(true);
      await clock.advance(120_000);
      expect(source.calls.getConnection).to.equal(3);
      expect(flow.snapshot.step).to.equal('verifying');
      source.answers = [connection('conn-1', 'linked')];
      w.setHidden(false);
      await flush();
      expect(source.calls.getConnection).to.equal(4);
      expect(flow.snapshot.step).to.equal('linked');
    });

    it('polls 0.5 s doubling to 5 s, a minute in all, by default', () => {
      expect(DEFAULT_POLL).to.deep.equal({ initial: 500, max: 5000, deadline: 60000 });
    });

    it('shows each connection read that is not linked yet, then the linked one', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      const { flow, source, clock, rec } = back;
      source.answers = [connection('x', 'pending'), connection('x', 'deauthorized'), connection('x', 'linked')];
      flow.resume();
      await clock.advance(1500);
      expect(rec.snapshots.map((s) => [s.step, s.connection?.status])).to.deep.equal([
        ['verifying', undefined],
        ['verifying', 'pending'],
        ['verifying', 'deauthorized'],
        ['linked', 'linked'],
      ]);
      expect(clock.pending).to.equal(0);
      expect(back.w.listeners.visibilitychange).to.equal(0);
    });

    it('waits for the page to show when it returns hidden', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      const { flow, source, clock, w } = back;
      w.setHidden(true);
      flow.resume();
      await clock.advance(120_000);
      expect(source.calls.getConnection).to.equal(0);
      expect(flow.snapshot.step).to.equal('verifying');
      w.setHidden(false);
      await flush();
      expect(source.calls.getConnection).to.equal(1);
      expect(flow.snapshot.step).to.equal('linked');
      expect(w.listeners.visibilitychange).to.equal(0);
    });

    it('treats a getConnection that throws at once like one that rejects', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      const { flow, source, clock } = back;
      const original = source.getConnection.bind(source);
      let calls = 0;
      source.getConnection = (id, options) => {
        calls += 1;
        if (calls === 1) throw new LinkError('network', 'offline');
        return original(id, options);
      };
      flow.resume();
      await clock.advance(500);
      expect(flow.snapshot.step).to.equal('linked');
      expect(calls).to.equal(2);
    });

    it('fails with timeout at the deadline, caused by the last error heard', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      back.source.answers = [new LinkError('not-found', 'not yet')];
      back.flow.resume();
      await back.clock.advance(60_000);
      expect(back.flow.snapshot.error?.code).to.equal('timeout');
      expect((back.flow.snapshot.error?.cause as LinkError).code).to.equal('not-found');
      expect(back.clock.pending).to.equal(0);
    });

    it('keeps polling through retryable errors and not-found, and fails on others', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      back.source.answers = [
        new LinkError('network', 'offline'),
        new LinkError('not-found', 'not yet'),
        new LinkError('http', 'Bad gateway', { status: 502 }),
        connection('conn-1', 'linked'),
      ];
      back.flow.resume();
      await back.clock.advance(3500);
      expect(back.flow.snapshot.step).to.equal('linked');
      expect(back.source.calls.getConnection).to.equal(4);

      const again = await roundTrip({ id: 'conn-2' });
      again.back.source.answers = [new LinkError('unauthorized', 'Session over', { status: 401 })];
      again.back.flow.resume();
      await flush();
      expect(again.back.flow.snapshot.step).to.equal('failed');
      expect(again.back.flow.snapshot.error?.code).to.equal('unauthorized');
      expect(records(again.back.storage)).to.deep.equal([]);
    });

    it('ends cancelled, with the provider’s message, when the user cancelled there', async () => {
      const { back } = await roundTrip({ outcome: 'cancelled', message: 'You declined access' });
      expect(back.flow.resume()).to.equal('returned');
      expect(back.flow.snapshot.step).to.equal('cancelled');
      expect(back.flow.snapshot.error?.code).to.equal('cancelled');
      expect(back.flow.snapshot.error?.message).to.equal('You declined access');
      expect(back.rec.events.filter((e) => e.type === 'cancel')).to.deep.equal([
        { type: 'cancel', integrationKey: 'xero', message: 'You declined access' },
      ]);
      expect(back.source.calls.getConnection).to.equal(0);
      expect(records(back.storage)).to.deep.equal([]);
      expect(back.w.href).to.equal(PAGE);
      // Trying again starts a new link for the same integration.
      await back.flow.retry();
      expect(back.flow.snapshot.step).to.equal('authorizing');
      expect(back.source.calls.startLink).to.equal(2);
    });

    it('fails with code provider and the provider’s message when the provider failed', async () => {
      const { back } = await roundTrip({ outcome: 'failed', message: 'The bank said no' });
      back.flow.resume();
      expect(back.flow.snapshot.step).to.equal('failed');
      expect(back.flow.snapshot.error?.code).to.equal('provider');
      expect(back.flow.snapshot.error?.message).to.equal('The bank said no');
      expect(back.rec.types).to.deep.equal(['error']);
      expect(records(back.storage)).to.deep.equal([]);
    });

    it('refuses a return with an unknown state: state-mismatch, nothing linked, other records kept', async () => {
      const { back, state } = await roundTrip({ id: 'conn-1' });
      const forged = returnHref(PAGE, { state: 'ZZZZZZZZZZZZZZZZZZZZZZ', id: 'conn-evil' });
      back.w.href = forged;
      expect(back.flow.resume()).to.equal('returned');
      expect(back.flow.snapshot.step).to.equal('failed');
      expect(back.flow.snapshot.error?.code).to.equal('state-mismatch');
      expect(back.source.calls.getConnection).to.equal(0);
      expect(back.source.putCalls).to.deep.equal([]);
      expect(back.rec.types).to.deep.equal(['error']);
      expect(records(back.storage).map((r) => [r.state, r.usedAt])).to.deep.equal([[state, undefined]]);
      expect(back.w.href).to.equal(PAGE);
      await back.flow.retry();
      expect(back.flow.snapshot.step).to.equal('choosing');
    });

    it('refuses a return with no state at all', () => {
      const page = setup({ window: { href: returnHref(PAGE, { id: 'conn-1' }) } });
      page.flow.resume();
      expect(page.flow.snapshot.error?.code).to.equal('state-mismatch');
      expect(page.source.calls.getConnection).to.equal(0);
    });

    it('refuses a return whose record expired (after an hour)', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      await back.clock.advance(PENDING_TTL_MS);
      back.flow.resume();
      expect(back.flow.snapshot.error?.code).to.equal('state-mismatch');
      expect(back.source.calls.getConnection).to.equal(0);
      expect(records(back.storage)).to.deep.equal([]);
    });

    it('refuses a replayed return while the first is still verifying', async () => {
      const { back, href } = await roundTrip({ id: 'conn-1' });
      back.source.hold = deferred();
      back.flow.resume();
      expect(back.flow.snapshot.step).to.equal('verifying');
      const replay = setup({ source: back.source, storage: back.storage, clock: back.clock, window: { href } });
      replay.flow.resume();
      expect(replay.flow.snapshot.step).to.equal('failed');
      expect(replay.flow.snapshot.error?.code).to.equal('state-mismatch');
      expect(back.source.calls.getConnection).to.equal(1);
      expect(records(back.storage)).to.have.length(1);
      back.source.hold.resolve(connection('conn-1', 'linked'));
      await flush();
      expect(back.flow.snapshot.step).to.equal('linked');
    });

    it('refuses the same return after the flow ended', async () => {
      const { back, href } = await roundTrip({ id: 'conn-1' });
      back.flow.resume();
      await flush();
      expect(back.flow.snapshot.step).to.equal('linked');
      const replay = setup({ source: back.source, storage: back.storage, clock: back.clock, window: { href } });
      replay.flow.resume();
      expect(replay.flow.snapshot.error?.code).to.equal('state-mismatch');
      expect(back.source.putCalls).to.have.length(1);
    });

    it('does not replay on a reload: the parameters are gone from the address bar', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      back.flow.resume();
      await flush();
      expect(back.flow.snapshot.step).to.equal('linked');
      const reloaded = setup({
        source: back.source,
        storage: back.storage,
        clock: back.clock,
        window: { href: back.w.href },
      });
      expect(reloaded.flow.resume()).to.equal('none');
      expect(reloaded.flow.snapshot.step).to.equal('idle');
      expect(reloaded.w.replaced).to.deep.equal([]);
      expect(back.source.calls.getConnection).to.equal(1);
    });

    it('keeps the host’s own parameters and history state when cleaning the address bar', async () => {
      const stranger = setup({
        window: { href: `${returnHref(PAGE, { state: 'QQQQQQQQQQQQQQQQQQQQQQ', id: 'c' })}&section=billing` },
      });
      stranger.flow.resume();
      expect(stranger.w.href).to.equal(`${PAGE}&section=billing`);
      expect(stranger.w.replacedData).to.deep.equal([{ app: 1 }]);
    });

    it('answers none, and changes nothing, on a page that is no return', () => {
      const { flow, w, rec } = setup();
      expect(flow.resume()).to.equal('none');
      expect(flow.resume('https://app.example/other?x=1')).to.equal('none');
      expect(flow.resume('::not a url::')).to.equal('none');
      expect(w.replaced).to.deep.equal([]);
      expect(rec.events).to.deep.equal([]);
    });

    it('treats a readReturn that throws as no return', () => {
      const source = new FakeSource();
      source.readReturn = () => {
        throw new Error('bad');
      };
      const { flow } = setup({ source, window: { href: returnHref(PAGE, { state: 'x', id: 'c' }) } });
      expect(flow.resume()).to.equal('none');
    });
  });

  describe('cancel, reset and dispose', () => {
    it('cancels a verification and stops polling', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      back.source.answers = [connection('conn-1', 'pending')];
      back.flow.resume();
      await flush();
      back.flow.cancel();
      expect(back.flow.snapshot.step).to.equal('cancelled');
      expect(back.rec.events.at(-1)).to.deep.equal({
        type: 'cancel',
        integrationKey: 'xero',
        message: 'The link was cancelled.',
      });
      await back.clock.advance(60_000);
      expect(back.source.calls.getConnection).to.equal(1);
      expect(records(back.storage)).to.deep.equal([]);
      expect(back.w.listeners.visibilitychange).to.equal(0);
    });

    it('cancels from a listener of the verifying step before any request or listener is left', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      back.flow.subscribe((snapshot) => {
        if (snapshot.step === 'verifying') back.flow.cancel();
      });
      back.flow.resume();
      expect(back.flow.snapshot.step).to.equal('cancelled');
      await back.clock.advance(60_000);
      expect(back.source.calls.getConnection).to.equal(0);
      expect(back.w.listeners.visibilitychange).to.equal(0);
      expect(back.clock.pending).to.equal(0);
    });

    it('cancels while starting, aborting startLink', async () => {
      const source = new FakeSource();
      source.startLinkHold = deferred();
      const { flow, storage, w } = setup({ source });
      void flow.select(XERO);
      flow.cancel('Changed my mind');
      expect(flow.snapshot.step).to.equal('cancelled');
      expect(flow.snapshot.error?.message).to.equal('Changed my mind');
      expect(source.startLinkOptions[0]!.signal?.aborted).to.equal(true);
      source.startLinkHold.resolve({ url: 'https://provider.example/late' });
      await flush();
      expect(flow.snapshot.step).to.equal('cancelled');
      expect(w.assigned).to.deep.equal([]);
      expect(records(storage)).to.deep.equal([]);
    });

    it('cancels from choosing, and does nothing when idle or done', async () => {
      const { flow, rec } = setup();
      flow.cancel();
      expect(flow.snapshot.step).to.equal('idle');
      await flow.load();
      flow.cancel();
      expect(flow.snapshot.step).to.equal('cancelled');
      expect(rec.events.at(-1)).to.deep.equal({ type: 'cancel', message: 'The link was cancelled.' });
      await flow.retry();
      expect(flow.snapshot.step).to.equal('choosing');
    });

    it('resets to idle, forgetting the attempt and its record', async () => {
      const source = new FakeSource();
      source.startLinkHold = deferred();
      const { flow, storage } = setup({ source });
      void flow.select(XERO);
      expect(records(storage)).to.have.length(1);
      flow.reset();
      expect(flow.snapshot).to.deep.equal({ step: 'idle' });
      expect(records(storage)).to.deep.equal([]);
    });

    it('dispose stops polling, timers and listeners, and keeps the record', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      back.source.answers = [connection('conn-1', 'pending')];
      back.flow.resume();
      await back.clock.advance(600);
      expect(back.source.calls.getConnection).to.equal(2);
      expect(back.w.listeners.visibilitychange).to.equal(1);
      const snapshotsBefore = back.rec.snapshots.length;
      back.flow.dispose();
      await back.clock.advance(60_000);
      expect(back.source.calls.getConnection).to.equal(2);
      expect(back.clock.pending).to.equal(0);
      expect(back.w.listeners.visibilitychange).to.equal(0);
      expect(back.rec.snapshots.length).to.equal(snapshotsBefore);
      expect(records(back.storage)).to.have.length(1);
      await back.flow.load();
      expect(back.source.calls.listIntegrations).to.equal(0);
    });

    it('dispose aborts a request in flight', async () => {
      const { back } = await roundTrip({ id: 'conn-1' });
      back.source.hold = deferred();
      back.flow.resume();
      await flush();
      back.flow.dispose();
      expect(back.source.getConnectionOptions[0]!.signal?.aborted).to.equal(true);
    });

    it('dispose in redirect mode after navigating leaves the record for the return', async () => {
      const { flow, storage } = setup();
      await flow.select(XERO);
      flow.dispose();
      expect(records(storage)).to.have.length(1);
    });
  });

  describe('credentials', () => {
    it('keeps the one-time authorization URL out of snapshots, records and events', async () => {
      const source = new FakeStoreSource();
      source.startLinkResult = (options) => ({
        url: `https://provider.example/authorize?token=tok_SECRET_ONE_TIME&state=${options.state}`,
        connection: connection('c-1', 'pending'),
      });
      const clock = new ManualClock();
      const stored: string[] = [];
      const inner = memoryStorage();
      const storage: StorageLike = {
        getItem: (key) => inner.getItem(key),
        removeItem: (key) => inner.removeItem(key),
        setItem: (key, value) => {
          stored.push(value);
          inner.setItem(key, value);
        },
      };
      const first = setup({ source, clock, storage });
      await first.flow.load();
      await first.flow.select(XERO);
      expect(first.w.assigned[0]).to.contain('tok_SECRET_ONE_TIME');
      const state = source.startLinkOptions[0]!.state;
      const back = setup({ source, clock, storage, window: { href: returnHref(PAGE, { state, id: 'c-1' }) } });
      back.flow.resume();
      await flush();
      expect(back.flow.snapshot.step).to.equal('linked');
      expect(stored.length).to.be.at.least(2);
      const everything = JSON.stringify([
        first.rec.snapshots,
        first.rec.events,
        back.rec.snapshots,
        back.rec.events,
        stored,
      ]);
      expect(everything).not.to.contain('tok_SECRET');
    });
  });

  describe('notifications', () => {
    /** What an element does with each notification: the lf-* event of the same name, with the rest as detail. */
    function toDomEvent(event: LinkFlowEvent): Event {
      switch (event.type) {
        case 'state-change':
          return new LfStateChangeEvent({ step: event.step, previous: event.previous });
        case 'link-start':
          return new LfLinkStartEvent({
            integrationKey: event.integrationKey,
            mode: event.mode,
            ...(event.connectionId ? { connectionId: event.connectionId } : {}),
          });
        case 'linked':
          return new LfLinkedEvent({ connection: event.connection });
        case 'error':
          return new LfErrorEvent({ error: event.error });
        case 'cancel':
          return new LfCancelEvent({
            ...(event.integrationKey ? { integrationKey: event.integrationKey } : {}),
            ...(event.message ? { message: event.message } : {}),
          });
        case 'popup-blocked':
          return new LfPopupBlockedEvent({ integrationKey: event.integrationKey });
      }
    }

    it('map one to one onto the lf-* events, named by type, detailed by the rest', async () => {
      const seen: LinkFlowEvent[] = [];
      const source = new FakeSource();
      source.answers = [connection('conn-1', 'linked')];
      const first = setup({
        source,
        window: { popup: 'blocked' },
        options: { mode: 'popup', onEvent: (e) => seen.push(e) },
      });
      await first.flow.select(XERO);
      const state = source.startLinkOptions[0]!.state;
      const back = setup({
        source,
        storage: first.storage,
        clock: first.clock,
        window: { href: returnHref(PAGE, { state, id: 'conn-1' }) },
        options: { onEvent: (e) => seen.push(e) },
      });
      back.flow.resume();
      await flush();
      back.flow.reset();
      await back.flow.load();
      back.flow.cancel();
      const failing = setup({ options: { onEvent: (e) => seen.push(e) } });
      failing.source.listError = new LinkError('network', 'offline');
      await failing.flow.load();

      const types = new Set(seen.map((e) => e.type));
      expect([...types].sort()).to.deep.equal([
        'cancel',
        'error',
        'link-start',
        'linked',
        'popup-blocked',
        'state-change',
      ]);
      for (const event of seen) {
        const dom = toDomEvent(event) as Event & { detail: unknown };
        const { type, ...detail } = event;
        expect(dom.type).to.equal(`lf-${type}`);
        expect(dom.bubbles && dom.composed).to.equal(true);
        expect(dom.detail).to.deep.equal(detail);
      }
    });

    it('keep going when a listener throws', async () => {
      const { flow } = setup({
        options: {
          onEvent: () => {
            throw new Error('listener broke');
          },
        },
      });
      // The flow reports listener errors as uncaught (reportError) instead of stopping; the browser
      // logs them, and this handler keeps the test framework from counting them as failures.
      const original = window.onerror;
      const reported: unknown[] = [];
      window.onerror = (_message, _source, _line, _column, error) => {
        reported.push(error);
        return true;
      };
      try {
        flow.subscribe(() => {
          throw new Error('subscriber broke');
        });
        await flow.load();
      } finally {
        window.onerror = original;
      }
      expect(flow.snapshot.step).to.equal('choosing');
      expect(reported.length).to.be.at.least(2);
    });
  });
});
