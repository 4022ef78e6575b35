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
 * unassigned and private code points, every kind of space (`\s` is all within these two classes), and
 * backslashes (which the URL parser silently turns into slashes or strips, so what is checked would
 * not be what navigates).
 */
const FORBIDDEN_CHARACTERS = /[\p{C}\p{Z}\\]/u;
/** The only shape accepted: `http(s)://authority` followed by an optional path, query or fragment. */
const ABSOLUTE_HTTP = /^https?:\/\/([^/?#]*)/i;
const TOO_LONG = `it is longer than ${MAX_URL_LENGTH} characters`;

/** Throws the `unsafe-url` error for `reason` (which never repeats the URL). */
function refuse(reason: string): never {
  throw new LinkError('unsafe-url', `The address to open was refused: ${reason}.`, {
    details: [{ path: '', message: reason }],
  });
}

/** True for `localhost`, `127.0.0.0/8` and `[::1]`, given a hostname as the URL parser writes it. */
export function isLoopbackHost(hostname: string): boolean {
  // Each part of 127.x.y.z from 0 to 255.
  return /^(localhost|\[::1]|127(\.([01]?\d?\d|2[0-4]\d|25[0-5])){3})$/.test(hostname);
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
  if (typeof url !== 'string' || url === '') refuse('it is empty');
  if (url.length > MAX_URL_LENGTH) refuse(TOO_LONG);
  if (FORBIDDEN_CHARACTERS.test(url)) refuse('it contains whitespace, control characters or a backslash');

  const authority = ABSOLUTE_HTTP.exec(url)?.[1];
  if (authority === undefined) refuse('it is not an absolute https address');
  // With no whitespace or backslash left, the parser's authority is exactly this one: no `@` here
  // means no user name or password in the parsed URL either.
  if (authority.includes('@')) refuse('it carries a user name or password');

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    refuse('it is not a valid address');
  }
  if (parsed.href.length > MAX_URL_LENGTH) refuse(TOO_LONG);

  // An http(s) URL that parses always has a host; it must be the one written, less its port.
  const hostname = parsed.hostname;
  if (authority.replace(/:\d*$/, '').toLowerCase() !== hostname) {
    refuse('its host is not written in plain canonical form');
  }
  if (hostname.endsWith('.')) refuse('its host ends with a dot');
  if (parsed.protocol === 'http:' && !isLoopbackHost(hostname)) {
    refuse('plain http is allowed only on this computer (localhost)');
  }

  const allowed = options.allowedOrigins ?? [];
  if (allowed.length > 0) {
    // An entry that is no URL, or of another scheme (a `blob:` of the same origin), allows nothing.
    const listed = allowed.some((entry) => {
      try {
        const origin = new URL(entry);
        return origin.protocol === parsed.protocol && origin.origin === parsed.origin;
      } catch {
        return false;
      }
    });
    if (!listed) refuse('its origin is not one the page allows');
  } else if (/(^|\.)xn--/.test(hostname)) {
    refuse('internationalized host names must be listed in the allowed origins');
  }
  return parsed;
}

/** Whether `checkUrl(url, options)` would accept `url`. Never throws. */
export function isSafeUrl(url: unknown, options: UrlCheckOptions = {}): boolean {
  try {
    checkUrl(url as string, options);
    return true;
  } catch {
    return false;
  }
}
