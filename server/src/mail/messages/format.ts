/**
 * Dates and times in a mail, in the club's time zone and the mail's locale.
 * An unknown time zone falls back to UTC rather than failing the mail.
 */
function zoneOrUtc(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

const calendarDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A session's start, e.g. "Monday, 7 December, 18:00" / "Montag, 7. Dezember um 18:00". */
export function formatWhen(iso: string, locale: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: zoneOrUtc(timeZone),
  }).format(date);
}

/**
 * A day such as a pass's last day ('2026-12-31', a calendar date with no
 * zone of its own) or the day of an instant in the club's zone.
 */
export function formatDay(value: string, locale: string, timeZone: string | undefined): string {
  const day = calendarDay.exec(value);
  const date = day
    ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])))
    : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: day ? 'UTC' : zoneOrUtc(timeZone),
  }).format(date);
}
