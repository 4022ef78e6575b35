import type { CallOptions, LinkReturn, StartLinkOptions, StartLinkResult } from '../adapter/adapter.js';
import {
  LinkError,
  toLinkError,
  type Connection,
  type Integration,
  type LinkFlowStep,
  type WindowMode,
} from '../model/index.js';
import { PendingStore, type PendingRecord, type StorageLike } from './pending.js';
import {
  pollUntilLinked,
  systemClock,
  type Clock,
  type PollHandle,
  type PollSettings,
  type Visibility,
} from './poller.js';
import { cleanReturnUrl, defaultReturnUrl, safeReadReturn } from './return-url.js';
import { createState } from './state.js';
import { checkUrl } from './url-safety.js';
import {
  CHANNEL_NAME,
  channelFactory,
  completePopupReturn,
  fillPopup,
  isReturnMessage,
  navigateTo,
  openPopup,
  type ChannelLike,
  type FlowWindow,
  type PopupLike,
} from './window-strategy.js';

/**
 * Where the flow gets its data: a `ConnectionAdapter` or a `ConnectionStore` both fit. When it has
 * `put`, the linked connection is handed to it.
 */
export interface LinkFlowSource {
  listIntegrations(options?: CallOptions): Promise<Integration[]>;
  getConnection(id: string, options?: CallOptions & { force?: boolean }): Promise<Connection>;
  startLink(integrationKey: string, options: StartLinkOptions): Promise<StartLinkResult>;
  readReturn(url: URL): LinkReturn | null;
  put?(connection: Connection): void;
}

/** What the flow shows at one moment. Holds no credential. */
export interface LinkFlowSnapshot {
  readonly step: LinkFlowStep;
  /** The integrations to choose from, once loaded. */
  readonly integrations?: Integration[];
  /** The integration being linked. */
  readonly integration?: Integration;
  /** The connection being verified, or the linked one. */
  readonly connection?: Connection;
  /** Why the flow failed or was cancelled. */
  readonly error?: LinkError;
}

/**
 * What the flow tells its host, one per `lf-*` event of `src/events`: `type` is the event name
 * without its `lf-` prefix, and the other fields are that event's `detail`.
 */
export type LinkFlowEvent =
  | { readonly type: 'state-change'; readonly step: LinkFlowStep; readonly previous: LinkFlowStep }
  | {
      readonly type: 'link-start';
      readonly integrationKey: string;
      readonly connectionId?: string;
      readonly mode: WindowMode;
    }
  | { readonly type: 'linked'; readonly connection: Connection }
  | { readonly type: 'error'; readonly error: LinkError }
  | { readonly type: 'cancel'; readonly integrationKey?: string; readonly message?: string }
  | { readonly type: 'popup-blocked'; readonly integrationKey: string };

/** What `resume()` found: no return, a return handled here, or a popup return handed to the opener. */
export type ResumeResult = 'none' | 'returned' | 'handed-off';

/** How a `LinkFlow` is made. */
export interface LinkFlowOptions {
  /** The adapter or store to talk to. */
  readonly source: LinkFlowSource;
  /** How the provider's page is opened. Default `redirect`. */
  readonly mode?: WindowMode;
  /** Origins the authorization URL may be on; empty means any safe URL. */
  readonly allowedOrigins?: readonly string[];
  /** The page the provider sends the user back to; same origin as the page. Default: the page itself. */
  readonly returnUrl?: string;
  /** Where pending records are kept. Default the window's `sessionStorage`. */
  readonly storage?: StorageLike;
  /** The window to work in. Default `window`. */
  readonly window?: FlowWindow;
  /** How verification polls. Default 0.5 s doubling to 5 s, a minute in all. */
  readonly poll?: PollSettings;
  /** The clock for timers and record ages. Default the system clock. */
  readonly clock?: Clock;
  /** Called with every notification (also available through `on`). */
  readonly onEvent?: (event: LinkFlowEvent) => void;
}

/** How often an open popup is checked for having been closed, ms. */
export const POPUP_CHECK_MS = 500;
/** How long after a popup closes its messages may still arrive before it counts as closed unanswered, ms. */
export const POPUP_CLOSE_GRACE_MS = 300;

