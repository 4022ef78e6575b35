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
const RTL_LANGUAGES = /^(ar|he|fa|ur|ps|sd|ug|yi|dv|ckb)$/;

/** The lower-cased primary subtag of a language tag: `fr-CA` → `fr`. */
const primaryOf = (lang: string): string => lang.toLowerCase().split('-')[0]!;

/**
 * The catalogues known now, by lower-cased language tag. English is there empty: its strings come with
 * each element (`translate`'s `english`), and a host's `registerLocale('en', ...)` overrides them.
 */
const catalogues = new Map<string, Partial<Messages>>([['en', {}]]);

/**
 * The languages linkflow ships beside English, loaded on first use (bundlers split them out). Without a
 * prototype, so a language tag such as `constructor` finds nothing here.
 */
const shipped: Readonly<Record<string, () => Promise<{ readonly default: Partial<Messages> }>>> = {
  __proto__: null,
  ar: () => import('./locales/ar.js'),
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
} as never;

/** Loads under way (or done), by primary subtag; without a prototype, as `shipped`. */
const loading: Record<string, Promise<boolean>> = { __proto__: null } as never;

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
  return catalogues.has(tag) ? tag : catalogues.has(primaryOf(tag)) ? primaryOf(tag) : undefined;
}

/**
 * Loads the shipped catalogue for `lang` if there is one. Resolves true when a catalogue for it is
 * now registered. Safe to call many times: one load per language.
 */
export async function loadLocale(lang: string): Promise<boolean> {
  const primary = primaryOf(lang);
  const loader = shipped[primary];
  return (
    catalogueLocale(lang) !== undefined ||
    (!!loader &&
      (loading[primary] ??= loader().then(
        (module) => {
          // A host's own registerLocale(primary, ...) made meanwhile keeps its keys.
          catalogues.set(primary, { ...module.default, ...catalogues.get(primary) });
          return true;
        },
        () => {
          delete loading[primary];
          return false;
        },
      )))
  );
}

/** 'rtl' for a right-to-left language, else 'ltr'. */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.test(primaryOf(lang)) ? 'rtl' : 'ltr';
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
  const template = [...overrides, catalogues.get(catalogueLocale(lang) ?? ''), english]
    .map((layer) => layer?.[key])
    .find((value) => typeof value === 'string');
  return formatMessage(template ?? key, vars, lang);
}

/** `{name}`, or `{name, plural, <selector> {text} ...}` whose texts may hold one more level of braces. */
const PLACEHOLDER = /\{(\w+)(?:,\s*plural,((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*))?\}/g;
/** One option of a plural, `<selector> {text}`, whose text may hold one level of braces. */
const PLURAL_OPTION = /([^{}]*)\{((?:[^{}]|\{[^{}]*\})*)\}/g;

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
        // The first text of each selector, by selector: `one {# item}` → one: `# item`.
        const texts: Record<string, string> = {};
        for (const [, selector, text] of options.matchAll(PLURAL_OPTION)) texts[selector!.trim()] ??= text!;
        const chosen = texts[`=${count}`] ?? texts[pluralCategory(lang, count)] ?? texts.other;
        return chosen === undefined
          ? raw
          : formatMessage(chosen, vars, lang).replaceAll('#', formatNumber(count, lang));
      })
    : template;
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
