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
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
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

/** Whether an error while verifying is worth another request. */
function worthRetrying(error: LinkError): boolean {
  return error.retryable || error.code === 'not-found';
}

/**
 * Polls until the connection is `linked`: a request at once, then after 0.5 s, 1 s, 2 s, 4 s, 5 s, 5 s…
 * (per `settings`), never two requests at once, paused while the page is hidden (hidden time does
 * not count toward the deadline, and a request goes out as soon as the page shows again), with one
 * last request at the deadline before it rejects with `timeout`.
 */
export function pollUntilLinked(init: PollInit): PollHandle {
  const { clock, visibility } = init;
  const initial = Math.max(0, init.settings?.initial ?? DEFAULT_POLL.initial);
  const max = Math.max(initial, init.settings?.max ?? DEFAULT_POLL.max);
  const deadline = Math.max(0, init.settings?.deadline ?? DEFAULT_POLL.deadline);

  let delay = initial;
  let deadlineAt = clock.now() + deadline;
  let hiddenSince: number | undefined = visibility.hidden() ? clock.now() : undefined;
  let timer: unknown;
  let controller: AbortController | undefined;
  let waiting = false;
  let settled = false;
  let lastError: LinkError | undefined;
  let resolve!: (connection: Connection) => void;
  let reject!: (error: LinkError) => void;
  const done = new Promise<Connection>((res, rej) => {
    resolve = res;
    reject = rej;
  });

  const finish = (): void => {
    settled = true;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    unsubscribe();
  };

  const run = (): void => {
    timer = undefined;
    if (settled) return;
    if (visibility.hidden()) {
      waiting = true;
      return;
    }
    waiting = false;
    controller = new AbortController();
    const signal = controller.signal;
    let answer: Promise<Connection>;
    try {
      answer = Promise.resolve(init.request(signal));
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (connection) => {
        controller = undefined;
        if (settled) return;
        if (connection.status === 'linked') {
          finish();
          resolve(connection);
          return;
        }
        init.onUpdate?.(connection);
        schedule();
      },
      (error: unknown) => {
        controller = undefined;
        if (settled) return;
        const linkError = toLinkError(error);
        if (!worthRetrying(linkError)) {
          finish();
          reject(linkError);
          return;
        }
        lastError = linkError;
        schedule();
      },
    );
  };

  const schedule = (): void => {
    if (settled) return;
    const now = clock.now();
    if (hiddenSince === undefined && now >= deadlineAt) {
      finish();
      reject(
        new LinkError('timeout', 'The provider did not confirm the connection in time.', {
          retryable: true,
          ...(lastError ? { cause: lastError } : {}),
        }),
      );
      return;
    }
    if (visibility.hidden()) {
      waiting = true;
      return;
    }
    const wait = Math.min(delay, Math.max(0, deadlineAt - now));
    delay = Math.min(delay * 2, max);
    timer = clock.setTimeout(run, wait);
  };

  const onVisibility = (): void => {
    if (settled) return;
    const now = clock.now();
    if (visibility.hidden()) {
      hiddenSince ??= now;
      if (timer !== undefined) {
        clock.clearTimeout(timer);
        timer = undefined;
        waiting = true;
      }
      return;
    }
    if (hiddenSince !== undefined) deadlineAt += now - hiddenSince;
    hiddenSince = undefined;
    if (waiting && controller === undefined) run();
  };
  const unsubscribe = visibility.subscribe(onVisibility);

  run();

  return {
    done,
    stop() {
      if (settled) return;
      finish();
      controller?.abort();
      controller = undefined;
      reject(new LinkError('cancelled', 'Verification stopped.', { retryable: false }));
    },
  };
}
