import { render, type TemplateResult } from 'lit';
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import { storeFor, type ConnectionStore } from '../../src/adapter/store.js';
import '../../src/elements/status-indicator/lf-status-indicator.js';
import type { LfStatusIndicator } from '../../src/elements/status-indicator/status-indicator.js';
import { loadLocale } from '../../src/elements/shared/i18n.js';
import en from '../../src/elements/shared/locales/en.js';
import {
  CONNECTION_HEALTHS,
  CONNECTION_STATUSES,
  LinkError,
  type Connection,
  type ConnectionHealth,
  type ConnectionStatus,
} from '../../src/model/index.js';

/** Containers `mount` added, removed after each test. */
const mounted: HTMLElement[] = [];
afterEach(() => mounted.splice(0).forEach((container) => container.remove()));

/**
 * Renders `template` into the page and waits for every Lit element in it, without waiting for an
 * animation frame (which `fixture` does for a plain root, and a background test page never gets).
 */
async function mount<T extends Element = HTMLElement>(template: TemplateResult): Promise<T> {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  render(template, container);
  const root = container.firstElementChild as T;
  for (const el of [root, ...root.querySelectorAll('*')])
    await (el as { updateComplete?: Promise<unknown> }).updateComplete;
  return root;
}

const connection = (over: Partial<Connection> = {}): Connection => ({
  id: 'conn-1',
  integrationKey: 'xero',
  integrationName: 'Xero',
  status: 'linked',
  health: 'healthy',
  paused: false,
  categories: ['accounting'],
  issues: [],
  ...over,
});

/** An adapter whose getConnection answers what `answers` holds when the test says so. */
function fakeAdapter(answers: Record<string, Connection | LinkError> = {}) {
  const gates: Array<() => void> = [];
  let held = false;
  const adapter: ConnectionAdapter = {
    listIntegrations: async () => [],
    listConnections: async () => Object.values(answers).filter((a): a is Connection => !LinkError.is(a)),
    async getConnection(id) {
      if (held) await new Promise<void>((resolve) => gates.push(resolve));
      const answer = answers[id];
      if (!answer) throw new LinkError('not-found', `No connection ${id}`, { status: 404 });
      if (LinkError.is(answer)) throw answer;
      return answer;
    },
    startLink: async () => ({ url: 'https://example.com/' }),
    readReturn: () => null,
  };
  return {
    adapter,
    hold: () => (held = true),
    release: () => {
      held = false;
      gates.splice(0).forEach((open) => open());
    },
  };
}

