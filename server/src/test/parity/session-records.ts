import {
  clubDate,
  countUse,
  isTimePass,
  timePassKind,
  toIso,
  weekOf,
  type Attendance,
  type Charge,
  type ClubSettings,
  type Intent,
  type NewCreditLogEntry,
  type Pass,
  type PulledMember,
  type Session,
  type Signup,
} from '@turnout/shared';
import { anAttendance, anIntent, aSignup, memberIdOf } from '@turnout/shared/testing';
import fc from 'fast-check';
import { ATTENDANCE_ID, fromNow, idOf, MINUTE, pick, SIGNUP_ID } from './ids.js';

/**
 * What one member has in one session of a random club (club-state.ts): a
 * sign-up in any state, a check-in paid, unpaid or voided, "going" — with
 * the credit-log entries of what they paid.
 */

type SignupChoice = 'none' | 'active' | 'waitlisted' | 'cancelled' | 'late' | 'rejoined';
type AttendanceChoice = 'none' | 'valid' | 'voided';

export const recordChoices = fc.record({
  // Mostly the first sessions: places taken and waiters waiting in the same session.
  session: fc.constantFrom(0, 0, 0, 1, 1, 2, 3, 4, 5),
  // Mostly the first member: a history of their own is what some refusals explain.
  member: fc.constantFrom(0, 0, 0, 1, 1, 2, 3, 4, 5),
  signup: fc.constantFrom<SignupChoice>(
    'none',
    'active',
    'active',
    'waitlisted',
    'waitlisted',
    'cancelled',
    'late',
    'rejoined',
  ),
  attendance: fc.constantFrom<AttendanceChoice>('none', 'none', 'valid', 'valid', 'voided'),
  credits: fc.integer({ min: 1, max: 2 }),
  unpaid: fc.integer({ min: 0, max: 2 }),
  intent: fc.constantFrom(null, true, false),
  /** When it was recorded: few slots, so times tie as they do in a busy minute. */
  slot: fc.nat({ max: 2 }),
  byHost: fc.boolean(),
});
type RecordChoice = typeof recordChoices extends fc.Arbitrary<infer T> ? T : never;

/** One member's records in one session, written as one change (one version). */
export interface SessionRecords {
  sessionId: string;
  memberId: string;
  signups: Signup[];
  attendance: Attendance[];
  intents: Intent[];
  /** The charges' credit-log entries, balances as they were then. */
  creditLog: NewCreditLogEntry[];
}

/**
 * The records, one (session, member) pair each (later choices for a pair
 * are dropped). Charges are taken from the member's first pass; their
 * entries' balances are filled in by the caller, who knows the grants.
 */
