import type {
  Attendance,
  CreditUse,
  Intent,
  Pass,
  PassRequest,
  PlaceRecord,
  Series,
  Session,
  Signup,
  Template,
  TrainingType,
} from '@turnout/shared';
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';
import {
  attendanceFromRow,
  passFromRow,
  passRequestFromRow,
  seriesFromRow,
  sessionFromRow,
  signupFromRow,
  templateFromRow,
  trainingTypeFromRow,
} from './domain.rows.js';

/**
 * The facts the rules are judged with, read inside the push transaction so
 * they are exactly what the decision will be written against. Every query is
 * scoped to the club: an id from another club is simply not found.
 */

export async function getSession(db: Db, clubId: string, id: string): Promise<Session | null> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? sessionFromRow(row) : null;
}

export async function listSessionsOfSeries(db: Db, clubId: string, seriesId: string) {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('series_id', '=', seriesId)
    .execute();
  return rows.map(sessionFromRow);
}

export async function getSeries(db: Db, clubId: string, id: string): Promise<Series | null> {
  const row = await db
    .selectFrom('series')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? seriesFromRow(row) : null;
}

export async function listTrainingTypes(db: Db, clubId: string): Promise<TrainingType[]> {
  const rows = await db
    .selectFrom('training_types')
    .selectAll()
    .where('club_id', '=', clubId)
    .execute();
  return rows.map(trainingTypeFromRow);
}

export async function getTrainingType(
  db: Db,
  clubId: string,
  id: string | null | undefined,
): Promise<TrainingType | null> {
  if (!id) return null;
  const row = await db
    .selectFrom('training_types')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? trainingTypeFromRow(row) : null;
}

export async function getIntent(
  db: Db,
  sessionId: string,
  memberId: string,
): Promise<Intent | null> {
  const row = await db
    .selectFrom('intents')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return row ? { sessionId, memberId, going: row.going === 1, updatedAt: row.updated_at } : null;
}

export async function listSignups(db: Db, sessionId: string): Promise<Signup[]> {
  const rows = await db
    .selectFrom('signups')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('created_at')
    .execute();
  return rows.map(signupFromRow);
}

export async function listAttendance(db: Db, sessionId: string): Promise<Attendance[]> {
  const rows = await db
    .selectFrom('attendance')
    .selectAll()
    .where('session_id', '=', sessionId)
    .execute();
  return rows.map(attendanceFromRow);
}

/** The member's live sign-up for the session, else their latest cancelled one. */
export async function getMemberSignup(
  db: Db,
  sessionId: string,
  memberId: string,
): Promise<Signup | null> {
  // A member has a handful of sign-up rows per session at most: pick in code
  // rather than have SQLite build a sorter for each lookup.
  const rows = await db
    .selectFrom('signups')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('session_id', '=', sessionId)
    .execute();
  return memberSignup(rows.map(signupFromRow), memberId);
}

export async function getMemberAttendance(
  db: Db,
  sessionId: string,
  memberId: string,
): Promise<Attendance | null> {
  const row = await db
    .selectFrom('attendance')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return row ? attendanceFromRow(row) : null;
}

export async function listWaitlist(db: Db, sessionId: string): Promise<Signup[]> {
  const rows = await db
    .selectFrom('signups')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('status', '=', 'waitlisted')
    .execute();
  return rows.map(signupFromRow);
}

/**
 * Occupancy counted by the database: distinct members with an active sign-up
 * or a non-voided check-in. The same definition as the rulebook's
 * `occupancy()` (a test holds them equal), without reading every record.
 */
export async function countOccupancy(db: Db, sessionId: string): Promise<number> {
  const row = await sql<{ n: number }>`
    SELECT COUNT(*) AS n FROM (
      SELECT member_id FROM signups WHERE session_id = ${sessionId} AND status = 'active'
      UNION
      SELECT member_id FROM attendance WHERE session_id = ${sessionId} AND voided = 0
    )`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** Who holds places in a session, to explain a `session_full` (read only when refusing). */
export async function loadPlaceRecords(db: Db, sessionId: string): Promise<PlaceRecord[]> {
  return placeRecords(
    (await listSignups(db, sessionId)).filter((s) => s.status === 'active'),
    (await listAttendance(db, sessionId)).filter((a) => !a.voided),
  );
}

/** The member's live sign-up for the session, else their latest cancelled one (from a list). */
export function memberSignup(signups: readonly Signup[], memberId: string): Signup | null {
  const mine = signups.filter((s) => s.memberId === memberId);
  return (
    mine.find((s) => s.status !== 'cancelled') ??
    mine.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] ??
    null
  );
}

