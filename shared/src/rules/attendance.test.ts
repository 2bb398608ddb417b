import { describe, expect, it } from 'vitest';
import {
  adjustCheckIn,
  checkIn,
  setIntent,
  signOut,
  signUp,
  voidCheckIn,
  type MemberSessionFacts,
} from './attendance.js';
import {
  END,
  HOST,
  MEMBER,
  OTHER,
  OWNER,
  START,
  attendance,
  ctx,
  expectApplied,
  expectRefused,
  pass,
  session,
  signup,
} from './fixtures.js';
import type { Session } from './types.js';

function facts(over: Partial<MemberSessionFacts> = {}): MemberSessionFacts {
  return { session: session(), occupancy: 0, signup: null, attendance: null, passes: [], ...over };
}

const BEFORE = '2025-03-11T15:00:00.000Z'; // 2 h before start
const IN_WINDOW = '2025-03-11T16:45:00.000Z'; // check-in open (opens 16:30Z)

describe('going', () => {
  it('marks going before the start', () => {
    const s = session();
    const e = expectApplied(
      setIntent(
        ctx({ now: BEFORE }),
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
    const s = session();
    const intent = { sessionId: s.id, memberId: MEMBER, going: true, updatedAt: BEFORE };
    const e = expectApplied(
      setIntent(ctx(), { sessionId: s.id, going: true }, { session: s, intent }),
    );
    expect(e.intents).toEqual([]);
  });

  it('is refused once the session started, when the club turned it off, or when cancelled', () => {
    const s = session();
    const args = { sessionId: s.id, going: true };
    expect(
      expectRefused(setIntent(ctx({ now: START }), args, { session: s, intent: null })).code,
    ).toBe('session_started');
    expect(
      expectRefused(
        setIntent(ctx({ settings: { whosGoingEnabled: false } }), args, {
          session: s,
          intent: null,
        }),
      ).code,
    ).toBe('feature_disabled');
    const c = session({ status: 'cancelled' });
    expect(
      expectRefused(setIntent(ctx(), { ...args, sessionId: c.id }, { session: c, intent: null }))
        .code,
    ).toBe('session_cancelled');
  });
});

describe('sign up', () => {
  it('books a place without charging under at_checkin', () => {
    const s = session({ capacity: 10 });
    const c = ctx({ now: BEFORE });
    const e = expectApplied(
      signUp(c, { sessionId: s.id }, facts({ session: s, passes: [pass()] })),
    );
    expect(e.signups).toMatchObject([
      { id: c.mutationId, status: 'active', memberId: MEMBER, charges: [] },
    ]);
    expect(e.creditLog).toEqual([]);
  });

  it('charges the credit cost at sign-up under at_signup', () => {
    const s = session();
    const p = pass({ balance: 3 });
    const c = ctx({ now: BEFORE, settings: { creditPolicy: 'at_signup' } });
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
    const s = session();
    const expired = pass({ expiresOn: '2025-03-10' });
    const r = expectRefused(
      signUp(
        ctx({ now: BEFORE, settings: { creditPolicy: 'at_signup' } }),
        { sessionId: s.id },
        facts({ session: s, passes: [expired] }),
      ),
    );
    expect(r.code).toBe('insufficient_credits');
    expect(r.message).toContain('expires before this session');
  });

  it('joins the waitlist at the end when full and the waitlist is on', () => {
    const s = session({ capacity: 2 });
    const waitlist = [
      signup({ sessionId: s.id, memberId: OTHER, status: 'waitlisted', position: 4 }),
    ];
    const e = expectApplied(
      signUp(
        ctx({ now: BEFORE, settings: { creditPolicy: 'at_signup' } }),
        { sessionId: s.id },
        { ...facts({ session: s, occupancy: 2, passes: [pass()] }), waitlist },
      ),
    );
    expect(e.flags).toEqual(['waitlisted']);
    expect(e.signups).toMatchObject([{ status: 'waitlisted', position: 5, charges: [] }]);
    expect(e.creditLog).toEqual([]);
  });

  it('refuses session_full without a waitlist and names what took the last spot', () => {
    const s = session({ capacity: 1 });
    const r = expectRefused(
      signUp(
        ctx({ now: BEFORE, settings: { waitlistEnabled: false } }),
        { sessionId: s.id },
        facts({
          session: s,
          occupancy: 1,
          placeRecords: [
            { kind: 'signup', at: '2025-03-10T08:00:00.000Z', deviceLabel: 'Phone' },
            { kind: 'checkin', at: '2025-03-11T16:52:00.000Z', deviceLabel: 'Front desk' },
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
    const s = session();
    expect(
      expectRefused(signUp(ctx({ now: START }), { sessionId: s.id }, facts({ session: s }))).code,
    ).toBe('session_started');
    expect(
      expectRefused(
        signUp(
          ctx({ settings: { signupsEnabled: false } }),
          { sessionId: s.id },
          facts({ session: s }),
        ),
      ).code,
    ).toBe('feature_disabled');
    expect(
      expectRefused(signUp(ctx(), { sessionId: s.id, memberId: OTHER }, facts({ session: s })))
        .code,
    ).toBe('not_permitted');
  });

  it('lets a host sign up another member', () => {
    const s = session();
    const e = expectApplied(
      signUp(ctx({ role: 'host' }), { sessionId: s.id, memberId: OTHER }, facts({ session: s })),
    );
    expect(e.signups).toMatchObject([{ memberId: OTHER, byMemberId: HOST }]);
  });

  it('changes nothing when already signed up, and refuses when already checked in', () => {
    const s = session();
    const mine = signup({ sessionId: s.id });
    expect(
      expectApplied(signUp(ctx(), { sessionId: s.id }, facts({ session: s, signup: mine })))
        .signups,
    ).toEqual([]);
    const a = attendance({ sessionId: s.id });
    expect(
      expectRefused(signUp(ctx(), { sessionId: s.id }, facts({ session: s, attendance: a }))).code,
    ).toBe('already_checked_in');
  });

  it('refuses everything on a cancelled session', () => {
    const s = session({ status: 'cancelled' });
    expect(expectRefused(signUp(ctx(), { sessionId: s.id }, facts({ session: s }))).code).toBe(
      'session_cancelled',
    );
  });
});

describe('sign out', () => {
  const atSignup = { creditPolicy: 'at_signup' as const };

  it('returns the credit to the pass that paid', () => {
    const s = session({ capacity: 5 });
    const p = pass({ balance: 4 });
    const mine = signup({ sessionId: s.id, charges: [{ passId: p.id, credits: 1 }] });
    const e = expectApplied(
      signOut(
        ctx({ now: BEFORE, settings: atSignup }),
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
    const s = session({ capacity: 1 });
    const p = pass({ balance: 4 });
    const mine = signup({ sessionId: s.id, charges: [{ passId: p.id, credits: 1 }] });
    const waiter = signup({ sessionId: s.id, memberId: OTHER, status: 'waitlisted', position: 1 });
    const e = expectApplied(
      signOut(
        ctx({ now: '2025-03-11T16:30:00.000Z', settings: { ...atSignup, lateCancelMinutes: 60 } }),
        { sessionId: s.id },
        {
          ...facts({ session: s, signup: mine, occupancy: 1, passes: [p] }),
          waitlist: [waiter],
          waiterPasses: [pass({ memberId: OTHER })],
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
    const s = session();
    const p = pass();
    const mine = signup({ sessionId: s.id, charges: [{ passId: p.id, credits: 1 }] });
    const e = expectApplied(
      signOut(
        ctx({ now: '2025-03-11T16:00:00.000Z', settings: { ...atSignup, lateCancelMinutes: 60 } }),
        { sessionId: s.id },
        facts({ session: s, signup: mine, occupancy: 1, passes: [p] }),
      ),
    );
    expect(e.flags).toEqual([]);
    expect(e.creditLog).toMatchObject([{ delta: 1, kind: 'returned_signout' }]);
  });

  it('promotes the first waiter with credits, skipping and notifying a waiter without', () => {
    const s = session({ capacity: 1 });
    const mine = signup({ sessionId: s.id });
    const broke = signup({ sessionId: s.id, memberId: OTHER, status: 'waitlisted', position: 1 });
    const third = '10000000-0000-4000-8000-000000000009';
    const next = signup({ sessionId: s.id, memberId: third, status: 'waitlisted', position: 2 });
    const thirdPass = pass({ memberId: third, balance: 2 });
    const e = expectApplied(
      signOut(
        ctx({ now: BEFORE, settings: atSignup }),
        { sessionId: s.id },
        {
          ...facts({ session: s, signup: mine, occupancy: 1 }),
          waitlist: [next, broke],
          waiterPasses: [pass({ memberId: OTHER, balance: 0 }), thirdPass],
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
    const s = session({ capacity: 1 });
    const mine = signup({ sessionId: s.id });
    const waiter = signup({ sessionId: s.id, memberId: OTHER, status: 'waitlisted', position: 1 });
    const e = expectApplied(
      signOut(
        ctx({ now: IN_WINDOW }),
        { sessionId: s.id },
        {
          ...facts({
            session: s,
            signup: mine,
            occupancy: 1,
            attendance: attendance({ sessionId: s.id }),
          }),
          waitlist: [waiter],
        },
      ),
    );
    expect(e.promotions).toEqual([]);
  });

  it('leaves the waitlist without any credit change', () => {
    const s = session();
    const mine = signup({ sessionId: s.id, status: 'waitlisted', position: 3 });
    const e = expectApplied(
      signOut(ctx({ now: BEFORE }), { sessionId: s.id }, facts({ session: s, signup: mine })),
    );
    expect(e.signups).toMatchObject([{ status: 'cancelled', position: null }]);
    expect(e.creditLog).toEqual([]);
  });

  it('is refused after start and when not signed up', () => {
    const s = session();
    const mine = signup({ sessionId: s.id });
    expect(
      expectRefused(
        signOut(ctx({ now: START }), { sessionId: s.id }, facts({ session: s, signup: mine })),
      ).code,
    ).toBe('session_started');
    expect(expectRefused(signOut(ctx(), { sessionId: s.id }, facts({ session: s }))).code).toBe(
      'not_found',
    );
  });
});

describe('check in', () => {
  it('charges one credit at check-in inside the window', () => {
    const s = session();
    const p = pass({ balance: 2 });
    const c = ctx({ now: IN_WINDOW, deviceLabel: 'Front desk' });
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
    const s = session();
    const early = expectRefused(
      checkIn(
        ctx({ now: '2025-03-11T16:29:00.000Z' }),
        { sessionId: s.id },
        facts({ session: s, passes: [pass()] }),
      ),
    );
    expect(early.code).toBe('check_in_closed');
    expect(early.message).toContain('It opens at 17:30');
    expect(
      expectApplied(
        checkIn(
          ctx({ now: '2025-03-11T18:30:00.000Z' }),
          { sessionId: s.id },
          facts({ session: s, passes: [pass()] }),
        ),
      ).attendance,
    ).toHaveLength(1);
    expect(
      expectRefused(
        checkIn(
          ctx({ now: '2025-03-11T18:30:01.000Z' }),
          { sessionId: s.id },
          facts({ session: s, passes: [pass()] }),
        ),
      ).code,
    ).toBe('check_in_closed');
  });

  it('member check-in into a full session: refused without a sign-up, accepted with one', () => {
    const s = session({ capacity: 2 });
    const refused = expectRefused(
      checkIn(
        ctx({ now: IN_WINDOW }),
        { sessionId: s.id },
        facts({ session: s, occupancy: 2, passes: [pass()] }),
      ),
    );
    expect(refused.code).toBe('session_full');
    const mine = signup({ sessionId: s.id });
    const e = expectApplied(
      checkIn(
        ctx({ now: IN_WINDOW }),
        { sessionId: s.id },
        facts({ session: s, occupancy: 2, signup: mine, passes: [pass()] }),
      ),
    );
    expect(e.flags).toEqual([]);
  });

  it('a second check-in changes nothing and says already_checked_in', () => {
    const s = session();
    const a = attendance({
      sessionId: s.id,
      checkedInAt: '2025-03-11T16:52:00.000Z',
      deviceLabel: 'Front desk',
    });
    const r = expectRefused(
      checkIn(
        ctx({ now: IN_WINDOW }),
        { sessionId: s.id },
        facts({ session: s, attendance: a, passes: [pass()] }),
      ),
    );
    expect(r.code).toBe('already_checked_in');
    expect(r.message).toContain('Recorded at 17:52 on Front desk');
  });

  it('under at_signup a signed-up member is not charged again, a walk-in is', () => {
    const s = session();
    const p = pass();
    const settingsOver = { creditPolicy: 'at_signup' as const };
    const mine = signup({ sessionId: s.id, charges: [{ passId: p.id, credits: 1 }] });
    const signedUp = expectApplied(
      checkIn(
        ctx({ now: IN_WINDOW, settings: settingsOver }),
        { sessionId: s.id },
        facts({ session: s, signup: mine, passes: [p] }),
      ),
    );
    expect(signedUp.creditLog).toEqual([]);
    expect(signedUp.attendance).toMatchObject([{ credits: 1, signupCredits: 1, charges: [] }]);
    const walkIn = expectApplied(
      checkIn(
        ctx({ now: IN_WINDOW, settings: settingsOver }),
        { sessionId: s.id },
        facts({ session: s, passes: [p] }),
      ),
    );
    expect(walkIn.creditLog).toMatchObject([{ delta: -1, kind: 'charged_checkin' }]);
  });

  describe('host over capacity', () => {
    const s = session({ capacity: 1 });
    const f = () => facts({ session: s, occupancy: 1, passes: [pass()] });
    it('flag: accepted and flagged over_capacity', () => {
      const e = expectApplied(
        checkIn(ctx({ role: 'host', now: IN_WINDOW }), { sessionId: s.id, memberId: MEMBER }, f()),
      );
      expect(e.flags).toEqual(['over_capacity']);
      expect(e.attendance[0]?.flags).toEqual(['over_capacity']);
    });
    it('reject: refused session_full', () => {
      const r = expectRefused(
        checkIn(
          ctx({ role: 'host', now: IN_WINDOW, settings: { hostOverCapacity: 'reject' } }),
          { sessionId: s.id, memberId: MEMBER },
          f(),
        ),
      );
      expect(r.code).toBe('session_full');
    });
  });

  describe('without credits', () => {
    const s = session();
    it('host, flag: accepted, flagged unpaid, debt on the attendance and no negative pass', () => {
      const empty = pass({ balance: 0 });
      const e = expectApplied(
        checkIn(
          ctx({ role: 'host', now: IN_WINDOW }),
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
          ctx({ role: 'host', now: IN_WINDOW, settings: { hostWithoutCredits: 'reject' } }),
          { sessionId: s.id, memberId: MEMBER },
          facts({ session: s }),
        ),
      );
      expect(r.code).toBe('insufficient_credits');
    });
    it('member: refused insufficient_credits, naming the last use', () => {
      const r = expectRefused(
        checkIn(
          ctx({ now: IN_WINDOW }),
          { sessionId: s.id },
          facts({
            session: s,
            passes: [pass({ balance: 0 })],
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
          ctx({ now: IN_WINDOW, settings: { creditPolicy: 'none' } }),
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
      const s = session();
      const p = pass({ expiresOn: '2025-03-11' });
      // Backfilled three days later, when the pass has expired.
      const e = expectApplied(
        checkIn(
          ctx({ role: 'host', now: '2025-03-14T10:00:00.000Z' }),
          { sessionId: s.id, memberId: MEMBER },
          facts({ session: s, passes: [p] }),
        ),
      );
      expect(e.creditLog).toMatchObject([{ passId: p.id, delta: -1 }]);
      expect(e.attendance).toMatchObject([{ backfilled: true, flags: [] }]);
    });

    it('a pass expiring before the session date is not used', () => {
      const s = session();
      const expiring = pass({ expiresOn: '2025-03-10', balance: 5 });
      const later = pass({ expiresOn: '2025-06-01', balance: 5 });
      const e = expectApplied(
        checkIn(
          ctx({ now: IN_WINDOW }),
          { sessionId: s.id },
          facts({ session: s, passes: [expiring, later] }),
        ),
      );
      expect(e.creditLog).toMatchObject([{ passId: later.id }]);
    });

    it('skips inactive passes and passes for other training types', () => {
      const yoga = '20000000-0000-4000-8000-000000000001';
      const s = session({ trainingTypeId: yoga });
      const off = pass({ active: false, expiresOn: '2025-03-20' });
      const other = pass({
        expiresOn: '2025-03-21',
        terms: { ...pass().terms, trainingTypeIds: ['20000000-0000-4000-8000-000000000002'] },
      });
      const good = pass({
        expiresOn: '2025-03-22',
        terms: { ...pass().terms, trainingTypeIds: [yoga] },
      });
      const e = expectApplied(
        checkIn(
          ctx({ now: IN_WINDOW }),
          { sessionId: s.id },
          facts({ session: s, passes: [off, other, good] }),
        ),
      );
      expect(e.creditLog).toMatchObject([{ passId: good.id }]);
    });

    it('multi-credit check-in splits across two passes, earliest expiry first', () => {
      const s = session();
      const first = pass({ expiresOn: '2025-03-20', balance: 1 });
      const second = pass({ expiresOn: '2025-04-20', balance: 5 });
      const e = expectApplied(
        checkIn(
          ctx({
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
      const s = session();
      const f = facts({ session: s, passes: [pass()] });
      expect(
        expectRefused(checkIn(ctx({ now: IN_WINDOW }), { sessionId: s.id, credits: 2 }, f)).code,
      ).toBe('invalid_args');
      expect(
        expectRefused(
          checkIn(
            ctx({
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
    const s = session();
    const justInside = '2025-03-18T18:00:00.000Z'; // end + 7 days
    const justOutside = '2025-03-18T18:00:01.000Z';
    const hostCheckIn = (now: string, over = {}) =>
      checkIn(
        ctx({ role: 'host', now, settings: over }),
        { sessionId: s.id, memberId: MEMBER },
        facts({ session: s, passes: [pass()] }),
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
          ctx({ role: 'owner', now: justInside, settings: { hostsCanBackfill: false } }),
          { sessionId: s.id, memberId: MEMBER },
          facts({ session: s, passes: [pass()] }),
        ),
      );
      expect(e.attendance).toMatchObject([{ byMemberId: OWNER }]);
    });

    it('within the grace period a host check-in is not a backfill', () => {
      expect(expectApplied(hostCheckIn(END)).attendance).toMatchObject([{ backfilled: false }]);
    });
  });

  it('a member may not check in someone else', () => {
    const s = session();
    expect(
      expectRefused(
        checkIn(
          ctx({ now: IN_WINDOW }),
          { sessionId: s.id, memberId: OTHER },
          facts({ session: s }),
        ),
      ).code,
    ).toBe('not_permitted');
  });

  it('checking in a waiter ends their waitlist entry', () => {
    const s = session();
    const waiting = signup({ sessionId: s.id, status: 'waitlisted', position: 1 });
    const e = expectApplied(
      checkIn(
        ctx({ now: IN_WINDOW }),
        { sessionId: s.id },
        facts({ session: s, signup: waiting, passes: [pass()] }),
      ),
    );
    expect(e.signups).toMatchObject([{ id: waiting.id, status: 'cancelled' }]);
  });

  it('checking in again after a void reuses the one attendance record', () => {
    const s = session();
    const voided = attendance({ sessionId: s.id, voided: true, voidReason: 'mistake' });
    const e = expectApplied(
      checkIn(
        ctx({ now: IN_WINDOW }),
        { sessionId: s.id },
        facts({ session: s, attendance: voided, passes: [pass()] }),
      ),
    );
    expect(e.attendance).toMatchObject([{ id: voided.id, voided: false, voidReason: null }]);
  });
});

function checkedIn(s: Session, over: Parameters<typeof attendance>[0] = {}) {
  return attendance({ sessionId: s.id, ...over });
}

describe('void', () => {
  it('returns the credits to the exact passes that paid and keeps the record, voided with the reason', () => {
    const s = session();
    const a1 = pass({ balance: 0 });
    const a2 = pass({ balance: 3 });
    const unrelated = pass({ balance: 9, expiresOn: '2025-03-12' });
    const a = checkedIn(s, {
      credits: 3,
      charges: [
        { passId: a1.id, credits: 1 },
        { passId: a2.id, credits: 2 },
      ],
    });
    const e = expectApplied(
      voidCheckIn(
        ctx({ role: 'host', now: IN_WINDOW }),
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
    const s = session();
    const a = checkedIn(s, { unpaidCredits: 1, flags: ['unpaid'] });
    const e = expectApplied(
      voidCheckIn(
        ctx({ role: 'host', now: IN_WINDOW }),
        { sessionId: s.id, memberId: MEMBER },
        { session: s, attendance: a, passes: [] },
      ),
    );
    expect(e.attendance).toMatchObject([{ unpaidCredits: 0, voided: true }]);
    expect(e.creditLog).toEqual([]);
  });

  it('is for hosts only, needs a valid check-in, and respects the backfill window', () => {
    const s = session();
    const a = checkedIn(s);
    const f = { session: s, attendance: a, passes: [] };
    const args = { sessionId: s.id, memberId: MEMBER };
    expect(expectRefused(voidCheckIn(ctx({ now: IN_WINDOW }), args, f)).code).toBe('not_permitted');
    expect(
      expectRefused(
        voidCheckIn(ctx({ role: 'host', now: IN_WINDOW }), args, { ...f, attendance: null }),
      ).code,
    ).toBe('not_found');
    expect(
      expectRefused(voidCheckIn(ctx({ role: 'host', now: '2025-03-19T00:00:00.000Z' }), args, f))
        .code,
    ).toBe('outside_backfill_window');
  });
});

describe('adjust', () => {
  const multi = { multiCreditEnabled: true, maxCreditsPerCheckIn: 4 };

  it('charges the difference when credits go up', () => {
    const s = session();
    const p = pass({ balance: 5 });
    const a = checkedIn(s, { credits: 1, charges: [{ passId: p.id, credits: 1 }] });
    const e = expectApplied(
      adjustCheckIn(
        ctx({ role: 'host', now: IN_WINDOW, settings: multi }),
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
    const s = session();
    const p1 = pass({ balance: 0 });
    const p2 = pass({ balance: 0 });
    const a = checkedIn(s, {
      credits: 3,
      charges: [
        { passId: p1.id, credits: 1 },
        { passId: p2.id, credits: 2 },
      ],
    });
    const e = expectApplied(
      adjustCheckIn(
        ctx({ role: 'host', now: IN_WINDOW, settings: multi }),
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
    const s = session();
    const p = pass({ balance: 1 });
    const a = checkedIn(s, { unpaidCredits: 1, flags: ['over_capacity', 'unpaid'] });
    const c = ctx({ role: 'host', now: IN_WINDOW });
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
    const s = session();
    const p = pass({ balance: 0 });
    const a = checkedIn(s, { charges: [{ passId: p.id, credits: 1 }] });
    const args = { sessionId: s.id, memberId: MEMBER, credits: 2 };
    const f = { session: s, attendance: a, passes: [p] };
    const flagged = expectApplied(
      adjustCheckIn(ctx({ role: 'host', now: IN_WINDOW, settings: multi }), args, f),
    );
    expect(flagged.flags).toEqual(['unpaid']);
    expect(flagged.attendance).toMatchObject([{ credits: 2, unpaidCredits: 1 }]);
    const r = expectRefused(
      adjustCheckIn(
        ctx({ role: 'host', now: IN_WINDOW, settings: { ...multi, hostWithoutCredits: 'reject' } }),
        args,
        f,
      ),
    );
    expect(r.code).toBe('insufficient_credits');
  });
});
