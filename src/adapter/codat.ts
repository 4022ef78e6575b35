// The Codat adapter: Codat's Platform API paths and payloads, sent to the host's backend that forwards them.
import { LinkError, type Connection, type Integration } from '../model/index.js';
import {
  parseCodatConnection,
  parseCodatConnectionsPage,
  parseCodatError,
  parseCodatIntegrationsPage,
  type WirePage,
} from '../wire/index.js';
import type { CallOptions, ConnectionAdapter, LinkReturn, StartLinkOptions, StartLinkResult } from './adapter.js';
import { request, type FetchLike, type HeadersOption, type HttpMethod } from './http.js';

/** The names of the parameters in the client's Codat redirect URL template. */
export interface CodatReturnParams {
  /** Filled from Codat's `{connectionId}`. Default `connectionId`. */
  readonly connectionId?: string;
  /** Filled from Codat's `{statusCode}`. Default `statusCode`. */
  readonly statusCode?: string;
  /** Filled from Codat's `{errorMessage}`. Default `errorMessage`. */
  readonly errorMessage?: string;
  /** Filled from the `state` query parameter added to the `linkUrl`. Default `state`. */
  readonly state?: string;
}

/** Options of `createCodatAdapter`. */
export interface CodatAdapterOptions {
  /** The host's backend that forwards Codat's paths to `https://api.codat.io` with the secret key, e.g. `/api/codat`. */
  readonly baseUrl: string;
  /** The Codat company of the signed-in user. */
  readonly companyId: string;
  /** The `fetch` to use instead of the global one (e.g. one that adds credentials). */
  readonly fetch?: FetchLike;
  /** Headers for the host's backend (a session or CSRF token), or a function read before every request. */
  readonly headers?: HeadersOption;
  /** The parameter names of the redirect URL template set in Codat's portal. */
  readonly returnParams?: CodatReturnParams;
  /** The query parameter added to the `linkUrl` that Codat copies into the redirect URL. Default `state`. */
  readonly stateParam?: string;
  /** Page size asked for when reading paged lists. Default 100. */
  readonly pageSize?: number;
  /** The most pages read for one list. Default 50. */
  readonly maxPages?: number;
  /** Milliseconds one request may take. Default 15 000. */
  readonly timeout?: number;
}

/** Codat's redirect `statusCode` values and what each means for the flow. */
const CODAT_OUTCOMES: Readonly<Record<string, { outcome: LinkReturn['outcome']; message?: string }>> = {
  '200': { outcome: 'success' },
  '201': { outcome: 'failed', message: 'The connection was not completed.' },
  '403': { outcome: 'cancelled' },
  '500': { outcome: 'failed', message: 'The provider reported an unknown error.' },
  '501': { outcome: 'failed', message: 'This integration is not supported.' },
};

/**
 * An adapter for Codat's Platform API, spoken to the host's backend at `baseUrl`, which adds the
 * secret API key and forwards to Codat. Paged lists are read to the end; `startLink` creates a
 * connection (or re-uses an existing one's `linkUrl`) and adds the flow's `state` to its `linkUrl`.
 */
