import { expect, fixture, html, nextFrame, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import { createMemoryAdapter } from '../../src/adapter/memory.js';
import { storeFor } from '../../src/adapter/store.js';
import '../../src/elements/connection-picker/lf-connection-picker.js';
import '../../src/elements/provider/lf-provider.js';
import '../../src/elements/status-indicator/lf-status-indicator.js';
import type { LfConnectionPicker } from '../../src/elements/connection-picker/connection-picker.js';
import { type LfRetryEvent } from '../../src/events/retry.js';
import { LfSelectEvent } from '../../src/events/select.js';
import { LinkError } from '../../src/model/link-error.js';
import type { Connection, Integration } from '../../src/model/schemas.js';

const integration = (key: string, name: string, extra: Partial<Integration> = {}): Integration => ({
  key,
  name,
  categories: ['accounting'],
  enabled: true,
  beta: false,
  ...extra,
});

const connection = (id: string, integrationKey: string, extra: Partial<Connection> = {}): Connection => ({
  id,
  integrationKey,
  integrationName: integrationKey,
  status: 'linked',
  health: 'healthy',
  paused: false,
  categories: [],
  issues: [],
  ...extra,
});

const CATALOGUE: Integration[] = [
  integration('xero', 'Xero', { logoUrl: 'https://example.com/xero.png' }),
  integration('qbo', 'QuickBooks Online'),
  integration('sage', 'Sage Intacct', { beta: true }),
  integration('plaid', 'Plaid', { categories: ['banking'] }),
  integration('societe', 'Société Générale', { categories: ['banking'] }),
  integration('hubspot', 'HubSpot', { categories: ['crm', 'martech'] }),
  integration('legacy', 'Legacy Ledger', { enabled: false }),
];

function many(count: number): Integration[] {
  return Array.from({ length: count }, (_, i) =>
    integration(`int-${i}`, `Integration ${String(i).padStart(4, '0')}`, {
      categories: [i % 2 ? 'accounting' : 'banking'],
    }),
  );
}

/** A fake adapter whose lists answer when the test says, counting calls. */
function fakeAdapter(
  integrations: () => Promise<Integration[]>,
  connections: () => Promise<Connection[]> = async () => [],
) {
  const calls = { listIntegrations: 0, listConnections: 0 };
  const adapter: ConnectionAdapter = {
    listIntegrations: () => (calls.listIntegrations++, integrations()),
    listConnections: () => (calls.listConnections++, connections()),
    getConnection: async (id) => {
      throw new LinkError('not-found', `no ${id}`);
    },
    startLink: async () => ({ url: 'https://example.com/auth' }),
    readReturn: () => null,
  };
  return { adapter, calls };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const root = (el: LfConnectionPicker) => el.shadowRoot!;
const options = (el: LfConnectionPicker) => [...root(el).querySelectorAll<HTMLElement>('[role="option"]')];
const labels = (el: LfConnectionPicker) => options(el).map((o) => o.querySelector('[part~="label"]')!.textContent);
const search = (el: LfConnectionPicker) => root(el).querySelector<HTMLInputElement>('[part~="search"]')!;
const listbox = (el: LfConnectionPicker) => root(el).querySelector<HTMLElement>('[role="listbox"]')!;
const activeLabel = (el: LfConnectionPicker) => {
  const id = listbox(el).getAttribute('aria-activedescendant');
  return id ? root(el).getElementById(id)?.querySelector('[part~="label"]')?.textContent : undefined;
};

async function settle(el: LfConnectionPicker): Promise<void> {
  await el.updateComplete;
  await nextFrame();
  await el.updateComplete;
}

async function picker(integrations: Integration[] = CATALOGUE, connections?: Connection[], layout = 'list') {
  const el = await fixture<LfConnectionPicker>(
    html`<lf-connection-picker
      .integrations=${integrations}
      .connections=${connections}
      layout=${layout}
    ></lf-connection-picker>`,
  );
  await settle(el);
  return el;
}

async function typeInSearch(el: LfConnectionPicker, text: string): Promise<void> {
  search(el).focus();
  await sendKeys({ type: text });
  await settle(el);
}

describe('<lf-connection-picker>', () => {
  describe('rendering', () => {
    it('shows every integration as an option with its name, in order', async () => {
      const el = await picker();
      expect(labels(el)).to.deep.equal(CATALOGUE.map((i) => i.name));
      expect(listbox(el).getAttribute('aria-label')).to.equal('Integrations');
      expect(options(el)[0]!.getAttribute('aria-setsize')).to.equal(String(CATALOGUE.length));
      expect(options(el)[2]!.getAttribute('aria-posinset')).to.equal('3');
    });

    it('draws a safe logo as an image and a lettered placeholder otherwise', async () => {
      const el = await picker([
        integration('xero', 'Xero', { logoUrl: 'https://example.com/xero.png' }),
        integration('evil', 'Quick Books', { logoUrl: 'javascript:alert(1)' }),
      ]);
      const [xero, evil] = options(el);
      expect(xero!.querySelector('img[part~="logo"]')!.getAttribute('src')).to.equal('https://example.com/xero.png');
      expect(evil!.querySelector('img')).to.equal(null);
      expect(evil!.querySelector('[part~="logo"]')!.textContent!.trim()).to.equal('QB');
    });

    it('keeps every name readable and every row one height when options show a status', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: 22rem"></div>`);
      const el = document.createElement('lf-connection-picker');
      el.integrations = [
        integration('zoho', 'Zoho Books With A Fairly Long Name'),
        integration('sage', 'Sage Accounting'),
        integration('qbo', 'QuickBooks Online'),
      ];
      el.connections = [
        connection('c1', 'zoho', { paused: true, lastSyncAt: new Date().toISOString() }),
        connection('c2', 'qbo', { status: 'deauthorized', health: 'unhealthy' }),
      ];
      wrapper.append(el);
      await settle(el);
      await nextFrame();
      for (const option of options(el)) {
        const label = option.querySelector<HTMLElement>('[part~="label"]')!;
        expect(label.getBoundingClientRect().width, label.textContent!).to.be.greaterThan(80);
      }
      const heights = new Set(options(el).map((o) => Math.round(o.getBoundingClientRect().height)));
      expect(heights.size).to.equal(1);
    });

    it('writes vendor text as text, never as markup', async () => {
      const el = await picker([integration('x', '<img src=x onerror="window.__pwned=1">Bad')]);
      expect(labels(el)[0]).to.equal('<img src=x onerror="window.__pwned=1">Bad');
      expect(options(el)[0]!.querySelectorAll('img').length).to.equal(0);
    });

    it('marks beta integrations with a badge', async () => {
      const el = await picker();
      const sage = options(el)[2]!;
      expect(sage.querySelector('[part~="badge"]')!.textContent).to.equal('Beta');
      expect(options(el)[0]!.querySelector('[part~="badge"]')).to.equal(null);
    });

    it('shows disabled integrations as unavailable and does not select them', async () => {
      const el = await picker();
      const legacy = options(el)[6]!;
      expect(legacy.getAttribute('aria-disabled')).to.equal('true');
      expect(legacy.querySelector('[part~="badge"]')!.textContent).to.equal('Unavailable');
      let selected = 0;
      el.addEventListener('lf-select', () => selected++);
      legacy.click();
      await settle(el);
      expect(selected).to.equal(0);
      expect(el.value).to.equal('');
      expect(legacy.getAttribute('aria-selected')).to.equal('false');
    });

    it('shows the status of the connection to each integration', async () => {
      const el = await picker(CATALOGUE, [
        connection('c1', 'xero', { status: 'linked', health: 'healthy' }),
        connection('c2', 'qbo', { status: 'pending' }),
        connection('c3', 'sage', { status: 'deauthorized' }),
        connection('c4', 'plaid', { status: 'unlinked' }),
        connection('c5', 'hubspot', { status: 'linked', health: 'unhealthy' }),
      ]);
      const statuses = options(el).map((o) => o.querySelector<HTMLElement>('[part~="status"]'));
      expect(statuses.map((s) => s?.textContent)).to.deep.equal([
        'Connected',
        'Waiting for authorization',
        'Access revoked',
        'Disconnected',
        undefined,
        'Sync failing',
        undefined,
      ]);
      expect(statuses.map((s) => s?.dataset['tone'])).to.deep.equal([
        'success',
        'accent',
        'danger',
        'neutral',
        undefined,
        'warning',
        undefined,
      ]);
      // The status is part of the option's text, so it is read with the integration's name.
      expect(options(el)[0]!.textContent!.replace(/\s+/g, ' ').trim()).to.match(/Xero Connected$/);
    });

    it('says a paused connection is paused, whatever its status', async () => {
      const el = await picker(CATALOGUE, [connection('c1', 'xero', { paused: true, health: 'unhealthy' })]);
      const status = options(el)[0]!.querySelector<HTMLElement>('[part~="status"]')!;
      expect(status.textContent).to.equal('Paused');
      expect(status.dataset['tone']).to.equal('neutral');
    });

    it('shows, of several connections to one integration, the linked one', async () => {
      const el = await picker(CATALOGUE, [
        connection('old', 'xero', { status: 'unlinked', updatedAt: '2025-01-01T00:00:00Z' }),
        connection('live', 'xero', { status: 'linked', updatedAt: '2024-01-01T00:00:00Z' }),
        connection('newer', 'xero', { status: 'unlinked', updatedAt: '2025-06-01T00:00:00Z' }),
      ]);
      expect(options(el)[0]!.querySelector('[part~="status"]')!.textContent).to.equal('Connected');
    });

    it('lays the integrations out as tiles in the grid layout', async () => {
      const el = await picker(many(12), undefined, 'grid');
      el.style.inlineSize = '48rem';
      await settle(el);
      const tops = new Set(
        options(el)
          .slice(0, 3)
          .map((o) => o.offsetTop),
      );
      expect(tops.size).to.equal(1);
    });
  });

  describe('states', () => {
    it('shows a busy skeleton while the integrations load, then the list', async () => {
      const gate = deferred<Integration[]>();
      const { adapter } = fakeAdapter(() => gate.promise);
      const el = await fixture<LfConnectionPicker>(
        html`<lf-connection-picker .adapter=${adapter}></lf-connection-picker>`,
      );
      await settle(el);
      const base = root(el).querySelector('[part~="base"]')!;
      expect(base.getAttribute('aria-busy')).to.equal('true');
      expect(root(el).querySelectorAll('.skeleton').length).to.be.greaterThan(0);
      expect(root(el).querySelector('[part~="list"]')!.textContent).to.contain('Loading integrations…');
      expect(options(el)).to.have.length(0);
      gate.resolve(CATALOGUE);
      await gate.promise;
      await settle(el);
      expect(base.getAttribute('aria-busy')).to.equal('false');
      expect(labels(el)).to.deep.equal(CATALOGUE.map((i) => i.name));
    });

    it('says so when there are no integrations', async () => {
      const el = await picker([]);
      expect(root(el).querySelector('[part~="empty"]')!.textContent).to.equal('No integrations are available.');
      expect(root(el).querySelector('[role="listbox"]')).to.equal(null);
    });

    it('shows the error message and tries again on retry', async () => {
      let fail = true;
      const { adapter, calls } = fakeAdapter(async () => {
        if (fail) throw new LinkError('http', 'The service answered 503.', { status: 503 });
        return CATALOGUE;
      });
      const el = await fixture<LfConnectionPicker>(
        html`<lf-connection-picker .adapter=${adapter}></lf-connection-picker>`,
      );
      await waitFor(() => root(el).querySelector('[part~="error"]'));
      const error = root(el).querySelector('[part~="error"]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent).to.contain('The integrations could not be loaded.');
      expect(error.textContent).to.contain('The service answered 503.');
      expect(calls.listIntegrations).to.equal(1);
      fail = false;
      const retried = oneEvent(el, 'lf-retry');
      error.querySelector('button')!.click();
      const event = (await retried) as LfRetryEvent;
      expect(event.detail.error?.message).to.equal('The service answered 503.');
      await waitFor(() => options(el).length > 0);
      expect(calls.listIntegrations).to.equal(2);
      expect(labels(el)).to.deep.equal(CATALOGUE.map((i) => i.name));
      expect(root(el).querySelector('[part~="error"]')).to.equal(null);
    });

    it('loads through the store of an enclosing lf-provider, in its language and with its strings', async () => {
      const { adapter, calls } = fakeAdapter(
        async () => CATALOGUE,
        async () => [connection('c1', 'xero')],
      );
      const wrapper = await fixture(
        html`<lf-provider .adapter=${adapter} locale="fr" .strings=${{ 'picker.beta': 'Aperçu' }}>
          <lf-connection-picker></lf-connection-picker>
          <lf-connection-picker></lf-connection-picker>
        </lf-provider>`,
      );
      const [el, other] = [...wrapper.querySelectorAll('lf-connection-picker')] as LfConnectionPicker[];
      await waitFor(() => options(el!).length && options(other!).length);
      await waitFor(() => search(el!).getAttribute('aria-label') === 'Rechercher des intégrations');
      expect(calls.listIntegrations).to.equal(1);
      expect(calls.listConnections).to.equal(1);
      expect(options(el!)[0]!.querySelector('[part~="status"]')!.textContent).to.equal('Connecté');
      expect(options(el!)[2]!.querySelector('[part~="badge"]')!.textContent).to.equal('Aperçu');
      expect(options(el!)[6]!.querySelector('[part~="badge"]')!.textContent).to.equal('Indisponible');
    });

    it('shows the catalogue of the memory adapter with the statuses of its connections', async () => {
      const memory = createMemoryAdapter({ catalogue: 'codat' });
      const [integrations, connections] = await Promise.all([memory.listIntegrations(), memory.listConnections()]);
      const el = await fixture<LfConnectionPicker>(
        html`<lf-connection-picker .adapter=${memory}></lf-connection-picker>`,
      );
      await waitFor(() => options(el).length);
      await waitFor(() => options(el).some((o) => o.querySelector('[part~="status"]')));
      expect(el.results.map((i) => i.key)).to.deep.equal(integrations.map((i) => i.key));
      const shown = options(el)
        .filter((o) => o.querySelector('[part~="status"]'))
        .map((o) => el.results[Number(o.dataset['index'])]!.key);
      expect(shown.length).to.be.greaterThan(0);
      for (const key of shown) expect(connections.some((c) => c.integrationKey === key)).to.equal(true);
    });

    it('shows what the store already holds in its first render, with no loading skeleton', async () => {
      const { adapter, calls } = fakeAdapter(
        async () => CATALOGUE,
        async () => [connection('c1', 'xero')],
      );
      await Promise.all([storeFor(adapter).listIntegrations(), storeFor(adapter).listConnections()]);
      const el = document.createElement('lf-connection-picker');
      el.adapter = adapter;
      const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
      wrapper.append(el);
      await el.updateComplete;
      expect(root(el).querySelector('.skeleton')).to.equal(null);
      expect(labels(el)).to.deep.equal(CATALOGUE.map((i) => i.name));
      expect(options(el)[0]!.querySelector('[part~="status"]')!.textContent).to.equal('Connected');
      expect(calls.listIntegrations).to.equal(1);
      expect(calls.listConnections).to.equal(1);
    });

    it('loads the connections through the store when only integrations are given', async () => {
      const { adapter, calls } = fakeAdapter(
        async () => [],
        async () => [connection('c1', 'xero')],
      );
      const el = await fixture<LfConnectionPicker>(
        html`<lf-connection-picker .integrations=${CATALOGUE} .adapter=${adapter}></lf-connection-picker>`,
      );
      await waitFor(() => options(el)[0]?.querySelector('[part~="status"]'));
      expect(calls.listIntegrations).to.equal(0);
      expect(calls.listConnections).to.equal(1);
      expect(storeFor(adapter).connections().value?.[0]?.id).to.equal('c1');
    });

    it('shares its cache with a status indicator given the same adapter later: one list request for both', async () => {
      const { adapter, calls } = fakeAdapter(
        async () => CATALOGUE,
        async () => [connection('c1', 'xero', { status: 'deauthorized' })],
      );
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><lf-connection-picker .adapter=${adapter}></lf-connection-picker></div>`,
      );
      const el = wrapper.querySelector('lf-connection-picker')!;
      await waitFor(() => options(el)[0]?.querySelector('[part~="status"]'));
      const indicator = document.createElement('lf-status-indicator');
      indicator.adapter = adapter;
      indicator.connectionId = 'c1';
      wrapper.append(indicator);
      await waitFor(() => indicator.shadowRoot!.querySelector('[part="label"]')?.textContent?.trim());
      expect(indicator.shadowRoot!.querySelector('[part="label"]')!.textContent!.trim()).to.equal('Access revoked');
      expect(calls).to.deep.equal({ listIntegrations: 1, listConnections: 1 });
    });
  });

  describe('search and filter', () => {
    it('filters as the user types, by name, key and category, ignoring case and accents', async () => {
      const el = await picker();
      await typeInSearch(el, 'QUICK');
      expect(labels(el)).to.deep.equal(['QuickBooks Online']);
      expect(el.query).to.equal('QUICK');
      el.query = 'societe';
      await settle(el);
      expect(labels(el)).to.deep.equal(['Société Générale']);
      el.query = 'qbo';
      await settle(el);
      expect(labels(el)).to.deep.equal(['QuickBooks Online']);
      el.query = 'Banking';
      await settle(el);
      expect(labels(el)).to.deep.equal(['Plaid', 'Société Générale']);
      el.query = 'soc gen';
      await settle(el);
      expect(labels(el)).to.deep.equal(['Société Générale']);
    });

    it('announces how many results there are', async () => {
      const el = await picker();
      const status = root(el).querySelector('[role="status"]')!;
      expect(status.textContent!.trim()).to.equal('');
      await typeInSearch(el, 'o');
      expect(status.textContent!.trim()).to.equal(`${el.results.length} results`);
      el.query = 'xero';
      await settle(el);
      expect(status.textContent!.trim()).to.equal('1 result');
    });

    it('says there is no match, quoting the search', async () => {
      const el = await picker();
      await typeInSearch(el, 'zzz');
      expect(root(el).querySelector('[part~="empty"]')!.textContent).to.equal('No results for “zzz”.');
      expect(options(el)).to.have.length(0);
      expect(root(el).querySelector('[role="status"]')!.textContent!.trim()).to.equal('No results');
    });

    it('filters by category with the select', async () => {
      const el = await picker();
      const select = root(el).querySelector<HTMLSelectElement>('[part~="filters"]')!;
      expect([...select.options].map((o) => o.textContent)).to.deep.equal([
        'All categories',
        'accounting',
        'banking',
        'crm',
        'martech',
      ]);
      select.value = 'banking';
      select.dispatchEvent(new Event('change'));
      await settle(el);
      expect(el.category).to.equal('banking');
      expect(labels(el)).to.deep.equal(['Plaid', 'Société Générale']);
      el.query = 'plaid';
      await settle(el);
      expect(labels(el)).to.deep.equal(['Plaid']);
      el.query = '';
      el.category = '';
      await settle(el);
      expect(labels(el)).to.have.length(CATALOGUE.length);
      expect(select.value).to.equal('');
    });

    it('hides the category filter when there is only one category', async () => {
      const el = await picker([integration('a', 'A'), integration('b', 'B')]);
      expect(root(el).querySelector('[part~="filters"]')).to.equal(null);
    });
  });

  describe('keyboard', () => {
    it('moves from the search into the list with ArrowDown, then with the arrows', async () => {
      const el = await picker();
      await typeInSearch(el, '');
      await sendKeys({ press: 'ArrowDown' });
      await settle(el);
      expect(el.shadowRoot!.activeElement).to.equal(listbox(el));
      expect(activeLabel(el)).to.equal('Xero');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await settle(el);
      expect(activeLabel(el)).to.equal('Sage Intacct');
      await sendKeys({ press: 'ArrowUp' });
      await settle(el);
      expect(activeLabel(el)).to.equal('QuickBooks Online');
      expect(root(el).querySelectorAll('.item.active')).to.have.length(1);
    });

    it('shows a focus ring on the active option while the list has focus', async () => {
      const el = await picker();
      listbox(el).focus();
      await sendKeys({ press: 'ArrowDown' });
      await settle(el);
      const active = root(el).querySelector<HTMLElement>('.item.active')!;
      expect(active.getAttribute('id')).to.equal(listbox(el).getAttribute('aria-activedescendant'));
      expect(getComputedStyle(active).outlineStyle).to.equal('solid');
      expect(getComputedStyle(options(el)[0]!).outlineStyle).to.equal('none');
      search(el).focus();
      await settle(el);
      expect(getComputedStyle(active).outlineStyle).to.equal('none');
    });

    it('pages with PageDown and PageUp, and goes back to the search with Escape and Backspace', async () => {
      const el = await picker(many(200));
      listbox(el).focus();
      await sendKeys({ press: 'PageDown' });
      await settle(el);
      const paged = Number(root(el).querySelector('.item.active')!.getAttribute('aria-posinset'));
      expect(paged).to.be.greaterThan(3);
      await sendKeys({ press: 'PageUp' });
      await settle(el);
      expect(activeLabel(el)).to.equal('Integration 0000');
      await sendKeys({ press: 'Escape' });
      await settle(el);
      expect(el.shadowRoot!.activeElement).to.equal(search(el));
      await sendKeys({ type: '12' });
      await sendKeys({ press: 'ArrowDown' });
      await settle(el);
      expect(el.shadowRoot!.activeElement).to.equal(listbox(el));
      await sendKeys({ press: 'Backspace' });
      await settle(el);
      expect(el.shadowRoot!.activeElement).to.equal(search(el));
      expect(el.query).to.equal('1');
    });

    it('jumps with Home and End, and returns to the search with ArrowUp from the top', async () => {
      const el = await picker();
      listbox(el).focus();
      await sendKeys({ press: 'End' });
      await settle(el);
      expect(activeLabel(el)).to.equal('Legacy Ledger');
      await sendKeys({ press: 'Home' });
      await settle(el);
      expect(activeLabel(el)).to.equal('Xero');
      await sendKeys({ press: 'ArrowUp' });
      await settle(el);
      expect(el.shadowRoot!.activeElement).to.equal(search(el));
    });

    it('selects with Enter and with Space, with the exact detail', async () => {
      const linked = connection('c1', 'qbo');
      const el = await picker(CATALOGUE, [linked]);
      listbox(el).focus();
      await settle(el);
      let event = oneEvent(el, 'lf-select');
      await sendKeys({ press: 'Enter' });
      let fired = (await event) as LfSelectEvent;
      expect(fired).to.be.instanceOf(LfSelectEvent);
      expect(fired.bubbles && fired.composed).to.equal(true);
      expect(fired.detail).to.deep.equal({ integration: CATALOGUE[0] });
      expect('connection' in fired.detail).to.equal(false);
      await settle(el);
      expect(el.value).to.equal('xero');
      expect(options(el)[0]!.getAttribute('aria-selected')).to.equal('true');

      await sendKeys({ press: 'ArrowDown' });
      event = oneEvent(el, 'lf-select');
      await sendKeys({ press: ' ' });
      fired = (await event) as LfSelectEvent;
      expect(fired.detail).to.deep.equal({ integration: CATALOGUE[1], connection: linked });
      await settle(el);
      expect(el.value).to.equal('qbo');
      expect(options(el).map((o) => o.getAttribute('aria-selected'))).to.deep.equal([
        'false',
        'true',
        'false',
        'false',
        'false',
        'false',
        'false',
      ]);
    });

    it('does not select a disabled integration by keyboard', async () => {
      const el = await picker();
      listbox(el).focus();
      await sendKeys({ press: 'End' });
      let selected = 0;
      el.addEventListener('lf-select', () => selected++);
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: ' ' });
      await settle(el);
      expect(activeLabel(el)).to.equal('Legacy Ledger');
      expect(selected).to.equal(0);
      expect(el.value).to.equal('');
    });

    it('keeps a selection the page cancelled unmade', async () => {
      const el = await picker();
      el.addEventListener('lf-select', (e) => e.preventDefault());
      options(el)[0]!.click();
      await settle(el);
      expect(el.value).to.equal('');
    });

    it('selects with a click', async () => {
      const el = await picker();
      const event = oneEvent(el, 'lf-select');
      options(el)[3]!.querySelector<HTMLElement>('[part~="label"]')!.click();
      expect(((await event) as LfSelectEvent).detail.integration.key).to.equal('plaid');
    });

    it('goes back to the search when a character is typed in the list, keeping it', async () => {
      const el = await picker();
      listbox(el).focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ type: 'pl' });
      await settle(el);
      expect(el.shadowRoot!.activeElement).to.equal(search(el));
      expect(search(el).value).to.equal('pl');
      expect(labels(el)).to.deep.equal(['Plaid']);
      await sendKeys({ press: 'ArrowDown' });
      await settle(el);
      expect(activeLabel(el)).to.equal('Plaid');
    });

    it('moves by rows and columns in the grid, mirrored right to left', async () => {
      const el = await fixture<LfConnectionPicker>(
        html`<div style="inline-size: 40rem">
          <lf-connection-picker .integrations=${many(20)} layout="grid"></lf-connection-picker>
        </div>`,
      ).then((wrapper) => wrapper.querySelector('lf-connection-picker')!);
      await settle(el);
      const columns = new Set(options(el).map((o) => o.offsetLeft)).size;
      expect(columns).to.be.greaterThan(1);
      listbox(el).focus();
      await sendKeys({ press: 'ArrowRight' });
      await settle(el);
      expect(activeLabel(el)).to.equal('Integration 0001');
      await sendKeys({ press: 'ArrowDown' });
      await settle(el);
      expect(activeLabel(el)).to.equal(`Integration ${String(1 + columns).padStart(4, '0')}`);
      await sendKeys({ press: 'ArrowLeft' });
      await settle(el);
      expect(activeLabel(el)).to.equal(`Integration ${String(columns).padStart(4, '0')}`);

      el.setAttribute('dir', 'rtl');
      await settle(el);
      await sendKeys({ press: 'ArrowLeft' });
      await settle(el);
      expect(activeLabel(el)).to.equal(`Integration ${String(1 + columns).padStart(4, '0')}`);
    });
  });

  describe('many integrations', () => {
    it('keeps only a window of 5,000 options in the DOM, and reaches the last by keyboard', async () => {
      const all = many(5000);
      const el = await picker(all);
      const rendered = options(el).length;
      expect(rendered).to.be.greaterThan(5);
      expect(rendered).to.be.lessThan(100);
      expect(options(el)[0]!.getAttribute('aria-setsize')).to.equal('5000');
      listbox(el).focus();
      await sendKeys({ press: 'End' });
      await settle(el);
      expect(activeLabel(el)).to.equal('Integration 4999');
      expect(options(el).length).to.be.lessThan(100);
      expect(options(el).at(-1)!.getAttribute('aria-posinset')).to.equal('5000');
    });

    it('renders the rows scrolled into view', async () => {
      const el = await picker(many(5000));
      const list = listbox(el);
      list.scrollTop = list.scrollHeight / 2;
      await waitFor(() => options(el).some((o) => Number(o.getAttribute('aria-posinset')) > 2000));
      const shown = options(el).map((o) => Number(o.getAttribute('aria-posinset')));
      const top = list.getBoundingClientRect().top;
      const visible = options(el).filter((o) => {
        const box = o.getBoundingClientRect();
        return box.bottom > top && box.top < list.getBoundingClientRect().bottom;
      });
      expect(visible.length).to.be.greaterThan(3);
      expect(Math.min(...shown)).to.be.greaterThan(2000);
      expect(options(el).length).to.be.lessThan(100);
    });

    it('searches 5,000 integrations and shows the matches', async () => {
      const el = await picker(many(5000));
      await typeInSearch(el, '4999');
      expect(labels(el)).to.deep.equal(['Integration 4999']);
      el.query = '';
      el.category = 'banking';
      await settle(el);
      expect(el.results).to.have.length(2500);
      expect(options(el).length).to.be.lessThan(100);
    });
  });

  describe('accessibility', () => {
    const connections = [connection('c1', 'xero'), connection('c2', 'qbo', { status: 'pending' })];

    it('has no axe violations in the light theme', async () => {
      const el = await picker(CATALOGUE, connections);
      el.value = 'qbo';
      listbox(el).focus();
      await settle(el);
      await expect(el).to.be.accessible();
    });

    it('has no axe violations in the dark theme, as a grid', async () => {
      const el = await fixture<LfConnectionPicker>(
        html`<lf-connection-picker
          theme="dark"
          layout="grid"
          value="qbo"
          .integrations=${CATALOGUE}
          .connections=${connections}
        ></lf-connection-picker>`,
      );
      await settle(el);
      await expect(el).to.be.accessible();
    });

    it('has no axe violations right to left, in Arabic', async () => {
      const wrapper = await fixture(
        html`<div dir="rtl" lang="ar">
          <lf-connection-picker .integrations=${CATALOGUE} .connections=${connections}></lf-connection-picker>
        </div>`,
      );
      const el = wrapper.querySelector('lf-connection-picker')!;
      await waitFor(() => search(el).getAttribute('aria-label') === 'البحث في عمليات التكامل');
      expect(root(el).querySelector('[part~="base"]')!.getAttribute('dir')).to.equal('rtl');
      await expect(el).to.be.accessible();
    });

    it('has no axe violations while loading, empty, without matches and on error', async () => {
      const { adapter } = fakeAdapter(() => new Promise(() => {}));
      const loading = await fixture<LfConnectionPicker>(
        html`<lf-connection-picker .adapter=${adapter}></lf-connection-picker>`,
      );
      await settle(loading);
      await expect(loading).to.be.accessible();
      const empty = await picker([]);
      await expect(empty).to.be.accessible();
      empty.setAttribute('theme', 'dark');
      await settle(empty);
      await expect(empty).to.be.accessible();
      const noMatch = await picker();
      noMatch.query = 'zzz';
      noMatch.theme = 'dark';
      await settle(noMatch);
      await expect(noMatch).to.be.accessible();
      const failing = fakeAdapter(async () => {
        throw new LinkError('network', 'Offline.');
      });
      const error = await fixture<LfConnectionPicker>(
        html`<lf-connection-picker theme="dark" .adapter=${failing.adapter}></lf-connection-picker>`,
      );
      await waitFor(() => root(error).querySelector('[part~="error"]'));
      await expect(error).to.be.accessible();
    });
  });
});

async function waitFor(check: () => unknown, timeout = 3000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
