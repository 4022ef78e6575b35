import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { completeMemoryConsent, createMemoryAdapter, type MemoryAdapter } from '../../src/adapter/memory.js';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import '../../src/elements/link-flow/lf-link-flow.js';
import type { LfLinkFlow } from '../../src/elements/link-flow/link-flow.js';
import type { LinkFlowStep } from '../../src/model/index.js';
import { fakeWindow } from '../flow/fakes.js';

const APP = `${location.origin}/app/settings`;

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

/** An adapter that counts every call it passes on. */
function counting(adapter: ConnectionAdapter) {
  const calls: string[] = [];
  const wrapped: ConnectionAdapter = {
    listIntegrations: (o) => (calls.push('listIntegrations'), adapter.listIntegrations(o)),
    listConnections: (o) => (calls.push('listConnections'), adapter.listConnections(o)),
    getConnection: (id, o) => (calls.push(`getConnection:${id}`), adapter.getConnection(id, o)),
    startLink: (k, o) => (calls.push(`startLink:${k}`), adapter.startLink(k, o)),
    readReturn: (url) => adapter.readReturn(url),
  };
  return { adapter: wrapped, calls };
}

async function mount(adapter: ConnectionAdapter, win: ReturnType<typeof fakeWindow>, storage: Storage) {
  return fixture<LfLinkFlow>(
    html`<lf-link-flow
      .adapter=${adapter}
      .flowOptions=${{ window: win.win, storage }}
      .poll=${{ initial: 10, max: 20, deadline: 2000 }}
    ></lf-link-flow>`,
  );
}

const shadow = (el: Element) => el.shadowRoot!;
const heading = (el: LfLinkFlow) => shadow(el).querySelector('[part~="heading"]')?.textContent?.trim() ?? '';
const until = (el: LfLinkFlow, step: LinkFlowStep) =>
  waitUntil(() => el.step === step, `step ${step}`, { timeout: 4000 });

