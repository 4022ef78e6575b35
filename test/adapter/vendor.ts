// Drives the fake Codat and Unified server (test/server/vendor-server.mjs): one session per test.

/** How the server should misbehave for matching requests. */
export interface Fault {
  /** The path after the session, e.g. `/codat/integrations`; a prefix when it ends with `*`. */
  readonly path: string;
  /** Only requests whose query has this `name=value` pair, e.g. `page=2`. */
  readonly query?: string;
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** How many matching requests it applies to. Default 1. */
  readonly times?: number;
  /** Milliseconds to wait before answering (normally, unless a status or body is given too). */
  readonly delay?: number;
  /** `drop` destroys the socket; `hang` never answers until the client goes away. */
  readonly action?: 'drop' | 'hang';
  readonly status?: number;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  readonly type?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** `Retry-After` in seconds. */
  readonly retryAfter?: number;
  /** `Retry-After` as an HTTP date this many seconds ahead. */
  readonly retryAfterDate?: number;
}

/** One request as the server saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The ids the server's data starts with. */
export interface VendorSeed {
  readonly codat: {
    readonly companyId: string;
    readonly connectionIds: string[];
    readonly integrationKeys: string[];
    readonly pageCap: number;
  };
  readonly unified: {
    readonly workspaceId: string;
    readonly connectionIds: string[];
    readonly integrationTypes: string[];
  };
}

interface ControlAnswer {
  counts: Record<string, number>;
  requests: SeenRequest[];
  seed: VendorSeed;
}

/** A fresh session of the fake vendors, with its own data, faults and request counts. */
export class VendorSession {
  /** Origin and path prefix of this session. */
  readonly base: string;
  /** `baseUrl` for the Codat adapter. */
  readonly codatBase: string;
  /** `apiBase` for the Unified adapter (stands in for https://api.unified.to). */
  readonly unifiedApi: string;
  /** `connectionsUrl` for the Unified adapter (the host's mirror of /unified/connection). */
  readonly unifiedConnections: string;

  private constructor(
    readonly id: string,
    readonly seed: VendorSeed,
  ) {
    this.base = `${location.origin}/vendor/${id}`;
    this.codatBase = `${this.base}/codat`;
    this.unifiedApi = `${this.base}/unified`;
    this.unifiedConnections = `${this.base}/unified-host/connection`;
  }

  /** Opens a new session with fresh data and the given faults. */
  static async open(faults: readonly Fault[] = []): Promise<VendorSession> {
    const id = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    const answer = await control(id, { reset: true, faults });
    return new VendorSession(id, answer.seed);
  }

  /** Replaces the faults. */
  async fail(...faults: Fault[]): Promise<void> {
    await control(this.id, { faults });
  }

  /** How many requests reached each `METHOD /path` (query left out). */
  async counts(): Promise<Record<string, number>> {
    return (await control(this.id)).counts;
  }

  /** How many requests reached `path` (after the session), for one method or all. */
  async count(path: string, method?: string): Promise<number> {
    const counts = await this.counts();
    return Object.entries(counts)
      .filter(([key]) => {
        const [m, p] = key.split(' ');
        return p === path && (!method || m === method);
      })
      .reduce((sum, [, n]) => sum + n, 0);
  }

  /** Every request in arrival order. */
  async requests(): Promise<SeenRequest[]> {
    return (await control(this.id)).requests;
  }

  /** Resolves once `n` requests have reached `path` (for aborting a request the server already holds). */
  async arrived(path: string, n = 1): Promise<void> {
    for (let i = 0; i < 200; i += 1) {
      if ((await this.count(path)) >= n) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no request reached ${path}`);
  }
}

async function control(id: string, body?: unknown): Promise<ControlAnswer> {
  const response = await fetch(`/vendor/${id}/_control`, {
    method: body === undefined ? 'GET' : 'POST',
    cache: 'no-store',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`vendor control: ${response.status}`);
  return (await response.json()) as ControlAnswer;
}

/** An HTML error page such as a proxy or a login wall sends. */
export const HTML_PAGE =
  '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
