/**
 * Every date, time and number the app shows goes through `Intl` in the
 * person's locale, with one set of options per kind of value, so a time of
 * day reads the same everywhere in one language: "2:15 PM" in English,
 * "14:15" in German and French (never "02:15 PM" in one place and "2:15 PM"
 * in another). Instants are shown in the club's time zone when one is given.
 */

/** A time of day, the one way each language writes it. */
export const timeOfDay = {
  hour: 'numeric',
  minute: '2-digit',
} as const satisfies Intl.DateTimeFormatOptions;

/** A date with its year, e.g. "Nov 28, 2026" / "28.11.2026" / "28 nov. 2026". */
export const calendarDate = { dateStyle: 'medium' } as const satisfies Intl.DateTimeFormatOptions;

/** A date and time; `timeStyle: 'short'` writes the time exactly as `timeOfDay` does. */
export const dateAndTime = {
  dateStyle: 'medium',
  timeStyle: 'short',
} as const satisfies Intl.DateTimeFormatOptions;

/** When a session starts, e.g. "Tue, Mar 11, 6:00 PM" / "Di., 11. März, 18:00". */
export const sessionStartOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  ...timeOfDay,
} as const satisfies Intl.DateTimeFormatOptions;

/** A session's whole time on its own page, e.g. "Tuesday, March 11, 6:00 – 7:00 PM". */
export const sessionSpanOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  ...timeOfDay,
} as const satisfies Intl.DateTimeFormatOptions;

const formats = new Map<string, Intl.DateTimeFormat>();

/** A cached `Intl.DateTimeFormat`: building one is slow, and lists format many values. */
export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
  timeZone?: string,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, ...(timeZone ? { timeZone } : {}) });
    formats.set(key, format);
  }
  return format;
}

/** A date and time in the viewer's language, e.g. "Nov 28, 2026, 2:05 PM" / "28.11.2026, 14:05". */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  return dateTimeFormat(locale, dateAndTime, timeZone).format(new Date(iso));
}

/** A calendar date in the viewer's language, e.g. "Nov 28, 2026" / "28.11.2026". */
export function formatDate(iso: string, locale: string, timeZone?: string): string {
  return dateTimeFormat(locale, calendarDate, timeZone).format(new Date(iso));
}

/** A time of day in the viewer's language, e.g. "6:00 PM" / "18:00". */
export function formatTime(iso: string, locale: string, timeZone?: string): string {
  return dateTimeFormat(locale, timeOfDay, timeZone).format(new Date(iso));
}

/** A club-local calendar date ('YYYY-MM-DD') as a weekday and date, e.g. "Tuesday, November 24". */
export function formatDay(date: string, locale: string): string {
  return dateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' }, 'UTC').format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** When a session starts, e.g. "Tue, Mar 11, 6:00 PM". */
export function formatSessionStart(iso: string, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, sessionStartOptions, timeZone).format(new Date(iso));
}

/** A session from start to end, the shared day once: "Tuesday, March 11, 6:00 – 7:00 PM". */
export function formatSessionSpan(
  startIso: string,
  endIso: string,
  locale: string,
  timeZone: string,
): string {
  return dateTimeFormat(locale, sessionSpanOptions, timeZone).formatRange(
    new Date(startIso),
    new Date(endIso),
  );
}

/**
 * A moment near `now` as a host or member reads it: the time alone when it
 * is on the same club-local day ("9:30 AM"), else with the date.
 */
export function formatMoment(
  at: string | number,
  now: string | number,
  locale: string,
  timeZone: string,
): string {
  const day = dateTimeFormat(locale, calendarDate, timeZone);
  const sameDay = day.format(new Date(at)) === day.format(new Date(now));
  return dateTimeFormat(locale, sameDay ? timeOfDay : dateAndTime, timeZone).format(new Date(at));
}

/** A club date ('YYYY-MM-DD', a calendar day with no zone of its own), e.g. "Mar 10, 2026". */
export function formatClubDate(date: string, locale: string): string {
  return dateTimeFormat(locale, calendarDate, 'UTC').format(new Date(`${date}T00:00:00Z`));
}
