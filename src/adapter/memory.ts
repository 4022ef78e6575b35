// The embedded default adapter: integrations and connections kept in memory (or in a Storage), with
// optional latency and injected failures, and a consent page in place of the provider.
import * as z from 'zod/mini';
import {
  ConnectionSchema,
  IntegrationSchema,
  LINK_ERROR_CODES,
  LinkError,
  parseOrThrow,
  toLinkError,
  type Connection,
  type Integration,
  type LinkErrorCode,
} from '../model/index.js';
import type { CallOptions, ConnectionAdapter, LinkReturn, StartLinkOptions, StartLinkResult } from './adapter.js';
import { catalogueConnections, catalogueIntegrations, type MemoryCatalogueName } from './memory-catalogue.js';

export { MEMORY_CATALOGUES, type MemoryCatalogueName } from './memory-catalogue.js';

/** The memory adapter's methods that latency and failures apply to. */
export type MemoryMethod = 'listIntegrations' | 'listConnections' | 'getConnection' | 'startLink' | 'unlink' | 'remove';

/**
 * An injected failure: every call fails with this code, or with this very error; a number `n` makes
 * the next `n` calls fail with `network`, then calls succeed again.
 */
export type MemoryFailure = LinkErrorCode | LinkError | number;

/** Milliseconds each call takes: a fixed delay or a random one between `min` and `max`. */
export type MemoryLatency = number | { readonly min: number; readonly max: number };

/** What the user chose on the consent page. */
export type ConsentDecision = 'approve' | 'deny' | 'fail';

/** The part of `Storage` the adapter uses (`localStorage` fits). */
export type MemoryStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface MemoryAdapterOptions {
  /** Delay of every call, in ms. Default 0 (no timer at all). */
  readonly latency?: MemoryLatency;
  /** Failures injected per method (see `MemoryFailure`); `setFailure` changes them later. */
  readonly failures?: Partial<Record<MemoryMethod, MemoryFailure>>;
  /**
   * A custom seed, checked against the model schemas (an invalid one throws an `invalid-response`
   * `LinkError` naming the path). Each part given replaces the catalogue's; without `connections`,
   * the catalogue's connections to the given integrations are kept.
   */
  readonly seed?: { readonly integrations?: readonly Integration[]; readonly connections?: readonly Connection[] };
  /** Which catalogue seeds the adapter: both vendors (default), Codat-like or Unified-like. */
  readonly catalogue?: MemoryCatalogueName;
  /** The consent page, resolved against the `returnUrl` of `startLink`. Default `/demo/consent.html`. */
  readonly consentUrl?: string;
  /**
   * Where connections persist (e.g. `localStorage`), so they survive a redirect and a popup shares
   * them. Every call reads it afresh, so two adapters on one storage see each other's changes.
   */
  readonly storage?: MemoryStorage;
  /** The storage key. Default `linkflow.memory.<catalogue>`, or `linkflow.memory.custom` with a seed. */
  readonly storageKey?: string;
  /** The clock (ms since epoch). Default `Date.now`. */
  readonly now?: () => number;
  /** How long after an approved consent the connection turns `linked`, in ms. Default 0. */
  readonly verifyDelay?: number;
}

/** The memory adapter: the full contract plus the consent step and knobs for demos and tests. */
export interface MemoryAdapter extends ConnectionAdapter {
  /** Marks the connection `unlinked` and answers it; `not-found` when there is none. */
  unlink(id: string, options?: CallOptions): Promise<Connection>;
  /** Deletes the connection; `not-found` when there is none. */
  remove(id: string, options?: CallOptions): Promise<void>;
  /** Applies the user's consent decision and answers the return URL (see `completeMemoryConsent`). */
  completeConsent(consentUrl: URL | string, decision: ConsentDecision): URL;
  /** Injects (or with `undefined` clears) the failure of one method. */
  setFailure(method: MemoryMethod, failure: MemoryFailure | undefined): void;
  /** Changes the delay of every later call. */
  setLatency(latency: MemoryLatency): void;
  /** Puts the seed back (and into the storage, when there is one). */
  reset(): void;
}

/** The request a consent URL carries, as the consent page reads it. */
export interface MemoryConsentRequest {
  /** The flow's nonce, carried back untouched. */
  readonly state?: string;
  /** The pending connection the consent is for. */
  readonly connectionId?: string;
  /** The integration asking for access. */
  readonly integrationKey?: string;
  /** Where the user goes back to. */
  readonly returnUrl: URL;
  /** The storage key of the adapter that made the link, when it persists. */
  readonly storageKey?: string;
}

