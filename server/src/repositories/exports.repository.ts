import { sql } from 'kysely';
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
 * The queries behind the exports, as query builders rather than results:
 * the export worker (src/exports/worker.ts) compiles them for its store and
 * steps through the rows a few at a time (export-source.ts: better-sqlite3's
 * `statement.iterate()`, a PostgreSQL cursor), so no table is ever held in
 * memory whole. Their SQL is read by both stores. All are scoped to one club.
 */

/** Attendance records of sessions starting in the range, by session start, then member name. */
export function attendanceForExport(db: Db, clubId: string, range: InstantRange) {
  let query = db
    .selectFrom('attendance')
    .innerJoin('sessions', 'sessions.id', 'attendance.session_id')
    .leftJoin('training_types', 'training_types.id', 'sessions.training_type_id')
    .$call((q) => joinMember(q, 'attendance.member_id', 'subject'))
    .$call((q) => joinMemberOrNone(q, 'attendance.by_member_id', 'recorder'))
    .select([
      'attendance.id as attendanceId',
      'sessions.id as sessionId',
      'sessions.title as sessionTitle',
      'sessions.starts_at as startsAt',
      'sessions.ends_at as endsAt',
      'sessions.status as sessionStatus',
      'training_types.name as trainingType',
      'attendance.member_id as memberId',
      'subject_user.name as memberName',
      ...attendanceRecordColumns,
      'recorder_user.name as recordedBy',
      'attendance.device_label as deviceLabel',
    ])
    .where('attendance.club_id', '=', clubId);
  query = query.where(within('sessions.starts_at', range));
  return query.orderBy('sessions.starts_at').orderBy('subject_user.name').orderBy('attendance.id');
}

/** Credit-log entries written in the range, in the order they were written. */
export function creditLogForExport(db: Db, clubId: string, range: InstantRange) {
  let query = db
    .selectFrom('credit_log')
    .innerJoin('passes', 'passes.id', 'credit_log.pass_id')
    .leftJoin('sessions', 'sessions.id', 'credit_log.session_id')
    .$call((q) => joinMember(q, 'credit_log.member_id', 'holder'))
    .$call((q) => joinMemberOrNone(q, 'credit_log.by_member_id', 'by'))
    .select([
      'credit_log.id as entryId',
      'credit_log.at as at',
      'credit_log.pass_id as passId',
      'passes.terms as terms',
      'credit_log.member_id as memberId',
      'holder_user.name as memberName',
      'credit_log.kind as kind',
      'credit_log.delta as delta',
      'credit_log.balance_after as balanceAfter',
      'credit_log.expires_on_after as expiresOnAfter',
      'credit_log.session_id as sessionId',
      'sessions.title as sessionTitle',
      'sessions.starts_at as sessionStartsAt',
      'credit_log.reason as reason',
      'by_user.name as byName',
    ])
    .where('credit_log.club_id', '=', clubId);
  query = query.where(within('credit_log.at', range));
  return query.orderBy('credit_log.version').orderBy('credit_log.id');
}

/** Tables whose rows belong to one club through their `club_id` (all but accounts). */
export const clubTables = [
  'training_types',
  'series',
  'sessions',
  'intents',
  'signups',
  'attendance',
  'pass_templates',
  'pass_requests',
  'passes',
  'credit_log',
  'notifications',
  'mutation_log',
  'attention_resolutions',
  'devices',
  // Who is whose dependant, ended ties too (the link codes' hashes stay out).
  'dependants',
] as const satisfies readonly (keyof Database)[];
type ClubTable = (typeof clubTables)[number];

/** Every row of one of the club's tables, every column. */
export function clubRows(db: Db, table: ClubTable, clubId: string) {
  return db
    .selectFrom(table)
    .selectAll()
    .where('club_id', '=', clubId)
    .$castTo<Record<string, unknown>>();
}

export function clubRow(db: Db, clubId: string) {
  return db.selectFrom('clubs').selectAll().where('id', '=', clubId);
}

/** The club's people: memberships with their account's name and email (never a password hash). */
export function clubPeople(db: Db, clubId: string) {
  return membersOfClub(db, clubId)
    .select([
      'memberships.id as id',
      'memberships.user_id as user_id',
      'users.name as name',
      'users.email as email',
      'memberships.role as role',
      'memberships.created_at as created_at',
      'memberships.removed_at as removed_at',
    ])
    .orderBy('memberships.created_at');
}

/** The club's invitations without their code hashes. */
export function clubInvitations(db: Db, clubId: string) {
  return db
    .selectFrom('invitations')
    .select([
      'id',
      'role',
      'email',
      'created_by',
      'created_at',
      'expires_at',
      'max_uses',
      'uses',
      'revoked_at',
    ])
    .where('club_id', '=', clubId);
}

/** The newest migration applied: which schema an export's rows follow. */
export function schemaVersion(db: Db) {
  return sql<{ name: string }>`
    SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.compile(db);
}

/**
 * The file the server's connection has open, for the export worker to open
 * its own read-only connection to. An in-memory database cannot be shared
 * with another thread, so exports need the file. SQLite only (on
 * PostgreSQL the worker connects to the server's URL).
 */
export async function databaseFileOf(db: Db): Promise<string> {
  const { rows } = await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(db);
  const main = rows.find((r) => r.name === 'main');
  if (!main?.file) throw new Error('exports need a database file, not an in-memory database');
  return main.file;
}
