// Forged returns through <lf-link-flow>: a made-up state, an expired one, a replay, a return opened in
// another tab, and popup messages from another origin or without a pending state. None links anything;
// where the user lands on the page, the error panel says why.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { completeMemoryConsent, createMemoryAdapter, type MemoryAdapter } from '../../src/adapter/memory.js';
import '../../src/elements/link-flow/lf-link-flow.js';
import type { LfLinkFlow } from '../../src/elements/link-flow/link-flow.js';
import {
  PENDING_STORAGE_KEY,
  PENDING_TTL_MS,
  RETURN_MESSAGE_TYPE,
  createState,
  type Clock,
} from '../../src/flow/index.js';
import { ManualClock, fakeWindow } from '../flow/fakes.js';
import {
  captureEvents,
  errorTitle,
  flowErrorPanel,
  instrument,
  memoryStorage,
  panelText,
  sleep,
  untilStep,
  type AdapterLog,
} from './helpers.js';

const APP = `${location.origin}/app/settings/integrations`;
const ORIGIN = location.origin;
const POLL = { initial: 10, max: 20, deadline: 3000 };

interface Mounted {
  readonly element: LfLinkFlow;
  readonly win: ReturnType<typeof fakeWindow>;
  readonly log: AdapterLog;
}

async function mount(
  memory: MemoryAdapter,
  options: { href?: string; storage: Storage; clock?: Clock; mode?: 'redirect' | 'popup' },
): Promise<Mounted> {
  const { adapter, log } = instrument(memory);
  const win = fakeWindow({ href: options.href ?? APP, storage: options.storage });
  const element = await fixture<LfLinkFlow>(
    html`<lf-link-flow
      .adapter=${adapter}
      mode=${options.mode ?? 'redirect'}
      .poll=${POLL}
      .flowOptions=${{ window: win.win, storage: options.storage, ...(options.clock ? { clock: options.clock } : {}) }}
    ></lf-link-flow>`,
  );
  return { element, win, log };
}

/** Starts a link to QuickBooks in a fresh page and answers the URL the provider sends the user back to. */
async function startAndApprove(memory: MemoryAdapter, storage: Storage, clock?: Clock): Promise<string> {
  const first = await mount(memory, { storage, ...(clock ? { clock } : {}) });
  await untilStep(first.element, 'choosing');
  await first.element.flow!.select('qhyg');
  await waitUntil(() => first.win.assigned.length === 1, 'sent to the consent page');
  first.element.remove();
  return completeMemoryConsent(memory, first.win.assigned[0]!, 'approve').href;
}

/** Asserts the user sees state-mismatch, and nothing was verified or linked. */
async function expectRejected(mounted: Mounted, linked: Event[]): Promise<void> {
  await untilStep(mounted.element, 'failed');
  expect(mounted.element.flow!.snapshot.error?.code).to.equal('state-mismatch');
  const panel = panelText(await flowErrorPanel(mounted.element));
  expect(panel.code).to.equal('state-mismatch');
  expect(panel.title).to.equal(errorTitle('state-mismatch'));
  expect(mounted.log.calls['getConnection'] ?? 0, 'getConnection calls').to.equal(0);
  expect(linked, 'lf-linked events').to.deep.equal([]);
  // The parameters left the address bar, so a reload does not bring the forged return back.
  expect(mounted.win.href).not.to.contain('lf_state');
}

