import { describe, expect, it } from 'vitest';
import { MEMBER, OTHER, attendance, session, settings, signup } from './fixtures.js';
import {
  checkInWindow,
  isCheckInOpen,
  isFull,
  occupancy,
  spotsLeft,
  waitlistOrder,
} from './occupancy.js';

describe('occupancy', () => {
  it('counts distinct members with an active sign-up or a valid check-in', () => {
    const third = '10000000-0000-4000-8000-00000000000b';
    const signups = [
      signup({ memberId: MEMBER }),
      signup({ memberId: OTHER, status: 'waitlisted', position: 1 }),
      signup({ memberId: third, status: 'cancelled' }),
    ];
    const checkIns = [
      attendance({ memberId: MEMBER }),
      attendance({ memberId: third, voided: true }),
    ];
    expect(occupancy(signups, checkIns)).toBe(1);
    expect(occupancy(signups, [...checkIns, attendance({ memberId: OTHER })])).toBe(2);
  });

  it('spots left and full', () => {
    expect(spotsLeft(session({ capacity: 3 }), 1)).toBe(2);
    expect(spotsLeft(session({ capacity: 3 }), 5)).toBe(0);
    expect(spotsLeft(session(), 5)).toBeNull();
    expect(isFull(session({ capacity: 2 }), 2)).toBe(true);
    expect(isFull(session(), 1000)).toBe(false);
  });

  it('orders the waitlist by position, then time', () => {
    const a = signup({ status: 'waitlisted', position: 2 });
    const b = signup({ status: 'waitlisted', position: 1 });
    const c = signup({ status: 'active' });
    expect(waitlistOrder([a, b, c]).map((s) => s.id)).toEqual([b.id, a.id]);
  });

  it('the check-in window opens before start and closes after the grace period', () => {
    const s = session();
    const w = checkInWindow(s, settings());
    expect(new Date(w.opensAt).toISOString()).toBe('2025-03-11T16:30:00.000Z');
    expect(new Date(w.closesAt).toISOString()).toBe('2025-03-11T18:30:00.000Z');
    expect(isCheckInOpen(s, settings(), '2025-03-11T16:29:59Z')).toBe(false);
    expect(isCheckInOpen(s, settings(), '2025-03-11T16:30:00Z')).toBe(true);
  });
});
