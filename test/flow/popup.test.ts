import { expect, waitUntil } from '@open-wc/testing';
import {
  CHANNEL_NAME,
  LinkFlow,
  PENDING_STORAGE_KEY,
  PENDING_TTL_MS,
  POPUP_CHECK_MS,
  POPUP_CLOSE_GRACE_MS,
  RETURN_MESSAGE_TYPE,
  completePopupReturn,
  createState,
  memoryStorage,
  popupReturnState,
  type LinkFlowOptions,
  type PendingRecord,
  type PopupReturnWindow,
  type StorageLike,
} from '../../src/flow/index.js';
import { LinkError } from '../../src/model/index.js';
import {
  FakeSource,
  FakeStoreSource,
  ManualClock,
  XERO,
  channelBus,
  connection,
  deferred,
  fakeWindow,
  flush,
  recorder,
  returnHref,
  type FakeWindowInit,
} from './fakes.js';

const PAGE = 'https://app.example/settings/integrations?tab=apps';
const ORIGIN = 'https://app.example';
const CLOSE_NOTICED = POPUP_CHECK_MS + POPUP_CLOSE_GRACE_MS;

function setup(init: { source?: FakeSource; window?: FakeWindowInit; options?: Partial<LinkFlowOptions> } = {}) {
  const clock = new ManualClock();
  const source = init.source ?? new FakeStoreSource();
  const storage = memoryStorage();
  const w = fakeWindow(init.window);
  const flow = new LinkFlow({ source, storage, window: w.win, clock, mode: 'popup', ...init.options });
  const rec = recorder(flow);
  return { clock, source, storage, w, flow, rec };
}

function records(storage: StorageLike): PendingRecord[] {
  const raw = storage.getItem(PENDING_STORAGE_KEY);
  return raw ? (JSON.parse(raw) as PendingRecord[]) : [];
}

/** A popup-mode flow that reached `authorizing`, with its popup and state. */
async function authorizing(init: Parameters<typeof setup>[0] = {}) {
  const s = setup(init);
  await s.flow.select(XERO);
  expect(s.flow.snapshot.step).to.equal('authorizing');
  const state = s.source.startLinkOptions[0]!.state;
  return { ...s, state, popup: s.w.popups[0]! };
}

const message = (href: string) => ({ type: RETURN_MESSAGE_TYPE, href });

