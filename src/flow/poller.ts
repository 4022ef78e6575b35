import { LinkError, toLinkError, type Connection } from '../model/index.js';
import type { DocumentLike } from './window-strategy.js';

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

/** What `pollUntilLinked` needs. */
export interface PollInit {
  /** One request, given `signal`. */
  request(signal: AbortSignal): Promise<Connection>;
  /** Stops polling when it aborts: the request in flight aborts with it, and nothing more is sent. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** The page: polling pauses while its `visibilityState` is `hidden`. */
  readonly document: DocumentLike;
  readonly settings?: PollSettings | undefined;
  /** Called with every connection read that is not yet linked. */
  onUpdate(connection: Connection): void;
  /**
   * Called once when polling ends by itself: with the first linked connection, or with the error
   * that ended it (the first that is neither retryable nor `not-found`, or `timeout` at the deadline).
   * It must abort `signal`, which lets go of the page. Never called once `signal` has aborted.
   */
  onEnd(answer: Connection | LinkError): void;
}

/**
 * Polls until the connection is `linked`: a request at once, then after 0.5 s, 1 s, 2 s, 4 s, 5 s, 5 s…
 * (per `settings`), never two requests at once, paused while the page is hidden (hidden time does
 * not count toward the deadline, and a request goes out as soon as the page shows again), with one
 * last request at the deadline before it ends with `timeout`. Retryable errors and `not-found`
 * count as "not yet"; any other error ends it. The abort of `signal` clears the timer and stops
 * listening to visibility.
 */
export function pollUntilLinked(init: PollInit): void {
  const { signal, clock, document: doc, settings = {} } = init;
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

  const clear = (): void => {
    clock.clearTimeout(timer);
    timer = undefined;
  };

  const run = (): void => {
    timer = undefined;
    if (hiddenSince !== undefined) return;
    busy = true;
    // A request that throws at once counts as one that rejects.
    new Promise<Connection>((answer) => answer(init.request(signal)))
      .catch((error: unknown) => (lastError = toLinkError(error)))
      .then((answer) => {
        busy = false;
        if (signal.aborted) return;
        if (answer instanceof LinkError) {
          if (!answer.retryable && answer.code !== 'not-found') return init.onEnd(answer);
        } else if (answer.status === 'linked') {
          return init.onEnd(answer);
        } else {
          init.onUpdate(answer);
        }
        schedule();
      });
  };

  const schedule = (): void => {
    // `onUpdate` may have stopped the poll; a hidden page sets no timer.
    if (signal.aborted || hiddenSince !== undefined) return;
    const now = clock.now();
    if (now >= deadlineAt) {
      return init.onEnd(
        new LinkError('timeout', 'The provider did not confirm the connection in time.', { cause: lastError }),
      );
    }
    timer = clock.setTimeout(run, Math.min(delay, deadlineAt - now));
    delay = Math.min(delay * 2, max);
  };

  /** Pauses while the page is hidden; on showing, moves the deadline by the hidden time and polls. */
  function onVisibility(): void {
    const now = clock.now();
    if (doc.visibilityState === 'hidden') {
      hiddenSince ??= now;
      clear();
      return;
    }
    deadlineAt += now - (hiddenSince ?? now);
    hiddenSince = undefined;
    if (timer === undefined && !busy) run();
  }

  signal.addEventListener('abort', () => {
    clear();
    doc.removeEventListener('visibilitychange', onVisibility);
  });
  doc.addEventListener('visibilitychange', onVisibility);
  // Reads the page's visibility now: a visible page polls at once.
  onVisibility();
}
