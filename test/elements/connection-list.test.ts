import { expect, fixture, html, nextFrame, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import { createMemoryAdapter } from '../../src/adapter/memory.js';
import '../../src/elements/connection-list/lf-connection-list.js';
import type { LfConnectionList } from '../../src/elements/connection-list/connection-list.js';
import '../../src/elements/provider/lf-provider.js';
import type { LfStatusIndicator } from '../../src/elements/status-indicator/status-indicator.js';
import { LfReconnectEvent } from '../../src/events/reconnect.js';
import { LfRemoveEvent } from '../../src/events/remove.js';
import type { LfRetryEvent } from '../../src/events/retry.js';
import { LfUnlinkEvent } from '../../src/events/unlink.js';
import { LinkError } from '../../src/model/link-error.js';
import type { Connection, Integration } from '../../src/model/schemas.js';

const MINUTE = 60_000;

const connection = (id: string, integrationKey: string, name: string, extra: Partial<Connection> = {}): Connection => ({
  id,
  integrationKey,
  integrationName: name,
  status: 'linked',
  health: 'healthy',
  paused: false,
  categories: ['accounting'],
  issues: [],
  ...extra,
});

const INTEGRATIONS: Integration[] = [
  { key: 'xero', name: 'Xero', logoUrl: 'https://example.com/xero.png', categories: [], enabled: true, beta: false },
];

function seed(): Connection[] {
  return [
    connection('c-xero', 'xero', 'Xero', { lastSyncAt: new Date(Date.now() - 5 * MINUTE).toISOString() }),
    connection('c-qbo', 'qbo', 'QuickBooks Online', {
      health: 'unhealthy',
      issues: [
        { message: 'Token refresh failed', active: true },
        { message: 'Rate limit hit', active: true },
        { message: 'Old problem', active: false, resolvedAt: '2024-01-01T00:00:00Z' },
      ],
    }),
    connection('c-sage', 'sage', 'Sage', { status: 'deauthorized', health: 'unknown' }),
    connection('c-plaid', 'plaid', 'Plaid', { status: 'unlinked', health: 'unknown' }),
  ];
}

interface FakeOptions {
  readonly unlink?: boolean;
  readonly remove?: boolean;
}

/** An adapter over an in-memory list, counting calls; `fail` makes the next call of a method fail. */
function fakeAdapter(initial: Connection[] = seed(), options: FakeOptions = {}) {
  let list = [...initial];
  const calls = { listConnections: 0, listIntegrations: 0, unlink: [] as string[], remove: [] as string[] };
  const fail: { listConnections?: LinkError; unlink?: LinkError; remove?: LinkError } = {};
  const gate: { remove?: Promise<void> } = {};
  const adapter: ConnectionAdapter = {
    listIntegrations: async () => (calls.listIntegrations++, INTEGRATIONS),
    listConnections: async () => {
      calls.listConnections++;
      const error = fail.listConnections;
      if (error) throw error;
      return list;
    },
    getConnection: async (id) => {
      const found = list.find((c) => c.id === id);
      if (!found) throw new LinkError('not-found', `No connection ${id}.`);
      return found;
    },
    startLink: async () => ({ url: 'https://example.com/auth' }),
    readReturn: () => null,
  };
  if (options.unlink !== false) {
    adapter.unlink = async (id) => {
      calls.unlink.push(id);
      const error = fail.unlink;
      if (error) throw error;
      const next = { ...list.find((c) => c.id === id)!, status: 'unlinked' as const };
      list = list.map((c) => (c.id === id ? next : c));
      return next;
    };
  }
  if (options.remove !== false) {
    adapter.remove = async (id) => {
      calls.remove.push(id);
      await gate.remove;
      const error = fail.remove;
      if (error) throw error;
      list = list.filter((c) => c.id !== id);
    };
  }
  return { adapter, calls, fail, gate };
}

const root = (el: LfConnectionList) => el.shadowRoot!;
const rows = (el: LfConnectionList) => [...root(el).querySelectorAll<HTMLElement>('li[part~="item"]')];
const row = (el: LfConnectionList, id: string) => root(el).querySelector<HTMLElement>(`li[data-id="${id}"]`);
const names = (el: LfConnectionList) => rows(el).map((r) => r.querySelector('[part~="label"]')!.textContent);
const actions = (r: HTMLElement) => [...r.querySelectorAll<HTMLElement>('button')].map((b) => b.dataset['action']);
const button = (el: LfConnectionList, id: string, action: string) =>
  row(el, id)!.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!;
const focused = (el: LfConnectionList) => root(el).activeElement as HTMLElement | null;
const liveText = (el: LfConnectionList) => root(el).querySelector('[role="status"]')!.textContent!.trim();

async function settle(el: LfConnectionList): Promise<void> {
  await el.updateComplete;
  await nextFrame();
  await el.updateComplete;
}

async function waitFor(check: () => unknown, timeout = 3000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function plain(connections: Connection[] = seed(), integrations: Integration[] = INTEGRATIONS) {
  const el = await fixture<LfConnectionList>(
    html`<lf-connection-list .connections=${connections} .integrations=${integrations}></lf-connection-list>`,
  );
  await settle(el);
  return el;
}

async function withStore(fake = fakeAdapter()) {
  const el = await fixture<LfConnectionList>(html`<lf-connection-list .adapter=${fake.adapter}></lf-connection-list>`);
  await waitFor(() => rows(el).length || root(el).querySelector('[part~="empty"], [part~="error"]'));
  await settle(el);
  return { el, ...fake };
}

const statusOf = async (r: HTMLElement) => {
  const indicator = r.querySelector<LfStatusIndicator>('lf-status-indicator')!;
  await indicator.updateComplete;
  return indicator.shadowRoot!.querySelector('[part~="base"]')!.textContent!.replace(/\s+/g, ' ').trim();
};

describe('<lf-connection-list>', () => {
  describe('rendering', () => {
    it('shows each connection with its name, logo, status, health and last sync', async () => {
      const el = await plain();
      expect(names(el)).to.deep.equal(['Xero', 'QuickBooks Online', 'Sage', 'Plaid']);
      expect(root(el).querySelector('[part~="heading"]')!.textContent!.trim()).to.equal('Connections');
      expect(root(el).querySelector('[part~="list"]')!.getAttribute('aria-labelledby')).to.equal('heading');
      const [xero, qbo, sage, plaid] = rows(el);
      expect(xero!.querySelector('img[part~="logo"]')!.getAttribute('src')).to.equal('https://example.com/xero.png');
      expect(qbo!.querySelector('[part~="logo"]')!.textContent!.trim()).to.equal('QO');
      expect(xero!.querySelector('lf-status-indicator')!.connection!.id).to.equal('c-xero');
      expect(await statusOf(xero!)).to.equal('Connected Healthy · Synced 5 minutes ago');
      expect(await statusOf(qbo!)).to.contain('Sync failing');
      expect(await statusOf(sage!)).to.equal('Access revoked');
      expect(await statusOf(plaid!)).to.equal('Disconnected');
    });

    it('sums up the active issues and quotes the first, leaving resolved ones out', async () => {
      const el = await plain();
      const issues = rows(el)[1]!.querySelector('[part~="issues"]')!;
      expect([...issues.querySelectorAll('p')].map((p) => p.textContent)).to.deep.equal([
        '2 active issues',
        'Token refresh failed',
      ]);
      expect(rows(el)[0]!.querySelector('[part~="issues"]')).to.equal(null);
    });

    it('offers the actions each status calls for, named for their connection', async () => {
      const el = await plain();
      expect(rows(el).map(actions)).to.deep.equal([
        ['unlink', 'remove'],
        ['reconnect', 'unlink', 'remove'],
        ['reconnect', 'unlink', 'remove'],
        ['reconnect', 'remove'],
      ]);
      expect(button(el, 'c-qbo', 'reconnect').getAttribute('aria-label')).to.equal('Reconnect QuickBooks Online');
      expect(button(el, 'c-qbo', 'reconnect').textContent!.trim()).to.equal('Reconnect');
      expect(button(el, 'c-xero', 'unlink').getAttribute('aria-label')).to.equal('Unlink Xero');
      expect(button(el, 'c-xero', 'remove').getAttribute('aria-label')).to.equal('Remove Xero');
    });

    it('writes vendor text as text, never as markup', async () => {
      const el = await plain([
        connection('c1', 'x', '<b onmouseover="x()">Evil</b>', {
          issues: [{ message: '<img src=x onerror="window.__pwned=1">', active: true }],
        }),
      ]);
      expect(names(el)).to.deep.equal(['<b onmouseover="x()">Evil</b>']);
      expect(rows(el)[0]!.querySelector('.issue')!.textContent).to.equal('<img src=x onerror="window.__pwned=1">');
      expect(rows(el)[0]!.querySelectorAll('b, img').length).to.equal(0);
      expect(rows(el)[0]!.querySelector('.issue-count')!.textContent).to.equal('1 active issue');
    });

    it('takes the heading level from heading-level', async () => {
      const el = await fixture<LfConnectionList>(
        html`<lf-connection-list heading-level="3" .connections=${seed()}></lf-connection-list>`,
      );
      const heading = root(el).querySelector('[part~="heading"]')!;
      expect(heading.getAttribute('role')).to.equal('heading');
      expect(heading.getAttribute('aria-level')).to.equal('3');
    });
  });

  describe('states', () => {
    it('shows a busy skeleton while loading, then the connections', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const fake = fakeAdapter();
      const list = fake.adapter.listConnections.bind(fake.adapter);
      fake.adapter.listConnections = async (o) => (await gate, list(o));
      const el = await fixture<LfConnectionList>(
        html`<lf-connection-list .adapter=${fake.adapter}></lf-connection-list>`,
      );
      await settle(el);
      const base = root(el).querySelector('[part~="base"]')!;
      expect(base.getAttribute('aria-busy')).to.equal('true');
      expect(root(el).querySelectorAll('.skeleton').length).to.be.greaterThan(0);
      expect(root(el).querySelector('.loading')!.textContent).to.contain('Loading connections…');
      release();
      await waitFor(() => rows(el).length === 4);
      expect(base.getAttribute('aria-busy')).to.equal('false');
      expect(root(el).querySelector('.skeleton')).to.equal(null);
    });

    it('says there are no connections yet', async () => {
      const el = await plain([]);
      expect(root(el).querySelector('[part~="empty"]')!.textContent).to.equal('No connections yet.');
      expect(root(el).querySelector('[part~="list"]')).to.equal(null);
      const { el: stored } = await withStore(fakeAdapter([]));
      expect(root(stored).querySelector('[part~="empty"]')!.textContent).to.equal('No connections yet.');
    });

    it('shows the loading error with a retry that loads again', async () => {
      const fake = fakeAdapter();
      fake.fail.listConnections = new LinkError('unauthorized', 'Your session has ended.', { status: 401 });
      const { el, calls } = await withStore(fake);
      const error = root(el).querySelector('[part~="error"]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent).to.contain('The connections could not be loaded.');
      expect(error.textContent).to.contain('Your session has ended.');
      expect(calls.listConnections).to.equal(1);
      delete fake.fail.listConnections;
      const retried = oneEvent(el, 'lf-retry');
      error.querySelector('button')!.click();
      expect(((await retried) as LfRetryEvent).detail.error?.code).to.equal('unauthorized');
      await waitFor(() => rows(el).length === 4);
      expect(calls.listConnections).to.equal(2);
      expect(focused(el)).to.equal(root(el).querySelector('[part~="heading"]'));
    });

    it('loads through the store of an enclosing lf-provider, in its language', async () => {
      const fake = fakeAdapter();
      const wrapper = await fixture(
        html`<lf-provider .adapter=${fake.adapter} locale="fr"><lf-connection-list></lf-connection-list></lf-provider>`,
      );
      const el = wrapper.querySelector('lf-connection-list')!;
      await waitFor(() => rows(el).length === 4);
      await waitFor(() => button(el, 'c-xero', 'remove').textContent!.trim() === 'Supprimer');
      expect(root(el).querySelector('[part~="heading"]')!.textContent!.trim()).to.equal('Connexions');
      expect(button(el, 'c-xero', 'unlink').getAttribute('aria-label')).to.equal('Dissocier Xero');
      expect(fake.calls.listConnections).to.equal(1);
      expect(rows(el)[0]!.querySelector('img[part~="logo"]')).to.not.equal(null);
    });

    it('leaves out unlink and remove when the adapter cannot do them', async () => {
      const { el } = await withStore(fakeAdapter(seed(), { unlink: false, remove: false }));
      expect(rows(el).map(actions)).to.deep.equal([[], ['reconnect'], ['reconnect'], ['reconnect']]);
    });
  });

  describe('actions', () => {
    it('asks to reconnect with the connection', async () => {
      const el = await plain();
      const event = oneEvent(el, 'lf-reconnect');
      button(el, 'c-sage', 'reconnect').click();
      const fired = (await event) as LfReconnectEvent;
      expect(fired).to.be.instanceOf(LfReconnectEvent);
      expect(fired.bubbles && fired.composed).to.equal(true);
      expect(fired.detail).to.deep.equal({ connection: seed()[2] });
    });

    it('unlinks through the store, then shows the connection unlinked', async () => {
      const { el, calls } = await withStore();
      const event = oneEvent(el, 'lf-unlink');
      button(el, 'c-xero', 'unlink').focus();
      button(el, 'c-xero', 'unlink').click();
      const fired = (await event) as LfUnlinkEvent;
      expect(fired).to.be.instanceOf(LfUnlinkEvent);
      expect(fired.cancelable).to.equal(true);
      expect(fired.detail.connection.id).to.equal('c-xero');
      await waitFor(() => actions(row(el, 'c-xero')!).includes('reconnect'));
      await settle(el);
      expect(calls.unlink).to.deep.equal(['c-xero']);
      expect(actions(row(el, 'c-xero')!)).to.deep.equal(['reconnect', 'remove']);
      expect(await statusOf(row(el, 'c-xero')!)).to.contain('Disconnected');
      expect(focused(el)).to.equal(button(el, 'c-xero', 'reconnect'));
      expect(liveText(el)).to.equal('Xero unlinked.');
    });

    it('does not unlink when the page cancels lf-unlink', async () => {
      const { el, calls } = await withStore();
      el.addEventListener('lf-unlink', (e) => e.preventDefault());
      button(el, 'c-xero', 'unlink').click();
      await settle(el);
      expect(calls.unlink).to.deep.equal([]);
      expect(actions(row(el, 'c-xero')!)).to.deep.equal(['unlink', 'remove']);
    });

    it('shows a failed unlink inline and keeps the connection', async () => {
      const fake = fakeAdapter();
      fake.fail.unlink = new LinkError('rate-limited', 'Too many requests; try again in a moment.', { status: 429 });
      const { el, calls } = await withStore(fake);
      button(el, 'c-xero', 'unlink').click();
      await waitFor(() => row(el, 'c-xero')!.querySelector('[part~="error"]'));
      const error = row(el, 'c-xero')!.querySelector('[part~="error"]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent!.trim()).to.equal('That did not work: Too many requests; try again in a moment.');
      expect(calls.unlink).to.deep.equal(['c-xero']);
      expect(actions(row(el, 'c-xero')!)).to.deep.equal(['unlink', 'remove']);
      delete fake.fail.unlink;
      button(el, 'c-xero', 'unlink').click();
      await waitFor(() => !row(el, 'c-xero')!.querySelector('[part~="error"]'));
    });

    it('asks before removing, and Cancel keeps the connection', async () => {
      const { el, calls } = await withStore();
      let removed = 0;
      el.addEventListener('lf-remove', () => removed++);
      button(el, 'c-qbo', 'remove').click();
      await settle(el);
      const confirm = row(el, 'c-qbo')!.querySelector('[part~="confirm"]')!;
      expect(confirm.getAttribute('role')).to.equal('group');
      expect(confirm.textContent).to.contain('Remove QuickBooks Online? The connection will be deleted.');
      expect(actions(row(el, 'c-qbo')!)).to.deep.equal(['confirm', 'cancel']);
      expect(focused(el)).to.equal(button(el, 'c-qbo', 'cancel'));
      button(el, 'c-qbo', 'cancel').click();
      await settle(el);
      expect(row(el, 'c-qbo')!.querySelector('[part~="confirm"]')).to.equal(null);
      expect(focused(el)).to.equal(button(el, 'c-qbo', 'remove'));
      expect(names(el)).to.have.length(4);
      expect(removed).to.equal(0);
      expect(calls.remove).to.deep.equal([]);
    });

    it('cancels the removal question with Escape', async () => {
      const el = await plain();
      button(el, 'c-xero', 'remove').click();
      await settle(el);
      await sendKeys({ press: 'Escape' });
      await settle(el);
      expect(row(el, 'c-xero')!.querySelector('[part~="confirm"]')).to.equal(null);
      expect(focused(el)).to.equal(button(el, 'c-xero', 'remove'));
    });

    it('removes through the store once confirmed, and moves focus to the next row', async () => {
      const { el, calls } = await withStore();
      button(el, 'c-qbo', 'remove').click();
      await settle(el);
      const event = oneEvent(el, 'lf-remove');
      button(el, 'c-qbo', 'confirm').focus();
      button(el, 'c-qbo', 'confirm').click();
      const fired = (await event) as LfRemoveEvent;
      expect(fired).to.be.instanceOf(LfRemoveEvent);
      expect(fired.cancelable).to.equal(true);
      expect(fired.detail).to.deep.equal({ connection: seed()[1] });
      await waitFor(() => !row(el, 'c-qbo'));
      await settle(el);
      expect(calls.remove).to.deep.equal(['c-qbo']);
      expect(names(el)).to.deep.equal(['Xero', 'Sage', 'Plaid']);
      expect(focused(el)).to.equal(button(el, 'c-sage', 'reconnect'));
      expect(liveText(el)).to.equal('QuickBooks Online removed.');
    });

    it('moves focus to the row before when the last is removed, then to the heading', async () => {
      const { el } = await withStore(fakeAdapter(seed().slice(0, 2)));
      for (const [id, next] of [
        ['c-qbo', () => button(el, 'c-xero', 'unlink')],
        ['c-xero', () => root(el).querySelector('[part~="heading"]')],
      ] as const) {
        button(el, id, 'remove').click();
        await settle(el);
        button(el, id, 'confirm').focus();
        button(el, id, 'confirm').click();
        await waitFor(() => !row(el, id));
        await settle(el);
        expect(focused(el)).to.equal(next());
      }
      expect(root(el).querySelector('[part~="empty"]')!.textContent).to.equal('No connections yet.');
    });

    it('keeps the row, busy, while removing, and shows a failure inline', async () => {
      const fake = fakeAdapter();
      let release!: () => void;
      fake.gate.remove = new Promise((resolve) => (release = resolve));
      fake.fail.remove = new LinkError('http', 'The connection service answered with an error.', { status: 500 });
      const { el, calls } = await withStore(fake);
      button(el, 'c-xero', 'remove').click();
      await settle(el);
      button(el, 'c-xero', 'confirm').click();
      await settle(el);
      expect(row(el, 'c-xero')!.getAttribute('aria-busy')).to.equal('true');
      expect(button(el, 'c-xero', 'confirm').getAttribute('aria-disabled')).to.equal('true');
      button(el, 'c-xero', 'confirm').click();
      release();
      await waitFor(() => row(el, 'c-xero')!.querySelector('[part~="error"]'));
      await settle(el);
      expect(calls.remove).to.deep.equal(['c-xero']);
      expect(row(el, 'c-xero')!.getAttribute('aria-busy')).to.equal('false');
      expect(row(el, 'c-xero')!.querySelector('[part~="error"]')!.textContent!.trim()).to.equal(
        'That did not work: The connection service answered with an error.',
      );
      expect(names(el)).to.have.length(4);
      expect(focused(el)).to.equal(button(el, 'c-xero', 'remove'));
    });

    it('does not remove when the page cancels lf-remove', async () => {
      const { el, calls } = await withStore();
      el.addEventListener('lf-remove', (e) => e.preventDefault());
      button(el, 'c-xero', 'remove').click();
      await settle(el);
      button(el, 'c-xero', 'confirm').click();
      await settle(el);
      expect(calls.remove).to.deep.equal([]);
      expect(names(el)).to.have.length(4);
      expect(row(el, 'c-xero')!.querySelector('[part~="confirm"]')).to.equal(null);
    });

    it('unlinks and removes through the memory adapter inside lf-provider', async () => {
      const memory = createMemoryAdapter({ seed: { integrations: INTEGRATIONS, connections: seed().slice(0, 2) } });
      const wrapper = await fixture(
        html`<lf-provider .adapter=${memory}><lf-connection-list></lf-connection-list></lf-provider>`,
      );
      const el = wrapper.querySelector('lf-connection-list')!;
      await waitFor(() => rows(el).length === 2);
      button(el, 'c-xero', 'unlink').click();
      await waitFor(() => actions(row(el, 'c-xero')!).includes('reconnect'));
      expect((await memory.getConnection('c-xero')).status).to.equal('unlinked');
      button(el, 'c-qbo', 'remove').click();
      await settle(el);
      button(el, 'c-qbo', 'confirm').click();
      await waitFor(() => names(el).length === 1);
      expect((await memory.listConnections()).map((c) => c.id)).to.deep.equal(['c-xero']);
    });

    it('with plain properties, leaves unlink and remove to the page and follows its list', async () => {
      const el = await plain();
      const unlinked: string[] = [];
      el.addEventListener('lf-unlink', (e) => unlinked.push(e.detail.connection.id));
      el.addEventListener('lf-remove', (e) => {
        el.connections = el.connections!.filter((c) => c.id !== e.detail.connection.id);
      });
      button(el, 'c-xero', 'unlink').click();
      await settle(el);
      expect(unlinked).to.deep.equal(['c-xero']);
      expect(actions(row(el, 'c-xero')!)).to.deep.equal(['unlink', 'remove']);
      button(el, 'c-xero', 'remove').click();
      await settle(el);
      button(el, 'c-xero', 'confirm').focus();
      button(el, 'c-xero', 'confirm').click();
      await settle(el);
      expect(names(el)).to.deep.equal(['QuickBooks Online', 'Sage', 'Plaid']);
      expect(focused(el)).to.equal(button(el, 'c-qbo', 'reconnect'));
    });
  });

  describe('keyboard', () => {
    it('reaches every action with Tab, in order', async () => {
      const wrapper = await fixture(
        html`<div>
          <button id="before">before</button><lf-connection-list .connections=${seed()}></lf-connection-list>
        </div>`,
      );
      const el = wrapper.querySelector('lf-connection-list')!;
      await settle(el);
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      const seen: string[] = [];
      for (let i = 0; i < 10; i++) {
        await sendKeys({ press: 'Tab' });
        const active = focused(el);
        seen.push(`${active?.closest('li')?.dataset['id']}:${active?.dataset['action']}`);
      }
      expect(seen).to.deep.equal([
        'c-xero:unlink',
        'c-xero:remove',
        'c-qbo:reconnect',
        'c-qbo:unlink',
        'c-qbo:remove',
        'c-sage:reconnect',
        'c-sage:unlink',
        'c-sage:remove',
        'c-plaid:reconnect',
        'c-plaid:remove',
      ]);
    });

    it('removes by keyboard alone: Enter on Remove, Tab to confirm, Enter', async () => {
      const { el, calls } = await withStore();
      button(el, 'c-sage', 'remove').focus();
      await sendKeys({ press: 'Enter' });
      await settle(el);
      expect(focused(el)).to.equal(button(el, 'c-sage', 'cancel'));
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(focused(el)).to.equal(button(el, 'c-sage', 'confirm'));
      await sendKeys({ press: 'Enter' });
      await waitFor(() => !row(el, 'c-sage'));
      await settle(el);
      expect(calls.remove).to.deep.equal(['c-sage']);
      expect(focused(el)).to.equal(button(el, 'c-plaid', 'reconnect'));
    });
  });

  describe('accessibility', () => {
    it('has no axe violations in the light theme', async () => {
      const el = await plain();
      await expect(el).to.be.accessible();
    });

    it('has no axe violations in the dark theme, asking to remove, with a failure shown', async () => {
      const fake = fakeAdapter();
      fake.fail.unlink = new LinkError('network', 'Offline.');
      const el = await fixture<LfConnectionList>(
        html`<lf-connection-list theme="dark" .adapter=${fake.adapter}></lf-connection-list>`,
      );
      await waitFor(() => rows(el).length === 4);
      button(el, 'c-xero', 'unlink').click();
      await waitFor(() => row(el, 'c-xero')!.querySelector('[part~="error"]'));
      button(el, 'c-qbo', 'remove').click();
      await settle(el);
      await expect(el).to.be.accessible();
    });

    it('has no axe violations right to left, in Arabic', async () => {
      const wrapper = await fixture(
        html`<div dir="rtl" lang="ar"><lf-connection-list .connections=${seed()}></lf-connection-list></div>`,
      );
      const el = wrapper.querySelector('lf-connection-list')!;
      await waitFor(() => root(el).querySelector('[part~="heading"]')!.textContent!.trim() === 'الاتصالات');
      expect(root(el).querySelector('[part~="base"]')!.getAttribute('dir')).to.equal('rtl');
      expect(button(el, 'c-xero', 'remove').getAttribute('aria-label')).to.equal('إزالة Xero');
      await expect(el).to.be.accessible();
    });

    it('has no axe violations while loading, empty and on error', async () => {
      const never = fakeAdapter();
      never.adapter.listConnections = () => new Promise(() => {});
      const loading = await fixture<LfConnectionList>(
        html`<lf-connection-list .adapter=${never.adapter}></lf-connection-list>`,
      );
      await settle(loading);
      await expect(loading).to.be.accessible();
      await expect(await plain([])).to.be.accessible();
      const failing = fakeAdapter();
      failing.fail.listConnections = new LinkError('network', 'Offline.');
      const { el: error } = await withStore(failing);
      error.setAttribute('theme', 'dark');
      await settle(error);
      await expect(error).to.be.accessible();
    });
  });
});
