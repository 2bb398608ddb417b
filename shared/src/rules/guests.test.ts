import { describe, expect, it } from 'vitest';
import { checkInGuest, type GuestCheckInArgs, type GuestCheckInFacts } from './guests.js';
import {
  HOST,
  aContext,
  anAttendance,
  aSession,
  expectApplied,
  expectRefused,
  uuid,
} from '../testing/index.js';

const IN_WINDOW = '2025-03-11T16:45:00.000Z'; // check-in open (opens 16:30Z)
const host = (settings = {}) =>
  aContext({ role: 'host', now: IN_WINDOW, settings, deviceLabel: 'Front desk tablet' });

function facts(over: Partial<GuestCheckInFacts> = {}): GuestCheckInFacts {
  return {
    session: aSession({ capacity: 10 }),
    occupancy: 0,
    signup: null,
    attendance: null,
    passes: [],
    kind: null,
    ...over,
  };
}

function args(f: GuestCheckInFacts, over: Partial<GuestCheckInArgs> = {}): GuestCheckInArgs {
  return {
    guestId: uuid(),
    sessionId: f.session!.id,
    name: 'Gil Guest',
    visit: 'drop_in',
    payment: 'cash',
    amount: '€12',
    ...over,
  };
}

describe('a walk-in at the door', () => {
  it('records a new guest, their check-in without credits, and how they paid', () => {
    const f = facts();
    const a = args(f, { contact: '+49 170 000' });
    const ctx = host();
    const e = expectApplied(checkInGuest(ctx, a, f));
    expect(e.guests).toEqual([
      {
        memberId: a.guestId,
        name: 'Gil Guest',
        contact: '+49 170 000',
        addedAt: IN_WINDOW,
        addedBy: HOST,
      },
    ]);
    expect(e.attendance).toHaveLength(1);
    expect(e.attendance[0]).toMatchObject({
      id: ctx.mutationId,
      memberId: a.guestId,
      credits: 0,
      charges: [],
      unpaidCredits: 0,
      flags: [],
      byMemberId: HOST,
      deviceLabel: 'Front desk tablet',
    });
    expect(e.guestVisits).toEqual([
      {
        attendanceId: ctx.mutationId,
        memberId: a.guestId,
        sessionId: f.session!.id,
        kind: 'drop_in',
        payment: 'cash',
        amount: '€12',
        recordedBy: HOST,
        recordedAt: IN_WINDOW,
      },
    ]);
    // Never a charge and never a debt: a guest has no pass.
    expect(e.creditLog).toEqual([]);
    expect(e.passes).toEqual([]);
  });

  it('adds a visit to a guest already recorded, without recording them again', () => {
    const f = facts({ kind: 'guest' });
    const e = expectApplied(
      checkInGuest(
        host(),
        args(f, { visit: 'trial', payment: 'free_trial', amount: undefined }),
        f,
      ),
    );
    expect(e.guests).toEqual([]);
    expect(e.guestVisits[0]).toMatchObject({ kind: 'trial', payment: 'free_trial', amount: null });
  });

  it('is staff work: a member is refused', () => {
    const f = facts();
    expect(expectRefused(checkInGuest(aContext({ now: IN_WINDOW }), args(f), f)).code).toBe(
      'not_permitted',
    );
  });

  it('refuses an id that names a member with an account', () => {
    const f = facts({ kind: 'member' });
    expect(expectRefused(checkInGuest(host(), args(f), f)).code).toBe('conflict');
  });

  it('takes a place like anyone: a full session follows hostOverCapacity', () => {
    const full = facts({ session: aSession({ capacity: 2 }), occupancy: 2 });
    const flagged = expectApplied(checkInGuest(host(), args(full), full));
    expect(flagged.flags).toEqual(['over_capacity']);
    expect(flagged.attendance[0]!.flags).toEqual(['over_capacity']);
    const refused = expectRefused(
      checkInGuest(host({ hostOverCapacity: 'reject' }), args(full), full),
    );
    expect(refused.code).toBe('session_full');
  });

  it('the last free place is theirs without a flag', () => {
    const f = facts({ session: aSession({ capacity: 2 }), occupancy: 1 });
    expect(expectApplied(checkInGuest(host(), args(f), f)).flags).toEqual([]);
  });

  it('a second check-in of the same guest says already_checked_in; a voided one is reused', () => {
    const f = facts({ kind: 'guest' });
    const a = args(f);
    const earlier = anAttendance({ sessionId: f.session!.id, memberId: a.guestId });
    expect(expectRefused(checkInGuest(host(), a, { ...f, attendance: earlier })).code).toBe(
      'already_checked_in',
    );
    const voided = { ...earlier, voided: true };
    const e = expectApplied(checkInGuest(host(), a, { ...f, attendance: voided }));
    expect(e.attendance[0]!.id).toBe(earlier.id);
    expect(e.guestVisits[0]!.attendanceId).toBe(earlier.id);
  });

  it('follows the recording window and cancelled sessions like any check-in', () => {
    const f = facts();
    const early = aContext({ role: 'host', now: '2025-03-11T12:00:00.000Z' });
    expect(expectRefused(checkInGuest(early, args(f), f)).code).toBe('check_in_closed');
    const cancelled = facts({ session: aSession({ status: 'cancelled' }) });
    expect(expectRefused(checkInGuest(host(), args(cancelled), cancelled)).code).toBe(
      'session_cancelled',
    );
  });
});
