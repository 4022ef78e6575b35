// The one place in linkflow that calls `fetch`: timeouts, cancellation, retries and error mapping.
import { LinkError, type LinkErrorCode, type LinkErrorDetail } from '../model/index.js';
import type { VendorErrorInfo } from '../wire/shared.js';

/** The HTTP methods the adapters use. Only GET is ever retried. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Request headers: a plain record, or a function read before every request (e.g. a fresh CSRF token). */
export type HeadersOption = Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);

/** The `fetch` signature the adapters accept (the global one by default). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Everything one call of `request` needs. */
export interface RequestOptions<T> {
  /** The HTTP method; POST, PATCH and DELETE are sent once, never retried. */
  readonly method: HttpMethod;
  /** Absolute, or relative to the page. */
  readonly url: string;
  /** Sent as JSON when given. */
  readonly body?: unknown;
  /** Extra request headers (they never appear in an error). */
  readonly headers?: HeadersOption;
  /** The caller's signal: aborting it rejects with `cancelled` and aborts the request. */
  readonly signal?: AbortSignal;
  /** Milliseconds one attempt may take, body included, before it fails with `timeout`. 0 for none. Default 15 000. */
  readonly timeout?: number;
  /** The `fetch` to use instead of the global one. */
  readonly fetch?: FetchLike;
  /** Turns the parsed JSON into the answer; throws `LinkError('invalid-response')` with paths when it does not fit. */
  readonly parse: (json: unknown) => T;
  /** Whether a successful answer must carry a JSON body. When false the body is ignored and `parse` gets `undefined`. Default true. */
  readonly expectBody?: boolean;
  /** Reads the vendor's error body; null when it is not that vendor's shape. */
  readonly readError: (json: unknown) => VendorErrorInfo | null;
  /** Tries in all for a GET (1 = no retry). Default 3. Other methods always get one try. */
  readonly retries?: number;
  /** The longest `Retry-After` (ms) worth waiting for; a longer one ends the retries at once. Default 10 000. */
  readonly maxRetryAfter?: number;
  /** Waits `ms`, rejecting early when `signal` aborts. Injectable for tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1) for the back-off jitter. Injectable for tests. */
  readonly random?: () => number;
}

/** The default timeout of one attempt. */
export const DEFAULT_TIMEOUT = 15_000;
/** The first back-off step; each later one doubles, jittered between half and all of it. */
const BACKOFF_BASE = 250;
/** The longest back-off step. */
const BACKOFF_MAX = 4_000;
/** Statuses after which a GET is tried again: rate limits, gateway trouble, and a plain 500 (a GET changes nothing). */
const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);
/** The longest vendor message kept, so a hostile body cannot make a huge error. */
const MAX_MESSAGE = 500;

/** What one attempt came to: an answer, or an error and whether another try may help. */
type Attempt<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: LinkError; readonly retry: boolean; readonly retryAfter?: number };

/** The message a user sees when the vendor gave none. */
const DEFAULT_MESSAGES: Partial<Record<LinkErrorCode, string>> = {
  unauthorized: 'You are not allowed to do this. Sign in again, or ask an administrator for access.',
  'not-found': 'It was not found. It may have been removed.',
  'rate-limited': 'Too many requests were made. Try again in a moment.',
  http: 'The server could not complete the request.',
};

/**
 * Sends one request and answers the parsed body, or rejects with a `LinkError` (and never anything
 * else). GETs are retried on network errors and on 429, 500, 502, 503 and 504 with jittered exponential
 * back-off, honouring `Retry-After`; every attempt has its own timeout.
 */
export async function request<T>(options: RequestOptions<T>): Promise<T> {
  const tries = options.method === 'GET' ? Math.max(1, Math.floor(options.retries ?? 3)) : 1;
  const headers = resolveHeaders(options.headers);
  const secrets = secretValues(headers);
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const maxRetryAfter = options.maxRetryAfter ?? 10_000;

  for (let attempt = 1; ; attempt += 1) {
    if (options.signal?.aborted) throw cancelled();
    const outcome = await attemptOnce(options, headers, secrets);
    if (outcome.ok) return outcome.value;
    if (!outcome.retry || attempt >= tries) throw outcome.error;
    const wait = outcome.retryAfter ?? backoff(attempt, random);
    if (wait > maxRetryAfter) throw outcome.error;
    try {
      await sleep(wait, options.signal);
    } catch {
      throw cancelled();
    }
    if (options.signal?.aborted) throw cancelled();
  }
}

