import { calendarDate, dateAndTime, dateTimeFormat, sessionStartOptions } from '$lib/format';

/**
 * Dates, times and numbers on the organizer's screens: in the UI language,
 * instants in the club's time zone, with the options every screen shares
 * (`$lib/format`). Club dates ('YYYY-MM-DD') are calendar
 * dates already, so they are formatted without any zone shift.
 */
export interface ManageFormat {
  /** A club date, e.g. "28 Nov 2026". */
  date(date: string): string;
  /** An instant, e.g. "28 Nov 2026, 17:52". */
  dateTime(iso: string): string;
  /** From one instant to another, the shared date once: "4 May 2026, 17:02 – 17:40". */
  span(fromIso: string, toIso: string): string;
  /** When a session starts, e.g. "Tue, 11 Mar, 18:00". */
  sessionStart(iso: string): string;
  /** A change of credits with its sign: "+10", "−1", "0". */
  signed(n: number): string;
  /** A plain count in the UI language ("1,234" / "1.234"). */
  count(n: number): string;
}

export function manageFormat(locale: string, timeZone: string): ManageFormat {
  const date = dateTimeFormat(locale, calendarDate, 'UTC');
  const dateTime = dateTimeFormat(locale, dateAndTime, timeZone);
  const sessionStart = dateTimeFormat(locale, sessionStartOptions, timeZone);
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' });
  const count = new Intl.NumberFormat(locale);
  return {
    date: (d) => date.format(new Date(`${d}T00:00:00Z`)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    span: (from, to) =>
      from === to
        ? dateTime.format(new Date(from))
        : dateTime.formatRange(new Date(from), new Date(to)),
    sessionStart: (iso) => sessionStart.format(new Date(iso)),
    signed: (n) => signed.format(n),
    count: (n) => count.format(n),
  };
}
