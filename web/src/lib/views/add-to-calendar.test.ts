import ICAL from 'ical.js';
import type { Session } from '@turnout/shared';
import { describe, expect, it } from 'vitest';
import { sessionCalendarFile } from './add-to-calendar';

const session: Session = {
  id: '0194f0c2-7a1e-7000-8000-000000000001',
  title: 'Evening Yoga',
  description: 'Bring a mat.',
  trainingTypeId: '0194f0c2-7a1e-7000-8000-000000000002',
  // Tuesday 27 October 2026, 18:00 in Ljubljana: the first week of winter time.
  startsAt: '2026-10-27T17:00:00.000Z',
  endsAt: '2026-10-27T18:00:00.000Z',
  location: 'Hall B',
  capacity: 12,
  creditCost: 1,
  status: 'scheduled',
  cancelReason: null,
  seriesId: null,
};

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => ({
    event: new ICAL.Event(vevent),
    status: vevent.getFirstPropertyValue('status'),
  }));
}

describe('a session as a calendar file', () => {
  it('holds one event at the session’s instants, with its place and words', async () => {
    const text = await sessionCalendarFile(session, 'Vinyasa', 'en', new Date());
    const [only, ...rest] = events(text);
    expect(rest).toEqual([]);
    const { event, status } = only!;
    expect(event.uid).toBe(`session-${session.id}@turnout`);
    expect(event.summary).toBe('Evening Yoga');
    expect(event.startDate.toJSDate().toISOString()).toBe(session.startsAt);
    expect(event.endDate.toJSDate().toISOString()).toBe(session.endsAt);
    expect(event.location).toBe('Hall B');
    expect(event.description).toBe('Training: Vinyasa\n\nBring a mat.');
    expect(status).toBe('CONFIRMED');
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Ljubljana',
      hour: '2-digit',
      minute: '2-digit',
    }).format(event.startDate.toJSDate());
    expect(local).toBe('18:00');
  });

  it('says a cancelled session is cancelled, in the member’s language', async () => {
    const cancelled: Session = { ...session, status: 'cancelled', cancelReason: 'Halle zu' };
    const [{ event, status }] = events(
      await sessionCalendarFile(cancelled, null, 'de', new Date()),
    ) as [{ event: ICAL.Event; status: unknown }];
    expect(status).toBe('CANCELLED');
    expect(event.summary).toBe('Abgesagt: Evening Yoga');
    expect(event.description).toContain('Grund der Absage: Halle zu');
  });

  it('makes a later file replace an earlier one (a higher sequence)', async () => {
    const earlier = events(
      await sessionCalendarFile(session, null, 'en', new Date('2026-10-01T10:00:00Z')),
    );
    const later = events(
      await sessionCalendarFile(session, null, 'en', new Date('2026-10-02T10:00:00Z')),
    );
    expect(later[0]!.event.sequence).toBeGreaterThan(earlier[0]!.event.sequence);
  });
});
