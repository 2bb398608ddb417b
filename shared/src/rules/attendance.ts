import type { ClubSettings } from '../settings.js';
import { clubDate } from '../time/index.js';
import { refuse, type Refusal } from './decision.js';
import { explainCreditUse, explainFull, type CreditUse, type PlaceRecord } from './explain.js';
import { appliesToTrainingType } from './passes.js';
import { isTimePass, weeklyCapReached } from './time-passes.js';
import type { Actor, Attendance, Pass, Session, Signup } from './types.js';

/**
 * What the attendance rules share: the facts they judge a member's action on
 * one session with, and the refusals they word alike. The rules themselves:
 * signups.ts (going, sign up, sign out, waitlist), checkins.ts (check in),
 * corrections.ts (void, adjust).
 */
/** What the rules need to judge a member's action on one session. */
export interface MemberSessionFacts {
  session: Session | null;
  /** Distinct members holding a place now (see `occupancy()`); devices may use the pulled count. */
  occupancy: number;
  /** The member's current sign-up row for the session (active, waitlisted, or the latest cancelled one). */
  signup: Signup | null;
  /** The member's attendance record for the session (possibly voided). */
  attendance: Attendance | null;
  /** The member's passes with their balances (and their guardian's, who pays after them). */
  passes: readonly Pass[];
  /** The member's active guardian (docs/rules.md "Dependants"); absent or null = none. */
  guardianId?: string | null;
  /** Optional: the records holding places, to explain `session_full`. */
  placeRecords?: readonly PlaceRecord[];
  /** Optional: a member's name, to tell a host or owner who took the last spot. */
  nameOf?: (memberId: string) => string | null;
  /** Optional: recent uses of the member's credits, to explain `insufficient_credits`. */
  creditUses?: readonly CreditUse[];
}

/** What is needed to promote waiters when a spot frees (the server has it; a device may not). */
export interface WaitlistFacts {
  /** The session's sign-ups that are waitlisted. Omitted = nobody is promoted. */
  waitlist?: readonly Signup[];
  /** The waiters' passes (charged on promotion under `at_signup`), and their guardians'. */
  waiterPasses?: readonly Pass[];
  /** Waiter → active guardian, for the waiters who have one. */
  waiterGuardians?: Readonly<Record<string, string>>;
}

export function sessionDateOf(session: Session, settings: ClubSettings): string {
  return clubDate(session.startsAt, settings.timezone);
}

/** Why the member has no usable credits, in plain words. */
function noCreditsDetail(
  session: Session,
  sessionDate: string,
  passes: readonly Pass[],
  uses: readonly CreditUse[] | undefined,
  settings: ClubSettings,
): string | undefined {
  const used = explainCreditUse(uses, settings.timezone);
  if (used) return used.text;
  const withSessions = passes.filter((p) => p.balance > 0 || isTimePass(p));
  if (withSessions.length === 0)
    return passes.length > 0 ? 'Your passes have no sessions left.' : undefined;
  if (withSessions.every((p) => p.expiresOn < sessionDate)) {
    return `Your pass expires before this session (${sessionDate}).`;
  }
  if (withSessions.every((p) => isTimePass(p) && p.grantedOn > sessionDate)) {
    return `Your membership starts after this session (${sessionDate}).`;
  }
  if (withSessions.every((p) => isTimePass(p) && weeklyCapReached(p, sessionDate))) {
    return 'Your membership is used up for that week.';
  }
  if (withSessions.every((p) => !p.active)) return 'Your pass is deactivated.';
  if (
    withSessions.every(
      (p) => !appliesToTrainingType(p.terms.trainingTypeIds, session.trainingTypeId),
    )
  ) {
    return 'Your pass does not cover this kind of session.';
  }
  return undefined;
}

export function refuseNoCredits(
  session: Session,
  facts: Pick<MemberSessionFacts, 'passes' | 'creditUses'>,
  settings: ClubSettings,
): Refusal {
  const date = sessionDateOf(session, settings);
  return refuse(
    'insufficient_credits',
    noCreditsDetail(session, date, facts.passes, facts.creditUses, settings),
    explainCreditUse(facts.creditUses, settings.timezone)?.explanation,
  );
}

/**
 * `session_full`, saying what took the last spot; `viewer` is who was
 * refused (a host or owner is told whose it is, a member is not).
 */
export function refuseFull(
  facts: Pick<MemberSessionFacts, 'placeRecords' | 'nameOf'>,
  settings: ClubSettings,
  viewer?: Actor,
) {
  const named = viewer ? { viewer, nameOf: facts.nameOf } : undefined;
  const explained = explainFull(facts.placeRecords, settings.timezone, named);
  return refuse('session_full', explained?.text, explained?.explanation);
}

export function sessionGate(session: Session | null): Refusal | Session {
  if (!session) return refuse('not_found');
  if (session.status === 'cancelled') return refuse('session_cancelled');
  return session;
}
