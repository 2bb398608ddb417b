import type {
  AttendanceHistoryItem,
  CreditLogHistoryItem,
  HistoryCursor,
  HistoryPage,
} from '@turnout/shared';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/connection.js';
import type {
  AttendanceTable,
  CreditLogTable,
  SessionsTable,
  SignupsTable,
} from '../db/tables/domain.tables.js';
import {
  attendanceFromRow,
  creditLogFromRow,
  sessionFromRow,
  signupFromRow,
} from './domain.rows.js';

/**
 * A member's history, a page at a time, newest first (docs/protocol.md,
 * "History"). Each query is driven by the member's own rows (their
 * sign-ups and check-ins, or one pass's log), never by the club's: its cost
 * follows one person's history. Who may read whose is decided before
 * (services/history.service.ts); these only read.
 */

/** `(date, id) < (cursor.date, cursor.id)`, or everything without a cursor. */
const olderThan = (date: string, idColumn: string, before: HistoryCursor | undefined) =>
  before
    ? sql`AND (${sql.ref(date)} < ${before.date} OR (${sql.ref(date)} = ${before.date} AND ${sql.ref(idColumn)} < ${before.id}))`
    : sql``;

/**
 * Sessions that ended before `now` which the member checked in to or signed
 * up for (waiting never counted; a sign-out only while it kept a credit),
 * with their records, by (start, session id) descending.
 */
export async function attendanceHistory(
  db: Db,
  clubId: string,
  memberId: string,
  now: string,
  before: HistoryCursor | undefined,
  limit: number,
): Promise<HistoryPage<AttendanceHistoryItem>> {
  const { rows: sessions } = await sql<Selectable<SessionsTable>>`
    SELECT s.* FROM sessions s
    WHERE s.id IN (
        SELECT session_id FROM attendance WHERE member_id = ${memberId} AND club_id = ${clubId}
        UNION
        SELECT session_id FROM signups WHERE member_id = ${memberId} AND club_id = ${clubId}
          AND (status = 'active' OR (status = 'cancelled' AND late_cancel = 1)))
      AND s.club_id = ${clubId} AND s.ends_at < ${now}
      ${olderThan('s.starts_at', 's.id', before)}
    ORDER BY s.starts_at DESC, s.id DESC
    LIMIT ${limit + 1}`.execute(db);
  const page = sessions.slice(0, limit);
  const ids = page.map((s) => s.id);
  const attendance = new Map<string, Selectable<AttendanceTable>>();
  const signups = new Map<string, Selectable<SignupsTable>>();
  if (ids.length > 0) {
    const list = sql.join(ids);
    const a = await sql<Selectable<AttendanceTable>>`
      SELECT * FROM attendance
      WHERE member_id = ${memberId} AND club_id = ${clubId} AND session_id IN (${list})`.execute(
      db,
    );
    for (const row of a.rows) attendance.set(row.session_id, row);
    const g = await sql<Selectable<SignupsTable>>`
      SELECT * FROM signups
      WHERE member_id = ${memberId} AND club_id = ${clubId} AND session_id IN (${list})
      ORDER BY updated_at`.execute(db);
    // The live sign-up wins over earlier cancelled ones of the same session.
    for (const row of g.rows) {
      const kept = signups.get(row.session_id);
      if (!kept || kept.status === 'cancelled') signups.set(row.session_id, row);
    }
  }
  const items = page.map((s) => {
    const a = attendance.get(s.id);
    const g = signups.get(s.id);
    return {
      session: sessionFromRow(s),
      attendance: a ? attendanceFromRow(a) : null,
      signup: g && g.status !== 'waitlisted' ? signupFromRow(g) : null,
    };
  });
  const last = page.at(-1);
  return {
    items,
    next: sessions.length > limit && last ? { date: last.starts_at, id: last.id } : null,
  };
}

/** The member a pass belongs to, if it is in this club. */
export async function passHolder(db: Db, clubId: string, passId: string): Promise<string | null> {
  const row = await db
    .selectFrom('passes')
    .select('member_id')
    .where('id', '=', passId)
    .where('club_id', '=', clubId)
    .executeTakeFirst();
  return row?.member_id ?? null;
}

/** One pass's credit log by (time, id) descending, each entry with its session's title and start. */
export async function creditLogHistory(
  db: Db,
  clubId: string,
  passId: string,
  before: HistoryCursor | undefined,
  limit: number,
): Promise<HistoryPage<CreditLogHistoryItem>> {
  const { rows } = await sql<
    Selectable<CreditLogTable> & { s_title: string | null; s_starts_at: string | null }
  >`
    SELECT c.*, s.title AS s_title, s.starts_at AS s_starts_at
    FROM credit_log c LEFT JOIN sessions s ON s.id = c.session_id AND s.club_id = c.club_id
    WHERE c.pass_id = ${passId} AND c.club_id = ${clubId}
      ${olderThan('c.at', 'c.id', before)}
    ORDER BY c.at DESC, c.id DESC
    LIMIT ${limit + 1}`.execute(db);
  const page = rows.slice(0, limit);
  const items = page.map(({ s_title, s_starts_at, ...row }) => ({
    entry: creditLogFromRow(row),
    session:
      row.session_id && s_title !== null && s_starts_at !== null
        ? { id: row.session_id, title: s_title, startsAt: s_starts_at }
        : null,
  }));
  const last = page.at(-1);
  return { items, next: rows.length > limit && last ? { date: last.at, id: last.id } : null };
}
