import { describe, expect, it } from 'vitest';
import type { Attendance, Session } from '@turnout/shared';
import { anAttendance, aPass, aSession, aSignup, MEMBER, OTHER } from '@turnout/shared/testing';
import { replicaOf } from '$lib/testing';
import { myHistory } from './history';

const day = (n: number, hour = 17) =>
  `2025-03-${String(n).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/** A one-hour session starting on 2025-03-<n> at 18:00 Berlin. */
const on = (n: number, title = `Class ${n}`) =>
  aSession({ title, startsAt: day(n), endsAt: day(n, 18) });

/** MEMBER's check-in for `s`, at its start. */
const checkIn = (s: Session, over: Partial<Attendance> = {}) =>
  anAttendance({ sessionId: s.id, checkedInAt: s.startsAt, updatedAt: s.startsAt, ...over });

describe('myHistory', () => {
  it('lists check-ins, voided ones and no-shows newest first, with a summary', () => {
    const p = aPass();
    const attended = on(3);
    const twice = on(4);
    const voided = on(5);
    const missed = on(6);
    const cancelled = { ...on(7), status: 'cancelled' as const };
    const waiting = on(8);
    const view = replicaOf({
      passes: [p],
      sessions: [attended, twice, voided, missed, cancelled, waiting],
      attendance: [
        checkIn(attended, { charges: [{ passId: p.id, credits: 1 }] }),
        checkIn(twice, { credits: 2, unpaidCredits: 1 }),
        checkIn(voided, { voided: true, voidReason: 'Wrong person' }),
        checkIn(attended, { memberId: OTHER }),
      ],
      signups: [
        aSignup({ sessionId: attended.id }),
        aSignup({ sessionId: missed.id }),
        aSignup({ sessionId: cancelled.id }),
        aSignup({ sessionId: waiting.id, status: 'waitlisted', position: 1 }),
      ],
    });

    const { lines, summary } = myHistory(view, MEMBER, day(10));

    expect(lines.map((l) => [l.session?.title, l.kind, l.credits, l.unpaid])).toEqual([
      ['Class 6', 'no_show', 0, 0],
      ['Class 5', 'voided', 1, 0],
      ['Class 4', 'attended', 2, 1],
      ['Class 3', 'attended', 1, 0],
    ]);
    expect(lines[1]!.attendance?.voidReason).toBe('Wrong person');
    expect(lines[0]!.date).toBe('2025-03-06');
    expect(summary).toEqual({ attended: 2, credits: 3, noShows: 1 });
  });

  it('calls it a no-show only once self check-in has closed', () => {
    const s = on(10);
    const view = replicaOf({
      sessions: [s],
      signups: [aSignup({ sessionId: s.id })],
      settings: { checkInGraceMinutes: 30 },
    });
    // Ended at 19:00 Berlin (18:00Z); check-in closes at 19:30.
    expect(myHistory(view, MEMBER, '2025-03-10T18:20:00.000Z').lines).toEqual([]);
    expect(myHistory(view, MEMBER, '2025-03-10T18:31:00.000Z').lines.map((l) => l.kind)).toEqual([
      'no_show',
    ]);
  });

  it('shows a late sign-out while its credit stays charged', () => {
    const p = aPass();
    const late = on(3);
    const early = on(4);
    const cancelledLater = on(5);
    const view = replicaOf({
      passes: [p],
      sessions: [late, early, { ...cancelledLater, status: 'cancelled' }],
      signups: [
        aSignup({
          sessionId: late.id,
          status: 'cancelled',
          lateCancel: true,
          charges: [{ passId: p.id, credits: 1 }],
          updatedAt: day(3, 16),
        }),
        aSignup({ sessionId: early.id, status: 'cancelled' }),
        // Cancelling the session returned the kept credit.
        aSignup({
          sessionId: cancelledLater.id,
          status: 'cancelled',
          lateCancel: true,
          charges: [],
        }),
      ],
    });

    const { lines } = myHistory(view, MEMBER, day(10));

    expect(lines.map((l) => [l.session?.title, l.kind, l.credits])).toEqual([
      ['Class 3', 'late_cancel', 1],
    ]);
  });

  it('keeps records whose session is no longer on this device, at their own time', () => {
    const gone = on(2);
    const view = replicaOf({ attendance: [checkIn(gone, { checkedInAt: day(2, 16) })] });
    const [line] = myHistory(view, MEMBER, day(10)).lines;
    expect(line).toMatchObject({ session: null, at: day(2, 16), kind: 'attended' });
  });
});