/** The consent page of the demo. */
export const DEFAULT_CONSENT_URL = '/demo/consent.html';

/** Names of the return URL's parameters. */
export const MEMORY_RETURN_PARAMS = {
  state: 'lf_state',
  connection: 'lf_connection',
  outcome: 'lf_outcome',
  error: 'lf_error',
} as const;

const OUTCOME_OF: Readonly<Record<ConsentDecision, string>> = { approve: 'approved', deny: 'denied', fail: 'failed' };
const FAILED_MESSAGE = 'The provider could not complete the authorization.';
const METHODS: readonly MemoryMethod[] = [
  'listIntegrations',
  'listConnections',
  'getConnection',
  'startLink',
  'unlink',
  'remove',
];

/** What a storage holds: the connections and the approvals waiting for `verifyDelay`. */
const StoredSchema = z.object({
  v: z.literal(1),
  connections: z.array(ConnectionSchema),
  approvals: z.record(z.string(), z.number()),
});
type State = z.infer<typeof StoredSchema>;

const SIMULATED: Partial<Record<LinkErrorCode, readonly [message: string, status?: number]>> = {
  network: ['The connection service could not be reached.'],
  timeout: ['The connection service took too long to answer.'],
  http: ['The connection service answered with an error.', 500],
  unauthorized: ['This session may not use the connection service.', 401],
  'not-found': ['The connection service found nothing here.', 404],
  'rate-limited': ['Too many requests; try again in a moment.', 429],
  'invalid-response': ['The connection service answered something unreadable.'],
  provider: ['The provider refused the request.'],
};

function simulatedError(code: LinkErrorCode, method: MemoryMethod): LinkError {
  const [message, status] = SIMULATED[code] ?? [`${method} failed (${code}).`];
  return new LinkError(code, message, status === undefined ? {} : { status });
}

function checkFailure(method: string, failure: unknown): MemoryFailure {
  if (!METHODS.includes(method as MemoryMethod)) {
    throw new LinkError('invalid-response', `The memory adapter has no method "${method}" to fail.`, {
      retryable: false,
    });
  }
  if (LinkError.is(failure)) return failure;
  if (typeof failure === 'number' && Number.isInteger(failure) && failure >= 0) return failure;
  if (typeof failure === 'string' && (LINK_ERROR_CODES as readonly string[]).includes(failure)) {
    return failure as LinkErrorCode;
  }
  throw new LinkError('invalid-response', `The failure given for ${method} is not a LinkError code, error or count.`, {
    retryable: false,
  });
}

function cancelled(): LinkError {
  return new LinkError('cancelled', 'The request was cancelled.', { retryable: false });
}

/** Waits `ms` (no timer at all for 0), rejecting with `cancelled` as soon as `signal` aborts. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelled());
  if (ms <= 0) {
    return Promise.resolve().then(() => {
      if (signal?.aborted) throw cancelled();
    });
  }
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      globalThis.clearTimeout(timer);
      reject(cancelled());
    };
    const timer = globalThis.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A connection id in the style of the vendors: `conn_` and 16 random hex digits. */
function newConnectionId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  return 'conn_' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function parseUrl(value: URL | string, base?: string | URL): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

/**
 * Reads a consent URL the memory adapter made: null when it carries no usable return address.
 * Parameters: `state`, `connection`, `integration`, `return`, and `store` when the adapter persists.
 */
export function readMemoryConsent(consentUrl: URL | string): MemoryConsentRequest | null {
  const url = parseUrl(consentUrl);
  const back = url?.searchParams.get('return');
  const returnUrl = url && back ? parseUrl(back) : null;
  if (!url || !returnUrl) return null;
  const get = (name: string): string | undefined => url.searchParams.get(name) ?? undefined;
  const request: {
    -readonly [K in keyof MemoryConsentRequest]: MemoryConsentRequest[K];
  } = { returnUrl };
  const state = get('state');
  const connectionId = get('connection');
  const integrationKey = get('integration');
  const storageKey = get('store');
  if (state !== undefined) request.state = state;
  if (connectionId !== undefined) request.connectionId = connectionId;
  if (integrationKey !== undefined) request.integrationKey = integrationKey;
  if (storageKey !== undefined) request.storageKey = storageKey;
  return request;
}

