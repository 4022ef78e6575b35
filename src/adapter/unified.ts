// The Unified.to adapter: the workspace's integrations and the authorization URL from Unified's public
// endpoints, and connections through the host's backend that mirrors /unified/connection.
import { LinkError, type Connection, type Integration } from '../model/index.js';
import {
  parseUnifiedConnection,
  parseUnifiedConnectionList,
  parseUnifiedError,
  parseUnifiedIntegrationList,
} from '../wire/index.js';
import type { CallOptions, ConnectionAdapter, LinkReturn, StartLinkOptions, StartLinkResult } from './adapter.js';
import { request, type FetchLike, type HeadersOption, type HttpMethod } from './http.js';

/** The regions Unified runs in, each with its own API host. */
export type UnifiedRegion = 'us' | 'eu' | 'au';

/** Unified's API origin per region. */
export const UNIFIED_API_ORIGINS: Readonly<Record<UnifiedRegion, string>> = {
  us: 'https://api.unified.to',
  eu: 'https://api-eu.unified.to',
  au: 'https://api-au.unified.to',
};

/** Options of `createUnifiedAdapter`. */
export interface UnifiedAdapterOptions {
  /** The public id of the Unified workspace (not its API key, which stays on the server). */
  readonly workspaceId: string;
  /** The host's backend mirroring Unified's `/unified/connection` for the signed-in user, e.g. `/api/unified/connection`. */
  readonly connectionsUrl: string;
  /** Which Unified host to use. Default `us`. */
  readonly region?: UnifiedRegion;
  /** Unified environment (e.g. `Sandbox`), sent with the integrations list and the authorization URL. */
  readonly env?: string;
  /** The `fetch` to use instead of the global one, for every request. */
  readonly fetch?: FetchLike;
  /** Headers for the host's backend only (never sent to Unified), or a function read before every request. */
  readonly headers?: HeadersOption;
  /** The host's id for the user, stored by Unified on the new connection. */
  readonly externalXref?: string;
  /** The permissions to ask the user for; Unified's defaults for the workspace when absent. */
  readonly scopes?: readonly string[];
  /** The language of Unified's pages (`en`, `fr`, `es`, `it`, `pt`, `zh`, `hi`). */
  readonly lang?: string;
  /** Replaces Unified's API origin (a proxy, or a test server). */
  readonly apiBase?: string;
  /** Items asked for per page when listing. Default 100. */
  readonly pageSize?: number;
  /** The most pages read for one list. Default 50. */
  readonly maxPages?: number;
  /** Milliseconds one request may take. Default 15 000. */
  readonly timeout?: number;
}

/** What a `failure_redirect` error says when the user, not the system, stopped the authorization. */
const CANCELLED = /cancel|access[_\s-]?denied/i;

/**
 * An adapter for Unified.to. Integrations come from Unified's public workspace endpoint and the
 * authorization URL is built locally (no request); connections are listed, read and removed through
 * the host's backend at `connectionsUrl`, which holds the workspace API key.
 */
