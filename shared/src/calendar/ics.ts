import ical, { ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { calendarWords } from './words.js';

/**
 * iCalendar files of sessions, written by ical-generator (docs/decisions.md,
 * "Calendar feeds"). The same code writes the server's feeds and the
 * device's one-session file, so both say the same thing the same way.
 *
 * Times are UTC instants (`DTSTART:20261027T170000Z`): a session is stored
 * as an instant, and an instant needs no time-zone table to be exact across
 * a daylight-saving change; calendar apps show it in the viewer's zone.
 */

/** The member's own place in a session, for their own feed. */
export type CalendarPlace = 'signedUp' | 'waitlisted' | 'going';

export interface CalendarSession {
  id: string;
  title: string;
  /** ISO-8601 instants. */
  startsAt: string;
  endsAt: string;
  location: string | null;
  description: string | null;
  trainingType: string | null;
  cancelled: boolean;
  cancelReason: string | null;
  place?: CalendarPlace;
  waitlistPosition?: number | null;
  /**
   * Grows whenever the event changes (the server's change version of the
   * session and of the member's place), so calendars take the newer copy.
   */
  sequence: number;
}

export interface CalendarFileOptions {
  /** The calendar's name (a feed) or null (a one-session file). */
  name: string | null;
  locale: string | null | undefined;
  sessions: readonly CalendarSession[];
  /** When the file is made (DTSTAMP). */
  now: Date;
  /** How often a subscribing app should fetch again, in seconds (feeds only). */
  refreshSeconds?: number;
}

/** A session's UID: the same in every feed and file, so a calendar updates instead of doubling it. */
export function calendarUid(sessionId: string): string {
  return `session-${sessionId}@turnout`;
}

export function calendarFile(options: CalendarFileOptions): string {
  const words = calendarWords(options.locale);
  const calendar = ical({
    prodId: { company: 'Turnout', product: 'Turnout', language: 'EN' },
    name: options.name,
    ttl: options.refreshSeconds ?? null,
  });
  for (const session of options.sessions) {
    let summary = session.title;
    if (session.place === 'waitlisted') summary = words.waitlistedTitle(summary);
    // Many apps ignore STATUS on a subscribed calendar: the title says it too.
    if (session.cancelled) summary = words.cancelledTitle(summary);

    const lines: string[] = [];
    if (session.trainingType) lines.push(words.trainingType(session.trainingType));
    if (session.cancelled && session.cancelReason) {
      lines.push(words.cancelReason(session.cancelReason));
    }
    if (session.place === 'signedUp') lines.push(words.signedUp);
    if (session.place === 'waitlisted')
      lines.push(words.waitlisted(session.waitlistPosition ?? null));
    if (session.place === 'going') lines.push(words.going);
    if (session.description) lines.push('', session.description);

    calendar.createEvent({
      id: calendarUid(session.id),
      sequence: session.sequence,
      stamp: options.now,
      start: new Date(session.startsAt),
      end: new Date(session.endsAt),
      summary,
      description: lines.length > 0 ? lines.join('\n') : null,
      location: session.location,
      status: session.cancelled
        ? ICalEventStatus.CANCELLED
        : session.place === 'waitlisted'
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED,
      // A cancelled session or a place not yet had does not block the time.
      transparency:
        session.cancelled || session.place === 'waitlisted'
          ? ICalEventTransparency.TRANSPARENT
          : ICalEventTransparency.OPAQUE,
    });
  }
  return calendar.toString();
}
