import { describe, expect, it } from 'vitest';
import {
  adjustCheckIn,
  checkIn,
  setIntent,
  signOut,
  signUp,
  voidCheckIn,
  type MemberSessionFacts,
} from './index.js';
import {
  END,
  HOST,
  MEMBER,
  OTHER,
  OWNER,
  START,
  anAttendance,
  aContext,
  expectApplied,
  expectRefused,
  aPass,
  aSession,
  aSignup,
} from '../testing/index.js';
import type { Session } from './types.js';

function facts(over: Partial<MemberSessionFacts> = {}): MemberSessionFacts {
  return { session: aSession(), occupancy: 0, signup: null, attendance: null, passes: [], ...over };
}

const BEFORE = '2025-03-11T15:00:00.000Z'; // 2 h before start
const IN_WINDOW = '2025-03-11T16:45:00.000Z'; // check-in open (opens 16:30Z)

describe('going', () => {
  it('marks going before the start', () => {
    const s = aSession();
    const e = expectApplied(
      setIntent(
        aContext({ now: BEFORE }),
        { sessionId: s.id, going: true },
        { session: s, intent: null },
      ),
    );
    expect(e.intents).toEqual([
      { sessionId: s.id, memberId: MEMBER, going: true, updatedAt: BEFORE },
    ]);
    expect(e.attendance).toEqual([]);
    expect(e.creditLog).toEqual([]);
  });

  it('changes nothing when already in that state', () => {
    const s = aSession();
    const intent = { sessionId: s.id, memberId: MEMBER, going: true, updatedAt: BEFORE };
    const e = expectApplied(
      setIntent(aContext(), { sessionId: s.id, going: true }, { session: s, intent }),
    );
    expect(e.intents).toEqual([]);
  });

  it('records a first answer of "not going" (an answer, unlike saying nothing)', () => {
    const s = aSession();
    const e = expectApplied(
      setIntent(
        aContext({ now: BEFORE }),
        { sessionId: s.id, going: false },
        { session: s, intent: null },
      ),
    );
    expect(e.intents).toEqual([
      { sessionId: s.id, memberId: MEMBER, going: false, updatedAt: BEFORE },
    ]);
  });

  it('is refused once the session started, when the club turned it off, or when cancelled', () => {
    const s = aSession();
    const args = { sessionId: s.id, going: true };
    expect(
      expectRefused(setIntent(aContext({ now: START }), args, { session: s, intent: null })).code,
    ).toBe('session_started');
    expect(
      expectRefused(
        setIntent(aContext({ settings: { whosGoingEnabled: false } }), args, {
          session: s,
          intent: null,
        }),
      ).code,
    ).toBe('feature_disabled');
    const c = aSession({ status: 'cancelled' });
    expect(
      expectRefused(
        setIntent(aContext(), { ...args, sessionId: c.id }, { session: c, intent: null }),
      ).code,
    ).toBe('session_cancelled');
  });
});