describe('forged returns', () => {
  let memory: MemoryAdapter;
  let storage: Storage;
  let events: ReturnType<typeof captureEvents>;
  const linked = () => events.events.filter((event) => event.type === 'lf-linked');

  beforeEach(() => {
    memory = createMemoryAdapter({ catalogue: 'mixed' });
    storage = memoryStorage();
    events = captureEvents();
  });

  afterEach(() => events.stop());

  it('a return with a state this tab never issued is rejected, and the genuine return still links', async () => {
    const genuine = await startAndApprove(memory, storage);
    const forged = new URL(genuine);
    forged.searchParams.set('lf_state', createState());
    const attacker = await mount(memory, { href: forged.href, storage });
    await expectRejected(attacker, linked());
    attacker.element.remove();

    // The forged return consumed nothing: the real one, arriving next, is taken.
    const real = await mount(memory, { href: genuine, storage });
    await untilStep(real.element, 'linked');
    expect(linked()).to.have.length(1);
  });

  it('a return without any state is rejected', async () => {
    const genuine = new URL(await startAndApprove(memory, storage));
    genuine.searchParams.delete('lf_state');
    await expectRejected(await mount(memory, { href: genuine.href, storage }), linked());
  });

  it('a return whose record expired is rejected, and the record is dropped', async () => {
    const clock = new ManualClock();
    const genuine = await startAndApprove(memory, storage, clock);
    clock.skip(PENDING_TTL_MS + 1);
    const late = await mount(memory, { href: genuine, storage, clock });
    await expectRejected(late, linked());
    expect(storage.getItem(PENDING_STORAGE_KEY)).to.equal(null);
  });

  it('a return replayed after it linked is rejected', async () => {
    const genuine = await startAndApprove(memory, storage);
    const first = await mount(memory, { href: genuine, storage });
    await untilStep(first.element, 'linked');
    first.element.remove();
    expect(linked()).to.have.length(1);
    events.events.length = 0;

    const replay = await mount(memory, { href: genuine, storage });
    await expectRejected(replay, linked());
  });

  it('a return replayed while the first is still verifying is rejected; the first links once', async () => {
    memory = createMemoryAdapter({ catalogue: 'mixed', verifyDelay: 400 });
    const genuine = await startAndApprove(memory, storage);
    const first = await mount(memory, { href: genuine, storage });
    await untilStep(first.element, 'verifying');
    const replay = await mount(memory, { href: genuine, storage });
    await untilStep(replay.element, 'failed');
    expect(replay.element.flow!.snapshot.error?.code).to.equal('state-mismatch');
    expect(replay.log.calls['getConnection'] ?? 0).to.equal(0);
    await untilStep(first.element, 'linked');
    await sleep(50);
    expect(linked()).to.have.length(1);
    expect((linked()[0] as CustomEvent).target).to.equal(first.element);
  });

  it('a return opened in a second tab (its own session storage) is rejected', async () => {
    const genuine = await startAndApprove(memory, storage);
    const otherTab = await mount(memory, { href: genuine, storage: memoryStorage() });
    await expectRejected(otherTab, linked());
    // The first tab's record is untouched: its own return still links there.
    const home = await mount(memory, { href: genuine, storage });
    await untilStep(home.element, 'linked');
  });

  describe('popup messages', () => {
    /** A popup-mode link waiting in `authorizing`, with the return its popup would send once approved. */
    async function waitingPopup() {
      const mounted = await mount(memory, { storage, mode: 'popup' });
      await untilStep(mounted.element, 'choosing');
      await mounted.element.flow!.select('qhyg');
      await untilStep(mounted.element, 'authorizing');
      const popup = mounted.win.popups[0]!;
      const back = completeMemoryConsent(memory, popup.urls[0]!, 'approve').href;
      return { ...mounted, popup, back };
    }
    const message = (href: string) => ({ type: RETURN_MESSAGE_TYPE, href });

    /** Still waiting for the popup, as before: nothing verified, nothing linked. */
    async function stillWaiting(mounted: Mounted): Promise<void> {
      await sleep(60);
      expect(mounted.element.step).to.equal('authorizing');
      expect(mounted.log.calls['getConnection'] ?? 0).to.equal(0);
      expect(linked()).to.deep.equal([]);
      await mounted.element.updateComplete;
      const heading = mounted.element.shadowRoot!.querySelector('[part~="heading"]')?.textContent?.trim();
      expect(heading).to.equal('Continue in the QuickBooks Online window');
    }

    it('a message from another origin is ignored; the real one then links', async () => {
      const s = await waitingPopup();
      for (const origin of ['https://evil.example', 'null', '', `${ORIGIN}.evil.example`])
        s.win.post(message(s.back), origin);
      await stillWaiting(s);
      s.win.post(message(s.back), ORIGIN);
      await untilStep(s.element, 'linked');
      expect(linked()).to.have.length(1);
      expect(s.popup.closed).to.equal(true);
    });

    it('a message from this origin without the pending state is ignored', async () => {
      const s = await waitingPopup();
      const forged = new URL(s.back);
      forged.searchParams.set('lf_state', createState());
      const stateless = new URL(s.back);
      stateless.searchParams.delete('lf_state');
      const elsewhere = new URL(s.back.replace(ORIGIN, 'https://evil.example'));
      for (const href of [forged.href, stateless.href, elsewhere.href, 'not a url']) s.win.post(message(href), ORIGIN);
      // The same on the BroadcastChannel a popup return page announces itself on.
      const channel = new s.win.bus!.Channel('linkflow');
      channel.postMessage(message(forged.href));
      channel.close();
      await stillWaiting(s);
      s.win.post(message(s.back), ORIGIN);
      await untilStep(s.element, 'linked');
    });

    it('a message while no link is pending changes nothing', async () => {
      const mounted = await mount(memory, { storage, mode: 'popup' });
      await untilStep(mounted.element, 'choosing');
      const forged = `${APP}?lf_state=${createState()}&lf_connection=conn_x&lf_outcome=approved`;
      mounted.win.post(message(forged), ORIGIN);
      await sleep(60);
      expect(mounted.element.step).to.equal('choosing');
      expect(mounted.log.calls['getConnection'] ?? 0).to.equal(0);
      expect(linked()).to.deep.equal([]);
      expect(mounted.win.listeners.message, 'message listeners while nothing is pending').to.equal(0);
    });
  });
});