/**
 * The consent step of the memory adapter: applies `decision` to the adapter's connections and answers
 * the URL to send the user back to, carrying `lf_state`, `lf_connection`, `lf_outcome`
 * (`approved | denied | failed`) and, on failure, `lf_error`.
 * - approve: the connection turns `linked` and `healthy` `verifyDelay` ms later (its active issues resolved);
 * - deny: nothing changes (a new connection stays `pending`);
 * - fail: the connection gets an active issue and turns `unhealthy`.
 * Throws an `unsafe-url` `LinkError` when the URL is no consent URL, or its return address is not
 * `http(s):` on the consent page's own origin.
 */
export function completeMemoryConsent(
  adapter: MemoryAdapter,
  consentUrl: URL | string,
  decision: ConsentDecision,
): URL {
  return adapter.completeConsent(consentUrl, decision);
}

/**
 * Makes the embedded default adapter. Its link URL is the demo's consent page; its `readReturn` reads
 * what `completeMemoryConsent` puts on the return URL. Every method honours `signal`, returns copies,
 * and rejects only with a `LinkError`. Throws an `invalid-response` `LinkError` for an invalid seed.
 */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const now = options.now ?? Date.now;
  const catalogue = options.catalogue ?? 'mixed';
  const verifyDelay = Math.max(0, options.verifyDelay ?? 0);
  const storage = options.storage;
  const storageKey = options.storageKey ?? `linkflow.memory.${options.seed ? 'custom' : catalogue}`;

  const integrations = seedIntegrations(options, catalogue);
  const byKey = new Map(integrations.map((i) => [i.key, i]));
  const seedConnections = makeSeedConnections(options, catalogue, byKey);

  let latency: MemoryLatency = 0;
  const failures = new Map<MemoryMethod, MemoryFailure>();
  for (const [method, failure] of Object.entries(options.failures ?? {})) {
    if (failure !== undefined) failures.set(method as MemoryMethod, checkFailure(method, failure));
  }

  const seedState = (): State => ({ v: 1, connections: seedConnections(), approvals: {} });
  let memory: State = seedState();

  const write = (state: State): void => {
    memory = state;
    if (!storage) return;
    try {
      storage.setItem(storageKey, JSON.stringify(state));
    } catch {
      // A full or forbidden storage leaves the adapter working in memory.
    }
  };

  /** The current state: from the storage when there is one (seeding it when empty or unreadable). */
  const load = (): State => {
    if (storage) {
      let raw: string | null = null;
      let readable = true;
      try {
        raw = storage.getItem(storageKey);
      } catch {
        readable = false;
      }
      if (readable) {
        const parsed = raw === null ? undefined : parseStored(raw);
        if (parsed) memory = parsed;
        else write(seedState());
      }
    }
    return settle(memory);
  };

  /** Turns approvals whose `verifyDelay` has passed into linked, healthy connections. */
  const settle = (state: State): State => {
    const t = now();
    let changed = false;
    for (const [id, approvedAt] of Object.entries(state.approvals)) {
      if (approvedAt + verifyDelay > t) continue;
      delete state.approvals[id];
      changed = true;
      const connection = state.connections.find((c) => c.id === id);
      if (!connection) continue;
      const at = new Date(t).toISOString();
      connection.status = 'linked';
      connection.health = 'healthy';
      connection.updatedAt = at;
      connection.lastSyncAt = at;
      connection.issues = connection.issues.map((issue) =>
        issue.active ? { ...issue, active: false, resolvedAt: at } : issue,
      );
    }
    if (changed) write(state);
    return state;
  };

  const find = (state: State, id: string): Connection => {
    const connection = state.connections.find((c) => c.id === id);
    if (!connection) throw new LinkError('not-found', `There is no connection "${id}".`, { status: 404 });
    return connection;
  };

  const injectFailure = (method: MemoryMethod): void => {
    const failure = failures.get(method);
    if (failure === undefined) return;
    if (typeof failure === 'number') {
      if (failure <= 1) failures.delete(method);
      else failures.set(method, failure - 1);
      if (failure > 0) throw simulatedError('network', method);
      return;
    }
    throw LinkError.is(failure) ? failure : simulatedError(failure, method);
  };

  const delay = (): number => {
    if (typeof latency === 'number') return latency;
    const lo = Math.min(latency.min, latency.max);
    const hi = Math.max(latency.min, latency.max);
    return lo + Math.random() * (hi - lo);
  };

  /** Every method's frame: abort check, latency, injected failure, the work, only `LinkError`s out. */
  const call = async <T>(method: MemoryMethod, signal: AbortSignal | undefined, work: () => T): Promise<T> => {
    try {
      await wait(delay(), signal);
      injectFailure(method);
      return structuredClone(work());
    } catch (error) {
      throw toLinkError(error);
    }
  };

  const setLatency = (value: MemoryLatency): void => {
    const ok = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n) && n >= 0;
    if (typeof value === 'number' ? !ok(value) : !ok(value?.min) || !ok(value?.max)) {
      throw new LinkError('invalid-response', 'The latency must be a number of ms, or { min, max }, at least 0.', {
        retryable: false,
      });
    }
    latency = typeof value === 'number' ? value : { min: value.min, max: value.max };
  };
  if (options.latency !== undefined) setLatency(options.latency);

  const consentBase = options.consentUrl ?? DEFAULT_CONSENT_URL;

  return {
    listIntegrations: (o) => call('listIntegrations', o?.signal, () => integrations),

    listConnections: (o) => call('listConnections', o?.signal, () => load().connections),

    getConnection: (id, o) => call('getConnection', o?.signal, () => find(load(), id)),

    startLink: (integrationKey: string, o: StartLinkOptions): Promise<StartLinkResult> =>
      call('startLink', o.signal, () => {
        const integration = byKey.get(integrationKey);
        if (!integration) {
          throw new LinkError('not-found', `There is no integration "${integrationKey}".`, { status: 404 });
        }
        if (!integration.enabled) {
          throw new LinkError('provider', `${integration.name} cannot be connected at the moment.`, {
            retryable: false,
          });
        }
        const returnUrl = parseUrl(o.returnUrl);
        if (!returnUrl) throw new LinkError('unsafe-url', 'The return address is not an absolute URL.');
        const consent = parseUrl(consentBase, returnUrl);
        if (!consent) throw new LinkError('unsafe-url', 'The consent page address is not a URL.');

        const state = load();
        const at = new Date(now()).toISOString();
        let connection: Connection | undefined;
        if (o.connectionId !== undefined) {
          connection = find(state, o.connectionId);
          if (connection.integrationKey !== integrationKey) {
            throw new LinkError(
              'provider',
              `Connection "${o.connectionId}" belongs to ${connection.integrationName}, not ${integration.name}.`,
              { retryable: false },
            );
          }
        } else {
          // A new link re-uses a pending connection to the same integration, as an abandoned attempt leaves one.
          connection = state.connections
            .filter((c) => c.integrationKey === integrationKey && c.status === 'pending' && !(c.id in state.approvals))
            .pop();
        }
        if (!connection) {
          connection = {
            id: newConnectionId(),
            integrationKey,
            integrationName: integration.name,
            status: 'pending',
            health: 'unknown',
            paused: false,
            categories: [...integration.categories],
            createdAt: at,
            issues: [],
          };
          state.connections.push(connection);
        }
        consent.searchParams.set('connection', connection.id);
        consent.searchParams.set('integration', integrationKey);
        consent.searchParams.set('return', returnUrl.href);
        if (storage) consent.searchParams.set('store', storageKey);
        connection.linkUrl = consent.href;
        connection.updatedAt = at;
        delete state.approvals[connection.id];
        write(state);

        const url = new URL(consent);
        url.searchParams.set('state', o.state);
        return { url: url.href, connection };
      }),

    readReturn(url: URL): LinkReturn | null {
      const p = url.searchParams;
      const outcome = p.get(MEMORY_RETURN_PARAMS.outcome);
      if (outcome === null) return null;
      const state = p.get(MEMORY_RETURN_PARAMS.state) ?? undefined;
      const connectionId = p.get(MEMORY_RETURN_PARAMS.connection) ?? undefined;
      const base = {
        ...(state === undefined ? {} : { state }),
        ...(connectionId === undefined ? {} : { connectionId }),
      };
      if (outcome === 'approved') return { ...base, outcome: 'success' };
      if (outcome === 'denied') return { ...base, outcome: 'cancelled' };
      const message =
        outcome === 'failed'
          ? (p.get(MEMORY_RETURN_PARAMS.error) ?? FAILED_MESSAGE)
          : `The consent page answered an unknown outcome "${outcome}".`;
      return { ...base, outcome: 'failed', message };
    },

    unlink: (id, o) =>
      call('unlink', o?.signal, () => {
        const state = load();
        const connection = find(state, id);
        connection.status = 'unlinked';
        connection.updatedAt = new Date(now()).toISOString();
        delete state.approvals[id];
        write(state);
        return connection;
      }),

    remove: (id, o) =>
      call('remove', o?.signal, () => {
        const state = load();
        find(state, id);
        state.connections = state.connections.filter((c) => c.id !== id);
        delete state.approvals[id];
        write(state);
        return undefined;
      }),

    completeConsent(consentUrl: URL | string, decision: ConsentDecision): URL {
      const consent = parseUrl(consentUrl);
      const request = consent && readMemoryConsent(consent);
      if (!consent || !request) throw new LinkError('unsafe-url', 'This is not a consent link of the memory adapter.');
      const back = request.returnUrl;
      if ((back.protocol !== 'https:' && back.protocol !== 'http:') || back.origin !== consent.origin) {
        throw new LinkError('unsafe-url', 'The consent link would send the user to another site.');
      }
      if (!OUTCOME_OF[decision]) {
        throw new LinkError('provider', `"${String(decision)}" is no consent decision.`, { retryable: false });
      }

      let outcome = OUTCOME_OF[decision];
      let message: string | undefined;
      const state = load();
      const connection = request.connectionId
        ? state.connections.find((c) => c.id === request.connectionId)
        : undefined;
      if (decision === 'approve') {
        if (connection) {
          state.approvals[connection.id] = now();
          write(state);
          settle(state);
        } else {
          outcome = 'failed';
          message = 'The connection to authorize no longer exists.';
        }
      } else if (decision === 'fail') {
        message = FAILED_MESSAGE;
        if (connection) {
          const at = new Date(now()).toISOString();
          connection.health = 'unhealthy';
          connection.updatedAt = at;
          connection.issues = [
            ...connection.issues,
            { message, code: 'authorization_failed', occurredAt: at, active: true },
          ];
          delete state.approvals[connection.id];
          write(state);
        }
      }

      const url = new URL(back);
      for (const name of Object.values(MEMORY_RETURN_PARAMS)) url.searchParams.delete(name);
      if (request.state !== undefined) url.searchParams.set(MEMORY_RETURN_PARAMS.state, request.state);
      if (request.connectionId !== undefined)
        url.searchParams.set(MEMORY_RETURN_PARAMS.connection, request.connectionId);
      url.searchParams.set(MEMORY_RETURN_PARAMS.outcome, outcome);
      if (message !== undefined) url.searchParams.set(MEMORY_RETURN_PARAMS.error, message);
      return url;
    },

    setFailure(method: MemoryMethod, failure: MemoryFailure | undefined): void {
      if (failure === undefined) {
        checkFailure(method, 0);
        failures.delete(method);
      } else {
        failures.set(method, checkFailure(method, failure));
      }
    },

    setLatency,

    reset(): void {
      write(seedState());
    },
  };
}

