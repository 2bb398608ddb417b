import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';

/**
 * Club-calendar helpers. Instants are ISO-8601 strings or epoch milliseconds;
 * club dates are 'YYYY-MM-DD' in the club's time zone. Nothing here reads the
 * clock: every function takes the time it works on.
 */

/** An instant: ISO-8601 string (with offset or Z) or epoch milliseconds. */
export type TimeInput = string | number;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export function toMs(time: TimeInput): number {
  const ms = typeof time === 'number' ? time : Date.parse(time);
  if (Number.isNaN(ms)) throw new RangeError(`Not a valid instant: ${String(time)}`);
  return ms;
}

export function toIso(time: TimeInput): string {
  return new Date(toMs(time)).toISOString();
}

export function addMinutes(time: TimeInput, minutes: number): number {
  return toMs(time) + minutes * MINUTE;
}

/** One formatter per time zone: building an Intl formatter costs far more than using one. */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(timezone: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    dateFormatters.set(timezone, formatter);
  }
  return formatter;
}

/**
 * The club-local calendar date of an instant. On the hot path of every
 * check-in (pass validity, backfill window), so it uses a cached Intl
 * formatter; a property test holds it equal to date-fns with @date-fns/tz.
 */
export function clubDate(time: TimeInput, timezone: string): string {
  let year = '';
  let month = '';
  let day = '';
  for (const part of dateFormatter(timezone).formatToParts(toMs(time))) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

/** The club-local wall-clock time 'HH:mm' of an instant. */
export function clubTime(time: TimeInput, timezone: string): string {
  return format(new TZDate(toMs(time), timezone), 'HH:mm');
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(date: string): [number, number, number] {
  const m = datePattern.exec(date);
  if (!m) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Calendar arithmetic on 'YYYY-MM-DD' (no time zone involved). */
export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseDate(from);
  const [y2, m2, d2] = parseDate(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / (24 * HOUR));
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = parseDate(date);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The instant of a club-local date and wall-clock time ('HH:mm').
 * A time skipped by a DST jump moves forward by the jump (02:30 → 03:30);
 * a time that happens twice when clocks go back takes the first one.
 */
export function zonedInstant(date: string, time: string, timezone: string): string {
  const [y, m, d] = parseDate(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!t) throw new RangeError(`Not a time (HH:mm): ${time}`);
  let ms = new TZDate(y, m - 1, d, Number(t[1]), Number(t[2]), timezone).getTime();
  const wall = format(new TZDate(ms, timezone), 'yyyy-MM-dd HH:mm');
  if (format(new TZDate(ms - HOUR, timezone), 'yyyy-MM-dd HH:mm') === wall) ms -= HOUR;
  return new Date(ms).toISOString();
}

/** The instant `days` club-calendar days after `time` (same wall-clock time, DST-aware). */
export function addClubDays(time: TimeInput, days: number, timezone: string): number {
  return addDays(new TZDate(toMs(time), timezone), days).getTime();
}
