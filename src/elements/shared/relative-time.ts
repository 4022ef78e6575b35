/** A date as the vendors send it (ISO string in UTC, with an offset, or unqualified local time), or ms / Date. */
export type DateInput = string | number | Date;

/** Each unit and its length in ms, from the shortest: a distance is told in the longest that fits in it. */
const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 1000],
  ['minute', 60_000],
  ['hour', 3_600_000],
  ['day', 86_400_000],
  ['week', 7 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['year', 365 * 86_400_000],
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
  const diff = toTime(date) - now;
  if (!Number.isFinite(diff)) return '';
  const distance = Math.abs(diff);
  const formatter = relativeFormatter(lang);
  if (distance < 10_000) return formatter.format(0, 'second');
  const [unit, size] = UNITS.filter(([, length]) => length <= distance).pop()!;
  return formatter.format(Math.trunc(diff / size), unit);
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
