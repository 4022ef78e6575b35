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
