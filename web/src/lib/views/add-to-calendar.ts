import type { Session } from '@turnout/shared';

/**
 * One session as an iCalendar file, made on the device (works offline).
 * The writer (ical-generator, in @turnout/shared/calendar) is loaded on the
 * first use: the session page does not carry it. The service worker
 * precaches that chunk with the rest of the app, so it loads offline too.
 */
export async function sessionCalendarFile(
  session: Session,
  trainingType: string | null,
  locale: string,
  now: Date,
): Promise<string> {
  const { calendarFile } = await import('@turnout/shared/calendar');
  return calendarFile({
    name: null,
    locale,
    now,
    sessions: [
      {
        id: session.id,
        title: session.title,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        location: session.location,
        description: session.description,
        trainingType,
        cancelled: session.status === 'cancelled',
        cancelReason: session.cancelReason,
        // The device holds no change version: the minute the file was made stands in,
        // so a file saved later replaces an earlier one in the calendar it is opened in.
        sequence: Math.floor(now.getTime() / 60_000),
      },
    ],
  });
}
