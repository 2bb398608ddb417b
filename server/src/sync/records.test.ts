import {
  memberSignupOf,
  type Attendance,
  type NewCreditLogEntry,
  type Pass,
  type Signup,
  type SignupStatus,
} from '@turnout/shared';
import { aGrant, anAttendance, aSignup, aTemplate } from '@turnout/shared/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemberRecords } from './records.js';

const SESSIONS = ['s0', 's1'];
const MEMBERS = ['m0', 'm1', 'm2'];

/** The store as the database holds it, answering the reads MemberRecords makes. */
class Store {
  readonly signups = new Map<string, Signup>();
  readonly attendance = new Map<string, Attendance>();
  readonly passes = new Map<string, Pass>();

  signupsOfMembers(sessionId: string, memberIds: readonly string[]): Signup[] {
    return [...this.signups.values()].filter(
      (s) => s.sessionId === sessionId && memberIds.includes(s.memberId),
    );
  }

  attendanceOfMembers(sessionId: string, memberIds: readonly string[]): Attendance[] {
    return [...this.attendance.values()].filter(
      (a) => a.sessionId === sessionId && memberIds.includes(a.memberId),
    );
  }

  memberAttendance(sessionId: string, memberId: string): Attendance | null {
    return this.attendanceOfMembers(sessionId, [memberId])[0] ?? null;
  }

  passesOfMembers(memberIds: readonly string[]): Pass[] {
    return [...this.passes.values()].filter((p) => memberIds.includes(p.memberId));
  }
}

const pick = <T>(list: readonly T[]) => fc.constantFrom(...list);

/** One mutation's effects: rows replacing earlier ones by id (or new), and credit moves. */
const effectsOf = fc.record({
  signup: fc.option(
    fc.record({
      replaces: fc.nat(),
      fresh: fc.boolean(),
      session: pick(SESSIONS),
      member: pick(MEMBERS),
      status: pick<SignupStatus>(['active', 'waitlisted', 'cancelled']),
    }),
  ),
  checkin: fc.option(
    fc.record({ session: pick(SESSIONS), member: pick(MEMBERS), voided: fc.boolean() }),
  ),
  credit: fc.option(
    fc.record({
      member: pick(MEMBERS),
      delta: fc.integer({ min: -1, max: 2 }),
      // A pass granted now, or a balance move with or without the pass among the effects.
      kind: pick(['grant', 'withPass', 'logOnly'] as const),
    }),
  ),
});

const step = fc.oneof(
  fc.record({ op: fc.constant('write' as const), effects: effectsOf, kept: fc.boolean() }),
  fc.record({ op: fc.constant('ask' as const), session: pick(SESSIONS), member: pick(MEMBERS) }),
  fc.record({
    op: fc.constant('prefetch' as const),
    pairs: fc.array(fc.record({ sessionId: pick(SESSIONS), memberId: pick(MEMBERS) })),
  }),
);

const template = aTemplate();

describe('MemberRecords', () => {
  it('answers as the store does after any kept writes', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const store = new Store();
        const records = new MemberRecords(store);
        const expectSame = (sessionId: string, memberId: string) => {
          expect(records.signup(sessionId, memberId)).toEqual(
            memberSignupOf(store.signupsOfMembers(sessionId, [memberId]), memberId),
          );
          expect(records.attendance(sessionId, memberId)).toEqual(
            store.memberAttendance(sessionId, memberId),
          );
          const byId = (a: Pass, b: Pass) => a.id.localeCompare(b.id);
          expect([...records.passes(memberId)].sort(byId)).toEqual(
            store.passesOfMembers([memberId]).sort(byId),
          );
        };
        for (const s of steps) {
          if (s.op === 'ask') expectSame(s.session, s.member);
          if (s.op === 'prefetch') records.prefetch(s.pairs);
          if (s.op !== 'write') continue;
          const { signup, checkin, credit } = s.effects;
          const signups: Signup[] = [];
          const attendance: Attendance[] = [];
          const passes: Pass[] = [];
          const creditLog: NewCreditLogEntry[] = [];
          if (signup) {
            const earlier = [...store.signups.values()];
            const replaced = signup.fresh ? undefined : earlier[signup.replaces % earlier.length];
            signups.push(
              aSignup({
                ...(replaced ?? { sessionId: signup.session, memberId: signup.member }),
                status: signup.status,
                position: signup.status === 'waitlisted' ? 1 : null,
              }),
            );
          }
          if (checkin) {
            // One attendance row per member and session: a new one replaces it.
            const existing = store.memberAttendance(checkin.session, checkin.member);
            attendance.push(
              anAttendance({
                ...(existing ? { id: existing.id } : {}),
                sessionId: checkin.session,
                memberId: checkin.member,
                voided: checkin.voided,
              }),
            );
          }
          // Balances the database moves through the credit log (its trigger).
          const balances = new Map<string, number>();
          if (credit) {
            const own = store.passesOfMembers([credit.member])[0];
            if (credit.kind === 'grant' || !own) {
              const { pass, entry } = aGrant(template, {
                memberId: credit.member,
                at: '2030-01-01T10:00:00Z',
                byMemberId: 'x',
              });
              passes.push({ ...pass, balance: entry.balanceAfter });
              creditLog.push(entry);
            } else {
              const balance = Math.max(0, own.balance + credit.delta);
              if (credit.kind === 'withPass') passes.push({ ...own, balance });
              creditLog.push({
                ...aGrant(template, {
                  memberId: credit.member,
                  at: '2030-01-01T10:00:00Z',
                  byMemberId: 'x',
                }).entry,
                passId: own.id,
              });
              balances.set(own.id, balance);
            }
          }
          // A rolled-back mutation reaches neither the store nor the records.
          if (!s.kept) continue;
          for (const r of signups) store.signups.set(r.id, r);
          for (const r of attendance) store.attendance.set(r.id, r);
          for (const r of passes) store.passes.set(r.id, r);
          for (const [id, balance] of balances)
            store.passes.set(id, { ...store.passes.get(id)!, balance });
          records.written({ signups, attendance, passes, creditLog });
        }
        for (const session of SESSIONS) for (const member of MEMBERS) expectSame(session, member);
      }),
      { numRuns: 300 },
    );
  });
});
