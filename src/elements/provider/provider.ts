import { ContextProvider } from '@lit/context';
import { html } from 'lit';
import type { ConnectionAdapter } from '../../adapter/adapter.js';
import { createStore, type ConnectionStore } from '../../adapter/store.js';
import { settingsContext, storeContext, type LinkflowSettings } from '../../context/index.js';
import type { WindowMode } from '../../model/index.js';
import { LfElement } from '../base/base-element.js';
import type { StringOverrides } from '../shared/i18n.js';
import { providerStyles } from './provider.styles.js';

/**
 * Origins as `scheme://host[:port]`. An entry that is not a URL is kept as written, so it matches
 * nothing: a typo never widens the list to "any origin".
 */
function normalizeOrigins(values: readonly string[]): string[] {
  return values
    .map((value) => value.trim())
    .filter(Boolean)
    .map((value) => {
      try {
        const origin = new URL(value).origin;
        return origin === 'null' ? value : origin;
      } catch {
        return value;
      }
    });
}

/** Reads `allowed-origins="https://a.example https://b.example"`; valid URLs become their origin. */
const originList = (value: string | null): string[] => normalizeOrigins((value ?? '').split(/\s+/));

/**
 * Holds the adapter and the shared settings, and gives every linkflow element inside it the store
 * for that adapter (made with `createStore`, replaced when the adapter changes) and the settings,
 * through `@lit/context`. It draws nothing of its own (`display: contents`).
 *
 * @summary Shares one connection store, the language, the allowed origins and the window mode with the linkflow elements inside it.
 *
 * @slot - The page content holding linkflow elements.
 */
export class LfProvider extends LfElement {
  static override styles = [...LfElement.styles, providerStyles];

  static override properties = {
    adapter: { attribute: false },
    mode: {},
    allowedOrigins: { attribute: 'allowed-origins', converter: originList },
    strings: { attribute: false },
    locale: {},
  };

  /** The host's connection adapter; every element inside reads through one store made for it. */
  adapter?: ConnectionAdapter;

  /** How the provider's authorization page opens: the whole tab (`redirect`) or a `popup`. */
  mode: WindowMode = 'redirect';

  /** Origins the authorization URL may be on (attribute: space-separated); empty allows any safe URL. */
  allowedOrigins: string[] = [];

  /** Per-key string overrides for every element inside (an element's own `strings` win). */
  strings: StringOverrides = {};

  /** Language for the elements inside that have no `lang` of their own or on an ancestor. */
  locale?: string;

  readonly #storeProvider = new ContextProvider(this, { context: storeContext });
  readonly #settingsProvider = new ContextProvider(this, { context: settingsContext });

  /** The store the elements inside share; undefined until an adapter is set. */
  get store(): ConnectionStore | undefined {
    return this.#storeProvider.value;
  }

  /** The settings the elements inside read. */
  get settings(): LinkflowSettings | undefined {
    return this.#settingsProvider.value;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Provide before the first render so children connecting now get values at once.
    this.#provide();
  }

  protected override willUpdate(): void {
    this.#provide();
  }

  #provide(): void {
    // A store per adapter: a new adapter gets a new store, no adapter none.
    if (this.adapter !== this.store?.adapter) {
      this.#storeProvider.setValue(this.adapter ? createStore(this.adapter) : undefined);
    }
    const settings: LinkflowSettings = {
      allowedOrigins: Object.freeze(normalizeOrigins(this.allowedOrigins ?? [])),
      mode: this.mode === 'popup' ? 'popup' : 'redirect',
      strings: Object.freeze({ ...this.strings }),
      ...(this.locale ? { locale: this.locale } : {}),
    };
    // The elements inside update only when a setting really changed.
    if (JSON.stringify(settings) !== JSON.stringify(this.settings)) this.#settingsProvider.setValue(settings);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
