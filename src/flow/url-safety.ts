import { LinkError } from '../model/index.js';

/** The longest URL the flow will navigate to, in characters (8 KB). */
export const MAX_URL_LENGTH = 8192;

/** What `checkUrl` accepts besides the URL. */
export interface UrlCheckOptions {
  /** Origins the URL must be on (`https://id.example.com`); absent or empty means any safe URL. */
  readonly allowedOrigins?: readonly string[];
}

/**
 * Characters refused anywhere in the raw string: controls, format characters (zero-width, bidi),
 * unassigned and private code points, every kind of space, and backslashes (which the URL parser
 * silently turns into slashes or strips, so what is checked would not be what navigates).
 */
const FORBIDDEN_CHARACTERS = /[\p{C}\p{Z}\s\\]/u;
/** The only shape accepted: `http(s)://authority` followed by an optional path, query or fragment. */
const ABSOLUTE_HTTP = /^(https?):\/\/([^/?#]*)([/?#].*)?$/i;

function refuse(reason: string): LinkError {
  return new LinkError('unsafe-url', `The address to open was refused: ${reason}.`, {
    retryable: false,
    details: [{ path: '', message: reason }],
  });
}

/** True for `localhost`, `127.0.0.0/8` and `[::1]`, given a hostname as the URL parser writes it. */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const quad = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return quad !== null && quad.slice(1).every((part) => Number(part) <= 255);
}

/** The origins of `allowed` as the URL parser writes them; entries that are no http(s) URL match nothing. */
function normalizeOrigins(allowed: readonly string[]): Set<string> {
  const origins = new Set<string>();
  for (const entry of allowed) {
    try {
      const url = new URL(entry);
      if (url.protocol === 'https:' || url.protocol === 'http:') origins.add(url.origin);
    } catch {
      // An entry that is no URL allows nothing.
    }
  }
  return origins;
}

/** The host part of a raw authority (`[::1]:8080` → `[::1]`, `Example.com:443` → `example.com`). */
function rawHost(authority: string): string | undefined {
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    if (end < 0) return undefined;
    const rest = authority.slice(end + 1);
    if (rest !== '' && !/^:\d*$/.test(rest)) return undefined;
    return authority.slice(0, end + 1).toLowerCase();
  }
  const colon = authority.lastIndexOf(':');
  const host = colon < 0 ? authority : authority.slice(0, colon);
  if (colon >= 0 && !/^\d*$/.test(authority.slice(colon + 1))) return undefined;
  return host.toLowerCase();
}

/**
 * The check made before every navigation of the flow. Answers the parsed URL when `url` is an
 * absolute `https:` URL (or `http:` on a loopback host), with no user name or password, written
 * exactly as the URL parser would keep it (no whitespace, control or format characters, no
 * backslash, no look-alike host), at most 8 KB long, and on one of `allowedOrigins` when that list
 * is not empty. Internationalized (`xn--`) hosts pass only when an allowed origin names them.
 * Anything else throws a `LinkError` with code `unsafe-url`; the message never repeats the URL.
 */
export function checkUrl(url: string, options: UrlCheckOptions = {}): URL {
  if (typeof url !== 'string' || url === '') throw refuse('it is empty');
  if (url.length > MAX_URL_LENGTH) throw refuse(`it is longer than ${MAX_URL_LENGTH} characters`);
  if (FORBIDDEN_CHARACTERS.test(url)) throw refuse('it contains whitespace, control characters or a backslash');

  const shape = ABSOLUTE_HTTP.exec(url);
  if (!shape) throw refuse('it is not an absolute https address');
  const authority = shape[2] ?? '';
  if (authority.includes('@')) throw refuse('it carries a user name or password');

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse('it is not a valid address');
  }
  if (parsed.href.length > MAX_URL_LENGTH) throw refuse(`it is longer than ${MAX_URL_LENGTH} characters`);
  if (parsed.username !== '' || parsed.password !== '') throw refuse('it carries a user name or password');

  const hostname = parsed.hostname;
  if (hostname === '') throw refuse('it has no host');
  if (rawHost(authority) !== hostname) throw refuse('its host is not written in plain canonical form');
  if (hostname.endsWith('.')) throw refuse('its host ends with a dot');

  if (parsed.protocol === 'http:') {
    if (!isLoopbackHost(hostname)) throw refuse('plain http is allowed only on this computer (localhost)');
  } else if (parsed.protocol !== 'https:') {
    throw refuse('it is not an https address');
  }

  const allowed = options.allowedOrigins ?? [];
  if (allowed.length > 0) {
    if (!normalizeOrigins(allowed).has(parsed.origin)) throw refuse('its origin is not one the page allows');
  } else if (hostname.split('.').some((label) => label.startsWith('xn--'))) {
    throw refuse('internationalized host names must be listed in the allowed origins');
  }
  return parsed;
}

/** Whether `checkUrl(url, options)` would accept `url`. Never throws. */
export function isSafeUrl(url: unknown, options: UrlCheckOptions = {}): boolean {
  if (typeof url !== 'string') return false;
  try {
    checkUrl(url, options);
    return true;
  } catch {
    return false;
  }
}