describe('sign up', () => {
  it('books a place without charging under at_checkin', () => {
    const s = aSession({ capacity: 10 });
    const c = aContext({ now: BEFORE });
    const e = expectApplied(
      signUp(c, { sessionId: s.id }, facts({ session: s, passes: [aPass()] })),
    );
    expect(e.signups).toMatchObject([
      { id: c.mutationId, status: 'active', memberId: MEMBER, charges: [] },
    ]);
    expect(e.creditLog).toEqual([]);
  });

  it('charges the credit cost at sign-up under at_signup', () => {
    const s = aSession();
    const p = aPass({ balance: 3 });
    const c = aContext({ now: BEFORE, settings: { creditPolicy: 'at_signup' } });
    const e = expectApplied(signUp(c, { sessionId: s.id }, facts({ session: s, passes: [p] })));
    expect(e.signups[0]?.charges).toEqual([{ passId: p.id, credits: 1 }]);
    expect(e.creditLog).toMatchObject([
      {
        passId: p.id,
        delta: -1,
        kind: 'charged_signup',
        balanceAfter: 2,
        sessionId: s.id,
        signupId: c.mutationId,
      },
    ]);
    expect(e.passes).toMatchObject([{ id: p.id, balance: 2 }]);
  });

  it('refuses insufficient_credits under at_signup when no pass is usable, saying why', () => {
    const s = aSession();
    const expired = aPass({ expiresOn: '2025-03-10' });
    const r = expectRefused(
      signUp(
        aContext({ now: BEFORE, settings: { creditPolicy: 'at_signup' } }),
        { sessionId: s.id },
        facts({ session: s, passes: [expired] }),
      ),
    );
    expect(r.code).toBe('insufficient_credits');
    expect(r.message).toContain('expires before this session');
  });

  it('joins the waitlist at the end when full and the waitlist is on', () => {
    const s = aSession({ capacity: 2 });
    const waitlist = [
      aSignup({ sessionId: s.id, memberId: OTHER, status: 'waitlisted', position: 4 }),
    ];
    const e = expectApplied(
      signUp(
        aContext({ now: BEFORE, settings: { creditPolicy: 'at_signup' } }),
        { sessionId: s.id },
        { ...facts({ session: s, occupancy: 2, passes: [aPass()] }), waitlist },
      ),
    );
    expect(e.flags).toEqual(['waitlisted']);
    expect(e.signups).toMatchObject([{ status: 'waitlisted', position: 5, charges: [] }]);
    expect(e.creditLog).toEqual([]);
  });

  it('refuses session_full without a waitlist and names what took the last spot', () => {
    const s = aSession({ capacity: 1 });
    const r = expectRefused(
      signUp(
        aContext({ now: BEFORE, settings: { waitlistEnabled: false } }),
        { sessionId: s.id },
        facts({
          session: s,
          occupancy: 1,
          placeRecords: [
            {
              kind: 'signup',
              at: '2025-03-10T08:00:00.000Z',
              deviceLabel: 'Phone',
              memberId: OTHER,
            },
            {
              kind: 'checkin',
              at: '2025-03-11T16:52:00.000Z',
              deviceLabel: 'Front desk',
              memberId: OTHER,
            },
          ],
        }),
      ),
    );
    expect(r.code).toBe('session_full');
    expect(r.message).toBe(
      'The session is full. The last spot was taken by a check-in recorded at 17:52 on Front desk.',
    );
  });

  it('is refused after start, when sign-ups are off, and for another member by a member', () => {
    const s = aSession();
    expect(
      expectRefused(signUp(aContext({ now: START }), { sessionId: s.id }, facts({ session: s })))
        .code,
    ).toBe('session_started');
    expect(
      expectRefused(
        signUp(
          aContext({ settings: { signupsEnabled: false } }),
          { sessionId: s.id },
          facts({ session: s }),
        ),
      ).code,
    ).toBe('feature_disabled');
    expect(
      expectRefused(signUp(aContext(), { sessionId: s.id, memberId: OTHER }, facts({ session: s })))
        .code,
    ).toBe('not_permitted');
  });

  it('lets a host sign up another member', () => {
    const s = aSession();
    const e = expectApplied(
      signUp(
        aContext({ role: 'host' }),
        { sessionId: s.id, memberId: OTHER },
        facts({ session: s }),
      ),
    );
    expect(e.signups).toMatchObject([{ memberId: OTHER, byMemberId: HOST }]);
  });

  it('changes nothing when already signed up, and refuses when already checked in', () => {
    const s = aSession();
    const mine = aSignup({ sessionId: s.id });
    expect(
      expectApplied(signUp(aContext(), { sessionId: s.id }, facts({ session: s, signup: mine })))
        .signups,
    ).toEqual([]);
    const a = anAttendance({ sessionId: s.id });
    expect(
      expectRefused(signUp(aContext(), { sessionId: s.id }, facts({ session: s, attendance: a })))
        .code,
    ).toBe('already_checked_in');
  });

  it('refuses everything on a cancelled session', () => {
    const s = aSession({ status: 'cancelled' });
    expect(expectRefused(signUp(aContext(), { sessionId: s.id }, facts({ session: s }))).code).toBe(
      'session_cancelled',
    );
  });
});

