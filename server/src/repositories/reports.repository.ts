import type { CreditLogKind } from '@turnout/shared';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db/connection.js';
import type { Database } from '../db/database.js';
import {
  attendanceRecordColumns,
  joinMember,
  joinMemberOrNone,
  membersOfClub,
  within,
  type InstantRange,
} from './query-helpers.js';

/**
 * Every query behind the organizer's reports (the exports' are in
 * exports.repository.ts). All are scoped to one club; ranges and member
 * names come through the helpers in query-helpers.ts.
 */

/**
 * Charges and returns of credits for places, and a time pass's uses and
 * their returns (delta 0): what "sessions used" counts.
 */
const usageKinds = [
  'charged_signup',
  'charged_checkin',
  'charged_adjustment',
  'returned_signout',
  'returned_void',
  'returned_cancel',
  'returned_adjustment',
  'used_signup',
  'used_checkin',
  'used_adjustment',
  'unused_signout',
  'unused_void',
  'unused_cancel',
  'unused_adjustment',
] as const satisfies readonly CreditLogKind[];

/** A pass row whose terms say it is a membership by time (terms written before time passes have no kind). */
const isTimePassRow = sql<boolean>`json_extract(passes.terms, '$.kind') = 'time'`;

// --- Pass templates and passes ------------------------------------------------

export function listTemplatesOfClub(db: Db, clubId: string) {
  return db
    .selectFrom('pass_templates')
    .select(['id', 'names', 'price_minor', 'currency', 'deleted_at'])
    .where('club_id', '=', clubId)
    .execute();
}

export function listPassesOfClub(db: Db, clubId: string) {
  return db
    .selectFrom('passes')
    .select(['id', 'template_id', 'terms', 'balance', 'granted_on', 'expires_on', 'active'])
    .where('club_id', '=', clubId)
    .execute();
}

/**
 * Sessions used per template by credit-log entries in the range: credits
 * charged minus returned, and a time pass's uses minus their returns (a use
 * is one session, whatever the session's credits).
 */
export async function sessionsUsedByTemplate(
  db: Db,
  clubId: string,
  range: InstantRange,
): Promise<Map<string, number>> {
  let query = db
    .selectFrom('credit_log')
    .innerJoin('passes', 'passes.id', 'credit_log.pass_id')
    .select(['passes.template_id as templateId'])
    // Charges are negative deltas and returns positive; a time pass's use is +1, its return −1.
    .select(
      sql<number>`SUM(CASE
        WHEN substr(credit_log.kind, 1, 5) = 'used_' THEN 1
        WHEN substr(credit_log.kind, 1, 7) = 'unused_' THEN -1
        ELSE -credit_log.delta END)`.as('used'),
    )
    .where('credit_log.club_id', '=', clubId)
    .where('credit_log.kind', 'in', [...usageKinds])
    .groupBy('passes.template_id');
  query = query.where(within('credit_log.at', range));
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.templateId, Number(r.used)]));
}

/**
 * Active passes that can still pay (sessions left, or a membership by time,
 * which never runs out) expiring in [fromDate, toDate], of members still in
 * the club.
 */
export function listExpiringPasses(db: Db, clubId: string, fromDate: string, toDate: string) {
  return db
    .selectFrom('passes')
    .$call((q) => joinMember(q, 'passes.member_id', 'member'))
    .select([
      'passes.id as passId',
      'passes.member_id as memberId',
      'member_user.name as memberName',
      'member_user.email as memberEmail',
      'passes.template_id as templateId',
      'passes.terms as terms',
      'passes.balance as balance',
      'passes.granted_on as grantedOn',
      'passes.expires_on as expiresOn',
    ])
    .where('passes.club_id', '=', clubId)
    .where('passes.expires_on', '>=', fromDate)
    .where('passes.expires_on', '<=', toDate)
    .where('passes.active', '=', 1)
    .where((eb) => eb.or([eb('passes.balance', '>', 0), isTimePassRow]))
    .where('member.removed_at', 'is', null)
    .orderBy('passes.expires_on')
    .orderBy('member_user.name')
    .orderBy('passes.id')
    .execute();
}

export function getPassWithMember(db: Db, clubId: string, passId: string) {
  return db
    .selectFrom('passes')
    .$call((q) => joinMember(q, 'passes.member_id', 'member'))
    .select([
      'passes.id as passId',
      'passes.member_id as memberId',
      'member_user.name as memberName',
      'passes.template_id as templateId',
      'passes.terms as terms',
      'passes.balance as balance',
      'passes.granted_on as grantedOn',
      'passes.granted_at as grantedAt',
      'passes.expires_on as expiresOn',
      'passes.active as active',
    ])
    .where('passes.club_id', '=', clubId)
    .where('passes.id', '=', passId)
    .executeTakeFirst();
}