function pickerOption(el: LfLinkFlow, name: string): HTMLElement {
  const picker = shadow(el).querySelector('lf-connection-picker')!;
  const options = [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
  const option = options.find((o) => o.textContent?.includes(name));
  if (!option) throw new Error(`no option ${name} among ${options.length}`);
  return option;
}

describe('<lf-link-flow>', () => {
  let memory: MemoryAdapter;
  let storage: Storage;

  beforeEach(() => {
    memory = createMemoryAdapter({ catalogue: 'mixed' });
    storage = memoryStorage();
  });

  it('shows the picker with the integrations, then sends the user to the checked consent URL', async () => {
    const win = fakeWindow({ href: APP, storage });
    const el = await mount(memory, win, storage);
    await until(el, 'choosing');
    expect(heading(el)).to.equal('Connect an account');
    await waitUntil(() =>
      shadow(el).querySelector('lf-connection-picker')?.shadowRoot?.querySelector('[role="option"]'),
    );

    const started = oneEvent(el, 'lf-link-start');
    pickerOption(el, 'Xero').click();
    const event = await started;
    expect(event.detail).to.include({ integrationKey: 'gbol', mode: 'redirect' });
    await waitUntil(() => win.assigned.length === 1, 'navigated');
    const target = new URL(win.assigned[0]!);
    expect(target.origin).to.equal(location.origin);
    expect(target.pathname).to.equal('/demo/consent.html');
    expect(el.step).to.equal('authorizing');
    expect(heading(el)).to.equal('Taking you to Xero…');
  });

  it('lets the page hear lf-select before the lf-state-change and lf-link-start it causes', async () => {
    const win = fakeWindow({ href: APP, storage });
    const el = await mount(memory, win, storage);
    await until(el, 'choosing');
    await waitUntil(() =>
      shadow(el).querySelector('lf-connection-picker')?.shadowRoot?.querySelector('[role="option"]'),
    );
    const order: string[] = [];
    const types = ['lf-select', 'lf-state-change', 'lf-link-start'];
    const record = (e: Event) => order.push(e.type);
    for (const type of types) document.addEventListener(type, record);
    pickerOption(el, 'Xero').click();
    await waitUntil(() => order.includes('lf-link-start'));
    for (const type of types) document.removeEventListener(type, record);
    expect(order.slice(0, 3)).to.deep.equal(['lf-select', 'lf-state-change', 'lf-link-start']);
  });

  it('falls back to a redirect when the popup is blocked, and says so', async () => {
    const win = fakeWindow({ href: APP, storage, popup: 'blocked' });
    const el = await fixture<LfLinkFlow>(
      html`<lf-link-flow mode="popup" .adapter=${memory} .flowOptions=${{ window: win.win, storage }}></lf-link-flow>`,
    );
    await until(el, 'choosing');
    const blocked = oneEvent(el, 'lf-popup-blocked');
    void el.flow!.select('gbol');
    expect((await blocked).detail).to.deep.equal({ integrationKey: 'gbol' });
    await waitUntil(() => win.assigned.length === 1, 'redirected');
    await el.updateComplete;
    expect(heading(el)).to.equal('Taking you to Xero…');
  });

  it('in popup mode tells the user to continue in the window', async () => {
    const win = fakeWindow({ href: APP, storage });
    const el = await fixture<LfLinkFlow>(
      html`<lf-link-flow mode="popup" .adapter=${memory} .flowOptions=${{ window: win.win, storage }}></lf-link-flow>`,
    );
    await until(el, 'choosing');
    void el.flow!.select('gbol');
    await until(el, 'authorizing');
    await el.updateComplete;
    expect(heading(el)).to.equal('Continue in the Xero window');
    expect(win.assigned).to.deep.equal([]);
    expect(win.popups.length).to.equal(1);
  });

  it('comes back from an approved consent, verifies, and shows the connection linked', async () => {
    const first = fakeWindow({ href: APP, storage });
    const el = await mount(memory, first, storage);
    await until(el, 'choosing');
    await waitUntil(() =>
      shadow(el).querySelector('lf-connection-picker')?.shadowRoot?.querySelector('[role="option"]'),
    );
    pickerOption(el, 'Xero').click();
    await waitUntil(() => first.assigned.length === 1);
    el.remove();

    // The provider (the consent page) approves and sends the user back to a fresh page load.
    const back = completeMemoryConsent(memory, first.assigned[0]!, 'approve');
    const second = fakeWindow({ href: back.href, storage });
    const linked = new Promise<CustomEvent>((resolve) =>
      document.addEventListener('lf-linked', (e) => resolve(e as unknown as CustomEvent), { once: true }),
    );
    const again = await mount(memory, second, storage);
    const event = await linked;
    expect(event.detail.connection.status).to.equal('linked');
    expect(event.detail.connection.integrationKey).to.equal('gbol');
    await until(again, 'linked');
    await again.updateComplete;
    expect(heading(again)).to.equal('Xero is connected');
    expect(shadow(again).querySelector('lf-status-indicator')).to.exist;
    // The return parameters left the address bar, so a reload does not replay them.
    expect(second.href).not.to.contain('lf_state');
    await expect(again).to.be.accessible();
  });

  it('shows a denied consent as cancelled, with try again and choose another', async () => {
    const first = fakeWindow({ href: APP, storage });
    const el = await mount(memory, first, storage);
    await until(el, 'choosing');
    await el.flow!.select('qhyg');
    el.remove();
    const back = completeMemoryConsent(memory, first.assigned[0]!, 'deny');
    const cancelled = new Promise<Event>((resolve) => document.addEventListener('lf-cancel', resolve, { once: true }));
    const again = await mount(memory, fakeWindow({ href: back.href, storage }), storage);
    await cancelled;
    await until(again, 'cancelled');
    await again.updateComplete;
    expect(heading(again)).to.contain('cancelled');
    const buttons = [...shadow(again).querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).to.deep.equal(['Try again', 'Choose another integration']);
    await expect(again).to.be.accessible();
  });

  it('shows a failed consent in the error panel with the provider code', async () => {
    const first = fakeWindow({ href: APP, storage });
    const el = await mount(memory, first, storage);
    await until(el, 'choosing');
    await el.flow!.select('qhyg');
    el.remove();
    const back = completeMemoryConsent(memory, first.assigned[0]!, 'fail');
    const errored = new Promise<CustomEvent>((resolve) =>
      document.addEventListener('lf-error', (e) => resolve(e as unknown as CustomEvent), { once: true }),
    );
    const again = await mount(memory, fakeWindow({ href: back.href, storage }), storage);
    expect((await errored).detail.error.code).to.equal('provider');
    await until(again, 'failed');
    await again.updateComplete;
    const panel = shadow(again).querySelector('lf-error-panel')!;
    expect(panel).to.exist;
    await expect(again).to.be.accessible();
  });

  it('rejects a return whose state it never issued: state-mismatch, nothing linked', async () => {
    const forged = new URL(APP);
    forged.search = 'lf_state=forged&lf_connection=c1&lf_outcome=approved';
    const { adapter, calls } = counting(memory);
    const el = await mount(adapter, fakeWindow({ href: forged.href, storage }), storage);
    await until(el, 'failed');
    expect(el.flow!.snapshot.error?.code).to.equal('state-mismatch');
    expect(calls.filter((c) => c.startsWith('getConnection'))).to.deep.equal([]);
  });

  it('shows a failed start in the error panel, and retry starts again', async () => {
    memory.setFailure('startLink', 1);
    const win = fakeWindow({ href: APP, storage });
    const el = await mount(memory, win, storage);
    await until(el, 'choosing');
    await el.flow!.select('qhyg');
    await until(el, 'failed');
    expect(el.flow!.snapshot.error?.code).to.equal('network');
    expect(win.assigned).to.deep.equal([]);
    await el.updateComplete;
    const panel = shadow(el).querySelector('lf-error-panel')!;
    await panel.updateComplete;
    const retry = panel.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry"]')!;
    retry.click();
    await waitUntil(() => win.assigned.length === 1, 'navigated after retry');
  });

  it('cancel while waiting goes to cancelled, and choose another goes back to the picker', async () => {
    const win = fakeWindow({ href: APP, storage });
    const el = await mount(memory, win, storage);
    await until(el, 'choosing');
    memory.setLatency(10_000);
    void el.flow!.select('qhyg');
    await until(el, 'starting');
    await el.updateComplete;
    shadow(el).querySelector<HTMLButtonElement>('[part~="cancel"]')!.click();
    await until(el, 'cancelled');
    memory.setLatency(0);
    await el.updateComplete;
    shadow(el).querySelector<HTMLButtonElement>('[part~="restart"]')!.click();
    await until(el, 'choosing');
    expect(win.assigned).to.deep.equal([]);
  });

  it('stops for good when it leaves the page: no request after removal', async () => {
    const first = fakeWindow({ href: APP, storage });
    const el = await mount(memory, first, storage);
    await until(el, 'choosing');
    await el.flow!.select('qhyg');
    el.remove();
    const back = completeMemoryConsent(createMemoryAdapter(), first.assigned[0]!, 'deny');
    // A pending connection never turns linked: the flow would poll until its deadline.
    back.searchParams.set('lf_outcome', 'approved');
    const { adapter, calls } = counting(memory);
    const again = await mount(adapter, fakeWindow({ href: back.href, storage }), storage);
    await until(again, 'verifying');
    await waitUntil(() => calls.some((c) => c.startsWith('getConnection')));
    again.remove();
    await new Promise((r) => setTimeout(r, 20));
    const seen = calls.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(calls.length).to.equal(seen);
  });

  it('reflects its step and fires lf-state-change for each move', async () => {
    const steps: string[] = [];
    const listener = (e: Event) => steps.push((e as CustomEvent).detail.step);
    document.addEventListener('lf-state-change', listener);
    const el = await mount(memory, fakeWindow({ href: APP, storage }), storage);
    await until(el, 'choosing');
    document.removeEventListener('lf-state-change', listener);
    expect(steps).to.deep.equal(['loading', 'choosing']);
    expect(el.getAttribute('step')).to.equal('choosing');
    await expect(el).to.be.accessible();
  });

  for (const [label, attrs] of [
    ['dark', { theme: 'dark', lang: 'en', dir: 'ltr' }],
    ['right to left (Arabic)', { theme: 'light', lang: 'ar', dir: 'rtl' }],
    ['dark and right to left', { theme: 'dark', lang: 'ar', dir: 'rtl' }],
  ] as const) {
    it(`has no axe violation while choosing, linked and failed, ${label}`, async () => {
      const first = fakeWindow({ href: APP, storage });
      const wrap = await fixture<HTMLDivElement>(
        html`<div lang=${attrs.lang} dir=${attrs.dir}>
          <lf-link-flow
            theme=${attrs.theme}
            .adapter=${memory}
            .flowOptions=${{ window: first.win, storage }}
            .poll=${{ initial: 10, max: 20, deadline: 2000 }}
          ></lf-link-flow>
        </div>`,
      );
      const el = wrap.querySelector('lf-link-flow')!;
      await until(el, 'choosing');
      await waitUntil(() =>
        shadow(el).querySelector('lf-connection-picker')?.shadowRoot?.querySelector('[role="option"]'),
      );
      await expect(wrap).to.be.accessible();
      await el.flow!.select('gbol');
      el.remove();

      const back = completeMemoryConsent(memory, first.assigned[0]!, 'approve');
      const linked = await fixture<HTMLDivElement>(
        html`<div lang=${attrs.lang} dir=${attrs.dir}>
          <lf-link-flow
            theme=${attrs.theme}
            .adapter=${memory}
            .flowOptions=${{ window: fakeWindow({ href: back.href, storage }).win, storage }}
            .poll=${{ initial: 10, max: 20, deadline: 2000 }}
          ></lf-link-flow>
        </div>`,
      );
      const again = linked.querySelector('lf-link-flow')!;
      await until(again, 'linked');
      await again.updateComplete;
      await expect(linked).to.be.accessible();

      memory.setFailure('startLink', 'unauthorized');
      again.flow!.reset();
      await again.flow!.load();
      await again.flow!.select('gbol');
      await until(again, 'failed');
      await again.updateComplete;
      await expect(linked).to.be.accessible();
    });
  }
});