describe('sign out', () => {
  const atSignup = { creditPolicy: 'at_signup' as const };

  it('returns the credit to the pass that paid', () => {
    const s = aSession({ capacity: 5 });
    const p = aPass({ balance: 4 });
    const mine = aSignup({ sessionId: s.id, charges: [{ passId: p.id, credits: 1 }] });
    const e = expectApplied(
      signOut(
        aContext({ now: BEFORE, settings: atSignup }),
        { sessionId: s.id },
        facts({ session: s, signup: mine, occupancy: 3, passes: [p] }),
      ),
    );
    expect(e.signups).toMatchObject([{ id: mine.id, status: 'cancelled', charges: [] }]);
    expect(e.creditLog).toMatchObject([
      { passId: p.id, delta: 1, kind: 'returned_signout', balanceAfter: 5 },
    ]);
    expect(e.flags).toEqual([]);
  });

  it('late cancel: keeps the credit, flags late_cancel, promotes nobody and tells waiters a spot is open', () => {
    const s = aSession({ capacity: 1 });
    const p = aPass({ balance: 4 });
    const mine = aSignup({ sessionId: s.id, charges: [{ passId: p.id, credits: 1 }] });
    const waiter = aSignup({ sessionId: s.id, memberId: OTHER, status: 'waitlisted', position: 1 });
    const e = expectApplied(
      signOut(
        aContext({
          now: '2025-03-11T16:30:00.000Z',
          settings: { ...atSignup, lateCancelMinutes: 60 },
        }),
        { sessionId: s.id },
        {
          ...facts({ session: s, signup: mine, occupancy: 1, passes: [p] }),
          waitlist: [waiter],
          waiterPasses: [aPass({ memberId: OTHER })],
        },
      ),
    );
    expect(e.flags).toEqual(['late_cancel']);
    expect(e.signups).toMatchObject([
      {
        id: mine.id,
        status: 'cancelled',
        lateCancel: true,
        charges: [{ passId: p.id, credits: 1 }],
      },
    ]);
    expect(e.creditLog).toEqual([]);
    expect(e.promotions).toEqual([]);
    expect(e.notifications).toMatchObject([{ memberId: OTHER, kind: 'spot_open' }]);
  });

  it('just outside lateCancelMinutes the credit comes back', () => {
    const s = aSession();
    const p = aPass();
    const mine = aSignup({ sessionId: s.id, charges: [{ passId: p.id, credits: 1 }] });
    const e = expectApplied(
      signOut(
        aContext({
          now: '2025-03-11T16:00:00.000Z',
          settings: { ...atSignup, lateCancelMinutes: 60 },
        }),
        { sessionId: s.id },
        facts({ session: s, signup: mine, occupancy: 1, passes: [p] }),
      ),
    );
    expect(e.flags).toEqual([]);
    expect(e.creditLog).toMatchObject([{ delta: 1, kind: 'returned_signout' }]);
  });

  it('promotes the first waiter with credits, skipping and notifying a waiter without', () => {
    const s = aSession({ capacity: 1 });
    const mine = aSignup({ sessionId: s.id });
    const broke = aSignup({ sessionId: s.id, memberId: OTHER, status: 'waitlisted', position: 1 });
    const third = '10000000-0000-4000-8000-000000000009';
    const next = aSignup({ sessionId: s.id, memberId: third, status: 'waitlisted', position: 2 });
    const thirdPass = aPass({ memberId: third, balance: 2 });
    const e = expectApplied(
      signOut(
        aContext({ now: BEFORE, settings: atSignup }),
        { sessionId: s.id },
        {
          ...facts({ session: s, signup: mine, occupancy: 1 }),
          waitlist: [next, broke],
          waiterPasses: [aPass({ memberId: OTHER, balance: 0 }), thirdPass],
        },
      ),
    );
    expect(e.promotions).toEqual([{ signupId: next.id, memberId: third }]);
    expect(e.signups).toMatchObject([
      { id: mine.id, status: 'cancelled' },
      {
        id: next.id,
        status: 'active',
        position: null,
        charges: [{ passId: thirdPass.id, credits: 1 }],
      },
    ]);
    expect(e.creditLog).toMatchObject([
      { passId: thirdPass.id, delta: -1, kind: 'charged_signup', balanceAfter: 1 },
    ]);
    expect(e.notifications).toMatchObject([
      { memberId: OTHER, kind: 'promotion_skipped' },
      { memberId: third, kind: 'promoted' },
    ]);
  });

  it('frees no spot when the member is also checked in', () => {
    const s = aSession({ capacity: 1 });
    const mine = aSignup({ sessionId: s.id });
    const waiter = aSignup({ sessionId: s.id, memberId: OTHER, status: 'waitlisted', position: 1 });
    const e = expectApplied(
      signOut(
        aContext({ now: IN_WINDOW }),
        { sessionId: s.id },
        {
          ...facts({
            session: s,
            signup: mine,
            occupancy: 1,
            attendance: anAttendance({ sessionId: s.id }),
          }),
          waitlist: [waiter],
        },
      ),
    );
    expect(e.promotions).toEqual([]);
  });

  it('leaves the waitlist without any credit change', () => {
    const s = aSession();
    const mine = aSignup({ sessionId: s.id, status: 'waitlisted', position: 3 });
    const e = expectApplied(
      signOut(aContext({ now: BEFORE }), { sessionId: s.id }, facts({ session: s, signup: mine })),
    );
    expect(e.signups).toMatchObject([{ status: 'cancelled', position: null }]);
    expect(e.creditLog).toEqual([]);
  });

  it('is refused after start and when not signed up', () => {
    const s = aSession();
    const mine = aSignup({ sessionId: s.id });
    expect(
      expectRefused(
        signOut(aContext({ now: START }), { sessionId: s.id }, facts({ session: s, signup: mine })),
      ).code,
    ).toBe('session_started');
    expect(
      expectRefused(signOut(aContext(), { sessionId: s.id }, facts({ session: s }))).code,
    ).toBe('not_found');
  });
});

