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
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The stored `item` as a record, or `undefined` when any field is missing or of the wrong type (a
 * tampered or older entry). Checked by hand rather than with a schema: the flow stays free of zod in
 * the browser. Only the known fields are kept.
 */
function toRecord(item: unknown): PendingRecord | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const fields: Partial<Record<keyof PendingRecord, unknown>> = item;
  const { state, integrationKey, integrationName, connectionId, startedAt, returnUrl, mode, usedAt } = fields;
  if (!isString(state) || state === '' || !isString(integrationKey) || !isString(returnUrl)) return undefined;
  if (!isTime(startedAt) || (mode !== 'redirect' && mode !== 'popup')) return undefined;
  if (integrationName !== undefined && !isString(integrationName)) return undefined;
  if (connectionId !== undefined && !isString(connectionId)) return undefined;
  if (usedAt !== undefined && !isTime(usedAt)) return undefined;
  return {
    state,
    integrationKey,
    ...(integrationName === undefined ? {} : { integrationName }),
    ...(connectionId === undefined ? {} : { connectionId }),
    startedAt,
    returnUrl,
    mode,
    ...(usedAt === undefined ? {} : { usedAt }),
  };
}

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

/** Reads the records in `raw` (the stored JSON), dropping anything malformed. */
function parseRecords(raw: string | null): PendingRecord[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const records: PendingRecord[] = [];
  for (const item of data) {
    const record = toRecord(item);
    if (record) records.push(record);
  }
  return records;
}

/**
 * The pending records of one tab, in `sessionStorage` under one key. A record is written when a link
 * starts, found by its `state` when the user comes back, marked used by the first return (so a replay
 * is refused), and removed when the flow ends. Records older than `ttl` are refused and pruned. When
 * the storage throws (disabled, full, sandboxed) the records are kept in memory instead.
 */
export class PendingStore {
  readonly #storage: StorageLike | undefined;
  readonly #now: () => number;
  readonly #ttl: number;
  #fallback: string | null = null;
  #useFallback = false;

  /** `storage` defaults to nothing (memory only); `now` to `Date.now`; `ttl` to an hour. */
  constructor(storage?: StorageLike, now: () => number = Date.now, ttl: number = PENDING_TTL_MS) {
    this.#storage = storage;
    this.#now = now;
    this.#ttl = ttl;
    this.#useFallback = storage === undefined;
  }

  #read(): PendingRecord[] {
    if (!this.#useFallback) {
      try {
        return parseRecords(this.#storage!.getItem(PENDING_STORAGE_KEY));
      } catch {
        this.#useFallback = true;
      }
    }
    return parseRecords(this.#fallback);
  }

  #write(records: readonly PendingRecord[]): void {
    const live = records.filter((record) => !this.#isExpired(record));
    const raw = live.length === 0 ? null : JSON.stringify(live);
    if (!this.#useFallback) {
      try {
        if (raw === null) this.#storage!.removeItem(PENDING_STORAGE_KEY);
        else this.#storage!.setItem(PENDING_STORAGE_KEY, raw);
        return;
      } catch {
        this.#useFallback = true;
      }
    }
    this.#fallback = raw;
  }

  #isExpired(record: PendingRecord): boolean {
    return this.#now() - record.startedAt >= this.#ttl;
  }

  /** Every record, expired ones included. */
  all(): PendingRecord[] {
    return this.#read();
  }

  /** Writes `record`, replacing one with the same state and pruning expired ones. */
  add(record: PendingRecord): void {
    this.#write([...this.#read().filter((other) => other.state !== record.state), { ...record }]);
  }

  /** Finds the record of `state`: pending, used, expired, or unknown. */
  find(state: string | undefined): PendingLookup {
    if (!state) return { status: 'unknown' };
    const record = this.#read().find((candidate) => candidate.state === state);
    if (!record) return { status: 'unknown' };
    if (this.#isExpired(record)) return { status: 'expired', record };
    if (record.usedAt !== undefined) return { status: 'used', record };
    return { status: 'pending', record };
  }

  /** Changes the record of `state` (mode after a popup fallback, the connection `startLink` made). */
  update(state: string, patch: Partial<Pick<PendingRecord, 'mode' | 'connectionId' | 'usedAt'>>): void {
    const records = this.#read();
    const index = records.findIndex((record) => record.state === state);
    if (index < 0) return;
    records[index] = { ...records[index]!, ...patch };
    this.#write(records);
  }

  /** Marks `state` as consumed by a return. */
  markUsed(state: string): void {
    this.update(state, { usedAt: this.#now() });
  }

  /** Removes the record of `state`. */
  remove(state: string): void {
    const records = this.#read();
    if (records.some((record) => record.state === state)) {
      this.#write(records.filter((record) => record.state !== state));
    }
  }
}
