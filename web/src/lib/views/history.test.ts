import { describe, expect, it } from 'vitest';
import { ME, OTHER, attendance, pass, replica, session, signup } from './member.fixtures';
import { myHistory } from './history';

const day = (n: number, hour = 17) =>
  `2025-03-${String(n).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/** A one-hour session starting on 2025-03-<n> at 18:00 Berlin. */
const on = (n: number, title = `Class ${n}`) =>
  session({ title, startsAt: day(n), endsAt: day(n, 18) });

describe('myHistory', () => {
  it('lists check-ins, voided ones and no-shows newest first, with a summary', () => {
    const p = pass();
    const attended = on(3);
    const twice = on(4);
    const voided = on(5);
    const missed = on(6);
    const cancelled = { ...on(7), status: 'cancelled' as const };
    const waiting = on(8);
    const view = replica({
      passes: [p],
      sessions: [attended, twice, voided, missed, cancelled, waiting],
      attendance: [
        attendance(attended, { charges: [{ passId: p.id, credits: 1 }] }),
        attendance(twice, { credits: 2, unpaidCredits: 1 }),
        attendance(voided, { voided: true, voidReason: 'Wrong person' }),
        attendance(attended, { memberId: OTHER }),
      ],
      signups: [
        signup(attended),
        signup(missed),
        signup(cancelled),
        signup(waiting, { status: 'waitlisted', position: 1 }),
      ],
    });

    const { lines, summary } = myHistory(view, ME, day(10));

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
    const view = replica({ sessions: [s], signups: [signup(s)] }, { checkInGraceMinutes: 30 });
    // Ended at 19:00 Berlin (18:00Z); check-in closes at 19:30.
    expect(myHistory(view, ME, '2025-03-10T18:20:00.000Z').lines).toEqual([]);
    expect(myHistory(view, ME, '2025-03-10T18:31:00.000Z').lines.map((l) => l.kind)).toEqual([
      'no_show',
    ]);
  });

  it('shows a late sign-out while its credit stays charged', () => {
    const p = pass();
    const late = on(3);
    const early = on(4);
    const cancelledLater = on(5);
    const view = replica({
      passes: [p],
      sessions: [late, early, { ...cancelledLater, status: 'cancelled' }],
      signups: [
        signup(late, {
          status: 'cancelled',
          lateCancel: true,
          charges: [{ passId: p.id, credits: 1 }],
          updatedAt: day(3, 16),
        }),
        signup(early, { status: 'cancelled' }),
        // Cancelling the session returned the kept credit.
        signup(cancelledLater, { status: 'cancelled', lateCancel: true, charges: [] }),
      ],
    });

    const { lines } = myHistory(view, ME, day(10));

    expect(lines.map((l) => [l.session?.title, l.kind, l.credits])).toEqual([
      ['Class 3', 'late_cancel', 1],
    ]);
  });

  it('keeps records whose session is no longer on this device, at their own time', () => {
    const gone = on(2);
    const view = replica({ attendance: [attendance(gone, { checkedInAt: day(2, 16) })] });
    const [line] = myHistory(view, ME, day(10)).lines;
    expect(line).toMatchObject({ session: null, at: day(2, 16), kind: 'attended' });
  });
});
