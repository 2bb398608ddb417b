import type { PulledMember, PullRows, PullTable } from '@turnout/shared';
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connection.js';
import type { Database } from '../db/database.js';
import {
  attendanceFromRow,
  passFromRow,
  passRequestFromRow,
  seriesFromRow,
  sessionFromRow,
  signupFromRow,
  templateFromRow,
  trainingTypeFromRow,
} from '../repositories/domain.rows.js';
import { creditLogFromRow, intentFromRow, notificationFromRow } from './pull.rows.js';

/**
 * The queries behind `sync.pull`: what one member may see of one club,
 * either by version (changes after a cursor, optionally limited to the
 * snapshot window) or by time (a history page). Only this file writes SQL
 * for pull.
 */

/** Who is looking, reduced to what decides visibility. */
export interface Viewer {
  clubId: string;
  memberId: string;
  /** Everyone's intents, sign-ups, attendance, passes and the member list (hosts, owners). */
  rosters: boolean;
  /** Everyone's credit log (owners). */
  creditLogs: boolean;
  /** Everyone's pass requests (owners; hosts when hostsCanManagePasses). */
  requests: boolean;
}

/** Rows changed in (after, upTo], oldest version first, at most `limit` per table. */
export interface ByVersion {
  kind: 'version';
  after: number;
  upTo: number | null;
  limit: number | null;
  /** Snapshot window start (ISO instant): older history is left out. */
  windowStart: string | null;
}

/** Rows of sessions that ended in [from, before), and what happened in that time. */
export interface ByTime {
  kind: 'time';
  from: string | null;
  before: string;
}

export type RowFilter = ByVersion | ByTime;

/** A row and its version; mapped only when it makes the page. */
export interface Versioned<Row> {
  version: number;
  load: () => Row;
}

/** The versioned tables, i.e. everything but club, members and sessionCounts. */
export type VersionedTable = Exclude<PullTable, 'club' | 'members' | 'sessionCounts'>;

/** `YYYY-MM-DD` of an instant, for comparing with club dates (a day of slack either way is fine). */
const datePart = (iso: string) => iso.slice(0, 10);

/* eslint-disable @typescript-eslint/no-explicit-any -- the helpers below work on any table's query */
function byVersion<QB extends SelectQueryBuilder<Database, any, any>>(
  qb: QB,
  column: string,
  f: ByVersion,
): QB {
  let q = qb.where(sql.ref(column), '>', f.after);
  if (f.upTo !== null) q = q.where(sql.ref(column), '<=', f.upTo);
  q = q.orderBy(sql.ref(column));
  if (f.limit !== null) q = q.limit(f.limit);
  return q as QB;
}

/** Session-bound rows: by version (window on the session's end), or by the session's end time. */
function sessionBound<QB extends SelectQueryBuilder<Database, any, any>>(
  qb: QB,
  clubId: string,
  table: string,
  f: RowFilter,
): QB {
  if (f.kind === 'version') {
    let q = qb;
    if (f.windowStart !== null) {
      q = q.where(
        sql.ref(`${table}.session_id`),
        'in',
        sql`(SELECT id FROM sessions WHERE club_id = ${clubId} AND ends_at >= ${f.windowStart})`,
      ) as QB;
    }
    return byVersion(q, `${table}.version`, f);
  }
  return qb.where(
    sql.ref(`${table}.session_id`),
    'in',
    f.from === null
      ? sql`(SELECT id FROM sessions WHERE club_id = ${clubId} AND ends_at < ${f.before})`
      : sql`(SELECT id FROM sessions WHERE club_id = ${clubId} AND ends_at >= ${f.from} AND ends_at < ${f.before})`,
  ) as QB;
}

/** Time-stamped rows: by version (window on `column`), or by `column` in [from, before). */
function timeBound<QB extends SelectQueryBuilder<Database, any, any>>(
  qb: QB,
  table: string,
  column: string,
  f: RowFilter,
  toBound: (iso: string) => string = (iso) => iso,
): QB {
  const ref = sql.ref(`${table}.${column}`);
  if (f.kind === 'version') {
    const q = f.windowStart === null ? qb : (qb.where(ref, '>=', toBound(f.windowStart)) as QB);
    return byVersion(q, `${table}.version`, f);
  }
  let q = qb.where(ref, '<', toBound(f.before)) as QB;
  if (f.from !== null) q = q.where(ref, '>=', toBound(f.from)) as QB;
  return q;
}