describe('check in', () => {
  it('charges one credit at check-in inside the window', () => {
    const s = aSession();
    const p = aPass({ balance: 2 });
    const c = aContext({ now: IN_WINDOW, deviceLabel: 'Front desk' });
    const e = expectApplied(checkIn(c, { sessionId: s.id }, facts({ session: s, passes: [p] })));
    expect(e.attendance).toMatchObject([
      {
        id: c.mutationId,
        credits: 1,
        charges: [{ passId: p.id, credits: 1 }],
        unpaidCredits: 0,
        flags: [],
        deviceLabel: 'Front desk',
      },
    ]);
    expect(e.creditLog).toMatchObject([
      {
        passId: p.id,
        delta: -1,
        kind: 'charged_checkin',
        balanceAfter: 1,
        attendanceId: c.mutationId,
      },
    ]);
  });

  it('self check-in is refused before opening and after the grace period', () => {
    const s = aSession();
    const early = expectRefused(
      checkIn(
        aContext({ now: '2025-03-11T16:29:00.000Z' }),
        { sessionId: s.id },
        facts({ session: s, passes: [aPass()] }),
      ),
    );
    expect(early.code).toBe('check_in_closed');
    expect(early.message).toContain('It opens at 17:30');
    expect(
      expectApplied(
        checkIn(
          aContext({ now: '2025-03-11T18:30:00.000Z' }),
          { sessionId: s.id },
          facts({ session: s, passes: [aPass()] }),
        ),
      ).attendance,
    ).toHaveLength(1);
    expect(
      expectRefused(
        checkIn(
          aContext({ now: '2025-03-11T18:30:01.000Z' }),
          { sessionId: s.id },
          facts({ session: s, passes: [aPass()] }),
        ),
      ).code,
    ).toBe('check_in_closed');
  });

  it('member check-in into a full session: refused without a sign-up, accepted with one', () => {
    const s = aSession({ capacity: 2 });
    const refused = expectRefused(
      checkIn(
        aContext({ now: IN_WINDOW }),
        { sessionId: s.id },
        facts({ session: s, occupancy: 2, passes: [aPass()] }),
      ),
    );
    expect(refused.code).toBe('session_full');
    const mine = aSignup({ sessionId: s.id });
    const e = expectApplied(
      checkIn(
        aContext({ now: IN_WINDOW }),
        { sessionId: s.id },
        facts({ session: s, occupancy: 2, signup: mine, passes: [aPass()] }),
      ),
    );
    expect(e.flags).toEqual([]);
  });

  it('a second check-in changes nothing and says already_checked_in', () => {
    const s = aSession();
    const a = anAttendance({
      sessionId: s.id,
      checkedInAt: '2025-03-11T16:52:00.000Z',
      deviceLabel: 'Front desk',
    });
    const r = expectRefused(
      checkIn(
        aContext({ now: IN_WINDOW }),
        { sessionId: s.id },
        facts({ session: s, attendance: a, passes: [aPass()] }),
      ),
    );
    expect(r.code).toBe('already_checked_in');
    expect(r.message).toContain('Recorded at 17:52 on Front desk');
  });

  it('under at_signup a signed-up member is not charged again, a walk-in is', () => {
    const s = aSession();
    const p = aPass();
    const settingsOver = { creditPolicy: 'at_signup' as const };
    const mine = aSignup({ sessionId: s.id, charges: [{ passId: p.id, credits: 1 }] });
    const signedUp = expectApplied(
      checkIn(
        aContext({ now: IN_WINDOW, settings: settingsOver }),
        { sessionId: s.id },
        facts({ session: s, signup: mine, passes: [p] }),
      ),
    );
    expect(signedUp.creditLog).toEqual([]);
    expect(signedUp.attendance).toMatchObject([{ credits: 1, signupCredits: 1, charges: [] }]);
    const walkIn = expectApplied(
      checkIn(
        aContext({ now: IN_WINDOW, settings: settingsOver }),
        { sessionId: s.id },
        facts({ session: s, passes: [p] }),
      ),
    );
    expect(walkIn.creditLog).toMatchObject([{ delta: -1, kind: 'charged_checkin' }]);
  });

  describe('host over capacity', () => {
    const s = aSession({ capacity: 1 });
    const f = () => facts({ session: s, occupancy: 1, passes: [aPass()] });
    it('flag: accepted and flagged over_capacity', () => {
      const e = expectApplied(
        checkIn(
          aContext({ role: 'host', now: IN_WINDOW }),
          { sessionId: s.id, memberId: MEMBER },
          f(),
        ),
      );
      expect(e.flags).toEqual(['over_capacity']);
      expect(e.attendance[0]?.flags).toEqual(['over_capacity']);
    });
    it('reject: refused session_full', () => {
      const r = expectRefused(
        checkIn(
          aContext({ role: 'host', now: IN_WINDOW, settings: { hostOverCapacity: 'reject' } }),
          { sessionId: s.id, memberId: MEMBER },
          f(),
        ),
      );
      expect(r.code).toBe('session_full');
    });
  });

  describe('without credits', () => {
    const s = aSession();
    it('host, flag: accepted, flagged unpaid, debt on the attendance and no negative pass', () => {
      const empty = aPass({ balance: 0 });
      const e = expectApplied(
        checkIn(
          aContext({ role: 'host', now: IN_WINDOW }),
          { sessionId: s.id, memberId: MEMBER },
          facts({ session: s, passes: [empty] }),
        ),
      );
      expect(e.flags).toEqual(['unpaid']);
      expect(e.attendance).toMatchObject([{ unpaidCredits: 1, charges: [], flags: ['unpaid'] }]);
      expect(e.creditLog).toEqual([]);
      expect(e.passes).toEqual([]);
    });
    it('host, reject: refused insufficient_credits', () => {
      const r = expectRefused(
        checkIn(
          aContext({ role: 'host', now: IN_WINDOW, settings: { hostWithoutCredits: 'reject' } }),
          { sessionId: s.id, memberId: MEMBER },
          facts({ session: s }),
        ),
      );
      expect(r.code).toBe('insufficient_credits');
    });
    it('member: refused insufficient_credits, naming the last use', () => {
      const r = expectRefused(
        checkIn(
          aContext({ now: IN_WINDOW }),
          { sessionId: s.id },
          facts({
            session: s,
            passes: [aPass({ balance: 0 })],
            creditUses: [
              {
                kind: 'checkin',
                sessionTitle: 'Monday Pilates',
                at: '2025-03-10T16:52:00.000Z',
                deviceLabel: 'Front desk',
              },
            ],
          }),
        ),
      );
      expect(r.code).toBe('insufficient_credits');
      expect(r.message).toContain(
        'Your last credit went to Monday Pilates: a check-in recorded at 17:52 on Front desk.',
      );
    });
    it('policy none never charges', () => {
      const e = expectApplied(
        checkIn(
          aContext({ now: IN_WINDOW, settings: { creditPolicy: 'none' } }),
          { sessionId: s.id },
          facts({ session: s }),
        ),
      );
      expect(e.creditLog).toEqual([]);
      expect(e.attendance).toMatchObject([{ credits: 1, unpaidCredits: 0, flags: [] }]);
    });
  });

  describe('which pass pays', () => {
    it('a pass valid on the session date but expired by the time the change syncs is still charged', () => {
      const s = aSession();
      const p = aPass({ expiresOn: '2025-03-11' });
      // Backfilled three days later, when the pass has expired.
      const e = expectApplied(
        checkIn(
          aContext({ role: 'host', now: '2025-03-14T10:00:00.000Z' }),
          { sessionId: s.id, memberId: MEMBER },
          facts({ session: s, passes: [p] }),
        ),
      );
      expect(e.creditLog).toMatchObject([{ passId: p.id, delta: -1 }]);
      expect(e.attendance).toMatchObject([{ backfilled: true, flags: [] }]);
    });

    it('a pass expiring before the session date is not used', () => {
      const s = aSession();
      const expiring = aPass({ expiresOn: '2025-03-10', balance: 5 });
      const later = aPass({ expiresOn: '2025-06-01', balance: 5 });
      const e = expectApplied(
        checkIn(
          aContext({ now: IN_WINDOW }),
          { sessionId: s.id },
          facts({ session: s, passes: [expiring, later] }),
        ),
      );
      expect(e.creditLog).toMatchObject([{ passId: later.id }]);
    });

    it('skips inactive passes and passes for other training types', () => {
      const yoga = '20000000-0000-4000-8000-000000000001';
      const s = aSession({ trainingTypeId: yoga });
      const off = aPass({ active: false, expiresOn: '2025-03-20' });
      const other = aPass({
        expiresOn: '2025-03-21',
        terms: { trainingTypeIds: ['20000000-0000-4000-8000-000000000002'] },
      });
      const good = aPass({
        expiresOn: '2025-03-22',
        terms: { trainingTypeIds: [yoga] },
      });
      const e = expectApplied(
        checkIn(
          aContext({ now: IN_WINDOW }),
          { sessionId: s.id },
          facts({ session: s, passes: [off, other, good] }),
        ),
      );
      expect(e.creditLog).toMatchObject([{ passId: good.id }]);
    });

    it('multi-credit check-in splits across two passes, earliest expiry first', () => {
      const s = aSession();
      const first = aPass({ expiresOn: '2025-03-20', balance: 1 });
      const second = aPass({ expiresOn: '2025-04-20', balance: 5 });
      const e = expectApplied(
        checkIn(
          aContext({
            role: 'host',
            now: IN_WINDOW,
            settings: { multiCreditEnabled: true, maxCreditsPerCheckIn: 3 },
          }),
          { sessionId: s.id, memberId: MEMBER, credits: 3 },
          facts({ session: s, passes: [second, first] }),
        ),
      );
      expect(e.attendance[0]?.charges).toEqual([
        { passId: first.id, credits: 1 },
        { passId: second.id, credits: 2 },
      ]);
      expect(e.creditLog).toMatchObject([
        { passId: first.id, delta: -1, balanceAfter: 0 },
        { passId: second.id, delta: -2, balanceAfter: 3 },
      ]);
    });

    it('multi-credit: more than allowed is invalid_args', () => {
      const s = aSession();
      const f = facts({ session: s, passes: [aPass()] });
      expect(
        expectRefused(checkIn(aContext({ now: IN_WINDOW }), { sessionId: s.id, credits: 2 }, f))
          .code,
      ).toBe('invalid_args');
      expect(
        expectRefused(
          checkIn(
            aContext({
              now: IN_WINDOW,
              settings: { multiCreditEnabled: true, maxCreditsPerCheckIn: 2 },
            }),
            { sessionId: s.id, credits: 3 },
            f,
          ),
        ).code,
      ).toBe('invalid_args');
    });
  });

  describe('backfill', () => {
    const s = aSession();
    const justInside = '2025-03-18T18:00:00.000Z'; // end + 7 days
    const justOutside = '2025-03-18T18:00:01.000Z';
    const hostCheckIn = (now: string, over = {}) =>
      checkIn(
        aContext({ role: 'host', now, settings: over }),
        { sessionId: s.id, memberId: MEMBER },
        facts({ session: s, passes: [aPass()] }),
      );

    it('is accepted just inside the window and refused just outside', () => {
      expect(expectApplied(hostCheckIn(justInside)).attendance).toMatchObject([
        { backfilled: true },
      ]);
      expect(expectRefused(hostCheckIn(justOutside)).code).toBe('outside_backfill_window');
    });

    it('is refused to hosts when the club reserves it for owners, allowed to owners', () => {
      expect(expectRefused(hostCheckIn(justInside, { hostsCanBackfill: false })).code).toBe(
        'not_permitted',
      );
      const e = expectApplied(
        checkIn(
          aContext({ role: 'owner', now: justInside, settings: { hostsCanBackfill: false } }),
          { sessionId: s.id, memberId: MEMBER },
          facts({ session: s, passes: [aPass()] }),
        ),
      );
      expect(e.attendance).toMatchObject([{ byMemberId: OWNER }]);
    });

    it('within the grace period a host check-in is not a backfill', () => {
      expect(expectApplied(hostCheckIn(END)).attendance).toMatchObject([{ backfilled: false }]);
    });
  });

  it('a member may not check in someone else', () => {
    const s = aSession();
    expect(
      expectRefused(
        checkIn(
          aContext({ now: IN_WINDOW }),
          { sessionId: s.id, memberId: OTHER },
          facts({ session: s }),
        ),
      ).code,
    ).toBe('not_permitted');
  });

  it('checking in a waiter ends their waitlist entry', () => {
    const s = aSession();
    const waiting = aSignup({ sessionId: s.id, status: 'waitlisted', position: 1 });
    const e = expectApplied(
      checkIn(
        aContext({ now: IN_WINDOW }),
        { sessionId: s.id },
        facts({ session: s, signup: waiting, passes: [aPass()] }),
      ),
    );
    expect(e.signups).toMatchObject([{ id: waiting.id, status: 'cancelled' }]);
  });

  it('checking in again after a void reuses the one attendance record', () => {
    const s = aSession();
    const voided = anAttendance({ sessionId: s.id, voided: true, voidReason: 'mistake' });
    const e = expectApplied(
      checkIn(
        aContext({ now: IN_WINDOW }),
        { sessionId: s.id },
        facts({ session: s, attendance: voided, passes: [aPass()] }),
      ),
    );
    expect(e.attendance).toMatchObject([{ id: voided.id, voided: false, voidReason: null }]);
  });
});