export function createCodatAdapter(options: CodatAdapterOptions): ConnectionAdapter {
  const base = options.baseUrl.replace(/\/+$/, '');
  const connectionsPath = `${base}/companies/${encodeURIComponent(options.companyId)}/connections`;
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 100));
  const maxPages = Math.max(1, Math.floor(options.maxPages ?? 50));
  const stateParam = options.stateParam ?? 'state';
  const names = {
    connectionId: options.returnParams?.connectionId ?? 'connectionId',
    statusCode: options.returnParams?.statusCode ?? 'statusCode',
    errorMessage: options.returnParams?.errorMessage ?? 'errorMessage',
    state: options.returnParams?.state ?? 'state',
  };

  const call = <T>(
    method: HttpMethod,
    url: string,
    parse: (json: unknown) => T,
    callOptions: CallOptions | undefined,
    extra: { body?: unknown; expectBody?: boolean } = {},
  ): Promise<T> =>
    request({
      method,
      url,
      parse,
      readError: parseCodatError,
      ...extra,
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(callOptions?.signal ? { signal: callOptions.signal } : {}),
    });

  /** Reads every page of a Codat list, until `totalResults` are in hand, an empty page, or `maxPages`. */
  async function readAll<T>(
    path: string,
    parse: (json: unknown) => { items: T[]; page: WirePage },
    callOptions: CallOptions | undefined,
  ): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; page <= maxPages; page += 1) {
      const url = `${path}?page=${page}&pageSize=${pageSize}`;
      const { items, page: where } = await call('GET', url, parse, callOptions);
      all.push(...items);
      if (items.length === 0 || all.length >= where.totalResults) break;
    }
    return all;
  }

  const one = (id: string): string => `${connectionsPath}/${encodeURIComponent(id)}`;

  const adapter: ConnectionAdapter = {
    listIntegrations: (callOptions?: CallOptions): Promise<Integration[]> =>
      readAll(`${base}/integrations`, parseCodatIntegrationsPage, callOptions),

    listConnections: (callOptions?: CallOptions): Promise<Connection[]> =>
      readAll(connectionsPath, parseCodatConnectionsPage, callOptions),

    getConnection: (id: string, callOptions?: CallOptions): Promise<Connection> =>
      call('GET', one(id), parseCodatConnection, callOptions),

    async startLink(integrationKey: string, startOptions: StartLinkOptions): Promise<StartLinkResult> {
      const connection = startOptions.connectionId
        ? await call('GET', one(startOptions.connectionId), parseCodatConnection, startOptions)
        : await call('POST', connectionsPath, parseCodatConnection, startOptions, {
            body: { platformKey: integrationKey },
          });
      if (!connection.linkUrl) {
        throw new LinkError('invalid-response', 'Codat answered a connection without a link URL.', {
          retryable: false,
          details: [{ path: 'linkUrl', message: 'missing' }],
        });
      }
      return { url: withParam(connection.linkUrl, stateParam, startOptions.state), connection };
    },

    readReturn(url: URL): LinkReturn | null {
      const params = url.searchParams;
      const statusCode = params.get(names.statusCode);
      if (statusCode === null) return null;
      const known = CODAT_OUTCOMES[statusCode.trim()];
      const outcome = known?.outcome ?? 'failed';
      const state = params.get(names.state);
      const connectionId = params.get(names.connectionId);
      const providerMessage = params.get(names.errorMessage);
      const message =
        outcome === 'success'
          ? undefined
          : providerMessage ||
            known?.message ||
            (outcome === 'failed' ? `Codat answered status ${statusCode}.` : undefined);
      return {
        outcome,
        ...(state ? { state } : {}),
        ...(connectionId ? { connectionId } : {}),
        ...(message ? { message } : {}),
      };
    },

    unlink: (id: string, callOptions?: CallOptions): Promise<Connection> =>
      call('PATCH', one(id), parseCodatConnection, callOptions, { body: { status: 'Unlinked' } }),

    remove: (id: string, callOptions?: CallOptions): Promise<void> =>
      call('DELETE', one(id), () => undefined, callOptions, { expectBody: false }),
  };
  return adapter;
}

/**
 * `url` with `name=value` added to its query. The existing query is kept byte for byte (a signed,
 * single-use link must not be re-encoded); a parameter of the same name is replaced.
 */
export function withParam(url: string, name: string, value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // A relative or malformed link would be resolved against the page: as unsafe to open as `javascript:`.
    throw new LinkError('unsafe-url', 'Codat answered a link URL that is not an absolute URL.', {
      retryable: false,
      details: [{ path: 'linkUrl', message: 'not an absolute URL' }],
    });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new LinkError('unsafe-url', 'Codat answered a link URL that is not a web address.', { retryable: false });
  }
  if (parsed.searchParams.has(name)) {
    parsed.searchParams.set(name, value);
    return parsed.href;
  }
  const hashAt = url.indexOf('#');
  const head = hashAt < 0 ? url : url.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : url.slice(hashAt);
  const separator = !head.includes('?') ? '?' : head.endsWith('?') || head.endsWith('&') ? '' : '&';
  return `${head}${separator}${encodeURIComponent(name)}=${encodeURIComponent(value)}${hash}`;
}
