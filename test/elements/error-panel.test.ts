import { render, type TemplateResult } from 'lit';
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/error-panel/lf-error-panel.js';
import type { LfErrorPanel } from '../../src/elements/error-panel/error-panel.js';
import { loadLocale } from '../../src/elements/shared/i18n.js';
import en from '../../src/elements/shared/locales/en.js';
import fr from '../../src/elements/shared/locales/fr.js';
import ar from '../../src/elements/shared/locales/ar.js';
import { LinkError, LINK_ERROR_CODES, type Connection } from '../../src/model/index.js';
import type { LfDismissEvent, LfReconnectEvent, LfRetryEvent } from '../../src/events/index.js';

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

const fullError = () =>
  new LinkError('http', 'Upstream answered 502 Bad Gateway', {
    status: 502,
    correlationId: 'req_7f3a9c',
    details: [
      { path: 'results.0.status', message: 'Invalid option: expected one of "Linked"|"Deauthorized"' },
      { path: '', message: 'Body was truncated' },
    ],
  });

const part = (el: LfErrorPanel, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const actionNames = (el: LfErrorPanel) =>
  [...el.shadowRoot!.querySelectorAll('[part="actions"] button')].map((b) => b.getAttribute('part'));
const settle = () => aTimeout(0);

async function panel(template: ReturnType<typeof html>): Promise<LfErrorPanel> {
  const el = await fixture<LfErrorPanel>(template);
  await el.updateComplete;
  return el;
}

describe('<lf-error-panel>', () => {
  it('shows a title and a helpful message for every error code, as an alert', async () => {
    for (const code of LINK_ERROR_CODES) {
      const el = await panel(html`<lf-error-panel .error=${new LinkError(code, 'raw')}></lf-error-panel>`);
      const alert = el.shadowRoot!.querySelector('[role="alert"]');
      expect(alert, code).to.exist;
      expect(text(part(el, 'title')), code).to.equal(en[`error.${code}.title`]);
      expect(text(part(el, 'message')), code).to.equal(en[`error.${code}.message`]);
      expect(alert!.contains(part(el, 'title')), code).to.equal(true);
      expect(alert!.contains(part(el, 'message')), code).to.equal(true);
      expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('data-code')).to.equal(code);
    }
  });

  it('speaks French when its lang says so', async () => {
    await loadLocale('fr');
    for (const code of LINK_ERROR_CODES) {
      const el = await panel(html`<lf-error-panel lang="fr" .error=${new LinkError(code, 'raw')}></lf-error-panel>`);
      expect(text(part(el, 'title')), code).to.equal(fr[`error.${code}.title`]);
      expect(text(part(el, 'message')), code).to.equal(fr[`error.${code}.message`]);
      expect(text(part(el, 'dismiss'))).to.equal('Fermer');
    }
  });

  it('shows nothing without an error or a connection issue', async () => {
    const el = await panel(html`<lf-error-panel></lf-error-panel>`);
    expect(el.shadowRoot!.querySelector('[part="base"]')).to.equal(null);
    el.connection = connection();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="base"]')).to.equal(null);
    el.connection = connection({ issues: [{ message: 'old', active: false }] });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="base"]')).to.equal(null);
  });

  it('puts the raw message, HTTP status and each detail behind a closed disclosure', async () => {
    const el = await panel(html`<lf-error-panel .error=${fullError()}></lf-error-panel>`);
    const details = part(el, 'details') as HTMLDetailsElement;
    expect(details.tagName).to.equal('DETAILS');
    expect(details.open).to.equal(false);
    expect(text(details.querySelector('summary'))).to.equal('Technical details');
    expect(text(details)).to.contain('Upstream answered 502 Bad Gateway');
    expect(text(details)).to.contain('HTTP status 502');
    const items = [...part(el, 'details-list')!.querySelectorAll('li')].map(text);
    expect(items).to.deep.equal([
      'results.0.status Invalid option: expected one of "Linked"|"Deauthorized"',
      'Body was truncated',
    ]);
    expect(part(el, 'details-list')!.querySelector('code')!.getAttribute('dir')).to.equal('ltr');
  });

  it('leaves the disclosure out when there is nothing technical to say', async () => {
    const el = await panel(html`<lf-error-panel .error=${new LinkError('network', '')}></lf-error-panel>`);
    expect(part(el, 'details')).to.equal(null);
    expect(part(el, 'correlation')).to.equal(null);
  });

  it('renders vendor text as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__lfPwned=1"><b>bold</b>';
    const el = await panel(
      html`<lf-error-panel
        .error=${new LinkError('provider', hostile, { details: [{ path: '<i>p</i>', message: hostile }] })}
      ></lf-error-panel>`,
    );
    (part(el, 'details') as HTMLDetailsElement).open = true;
    await settle();
    expect(el.shadowRoot!.querySelector('img, b, i')).to.equal(null);
    expect(text(part(el, 'details'))).to.contain(hostile);
    expect((window as unknown as { __lfPwned?: number }).__lfPwned).to.equal(undefined);
  });

  it('shows the correlation id as selectable text and copies it', async () => {
    const el = await panel(html`<lf-error-panel .error=${fullError()}></lf-error-panel>`);
    const id = part(el, 'correlation-id')!;
    expect(text(id)).to.equal('req_7f3a9c');
    expect(getComputedStyle(id).userSelect).to.equal('all');
    expect(text(part(el, 'correlation'))).to.contain('Reference');
    const copied: string[] = [];
    Object.defineProperty(navigator.clipboard, 'writeText', {
      configurable: true,
      value: (value: string) => {
        copied.push(value);
        return Promise.resolve();
      },
    });
    try {
      part(el, 'copy')!.click();
      await settle();
      await el.updateComplete;
      expect(copied).to.deep.equal(['req_7f3a9c']);
      expect(text(el.shadowRoot!.querySelector('.correlation [role="status"]'))).to.equal('Reference copied');
    } finally {
      delete (navigator.clipboard as unknown as Record<string, unknown>).writeText;
    }
  });

  it('selects the correlation id for the user when the clipboard refuses', async () => {
    const el = await panel(html`<lf-error-panel .error=${fullError()}></lf-error-panel>`);
    Object.defineProperty(navigator.clipboard, 'writeText', {
      configurable: true,
      value: () => Promise.reject(new DOMException('denied', 'NotAllowedError')),
    });
    try {
      part(el, 'copy')!.click();
      await settle();
      await el.updateComplete;
      expect(document.getSelection()!.toString()).to.equal('req_7f3a9c');
      expect(text(el.shadowRoot!.querySelector('.correlation [role="status"]'))).to.equal('');
    } finally {
      delete (navigator.clipboard as unknown as Record<string, unknown>).writeText;
      document.getSelection()!.removeAllRanges();
    }
  });

  describe('actions', () => {
    it('offers retry only for a retryable error, and dismiss always', async () => {
      const retryable = await panel(html`<lf-error-panel .error=${new LinkError('network', 'x')}></lf-error-panel>`);
      expect(actionNames(retryable)).to.deep.equal(['retry', 'dismiss']);
      const final = await panel(html`<lf-error-panel .error=${new LinkError('unsafe-url', 'x')}></lf-error-panel>`);
      expect(actionNames(final)).to.deep.equal(['dismiss']);
      for (const button of retryable.shadowRoot!.querySelectorAll('button')) {
        expect(button.getAttribute('type')).to.equal('button');
      }
    });

    it('offers reconnect for unauthorized and expired errors on a known connection', async () => {
      for (const code of ['unauthorized', 'expired'] as const) {
        const el = await panel(
          html`<lf-error-panel .error=${new LinkError(code, 'x')} .connection=${connection()}></lf-error-panel>`,
        );
        expect(actionNames(el), code).to.include('reconnect');
        const alone = await panel(html`<lf-error-panel .error=${new LinkError(code, 'x')}></lf-error-panel>`);
        expect(actionNames(alone), code).not.to.include('reconnect');
      }
      const other = await panel(
        html`<lf-error-panel .error=${new LinkError('network', 'x')} .connection=${connection()}></lf-error-panel>`,
      );
      expect(actionNames(other)).to.deep.equal(['retry', 'dismiss']);
    });

    it('fires lf-retry with the error, bubbling out of the shadow root', async () => {
      const error = new LinkError('timeout', 'slow');
      const el = await panel(html`<lf-error-panel .error=${error}></lf-error-panel>`);
      const heard = oneEvent(document, 'lf-retry') as Promise<LfRetryEvent>;
      part(el, 'retry')!.click();
      const event = await heard;
      expect(event.detail.error).to.equal(error);
      expect(event.target).to.equal(el);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(el.hidden).to.equal(false);
    });

    it('fires lf-reconnect with the connection', async () => {
      const conn = connection({ status: 'deauthorized' });
      const el = await panel(html`<lf-error-panel .connection=${conn}></lf-error-panel>`);
      const heard = oneEvent(el, 'lf-reconnect') as Promise<LfReconnectEvent>;
      part(el, 'reconnect')!.click();
      expect((await heard).detail.connection).to.equal(conn);
    });

    it('hides on dismiss and fires lf-dismiss; shows again for a new error', async () => {
      const error = new LinkError('network', 'x');
      const el = await panel(html`<lf-error-panel .error=${error}></lf-error-panel>`);
      const heard = oneEvent(el, 'lf-dismiss') as Promise<LfDismissEvent>;
      part(el, 'dismiss')!.click();
      const event = await heard;
      expect(event.detail.error).to.equal(error);
      expect(event.cancelable).to.equal(true);
      await el.updateComplete;
      expect(el.hidden).to.equal(true);
      expect(getComputedStyle(el).display).to.equal('none');
      el.error = error;
      await el.updateComplete;
      expect(el.hidden, 'the same error stays dismissed').to.equal(true);
      el.error = new LinkError('timeout', 'y');
      await el.updateComplete;
      expect(el.hidden).to.equal(false);
      expect(text(part(el, 'title'))).to.equal(en['error.timeout.title']);
    });

    it('stays shown when lf-dismiss is prevented', async () => {
      const el = await panel(html`<lf-error-panel .error=${new LinkError('network', 'x')}></lf-error-panel>`);
      el.addEventListener('lf-dismiss', (event) => event.preventDefault());
      part(el, 'dismiss')!.click();
      await el.updateComplete;
      expect(el.hidden).to.equal(false);
    });
  });

  describe('keyboard', () => {
    async function tabStops(el: LfErrorPanel, count: number): Promise<string[]> {
      const stops: string[] = [];
      for (let i = 0; i < count; i++) {
        await sendKeys({ press: 'Tab' });
        const active = el.shadowRoot!.activeElement as HTMLElement | null;
        stops.push(active ? (active.getAttribute('part') ?? active.tagName.toLowerCase()) : 'outside');
      }
      return stops;
    }

    it('reaches the disclosure, copy and every action with Tab, each with a visible focus ring', async () => {
      const wrapper = await mount(
        html`<div>
          <button id="before">before</button>
          <lf-error-panel
            .error=${new LinkError('unauthorized', 'x', { retryable: true, correlationId: 'c-1', status: 401 })}
            .connection=${connection()}
          ></lf-error-panel>
        </div>`,
      );
      const el = wrapper.querySelector('lf-error-panel') as LfErrorPanel;
      await el.updateComplete;
      (wrapper.querySelector('#before') as HTMLElement).focus();
      expect(await tabStops(el, 5)).to.deep.equal(['summary', 'copy', 'reconnect', 'retry', 'dismiss']);
      const focused = el.shadowRoot!.activeElement as HTMLElement;
      expect(focused.matches(':focus-visible')).to.equal(true);
      const style = getComputedStyle(focused);
      expect(style.outlineStyle).to.equal('solid');
      expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    });

    it('activates actions with Enter and Space, and opens details with Enter', async () => {
      const el = await panel(html`<lf-error-panel .error=${fullError()}></lf-error-panel>`);
      const retries: LfRetryEvent[] = [];
      el.addEventListener('lf-retry', (event) => retries.push(event));
      part(el, 'retry')!.focus();
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: ' ' });
      expect(retries.length).to.equal(2);
      el.shadowRoot!.querySelector('summary')!.focus();
      await sendKeys({ press: 'Enter' });
      await settle();
      expect((part(el, 'details') as HTMLDetailsElement).open).to.equal(true);
      part(el, 'dismiss')!.focus();
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect(el.hidden).to.equal(true);
    });

    it('moves focus to the title when an error appears, with autofocus', async () => {
      const el = await panel(html`<lf-error-panel autofocus></lf-error-panel>`);
      el.error = new LinkError('network', 'x');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'title'));
      (document.activeElement as HTMLElement | null)?.blur();
      el.error = new LinkError('timeout', 'x');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement, 'a new error takes focus again').to.equal(part(el, 'title'));
    });

    it('leaves focus alone without autofocus', async () => {
      const el = await panel(html`<lf-error-panel></lf-error-panel>`);
      el.error = new LinkError('network', 'x');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal(null);
    });
  });

  describe('connection issues', () => {
    it('lists the active issues only, with code and when, and a counted message', async () => {
      const now = Date.now();
      const el = await panel(
        html`<lf-error-panel
          .connection=${connection({
            health: 'unhealthy',
            issues: [
              {
                message: 'Token refresh failed',
                code: 'auth_error',
                occurredAt: new Date(now - 5 * 60_000).toISOString(),
                active: true,
              },
              { message: 'Old outage', active: false, resolvedAt: new Date(now).toISOString() },
              { message: 'Rate limited by Xero', active: true },
            ],
          })}
        ></lf-error-panel>`,
      );
      expect(text(part(el, 'title'))).to.equal('Xero needs attention');
      expect(text(part(el, 'message'))).to.equal('The provider reported 2 problems with this connection.');
      const issues = [...el.shadowRoot!.querySelectorAll('[part="issue"]')].map(text);
      expect(issues).to.deep.equal(['Token refresh failed auth_error · Since 5 minutes ago', 'Rate limited by Xero']);
      expect(actionNames(el)).to.deep.equal(['dismiss']);
    });

    it('says so once for a single issue, in French too', async () => {
      await loadLocale('fr');
      const el = await panel(
        html`<lf-error-panel
          lang="fr"
          .connection=${connection({ issues: [{ message: 'x', active: true, occurredAt: new Date(Date.now() - 120_000).toISOString() }] })}
        ></lf-error-panel>`,
      );
      expect(text(part(el, 'message'))).to.equal('Le fournisseur a signalé un problème avec cette connexion.');
      expect(text(part(el, 'issue'))).to.equal('x Depuis il y a 2 minutes');
    });

    it('offers reconnect for a deauthorized connection', async () => {
      const el = await panel(
        html`<lf-error-panel .connection=${connection({ status: 'deauthorized' })}></lf-error-panel>`,
      );
      expect(text(part(el, 'message'))).to.equal('Access to Xero was revoked. Reconnect to resume syncing.');
      expect(actionNames(el)).to.deep.equal(['reconnect', 'dismiss']);
    });
  });

  describe('strings and direction', () => {
    it('takes per-key overrides from its strings', async () => {
      const el = await panel(
        html`<lf-error-panel
          .strings=${{ 'error.network.title': 'You are offline', 'common.dismiss': 'Hide' }}
          .error=${new LinkError('network', 'x')}
        ></lf-error-panel>`,
      );
      expect(text(part(el, 'title'))).to.equal('You are offline');
      expect(text(part(el, 'message'))).to.equal(en['error.network.message']);
      expect(text(part(el, 'dismiss'))).to.equal('Hide');
    });

    it('reads right to left in Arabic, its stripe on the inline-start (right) side', async () => {
      await loadLocale('ar');
      const el = await panel(html`<lf-error-panel lang="ar" .error=${fullError()}></lf-error-panel>`);
      await settle();
      await el.updateComplete;
      const base = part(el, 'base')!;
      expect(base.getAttribute('dir')).to.equal('rtl');
      expect(base.getAttribute('lang')).to.equal('ar');
      expect(text(part(el, 'title'))).to.equal(ar['error.http.title']);
      const style = getComputedStyle(base);
      expect(style.direction).to.equal('rtl');
      expect(style.borderRightWidth).to.equal('4px');
      expect(style.borderLeftWidth).to.equal('1px');
      const icon = part(el, 'icon')!.getBoundingClientRect();
      const title = part(el, 'title')!.getBoundingClientRect();
      expect(icon.left, 'the icon sits on the right').to.be.greaterThan(title.left);
      expect(text(part(el, 'correlation-id'))).to.equal('req_7f3a9c');
      expect(part(el, 'correlation-id')!.getAttribute('dir')).to.equal('ltr');
    });

    it('follows dir="rtl" on the page around it', async () => {
      const wrapper = await mount(html`<div dir="rtl"><lf-error-panel .error=${fullError()}></lf-error-panel></div>`);
      const el = wrapper.querySelector('lf-error-panel') as LfErrorPanel;
      await el.updateComplete;
      expect(getComputedStyle(part(el, 'base')!).borderRightWidth).to.equal('4px');
    });
  });

  describe('accessibility', () => {
    it('axe really runs: a nameless button fails', async () => {
      const broken = await mount(html`<div><button></button></div>`);
      await expect(broken).not.to.be.accessible();
    });

    for (const theme of ['light', 'dark'] as const) {
      it(`has no axe violations in ${theme}, details open`, async () => {
        const el = await panel(
          html`<lf-error-panel
            theme=${theme}
            .error=${new LinkError('unauthorized', 'Denied', { correlationId: 'c-9', details: [{ path: 'a', message: 'b' }] })}
            .connection=${connection()}
          ></lf-error-panel>`,
        );
        (part(el, 'details') as HTMLDetailsElement).open = true;
        await settle();
        await expect(el).to.be.accessible();
      });

      it(`has no axe violations in ${theme} for connection issues`, async () => {
        const el = await panel(
          html`<lf-error-panel
            theme=${theme}
            .connection=${connection({
              status: 'deauthorized',
              issues: [
                { message: 'Token revoked', code: 'revoked', active: true, occurredAt: new Date().toISOString() },
              ],
            })}
          ></lf-error-panel>`,
        );
        await expect(el).to.be.accessible();
      });
    }

    it('has no axe violations right to left', async () => {
      await loadLocale('ar');
      const el = await panel(html`<lf-error-panel lang="ar" dir="rtl" .error=${fullError()}></lf-error-panel>`);
      (part(el, 'details') as HTMLDetailsElement).open = true;
      await settle();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });
});
