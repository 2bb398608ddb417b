import type { ClubDate } from '@turnout/shared';
import { calendarDate, dateAndTime, dateTimeFormat, sessionStartOptions } from '$lib/format';

/**
 * Dates, times and numbers as the member's screens show them: in the UI
 * language, times in the club's time zone, with the options every screen
 * shares (`$lib/format`). Club dates ('YYYY-MM-DD') are calendar dates
 * already, so they are formatted without any zone shift.
 */
export interface Formatters {
  /** A club date, e.g. "Nov 28, 2026". */
  date(date: ClubDate): string;
  /** An instant, e.g. "Nov 28, 2026, 5:52 PM". */
  dateTime(iso: string): string;
  /** When a session starts, e.g. "Tue, Mar 11, 6:00 PM". */
  sessionStart(iso: string): string;
  /** A change of credits with its sign: "+10", "−1", "0". */
  signed(n: number): string;
}

export function clubFormatters(locale: string, timeZone: string): Formatters {
  const date = dateTimeFormat(locale, calendarDate, 'UTC');
  const dateTime = dateTimeFormat(locale, dateAndTime, timeZone);
  const sessionStart = dateTimeFormat(locale, sessionStartOptions, timeZone);
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' });
  return {
    date: (d) => date.format(new Date(`${d}T00:00:00Z`)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    sessionStart: (iso) => sessionStart.format(new Date(iso)),
    signed: (n) => signed.format(n),
  };
}
