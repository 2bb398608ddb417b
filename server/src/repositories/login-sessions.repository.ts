import type { Db } from '../db/connection.js';
import type { NewLoginSession } from '../db/tables/login-sessions.table.js';

export async function insertLoginSession(db: Db, session: NewLoginSession) {
  await db.insertInto('login_sessions').values(session).execute();
}

/** The login behind a token, with its account. */
export function findLoginByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('login_sessions')
    .innerJoin('users', 'users.id', 'login_sessions.user_id')
    .select([
      'login_sessions.id as sessionId',
      'login_sessions.expires_at as expiresAt',
      'users.id as userId',
      'users.name as name',
      'users.email as email',
    ])
    .where('login_sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function renewLoginSession(
  db: Db,
  sessionId: string,
  expiresAt: string,
  seenAt: string,
) {
  await db
    .updateTable('login_sessions')
    .set({ expires_at: expiresAt, last_seen_at: seenAt })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteLoginSession(db: Db, sessionId: string) {
  await db.deleteFrom('login_sessions').where('id', '=', sessionId).execute();
}

export async function deleteLoginSessionsOfUser(db: Db, userId: string) {
  await db.deleteFrom('login_sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredLoginSessions(db: Db, now: string) {
  await db.deleteFrom('login_sessions').where('expires_at', '<=', now).execute();
}

/** An account's logins, most recently seen first (the profile's "devices" list). */
export function listLoginsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('login_sessions')
    .select([
      'id',
      'user_agent as userAgent',
      'created_at as createdAt',
      'last_seen_at as lastSeenAt',
    ])
    .where('user_id', '=', userId)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Ends every login of an account but one (this device's); returns how many ended. */
export async function deleteOtherLoginsOfUser(
  db: Db,
  userId: string,
  keepSessionId: string,
): Promise<number> {
  const result = await db
    .deleteFrom('login_sessions')
    .where('user_id', '=', userId)
    .where('id', '!=', keepSessionId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
