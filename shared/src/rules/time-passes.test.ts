import { describe, expect, it } from 'vitest';
import {
  addSessions,
  adjustCheckIn,
  checkIn,
  createTemplate,
  grantPass,
  isPassInUse,
  signOut,
  signUp,
  updateTemplate,
  voidCheckIn,
  weekOf,
  type MemberSessionFacts,
} from './index.js';
import {
  MEMBER,
  aContext,
  aPass,
  aSession,
  aTimePass,
  aTimeTemplate,
  anAttendance,
  expectApplied,
  expectRefused,
  startingAt,
  uuid,
} from '../testing/index.js';
import type { Pass, Session } from './types.js';

function facts(over: Partial<MemberSessionFacts> = {}): MemberSessionFacts {
  return { session: aSession(), occupancy: 0, signup: null, attendance: null, passes: [], ...over };
}

/** A session at `start` (UTC) for an hour. */
function sessionAt(start: string, over: Partial<Session> = {}): Session {
  return aSession({ ...startingAt(start), ...over });
}

/** A member's check-in 15 minutes after the session starts (inside the window). */
function memberCheckIn(session: Session, passes: Pass[]) {
  const now = new Date(Date.parse(session.startsAt) + 15 * 60_000).toISOString();
  return checkIn(aContext({ now }), { sessionId: session.id }, facts({ session, passes }));
}

describe('a time pass pays by the session date', () => {
  // Valid through 30 March 2025 (Berlin; summer time starts that night).
  const pass = aTimePass({ expiresOn: '2025-03-30' });

  it('is used on its last valid day, without the balance moving', () => {
    const s = sessionAt('2025-03-30T16:00:00.000Z');
    const e = expectApplied(memberCheckIn(s, [pass]));
    expect(e.attendance[0]?.charges).toEqual([{ passId: pass.id, credits: 1, week: '2025-03-24' }]);
    expect(e.creditLog).toMatchObject([
      { passId: pass.id, delta: 0, kind: 'used_checkin', balanceAfter: 0, sessionId: s.id },
    ]);
    expect(e.passes).toMatchObject([{ id: pass.id, balance: 0, weekUses: { '2025-03-24': 1 } }]);
  });

  it('is refused the day after, judged on the club-local date (00:30 in Berlin is 22:30 UTC)', () => {
    const s = sessionAt('2025-03-30T22:30:00.000Z');
    const r = expectRefused(memberCheckIn(s, [pass]));
    expect(r.code).toBe('insufficient_credits');
    expect(r.message).toContain('expires before this session (2025-03-31)');
  });

  it('pays when the check-in reaches the server after the pass ran out (the session date counts)', () => {
    const s = sessionAt('2025-03-30T16:00:00.000Z');
    const lateSync = aContext({ role: 'host', now: '2025-04-02T09:00:00.000Z' });
    const e = expectApplied(
      checkIn(
        lateSync,
        { sessionId: s.id, memberId: MEMBER },
        facts({ session: s, passes: [pass] }),
      ),
    );
    expect(e.attendance[0]).toMatchObject({ backfilled: true, unpaidCredits: 0, flags: [] });
    expect(e.creditLog).toMatchObject([{ kind: 'used_checkin', delta: 0 }]);
  });

  it('does not cover days before it was granted', () => {
    const s = sessionAt('2025-02-28T16:00:00.000Z');
    const host = aContext({ role: 'host', now: '2025-03-01T10:00:00.000Z' });
    const e = expectApplied(
      checkIn(host, { sessionId: s.id, memberId: MEMBER }, facts({ session: s, passes: [pass] })),
    );
    // hostWithoutCredits 'flag': recorded as a debt, the pass is not used.
    expect(e.attendance[0]).toMatchObject({ flags: ['unpaid'], unpaidCredits: 1, charges: [] });
    expect(e.creditLog).toEqual([]);
  });
});