function parseStored(raw: string): State | undefined {
  try {
    const result = StoredSchema.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function seedIntegrations(options: MemoryAdapterOptions, catalogue: MemoryCatalogueName): Integration[] {
  const given = options.seed?.integrations;
  if (given === undefined) return catalogueIntegrations(catalogue);
  const integrations = parseOrThrow(z.array(IntegrationSchema), given, 'seed of integrations');
  assertUnique(
    integrations.map((i) => i.key),
    'integration key',
  );
  return integrations;
}

/** A maker of the seed connections (fresh objects each time, dated from the clock at creation). */
function makeSeedConnections(
  options: MemoryAdapterOptions,
  catalogue: MemoryCatalogueName,
  byKey: ReadonlyMap<string, Integration>,
): () => Connection[] {
  const given = options.seed?.connections;
  let connections: Connection[];
  if (given !== undefined) {
    connections = parseOrThrow(z.array(ConnectionSchema), given, 'seed of connections');
    assertUnique(
      connections.map((c) => c.id),
      'connection id',
    );
  } else {
    const all = catalogueConnections(catalogue, (options.now ?? Date.now)());
    connections = options.seed?.integrations ? all.filter((c) => byKey.has(c.integrationKey)) : all;
  }
  return () => structuredClone(connections);
}

function assertUnique(values: readonly string[], what: string): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) {
      throw new LinkError('invalid-response', `The seed has the ${what} "${value}" twice.`, {
        retryable: false,
        details: [{ path: String(index), message: `duplicate ${what}` }],
      });
    }
    seen.add(value);
  });
}