/** A pass's credit log in the order it was written, with who and which session. */
export function listCreditLogOfPass(db: Db, clubId: string, passId: string) {
  return db
    .selectFrom('credit_log')
    .leftJoin('sessions', 'sessions.id', 'credit_log.session_id')
    .$call((q) => joinMemberOrNone(q, 'credit_log.by_member_id', 'by'))
    .select([
      'credit_log.id as id',
      'credit_log.at as at',
      'credit_log.kind as kind',
      'credit_log.delta as delta',
      'credit_log.balance_after as balanceAfter',
      'credit_log.expires_on_after as expiresOnAfter',
      'credit_log.reason as reason',
      'credit_log.session_id as sessionId',
      'sessions.title as sessionTitle',
      'sessions.starts_at as sessionStartsAt',
      'credit_log.by_member_id as byMemberId',
      'by_user.name as byName',
    ])
    .where('credit_log.club_id', '=', clubId)
    .where('credit_log.pass_id', '=', passId)
    .orderBy('credit_log.version')
    .orderBy('credit_log.id')
    .execute();
}

// --- Sessions and attendance ----------------------------------------------------

function pastSessionsQuery(db: Db, clubId: string, now: string, range: InstantRange) {
  let query = db
    .selectFrom('sessions')
    .where('sessions.club_id', '=', clubId)
    .where('sessions.ends_at', '<=', now);
  query = query.where(within('sessions.starts_at', range));
  return query;
}