describe('LinkFlow in popup mode', () => {
  describe('opening', () => {
    it('opens the window synchronously inside the call, then fills in the URL when startLink answers', async () => {
      const source = new FakeSource();
      source.startLinkHold = deferred();
      let recordAtOpen: PendingRecord[] = [];
      const s = setup({ source, window: { onOpen: () => (recordAtOpen = records(s.storage)) } });
      void s.flow.select(XERO);
      // Nothing has been awaited yet: the window is already open, and still blank.
      expect(s.w.opened).to.have.length(1);
      const state = source.startLinkOptions[0]!.state;
      expect(s.w.opened[0]!.url).to.equal('');
      expect(s.w.opened[0]!.target).to.equal(`linkflow-${state}`);
      expect(s.w.opened[0]!.features).to.match(/^popup=yes,width=520,height=720,left=\d+,top=\d+$/);
      expect(recordAtOpen.map((r) => [r.state, r.mode])).to.deep.equal([[state, 'popup']]);
      const popup = s.w.popups[0]!;
      expect(popup.urls).to.deep.equal([]);
      expect(s.flow.snapshot.step).to.equal('starting');
      source.startLinkHold.resolve({ url: 'https://provider.example/authorize?x=1' });
      await flush();
      expect(popup.urls).to.deep.equal(['https://provider.example/authorize?x=1']);
      expect(s.w.assigned).to.deep.equal([]);
      expect(s.flow.snapshot.step).to.equal('authorizing');
      expect(s.rec.events.find((e) => e.type === 'link-start')).to.deep.equal({
        type: 'link-start',
        integrationKey: 'xero',
        mode: 'popup',
      });
    });

    it('falls back to a redirect, with popup-blocked, when the window cannot open', async () => {
      const s = setup({ window: { popup: 'blocked' } });
      await s.flow.select(XERO);
      expect(s.rec.types).to.deep.equal(['popup-blocked', 'link-start']);
      expect(s.rec.events.find((e) => e.type === 'popup-blocked')).to.deep.equal({
        type: 'popup-blocked',
        integrationKey: 'xero',
      });
      expect(s.rec.events.find((e) => e.type === 'link-start')).to.deep.include({ mode: 'redirect' });
      expect(s.w.assigned).to.have.length(1);
      expect(s.w.assigned[0]).to.match(/^https:\/\/provider\.example\/authorize\?/);
      expect(records(s.storage)[0]!.mode).to.equal('redirect');
      expect(s.w.listeners.message).to.equal(0);
      expect(s.flow.mode).to.equal('popup');
    });

    it('falls back to a redirect when the popup refuses the address', async () => {
      const s = setup({ window: { popupRefusesAddress: true } });
      await s.flow.select(XERO);
      expect(s.w.popups[0]!.closed).to.equal(true);
      expect(s.w.assigned).to.have.length(1);
      expect(s.rec.types).to.deep.equal(['link-start', 'popup-blocked']);
      expect(records(s.storage)[0]!.mode).to.equal('redirect');
    });

    it('closes the popup and navigates nowhere when the URL is unsafe', async () => {
      const source = new FakeSource();
      source.startLinkResult = { url: 'javascript:alert(1)' };
      const s = setup({ source });
      await s.flow.select(XERO);
      const popup = s.w.popups[0]!;
      expect(s.flow.snapshot.error?.code).to.equal('unsafe-url');
      expect(popup.closed).to.equal(true);
      expect(popup.urls).to.deep.equal([]);
      expect(s.w.assigned).to.deep.equal([]);
      expect(records(s.storage)).to.deep.equal([]);
      expect(s.w.listeners.message).to.equal(0);
      expect(s.w.bus!.open.size).to.equal(0);
    });

    it('closes the popup when startLink fails', async () => {
      const source = new FakeSource();
      source.startLinkError = new LinkError('unauthorized', 'Signed out', { status: 401 });
      const s = setup({ source });
      await s.flow.select(XERO);
      expect(s.flow.snapshot.error?.code).to.equal('unauthorized');
      expect(s.w.popups[0]!.closed).to.equal(true);
      expect(s.clock.pending).to.equal(0);
    });
  });

  describe('the return by message', () => {
    it('takes a return from its own origin with the pending state, verifies, and closes the popup', async () => {
      const s = await authorizing();
      s.w.post(message(returnHref(PAGE, { state: s.state, id: 'conn-1' })), ORIGIN);
      expect(s.flow.snapshot.step).to.equal('verifying');
      await flush();
      expect(s.flow.snapshot.step).to.equal('linked');
      expect(s.flow.snapshot.connection?.id).to.equal('conn-1');
      expect(s.source.putCalls.map((c) => c.id)).to.deep.equal(['conn-1']);
      expect(s.popup.closeCalls).to.equal(1);
      expect(records(s.storage)).to.deep.equal([]);
      expect(s.w.listeners.message).to.equal(0);
      expect(s.w.bus!.open.size).to.equal(0);
      expect(s.w.replaced).to.deep.equal([]);
      expect(s.rec.steps).to.deep.equal(['starting', 'authorizing', 'verifying', 'linked']);
    });

    it('ignores messages from another origin', async () => {
      const s = await authorizing();
      const href = returnHref(PAGE, { state: s.state, id: 'conn-1' });
      s.w.post(message(href), 'https://evil.example');
      s.w.post(message(href), 'null');
      s.w.post(message(href), '');
      await flush();
      expect(s.flow.snapshot.step).to.equal('authorizing');
      expect(s.source.calls.getConnection).to.equal(0);
      expect(records(s.storage)[0]!.usedAt).to.equal(undefined);
      s.w.post(message(href), ORIGIN);
      await flush();
      expect(s.flow.snapshot.step).to.equal('linked');
    });

    it('ignores a same-origin message whose return URL is on another origin, or that is no return', async () => {
      const s = await authorizing();
      s.w.post(message(returnHref('https://evil.example/x', { state: s.state, id: 'c' })), ORIGIN);
      s.w.post('hello', ORIGIN);
      s.w.post({ type: 'other', href: PAGE }, ORIGIN);
      s.w.post(message('not a url'), ORIGIN);
      s.w.post(message(PAGE), ORIGIN);
      await flush();
      expect(s.flow.snapshot.step).to.equal('authorizing');
      expect(s.rec.types).to.deep.equal(['link-start']);
    });

    it('rejects a message with a state that is not pending here: nothing changes, nothing links', async () => {
      const s = await authorizing();
      s.w.post(message(returnHref(PAGE, { state: createState(), id: 'conn-evil' })), ORIGIN);
      s.w.post(message(returnHref(PAGE, { id: 'conn-evil' })), ORIGIN);
      await flush();
      expect(s.flow.snapshot.step).to.equal('authorizing');
      expect(s.source.calls.getConnection).to.equal(0);
      expect(s.rec.types).to.deep.equal(['link-start']);
      expect(s.popup.closed).to.equal(false);
      s.w.post(message(returnHref(PAGE, { state: s.state, id: 'conn-1' })), ORIGIN);
      await flush();
      expect(s.flow.snapshot.step).to.equal('linked');
      expect(s.source.getConnectionOptions.map((o) => o.id)).to.deep.equal(['conn-1']);
    });

    it('fails with state-mismatch when its own state expired before the popup answered', async () => {
      const s = await authorizing();
      s.clock.skip(PENDING_TTL_MS);
      s.w.post(message(returnHref(PAGE, { state: s.state, id: 'conn-1' })), ORIGIN);
      expect(s.flow.snapshot.step).to.equal('failed');
      expect(s.flow.snapshot.error?.code).to.equal('state-mismatch');
      expect(s.source.calls.getConnection).to.equal(0);
      expect(s.popup.closed).to.equal(true);
    });

    it('takes the return once when it arrives both by message and by channel', async () => {
      const s = await authorizing();
      const data = message(returnHref(PAGE, { state: s.state, id: 'conn-1' }));
      const sender = new s.w.bus!.Channel(CHANNEL_NAME);
      s.w.post(data, ORIGIN);
      sender.postMessage(data);
      s.w.post(data, ORIGIN);
      await flush();
      sender.close();
      expect(s.flow.snapshot.step).to.equal('linked');
      expect(s.source.calls.getConnection).to.equal(1);
      expect(s.rec.types).to.deep.equal(['link-start', 'linked']);
    });

    it('ends cancelled or failed as the popup’s return says', async () => {
      const cancelled = await authorizing();
      cancelled.w.post(
        message(returnHref(PAGE, { state: cancelled.state, outcome: 'cancelled', message: 'Denied' })),
        ORIGIN,
      );
      expect(cancelled.flow.snapshot.step).to.equal('cancelled');
      expect(cancelled.flow.snapshot.error?.message).to.equal('Denied');
      expect(cancelled.rec.events.at(-1)).to.deep.equal({ type: 'cancel', integrationKey: 'xero', message: 'Denied' });

      const failed = await authorizing();
      failed.w.post(message(returnHref(PAGE, { state: failed.state, outcome: 'failed', message: 'Locked' })), ORIGIN);
      expect(failed.flow.snapshot.error?.code).to.equal('provider');
      expect(failed.flow.snapshot.error?.message).to.equal('Locked');
      expect(failed.popup.closed).to.equal(true);
    });
  });

  describe('the return by BroadcastChannel', () => {
    it('takes a return announced on the channel (the opener link was cut)', async () => {
      const s = await authorizing();
      const sender = new s.w.bus!.Channel(CHANNEL_NAME);
      sender.postMessage(message(returnHref(PAGE, { state: s.state, id: 'conn-1' })));
      sender.close();
      await flush();
      expect(s.flow.snapshot.step).to.equal('linked');
    });

    it('ignores another tab’s return on the shared channel', async () => {
      const s = await authorizing();
      const sender = new s.w.bus!.Channel(CHANNEL_NAME);
      sender.postMessage(message(returnHref(PAGE, { state: createState(), id: 'other' })));
      sender.close();
      await flush();
      expect(s.flow.snapshot.step).to.equal('authorizing');
    });

    it('works with the browser’s own BroadcastChannel', async () => {
      const s = await authorizing({ window: { channel: 'browser' } });
      const sender = new BroadcastChannel(CHANNEL_NAME);
      try {
        sender.postMessage(message(returnHref(PAGE, { state: s.state, id: 'conn-1' })));
        await waitUntil(() => s.flow.snapshot.step === 'linked', 'the channel message never arrived', {
          timeout: 5000,
        });
      } finally {
        sender.close();
      }
      expect(s.source.calls.getConnection).to.equal(1);
    });
  });

  describe('a popup closed by the user', () => {
    it('is verified once when a connection is known, then cancelled', async () => {
      const source = new FakeStoreSource();
      source.startLinkResult = { url: 'https://provider.example/a', connection: connection('made-1', 'pending') };
      source.answers = [connection('made-1', 'pending')];
      const s = await authorizing({ source });
      s.popup.closed = true;
      await s.clock.advance(CLOSE_NOTICED - 1);
      expect(s.flow.snapshot.step).to.equal('authorizing');
      await s.clock.advance(1);
      expect(s.flow.snapshot.step).to.equal('cancelled');
      expect(s.flow.snapshot.error?.message).to.equal('The window was closed before the link was finished.');
      expect(s.source.getConnectionOptions.map((o) => o.id)).to.deep.equal(['made-1']);
      expect(s.rec.steps).to.deep.equal(['starting', 'authorizing', 'verifying', 'cancelled']);
      expect(records(s.storage)).to.deep.equal([]);
      await s.clock.advance(60_000);
      expect(s.source.calls.getConnection).to.equal(1);
      expect(s.clock.pending).to.equal(0);
    });

    it('is linked when that one check finds the connection linked', async () => {
      const source = new FakeStoreSource();
      source.startLinkResult = { url: 'https://provider.example/a', connection: connection('made-1', 'pending') };
      source.answers = [connection('made-1', 'linked')];
      const s = await authorizing({ source });
      s.popup.closed = true;
      await s.clock.advance(CLOSE_NOTICED);
      expect(s.flow.snapshot.step).to.equal('linked');
      expect(s.rec.types).to.deep.equal(['link-start', 'linked']);
    });

    it('is cancelled when the check fails', async () => {
      const source = new FakeStoreSource();
      source.startLinkResult = { url: 'https://provider.example/a', connection: connection('made-1', 'pending') };
      source.answers = [new LinkError('network', 'offline')];
      const s = await authorizing({ source });
      s.popup.closed = true;
      await s.clock.advance(CLOSE_NOTICED);
      expect(s.flow.snapshot.step).to.equal('cancelled');
    });

    it('is cancelled without a request when no connection is known', async () => {
      const s = await authorizing();
      s.popup.closed = true;
      await s.clock.advance(CLOSE_NOTICED);
      expect(s.flow.snapshot.step).to.equal('cancelled');
      expect(s.source.calls.getConnection).to.equal(0);
      expect(s.rec.events.at(-1)).to.deep.equal({
        type: 'cancel',
        integrationKey: 'xero',
        message: 'The window was closed before the link was finished.',
      });
    });

    it('is cancelled while starting, aborting startLink', async () => {
      const source = new FakeSource();
      source.startLinkHold = deferred();
      const s = setup({ source });
      void s.flow.select(XERO);
      s.w.popups[0]!.closed = true;
      await s.clock.advance(CLOSE_NOTICED);
      expect(s.flow.snapshot.step).to.equal('cancelled');
      expect(source.startLinkOptions[0]!.signal?.aborted).to.equal(true);
    });

    it('still takes a return that lands just after the popup closed', async () => {
      const s = await authorizing();
      s.popup.closed = true;
      await s.clock.advance(POPUP_CHECK_MS + 10);
      s.w.post(message(returnHref(PAGE, { state: s.state, id: 'conn-1' })), ORIGIN);
      await s.clock.advance(POPUP_CLOSE_GRACE_MS);
      expect(s.flow.snapshot.step).to.equal('linked');
    });

    it('keeps checking while the popup stays open', async () => {
      const s = await authorizing();
      await s.clock.advance(POPUP_CHECK_MS * 20);
      expect(s.flow.snapshot.step).to.equal('authorizing');
      expect(s.clock.pending).to.equal(1);
    });
  });

  describe('cancel and dispose', () => {
    it('cancel closes the popup and stops listening', async () => {
      const s = await authorizing();
      s.flow.cancel();
      expect(s.flow.snapshot.step).to.equal('cancelled');
      expect(s.popup.closed).to.equal(true);
      expect(s.w.listeners.message).to.equal(0);
      expect(s.w.bus!.open.size).to.equal(0);
      expect(s.clock.pending).to.equal(0);
    });

    it('dispose stops the popup check, the message listener and the channel', async () => {
      const s = await authorizing();
      expect(s.w.listeners.message).to.equal(1);
      expect(s.w.bus!.open.size).to.equal(1);
      s.flow.dispose();
      expect(s.w.listeners.message).to.equal(0);
      expect(s.w.bus!.open.size).to.equal(0);
      expect(s.clock.pending).to.equal(0);
      expect(records(s.storage)).to.have.length(1);
      s.w.post(message(returnHref(PAGE, { state: s.state, id: 'conn-1' })), ORIGIN);
      await flush();
      expect(s.source.calls.getConnection).to.equal(0);
      expect(s.rec.types).to.deep.equal(['link-start']);
    });
  });
});

