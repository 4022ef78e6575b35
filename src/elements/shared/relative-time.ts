/** A date as the vendors send it (ISO string in UTC, with an offset, or unqualified local time), or ms / Date. */
export type DateInput = string | number | Date;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** Each unit, used while the distance is under its limit. */
const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number, number]> = [
  ['second', SECOND, MINUTE],
  ['minute', MINUTE, HOUR],
  ['hour', HOUR, DAY],
  ['day', DAY, WEEK],
  ['week', WEEK, MONTH],
  ['month', MONTH, YEAR],
  ['year', YEAR, Infinity],
];

/** The time of `date` in ms, or NaN when it cannot be read. Unqualified ISO times are local, as ES defines. */
export function toTime(date: DateInput): number {
  if (date instanceof Date) return date.getTime();
  if (typeof date === 'number') return date;
  return date.trim() === '' ? NaN : Date.parse(date);
}

const formatters = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormatter(lang: string): Intl.RelativeTimeFormat {
  let formatter = formatters.get(lang);
  if (!formatter) {
    try {
      formatter = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    } catch {
      formatter = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    }
    formatters.set(lang, formatter);
  }
  return formatter;
}

/**
 * How long ago (or ahead) `date` is from `now`, in `lang`: "5 minutes ago", "il y a 5 minutes",
 * "yesterday". Under ten seconds reads as "now". '' when the date cannot be read.
 */
export function formatRelativeTime(date: DateInput, lang: string, now: number = Date.now()): string {
  const time = toTime(date);
  if (!Number.isFinite(time)) return '';
  const diff = time - now;
  const distance = Math.abs(diff);
  const formatter = relativeFormatter(lang);
  if (distance < 10 * SECOND) return formatter.format(0, 'second');
  for (const [unit, size, limit] of UNITS) {
    if (distance < limit) return formatter.format(Math.trunc(diff / size), unit);
  }
  return '';
}

/** The date and time of `date` in `lang` (medium date, short time); '' when it cannot be read. */
export function formatDateTime(date: DateInput, lang: string): string {
  const time = toTime(date);
  if (!Number.isFinite(time)) return '';
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(time);
  }
}
