import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, render, type TemplateResult } from 'lit';
import { emulateMedia } from '@web/test-runner-commands';
import { settingsContext, type LinkflowSettings } from '../../src/context/index.js';
import { ContextProvider } from '@lit/context';
import { LINK_ERROR_CODES } from '../../src/model/index.js';
import {
  DEFAULT_LOCALE,
  SHIPPED_LOCALES,
  catalogueLocale,
  directionOf,
  formatMessage,
  loadLocale,
  registerLocale,
  translate,
  type MessageKey,
  type StringOverrides,
} from '../../src/elements/shared/i18n.js';
import en from '../../src/elements/shared/locales/en.js';
import fr from '../../src/elements/shared/locales/fr.js';
import de from '../../src/elements/shared/locales/de.js';
import es from '../../src/elements/shared/locales/es.js';
import ar from '../../src/elements/shared/locales/ar.js';
import { formatDateTime, formatRelativeTime, toTime } from '../../src/elements/shared/relative-time.js';
import { isLoopbackHost, logoLetters, renderLogo, safeColor, safeLogoUrl } from '../../src/elements/shared/logo.js';
import { themeStyles } from '../../src/elements/shared/theme.styles.js';
import { LocaleController } from '../../src/elements/controllers/locale-controller.js';

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

const LOCALES: Record<string, Readonly<Record<string, string>>> = { en, fr, de, es, ar };
/** The variable names a message uses: `{name}` and `{count, plural, ...}`. */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\s*[},]/g)].map((m) => m[1]))].sort();
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A bare element with the locale controller, as every linkflow element has one. */
class LocaleProbe extends LitElement {
  static override styles = [themeStyles];
  static override properties = { strings: { attribute: false } };
  strings?: StringOverrides;
  readonly locale = new LocaleController(this, en);
  override render() {
    return html`<span>${this.locale.t('status.linked')}</span>`;
  }
}
customElements.define('lf-test-locale-probe', LocaleProbe);

/** Provides settings the way lf-provider does, without needing a store. */
class SettingsHost extends LitElement {
  static override properties = { settings: { attribute: false } };
  settings?: LinkflowSettings;
  private readonly provider = new ContextProvider(this, { context: settingsContext });
  override connectedCallback() {
    super.connectedCallback();
    this.provider.setValue(this.settings);
  }
  protected override willUpdate() {
    this.provider.setValue(this.settings);
  }
  override render() {
    return html`<slot></slot>`;
  }
}
customElements.define('lf-test-settings-host', SettingsHost);

const settings = (over: Partial<LinkflowSettings> = {}): LinkflowSettings => ({
  allowedOrigins: [],
  mode: 'redirect',
  strings: {},
  ...over,
});

