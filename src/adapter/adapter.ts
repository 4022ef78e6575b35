import type { Connection, Integration } from '../model/index.js';

/** Options every adapter call takes. */
export interface CallOptions {
  /** Aborts the call; the promise then rejects with a `cancelled` `LinkError`. */
  readonly signal?: AbortSignal;
}

export interface StartLinkOptions extends CallOptions {
  /** Where the provider sends the user back to (the page that hosts the flow). */
  readonly returnUrl: string;
  /** The flow's nonce; it must come back on the return URL. */
  readonly state: string;
  /** Re-authorize this existing connection instead of making a new one. */
  readonly connectionId?: string;
}

export interface StartLinkResult {
  /** Where to send the user to authorize. Checked by the flow before anything navigates. */
  readonly url: string;
  /** The connection made (or re-used) for this link, when the vendor makes one up front. */
  readonly connection?: Connection;
}

export type LinkOutcome = 'success' | 'cancelled' | 'failed';

/** What the URL the provider sent the user back to says. */
export interface LinkReturn {
  readonly state?: string;
  readonly connectionId?: string;
  readonly outcome: LinkOutcome;
  /** The provider's own words on a failure. */
  readonly message?: string;
}

/**
 * How linkflow talks to the host's connection API. Every method rejects only with a `LinkError`.
 * The shipped adapters are `createMemoryAdapter`, `createCodatAdapter` and `createUnifiedAdapter`.
 */
export interface ConnectionAdapter {
  listIntegrations(options?: CallOptions): Promise<Integration[]>;
  listConnections(options?: CallOptions): Promise<Connection[]>;
  getConnection(id: string, options?: CallOptions): Promise<Connection>;
  /** Begin linking (or re-authorizing `connectionId`): where to send the user. */
  startLink(integrationKey: string, options: StartLinkOptions): Promise<StartLinkResult>;
  /** The outcome carried by the URL the provider sent the user back to; null when it is no return. */
  readReturn(url: URL): LinkReturn | null;
  /** Stop syncing but keep the data; answers the connection as it now is. */
  unlink?(id: string, options?: CallOptions): Promise<Connection>;
  /** Delete the connection. */
  remove?(id: string, options?: CallOptions): Promise<void>;
}
