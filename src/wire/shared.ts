import * as z from 'zod/mini';
import { LinkError, type LinkErrorDetail } from '../model/index.js';

/** Where a page of a vendor's paged list stands. */
export interface WirePage {
  pageNumber: number;
  pageSize: number;
  totalResults: number;
  hasNext: boolean;
}

/** What a vendor's error body says; never throws, null when the body is not that vendor's error shape. */
export interface VendorErrorInfo {
  message?: string;
  status?: number;
  correlationId?: string;
  retryable?: boolean;
  details: LinkErrorDetail[];
}

/** How many issues a list reports at most before it stops looking: a hostile payload cannot make a huge error. */
const MAX_LIST_ISSUES = 20;

/** The longest date-time string worth reading (7 fractional digits and an offset fit well within it). */
const MAX_DATE_LENGTH = 40;

/**
 * ISO 8601 date-time in the three forms the vendors send: UTC (`Z`), an offset (`-05:00`, `+0530`, `+01`),
 * or unqualified local time; seconds and up to 7 fractional digits optional.
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** A moment in time read from a vendor's date-time: whole seconds since the epoch and 100 ns ticks. */
export interface Instant {
  readonly seconds: number;
  readonly ticks: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Reads a vendor's date-time as an instant; an unqualified local time counts as UTC. Null when the
 * string is not one of the accepted forms or names an impossible date or time.
 */
export function readInstant(value: string): Instant | null {
  if (typeof value !== 'string' || value.length > MAX_DATE_LENGTH) return null;
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone, sign, oh = '0', om = '0'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const offsetHours = Number(oh);
  const offsetMinutes = Number(om);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  const offset = zone === undefined || zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offset, second, 0);
  return { seconds: date.getTime() / 1000, ticks: Number(fraction.padEnd(7, '0')) };
}

/** Whether `value` is a date-time in one of the forms the vendors send. */
export function isIsoDateTime(value: string): boolean {
  return readInstant(value) !== null;
}

/** Orders two vendor date-times as instants: negative when `a` is earlier, positive when later, 0 when equal. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds === b.seconds ? a.ticks - b.ticks : a.seconds - b.seconds;
}

/** What kind of JSON value `value` is, for messages (never the value itself). */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * A schema's error message that says what was expected and what kind of value came (never the value,
 * which may be huge or hold something private).
 */
export function expected(what: string): { error: (issue: { input?: unknown }) => string } {
  return {
    error: (issue) =>
      issue.input === undefined ? `Missing: expected ${what}` : `Expected ${what}, received ${kindOf(issue.input)}`,
  };
}

/** A string of any content. */
export const WireString = z.string(expected('a string'));
/** A string with at least one character: ids and keys. */
export const NonEmptyString = z.string(expected('a string')).check(z.minLength(1, 'Expected a non-empty string'));
/** A boolean. */
export const WireBoolean = z.boolean(expected('a boolean'));
/** Any finite number. */
export const WireNumber = z.number(expected('a number'));
/** A count: an integer of 0 or more. */
export const WireCount = z.int(expected('an integer')).check(z.gte(0, 'Expected an integer of 0 or more'));

/** A date-time string in one of the three forms; the vendor's string is kept as it came. */
export const IsoDateTimeSchema = WireString.check(
  z.refine(isIsoDateTime, 'Invalid date: expected an ISO 8601 date-time (UTC, offset or local time)'),
);

/**
 * An array whose items are parsed with `item`. Unlike `z.array`, it stops after a few failing items, so a
 * multi-megabyte list of wrong values costs little and yields a short error.
 */
export function boundedArray<S extends z.ZodMiniType>(item: S) {
  return z.pipe(
    z.custom<unknown[]>((value) => Array.isArray(value), expected('an array')),
    z.transform((list: unknown[], ctx): z.output<S>[] => {
      const out: z.output<S>[] = [];
      let found = 0;
      for (let index = 0; index < list.length && found < MAX_LIST_ISSUES; index += 1) {
        const result = item.safeParse(list[index]);
        if (result.success) {
          out.push(result.data as z.output<S>);
          continue;
        }
        for (const issue of result.error.issues) {
          if (found >= MAX_LIST_ISSUES) break;
          found += 1;
          ctx.issues.push({
            code: 'custom',
            message: issue.message,
            path: [index, ...issue.path],
            input: undefined,
          });
        }
      }
      return out;
    }),
  );
}

/** A list of strings (categories, permissions): open sets, any string is kept. */
export const StringListSchema = boundedArray(WireString);

/**
 * Runs mapping code on already-parsed data so that nothing but a `LinkError` ever leaves a parser,
 * however strange the value.
 */
export function mapOrThrow<T>(what: string, map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (LinkError.is(error)) throw error;
    throw new LinkError('invalid-response', `The ${what} could not be read.`, {
      retryable: false,
      details: [{ path: '', message: error instanceof Error ? error.message : 'unreadable value' }],
    });
  }
}

/** Runs `read`, answering null instead of throwing: for error bodies, which are read on a best-effort basis. */
export function readOrNull<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** The text as given, or undefined when it is missing or blank. */
export function text(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : value;
}

/** A copy of `source` without its `undefined` values, so optional model fields are absent rather than undefined. */
export function compact<T extends object>(source: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) if (value !== undefined) out[key] = value;
  return out as T;
}