describe('completePopupReturn', () => {
  const state = 'AbCdEfGhIjKlMnOpQrStU1';

  function returnPage(init: { href?: string; name?: string; opener?: unknown; storage?: StorageLike } = {}) {
    const bus = channelBus();
    const listener = new bus.Channel(CHANNEL_NAME);
    const heard: unknown[] = [];
    listener.onmessage = (event) => heard.push(event.data);
    let closed = 0;
    const href = init.href ?? returnHref(PAGE, { state, id: 'conn-1' });
    const win: PopupReturnWindow = {
      location: { href, origin: new URL(href).origin },
      name: init.name ?? `linkflow-${state}`,
      opener: init.opener ?? null,
      close: () => void (closed += 1),
      BroadcastChannel: bus.Channel,
      ...(init.storage ? { sessionStorage: init.storage } : {}),
    };
    return { win, heard, bus, closed: () => closed };
  }

  function openerOn(origin: string, storage?: StorageLike) {
    const posted: Array<[unknown, string]> = [];
    return {
      posted,
      opener: {
        location: { origin },
        ...(storage ? { sessionStorage: storage } : {}),
        postMessage: (data: unknown, targetOrigin: string) => void posted.push([data, targetOrigin]),
      },
    };
  }

  function popupRecordIn(storage: StorageLike, mode: 'popup' | 'redirect' = 'popup'): StorageLike {
    storage.setItem(
      PENDING_STORAGE_KEY,
      JSON.stringify([{ state, integrationKey: 'xero', startedAt: Date.now(), returnUrl: PAGE, mode }]),
    );
    return storage;
  }

  it('in a linkflow popup, posts the return to the opener’s origin and on the channel, then closes', async () => {
    const { opener, posted } = openerOn(ORIGIN);
    const page = returnPage({ opener });
    expect(completePopupReturn(page.win)).to.equal(true);
    const sent = { type: RETURN_MESSAGE_TYPE, href: page.win.location.href };
    expect(posted).to.deep.equal([[sent, ORIGIN]]);
    await flush();
    expect(page.heard).to.deep.equal([sent]);
    expect(page.closed()).to.equal(1);
  });

  it('uses the channel alone when the opener is gone', async () => {
    const page = returnPage();
    expect(completePopupReturn(page.win)).to.equal(true);
    await flush();
    expect(page.heard).to.have.length(1);
    expect(page.closed()).to.equal(1);
  });

  it('recognizes the popup by a pending popup record of its same-origin opener when the name was cleared', () => {
    const { opener, posted } = openerOn(ORIGIN, popupRecordIn(memoryStorage()));
    const page = returnPage({ name: '', opener });
    expect(popupReturnState(page.win)).to.equal(state);
    expect(completePopupReturn(page.win)).to.equal(true);
    expect(posted).to.have.length(1);
  });

  it('recognizes the popup by its own copy of the pending record when name and opener are gone', () => {
    const page = returnPage({ name: '', storage: popupRecordIn(memoryStorage()) });
    expect(completePopupReturn(page.win)).to.equal(true);
  });

  it('does nothing on a page that is no popup return', async () => {
    const cases = [
      returnPage({ href: PAGE }),
      returnPage({ href: returnHref(PAGE, { state: 'ZZZZZZZZZZZZZZZZZZZZZZ', id: 'c' }) }),
      returnPage({ name: '' }),
      returnPage({ name: 'linkflow-' }),
      returnPage({ name: 'linkflow-short', href: returnHref(PAGE, { state: 'short', id: 'c' }) }),
      returnPage({ name: '', opener: openerOn(ORIGIN).opener }),
      returnPage({ name: '', storage: popupRecordIn(memoryStorage(), 'redirect') }),
      returnPage({ name: '', opener: openerOn('https://other.example', popupRecordIn(memoryStorage())).opener }),
    ];
    for (const [index, page] of cases.entries()) {
      expect(completePopupReturn(page.win), `case ${index}`).to.equal(false);
      expect(page.closed(), `case ${index}`).to.equal(0);
    }
    await flush();
    expect(cases.flatMap((page) => page.heard)).to.deep.equal([]);
  });

  it('treats an opener it may not read (another origin) as none', () => {
    const foreign = {
      get location(): never {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
      postMessage: () => undefined,
    };
    const page = returnPage({ name: '', opener: foreign });
    expect(completePopupReturn(page.win)).to.equal(false);
  });

  it('answers false on this test page, which is no popup, and leaves it open', () => {
    expect(completePopupReturn()).to.equal(false);
    expect(window.closed).to.equal(false);
  });

  it('hands a popup return from resume() to the opener flow, end to end', async () => {
    const opener = setup();
    await opener.flow.select(XERO);
    const state = opener.source.startLinkOptions[0]!.state;
    const popupWindow = fakeWindow({
      href: returnHref(PAGE, { state, id: 'conn-1' }),
      name: `linkflow-${state}`,
      channel: opener.w.bus!,
      opener: {
        location: { origin: ORIGIN },
        postMessage: (data: unknown, targetOrigin: string) => {
          if (targetOrigin === ORIGIN) opener.w.post(data, ORIGIN);
        },
      },
    });
    const popupSource = new FakeSource();
    const popupFlow = new LinkFlow({
      source: popupSource,
      storage: memoryStorage(),
      window: popupWindow.win,
      clock: opener.clock,
    });
    const popupEvents = recorder(popupFlow);
    expect(popupFlow.resume()).to.equal('handed-off');
    expect(popupWindow.state.closeCalls).to.equal(1);
    expect(popupFlow.snapshot.step).to.equal('idle');
    expect(popupEvents.events).to.deep.equal([]);
    expect(popupSource.calls.getConnection).to.equal(0);
    await flush();
    expect(opener.flow.snapshot.step).to.equal('linked');
    expect(opener.source.calls.getConnection).to.equal(1);
  });
});
