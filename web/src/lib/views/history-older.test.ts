import { describe, expect, it } from 'vitest';
import type { Session } from '@turnout/shared';
import { aClubSettings, anAttendance, aSession, aSignup } from '@turnout/shared/testing';
import { olderHistoryLines, summarize } from './history';

const on = (day: number, title = `Class ${day}`): Session =>
  aSession({
    title,
    startsAt: `2024-06-${String(day).padStart(2, '0')}T16:00:00.000Z`,
    endsAt: `2024-06-${String(day).padStart(2, '0')}T17:00:00.000Z`,
  });

describe('olderHistoryLines', () => {
  it('reads the server’s pages by the device’s rules and leaves out what the device shows', () => {
    const attended = on(1);
    const voided = on(2);
    const missed = on(3);
    const late = on(4);
    const shown = on(5);
    const lines = olderHistoryLines(
      [
        {
          session: shown,
          attendance: anAttendance({ sessionId: shown.id }),
          signup: null,
        },
        {
          session: late,
          attendance: null,
          signup: aSignup({
            sessionId: late.id,
            status: 'cancelled',
            lateCancel: true,
            charges: [{ passId: 'p', credits: 1 }],
          }),
        },
        { session: missed, attendance: null, signup: aSignup({ sessionId: missed.id }) },
        {
          session: voided,
          attendance: anAttendance({ sessionId: voided.id, voided: true, voidReason: 'Mistake' }),
          signup: null,
        },
        {
          session: attended,
          attendance: anAttendance({ sessionId: attended.id, credits: 2 }),
          signup: aSignup({ sessionId: attended.id }),
        },
      ],
      aClubSettings(),
      new Set([shown.id]),
      '2025-03-11T16:00:00.000Z',
    );
    expect(lines.map((l) => [l.session?.title, l.kind, l.credits, l.date])).toEqual([
      ['Class 4', 'late_cancel', 1, '2024-06-04'],
      ['Class 3', 'no_show', 0, '2024-06-03'],
      ['Class 2', 'voided', 1, '2024-06-02'],
      ['Class 1', 'attended', 2, '2024-06-01'],
    ]);
    expect(summarize(lines)).toEqual({ attended: 1, credits: 2, noShows: 1 });
  });
});
