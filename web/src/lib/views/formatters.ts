import type { ClubDate } from '@turnout/shared';

/**
 * Dates, times and numbers as the member's screens show them: in the UI
 * language, times in the club's time zone. Club dates ('YYYY-MM-DD') are
 * calendar dates already, so they are formatted without any zone shift.
 */
export interface Formatters {
  /** A club date, e.g. "28 Nov 2026". */
  date(date: ClubDate): string;
  /** An instant, e.g. "28 Nov 2026, 17:52". */
  dateTime(iso: string): string;
  /** When a session starts, e.g. "Tue, 11 Mar, 18:00". */
  sessionStart(iso: string): string;
  /** A change of credits with its sign: "+10", "−1", "0". */
  signed(n: number): string;
}

export function clubFormatters(locale: string, timeZone: string): Formatters {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const sessionStart = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' });
  return {
    date: (d) => date.format(new Date(`${d}T00:00:00Z`)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    sessionStart: (iso) => sessionStart.format(new Date(iso)),
    signed: (n) => signed.format(n),
  };
}
