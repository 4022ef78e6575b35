import type { LinkReturn } from '../adapter/adapter.js';
import type { PendingRecord } from './pending.js';
import { isState } from './state.js';

/** Reads a return URL: an adapter's (or the store's) `readReturn`. */
export type ReturnReader = (url: URL) => LinkReturn | null;

/**
 * Query parameters the shipped adapters and the vendors put on a return URL (Unified's `id`, `state`,
 * `error`; the placeholders of Codat's redirect template; linkflow's own `lf_*`). Removed from the
 * address bar when no pending record tells what the page looked like before.
 */
export const RETURN_PARAMETERS: readonly string[] = [
  'state',
  'id',
  'error',
  'error_description',
  'connectionId',
  'companyId',
  'integrationId',
  'sourceId',
  'platform',
  'platformName',
  'sourceType',
  'statusCode',
  'statusText',
  'errorMessage',
  'outcome',
  'message',
];

/** Reads `url` with `read`, treating a reader that throws as "no return". */
export function safeReadReturn(read: ReturnReader, url: URL): LinkReturn | null {
  try {
    return read(url);
  } catch {
    return null;
  }
}

/** The return URL handed to `startLink` by default: `href` without its fragment. */
export function defaultReturnUrl(href: string): string {
  const url = new URL(href);
  url.hash = '';
  return url.href;
}

/** Whether `state` appears in `href` as a whole token (in a parameter, the fragment, or a path). */
export function urlCarriesState(href: string, state: string): boolean {
  if (!isState(state)) return false;
  const token = new RegExp(`(^|[^\\w-])${state}($|[^\\w-])`);
  try {
    return token.test(href) || token.test(decodeURIComponent(href));
  } catch {
    return false;
  }
}

/**
 * `params` without return parameters (one of `RETURN_PARAMETERS`, or linkflow's own `lf_*` / `lf-*`)
 * and without any parameter whose value is `state`.
 */
function withoutReturnParameters(params: URLSearchParams, state: string | undefined): string {
  return new URLSearchParams(
    [...params].filter(
      ([name, value]) => !RETURN_PARAMETERS.includes(name) && !/^lf[_-]/i.test(name) && value !== state,
    ),
  ).toString();
}

/**
 * The address to put in the address bar instead of the return URL `url`, whose return carries
 * `state`, so a reload does not replay the return: the record's own `returnUrl` when it is that
 * page, else `url` without its return parameters (query and fragment), else the bare path. Always an
 * address `read` finds no return in.
 */
export function cleanReturnUrl(url: URL, read: ReturnReader, state?: string, record?: PendingRecord): string {
  if (record) {
    try {
      const before = new URL(record.returnUrl);
      if (before.origin === url.origin && before.pathname === url.pathname && safeReadReturn(read, before) === null) {
        return before.href;
      }
    } catch {
      // A malformed stored returnUrl: clean the current URL instead.
    }
  }
  const cleaned = new URL(url);
  // Setting an empty search or hash drops its `?` or `#` too.
  cleaned.search = withoutReturnParameters(cleaned.searchParams, state);
  const fragment = cleaned.hash.slice(1);
  if (/[=&]/.test(fragment)) {
    cleaned.hash = withoutReturnParameters(new URLSearchParams(fragment.replace(/^[/?]/, '')), state);
  }
  return safeReadReturn(read, cleaned) === null ? cleaned.href : `${url.origin}${url.pathname}`;
}
