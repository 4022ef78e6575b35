// The message catalogue: every user-facing string of every element comes from here. English ships in
// parts with the elements that show it (locales/en/*.ts); the other languages load whole, on demand.
import type { MessageKey, Messages } from './locales/en.js';

export type { MessageKey, Messages } from './locales/en.js';

/** Values put into a message's `{name}` placeholders (numbers also drive `{n, plural, ...}`). */
export type MessageVars = Readonly<Record<string, string | number>>;

/** Per-key overrides a host gives through an element's `strings` or `lf-provider`'s `strings`. */
export type StringOverrides = Readonly<Record<string, string>>;

/** The language used when nothing else matches. */
export const DEFAULT_LOCALE = 'en';

/** Languages written right to left (primary subtags). */
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/**
 * The catalogues known now, by lower-cased language tag. English is there empty: its strings come with
 * each element (`translate`'s `english`), and a host's `registerLocale('en', ...)` overrides them.
 */
const catalogues = new Map<string, Partial<Messages>>([['en', {}]]);

/** The languages linkflow ships beside English, loaded on first use (bundlers split them out). */
const shipped: Readonly<Record<string, () => Promise<{ readonly default: Partial<Messages> }>>> = {
  ar: () => import('./locales/ar.js'),
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
};

const loading = new Map<string, Promise<boolean>>();

/** The languages whose catalogues ship with linkflow. */
export const SHIPPED_LOCALES: readonly string[] = ['en', ...Object.keys(shipped)];

/** Adds (or extends) the catalogue of `lang`; keys it lacks fall back to English. */
export function registerLocale(lang: string, messages: Partial<Messages> | StringOverrides): void {
  const tag = lang.toLowerCase();
  catalogues.set(tag, { ...catalogues.get(tag), ...(messages as Partial<Messages>) });
}

/** The registered catalogue that serves `lang`: `fr-CA` → `fr-ca`, else `fr`, else undefined. */
export function catalogueLocale(lang: string): string | undefined {
  const tag = lang.toLowerCase();
  if (catalogues.has(tag)) return tag;
  const primary = tag.split('-')[0] ?? tag;
  return catalogues.has(primary) ? primary : undefined;
}

/** Whether `lang` is a shipped language not loaded yet. */
export function needsLoading(lang: string): boolean {
  const primary = lang.toLowerCase().split('-')[0] ?? '';
  return catalogueLocale(lang) === undefined && primary in shipped;
}

/**
 * Loads the shipped catalogue for `lang` if there is one. Resolves true when a catalogue for it is
 * now registered. Safe to call many times: one load per language.
 */
export function loadLocale(lang: string): Promise<boolean> {
  if (catalogueLocale(lang) !== undefined) return Promise.resolve(true);
  const primary = lang.toLowerCase().split('-')[0] ?? '';
  const loader = shipped[primary];
  if (!loader) return Promise.resolve(false);
  let pending = loading.get(primary);
  if (!pending) {
    pending = loader().then(
      (module) => {
        // A host's own registerLocale(primary, ...) made meanwhile keeps its keys.
        catalogues.set(primary, { ...module.default, ...catalogues.get(primary) });
        return true;
      },
      () => {
        loading.delete(primary);
        return false;
      },
    );
    loading.set(primary, pending);
  }
  return pending;
}

/** 'rtl' for a right-to-left language, else 'ltr'. */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  const primary = lang.toLowerCase().split('-')[0] ?? '';
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr';
}

/**
 * The message for `key` in `lang`: the first of `overrides` (in order), the language's catalogue,
 * the element's `english`, and finally the key itself. Placeholders are filled from `vars`.
 */
export function translate(
  lang: string,
  key: MessageKey,
  vars: MessageVars | undefined,
  english: Partial<Messages>,
  ...overrides: ReadonlyArray<StringOverrides | undefined>
): string {
  let template = overrides.map((layer) => layer?.[key]).find((value) => typeof value === 'string');
  template ??= catalogues.get(catalogueLocale(lang) ?? '')?.[key] ?? english[key] ?? key;
  return formatMessage(template, vars, lang);
}

/** `{name}`, or `{name, plural, <selector> {text} ...}` whose texts may hold one more level of braces. */
const PLACEHOLDER = /\{(\w+)(?:,\s*plural,((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*))?\}/g;

/**
 * Fills `{name}` placeholders and ICU-style plurals `{count, plural, =0 {none} one {# item} other {# items}}`
 * (`#` is the number in `lang`). Unknown placeholders are left as written. The result is plain text.
 */
export function formatMessage(template: string, vars: MessageVars | undefined, lang = DEFAULT_LOCALE): string {
  return vars
    ? template.replace(PLACEHOLDER, (raw, name: string, options?: string) => {
        const value = vars[name];
        if (value === undefined) return raw;
        if (options === undefined) return typeof value === 'number' ? formatNumber(value, lang) : value;
        const count = Number(value);
        const chosen = [`=${count}`, pluralCategory(lang, count), 'other']
          .map((selector) => pluralOption(options, selector))
          .find((text) => text !== undefined);
        return chosen === undefined
          ? raw
          : formatMessage(chosen, vars, lang).replaceAll('#', formatNumber(count, lang));
      })
    : template;
}

/** The text of `selector` in the options of a plural: `one {# item}` → `# item`. */
function pluralOption(options: string, selector: string): string | undefined {
  let depth = 0;
  let start = -1;
  let name = '';
  for (let i = 0; i < options.length; i++) {
    const c = options[i];
    if (c === '{' && depth++ === 0) {
      name = options.slice(start + 1, i).trim();
      start = i;
    } else if (c === '}' && --depth === 0) {
      if (name === selector) return options.slice(start + 1, i);
      start = i;
    }
  }
  return undefined;
}

function pluralCategory(lang: string, count: number): string {
  try {
    return new Intl.PluralRules(lang).select(count);
  } catch {
    return new Intl.PluralRules(DEFAULT_LOCALE).select(count);
  }
}

function formatNumber(value: number, lang: string): string {
  try {
    return new Intl.NumberFormat(lang).format(value);
  } catch {
    return String(value);
  }
}
