import type { Db } from '../db/connection.js';

/**
 * Linking a teen's own account (docs/decisions.md "Dependants"): the codes a
 * teen's profile shows and the tie their guardian makes with one. Children
 * are written by the sync writer (family.rows.ts).
 */

export async function insertLinkCode(
  db: Db,
  row: { codeHash: string; clubId: string; memberId: string; at: string; expiresAt: string },
): Promise<void> {
  // One live code per member: a new one replaces what was shown before.
  await db
    .deleteFrom('family_link_codes')
    .where('member_id', '=', row.memberId)
    .where('club_id', '=', row.clubId)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('family_link_codes')
    .values({
      code_hash: row.codeHash,
      club_id: row.clubId,
      member_id: row.memberId,
      created_at: row.at,
      expires_at: row.expiresAt,
      used_at: null,
    })
    .execute();
}

/** A code of this club by its hash, with whose it is (their name, whether still a member). */
export function findLinkCode(db: Db, clubId: string, codeHash: string) {
  return db
    .selectFrom('family_link_codes as c')
    .innerJoin('memberships as m', 'm.id', 'c.member_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'c.member_id as memberId',
      'c.expires_at as expiresAt',
      'c.used_at as usedAt',
      'm.removed_at as removedAt',
      'u.name as name',
    ])
    .where('c.club_id', '=', clubId)
    .where('c.code_hash', '=', codeHash)
    .executeTakeFirst();
}

/** Spends the code; false if it was spent in the meantime. */
export async function useLinkCode(db: Db, codeHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('family_link_codes')
    .set({ used_at: at })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The member's live tie (as dependant), if any. */
export function liveTieOf(db: Db, clubId: string, memberId: string) {
  return db
    .selectFrom('dependants')
    .select(['guardian_id as guardianId', 'kind'])
    .where('club_id', '=', clubId)
    .where('member_id', '=', memberId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

/** How many live dependants the guardian has. */
export async function countDependants(db: Db, clubId: string, guardianId: string) {
  const row = await db
    .selectFrom('dependants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('club_id', '=', clubId)
    .where('guardian_id', '=', guardianId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ties the member to the guardian as linked (a tie ended before is made again). */
export async function linkMember(
  db: Db,
  tie: { clubId: string; memberId: string; guardianId: string; at: string },
): Promise<void> {
  await db
    .insertInto('dependants')
    .values({
      member_id: tie.memberId,
      club_id: tie.clubId,
      guardian_id: tie.guardianId,
      kind: 'linked',
      birth_year: null,
      added_at: tie.at,
      added_by: tie.guardianId,
      removed_at: null,
      removed_by: null,
    })
    .onConflict((oc) =>
      oc.column('member_id').doUpdateSet({
        guardian_id: tie.guardianId,
        kind: 'linked',
        added_at: tie.at,
        added_by: tie.guardianId,
        removed_at: null,
        removed_by: null,
      }),
    )
    .execute();
}