export function createUnifiedAdapter(options: UnifiedAdapterOptions): ConnectionAdapter {
  const regionOrigin = (UNIFIED_API_ORIGINS as Partial<Record<string, string>>)[options.region ?? 'us'];
  const origin = (options.apiBase ?? regionOrigin ?? '').replace(/\/+$/, '');
  if (!origin) throw new LinkError('unsafe-url', `Unknown Unified region "${String(options.region)}".`);
  const workspace = encodeURIComponent(options.workspaceId);
  const connectionsUrl = options.connectionsUrl.replace(/\/+$/, '');
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 100));
  const maxPages = Math.max(1, Math.floor(options.maxPages ?? 50));

  const call = <T>(
    method: HttpMethod,
    url: string,
    parse: (json: unknown) => T,
    callOptions: CallOptions | undefined,
    extra: { expectBody?: boolean; toHost?: boolean } = {},
  ): Promise<T> =>
    request({
      method,
      url,
      parse,
      readError: parseUnifiedError,
      ...(extra.expectBody === undefined ? {} : { expectBody: extra.expectBody }),
      ...(extra.toHost && options.headers ? { headers: options.headers } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(callOptions?.signal ? { signal: callOptions.signal } : {}),
    });

  /** Reads a bare-array list by limit and offset until a short page, or `maxPages`. */
  async function readAll<T>(
    url: (limit: number, offset: number) => string,
    parse: (json: unknown) => T[],
    callOptions: CallOptions | undefined,
    toHost: boolean,
  ): Promise<T[]> {
    const all: T[] = [];
    for (let page = 0; page < maxPages; page += 1) {
      const items = await call('GET', url(pageSize, page * pageSize), parse, callOptions, { toHost });
      all.push(...items);
      if (items.length < pageSize) break;
    }
    return all;
  }

  const one = (id: string): string => splice(connectionsUrl, `/${encodeURIComponent(id)}`, []);

  const adapter: ConnectionAdapter = {
    listIntegrations: (callOptions?: CallOptions): Promise<Integration[]> =>
      readAll(
        (limit, offset) =>
          splice(`${origin}/unified/integration/workspace/${workspace}`, '', [
            ['active', 'true'],
            ...(options.env ? ([['env', options.env]] as const) : []),
            ['limit', String(limit)],
            ['offset', String(offset)],
          ]),
        parseUnifiedIntegrationList,
        callOptions,
        false,
      ),

    listConnections: (callOptions?: CallOptions): Promise<Connection[]> =>
      readAll(
        (limit, offset) =>
          splice(connectionsUrl, '', [
            ['limit', String(limit)],
            ['offset', String(offset)],
          ]),
        parseUnifiedConnectionList,
        callOptions,
        true,
      ),

    getConnection: (id: string, callOptions?: CallOptions): Promise<Connection> =>
      call('GET', one(id), parseUnifiedConnection, callOptions, { toHost: true }),

    startLink(integrationKey: string, startOptions: StartLinkOptions): Promise<StartLinkResult> {
      if (startOptions.signal?.aborted) {
        return Promise.reject(new LinkError('cancelled', 'The request was cancelled.', { retryable: false }));
      }
      const params: [string, string][] = [
        ['success_redirect', startOptions.returnUrl],
        ['failure_redirect', startOptions.returnUrl],
        ['state', startOptions.state],
      ];
      if (options.externalXref) params.push(['external_xref', options.externalXref]);
      for (const scope of options.scopes ?? []) params.push(['scopes', scope]);
      if (options.env) params.push(['env', options.env]);
      if (options.lang) params.push(['lang', options.lang]);
      params.push(['redirect', 'true']);
      const url = splice(
        `${origin}/unified/integration/auth/${workspace}/${encodeURIComponent(integrationKey)}`,
        '',
        params,
      );
      return Promise.resolve({ url });
    },

    readReturn(url: URL): LinkReturn | null {
      const params = url.searchParams;
      const id = params.get('id');
      const error = params.get('error');
      const state = params.get('state');
      const withState = state ? { state } : {};
      if (error !== null) {
        const message = error || 'The authorization failed.';
        return { outcome: CANCELLED.test(message) ? 'cancelled' : 'failed', message, ...withState };
      }
      if (id) return { outcome: 'success', connectionId: id, ...withState };
      return null;
    },

    remove: (id: string, callOptions?: CallOptions): Promise<void> =>
      call('DELETE', one(id), () => undefined, callOptions, { expectBody: false, toHost: true }),
  };
  return adapter;
}

/**
 * `url` (absolute or relative to the page) with `suffix` added to its path and `params` to its
 * query, keeping any query and fragment it already has.
 */
function splice(url: string, suffix: string, params: readonly (readonly [string, string])[]): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : url.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  const path = (queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt)).replace(/\/+$/, '') + suffix;
  const query = queryAt < 0 ? '' : beforeHash.slice(queryAt + 1);
  const added = params.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  const all = [query, ...added].filter((part) => part !== '').join('&');
  return `${path}${all ? `?${all}` : ''}${hash}`;
}
