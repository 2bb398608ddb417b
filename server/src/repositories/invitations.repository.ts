import type { Db } from '../db/connection.js';
import type { NewInvitation } from '../db/tables/invitations.table.js';

export async function insertInvitation(db: Db, invitation: NewInvitation) {
  await db.insertInto('invitations').values(invitation).execute();
}

export function findInvitationByCodeHash(db: Db, codeHash: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('clubs', 'clubs.id', 'invitations.club_id')
    .selectAll('invitations')
    .select('clubs.name as club_name')
    .where('invitations.code_hash', '=', codeHash)
    .executeTakeFirst();
}

/** Open invitations (not revoked, not expired, not used up), newest first. */
export function listOpenInvitations(db: Db, clubId: string, now: string) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .whereRef('uses', '<', 'max_uses')
    .orderBy('created_at', 'desc')
    .execute();
}

export function getInvitation(db: Db, clubId: string, inviteId: string) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('id', '=', inviteId)
    .executeTakeFirst();
}

export async function revokeInvitation(db: Db, inviteId: string, at: string) {
  await db.updateTable('invitations').set({ revoked_at: at }).where('id', '=', inviteId).execute();
}

/** Uses one seat; false when it was used up in the meantime. */
export async function useInvitation(db: Db, inviteId: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('id', '=', inviteId)
    .whereRef('uses', '<', 'max_uses')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