export async function countPastSessions(db: Db, clubId: string, now: string, range: InstantRange) {
  const row = await pastSessionsQuery(db, clubId, now, range)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sessions that have ended, newest first, one page. */
export function listPastSessions(
  db: Db,
  clubId: string,
  now: string,
  range: InstantRange,
  page: { limit: number; offset: number },
) {
  return pastSessionsQuery(db, clubId, now, range)
    .leftJoin('training_types', 'training_types.id', 'sessions.training_type_id')
    .select([
      'sessions.id as sessionId',
      'sessions.title as title',
      'sessions.training_type_id as trainingTypeId',
      'training_types.name as trainingTypeName',
      'sessions.starts_at as startsAt',
      'sessions.ends_at as endsAt',
      'sessions.location as location',
      'sessions.capacity as capacity',
      'sessions.credit_cost as creditCost',
      'sessions.status as status',
    ])
    .orderBy('sessions.starts_at', 'desc')
    .orderBy('sessions.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Whether the member has a valid (non-voided) check-in for the sign-up's session. */
const checkedIn = (eb: ExpressionBuilder<Database, 'signups'>) =>
  eb.exists(
    eb
      .selectFrom('attendance')
      .select('attendance.id')
      .whereRef('attendance.session_id', '=', 'signups.session_id')
      .whereRef('attendance.member_id', '=', 'signups.member_id')
      .where('attendance.voided', '=', 0),
  );

export interface SessionFigures {
  headcount: number;
  participation: number;
  unpaidCredits: number;
  flagged: number;
  signups: number;
  noShows: number;
  lateCancels: number;
  going: number;
}

/** Headcount, participation, sign-ups, no-shows… of each session. */
export async function sessionFigures(
  db: Db,
  sessionIds: readonly string[],
): Promise<Map<string, SessionFigures>> {
  const figures = new Map<string, SessionFigures>(
    sessionIds.map((id) => [
      id,
      {
        headcount: 0,
        participation: 0,
        unpaidCredits: 0,
        flagged: 0,
        signups: 0,
        noShows: 0,
        lateCancels: 0,
        going: 0,
      },
    ]),
  );
  if (sessionIds.length === 0) return figures;
  const ids = [...sessionIds];

  const attendance = await db
    .selectFrom('attendance')
    .select('session_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('headcount'),
      eb.fn.sum<number>('credits').as('participation'),
      eb.fn.sum<number>('unpaid_credits').as('unpaid'),
      eb.fn.sum<number>(sql`CASE WHEN flags <> '[]' THEN 1 ELSE 0 END`).as('flagged'),
    ])
    .where('session_id', 'in', ids)
    .where('voided', '=', 0)
    .groupBy('session_id')
    .execute();
  for (const r of attendance) {
    const f = figures.get(r.session_id)!;
    f.headcount = Number(r.headcount);
    f.participation = Number(r.participation);
    f.unpaidCredits = Number(r.unpaid);
    f.flagged = Number(r.flagged);
  }

  const signups = await db
    .selectFrom('signups')
    .select('signups.session_id as sessionId')
    .select((eb) => [
      eb.fn
        .sum<number>(eb.case().when('signups.status', '=', 'active').then(1).else(0).end())
        .as('signups'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('signups.status', '=', 'active'), eb.not(checkedIn(eb))]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('noShows'),
      eb.fn
        .sum<number>(eb.case().when('signups.late_cancel', '=', 1).then(1).else(0).end())
        .as('lateCancels'),
    ])
    .where('signups.session_id', 'in', ids)
    .groupBy('signups.session_id')
    .execute();
  for (const r of signups) {
    const f = figures.get(r.sessionId)!;
    f.signups = Number(r.signups);
    f.noShows = Number(r.noShows);
    f.lateCancels = Number(r.lateCancels);
  }

  const going = await db
    .selectFrom('intents')
    .select('session_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', 'in', ids)
    .where('going', '=', 1)
    .groupBy('session_id')
    .execute();
  for (const r of going) figures.get(r.session_id)!.going = Number(r.n);
  return figures;
}

/** A member of the club (removed ones too: history keeps them). */
export function getMemberOfClub(db: Db, clubId: string, memberId: string) {
  return membersOfClub(db, clubId)
    .select([
      'memberships.id as memberId',
      'users.name as name',
      'memberships.role as role',
      'memberships.removed_at as removedAt',
    ])
    .where('memberships.id', '=', memberId)
    .executeTakeFirst();
}

const sessionColumns = [
  'sessions.id as sessionId',
  'sessions.title as title',
  'sessions.starts_at as startsAt',
  'sessions.ends_at as endsAt',
  'sessions.status as sessionStatus',
] as const;

/** The member's attendance records in sessions that have ended. */
export function listMemberAttendance(
  db: Db,
  clubId: string,
  memberId: string,
  now: string,
  range: InstantRange,
) {
  let query = db
    .selectFrom('attendance')
    .innerJoin('sessions', 'sessions.id', 'attendance.session_id')
    .select([...sessionColumns, ...attendanceRecordColumns])
    .where('attendance.club_id', '=', clubId)
    .where('attendance.member_id', '=', memberId)
    .where('sessions.ends_at', '<=', now);
  query = query.where(within('sessions.starts_at', range));
  return query.execute();
}

/** The member's sign-ups that held a place at the end, or were cancelled late, in ended scheduled sessions. */
export function listMemberSignupOutcomes(
  db: Db,
  clubId: string,
  memberId: string,
  now: string,
  range: InstantRange,
) {
  let query = db
    .selectFrom('signups')
    .innerJoin('sessions', 'sessions.id', 'signups.session_id')
    .select([...sessionColumns, 'signups.status as status', 'signups.late_cancel as lateCancel'])
    .where('signups.club_id', '=', clubId)
    .where('signups.member_id', '=', memberId)
    .where((eb) => eb.or([eb('signups.status', '=', 'active'), eb('signups.late_cancel', '=', 1)]))
    .where('sessions.status', '=', 'scheduled')
    .where('sessions.ends_at', '<=', now);
  query = query.where(within('sessions.starts_at', range));
  return query.execute();
}

// --- Needs attention: the list's queries are in attention-list.repository.ts; these serve it too.

/** Names of members (removed ones too), by member id. */
export async function memberNames(
  db: Db,
  clubId: string,
  memberIds: readonly string[],
): Promise<Map<string, string>> {
  if (memberIds.length === 0) return new Map();
  const rows = await membersOfClub(db, clubId)
    .select(['memberships.id as memberId', 'users.name as name'])
    .where('memberships.id', 'in', [...new Set(memberIds)])
    .execute();
  return new Map(rows.map((r) => [r.memberId, r.name]));
}

export function sessionsByIds(db: Db, clubId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sessions')
    .select(['id', 'title', 'starts_at', 'ends_at', 'status'])
    .where('club_id', '=', clubId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** The attendance records of (session, member) pairs, as they are now. */
export async function attendanceOf(
  db: Db,
  clubId: string,
  pairs: readonly { sessionId: string; memberId: string }[],
) {
  if (pairs.length === 0) return [];
  return db
    .selectFrom('attendance')
    .select([
      'session_id',
      'member_id',
      'credits',
      'unpaid_credits',
      'flags',
      'voided',
      'void_reason',
    ])
    .where('club_id', '=', clubId)
    .where('session_id', 'in', [...new Set(pairs.map((p) => p.sessionId))])
    .where('member_id', 'in', [...new Set(pairs.map((p) => p.memberId))])
    .execute();
}