describe('message catalogue', () => {
  it('ships en, fr, de, es and the right-to-left ar', () => {
    expect([...SHIPPED_LOCALES].sort()).to.deep.equal(['ar', 'de', 'en', 'es', 'fr']);
    expect(directionOf('ar')).to.equal('rtl');
    expect(directionOf('ar-EG')).to.equal('rtl');
    expect(directionOf('he')).to.equal('rtl');
    expect(directionOf('fr')).to.equal('ltr');
  });

  for (const [lang, messages] of Object.entries(LOCALES)) {
    it(`${lang}: has every key, none empty, none extra, with the same placeholders as English`, () => {
      expect(Object.keys(messages).sort()).to.deep.equal(Object.keys(en).sort());
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${lang} ${key}`).not.to.equal('');
        expect(placeholders(text), `${lang} ${key}`).to.deep.equal(placeholders(en[key as MessageKey]));
      }
    });

    it(`${lang}: has a title and a helpful message for every error code`, () => {
      for (const code of LINK_ERROR_CODES) {
        expect(messages[`error.${code}.title`], `${lang} ${code} title`).to.be.a('string').and.not.equal('');
        expect(messages[`error.${code}.message`], `${lang} ${code} message`)
          .to.be.a('string')
          .and.have.length.above(20);
      }
    });
  }

  it('translations are not left in English (a shared single word such as "Beta" aside)', () => {
    for (const lang of ['fr', 'de', 'es', 'ar']) {
      const same = Object.keys(en).filter(
        (key) => LOCALES[lang]![key] === en[key as MessageKey] && /\s/.test(en[key as MessageKey]),
      );
      expect(same, lang).to.deep.equal([]);
    }
  });
});

describe('formatMessage', () => {
  it('fills placeholders and leaves unknown ones as written', () => {
    expect(formatMessage('Synced {time}', { time: '5 minutes ago' })).to.equal('Synced 5 minutes ago');
    expect(formatMessage('{a} and {b}', { a: 'x' })).to.equal('x and {b}');
    expect(formatMessage('no vars {x}', undefined)).to.equal('no vars {x}');
    expect(formatMessage('broken {x', { x: 'y' })).to.equal('broken {x');
  });

  it('inserts values as they are, without reading them as markup or placeholders', () => {
    expect(formatMessage('Hi {name}', { name: '<b>{other}</b>' })).to.equal('Hi <b>{other}</b>');
  });

  it('chooses plural forms by the language rules, with exact matches first', () => {
    const text = '{n, plural, =0 {none} one {# item} other {# items}}';
    expect(formatMessage(text, { n: 0 }, 'en')).to.equal('none');
    expect(formatMessage(text, { n: 1 }, 'en')).to.equal('1 item');
    expect(formatMessage(text, { n: 3 }, 'en')).to.equal('3 items');
    expect(formatMessage('{n, plural, one {# élément} other {# éléments}}', { n: 0 }, 'fr')).to.equal('0 élément');
    expect(formatMessage('{n, plural, one {# item} other {# items}}', { n: 1000 }, 'en')).to.equal('1,000 items');
    const arabic = ar['errorPanel.issuesMessage'];
    expect(formatMessage(arabic, { count: 2 }, 'ar')).to.contain('مشكلتين');
    expect(formatMessage(arabic, { count: 1 }, 'ar')).to.equal('أبلغ المزوّد عن مشكلة في هذا الاتصال.');
  });
});

describe('translate', () => {
  it('takes overrides in order, then the catalogue, then English, then the key', async () => {
    await loadLocale('fr');
    expect(translate('fr', 'status.linked', undefined, en)).to.equal('Connecté');
    expect(
      translate('fr', 'status.linked', undefined, en, { 'status.linked': 'A' }, { 'status.linked': 'B' }),
    ).to.equal('A');
    expect(translate('fr', 'status.linked', undefined, en, undefined, { 'status.linked': 'B' })).to.equal('B');
    expect(translate('ja', 'status.linked', undefined, en)).to.equal('Connected');
    expect(translate('en', 'no.such.key' as MessageKey, undefined, en)).to.equal('no.such.key');
  });

  it('serves a regional tag from its language catalogue', async () => {
    await loadLocale('fr-CA');
    expect(catalogueLocale('fr-CA')).to.equal('fr');
    expect(catalogueLocale('pt-BR')).to.equal(undefined);
    expect(catalogueLocale('EN-gb')).to.equal(DEFAULT_LOCALE);
  });

  it('accepts a host language, falling back to English key by key', () => {
    registerLocale('x-test', { 'status.linked': 'Linked (test)' });
    expect(translate('x-test', 'status.linked', undefined, en)).to.equal('Linked (test)');
    expect(translate('x-test', 'status.unlinked', undefined, en)).to.equal('Disconnected');
  });

  it('loads a shipped language once and reports an unknown one', async () => {
    expect(await loadLocale('de')).to.equal(true);
    expect(await loadLocale('de-AT')).to.equal(true);
    expect(translate('de-AT', 'status.linked', undefined, en)).to.equal('Verbunden');
    expect(await loadLocale('tlh')).to.equal(false);
  });

  it('treats a language tag that names a built-in property as an unknown language', async () => {
    for (const tag of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf-CA']) {
      expect(await loadLocale(tag), tag).to.equal(false);
      expect(translate(tag, 'status.linked', undefined, en), tag).to.equal('Connected');
    }
    const probe = await fixture<LocaleProbe>(html`<lf-test-locale-probe lang="constructor"></lf-test-locale-probe>`);
    await settle();
    expect(probe.shadowRoot!.textContent).to.equal('Connected');
  });
});

describe('relative time', () => {
  const now = Date.parse('2024-05-10T12:00:00Z');

  it('reads "synced 5 minutes ago" in English and French', () => {
    const fiveMinutesAgo = '2024-05-10T11:55:00Z';
    expect(formatRelativeTime(fiveMinutesAgo, 'en', now)).to.equal('5 minutes ago');
    expect(formatRelativeTime(fiveMinutesAgo, 'fr', now)).to.equal('il y a 5 minutes');
    expect(translate('en', 'sync.last', { time: formatRelativeTime(fiveMinutesAgo, 'en', now) }, en)).to.equal(
      'Synced 5 minutes ago',
    );
  });

  it('picks the unit by distance, in the past and the future', () => {
    expect(formatRelativeTime(now - 3_000, 'en', now)).to.equal('now');
    expect(formatRelativeTime(now - 30_000, 'en', now)).to.equal('30 seconds ago');
    expect(formatRelativeTime(now - 3 * 3600_000, 'en', now)).to.equal('3 hours ago');
    expect(formatRelativeTime(now - 24 * 3600_000, 'en', now)).to.equal('yesterday');
    expect(formatRelativeTime(now - 24 * 3600_000, 'fr', now)).to.equal('hier');
    expect(formatRelativeTime(now - 14 * 86400_000, 'en', now)).to.equal('2 weeks ago');
    expect(formatRelativeTime(now - 90 * 86400_000, 'en', now)).to.equal('3 months ago');
    expect(formatRelativeTime(now - 800 * 86400_000, 'en', now)).to.equal('2 years ago');
    expect(formatRelativeTime(now + 2 * 3600_000, 'en', now)).to.equal('in 2 hours');
  });

  it('reads the three date forms vendors send', () => {
    expect(toTime('2024-05-10T11:55:00Z')).to.equal(Date.parse('2024-05-10T11:55:00Z'));
    expect(toTime('2024-05-10T13:55:00+02:00')).to.equal(Date.parse('2024-05-10T11:55:00Z'));
    expect(toTime('2024-05-10T11:55:00')).to.equal(new Date(2024, 4, 10, 11, 55, 0).getTime());
  });

  it('gives nothing for a date it cannot read', () => {
    expect(formatRelativeTime('not a date', 'en', now)).to.equal('');
    expect(formatRelativeTime('', 'en', now)).to.equal('');
    expect(formatDateTime('nope', 'en')).to.equal('');
    expect(formatDateTime('2024-05-10T11:55:00Z', 'en')).to.contain('2024');
  });

  it('falls back to English for a language tag Intl cannot read', () => {
    expect(formatRelativeTime(now - 120_000, 'not_a_tag!', now)).to.equal('2 minutes ago');
  });
});

describe('logo', () => {
  it('allows only https and loopback http logos', () => {
    expect(safeLogoUrl('https://cdn.example.com/qb.png')).to.equal('https://cdn.example.com/qb.png');
    expect(safeLogoUrl('http://localhost:5173/x.svg')).to.equal('http://localhost:5173/x.svg');
    expect(safeLogoUrl('http://127.0.0.1/x.svg')).to.equal('http://127.0.0.1/x.svg');
    expect(safeLogoUrl('http://[::1]:8080/x.svg')).to.equal('http://[::1]:8080/x.svg');
    for (const bad of [
      'http://cdn.example.com/qb.png',
      'javascript:alert(1)',
      'data:image/svg+xml,<svg onload=alert(1)>',
      '//cdn.example.com/x.png',
      '/logo.png',
      'https://user:pass@cdn.example.com/x.png',
      'http://127.0.0.1.evil.com/x.png',
      'http://localhost.evil.com/x.png',
      'ftp://example.com/x.png',
      '',
      undefined,
    ]) {
      expect(safeLogoUrl(bad), String(bad)).to.equal(undefined);
    }
    expect(isLoopbackHost('app.localhost')).to.equal(true);
    expect(isLoopbackHost('127.1.2.3')).to.equal(true);
    expect(isLoopbackHost('128.0.0.1')).to.equal(false);
  });

  it('letters a placeholder from the name', () => {
    expect(logoLetters('QuickBooks Online')).to.equal('QO');
    expect(logoLetters('xero')).to.equal('X');
    expect(logoLetters('sage-intacct')).to.equal('SI');
    expect(logoLetters('  ')).to.equal('?');
    expect(logoLetters('Ärzte Kasse')).to.equal('ÄK');
  });

  it('accepts only plain hex colours', () => {
    expect(safeColor('#1a2B3c')).to.equal('#1a2B3c');
    expect(safeColor('#abc')).to.equal('#abc');
    expect(safeColor('red; background: url(x)')).to.equal(undefined);
    expect(safeColor('url(https://evil)')).to.equal(undefined);
  });

  it('draws an image for a safe URL and letters for an unsafe one, as text', () => {
    const container = document.createElement('div');
    render(renderLogo({ name: 'Xero', logoUrl: 'https://cdn.example.com/xero.png' }), container);
    const img = container.querySelector('img')!;
    expect(img.getAttribute('src')).to.equal('https://cdn.example.com/xero.png');
    expect(img.getAttribute('alt')).to.equal('');
    render(
      renderLogo({ name: '<img src=x onerror=alert(1)>', logoUrl: 'javascript:alert(1)', color: '#ff0000' }),
      container,
    );
    expect(container.querySelector('img')).to.equal(null);
    const placeholder = container.querySelector('[part~="placeholder"]') as HTMLElement;
    expect(placeholder.textContent).to.equal('<S');
    expect(placeholder.querySelector('img')).to.equal(null);
    expect(placeholder.style.getPropertyValue('--_lf-logo-color')).to.equal('#ff0000');
  });
});

describe('LocaleController', () => {
  afterEach(() => {
    document.documentElement.lang = 'en';
    document.documentElement.removeAttribute('dir');
  });

  it('uses the element’s own lang first', async () => {
    const el = await mount<LocaleProbe>(
      html`<div lang="de"><lf-test-locale-probe lang="fr"></lf-test-locale-probe></div>`,
    );
    const probe = el.querySelector('lf-test-locale-probe') as LocaleProbe;
    await loadLocale('fr');
    await probe.updateComplete;
    expect(probe.locale.lang).to.equal('fr');
    expect(probe.shadowRoot!.textContent).to.equal('Connecté');
  });

  it('finds the closest ancestor lang, crossing shadow roots', async () => {
    const outer = await mount(html`<div lang="es"><div id="host"></div></div>`);
    const host = outer.querySelector('#host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('section');
    shadow.append(inner);
    const probe = document.createElement('lf-test-locale-probe') as LocaleProbe;
    inner.append(probe);
    await loadLocale('es');
    await probe.updateComplete;
    expect(probe.locale.lang).to.equal('es');
    expect(probe.shadowRoot!.textContent).to.equal('Conectado');
    inner.setAttribute('lang', 'de');
    await settle();
    await loadLocale('de');
    await probe.updateComplete;
    expect(probe.locale.lang).to.equal('de');
    expect(probe.shadowRoot!.textContent).to.equal('Verbunden');
  });

  it('then the provider’s locale, then <html lang>, then English', async () => {
    await loadLocale('fr');
    const wrapper = await fixture<SettingsHost>(
      html`<lf-test-settings-host .settings=${settings({ locale: 'fr' })}
        ><lf-test-locale-probe></lf-test-locale-probe
      ></lf-test-settings-host>`,
    );
    const probe = wrapper.querySelector('lf-test-locale-probe') as LocaleProbe;
    await probe.updateComplete;
    expect(probe.locale.lang).to.equal('fr');
    wrapper.settings = settings({ locale: 'ar' });
    await wrapper.updateComplete;
    await loadLocale('ar');
    await probe.updateComplete;
    expect(probe.locale.lang).to.equal('ar');
    expect(probe.locale.dir).to.equal('rtl');
    expect(probe.shadowRoot!.textContent).to.equal('متصل');

    const alone = await fixture<LocaleProbe>(html`<lf-test-locale-probe></lf-test-locale-probe>`);
    expect(alone.locale.lang).to.equal('en');
    document.documentElement.lang = 'de';
    await settle();
    await alone.updateComplete;
    expect(alone.locale.lang).to.equal('de');
    document.documentElement.removeAttribute('lang');
    await settle();
    await alone.updateComplete;
    expect(alone.locale.lang).to.equal('en');
  });

  it('takes the nearest dir, else the direction of the language', async () => {
    const el = await mount(
      html`<div dir="rtl">
        <lf-test-locale-probe id="a"></lf-test-locale-probe>
        <div lang="fr"><lf-test-locale-probe id="b"></lf-test-locale-probe></div>
        <lf-test-locale-probe id="c" lang="ar" dir="ltr"></lf-test-locale-probe>
        <lf-test-locale-probe id="d" lang="ar"></lf-test-locale-probe>
      </div>`,
    );
    const dir = (id: string) => (el.querySelector(`#${id}`) as LocaleProbe).locale.dir;
    expect(dir('a')).to.equal('rtl');
    expect(dir('b')).to.equal('ltr');
    expect(dir('c')).to.equal('ltr');
    expect(dir('d')).to.equal('rtl');
  });

  it('follows a change of its own lang and dir', async () => {
    const probe = await fixture<LocaleProbe>(html`<lf-test-locale-probe></lf-test-locale-probe>`);
    probe.setAttribute('lang', 'ar');
    await settle();
    await loadLocale('ar');
    await probe.updateComplete;
    expect(probe.locale.dir).to.equal('rtl');
    probe.setAttribute('dir', 'ltr');
    await settle();
    expect(probe.locale.dir).to.equal('ltr');
  });

  it('applies the element’s strings over the provider’s over the catalogue', async () => {
    const wrapper = await fixture<SettingsHost>(
      html`<lf-test-settings-host .settings=${settings({ strings: { 'status.linked': 'Live (provider)' } })}
        ><lf-test-locale-probe></lf-test-locale-probe
      ></lf-test-settings-host>`,
    );
    const probe = wrapper.querySelector('lf-test-locale-probe') as LocaleProbe;
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('Live (provider)');
    probe.strings = { 'status.linked': 'Live (element)' };
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('Live (element)');
  });

  it('formats relative time in the element’s language', async () => {
    await loadLocale('fr');
    const probe = await fixture<LocaleProbe>(html`<lf-test-locale-probe lang="fr"></lf-test-locale-probe>`);
    const now = Date.now();
    expect(formatRelativeTime(now - 5 * 60_000, probe.locale.formatLocale, now)).to.equal('il y a 5 minutes');
    probe.lang = 'en';
    await settle();
    expect(formatRelativeTime(now - 5 * 60_000, probe.locale.formatLocale, now)).to.equal('5 minutes ago');
    probe.lang = 'ja';
    await settle();
    // No Japanese catalogue: the strings are English, and so is the time beside them.
    expect(formatRelativeTime(now - 5 * 60_000, probe.locale.formatLocale, now)).to.equal('5 minutes ago');
  });
});

describe('theme tokens', () => {
  const token = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(`--_lf-${name}`).trim();

  /** Asks the browser to emulate `scheme`; false where it cannot (Firefox has no CDP). */
  const emulateScheme = async (scheme: 'light' | 'dark') => {
    if (navigator.userAgent.includes('Firefox')) return false;
    await emulateMedia({ colorScheme: scheme });
    return true;
  };

  afterEach(() => emulateScheme('light'));

  it('resolves light defaults, and dark ones with theme="dark"', async () => {
    const light = await fixture(html`<lf-test-locale-probe theme="light"></lf-test-locale-probe>`);
    expect(token(light, 'color-text')).to.equal('#1f2937');
    expect(getComputedStyle(light).colorScheme).to.equal('light');
    const dark = await fixture(html`<lf-test-locale-probe theme="dark"></lf-test-locale-probe>`);
    expect(token(dark, 'color-text')).to.equal('#f3f4f6');
    expect(token(dark, 'space-2')).to.equal('0.5rem');
    expect(getComputedStyle(dark).colorScheme).to.equal('dark');
  });

  it('follows prefers-color-scheme unless theme says otherwise', async () => {
    // Where the scheme cannot be emulated, the browser's own scheme is checked instead.
    await emulateScheme('dark');
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const el = await mount(
      html`<div>
        <lf-test-locale-probe id="auto"></lf-test-locale-probe>
        <lf-test-locale-probe id="light" theme="light"></lf-test-locale-probe>
        <lf-test-locale-probe id="dark" theme="dark"></lf-test-locale-probe>
      </div>`,
    );
    expect(token(el.querySelector('#auto')!, 'color-surface')).to.equal(dark ? '#111827' : '#ffffff');
    expect(token(el.querySelector('#light')!, 'color-surface')).to.equal('#ffffff');
    expect(token(el.querySelector('#dark')!, 'color-surface')).to.equal('#111827');
  });

  it('lets a --lf-* value set on an ancestor win over both defaults', async () => {
    const el = await mount(
      html`<div style="--lf-color-accent: rgb(1, 2, 3)">
        <lf-test-locale-probe theme="dark"></lf-test-locale-probe>
      </div>`,
    );
    expect(token(el.querySelector('lf-test-locale-probe')!, 'color-accent')).to.equal('rgb(1, 2, 3)');
  });
});