function checkedIn(s: Session, over: Parameters<typeof anAttendance>[0] = {}) {
  return anAttendance({ sessionId: s.id, ...over });
}

describe('void', () => {
  it('returns the credits to the exact passes that paid and keeps the record, voided with the reason', () => {
    const s = aSession();
    const a1 = aPass({ balance: 0 });
    const a2 = aPass({ balance: 3 });
    const unrelated = aPass({ balance: 9, expiresOn: '2025-03-12' });
    const a = checkedIn(s, {
      credits: 3,
      charges: [
        { passId: a1.id, credits: 1 },
        { passId: a2.id, credits: 2 },
      ],
    });
    const e = expectApplied(
      voidCheckIn(
        aContext({ role: 'host', now: IN_WINDOW }),
        { sessionId: s.id, memberId: MEMBER, reason: 'Wrong person' },
        { session: s, attendance: a, passes: [a1, a2, unrelated] },
      ),
    );
    expect(e.creditLog).toMatchObject([
      { passId: a1.id, delta: 1, kind: 'returned_void', balanceAfter: 1, reason: 'Wrong person' },
      { passId: a2.id, delta: 2, kind: 'returned_void', balanceAfter: 5 },
    ]);
    expect(e.attendance).toMatchObject([
      {
        id: a.id,
        voided: true,
        voidReason: 'Wrong person',
        voidedBy: HOST,
        credits: 3,
        charges: [],
      },
    ]);
  });

  it('clears an unpaid debt without touching any pass', () => {
    const s = aSession();
    const a = checkedIn(s, { unpaidCredits: 1, flags: ['unpaid'] });
    const e = expectApplied(
      voidCheckIn(
        aContext({ role: 'host', now: IN_WINDOW }),
        { sessionId: s.id, memberId: MEMBER },
        { session: s, attendance: a, passes: [] },
      ),
    );
    expect(e.attendance).toMatchObject([{ unpaidCredits: 0, voided: true }]);
    expect(e.creditLog).toEqual([]);
  });

  it('is for hosts only, needs a valid check-in, and respects the backfill window', () => {
    const s = aSession();
    const a = checkedIn(s);
    const f = { session: s, attendance: a, passes: [] };
    const args = { sessionId: s.id, memberId: MEMBER };
    expect(expectRefused(voidCheckIn(aContext({ now: IN_WINDOW }), args, f)).code).toBe(
      'not_permitted',
    );
    expect(
      expectRefused(
        voidCheckIn(aContext({ role: 'host', now: IN_WINDOW }), args, { ...f, attendance: null }),
      ).code,
    ).toBe('not_found');
    expect(
      expectRefused(
        voidCheckIn(aContext({ role: 'host', now: '2025-03-19T00:00:00.000Z' }), args, f),
      ).code,
    ).toBe('outside_backfill_window');
  });
});

