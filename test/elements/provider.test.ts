import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import '../../src/elements/provider/lf-provider.js';
import '../../src/elements/status-indicator/lf-status-indicator.js';
import '../../src/elements/error-panel/lf-error-panel.js';
import type { LfProvider } from '../../src/elements/provider/provider.js';
import type { LfStatusIndicator } from '../../src/elements/status-indicator/status-indicator.js';
import type { LfErrorPanel } from '../../src/elements/error-panel/error-panel.js';
import { loadLocale } from '../../src/elements/shared/i18n.js';
import { LinkError, type Connection } from '../../src/model/index.js';

const connection = (over: Partial<Connection> = {}): Connection => ({
  id: 'conn-1',
  integrationKey: 'xero',
  integrationName: 'Xero',
  status: 'linked',
  health: 'healthy',
  paused: false,
  categories: [],
  issues: [],
  ...over,
});

/** An adapter that knows one connection and counts its reads. */
function adapterWith(conn: Connection) {
  const reads: string[] = [];
  const adapter: ConnectionAdapter = {
    listIntegrations: async () => [],
    listConnections: async () => [conn],
    async getConnection(id) {
      reads.push(id);
      if (id !== conn.id) throw new LinkError('not-found', 'missing');
      return conn;
    },
    startLink: async () => ({ url: 'https://example.com/' }),
    readReturn: () => null,
  };
  return { adapter, reads };
}

const label = (el: LfStatusIndicator) => (el.shadowRoot!.querySelector('[part="label"]')?.textContent ?? '').trim();

async function settled(...els: Array<{ updateComplete: Promise<unknown> }>) {
  for (let i = 0; i < 3; i++) {
    await aTimeout(0);
    await Promise.all(els.map((el) => el.updateComplete));
  }
}

/** An element of the host's own whose shadow root holds a linkflow element. */
class HostCard extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const indicator = document.createElement('lf-status-indicator');
    indicator.setAttribute('connection-id', 'conn-1');
    root.append(indicator);
  }
}
customElements.define('lf-test-host-card', HostCard);

