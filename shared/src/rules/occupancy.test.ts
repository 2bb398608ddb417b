import { describe, expect, it } from 'vitest';
import { MEMBER, OTHER, anAttendance, aSession, aClubSettings, aSignup } from '../testing/index.js';
import {
  checkInWindow,
  isCheckInOpen,
  isFull,
  occupancy,
  spotsLeft,
  waitlistOrder,
  waitlistRank,
} from './occupancy.js';

describe('occupancy', () => {
  it('counts distinct members with an active sign-up or a valid check-in', () => {
    const third = '10000000-0000-4000-8000-00000000000b';
    const signups = [
      aSignup({ memberId: MEMBER }),
      aSignup({ memberId: OTHER, status: 'waitlisted', position: 1 }),
      aSignup({ memberId: third, status: 'cancelled' }),
    ];
    const checkIns = [
      anAttendance({ memberId: MEMBER }),
      anAttendance({ memberId: third, voided: true }),
    ];
    expect(occupancy(signups, checkIns)).toBe(1);
    expect(occupancy(signups, [...checkIns, anAttendance({ memberId: OTHER })])).toBe(2);
  });

  it('spots left and full', () => {
    expect(spotsLeft(aSession({ capacity: 3 }), 1)).toBe(2);
    expect(spotsLeft(aSession({ capacity: 3 }), 5)).toBe(0);
    expect(spotsLeft(aSession(), 5)).toBeNull();
    expect(isFull(aSession({ capacity: 2 }), 2)).toBe(true);
    expect(isFull(aSession(), 1000)).toBe(false);
  });

  it('orders the waitlist by position, then time', () => {
    const a = aSignup({ status: 'waitlisted', position: 2 });
    const b = aSignup({ status: 'waitlisted', position: 1 });
    const c = aSignup({ status: 'active' });
    expect(waitlistOrder([a, b, c]).map((s) => s.id)).toEqual([b.id, a.id]);
  });

  it('a waiter is told their place in that order; gaps left by others do not count', () => {
    const gone = aSignup({ status: 'cancelled', position: 1 });
    const first = aSignup({ status: 'waitlisted', position: 2 });
    const third = aSignup({ status: 'waitlisted', position: 5 });
    const second = aSignup({ status: 'waitlisted', position: 3 });
    const holder = aSignup({ status: 'active' });
    const all = [gone, third, holder, first, second];
    expect(waitlistRank(all, first.id)).toBe(1);
    expect(waitlistRank(all, second.id)).toBe(2);
    expect(waitlistRank(all, third.id)).toBe(3);
    expect(waitlistRank(all, holder.id)).toBeNull();
    expect(waitlistRank(all, gone.id)).toBeNull();
  });

  it('the check-in window opens before start and closes after the grace period', () => {
    const s = aSession();
    const w = checkInWindow(s, aClubSettings());
    expect(new Date(w.opensAt).toISOString()).toBe('2025-03-11T16:30:00.000Z');
    expect(new Date(w.closesAt).toISOString()).toBe('2025-03-11T18:30:00.000Z');
    expect(isCheckInOpen(s, aClubSettings(), '2025-03-11T16:29:59Z')).toBe(false);
    expect(isCheckInOpen(s, aClubSettings(), '2025-03-11T16:30:00Z')).toBe(true);
  });
});