export async function listPassesOfMembers(
  db: Db,
  clubId: string,
  memberIds: readonly string[],
): Promise<Pass[]> {
  if (memberIds.length === 0) return [];
  // By member only, so the member index is used (a club filter in SQL made
  // SQLite scan the club's passes); member ids never cross clubs anyway.
  const rows = await db
    .selectFrom('passes')
    .selectAll()
    .where('member_id', 'in', [...memberIds])
    .execute();
  return rows.filter((r) => r.club_id === clubId).map(passFromRow);
}

export async function listPassesByIds(
  db: Db,
  clubId: string,
  ids: readonly string[],
): Promise<Pass[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('passes')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return rows.filter((r) => r.club_id === clubId).map(passFromRow);
}

export async function getPass(db: Db, clubId: string, id: string): Promise<Pass | null> {
  return (await listPassesByIds(db, clubId, [id]))[0] ?? null;
}

export async function listPassesOfTemplate(db: Db, clubId: string, templateId: string) {
  const rows = await db
    .selectFrom('passes')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('template_id', '=', templateId)
    .execute();
  return rows.map(passFromRow);
}

export async function getTemplate(db: Db, clubId: string, id: string): Promise<Template | null> {
  const row = await db
    .selectFrom('pass_templates')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? templateFromRow(row) : null;
}

export async function getPassRequest(
  db: Db,
  clubId: string,
  id: string | undefined,
): Promise<PassRequest | null> {
  if (!id) return null;
  const row = await db
    .selectFrom('pass_requests')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? passRequestFromRow(row) : null;
}

/** Whether the member id is an active member of this club. */
export async function isActiveMember(db: Db, clubId: string, memberId: string) {
  const row = await db
    .selectFrom('memberships')
    .select('id')
    .where('club_id', '=', clubId)
    .where('id', '=', memberId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}

/** Who holds the places of a session, to explain a `session_full`. */
export function placeRecords(
  signups: readonly Signup[],
  attendance: readonly Attendance[],
): PlaceRecord[] {
  return [
    ...signups
      .filter((s) => s.status === 'active')
      .map((s) => ({ kind: 'signup' as const, at: s.createdAt, deviceLabel: s.deviceLabel })),
    ...attendance
      .filter((a) => !a.voided)
      .map((a) => ({ kind: 'checkin' as const, at: a.checkedInAt, deviceLabel: a.deviceLabel })),
  ];
}

/** The member's latest credit uses, to explain an `insufficient_credits`. */
export async function recentCreditUses(
  db: Db,
  clubId: string,
  memberId: string,
): Promise<CreditUse[]> {
  const rows = await db
    .selectFrom('credit_log')
    .leftJoin('sessions', 'sessions.id', 'credit_log.session_id')
    .leftJoin('attendance', 'attendance.id', 'credit_log.attendance_id')
    .leftJoin('signups', 'signups.id', 'credit_log.signup_id')
    .select([
      'credit_log.kind',
      'credit_log.at',
      'sessions.title',
      'attendance.device_label as checkinDevice',
      'signups.device_label as signupDevice',
    ])
    .where('credit_log.club_id', '=', clubId)
    .where('credit_log.member_id', '=', memberId)
    .where('credit_log.kind', 'in', ['charged_signup', 'charged_checkin'])
    .orderBy('credit_log.version', 'desc')
    .limit(3)
    .execute();
  return rows.map((r) => ({
    kind: r.kind === 'charged_signup' ? ('signup' as const) : ('checkin' as const),
    sessionTitle: r.title ?? 'a session',
    at: r.at,
    deviceLabel: (r.kind === 'charged_signup' ? r.signupDevice : r.checkinDevice) ?? null,
  }));
}