/** Club-wide rows with no time of their own: all of them by version; none in history pages. */
function clubWide<QB extends SelectQueryBuilder<Database, any, any>>(
  qb: QB,
  table: string,
  f: RowFilter,
): QB | null {
  return f.kind === 'version' ? byVersion(qb, `${table}.version`, f) : null;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

type Loader<T extends VersionedTable> = (
  db: Db,
  viewer: Viewer,
  f: RowFilter,
) => Promise<Versioned<PullRows[T]>[]>;

const loaders: { [T in VersionedTable]: Loader<T> } = {
  async trainingTypes(db, v, f) {
    const q = clubWide(
      db.selectFrom('training_types').selectAll().where('club_id', '=', v.clubId),
      'training_types',
      f,
    );
    const rows = q ? await q.execute() : [];
    return rows.map((r) => ({ version: r.version, load: () => trainingTypeFromRow(r) }));
  },
  async series(db, v, f) {
    const q = timeBound(
      db.selectFrom('series').selectAll().where('club_id', '=', v.clubId),
      'series',
      'until_date',
      f,
      datePart,
    );
    return (await q.execute()).map((r) => ({ version: r.version, load: () => seriesFromRow(r) }));
  },
  async sessions(db, v, f) {
    const q = timeBound(
      db.selectFrom('sessions').selectAll().where('club_id', '=', v.clubId),
      'sessions',
      'ends_at',
      f,
    );
    return (await q.execute()).map((r) => ({ version: r.version, load: () => sessionFromRow(r) }));
  },
  async templates(db, v, f) {
    const q = clubWide(
      db.selectFrom('pass_templates').selectAll().where('club_id', '=', v.clubId),
      'pass_templates',
      f,
    );
    const rows = q ? await q.execute() : [];
    return rows.map((r) => ({ version: r.version, load: () => templateFromRow(r) }));
  },
  async intents(db, v, f) {
    let q = db.selectFrom('intents').selectAll().where('club_id', '=', v.clubId);
    if (!v.rosters) q = q.where('member_id', '=', v.memberId);
    const rows = await sessionBound(q, v.clubId, 'intents', f).execute();
    return rows.map((r) => ({ version: r.version, load: () => intentFromRow(r) }));
  },
  async signups(db, v, f) {
    let q = db.selectFrom('signups').selectAll().where('club_id', '=', v.clubId);
    if (!v.rosters) q = q.where('member_id', '=', v.memberId);
    const rows = await sessionBound(q, v.clubId, 'signups', f).execute();
    return rows.map((r) => ({ version: r.version, load: () => signupFromRow(r) }));
  },
  async attendance(db, v, f) {
    let q = db.selectFrom('attendance').selectAll().where('club_id', '=', v.clubId);
    if (!v.rosters) q = q.where('member_id', '=', v.memberId);
    const rows = await sessionBound(q, v.clubId, 'attendance', f).execute();
    return rows.map((r) => ({ version: r.version, load: () => attendanceFromRow(r) }));
  },
  async passes(db, v, f) {
    let q = db.selectFrom('passes').selectAll().where('club_id', '=', v.clubId);
    if (!v.rosters) q = q.where('member_id', '=', v.memberId);
    const rows = await timeBound(q, 'passes', 'expires_on', f, datePart).execute();
    return rows.map((r) => ({ version: r.version, load: () => passFromRow(r) }));
  },
  async creditLog(db, v, f) {
    let q = db.selectFrom('credit_log').selectAll().where('club_id', '=', v.clubId);
    if (!v.creditLogs) q = q.where('member_id', '=', v.memberId);
    const rows = await timeBound(q, 'credit_log', 'at', f).execute();
    return rows.map((r) => ({ version: r.version, load: () => creditLogFromRow(r) }));
  },
  async passRequests(db, v, f) {
    let q = db.selectFrom('pass_requests').selectAll().where('club_id', '=', v.clubId);
    if (!v.requests) q = q.where('member_id', '=', v.memberId);
    // A pending request is never "history": the snapshot always carries it.
    if (f.kind === 'version') {
      if (f.windowStart !== null) {
        const start = f.windowStart;
        q = q.where((eb) => eb.or([eb('status', '=', 'pending'), eb('created_at', '>=', start)]));
      }
      q = byVersion(q, 'pass_requests.version', { ...f, windowStart: null });
    } else {
      q = timeBound(q.where('status', '<>', 'pending'), 'pass_requests', 'created_at', f);
    }
    const rows = await q.execute();
    return rows.map((r) => ({ version: r.version, load: () => passRequestFromRow(r) }));
  },
  async notifications(db, v, f) {
    const q = db
      .selectFrom('notifications')
      .selectAll()
      .where('club_id', '=', v.clubId)
      .where('member_id', '=', v.memberId);
    const rows = await timeBound(q, 'notifications', 'created_at', f).execute();
    return rows.map((r) => ({ version: r.version, load: () => notificationFromRow(r) }));
  },
};

export const versionedTables = Object.keys(loaders) as VersionedTable[];

export function loadTable<T extends VersionedTable>(
  db: Db,
  table: T,
  viewer: Viewer,
  f: RowFilter,
): Promise<Versioned<PullRows[T]>[]> {
  return (loaders[table] as Loader<T>)(db, viewer, f);
}

const tombstoneTables: Record<string, VersionedTable> = {
  training_types: 'trainingTypes',
  series: 'series',
  sessions: 'sessions',
  pass_templates: 'templates',
  intents: 'intents',
  signups: 'signups',
  attendance: 'attendance',
  passes: 'passes',
  credit_log: 'creditLog',
  pass_requests: 'passRequests',
  notifications: 'notifications',
};

/** Deletions in a version range, mapped to pull table names. Intents use `sessionId:memberId`. */
export async function loadTombstones(
  db: Db,
  clubId: string,
  f: ByVersion,
): Promise<Versioned<{ table: VersionedTable; id: string }>[]> {
  const rows = await byVersion(
    db
      .selectFrom('tombstones')
      .select(['table_name', 'row_id', 'version'])
      .where('club_id', '=', clubId),
    'tombstones.version',
    f,
  ).execute();
  return rows.flatMap((r) => {
    const table = tombstoneTables[r.table_name];
    return table ? [{ version: r.version, load: () => ({ table, id: r.row_id }) }] : [];
  });
}

/** Sessions whose counts may have moved in (after, upTo]: the session or any of its records changed. */
export async function touchedSessions(
  db: Db,
  clubId: string,
  after: number,
  upTo: number,
  windowStart: string | null,
): Promise<string[]> {
  const inWindow = windowStart === null ? sql`` : sql` AND s.ends_at >= ${windowStart}`;
  const rows = await sql<{ id: string }>`
    SELECT s.id FROM sessions s WHERE s.club_id = ${clubId} AND s.id IN (
      SELECT id FROM sessions WHERE club_id = ${clubId} AND version > ${after} AND version <= ${upTo}
      UNION SELECT session_id FROM signups WHERE club_id = ${clubId} AND version > ${after} AND version <= ${upTo}
      UNION SELECT session_id FROM attendance WHERE club_id = ${clubId} AND version > ${after} AND version <= ${upTo}
      UNION SELECT session_id FROM intents WHERE club_id = ${clubId} AND version > ${after} AND version <= ${upTo}
    )${inWindow}`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** Sessions that ended in [from, before), newest first, with an upper bound of their row count. */
export async function sessionsEndingBefore(db: Db, clubId: string, before: string, limit: number) {
  const rows = await sql<{ id: string; ends_at: string; n: number }>`
    SELECT s.id, s.ends_at,
      1 + (SELECT COUNT(*) FROM signups WHERE session_id = s.id)
        + (SELECT COUNT(*) FROM attendance WHERE session_id = s.id)
        + (SELECT COUNT(*) FROM intents WHERE session_id = s.id) AS n
    FROM sessions s WHERE s.club_id = ${clubId} AND s.ends_at < ${before}
    ORDER BY s.ends_at DESC LIMIT ${limit}`.execute(db);
  return rows.rows;
}

/** Whether anything visible is older than `before` (for a history page's `hasMore`). */
export async function anythingBefore(db: Db, viewer: Viewer, before: string): Promise<boolean> {
  const session = await db
    .selectFrom('sessions')
    .select('id')
    .where('club_id', '=', viewer.clubId)
    .where('ends_at', '<', before)
    .limit(1)
    .executeTakeFirst();
  if (session) return true;
  let log = db
    .selectFrom('credit_log')
    .select('id')
    .where('club_id', '=', viewer.clubId)
    .where('at', '<', before);
  if (!viewer.creditLogs) log = log.where('member_id', '=', viewer.memberId);
  return (await log.limit(1).executeTakeFirst()) !== undefined;
}

/** Live sign-ups, non-voided check-ins and "going" intents of some sessions, for their counts. */
export async function countInputs(db: Db, clubId: string, sessionIds: string[]) {
  const signups = [];
  const attendance = [];
  const going: { session_id: string }[] = [];
  for (let i = 0; i < sessionIds.length; i += 500) {
    const ids = sessionIds.slice(i, i + 500);
    signups.push(
      ...(await db
        .selectFrom('signups')
        .selectAll()
        .where('club_id', '=', clubId)
        .where('session_id', 'in', ids)
        .where('status', '<>', 'cancelled')
        .execute()),
    );
    attendance.push(
      ...(await db
        .selectFrom('attendance')
        .selectAll()
        .where('club_id', '=', clubId)
        .where('session_id', 'in', ids)
        .where('voided', '=', 0)
        .execute()),
    );
    going.push(
      ...(await db
        .selectFrom('intents')
        .select('session_id')
        .where('club_id', '=', clubId)
        .where('session_id', 'in', ids)
        .where('going', '=', 1)
        .execute()),
    );
  }
  return {
    signups: signups.map(signupFromRow),
    attendance: attendance.map(attendanceFromRow),
    going: going.map((g) => g.session_id),
  };
}

/** The member list as this viewer may see it: everyone for hosts and owners, else only themselves. */
export async function loadMembers(db: Db, viewer: Viewer): Promise<PulledMember[]> {
  let q = db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'memberships.id as memberId',
      'users.name as name',
      'memberships.role as role',
      'memberships.removed_at as removedAt',
    ])
    .where('memberships.club_id', '=', viewer.clubId)
    .orderBy('memberships.id');
  if (!viewer.rosters) q = q.where('memberships.id', '=', viewer.memberId);
  const rows = await q.execute();
  return rows.map((r) => ({
    memberId: r.memberId,
    name: r.name,
    role: r.role,
    removed: r.removedAt !== null,
  }));
}
