import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { settingsContext, type LinkflowSettings } from '../../context/index.js';
import {
  DEFAULT_LOCALE,
  catalogueLocale,
  directionOf,
  loadLocale,
  translate,
  type MessageKey,
  type Messages,
  type MessageVars,
  type StringOverrides,
} from '../shared/i18n.js';

/** An element the locale controller serves: it may carry its own per-key `strings`. */
export type LocaleHost = ReactiveControllerHost & HTMLElement & { strings?: StringOverrides | undefined };

/** Everyone whose language may change when a `lang` or `dir` attribute changes. */
const watchers = new Set<LocaleController>();
let observer: MutationObserver | undefined;

/** Watches `lang` and `dir` under `root` (observing a root again only restates the same options). */
function observe(root: Node): void {
  (observer ??= new MutationObserver(() => {
    for (const controller of watchers) controller.recheck();
  })).observe(root, { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true });
}

/** The direction an element's own `dir` attribute sets: `ltr` or `rtl` (read as the DOM reflects it), else undefined. */
function explicitDir(element: Element): 'ltr' | 'rtl' | undefined {
  const dir = (element as HTMLElement).dir;
  return dir === 'ltr' || dir === 'rtl' ? dir : undefined;
}

/**
 * The language and direction of an element, and its strings.
 *
 * Language: the element's own `lang`, else the closest ancestor with `lang` (crossing shadow roots),
 * else `lf-provider`'s `locale`, else `<html lang>`, else English. Direction: the closest `dir`
 * (`ltr`/`rtl`) at or nearer than where the language came from, else the language's own direction.
 * Both follow attribute changes while the element is connected. `t()` reads the element's `strings`
 * overrides first, then the provider's, then the catalogue of the language, then English.
 */
export class LocaleController implements ReactiveController {
  private readonly host: LocaleHost;
  private readonly english: Partial<Messages>;
  private readonly settingsConsumer: ContextConsumer<typeof settingsContext, LocaleHost>;
  #lang = DEFAULT_LOCALE;
  #dir: 'ltr' | 'rtl' = 'ltr';

  /** `english`: the element's strings in English (the parts of `locales/en/` it shows). */
  constructor(host: LocaleHost, english: Partial<Messages>) {
    (this.host = host).addController(this);
    this.english = english;
    this.settingsConsumer = new ContextConsumer(host, { context: settingsContext, subscribe: true });
  }

  /** The language tag in use, as written (`fr-CA`). */
  get lang(): string {
    return this.#lang;
  }

  /** The writing direction in use. */
  get dir(): 'ltr' | 'rtl' {
    return this.#dir;
  }

  /** The tag of the catalogue serving the strings (`fr` for `fr-CA`; `en` for a language without one). */
  get catalogue(): string {
    return catalogueLocale(this.#lang) ?? DEFAULT_LOCALE;
  }

  /** What the enclosing `lf-provider` shares, if there is one. */
  get settings(): LinkflowSettings | undefined {
    return this.settingsConsumer.value;
  }

  /** The message for `key` with its placeholders filled, after the element's and the provider's overrides. */
  t(key: MessageKey, vars?: MessageVars): string {
    return translate(this.catalogue, key, vars, this.english, this.host.strings, this.settings?.strings);
  }

  /**
   * The language to format numbers and dates in (`formatRelativeTime(date, locale.formatLocale)`): they
   * follow the strings, so the element's language when it has a catalogue, else English.
   */
  get formatLocale(): string {
    return catalogueLocale(this.#lang) === undefined ? DEFAULT_LOCALE : this.#lang;
  }

  hostConnected(): void {
    watchers.add(this);
    // The document, and each shadow root the host sits in.
    observe(document);
    for (let root = this.host.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
      observe(root);
    }
    this.resolve();
  }

  hostDisconnected(): void {
    watchers.delete(this);
  }

  hostUpdate(): void {
    this.resolve();
  }

  /** Re-reads the language after an attribute changed somewhere; updates the host if it differs. */
  recheck(): void {
    const lang = this.#lang;
    const dir = this.#dir;
    this.resolve();
    if (lang !== this.#lang || dir !== this.#dir) this.host.requestUpdate();
  }

  private resolve(): void {
    const root = document.documentElement;
    let lang: string | null = null;
    let dir: 'ltr' | 'rtl' | undefined;
    // Up from the host to the document element, stepping out of each shadow root to its host.
    for (
      let element: Element | null = this.host;
      element && element !== root && !lang;
      element = element.parentElement ?? (element.parentNode instanceof ShadowRoot ? element.parentNode.host : null)
    ) {
      dir ??= explicitDir(element);
      lang = element.getAttribute('lang');
    }
    if (!lang && !(lang = this.settings?.locale ?? null)) {
      lang = root.lang || DEFAULT_LOCALE;
      dir ??= explicitDir(root);
    }
    this.#lang = lang;
    this.#dir = dir ?? directionOf(lang);
    // A shipped language not loaded yet: load it (for any other, loadLocale just answers false).
    if (catalogueLocale(lang) === undefined) {
      void loadLocale(lang).then((loaded) => {
        if (loaded && this.#lang === lang) this.host.requestUpdate();
      });
    }
  }
}
