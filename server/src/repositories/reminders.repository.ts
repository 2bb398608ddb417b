import type { Statements } from '../db/statements.js';

/*
 * The reminder job's reads and writes (server/src/notify/reminders.ts),
 * synchronous on the connection's statements inside its transaction.
 */

export interface SessionDue {
  sessionId: string;
  clubId: string;
  memberId: string;
  title: string;
  startsAt: string;
}

export interface PassDue {
  passId: string;
  clubId: string;
  memberId: string;
  templateId: string;
  expiresOn: string;
  balance: number;
  /** 1 for a membership by time (never runs out of sessions, expires by date), else 0. */
  unlimited: number;
  timezone: string;
  days: number;
}

const iso = `'%Y-%m-%dT%H:%M:%fZ'`;

/*
 * Signed up (an active place), the member still in the club, the session
 * still scheduled and starting within the club's reminder time, and the
 * sign-up made before the reminder time (whoever signs up later has just
 * chosen it). A sign-up withdrawn or a session cancelled drops out here.
 */
export const sessionsDueSql = `
  SELECT s.id AS "sessionId", s.club_id AS "clubId", g.member_id AS "memberId",
    s.title AS title, s.starts_at AS "startsAt"
  FROM sessions s
  JOIN clubs c ON c.id = s.club_id
  JOIN signups g ON g.session_id = s.id AND g.status = 'active'
  JOIN memberships m ON m.id = g.member_id AND m.removed_at IS NULL
  WHERE s.status = 'scheduled' AND s.starts_at > ? AND s.starts_at <= ?
    AND c.session_reminder_minutes > 0
    AND s.starts_at <= strftime(${iso}, ?, '+' || c.session_reminder_minutes || ' minutes')
    AND g.created_at <= strftime(${iso}, s.starts_at, '-' || c.session_reminder_minutes || ' minutes')
    AND NOT EXISTS (SELECT 1 FROM notifications n
      WHERE n.reminder_key = 'session_reminder:' || s.id || ':' || g.member_id)
  ORDER BY s.starts_at
  LIMIT ?`;

/*
 * Active, credits left (or a membership by time, which has none to run out
 * of), the member still in the club, the expiry date
 * within the club's reminder days (a day's margin either side: the club's
 * "today" is settled below, in its time zone), granted before the reminder
 * day (a pass granted that close to its end is news, not a reminder).
 */
export const passesDueSql = `
  SELECT p.id AS "passId", p.club_id AS "clubId", p.member_id AS "memberId",
    p.template_id AS "templateId", p.expires_on AS "expiresOn", p.balance AS balance,
    CASE WHEN json_extract(p.terms, '$.kind') = 'time' THEN 1 ELSE 0 END AS unlimited,
    c.timezone AS timezone, c.pass_expiry_reminder_days AS days
  FROM passes p
  JOIN clubs c ON c.id = p.club_id
  JOIN memberships m ON m.id = p.member_id AND m.removed_at IS NULL
  WHERE p.active = 1 AND (p.balance > 0 OR json_extract(p.terms, '$.kind') = 'time')
    AND p.expires_on >= ? AND p.expires_on <= ?
    AND c.pass_expiry_reminder_days > 0
    AND p.expires_on <= date(?, '+' || (c.pass_expiry_reminder_days + 1) || ' days')
    AND p.granted_on < date(p.expires_on, '-' || c.pass_expiry_reminder_days || ' days')
    AND NOT EXISTS (SELECT 1 FROM notifications n
      WHERE n.reminder_key = 'pass_expiring:' || p.id || ':' || p.expires_on)
  ORDER BY p.expires_on
  LIMIT ?`;

const insertReminderSql = `INSERT INTO notifications (id, club_id, member_id, kind, data,
  created_at, read_at, version, reminder_key) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)
  ON CONFLICT (reminder_key) WHERE reminder_key IS NOT NULL DO NOTHING`;

/** The longest reminder times of any club (null: no club). */
export function longestReminders(st: Statements): { minutes: number | null; days: number | null } {
  return (
    st.one<{ minutes: number | null; days: number | null }>(
      `SELECT MAX(session_reminder_minutes) AS minutes, MAX(pass_expiry_reminder_days) AS days
      FROM clubs`,
    ) ?? { minutes: null, days: null }
  );
}

/** Sign-ups whose session reminder is due at `at` and not made yet, soonest first. */
export function sessionsDue(
  st: Statements,
  at: string,
  horizon: string,
  batch: number,
): SessionDue[] {
  return st.all<SessionDue>(sessionsDueSql, [at, horizon, at, batch]);
}

/**
 * Passes whose expiry reminder may be due (expiry dates from `from` to `to`,
 * the club's reminder days from `utcToday`), not made yet, soonest first.
 */
export function passesMaybeDue(
  st: Statements,
  from: string,
  to: string,
  utcToday: string,
  batch: number,
): PassDue[] {
  return st.all<PassDue>(passesDueSql, [from, to, utcToday, batch]);
}

export interface NewReminder {
  id: string;
  clubId: string;
  memberId: string;
  kind: 'session_reminder' | 'pass_expiring';
  data: string;
  createdAt: string;
  version: number;
  key: string;
}

/** Writes a reminder unless its key was made already; true when it was written. */
export function insertReminder(st: Statements, r: NewReminder): boolean {
  return (
    st.run(insertReminderSql, [
      r.id,
      r.clubId,
      r.memberId,
      r.kind,
      r.data,
      r.createdAt,
      r.version,
      r.key,
    ]).changes > 0
  );
}
