import { LinkError, toLinkError, type Connection } from '../model/index.js';

/** Time as the flow sees it; the system clock in a page, a manual one in tests. */
export interface Clock {
  /** Milliseconds since epoch. */
  now(): number;
  /** Calls `callback` after `ms`; answers a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a pending `setTimeout`. */
  clearTimeout(handle: unknown): void;
}

/** The page's own clock: `Date.now` and the global timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Whether the page is hidden, and news of when that changes. */
export interface Visibility {
  /** True while the page is hidden (another tab, minimized). */
  hidden(): boolean;
  /** Calls `listener` on every change; answers the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** How verification polls `getConnection`. */
export interface PollSettings {
  /** The first pause between requests, ms. Default 500. */
  readonly initial?: number;
  /** The longest pause (the pause doubles up to it), ms. Default 5000. */
  readonly max?: number;
  /** How long to keep trying in all, ms of visible time. Default 60000. */
  readonly deadline?: number;
}

/** The defaults of `PollSettings`: 0.5 s doubling to 5 s, a minute in all. */
export const DEFAULT_POLL: Required<PollSettings> = Object.freeze({ initial: 500, max: 5000, deadline: 60000 });

/** A running poll. */
export interface PollHandle {
  /**
   * Settles with the first linked connection; rejects with the first error that is neither retryable
   * nor `not-found`, with `timeout` when the deadline passes, or with `cancelled` when stopped.
   */
  readonly done: Promise<Connection>;
  /** Stops: aborts the request in flight, clears the timer, stops listening to visibility. */
  stop(): void;
}

/** What `pollUntilLinked` needs. */
export interface PollInit {
  /** One request; gets a signal that aborts when polling stops. */
  request(signal: AbortSignal): Promise<Connection>;
  readonly clock: Clock;
  readonly visibility: Visibility;
  readonly settings?: PollSettings;
  /** Called with every connection read that is not yet linked. */
  onUpdate?(connection: Connection): void;
}

/**
 * Polls until the connection is `linked`: a request at once, then after 0.5 s, 1 s, 2 s, 4 s, 5 s, 5 s…
 * (per `settings`), never two requests at once, paused while the page is hidden (hidden time does
 * not count toward the deadline, and a request goes out as soon as the page shows again), with one
 * last request at the deadline before it rejects with `timeout`. Retryable errors and `not-found`
 * count as "not yet"; any other error ends it.
 */
export function pollUntilLinked(init: PollInit): PollHandle {
  const { clock, visibility, settings = {} } = init;
  const initial = Math.max(0, settings.initial ?? DEFAULT_POLL.initial);
  const max = Math.max(initial, settings.max ?? DEFAULT_POLL.max);

  let delay = initial;
  let deadlineAt = clock.now() + Math.max(0, settings.deadline ?? DEFAULT_POLL.deadline);
  let hiddenSince: number | undefined = visibility.hidden() ? clock.now() : undefined;
  // With neither a timer nor a request in flight, a poll not settled waits for the page to show.
  let timer: unknown;
  let controller: AbortController | undefined;
  let settled = false;
  let lastError: LinkError | undefined;
  let resolve!: (connection: Connection) => void;
  let reject!: (error: LinkError) => void;
  const done = new Promise<Connection>((res, rej) => {
    resolve = res;
    reject = rej;
  });

  const clear = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };

  /** Settles `done` through `settle` with `value`; stops the timer, the visibility listener and any request. */
  const finish = <T>(settle: (value: T) => void, value: T): void => {
    settled = true;
    clear();
    unsubscribe();
    controller?.abort();
    settle(value);
  };

  const run = (): void => {
    timer = undefined;
    if (settled || visibility.hidden()) return;
    const signal = (controller = new AbortController()).signal;
    // A request that throws at once counts as one that rejects.
    new Promise<Connection>((answer) => answer(init.request(signal))).then(
      (connection) => {
        controller = undefined;
        if (settled) return;
        if (connection.status === 'linked') return finish(resolve, connection);
        init.onUpdate?.(connection);
        schedule();
      },
      (error: unknown) => {
        controller = undefined;
        if (settled) return;
        lastError = toLinkError(error);
        if (!lastError.retryable && lastError.code !== 'not-found') return finish(reject, lastError);
        schedule();
      },
    );
  };

  const schedule = (): void => {
    // `onUpdate` may have stopped the poll.
    if (settled) return;
    const now = clock.now();
    if (hiddenSince === undefined && now >= deadlineAt) {
      return finish(
        reject,
        new LinkError('timeout', 'The provider did not confirm the connection in time.', { cause: lastError }),
      );
    }
    if (visibility.hidden()) return;
    timer = clock.setTimeout(run, Math.min(delay, Math.max(0, deadlineAt - now)));
    delay = Math.min(delay * 2, max);
  };

  const unsubscribe = visibility.subscribe(() => {
    if (settled) return;
    const now = clock.now();
    if (visibility.hidden()) {
      hiddenSince ??= now;
      clear();
      return;
    }
    deadlineAt += now - (hiddenSince ?? now);
    hiddenSince = undefined;
    if (timer === undefined && controller === undefined) run();
  });

  run();

  return {
    done,
    stop() {
      if (!settled) finish(reject, new LinkError('cancelled', 'Verification stopped.'));
    },
  };
}
