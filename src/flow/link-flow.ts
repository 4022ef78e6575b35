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
import { DEFAULT_POLL, systemClock, type Clock, type PollSettings } from './poller.js';
import { cleanReturnUrl, safeReadReturn } from './return-url.js';
import { createState } from './state.js';
import { checkUrl } from './url-safety.js';
import {
  CHANNEL_NAME,
  completePopupReturn,
  isReturnMessage,
  openPopup,
  popupStates,
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
      readonly mode: WindowMode;
      readonly connectionId?: string;
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

/** What `retry()` does after a failure or a cancel: load again, start the same link anew, or verify again. */
type Retry = () => Promise<void> | void;

/** One link attempt from `select` (or a resumed return) to its end. */
interface Attempt {
  /** The nonce; absent for a verification retried after its record was gone. */
  readonly state?: string;
  readonly integration: Integration;
  connectionId?: string | undefined;
  connection?: Connection;
  readonly controller: AbortController;
  popup?: PopupLike;
  /**
   * Stops checking the popup and listening for its return (message and channel). Cleared once it has
   * run: when the attempt ended or a return for it was taken.
   */
  unwatch?: (() => void) | undefined;
}

/** The steps of a link under way: the user waits on it, may back out, and cannot start another. */
export const BUSY: readonly LinkFlowStep[] = ['starting', 'authorizing', 'verifying'];

const MISMATCH_MESSAGE = 'This return does not match a link started here, or it was already used or has expired.';
const POPUP_CLOSED_MESSAGE = 'The window was closed before the link was finished.';

/** `fields` without the ones that are undefined: snapshots and notifications carry only what they have. */
function defined<T extends object>(fields: T): T {
  for (const key in fields) if (fields[key] === undefined) delete fields[key];
  return fields;
}

/** Calls every listener with `value`; one that throws is reported, and the others still run. */
function notify<T>(listeners: ReadonlySet<(value: T) => void>, value: T): void {
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch (error) {
      reportError(error);
    }
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
  readonly #poll: PollSettings | undefined;
  readonly #listeners = new Set<(snapshot: LinkFlowSnapshot) => void>();
  readonly #eventListeners = new Set<(event: LinkFlowEvent) => void>();
  #snapshot: LinkFlowSnapshot = Object.freeze({ step: 'idle' as const });
  #integrations: Integration[] | undefined;
  /** The attempt under way; an attempt that is no longer this one has ended, and nothing it hears counts. */
  #attempt: Attempt | undefined;
  /** The load under way; aborted when another load, a link, a cancel, a reset or dispose supersedes it. */
  #loadController: AbortController | undefined;
  #retry: Retry | undefined;
  #disposed = false;
  /** The source's `readReturn`. */
  readonly #read = (url: URL): LinkReturn | null => this.#source.readReturn(url);

  /** Makes a flow in `idle`; nothing is requested until `load`, `select` or `resume`. */
  constructor(options: LinkFlowOptions) {
    const win = (this.#win = options.window ?? window);
    const clock = (this.#clock = options.clock ?? systemClock);
    let storage = options.storage;
    try {
      storage ??= win.sessionStorage;
    } catch {
      // A sandboxed page may not reach its session storage: the records stay in memory.
    }
    this.#source = options.source;
    this.#poll = options.poll;
    this.mode = options.mode ?? 'redirect';
    this.allowedOrigins = options.allowedOrigins ?? [];
    this.returnUrl = options.returnUrl;
    this.#pending = new PendingStore(storage, () => clock.now());
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
    if (this.#disposed || BUSY.includes(this.#snapshot.step)) return;
    this.#loadController?.abort();
    const { signal } = (this.#loadController = new AbortController());
    this.#go('loading');
    try {
      const integrations = await this.#source.listIntegrations({ signal });
      // A load superseded (or the flow disposed) meanwhile was aborted: its answer is dropped.
      if (signal.aborted) return;
      this.#loadController = undefined;
      this.#integrations = [...integrations];
      this.#go('choosing');
    } catch (error) {
      // No load left means this one finished, and what threw was taking its answer: nothing changes.
      if (signal.aborted || !this.#loadController) return;
      this.#loadController = undefined;
      this.#fail(toLinkError(error), () => this.load());
    }
  }

  /**
   * Starts linking `integrationOrKey` (re-authorizing `connectionId` when given). In popup mode this
   * opens the window at once, so call it synchronously inside the user's click. Resolves when the
   * provider's page was opened or the attempt failed; never rejects. Ignored while a link is busy.
   */
  async select(integrationOrKey: Integration | string, options: { connectionId?: string } = {}): Promise<void> {
    if (this.#disposed || BUSY.includes(this.#snapshot.step)) return;
    const integration =
      typeof integrationOrKey === 'string' ? this.#integration({ integrationKey: integrationOrKey }) : integrationOrKey;
    // An empty connection id is none.
    const connectionId = options.connectionId || undefined;
    this.#loadController?.abort();

    let returnUrl: string;
    try {
      const { href, origin } = this.#win.location;
      const url = new URL(this.returnUrl ?? href, href);
      if (url.origin !== origin) {
        throw new LinkError('unsafe-url', 'The return address must be on the page’s own origin.');
      }
      url.hash = '';
      returnUrl = url.href;
    } catch (error) {
      return this.#fail(
        toLinkError(error, 'unsafe-url'),
        this.#again({ integration, connectionId }),
        undefined,
        integration,
      );
    }

    // Everything up to the popup is synchronous: the record first (a popup copies session storage).
    const state = createState();
    let mode = this.mode;
    const record = {
      state,
      integrationKey: integration.key,
      integrationName: integration.name,
      connectionId,
      startedAt: this.#clock.now(),
      returnUrl,
      mode,
    };
    this.#pending.add(record);
    const attempt: Attempt = (this.#attempt = { ...record, integration, controller: new AbortController() });
    // Null when the popup could not open (blocked): the link falls back to a redirect.
    const popup = mode === 'popup' && openPopup(this.#win, state);
    if (popup) {
      this.#watchPopup(attempt, popup);
    } else if (popup === null) {
      mode = 'redirect';
      this.#pending.update(state, { mode });
    }

    this.#go('starting', integration);
    if (popup === null) this.#emit({ type: 'popup-blocked', integrationKey: integration.key });
    // lf-link-start's detail has always had its connectionId last.
    this.#emit(defined<LinkFlowEvent>({ type: 'link-start', integrationKey: integration.key, mode, connectionId }));
    return this.#start(attempt, returnUrl);
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
    const win = this.#win;
    let parsed: URL;
    try {
      parsed = new URL(url, win.location.href);
    } catch {
      return 'none';
    }
    const ret = safeReadReturn(this.#read, parsed);
    if (!ret) return 'none';
    if (completePopupReturn(win, { states: popupStates(this.#pending) })) return 'handed-off';

    const lookup = this.#pending.find(ret.state);
    const { record } = lookup as { record?: PendingRecord };
    try {
      // Only the address bar's own URL is rewritten; a URL handed in from elsewhere is left alone.
      if (parsed.href === new URL(win.location.href).href) {
        const clean = cleanReturnUrl(parsed, this.#read, ret.state, record);
        if (clean !== parsed.href) win.history.replaceState(win.history.state, '', clean);
      }
    } catch {
      // A history that refuses leaves the parameters; the record is marked used all the same.
    }
    // An attempt under way that this return is not for ends here, keeping its record.
    const current = this.#attempt;
    if (!ret.state || current?.state !== ret.state) this.#stop(current, true);
    this.#takeReturn(ret, this.#attempt, lookup);
    return 'returned';
  }

  /** Tries again after `failed` or `cancelled`: reloads, re-verifies, or starts the same link anew. */
  async retry(): Promise<void> {
    const step = this.#snapshot.step;
    if (!this.#disposed && (step === 'failed' || step === 'cancelled')) return this.#retry?.();
  }

  /** The user backs out: any step from `loading` to `verifying` becomes `cancelled`. */
  cancel(message?: string): void {
    if (this.#disposed) return;
    const step = this.#snapshot.step;
    const attempt = this.#attempt;
    if (step === 'loading' || step === 'choosing') {
      this.#loadController?.abort();
      this.#cancelled(undefined, message, () => this.load());
    } else if (attempt && BUSY.includes(step)) {
      this.#cancelled(attempt, message, this.#again(attempt));
    }
  }

  /** Back to `idle`: stops everything and forgets the current attempt and its record. */
  reset(): void {
    if (this.#disposed) return;
    this.#loadController?.abort();
    this.#stop(this.#attempt);
    this.#integrations = undefined;
    this.#go('idle');
  }

  /**
   * Stops polling, timers, listeners and the BroadcastChannel, for good. The pending record and an
   * open popup are left alone (the page may be unloading for the redirect it started).
   */
  dispose(): void {
    this.#disposed = true;
    this.#loadController?.abort();
    this.#stop(this.#attempt, true, true);
    this.#listeners.clear();
    this.#eventListeners.clear();
  }

  // ---------------------------------------------------------------- starting and authorizing

  async #start(attempt: Attempt, returnUrl: string): Promise<void> {
    const { state, integration, connectionId, popup } = attempt;
    // A retry starts the link as it was asked for, before startLink named a connection.
    const retry = this.#again(attempt);
    let result: StartLinkResult | undefined;
    let url: URL;
    try {
      result = await this.#source.startLink(
        integration.key,
        defined({ returnUrl, state: state!, connectionId, signal: attempt.controller.signal }),
      );
      if (this.#attempt !== attempt || this.#snapshot.step !== 'starting') return;
      url = checkUrl(result?.url, { allowedOrigins: this.allowedOrigins });
    } catch (error) {
      // Once startLink has answered, what fails is the check of its URL.
      if (this.#attempt === attempt) this.#fail(toLinkError(error, result ? 'unsafe-url' : undefined), retry, attempt);
      return;
    }
    const connection = result.connection;
    if (connection) {
      attempt.connection = connection;
      attempt.connectionId ??= connection.id;
      this.#pending.update(state!, { connectionId: attempt.connectionId });
    }
    if (popup?.closed) return this.#cancelled(attempt, POPUP_CLOSED_MESSAGE, retry);

    this.#go('authorizing', integration, attempt.connection);
    if (popup) {
      try {
        // Throws when the popup refuses the address; focus is a courtesy.
        popup.location.replace(url.href);
        popup.focus?.();
        return;
      } catch {
        // The popup refused the address: fall back to the whole page.
        this.#stopPopup(attempt, true);
        this.#pending.update(state!, { mode: 'redirect' });
        this.#emit({ type: 'popup-blocked', integrationKey: integration.key });
      }
    }
    this.#win.location.assign(url.href);
  }

  /**
   * Watches the popup of `attempt`: listens for its return (`message` from the page's own origin, and
   * the BroadcastChannel), and checks every `POPUP_CHECK_MS` whether the user closed it.
   */
  #watchPopup(attempt: Attempt, popup: PopupLike): void {
    const win = this.#win;
    const clock = this.#clock;
    const onMessage = (event: MessageEvent): void => {
      if (event.origin === win.location.origin) this.#onReturnMessage(attempt, event.data);
    };
    let channel: ChannelLike | undefined;
    try {
      // With no BroadcastChannel this throws too.
      channel = new win.BroadcastChannel!(CHANNEL_NAME);
      channel.onmessage = (event) => this.#onReturnMessage(attempt, event.data);
    } catch {
      // With postMessage alone, then.
    }
    const check = (): void => {
      timer = popup.closed
        ? clock.setTimeout(() => this.#popupClosed(attempt), POPUP_CLOSE_GRACE_MS)
        : clock.setTimeout(check, POPUP_CHECK_MS);
    };
    let timer = clock.setTimeout(check, POPUP_CHECK_MS);
    win.addEventListener('message', onMessage);
    attempt.popup = popup;
    attempt.unwatch = () => {
      clock.clearTimeout(timer);
      win.removeEventListener('message', onMessage);
      channel?.close();
    };
  }

  /**
   * A popup return arrived. Only a return URL on the page's own origin whose `state` is this
   * attempt's is taken; everything else (another tab's link on the shared channel, the second copy
   * of a return already taken, a forged message) is ignored and changes nothing.
   */
  #onReturnMessage(attempt: Attempt, data: unknown): void {
    // An attempt that ended or already took its return no longer watches: a late copy changes nothing.
    if (!attempt.unwatch || !isReturnMessage(data)) return;
    let url: URL;
    try {
      url = new URL(data.href);
    } catch {
      return;
    }
    if (url.origin !== this.#win.location.origin) return;
    const ret = safeReadReturn(this.#read, url);
    if (ret && ret.state === attempt.state) this.#takeReturn(ret, attempt);
  }

  /** The popup closed with no return: verify once when a connection is known, else `cancelled`. */
  #popupClosed(attempt: Attempt): void {
    const id = attempt.connectionId;
    const done = (connection?: Connection): void => {
      if (this.#attempt !== attempt) return;
      if (connection?.status === 'linked') this.#linked(attempt, connection);
      else this.#cancelled(attempt, POPUP_CLOSED_MESSAGE, this.#again(attempt));
    };
    if (this.#snapshot.step !== 'authorizing' || !id) return done();
    this.#stopPopup(attempt, false);
    this.#go('verifying', attempt.integration, attempt.connection);
    this.#source.getConnection(id, { signal: attempt.controller.signal, force: true }).then(done, () => done());
  }

  // ---------------------------------------------------------------- returning and verifying

  /**
   * Takes a return for `current` (a popup message) or for whatever record its state names (a
   * redirect), as `lookup` found it.
   */
  #takeReturn(ret: LinkReturn, current: Attempt | undefined, lookup = this.#pending.find(ret.state)): void {
    if (lookup.status !== 'pending') {
      const { record } = lookup as { record?: PendingRecord };
      return this.#fail(
        new LinkError('state-mismatch', MISMATCH_MESSAGE),
        () => this.load(),
        current,
        current?.integration ?? (record && this.#integration(record)),
      );
    }
    const record = lookup.record;
    this.#pending.markUsed(record.state);
    const attempt = (this.#attempt = current ?? {
      ...record,
      integration: this.#integration(record),
      controller: new AbortController(),
    });
    this.#stopPopup(attempt, true);
    const retry = this.#again(attempt);

    if (ret.outcome === 'cancelled') return this.#cancelled(attempt, ret.message, retry);
    const connectionId = ret.connectionId ?? attempt.connectionId ?? record.connectionId;
    if (ret.outcome === 'failed' || !connectionId) {
      const error =
        ret.outcome === 'failed'
          ? new LinkError('provider', ret.message?.trim() || 'The provider could not link the account.')
          : new LinkError('invalid-response', 'The provider’s return named no connection.');
      return this.#fail(error, retry, attempt);
    }
    this.#verify(attempt, connectionId);
  }

  /** The integration a record names: the loaded one, or one made up for a key the flow has not loaded. */
  #integration({
    integrationKey: key,
    integrationName: name = key,
  }: Pick<PendingRecord, 'integrationKey' | 'integrationName'>): Integration {
    return (
      this.#integrations?.find((candidate) => candidate.key === key) ?? {
        key,
        name,
        categories: [],
        enabled: true,
        beta: false,
      }
    );
  }

  /**
   * `verifying`: polls `getConnection` until the connection is linked: a request at once, then after
   * 0.5 s, 1 s, 2 s, 4 s, 5 s, 5 s… (per `poll`), never two requests at once, paused while the page is
   * hidden (hidden time does not count toward the deadline, and a request goes out as soon as the page
   * shows again), with one last request at the deadline before it fails with `timeout`. Retryable
   * errors and `not-found` count as "not yet"; any other error fails. The attempt's abort, when it
   * ends, stops the polling: nothing it hears comes after.
   */
  #verify(attempt: Attempt, connectionId: string): void {
    const {
      integration,
      controller: { signal },
    } = attempt;
    const clock = this.#clock;
    const doc = this.#win.document;
    const settings = this.#poll ?? {};
    const initial = Math.max(0, settings.initial ?? DEFAULT_POLL.initial);
    const max = Math.max(initial, settings.max ?? DEFAULT_POLL.max);
    let delay = initial;
    let deadlineAt = clock.now() + Math.max(0, settings.deadline ?? DEFAULT_POLL.deadline);
    // Set exactly while the page is hidden.
    let hiddenSince: number | undefined;
    // With neither a timer nor a request in flight, a poll not stopped waits for the page to show.
    let timer: unknown;
    let busy = false;
    let lastError: LinkError | undefined;
    // Trying again verifies the same connection anew; no second authorization.
    const fail = (error: LinkError): void =>
      this.#fail(error, () => this.#verify({ integration, controller: new AbortController() }, connectionId), attempt);
    const clear = (): void => {
      clock.clearTimeout(timer);
      timer = undefined;
    };
    const run = (): void => {
      timer = undefined;
      if (hiddenSince !== undefined) return;
      busy = true;
      // A request that throws at once counts as one that rejects.
      new Promise<Connection>((answer) => answer(this.#source.getConnection(connectionId, { signal, force: true })))
        .catch((error: unknown) => (lastError = toLinkError(error)))
        .then((answer) => {
          busy = false;
          if (signal.aborted) return;
          if (answer instanceof LinkError) {
            if (!answer.retryable && answer.code !== 'not-found') return fail(answer);
          } else if (answer.status === 'linked') {
            return this.#linked(attempt, answer);
          } else {
            attempt.connection = answer;
            this.#go('verifying', integration, answer);
          }
          // A listener may have ended the attempt; a hidden page sets no timer.
          if (signal.aborted || hiddenSince !== undefined) return;
          const now = clock.now();
          if (now >= deadlineAt) {
            return fail(
              new LinkError('timeout', 'The provider did not confirm the connection in time.', { cause: lastError }),
            );
          }
          timer = clock.setTimeout(run, Math.min(delay, deadlineAt - now));
          delay = Math.min(delay * 2, max);
        });
    };
    /** Pauses while the page is hidden; on showing, moves the deadline by the hidden time and polls. */
    const onVisibility = (): void => {
      const now = clock.now();
      if (doc.visibilityState === 'hidden') {
        hiddenSince ??= now;
        clear();
        return;
      }
      deadlineAt += now - (hiddenSince ?? now);
      hiddenSince = undefined;
      if (timer === undefined && !busy) run();
    };

    this.#attempt = attempt;
    attempt.connectionId = connectionId;
    signal.addEventListener('abort', () => {
      clear();
      doc.removeEventListener('visibilitychange', onVisibility);
    });
    doc.addEventListener('visibilitychange', onVisibility);
    this.#go('verifying', integration, attempt.connection);
    // Reads the page's visibility now: a visible page polls at once, unless a listener of the step
    // already ended the attempt.
    if (!signal.aborted) onVisibility();
  }

  // ---------------------------------------------------------------- endings

  #linked(attempt: Attempt, connection: Connection): void {
    this.#stop(attempt);
    try {
      this.#source.put?.(connection);
    } catch {
      // The cache is a courtesy; the flow is linked regardless.
    }
    this.#go('linked', attempt.integration, connection);
    this.#emit({ type: 'linked', connection });
  }

  #fail(error: LinkError, retry: Retry, attempt?: Attempt, integration = attempt?.integration): void {
    // A refused return leaves the record of the link it is not for.
    this.#stop(attempt, error.code === 'state-mismatch');
    this.#retry = retry;
    this.#go('failed', integration, attempt?.connection, error);
    this.#emit({ type: 'error', error });
  }

  #cancelled(attempt: Attempt | undefined, message: string | undefined, retry: Retry): void {
    this.#stop(attempt);
    this.#retry = retry;
    const integration = attempt?.integration;
    const error = new LinkError('cancelled', message?.trim() || 'The link was cancelled.');
    this.#go('cancelled', integration, undefined, error);
    this.#emit(defined<LinkFlowEvent>({ type: 'cancel', integrationKey: integration?.key, message: error.message }));
  }

  /** Starts the link of `attempt` anew, as it stands now. */
  #again({ integration, connectionId }: Pick<Attempt, 'integration' | 'connectionId'>): Retry {
    return () => this.select(integration, { connectionId });
  }

  /** Ends everything `attempt` runs and forgets its pending record, unless told to keep the record or the popup. */
  #stop(attempt: Attempt | undefined, keepRecord?: boolean, keepPopup?: boolean): void {
    if (!attempt) return;
    attempt.controller.abort();
    this.#stopPopup(attempt, !keepPopup);
    if (!keepRecord && attempt.state) this.#pending.remove(attempt.state);
    if (this.#attempt === attempt) this.#attempt = undefined;
  }

  /** Stops watching and listening to the popup; with `close`, closes it when still open. */
  #stopPopup(attempt: Attempt, close: boolean): void {
    attempt.unwatch?.();
    attempt.unwatch = undefined;
    const popup = attempt.popup;
    if (close && popup && !popup.closed) popup.close();
  }

  // ---------------------------------------------------------------- snapshots and events

  #go(step: LinkFlowStep, integration?: Integration, connection?: Connection, error?: LinkError): void {
    if (this.#disposed) return;
    const previous = this.#snapshot.step;
    this.#snapshot = Object.freeze(defined({ step, integrations: this.#integrations, integration, connection, error }));
    notify(this.#listeners, this.#snapshot);
    if (step !== previous) this.#emit({ type: 'state-change', step, previous });
  }

  #emit(event: LinkFlowEvent): void {
    notify(this.#eventListeners, event);
  }
}
