import { createContext } from '@lit/context';
import type { ConnectionStore } from '../adapter/store.js';
import type { WindowMode } from '../model/index.js';

/**
 * The store `lf-provider` gives to every linkflow element inside it. Keys are `Symbol.for` so two bundled
 * copies of the library on one page still find each other.
 */
export const storeContext = createContext<ConnectionStore | undefined>(Symbol.for('linkflow.store'));

/** Settings `lf-provider` shares: language overrides, allowed origins, window mode. */
export interface LinkflowSettings {
  /** Origins the provider's authorization URL may be on; empty means any safe URL. */
  readonly allowedOrigins: readonly string[];
  /** How the provider's page is opened. */
  readonly mode: WindowMode;
  /** Per-key string overrides for every element inside. */
  readonly strings: Readonly<Record<string, string>>;
  /** Language for strings and relative times, when the element has no `lang` of its own. */
  readonly locale?: string;
}

export const settingsContext = createContext<LinkflowSettings | undefined>(Symbol.for('linkflow.settings'));
