import type { Db } from '../db/connection.js';

export async function insertSetupToken(db: Db, tokenHash: string, createdAt: string) {
  await db
    .insertInto('setup_tokens')
    .values({ token_hash: tokenHash, created_at: createdAt, used_at: null, club_id: null })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
}

export function findSetupToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('setup_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks the token used; false if another request used it first. */
export async function useSetupToken(db: Db, tokenHash: string, clubId: string, at: string) {
  const result = await db
    .updateTable('setup_tokens')
    .set({ used_at: at, club_id: clubId })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