/** What `retry()` does after a failure or a cancel. */
type RetryPlan =
  | { readonly kind: 'load' }
  | { readonly kind: 'select'; readonly integration: Integration; readonly connectionId?: string }
  | { readonly kind: 'verify'; readonly integration: Integration; readonly connectionId: string };

/** One link attempt from `select` (or a resumed return) to its end. */
interface Attempt {
  /** The nonce; absent for a verification retried after its record was gone. */
  readonly state?: string;
  readonly integration: Integration;
  connectionId?: string;
  connection?: Connection;
  mode: WindowMode;
  readonly controller: AbortController;
  popup?: PopupLike;
  popupTimer?: unknown;
  messageListener?: (event: MessageEvent) => void;
  channel?: ChannelLike;
  poller?: PollHandle;
  /** A return for this attempt has been taken. */
  returned: boolean;
}

const BUSY: ReadonlySet<LinkFlowStep> = new Set(['starting', 'authorizing', 'verifying']);

const MISMATCH_MESSAGE = 'This return does not match a link started here, or it was already used or has expired.';
const POPUP_CLOSED_MESSAGE = 'The window was closed before the link was finished.';

/** An integration for a key the flow has not loaded (a reconnect, a resumed return). */
function integrationFor(key: string, name?: string): Integration {
  return { key, name: name ?? key, categories: [], enabled: true, beta: false };
}

/** The window of the page, when there is one. */
function pageWindow(): FlowWindow {
  return window;
}