describe('adjust', () => {
  const multi = { multiCreditEnabled: true, maxCreditsPerCheckIn: 4 };

  it('charges the difference when credits go up', () => {
    const s = aSession();
    const p = aPass({ balance: 5 });
    const a = checkedIn(s, { credits: 1, charges: [{ passId: p.id, credits: 1 }] });
    const e = expectApplied(
      adjustCheckIn(
        aContext({ role: 'host', now: IN_WINDOW, settings: multi }),
        { sessionId: s.id, memberId: MEMBER, credits: 3 },
        { session: s, attendance: a, passes: [p] },
      ),
    );
    expect(e.creditLog).toMatchObject([
      { passId: p.id, delta: -2, kind: 'charged_adjustment', balanceAfter: 3 },
    ]);
    expect(e.attendance).toMatchObject([{ credits: 3, charges: [{ passId: p.id, credits: 3 }] }]);
  });

  it('returns the difference when credits go down, latest charge first', () => {
    const s = aSession();
    const p1 = aPass({ balance: 0 });
    const p2 = aPass({ balance: 0 });
    const a = checkedIn(s, {
      credits: 3,
      charges: [
        { passId: p1.id, credits: 1 },
        { passId: p2.id, credits: 2 },
      ],
    });
    const e = expectApplied(
      adjustCheckIn(
        aContext({ role: 'host', now: IN_WINDOW, settings: multi }),
        { sessionId: s.id, memberId: MEMBER, credits: 1 },
        { session: s, attendance: a, passes: [p1, p2] },
      ),
    );
    expect(e.creditLog).toMatchObject([
      { passId: p2.id, delta: 2, kind: 'returned_adjustment', balanceAfter: 2 },
    ]);
    expect(e.attendance).toMatchObject([{ credits: 1, charges: [{ passId: p1.id, credits: 1 }] }]);
  });

  it('settles an unpaid debt once a pass is usable, and is a no-op when nothing changes', () => {
    const s = aSession();
    const p = aPass({ balance: 1 });
    const a = checkedIn(s, { unpaidCredits: 1, flags: ['over_capacity', 'unpaid'] });
    const c = aContext({ role: 'host', now: IN_WINDOW });
    const e = expectApplied(
      adjustCheckIn(
        c,
        { sessionId: s.id, memberId: MEMBER, credits: 1 },
        { session: s, attendance: a, passes: [p] },
      ),
    );
    expect(e.attendance).toMatchObject([
      { unpaidCredits: 0, flags: ['over_capacity'], charges: [{ passId: p.id, credits: 1 }] },
    ]);
    const paid = checkedIn(s, { charges: [{ passId: p.id, credits: 1 }] });
    const same = expectApplied(
      adjustCheckIn(
        c,
        { sessionId: s.id, memberId: MEMBER, credits: 1 },
        { session: s, attendance: paid, passes: [p] },
      ),
    );
    expect(same.attendance).toEqual([]);
    expect(same.creditLog).toEqual([]);
  });

  it('follows hostWithoutCredits when the extra credits are not there', () => {
    const s = aSession();
    const p = aPass({ balance: 0 });
    const a = checkedIn(s, { charges: [{ passId: p.id, credits: 1 }] });
    const args = { sessionId: s.id, memberId: MEMBER, credits: 2 };
    const f = { session: s, attendance: a, passes: [p] };
    const flagged = expectApplied(
      adjustCheckIn(aContext({ role: 'host', now: IN_WINDOW, settings: multi }), args, f),
    );
    expect(flagged.flags).toEqual(['unpaid']);
    expect(flagged.attendance).toMatchObject([{ credits: 2, unpaidCredits: 1 }]);
    const r = expectRefused(
      adjustCheckIn(
        aContext({
          role: 'host',
          now: IN_WINDOW,
          settings: { ...multi, hostWithoutCredits: 'reject' },
        }),
        args,
        f,
      ),
    );
    expect(r.code).toBe('insufficient_credits');
  });
});