const part = (el: LfStatusIndicator, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const label = (el: LfStatusIndicator) => text(part(el, 'label'));
const detail = (el: LfStatusIndicator) => text(part(el, 'detail'));
const liveRegion = (el: LfStatusIndicator) => el.shadowRoot!.querySelector('[role="status"]') as HTMLElement;
const iconName = (el: LfStatusIndicator) =>
  [...part(el, 'icon')!.querySelector('svg')!.classList].find((c) => c.startsWith('icon-svg--'))!.slice(10);
const tone = (el: LfStatusIndicator) => part(el, 'base')!.dataset['tone'];
/** Lets the store answer and the element render. */
async function settled(el: LfStatusIndicator) {
  for (let i = 0; i < 3; i++) {
    await aTimeout(0);
    await el.updateComplete;
  }
}

const EXPECTED: Record<ConnectionStatus, Record<ConnectionHealth, [icon: string, tone: string]>> = {
  pending: { healthy: ['clock', 'accent'], unhealthy: ['clock', 'accent'], unknown: ['clock', 'accent'] },
  linked: { healthy: ['check', 'success'], unhealthy: ['warning', 'warning'], unknown: ['link', 'neutral'] },
  unlinked: { healthy: ['unlinked', 'neutral'], unhealthy: ['unlinked', 'neutral'], unknown: ['unlinked', 'neutral'] },
  deauthorized: { healthy: ['revoked', 'danger'], unhealthy: ['revoked', 'danger'], unknown: ['revoked', 'danger'] },
};

describe('<lf-status-indicator>', () => {
  describe('from .connection', () => {
    for (const status of CONNECTION_STATUSES) {
      for (const health of CONNECTION_HEALTHS) {
        it(`shows ${status} × ${health}`, async () => {
          const el = await fixture<LfStatusIndicator>(
            html`<lf-status-indicator
              .connection=${connection({ status, health, lastSyncAt: new Date(Date.now() - 5 * 60_000).toISOString() })}
            ></lf-status-indicator>`,
          );
          expect(label(el)).to.equal(en[`status.${status}`]);
          const healthText = status === 'linked' ? `${en[`health.${health}`]} · ` : '';
          expect(detail(el)).to.equal(`${healthText}Synced 5 minutes ago`);
          expect([iconName(el), tone(el)]).to.deep.equal(EXPECTED[status][health]);
          expect(part(el, 'base')!.dataset.state).to.equal(status);
        });
      }
    }

    it('shows a paused connection as paused, with its status in the detail', async () => {
      const el = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator
          .connection=${connection({ paused: true, health: 'unhealthy' })}
        ></lf-status-indicator>`,
      );
      expect(label(el)).to.equal('Paused');
      expect(detail(el)).to.equal('Connected · Sync failing · Not synced yet');
      expect([iconName(el), tone(el)]).to.deep.equal(['pause', 'neutral']);
      expect(part(el, 'base')!.dataset.state).to.equal('paused');
    });

    it('says a linked connection has not synced yet, and says nothing of sync otherwise', async () => {
      const el = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator .connection=${connection()}></lf-status-indicator>`,
      );
      expect(detail(el)).to.equal('Healthy · Not synced yet');
      el.connection = connection({ status: 'pending' });
      await el.updateComplete;
      expect(part(el, 'detail')).to.equal(null);
      el.connection = connection({ status: 'linked', lastSyncAt: 'garbage' });
      await el.updateComplete;
      expect(detail(el)).to.equal('Healthy · Not synced yet');
    });

    it('reads the last sync in French', async () => {
      await loadLocale('fr');
      const el = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator
          lang="fr"
          .connection=${connection({ lastSyncAt: new Date(Date.now() - 5 * 60_000).toISOString() })}
        ></lf-status-indicator>`,
      );
      expect(label(el)).to.equal('Connecté');
      expect(detail(el)).to.equal('Opérationnel · Synchronisé il y a 5 minutes');
    });

    it('draws its icons inline, hidden from assistive technology, and has nothing to tab to', async () => {
      const el = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator .connection=${connection()}></lf-status-indicator>`,
      );
      const svg = part(el, 'icon')!.querySelector('svg')!;
      expect(svg.getAttribute('aria-hidden')).to.equal('true');
      expect(el.shadowRoot!.querySelector('img, use, image, [href]')).to.equal(null);
      expect(el.shadowRoot!.querySelector('button, a, [tabindex]')).to.equal(null);
    });
  });

  describe('from a bare status', () => {
    it('shows each status with its health, and paused', async () => {
      const el = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator status="linked" health="unhealthy"></lf-status-indicator>`,
      );
      expect(label(el)).to.equal('Connected');
      expect(detail(el)).to.equal('Sync failing');
      expect(iconName(el)).to.equal('warning');
      el.setAttribute('status', 'deauthorized');
      await el.updateComplete;
      expect(label(el)).to.equal('Access revoked');
      expect(part(el, 'detail')).to.equal(null);
      el.setAttribute('status', 'linked');
      el.toggleAttribute('paused', true);
      await el.updateComplete;
      expect(label(el)).to.equal('Paused');
      expect(detail(el)).to.equal('Connected · Sync failing');
      el.removeAttribute('health');
      el.removeAttribute('paused');
      await el.updateComplete;
      expect(label(el)).to.equal('Connected');
      expect(part(el, 'detail')).to.equal(null);
      expect(iconName(el)).to.equal('link');
    });

    it('shows "no connection" for nothing or an unknown status', async () => {
      const el = await fixture<LfStatusIndicator>(html`<lf-status-indicator></lf-status-indicator>`);
      expect(label(el)).to.equal('No connection');
      el.setAttribute('status', 'exploded');
      el.setAttribute('health', 'purple');
      await el.updateComplete;
      expect(label(el)).to.equal('No connection');
    });

    it('lets .connection win over the attributes', async () => {
      const el = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator
          status="pending"
          .connection=${connection({ status: 'unlinked' })}
        ></lf-status-indicator>`,
      );
      expect(label(el)).to.equal('Disconnected');
    });
  });

  describe('from connection-id through the store', () => {
    it('shows loading, then the connection', async () => {
      const fake = fakeAdapter({ 'conn-1': connection({ health: 'unhealthy' }) });
      fake.hold();
      const el = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator connection-id="conn-1" .adapter=${fake.adapter}></lf-status-indicator>`,
      );
      await settled(el);
      expect(label(el)).to.equal('Checking connection…');
      expect(iconName(el)).to.equal('spinner');
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
      fake.release();
      await settled(el);
      expect(label(el)).to.equal('Connected');
      expect(detail(el)).to.equal('Sync failing · Not synced yet');
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('false');
      expect(text(liveRegion(el)), 'the first state is not announced').to.equal('');
    });

    it('shows what the store already holds in its first render, with no loading state', async () => {
      const fake = fakeAdapter({ 'conn-1': connection({ health: 'unhealthy' }) });
      storeFor(fake.adapter).put(connection({ health: 'unhealthy' }));
      const el = await mount<LfStatusIndicator>(
        html`<lf-status-indicator connection-id="conn-1" .adapter=${fake.adapter}></lf-status-indicator>`,
      );
      expect(label(el)).to.equal('Connected');
      expect(iconName(el)).to.equal('warning');
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('false');
    });

    it('shows not-found and error states', async () => {
      const fake = fakeAdapter({ broken: new LinkError('network', 'offline') });
      const missing = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator connection-id="nope" .adapter=${fake.adapter}></lf-status-indicator>`,
      );
      const failing = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator connection-id="broken" .adapter=${fake.adapter}></lf-status-indicator>`,
      );
      await settled(missing);
      await settled(failing);
      expect(label(missing)).to.equal('Connection not found');
      expect(iconName(missing)).to.equal('question');
      expect(label(failing)).to.equal('Status unavailable');
      expect([iconName(failing), tone(failing)]).to.deep.equal(['error', 'danger']);
    });

    it('shows the error state when there is no store at all', async () => {
      const el = await fixture<LfStatusIndicator>(html`<lf-status-indicator connection-id="x"></lf-status-indicator>`);
      expect(label(el)).to.equal('Status unavailable');
    });

    it('keeps live and announces each change politely, but not a sync-time or language change', async () => {
      const fake = fakeAdapter({ 'conn-1': connection() });
      const el = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator connection-id="conn-1" .adapter=${fake.adapter}></lf-status-indicator>`,
      );
      await settled(el);
      const region = liveRegion(el);
      expect(region.getAttribute('aria-live')).to.equal('polite');
      expect(text(region)).to.equal('');
      const store = storeFor(fake.adapter);

      store.put(connection({ lastSyncAt: new Date().toISOString() }));
      await settled(el);
      expect(detail(el)).to.equal('Healthy · Synced now');
      expect(text(region)).to.equal('');

      store.put(connection({ health: 'unhealthy' }));
      await settled(el);
      expect(label(el)).to.equal('Connected');
      expect(text(region)).to.equal('Connected, Sync failing');

      store.put(connection({ status: 'deauthorized' }));
      await settled(el);
      expect(text(region)).to.equal('Access revoked');

      await loadLocale('fr');
      el.lang = 'fr';
      await settled(el);
      expect(label(el)).to.equal('Accès révoqué');
      expect(text(region), 'the language alone changes nothing to announce').to.equal('Access revoked');
    });

    it('starts over, silently, for another connection id', async () => {
      const fake = fakeAdapter({ a: connection({ id: 'a' }), b: connection({ id: 'b', status: 'unlinked' }) });
      const el = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator connection-id="a" .adapter=${fake.adapter}></lf-status-indicator>`,
      );
      await settled(el);
      expect(label(el)).to.equal('Connected');
      el.connectionId = 'b';
      await settled(el);
      expect(label(el)).to.equal('Disconnected');
      expect(text(liveRegion(el))).to.equal('');
      storeFor(fake.adapter).put(connection({ id: 'a', status: 'deauthorized' }));
      await settled(el);
      expect(label(el), 'no longer follows a').to.equal('Disconnected');
    });

    it('subscribes while connected only', async () => {
      const fake = fakeAdapter({ 'conn-1': connection() });
      const store: ConnectionStore = storeFor(fake.adapter);
      let active = 0;
      const original = store.subscribeConnection.bind(store);
      store.subscribeConnection = (id, listener) => {
        active++;
        const unsubscribe = original(id, listener);
        return () => {
          active--;
          unsubscribe();
        };
      };
      const el = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator connection-id="conn-1" .adapter=${fake.adapter}></lf-status-indicator>`,
      );
      await settled(el);
      expect(active).to.equal(1);
      const parent = el.parentElement!;
      el.remove();
      expect(active).to.equal(0);
      store.put(connection({ status: 'unlinked' }));
      parent.append(el);
      await settled(el);
      expect(active).to.equal(1);
      expect(label(el)).to.equal('Disconnected');
      el.connection = connection({ status: 'pending' });
      await settled(el);
      expect(active, '.connection needs no subscription').to.equal(0);
    });
  });

  describe('strings and direction', () => {
    it('takes per-key overrides', async () => {
      const el = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator
          .strings=${{ 'status.linked': 'Live', 'health.healthy': 'All good' }}
          status="linked"
          health="healthy"
        ></lf-status-indicator>`,
      );
      expect(label(el)).to.equal('Live');
      expect(detail(el)).to.equal('All good');
    });

    it('reads right to left in Arabic, the icon at the inline start (right)', async () => {
      await loadLocale('ar');
      const el = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator lang="ar" .connection=${connection({ health: 'unhealthy' })}></lf-status-indicator>`,
      );
      await settled(el);
      const base = part(el, 'base')!;
      expect(base.getAttribute('dir')).to.equal('rtl');
      expect(label(el)).to.equal('متصل');
      expect(detail(el)).to.equal('المزامنة تفشل · لم تتم المزامنة بعد');
      expect(part(el, 'icon')!.getBoundingClientRect().left).to.be.greaterThan(
        part(el, 'label')!.getBoundingClientRect().left,
      );
    });

    it('follows dir="rtl" around it', async () => {
      const wrapper = await mount(
        html`<div dir="rtl"><lf-status-indicator status="pending"></lf-status-indicator></div>`,
      );
      const el = wrapper.querySelector('lf-status-indicator') as LfStatusIndicator;
      await el.updateComplete;
      expect(getComputedStyle(part(el, 'base')!).direction).to.equal('rtl');
      expect(part(el, 'icon')!.getBoundingClientRect().left).to.be.greaterThan(
        part(el, 'label')!.getBoundingClientRect().left,
      );
    });
  });

  describe('accessibility', () => {
    for (const theme of ['light', 'dark'] as const) {
      it(`has no axe violations in ${theme}, in every status`, async () => {
        for (const status of CONNECTION_STATUSES) {
          const el = await fixture<LfStatusIndicator>(
            html`<lf-status-indicator
              theme=${theme}
              .connection=${connection({ status, health: 'unhealthy', lastSyncAt: new Date().toISOString() })}
            ></lf-status-indicator>`,
          );
          await expect(el).to.be.accessible();
        }
      });

      it(`has no axe violations in ${theme} while loading and on error`, async () => {
        const fake = fakeAdapter({ bad: new LinkError('timeout', 'slow') });
        const failing = await fixture<LfStatusIndicator>(
          html`<lf-status-indicator theme=${theme} connection-id="bad" .adapter=${fake.adapter}></lf-status-indicator>`,
        );
        await settled(failing);
        await expect(failing).to.be.accessible();
        fake.hold();
        const loading = await fixture<LfStatusIndicator>(
          html`<lf-status-indicator
            theme=${theme}
            connection-id="slow"
            .adapter=${fake.adapter}
          ></lf-status-indicator>`,
        );
        await expect(loading).to.be.accessible();
        fake.release();
      });
    }

    it('has no axe violations right to left', async () => {
      await loadLocale('ar');
      const el = await fixture<LfStatusIndicator>(
        html`<lf-status-indicator lang="ar" dir="rtl" paused status="linked" health="healthy"></lf-status-indicator>`,
      );
      await settled(el);
      await expect(el).to.be.accessible();
    });
  });
});