/** The window's session storage, when it can be reached. */
function sessionStorageOf(win: FlowWindow): StorageLike | undefined {
  try {
    return win.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The link flow of DESIGN.md as a plain state machine: `idle` → `loading` → `choosing` → `starting`
 * → `authorizing` → `verifying` → `linked`, or `failed` / `cancelled`. It opens the provider's page
 * (redirect or popup), keeps the pending record, takes the return (after a redirect through
 * `resume()`, from a popup by message), and polls until the connection is linked. Subscribe for
 * snapshots, `on` for notifications; call `dispose()` when the host leaves the page.
 */
export class LinkFlow {
  /** How the next link opens the provider's page. */
  mode: WindowMode;
  /** Origins the next authorization URL may be on; empty means any safe URL. */
  allowedOrigins: readonly string[];
  /** The page the provider sends the user back to; undefined means the current page. */
  returnUrl: string | undefined;

  readonly #source: LinkFlowSource;
  readonly #win: FlowWindow;
  readonly #clock: Clock;
  readonly #pending: PendingStore;
  readonly #poll: PollSettings;
  readonly #listeners = new Set<(snapshot: LinkFlowSnapshot) => void>();
  readonly #eventListeners = new Set<(event: LinkFlowEvent) => void>();
  #snapshot: LinkFlowSnapshot = Object.freeze({ step: 'idle' as const });
  #integrations: Integration[] | undefined;
  #attempt: Attempt | undefined;
  #loadController: AbortController | undefined;
  #retryPlan: RetryPlan | undefined;
  #disposed = false;

  /** Makes a flow in `idle`; nothing is requested until `load`, `select` or `resume`. */
  constructor(options: LinkFlowOptions) {
    this.#source = options.source;
    this.#win = options.window ?? pageWindow();
    this.#clock = options.clock ?? systemClock;
    this.#poll = options.poll ?? {};
    this.mode = options.mode ?? 'redirect';
    this.allowedOrigins = options.allowedOrigins ?? [];
    this.returnUrl = options.returnUrl;
    this.#pending = new PendingStore(options.storage ?? sessionStorageOf(this.#win), () => this.#clock.now());
    if (options.onEvent) this.#eventListeners.add(options.onEvent);
  }

  /** What the flow shows now. */
  get snapshot(): LinkFlowSnapshot {
    return this.#snapshot;
  }

  /** Calls `listener` with every new snapshot (not with the current one); answers the unsubscribe. */
  subscribe(listener: (snapshot: LinkFlowSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Calls `listener` with every notification; answers the unsubscribe. */
  on(listener: (event: LinkFlowEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  // ---------------------------------------------------------------- public steps

  /** Loads the integrations: `loading`, then `choosing`, or `failed` with the source's error. */
  async load(): Promise<void> {
    if (this.#disposed || BUSY.has(this.#snapshot.step)) return;
    this.#loadController?.abort();
    const controller = new AbortController();
    this.#loadController = controller;
    this.#go('loading', {});
    try {
      const integrations = await this.#source.listIntegrations({ signal: controller.signal });
      if (this.#disposed || this.#loadController !== controller) return;
      this.#loadController = undefined;
      this.#integrations = [...integrations];
      this.#go('choosing', {});
    } catch (error) {
      if (this.#disposed || this.#loadController !== controller) return;
      this.#loadController = undefined;
      this.#fail(toLinkError(error), { kind: 'load' });
    }
  }

  /**
   * Starts linking `integrationOrKey` (re-authorizing `connectionId` when given). In popup mode this
   * opens the window at once, so call it synchronously inside the user's click. Resolves when the
   * provider's page was opened or the attempt failed; never rejects. Ignored while a link is busy.
   */
  select(integrationOrKey: Integration | string, options: { connectionId?: string } = {}): Promise<void> {
    if (this.#disposed || BUSY.has(this.#snapshot.step)) return Promise.resolve();
    const integration =
      typeof integrationOrKey === 'string'
        ? (this.#integrations?.find((candidate) => candidate.key === integrationOrKey) ??
          integrationFor(integrationOrKey))
        : integrationOrKey;
    const connectionId = options.connectionId;
    this.#loadController?.abort();
    this.#loadController = undefined;
    const retry: RetryPlan = { kind: 'select', integration, ...(connectionId ? { connectionId } : {}) };

    let returnUrl: string;
    try {
      returnUrl = this.#resolveReturnUrl();
    } catch (error) {
      this.#fail(toLinkError(error, 'unsafe-url'), retry, integration);
      return Promise.resolve();
    }

    // Everything up to the popup is synchronous: the record first (a popup copies session storage).
    const state = createState();
    let mode = this.mode;
    this.#pending.add({
      state,
      integrationKey: integration.key,
      integrationName: integration.name,
      ...(connectionId ? { connectionId } : {}),
      startedAt: this.#clock.now(),
      returnUrl,
      mode,
    });
    const attempt: Attempt = {
      state,
      integration,
      ...(connectionId ? { connectionId } : {}),
      mode,
      controller: new AbortController(),
      returned: false,
    };
    this.#attempt = attempt;
    let blocked = false;
    if (mode === 'popup') {
      const popup = openPopup(this.#win, state);
      if (popup) {
        attempt.popup = popup;
        this.#listenForPopupReturn(attempt);
        this.#watchPopup(attempt);
      } else {
        blocked = true;
        mode = 'redirect';
        attempt.mode = mode;
        this.#pending.update(state, { mode });
      }
    }

    this.#go('starting', { integration });
    if (blocked) this.#emit({ type: 'popup-blocked', integrationKey: integration.key });
    this.#emit({
      type: 'link-start',
      integrationKey: integration.key,
      ...(connectionId ? { connectionId } : {}),
      mode,
    });
    return this.#start(attempt, returnUrl, retry);
  }

  /**
   * Takes the return the page was loaded with (`url`, default the address bar). A popup return is
   * handed to its opener (`handed-off`). Otherwise the return parameters leave the address bar
   * (`history.replaceState`, so a reload does not replay them), the pending record is found by
   * `state` — an unknown, expired or used one fails with `state-mismatch` and links nothing — and the
   * outcome moves the flow to `verifying`, `cancelled` or `failed`. Answers `none` when `url` is no return.
   */
  resume(url: string = this.#win.location.href): ResumeResult {
    if (this.#disposed) return 'none';
    let parsed: URL;
    try {
      parsed = new URL(url, this.#win.location.href);
    } catch {
      return 'none';
    }
    const read = (candidate: URL): LinkReturn | null => this.#source.readReturn(candidate);
    const ret = safeReadReturn(read, parsed);
    if (!ret) return 'none';
    const popupStates = this.#pending
      .all()
      .filter((record) => record.mode === 'popup')
      .map((record) => record.state);
    if (completePopupReturn(this.#win, { states: popupStates })) return 'handed-off';

    const lookup = this.#pending.find(ret.state);
    this.#scrubAddressBar(parsed, lookup.status === 'unknown' ? undefined : lookup.record);
    const current = this.#attempt;
    if (current && current.state !== undefined && current.state === ret.state) {
      this.#takeReturn(ret, current);
    } else {
      if (current) this.#stopAttempt(current, { removeRecord: false });
      this.#takeReturn(ret, undefined);
    }
    return 'returned';
  }

  /** Tries again after `failed` or `cancelled`: reloads, re-verifies, or starts the same link anew. */
  retry(): Promise<void> {
    if (this.#disposed) return Promise.resolve();
    const step = this.#snapshot.step;
    if (step !== 'failed' && step !== 'cancelled') return Promise.resolve();
    const plan = this.#retryPlan ?? { kind: 'load' };
    switch (plan.kind) {
      case 'load':
        return this.load();
      case 'select':
        return this.select(plan.integration, plan.connectionId ? { connectionId: plan.connectionId } : {});
      case 'verify':
        this.#verifyAgain(plan.integration, plan.connectionId);
        return Promise.resolve();
    }
  }

  /** The user backs out: any step from `loading` to `verifying` becomes `cancelled`. */
  cancel(message?: string): void {
    if (this.#disposed) return;
    const step = this.#snapshot.step;
    if (step === 'loading' || step === 'choosing') {
      this.#loadController?.abort();
      this.#loadController = undefined;
      this.#cancelled(undefined, message, { kind: 'load' });
      return;
    }
    const attempt = this.#attempt;
    if (!attempt || !BUSY.has(step)) return;
    this.#cancelled(attempt, message, this.#selectPlan(attempt));
  }

  /** Back to `idle`: stops everything and forgets the current attempt and its record. */
  reset(): void {
    if (this.#disposed) return;
    this.#loadController?.abort();
    this.#loadController = undefined;
    if (this.#attempt) this.#stopAttempt(this.#attempt, { removeRecord: true, closePopup: true });
    this.#retryPlan = undefined;
    this.#integrations = undefined;
    this.#go('idle', {});
  }

  /**
   * Stops polling, timers, listeners and the BroadcastChannel, for good. The pending record and an
   * open popup are left alone (the page may be unloading for the redirect it started).
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#loadController?.abort();
    this.#loadController = undefined;
    if (this.#attempt) this.#stopAttempt(this.#attempt, { removeRecord: false, closePopup: false });
    this.#listeners.clear();
    this.#eventListeners.clear();
  }

  // ---------------------------------------------------------------- starting and authorizing

  async #start(attempt: Attempt, returnUrl: string, retry: RetryPlan): Promise<void> {
    let result: StartLinkResult;
    try {
      result = await this.#source.startLink(attempt.integration.key, {
        returnUrl,
        state: attempt.state!,
        ...(attempt.connectionId ? { connectionId: attempt.connectionId } : {}),
        signal: attempt.controller.signal,
      });
    } catch (error) {
      if (this.#isCurrent(attempt)) this.#fail(toLinkError(error), retry, attempt.integration, attempt);
      return;
    }
    if (!this.#isCurrent(attempt) || this.#snapshot.step !== 'starting') return;

    let url: URL;
    try {
      url = checkUrl(result?.url, { allowedOrigins: this.allowedOrigins });
    } catch (error) {
      this.#fail(toLinkError(error, 'unsafe-url'), retry, attempt.integration, attempt);
      return;
    }
    if (result.connection) {
      attempt.connection = result.connection;
      attempt.connectionId ??= result.connection.id;
      this.#pending.update(attempt.state!, { connectionId: attempt.connectionId });
    }
    if (attempt.popup?.closed) {
      this.#cancelled(attempt, POPUP_CLOSED_MESSAGE, retry);
      return;
    }

    this.#go('authorizing', { integration: attempt.integration, connection: attempt.connection });
    if (attempt.mode === 'popup' && attempt.popup) {
      try {
        fillPopup(attempt.popup, url);
        return;
      } catch {
        // The popup refused the address: fall back to the whole page.
        this.#stopPopup(attempt, true);
        attempt.mode = 'redirect';
        this.#pending.update(attempt.state!, { mode: 'redirect' });
        this.#emit({ type: 'popup-blocked', integrationKey: attempt.integration.key });
      }
    }
    navigateTo(this.#win, url);
  }

  #resolveReturnUrl(): string {
    const here = this.#win.location.href;
    const url = new URL(this.returnUrl ?? defaultReturnUrl(here), here);
    if (url.origin !== this.#win.location.origin) {
      throw new LinkError('unsafe-url', 'The return address must be on the page’s own origin.', { retryable: false });
    }
    url.hash = '';
    return url.href;
  }

  /** Listens for the popup's return: `message` from the page's own origin, and the BroadcastChannel. */
  #listenForPopupReturn(attempt: Attempt): void {
    const listener = (event: MessageEvent): void => {
      if (event.origin !== this.#win.location.origin) return;
      this.#onReturnMessage(attempt, event.data);
    };
    attempt.messageListener = listener;
    this.#win.addEventListener('message', listener);
    const Channel = channelFactory(this.#win);
    if (Channel) {
      try {
        const channel = new Channel(CHANNEL_NAME);
        channel.onmessage = (event: MessageEvent) => this.#onReturnMessage(attempt, event.data);
        attempt.channel = channel;
      } catch {
        // postMessage alone then.
      }
    }
  }

  /**
   * A popup return arrived. Only a return URL on the page's own origin whose `state` is this
   * attempt's is taken; everything else (another tab's link on the shared channel, the second copy
   * of a return already taken, a forged message) is ignored and changes nothing.
   */
  #onReturnMessage(attempt: Attempt, data: unknown): void {
    if (!this.#isCurrent(attempt) || attempt.returned || !isReturnMessage(data)) return;
    const step = this.#snapshot.step;
    if (step !== 'starting' && step !== 'authorizing') return;
    let url: URL;
    try {
      url = new URL(data.href);
    } catch {
      return;
    }
    if (url.origin !== this.#win.location.origin) return;
    const ret = safeReadReturn((candidate) => this.#source.readReturn(candidate), url);
    if (!ret || ret.state === undefined || ret.state !== attempt.state) return;
    this.#takeReturn(ret, attempt);
  }

  /** Checks every `POPUP_CHECK_MS` whether the user closed the popup. */
  #watchPopup(attempt: Attempt): void {
    const check = (): void => {
      attempt.popupTimer = undefined;
      if (!this.#isCurrent(attempt) || attempt.returned || !attempt.popup) return;
      if (attempt.popup.closed) {
        attempt.popupTimer = this.#clock.setTimeout(() => {
          attempt.popupTimer = undefined;
          this.#popupClosed(attempt);
        }, POPUP_CLOSE_GRACE_MS);
        return;
      }
      attempt.popupTimer = this.#clock.setTimeout(check, POPUP_CHECK_MS);
    };
    attempt.popupTimer = this.#clock.setTimeout(check, POPUP_CHECK_MS);
  }

  /** The popup closed with no return: verify once when a connection is known, else `cancelled`. */
  #popupClosed(attempt: Attempt): void {
    if (!this.#isCurrent(attempt) || attempt.returned) return;
    const plan = this.#selectPlan(attempt);
    const id = attempt.connectionId;
    if (this.#snapshot.step !== 'authorizing' || !id) {
      this.#cancelled(attempt, POPUP_CLOSED_MESSAGE, plan);
      return;
    }
    attempt.returned = true;
    this.#stopPopup(attempt, false);
    this.#go('verifying', { integration: attempt.integration, connection: attempt.connection });
    this.#source.getConnection(id, { signal: attempt.controller.signal, force: true }).then(
      (connection) => {
        if (!this.#isCurrent(attempt)) return;
        if (connection.status === 'linked') this.#linked(attempt, connection);
        else this.#cancelled(attempt, POPUP_CLOSED_MESSAGE, plan);
      },
      () => {
        if (this.#isCurrent(attempt)) this.#cancelled(attempt, POPUP_CLOSED_MESSAGE, plan);
      },
    );
  }

  // ---------------------------------------------------------------- returning and verifying

  /** Takes a return for `current` (a popup message) or for whatever record its state names (a redirect). */
  #takeReturn(ret: LinkReturn, current: Attempt | undefined): void {
    const lookup = this.#pending.find(ret.state);
    if (lookup.status !== 'pending') {
      if (lookup.status === 'expired') this.#pending.remove(lookup.record.state);
      const integration =
        current?.integration ?? (lookup.status === 'unknown' ? undefined : this.#integrationOf(lookup.record));
      if (current) current.returned = true;
      this.#fail(
        new LinkError('state-mismatch', MISMATCH_MESSAGE, { retryable: false }),
        { kind: 'load' },
        integration,
        current,
      );
      return;
    }
    const record = lookup.record;
    this.#pending.markUsed(record.state);
    const attempt = current ?? this.#attemptFrom(record);
    attempt.returned = true;
    this.#stopPopup(attempt, true);
    this.#attempt = attempt;
    const plan = this.#selectPlan(attempt);

    if (ret.outcome === 'cancelled') {
      this.#cancelled(attempt, ret.message, plan);
      return;
    }
    if (ret.outcome === 'failed') {
      const message = ret.message?.trim() || 'The provider could not link the account.';
      this.#fail(new LinkError('provider', message, { retryable: false }), plan, attempt.integration, attempt);
      return;
    }
    const connectionId = ret.connectionId ?? attempt.connectionId ?? record.connectionId;
    if (!connectionId) {
      const error = new LinkError('invalid-response', 'The provider’s return named no connection.', {
        retryable: false,
      });
      this.#fail(error, plan, attempt.integration, attempt);
      return;
    }
    attempt.connectionId = connectionId;
    this.#verify(attempt, connectionId);
  }

  #attemptFrom(record: PendingRecord): Attempt {
    return {
      state: record.state,
      integration: this.#integrationOf(record),
      ...(record.connectionId ? { connectionId: record.connectionId } : {}),
      mode: record.mode,
      controller: new AbortController(),
      returned: false,
    };
  }

  #integrationOf(record: PendingRecord): Integration {
    return (
      this.#integrations?.find((candidate) => candidate.key === record.integrationKey) ??
      integrationFor(record.integrationKey, record.integrationName)
    );
  }

  #verifyAgain(integration: Integration, connectionId: string): void {
    const attempt: Attempt = {
      integration,
      connectionId,
      mode: this.mode,
      controller: new AbortController(),
      returned: true,
    };
    this.#attempt = attempt;
    this.#verify(attempt, connectionId);
  }

  /** `verifying`: polls `getConnection` until linked, the deadline, or a fatal error. */
  #verify(attempt: Attempt, connectionId: string): void {
    this.#go('verifying', { integration: attempt.integration, connection: attempt.connection });
    const poller = pollUntilLinked({
      request: (signal) => this.#source.getConnection(connectionId, { signal, force: true }),
      clock: this.#clock,
      visibility: this.#visibility(),
      settings: this.#poll,
      onUpdate: (connection) => {
        if (!this.#isCurrent(attempt)) return;
        attempt.connection = connection;
        this.#go('verifying', { integration: attempt.integration, connection });
      },
    });
    attempt.poller = poller;
    poller.done.then(
      (connection) => {
        if (this.#isCurrent(attempt)) this.#linked(attempt, connection);
      },
      (error: unknown) => {
        if (!this.#isCurrent(attempt)) return;
        this.#fail(
          toLinkError(error),
          { kind: 'verify', integration: attempt.integration, connectionId },
          attempt.integration,
          attempt,
        );
      },
    );
  }

  #visibility(): Visibility {
    const doc = this.#win.document;
    return {
      hidden: () => doc?.visibilityState === 'hidden',
      subscribe: (listener) => {
        doc?.addEventListener('visibilitychange', listener);
        return () => doc?.removeEventListener('visibilitychange', listener);
      },
    };
  }

  /** Removes the return parameters from the address bar of this page. */
  #scrubAddressBar(url: URL, record: PendingRecord | undefined): void {
    try {
      // Only the address bar's own URL is rewritten; a URL handed in from elsewhere is left alone.
      if (url.href !== new URL(this.#win.location.href).href) return;
      const clean = cleanReturnUrl(url, (candidate) => this.#source.readReturn(candidate), record);
      if (clean !== url.href) this.#win.history.replaceState(this.#win.history.state, '', clean);
    } catch {
      // A history that refuses leaves the parameters; the record is marked used all the same.
    }
  }

  // ---------------------------------------------------------------- endings

  #linked(attempt: Attempt, connection: Connection): void {
    this.#stopAttempt(attempt, { removeRecord: true, closePopup: true });
    try {
      this.#source.put?.(connection);
    } catch {
      // The cache is a courtesy; the flow is linked regardless.
    }
    this.#retryPlan = undefined;
    this.#go('linked', { integration: attempt.integration, connection });
    this.#emit({ type: 'linked', connection });
  }

  #fail(error: LinkError, plan: RetryPlan, integration?: Integration, attempt?: Attempt): void {
    if (attempt) this.#stopAttempt(attempt, { removeRecord: error.code !== 'state-mismatch', closePopup: true });
    this.#retryPlan = plan;
    this.#go('failed', { ...(integration ? { integration } : {}), connection: attempt?.connection, error });
    this.#emit({ type: 'error', error });
  }

  #cancelled(attempt: Attempt | undefined, message: string | undefined, plan: RetryPlan): void {
    if (attempt) this.#stopAttempt(attempt, { removeRecord: true, closePopup: true });
    this.#retryPlan = plan;
    const text = message?.trim() || 'The link was cancelled.';
    const integration = attempt?.integration;
    this.#go('cancelled', {
      ...(integration ? { integration } : {}),
      error: new LinkError('cancelled', text, { retryable: false }),
    });
    this.#emit({ type: 'cancel', ...(integration ? { integrationKey: integration.key } : {}), message: text });
  }

  #selectPlan(attempt: Attempt): RetryPlan {
    return {
      kind: 'select',
      integration: attempt.integration,
      ...(attempt.connectionId ? { connectionId: attempt.connectionId } : {}),
    };
  }

  /** Ends everything `attempt` runs; with `removeRecord`, forgets its pending record too. */
  #stopAttempt(attempt: Attempt, how: { removeRecord: boolean; closePopup?: boolean }): void {
    attempt.controller.abort();
    attempt.poller?.stop();
    attempt.poller?.done.catch(() => undefined);
    attempt.poller = undefined;
    this.#stopPopup(attempt, how.closePopup ?? true);
    if (how.removeRecord && attempt.state !== undefined) this.#pending.remove(attempt.state);
    if (this.#attempt === attempt) this.#attempt = undefined;
  }

  /** Stops watching and listening to the popup; with `close`, closes it when still open. */
  #stopPopup(attempt: Attempt, close: boolean): void {
    if (attempt.popupTimer !== undefined) this.#clock.clearTimeout(attempt.popupTimer);
    attempt.popupTimer = undefined;
    if (attempt.messageListener) this.#win.removeEventListener('message', attempt.messageListener);
    attempt.messageListener = undefined;
    try {
      attempt.channel?.close();
    } catch {
      // Already closed.
    }
    attempt.channel = undefined;
    if (close && attempt.popup && !attempt.popup.closed) {
      try {
        attempt.popup.close();
      } catch {
        // Gone already.
      }
    }
  }

  #isCurrent(attempt: Attempt): boolean {
    return !this.#disposed && this.#attempt === attempt;
  }

  // ---------------------------------------------------------------- snapshots and events

  #go(
    step: LinkFlowStep,
    fields: { integration?: Integration | undefined; connection?: Connection | undefined; error?: LinkError },
  ): void {
    if (this.#disposed) return;
    const previous = this.#snapshot.step;
    const snapshot: LinkFlowSnapshot = Object.freeze({
      step,
      ...(this.#integrations ? { integrations: this.#integrations } : {}),
      ...(fields.integration ? { integration: fields.integration } : {}),
      ...(fields.connection ? { connection: fields.connection } : {}),
      ...(fields.error ? { error: fields.error } : {}),
    });
    this.#snapshot = snapshot;
    for (const listener of [...this.#listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        reportError(error);
      }
    }
    if (step !== previous) this.#emit({ type: 'state-change', step, previous });
  }

  #emit(event: LinkFlowEvent): void {
    if (this.#disposed) return;
    for (const listener of [...this.#eventListeners]) {
      try {
        listener(event);
      } catch (error) {
        reportError(error);
      }
    }
  }
}
