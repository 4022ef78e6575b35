import type { WindowMode } from '../model/index.js';

/** How long a started link waits for its return before its `state` is refused: one hour. */
export const PENDING_TTL_MS = 60 * 60 * 1000;

/** The `sessionStorage` key that holds every pending record of the tab. */
export const PENDING_STORAGE_KEY = 'linkflow:pending';

/** The part of `Storage` the pending records need; `sessionStorage` in a page, a fake in tests. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** One started link, kept across the redirect to the provider and back. Holds no credential. */
export interface PendingRecord {
  /** The attempt's nonce; it must come back on the return URL. */
  readonly state: string;
  /** The integration being linked. */
  readonly integrationKey: string;
  /** Its display name, so the page that resumes can show it before anything loads. */
  readonly integrationName?: string;
  /** The connection re-authorized, or the one `startLink` made. */
  readonly connectionId?: string;
  /** When the attempt started, ms since epoch. */
  readonly startedAt: number;
  /** The return URL handed to `startLink` (the page without return parameters). */
  readonly returnUrl: string;
  /** How the provider's page was opened. */
  readonly mode: WindowMode;
  /** When a return consumed this state; a second return with it is a replay. */
  readonly usedAt?: number;
}

const isString = (value: unknown): value is string => typeof value === 'string';
/** An optional field: absent, or passing `check`. */
const optional =
  (check: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    value === undefined || check(value);

/**
 * The check of every field of a record, in the order they are stored. A stored entry is a record when
 * no field is missing or of the wrong type (a tampered or older entry is not). Checked by hand rather
 * than with a schema: the flow stays free of zod in the browser.
 */
const FIELDS: Record<keyof PendingRecord, (value: unknown) => boolean> = {
  state: (value) => isString(value) && value !== '',
  integrationKey: isString,
  integrationName: optional(isString),
  connectionId: optional(isString),
  startedAt: Number.isFinite,
  returnUrl: isString,
  mode: (value) => value === 'redirect' || value === 'popup',
  usedAt: optional(Number.isFinite),
};

/** What looking a state up found. */
export type PendingLookup =
  | { readonly status: 'pending'; readonly record: PendingRecord }
  | { readonly status: 'used'; readonly record: PendingRecord }
  | { readonly status: 'expired'; readonly record: PendingRecord }
  | { readonly status: 'unknown' };

/** A `StorageLike` held in memory, for tests and for pages where `sessionStorage` is unavailable. */
export function memoryStorage(): StorageLike & { readonly size: number } {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
    get size() {
      return map.size;
    },
  };
}

/** Reads the records in `raw` (the stored JSON), dropping anything malformed and keeping only the known fields. */
function parseRecords(raw: string | null): PendingRecord[] {
  try {
    const data: unknown = JSON.parse(raw ?? '[]');
    const records = (data as Array<Partial<Record<string, unknown>> | null>).filter((item) =>
      Object.entries(FIELDS).every(([field, check]) => check(item?.[field])),
    );
    return JSON.parse(JSON.stringify(records, Object.keys(FIELDS)));
  } catch {
    // Not JSON, or JSON that is no list.
    return [];
  }
}

/**
 * The pending records of one tab, in `sessionStorage` under one key. A record is written when a link
 * starts, found by its `state` when the user comes back, marked used by the first return (so a replay
 * is refused), and removed when the flow ends. Records older than `ttl` are refused and pruned. When
 * the storage throws (disabled, full, sandboxed) the records are kept in memory instead.
 */
export class PendingStore {
  /** Where the records are kept; undefined once it has thrown (or when there was none): memory then. */
  #storage: StorageLike | undefined;
  readonly #now: () => number;
  /** The stored JSON while the records are kept in memory. */
  #memory: string | null = null;

  /** `storage` defaults to nothing (memory only); `now` to `Date.now`. */
  constructor(storage?: StorageLike, now: () => number = Date.now) {
    this.#storage = storage;
    this.#now = now;
  }

  /** Writes `records` less the expired ones; no record left removes the key. */
  #write(records: readonly PendingRecord[]): void {
    const live = records.filter((record) => !this.#isExpired(record));
    const raw = live.length > 0 ? JSON.stringify(live) : null;
    try {
      if (this.#storage) {
        if (raw) this.#storage.setItem(PENDING_STORAGE_KEY, raw);
        else this.#storage.removeItem(PENDING_STORAGE_KEY);
        return;
      }
    } catch {
      this.#storage = undefined;
    }
    this.#memory = raw;
  }

  #isExpired(record: PendingRecord): boolean {
    return this.#now() - record.startedAt >= PENDING_TTL_MS;
  }

  /** Every record, expired ones included. */
  all(): PendingRecord[] {
    try {
      if (this.#storage) return parseRecords(this.#storage.getItem(PENDING_STORAGE_KEY));
    } catch {
      this.#storage = undefined;
    }
    return parseRecords(this.#memory);
  }

  /** Every record but the one of `state`. */
  #without(state: string): PendingRecord[] {
    return this.all().filter((record) => record.state !== state);
  }

  /** Writes `record`, replacing one with the same state and pruning expired ones. */
  add(record: PendingRecord): void {
    this.#write([...this.#without(record.state), record]);
  }

  /** Finds the record of `state`: pending, used, expired (and then removed), or unknown. */
  find(state: string | undefined): PendingLookup {
    // Every stored record has a state, so none matches an empty or missing one.
    const record = this.all().find((candidate) => candidate.state === state);
    if (!record) return { status: 'unknown' };
    if (this.#isExpired(record)) {
      this.remove(record.state);
      return { status: 'expired', record };
    }
    return { status: record.usedAt === undefined ? 'pending' : 'used', record };
  }

  /** Changes the record of `state` (mode after a popup fallback, the connection `startLink` made). */
  update(state: string, patch: Partial<Pick<PendingRecord, 'mode' | 'connectionId' | 'usedAt'>>): void {
    const records = this.all();
    const record = records.find((candidate) => candidate.state === state);
    if (record) {
      Object.assign(record, patch);
      this.#write(records);
    }
  }

  /** Marks `state` as consumed by a return. */
  markUsed(state: string): void {
    this.update(state, { usedAt: this.#now() });
  }

  /** Removes the record of `state` (and prunes expired ones). */
  remove(state: string): void {
    this.#write(this.#without(state));
  }
}