describe('weekly cap', () => {
  const monday = '2025-03-10';
  const capped = (uses: number) =>
    aTimePass({ terms: { weeklyCap: 2 }, weekUses: uses ? { [monday]: uses } : {} });

  it('pays while the week has fewer uses than the cap', () => {
    const e = expectApplied(memberCheckIn(aSession(), [capped(1)]));
    expect(e.passes[0]?.weekUses).toEqual({ [monday]: 2 });
  });

  it('is refused once the week is full, and pays again the next week', () => {
    const full = capped(2);
    const r = expectRefused(memberCheckIn(aSession(), [full]));
    expect(r.code).toBe('insufficient_credits');
    expect(r.message).toContain('used up for that week');
    const nextWeek = sessionAt('2025-03-17T17:00:00.000Z');
    const e = expectApplied(memberCheckIn(nextWeek, [full]));
    expect(e.passes[0]?.weekUses).toEqual({ [monday]: 2, '2025-03-17': 1 });
  });

  it('weeks run Monday to Sunday', () => {
    expect(weekOf('2025-03-16')).toBe('2025-03-10');
    expect(weekOf('2025-03-17')).toBe('2025-03-17');
    expect(weekOf('2025-01-01')).toBe('2024-12-30');
  });

  it('a sign-out gives the use back to the week it was counted in', () => {
    const s = aSession();
    const ctx = aContext({ now: '2025-03-11T08:00:00.000Z' });
    const settings = { creditPolicy: 'at_signup' as const };
    const signed = expectApplied(
      signUp(
        aContext({ now: ctx.now, settings }),
        { sessionId: s.id },
        facts({ session: s, passes: [capped(1)] }),
      ),
    );
    const signup = signed.signups[0]!;
    const after = signed.passes[0]!;
    expect(after.weekUses).toEqual({ [monday]: 2 });
    expect(signed.creditLog).toMatchObject([{ kind: 'used_signup', delta: 0 }]);
    // The session moved to the next week meanwhile: the use still comes back from its own week.
    const moved = { ...s, ...startingAt('2025-03-18T17:00:00.000Z') };
    const out = expectApplied(
      signOut(
        aContext({ now: ctx.now, settings }),
        { sessionId: s.id },
        facts({ session: moved, occupancy: 1, signup, passes: [after] }),
      ),
    );
    expect(out.creditLog).toMatchObject([{ kind: 'unused_signout', delta: 0, balanceAfter: 0 }]);
    expect(out.passes[0]?.weekUses).toEqual({ [monday]: 1 });
  });
});

describe('a time pass and a credit pass together', () => {
  it('the time pass pays first; the credits are kept', () => {
    const credits = aPass({ expiresOn: '2025-03-20', balance: 5 });
    const time = aTimePass({ expiresOn: '2025-04-30' });
    const e = expectApplied(memberCheckIn(aSession(), [credits, time]));
    expect(e.creditLog).toMatchObject([{ passId: time.id, delta: 0, kind: 'used_checkin' }]);
    expect(e.passes.map((p) => p.id)).toEqual([time.id]);
  });

  it('when the week is full the credit pass pays', () => {
    const credits = aPass({ balance: 5 });
    const time = aTimePass({ terms: { weeklyCap: 1 }, weekUses: { '2025-03-10': 1 } });
    const e = expectApplied(memberCheckIn(aSession(), [credits, time]));
    expect(e.creditLog).toMatchObject([
      { passId: credits.id, delta: -1, kind: 'charged_checkin', balanceAfter: 4 },
    ]);
  });

  it('a time pass pays every credit of a multi-credit check-in in one use', () => {
    const time = aTimePass();
    const s = aSession({ creditCost: 3 });
    const e = expectApplied(memberCheckIn(s, [time]));
    expect(e.attendance[0]?.charges).toEqual([{ passId: time.id, credits: 3, week: '2025-03-10' }]);
    expect(e.passes[0]?.weekUses).toEqual({ '2025-03-10': 1 });
  });
});

