import type { Db } from '../db/connection.js';
import type { AccountTokenRow, NewAccountToken } from '../db/tables/account-tokens.table.js';

type Purpose = AccountTokenRow['purpose'];

/**
 * Stores a new one-time token and retires the account's open tokens of the
 * same purpose: only the newest link works. Run it in a transaction.
 */
export async function replaceAccountToken(db: Db, token: NewAccountToken): Promise<void> {
  await retireAccountTokens(db, token.user_id, token.purpose, token.created_at);
  await db.insertInto('account_tokens').values(token).execute();
}

/** Marks the account's open tokens of a purpose used, so none of them works any more. */
export async function retireAccountTokens(
  db: Db,
  userId: string,
  purpose: Purpose,
  at: string,
): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

export function findAccountToken(
  db: Db,
  purpose: Purpose,
  tokenHash: string,
): Promise<AccountTokenRow | undefined> {
  return db
    .selectFrom('account_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}

/**
 * Uses a token once: true only for the caller that marked it, so two
 * requests racing with the same link cannot both use it.
 */
export async function useAccountToken(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('account_tokens')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Tokens long expired are of no use to anyone; kept a day for support questions. */
export async function deleteStaleAccountTokens(db: Db, before: string): Promise<void> {
  await db.deleteFrom('account_tokens').where('expires_at', '<', before).execute();
}

/** The address an account asked to change to, while its link still works. */
export function findPendingEmailChange(db: Db, userId: string, now: string) {
  return db
    .selectFrom('account_tokens')
    .select(['new_email', 'expires_at'])
    .where('user_id', '=', userId)
    .where('purpose', '=', 'email_change')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}