/** The back-off before try `attempt + 1`: doubling from 250 ms, jittered between half and all of it. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_MAX, BACKOFF_BASE * 2 ** (attempt - 1));
  return Math.round(step / 2 + (step / 2) * Math.min(Math.max(random(), 0), 1));
}

/** Reads a `Retry-After` header (seconds, or an HTTP date) as milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

async function attemptOnce<T>(
  options: RequestOptions<T>,
  headers: Headers,
  secrets: readonly string[],
): Promise<Attempt<T>> {
  const controller = new AbortController();
  let reason: 'timeout' | 'cancelled' | undefined;
  const onAbort = (): void => {
    reason ??= 'cancelled';
    controller.abort();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const timer =
    timeout > 0 && Number.isFinite(timeout)
      ? setTimeout(() => {
          reason ??= 'timeout';
          controller.abort();
        }, timeout)
      : undefined;
  const isGet = options.method === 'GET';

  /** The error for a rejected fetch or body read: ours when we aborted it, else the network's. */
  const thrown = (error: unknown): Attempt<T> => {
    if (reason === 'cancelled') return { ok: false, error: cancelled(), retry: false };
    if (reason === 'timeout') {
      return {
        ok: false,
        error: new LinkError('timeout', `The server did not answer within ${Math.round(timeout / 1000)} s.`),
        retry: false,
      };
    }
    if (LinkError.is(error)) return { ok: false, error, retry: false };
    return {
      ok: false,
      error: new LinkError('network', 'The server could not be reached. Check the connection and try again.'),
      retry: isGet,
    };
  };

  try {
    const init: RequestInit = {
      method: options.method,
      headers,
      signal: controller.signal,
      cache: 'no-store',
    };
    if (options.body !== undefined) {
      init.body = JSON.stringify(options.body);
      if (!headers.has('content-type')) headers.set('Content-Type', 'application/json');
    }
    const fetchImpl: FetchLike = options.fetch ?? ((input, requestInit) => globalThis.fetch(input, requestInit));

    let response: Response;
    let text: string;
    try {
      response = await untilAborted(fetchImpl(options.url, init), controller.signal);
      text = await untilAborted(response.text(), controller.signal);
    } catch (error) {
      return thrown(error);
    }

    if (response.status < 200 || response.status > 299) return errorAnswer(options, response, text, secrets);
    if (options.expectBody === false) return { ok: true, value: options.parse(undefined) };
    const json = readJson(response, text);
    return { ok: true, value: parseBody(options.parse, json) };
  } catch (error) {
    return { ok: false, error: asInvalidResponse(error), retry: false };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Maps an HTTP error answer to its `LinkError`, reading the vendor's error body when there is one. */
function errorAnswer<T>(
  options: RequestOptions<T>,
  response: Response,
  text: string,
  secrets: readonly string[],
): Attempt<T> {
  const status = response.status;
  let info: VendorErrorInfo | null = null;
  if (text.trim() !== '') {
    try {
      info = options.readError(JSON.parse(text));
    } catch {
      info = null;
    }
  }
  const code: LinkErrorCode =
    status === 401 || status === 403
      ? 'unauthorized'
      : status === 404
        ? 'not-found'
        : status === 429
          ? 'rate-limited'
          : 'http';
  const vendorMessage = info?.message ? clean(info.message, secrets) : '';
  const message =
    vendorMessage || (code === 'http' ? `${DEFAULT_MESSAGES.http} (HTTP ${status})` : DEFAULT_MESSAGES[code]!);
  const details: LinkErrorDetail[] = (info?.details ?? []).slice(0, 20).map((detail) => ({
    path: clean(detail.path, secrets),
    message: clean(detail.message, secrets),
  }));
  const correlationId = info?.correlationId ? clean(info.correlationId, secrets) : undefined;
  const error = new LinkError(code, message, {
    status,
    details,
    ...(correlationId ? { correlationId } : {}),
    ...(info?.retryable === undefined ? {} : { retryable: info.retryable }),
  });
  const retry = options.method === 'GET' && RETRY_STATUSES.has(status);
  const retryAfter = retry ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
  return retryAfter === undefined ? { ok: false, error, retry } : { ok: false, error, retry, retryAfter };
}

/** The JSON of a successful answer; anything that is not a JSON body is `invalid-response`. */
function readJson(response: Response, text: string): unknown {
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (text.trim() === '') throw invalid('The server answered with an empty body where data was expected.');
  if (type === 'text/html' || (!isJsonType(type) && /^\s*</.test(text))) {
    throw invalid('The server answered with a web page instead of data.');
  }
  if (!isJsonType(type)) {
    throw invalid(`The server answered with ${type ? `"${type}"` : 'no content type'} instead of JSON.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid('The server answered with data that is not valid JSON.');
  }
}

function parseBody<T>(parse: (json: unknown) => T, json: unknown): T {
  try {
    return parse(json);
  } catch (error) {
    throw asInvalidResponse(error);
  }
}

function isJsonType(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

function invalid(message: string): LinkError {
  return new LinkError('invalid-response', message, { retryable: false });
}

function asInvalidResponse(error: unknown): LinkError {
  return LinkError.is(error) ? error : invalid('The answer could not be read.');
}

function cancelled(): LinkError {
  return new LinkError('cancelled', 'The request was cancelled.', { retryable: false });
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (even if the promise never does). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(new DOMException('Aborted', 'AbortError'));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new DOMException('Aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads the headers option into a fresh `Headers` with `Accept: application/json` unless given. */
function resolveHeaders(option: HeadersOption | undefined): Headers {
  let headers: Headers;
  try {
    headers = new Headers((typeof option === 'function' ? option() : option) ?? {});
  } catch {
    throw new LinkError('network', 'The request headers could not be prepared.', { retryable: false });
  }
  if (!headers.has('accept')) headers.set('Accept', 'application/json');
  return headers;
}

/** Every request header value (and each long word of it, e.g. a bearer token) that must never reach an error. */
function secretValues(headers: Headers): string[] {
  const values = new Set<string>();
  headers.forEach((value, name) => {
    if (name === 'accept' || name === 'content-type') return;
    for (const part of [value, ...value.split(/[\s,;]+/)]) if (part.length >= 6) values.add(part);
  });
  return [...values].sort((a, b) => b.length - a.length);
}

/** A vendor string made safe to show: request header values removed, length bounded. */
function clean(text: string, secrets: readonly string[]): string {
  let out = String(text);
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE - 1)}…` : out;
}