describe('<lf-provider>', () => {
  it('draws nothing of its own and shows its children', async () => {
    const el = await fixture<LfProvider>(html`<lf-provider><p>child</p></lf-provider>`);
    expect(getComputedStyle(el).display).to.equal('contents');
    expect(el.shadowRoot!.querySelector('slot')).to.exist;
    expect(el.querySelector('p')!.getBoundingClientRect().height).to.be.greaterThan(0);
  });

  it('gives its store to nested elements, also inside other shadow roots', async () => {
    const { adapter, reads } = adapterWith(connection({ status: 'pending' }));
    const el = await fixture<LfProvider>(
      html`<lf-provider .adapter=${adapter}>
        <section><lf-status-indicator connection-id="conn-1"></lf-status-indicator></section>
        <lf-test-host-card></lf-test-host-card>
      </lf-provider>`,
    );
    const direct = el.querySelector('lf-status-indicator') as LfStatusIndicator;
    const nested = el
      .querySelector('lf-test-host-card')!
      .shadowRoot!.querySelector('lf-status-indicator') as LfStatusIndicator;
    await settled(direct, nested);
    expect(el.store?.adapter).to.equal(adapter);
    expect(label(direct)).to.equal('Waiting for authorization');
    expect(label(nested)).to.equal('Waiting for authorization');
    expect(reads, 'one shared store: one request for both').to.deep.equal(['conn-1']);
  });

  it('replaces the store when the adapter changes, and the elements follow', async () => {
    const first = adapterWith(connection({ status: 'linked' }));
    const second = adapterWith(connection({ status: 'deauthorized' }));
    const el = await fixture<LfProvider>(
      html`<lf-provider .adapter=${first.adapter}>
        <lf-status-indicator connection-id="conn-1"></lf-status-indicator>
      </lf-provider>`,
    );
    const indicator = el.querySelector('lf-status-indicator') as LfStatusIndicator;
    await settled(indicator);
    const firstStore = el.store;
    expect(label(indicator)).to.equal('Connected');

    el.adapter = second.adapter;
    await el.updateComplete;
    await settled(indicator);
    expect(el.store).not.to.equal(firstStore);
    expect(el.store?.adapter).to.equal(second.adapter);
    expect(label(indicator)).to.equal('Access revoked');
    expect(second.reads).to.deep.equal(['conn-1']);

    el.adapter = undefined;
    await el.updateComplete;
    await settled(indicator);
    expect(el.store).to.equal(undefined);
    expect(label(indicator)).to.equal('Status unavailable');
  });

  it('lets an element’s own adapter win over the provider’s', async () => {
    const shared = adapterWith(connection({ status: 'linked' }));
    const own = adapterWith(connection({ status: 'unlinked' }));
    const el = await fixture<LfProvider>(
      html`<lf-provider .adapter=${shared.adapter}>
        <lf-status-indicator connection-id="conn-1" .adapter=${own.adapter}></lf-status-indicator>
      </lf-provider>`,
    );
    const indicator = el.querySelector('lf-status-indicator') as LfStatusIndicator;
    await settled(indicator);
    expect(label(indicator)).to.equal('Disconnected');
    expect(shared.reads).to.deep.equal([]);
  });

  it('shares mode, allowed origins, strings and locale', async () => {
    await loadLocale('fr');
    const el = await fixture<LfProvider>(
      html`<lf-provider
        mode="popup"
        allowed-origins="https://auth.example.com/path  http://localhost:5173 not-a-url"
        locale="fr"
        .strings=${{ 'common.dismiss': 'Masquer' }}
      >
        <lf-error-panel .error=${new LinkError('network', 'x')}></lf-error-panel>
        <lf-status-indicator lang="en" status="linked"></lf-status-indicator>
      </lf-provider>`,
    );
    const panel = el.querySelector('lf-error-panel') as LfErrorPanel;
    const indicator = el.querySelector('lf-status-indicator') as LfStatusIndicator;
    await settled(panel, indicator);
    expect(el.settings).to.deep.equal({
      mode: 'popup',
      allowedOrigins: ['https://auth.example.com', 'http://localhost:5173', 'not-a-url'],
      strings: { 'common.dismiss': 'Masquer' },
      locale: 'fr',
    });
    const title = panel.shadowRoot!.querySelector('[part="title"]')!.textContent!.trim();
    expect(title).to.equal('Problème de connexion');
    expect(panel.shadowRoot!.querySelector('[part="dismiss"]')!.textContent!.trim()).to.equal('Masquer');
    expect(label(indicator), 'an element’s own lang wins').to.equal('Connected');

    el.locale = undefined;
    el.mode = 'redirect';
    el.strings = {};
    await el.updateComplete;
    await settled(panel);
    expect(el.settings).to.deep.equal({ mode: 'redirect', allowedOrigins: el.allowedOrigins, strings: {} });
    expect(panel.shadowRoot!.querySelector('[part="title"]')!.textContent!.trim()).to.equal('Connection problem');
  });

  it('treats an unknown mode as redirect', async () => {
    const el = await fixture<LfProvider>(html`<lf-provider mode="sideways"></lf-provider>`);
    expect(el.settings?.mode).to.equal('redirect');
  });

  it('has no axe violations with elements inside, light, dark and right to left', async () => {
    const { adapter } = adapterWith(connection());
    await loadLocale('ar');
    for (const [theme, lang] of [
      ['light', 'en'],
      ['dark', 'en'],
      ['light', 'ar'],
    ] as const) {
      const el = await fixture<LfProvider>(
        html`<lf-provider .adapter=${adapter} locale=${lang}>
          <lf-status-indicator theme=${theme} connection-id="conn-1"></lf-status-indicator>
          <lf-error-panel theme=${theme} .error=${new LinkError('timeout', 'slow')}></lf-error-panel>
        </lf-provider>`,
      );
      await settled(el.querySelector('lf-status-indicator')!, el.querySelector('lf-error-panel')!);
      await expect(el).to.be.accessible();
    }
  });
});