describe('one use per session', () => {
  const settings = {
    creditPolicy: 'at_signup' as const,
    multiCreditEnabled: true,
    maxCreditsPerCheckIn: 5,
  };
  const host = aContext({ role: 'host', now: '2025-03-11T17:15:00.000Z', settings });

  it('a check-in after a sign-up the time pass paid uses nothing more, even with more credits', () => {
    const time = aTimePass();
    const s = aSession();
    const signed = expectApplied(
      signUp(
        aContext({ now: '2025-03-11T08:00:00.000Z', settings }),
        { sessionId: s.id },
        facts({ session: s, passes: [time] }),
      ),
    );
    const passAfter = signed.passes[0]!;
    const e = expectApplied(
      checkIn(
        host,
        { sessionId: s.id, memberId: MEMBER, credits: 2 },
        facts({ session: s, occupancy: 1, signup: signed.signups[0]!, passes: [passAfter] }),
      ),
    );
    expect(e.creditLog).toEqual([]);
    expect(e.attendance[0]).toMatchObject({ credits: 2, signupCredits: 2, charges: [] });
    const adjusted = expectApplied(
      adjustCheckIn(
        host,
        { sessionId: s.id, memberId: MEMBER, credits: 3 },
        {
          ...facts({ session: s, signup: signed.signups[0]!, passes: [passAfter] }),
          attendance: e.attendance[0]!,
        },
      ),
    );
    expect(adjusted.creditLog).toEqual([]);
    expect(adjusted.attendance[0]).toMatchObject({ credits: 3, unpaidCredits: 0 });
  });

  it('adjusting a time-paid check-in up or down keeps one use; a void gives it back', () => {
    const time = aTimePass({ weekUses: { '2025-03-10': 1 } });
    const s = aSession();
    const attendance = anAttendance({
      sessionId: s.id,
      credits: 1,
      charges: [{ passId: time.id, credits: 1, week: '2025-03-10' }],
    });
    const up = expectApplied(
      adjustCheckIn(
        host,
        { sessionId: s.id, memberId: MEMBER, credits: 3 },
        facts({ session: s, attendance, passes: [time] }),
      ),
    );
    expect(up.creditLog).toEqual([]);
    expect(up.attendance[0]?.charges).toEqual([
      { passId: time.id, credits: 3, week: '2025-03-10' },
    ]);
    const down = expectApplied(
      adjustCheckIn(
        host,
        { sessionId: s.id, memberId: MEMBER, credits: 1 },
        facts({ session: s, attendance: up.attendance[0]!, passes: [time] }),
      ),
    );
    expect(down.creditLog).toEqual([]);
    const voided = expectApplied(
      voidCheckIn(
        host,
        { sessionId: s.id, memberId: MEMBER },
        facts({ session: s, attendance: down.attendance[0]!, passes: [time] }),
      ),
    );
    expect(voided.creditLog).toMatchObject([{ kind: 'unused_void', delta: 0, balanceAfter: 0 }]);
    expect(voided.passes[0]?.weekUses).toEqual({});
  });
});

describe('time templates and passes', () => {
  const owner = aContext({ role: 'owner' });
  const base = { names: { en: 'Unlimited' }, priceMinor: 6900, currency: 'EUR', validityDays: 30 };

  it('a time template has no sessions and may have a weekly cap; a session-count one has no cap', () => {
    const e = expectApplied(
      createTemplate(
        owner,
        { templateId: uuid(), ...base, kind: 'time', weeklyCap: 3 },
        { existing: null },
      ),
    );
    expect(e.templates[0]).toMatchObject({ kind: 'time', sessions: 0, weeklyCap: 3 });
    expect(
      expectRefused(
        createTemplate(
          owner,
          { templateId: uuid(), ...base, kind: 'time', sessions: 10 },
          { existing: null },
        ),
      ).code,
    ).toBe('invalid_args');
    expect(
      expectRefused(
        createTemplate(
          owner,
          { templateId: uuid(), ...base, sessions: 10, weeklyCap: 2 },
          { existing: null },
        ),
      ).code,
    ).toBe('invalid_args');
    expect(
      expectRefused(createTemplate(owner, { templateId: uuid(), ...base }, { existing: null }))
        .code,
    ).toBe('invalid_args');
  });

  it('turning a time template into a session-count one needs the sessions', () => {
    const t = aTimeTemplate({ weeklyCap: 2 });
    expect(
      expectRefused(updateTemplate(owner, { templateId: t.id, kind: 'credits' }, { template: t }))
        .code,
    ).toBe('invalid_args');
    const e = expectApplied(
      updateTemplate(owner, { templateId: t.id, kind: 'credits', sessions: 8 }, { template: t }),
    );
    expect(e.templates[0]).toMatchObject({ kind: 'credits', sessions: 8, weeklyCap: null });
  });

  it('granted: terms say time, balance 0 by a delta-0 entry, in use until it expires', () => {
    const t = aTimeTemplate({ weeklyCap: 3 });
    const e = expectApplied(
      grantPass(
        owner,
        { passId: uuid(), memberId: MEMBER, templateId: t.id },
        { template: t, request: null, existing: null },
      ),
    );
    const pass = e.passes[0]!;
    expect(pass.terms).toMatchObject({ kind: 'time', weeklyCap: 3, sessions: 0 });
    expect(pass.balance).toBe(0);
    expect(e.creditLog).toMatchObject([{ kind: 'granted', delta: 0, balanceAfter: 0 }]);
    expect(isPassInUse(pass, pass.grantedOn)).toBe(true);
    expect(isPassInUse(pass, '2099-01-01')).toBe(false);
    expect(expectRefused(addSessions(owner, { passId: pass.id, sessions: 5 }, { pass })).code).toBe(
      'invalid_args',
    );
  });
});