export function buildRecords(
  choices: readonly RecordChoice[],
  settings: ClubSettings,
  members: readonly PulledMember[],
  sessions: readonly Session[],
  passes: readonly Pass[],
): SessionRecords[] {
  const seen = new Set<string>();
  const positions = new Map<string, number>();
  const out: SessionRecords[] = [];
  let signupN = 0;
  let attendanceN = 0;
  for (const r of choices) {
    const session = pick(sessions, r.session);
    const memberId = members[r.member]!.memberId;
    const key = `${session.id}:${memberId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const by = r.byHost ? memberIdOf(3) : memberId;
    const deviceLabel = r.byHost ? 'Front desk' : null;
    const pass = passes.find((p) => p.memberId === memberId);
    const recorded = fromNow(-(3 - r.slot) * 24 * 60);
    const records: SessionRecords = {
      sessionId: session.id,
      memberId,
      signups: [],
      attendance: [],
      intents: [],
      creditLog: [],
    };
    const charge = (credits: number, kind: NewCreditLogEntry['kind'], ref: object): Charge[] => {
      if (!pass || credits === 0) return [];
      // A time pass pays the whole session in one use (delta 0), counted in the session's week.
      const week = isTimePass(pass)
        ? weekOf(clubDate(session.startsAt, settings.timezone))
        : undefined;
      if (week !== undefined) pass.weekUses = countUse(pass, week, 1);
      records.creditLog.push({
        passId: pass.id,
        memberId,
        delta: week === undefined ? -credits : 0,
        kind: week === undefined ? kind : timePassKind(kind),
        balanceAfter: 0,
        expiresOnAfter: null,
        sessionId: session.id,
        signupId: null,
        attendanceId: null,
        reason: null,
        byMemberId: by,
        at: recorded,
        ...ref,
      });
      return [
        week === undefined ? { passId: pass.id, credits } : { passId: pass.id, credits, week },
      ];
    };
    const signup = (over: Partial<Signup>): Signup => {
      signupN += 1;
      return aSignup({
        id: idOf(SIGNUP_ID, signupN),
        sessionId: session.id,
        memberId,
        createdAt: recorded,
        updatedAt: recorded,
        byMemberId: by,
        deviceLabel,
        ...over,
      });
    };
    const paysAtSignup = settings.creditPolicy === 'at_signup';
    const paidSignup = (over: Partial<Signup>) => {
      const row = signup(over);
      if (paysAtSignup) {
        row.charges = charge(session.creditCost, 'charged_signup', { signupId: row.id });
      }
      return row;
    };
    if (r.signup === 'active') records.signups.push(paidSignup({}));
    if (r.signup === 'waitlisted') {
      const position = (positions.get(session.id) ?? 0) + 1;
      positions.set(session.id, position);
      records.signups.push(signup({ status: 'waitlisted', position }));
    }
    if (r.signup === 'cancelled') records.signups.push(signup({ status: 'cancelled' }));
    if (r.signup === 'late') {
      records.signups.push(paidSignup({ status: 'cancelled', lateCancel: true }));
    }
    if (r.signup === 'rejoined') {
      records.signups.push(signup({ status: 'cancelled', createdAt: fromNow(-5 * 24 * 60) }));
      records.signups.push(paidSignup({}));
    }
    if (r.attendance !== 'none') {
      attendanceN += 1;
      const id = idOf(ATTENDANCE_ID, attendanceN);
      const checkedInAt = toIso(Date.parse(session.startsAt) + (r.slot - 10) * MINUTE);
      const base = {
        id,
        sessionId: session.id,
        memberId,
        checkedInAt,
        updatedAt: checkedInAt,
        byMemberId: by,
        deviceLabel,
      };
      if (r.attendance === 'voided') {
        records.attendance.push(
          anAttendance({
            ...base,
            credits: session.creditCost,
            voided: true,
            voidReason: 'Wrong person',
            voidedAt: checkedInAt,
            voidedBy: memberIdOf(3),
          }),
        );
      } else {
        const credits = settings.multiCreditEnabled ? r.credits : session.creditCost;
        const live = records.signups.find((s) => s.status === 'active');
        const fromSignup = live ? live.charges.reduce((sum, ch) => sum + ch.credits, 0) : 0;
        // A sign-up a time pass paid has paid the whole session (as the rules say).
        const timePaid = live?.charges.some((ch) => ch.week !== undefined) ?? false;
        const signupCredits = timePaid ? credits : Math.min(credits, fromSignup);
        const owed = settings.creditPolicy === 'none' ? 0 : credits - signupCredits;
        let unpaid = Math.min(r.unpaid, owed);
        const charges = charge(owed - unpaid, 'charged_checkin', {
          attendanceId: id,
          at: checkedInAt,
        });
        if (charges.length === 0) unpaid = owed;
        records.attendance.push(
          anAttendance({
            ...base,
            credits,
            charges,
            signupCredits,
            unpaidCredits: unpaid,
            flags: unpaid > 0 ? ['unpaid'] : [],
          }),
        );
      }
    }
    if (r.intent !== null) {
      records.intents.push(
        anIntent({ sessionId: session.id, memberId, going: r.intent, updatedAt: recorded }),
      );
    }
    out.push(records);
  }
  return out;
}
