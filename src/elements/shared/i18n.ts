// The message catalogue: every user-facing string of every element comes from here.
import { en, type MessageKey, type Messages } from './locales/en.js';

export type { MessageKey, Messages } from './locales/en.js';

/** Values put into a message's `{name}` placeholders (numbers also drive `{n, plural, ...}`). */
export type MessageVars = Readonly<Record<string, string | number>>;

/** Per-key overrides a host gives through an element's `strings` or `lf-provider`'s `strings`. */
export type StringOverrides = Readonly<Record<string, string>>;

/** The language used when nothing else matches. */
export const DEFAULT_LOCALE = 'en';

/** Languages written right to left (primary subtags). */
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/** The catalogues known now, by lower-cased language tag. */
const catalogues = new Map<string, Partial<Messages>>([['en', en]]);

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
 * English, and finally the key itself. Placeholders are filled from `vars`.
 */
export function translate(
  lang: string,
  key: MessageKey,
  vars?: MessageVars,
  ...overrides: ReadonlyArray<StringOverrides | undefined>
): string {
  let template: string | undefined;
  for (const layer of overrides) {
    const value = layer?.[key];
    if (typeof value === 'string') {
      template = value;
      break;
    }
  }
  if (template === undefined) {
    const found = catalogueLocale(lang);
    template = (found === undefined ? undefined : catalogues.get(found)?.[key]) ?? en[key] ?? key;
  }
  return formatMessage(template, vars, lang);
}

/**
 * Fills `{name}` placeholders and ICU-style plurals `{count, plural, =0 {none} one {# item} other {# items}}`
 * (`#` is the number in `lang`). Unknown placeholders are left as written. The result is plain text.
 */
export function formatMessage(template: string, vars: MessageVars | undefined, lang = DEFAULT_LOCALE): string {
  if (!vars || !template.includes('{')) return template;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = matchingBrace(template, open);
    if (close < 0) {
      out += template.slice(open);
      break;
    }
    out += placeholder(template.slice(open + 1, close), template.slice(open, close + 1), vars, lang);
    i = close + 1;
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function placeholder(body: string, raw: string, vars: MessageVars, lang: string): string {
  const comma = body.indexOf(',');
  const name = (comma < 0 ? body : body.slice(0, comma)).trim();
  const value = vars[name];
  if (value === undefined) return raw;
  if (comma < 0) return typeof value === 'number' ? formatNumber(value, lang) : value;
  const rest = body.slice(comma + 1);
  const second = rest.indexOf(',');
  if (second < 0 || rest.slice(0, second).trim() !== 'plural') return raw;
  const count = Number(value);
  const options = pluralOptions(rest.slice(second + 1));
  const category = safePluralCategory(lang, count);
  const chosen = options.get(`=${count}`) ?? options.get(category) ?? options.get('other');
  if (chosen === undefined) return raw;
  return formatMessage(chosen, vars, lang).replaceAll('#', formatNumber(count, lang));
}

function pluralOptions(text: string): Map<string, string> {
  const options = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    const selector = text.slice(i, open).trim();
    const close = matchingBrace(text, open);
    if (close < 0) break;
    options.set(selector, text.slice(open + 1, close));
    i = close + 1;
  }
  return options;
}

function safePluralCategory(lang: string, count: number): string {
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
