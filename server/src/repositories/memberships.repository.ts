import type { Role } from '@turnout/shared';
import type { Db } from '../db/connection.js';
import type { MembershipRow } from '../db/tables/memberships.table.js';
import { membersOfClub } from './query-helpers.js';

/** The membership of a user in a club, unless they were removed. */
export function findActiveMembership(
  db: Db,
  clubId: string,
  userId: string,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('user_id', '=', userId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

/** Including removed ones: re-inviting someone restores their old member id and history. */
export function findAnyMembership(db: Db, clubId: string, userId: string) {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function getMembership(db: Db, clubId: string, memberId: string) {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('id', '=', memberId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

export async function insertMembership(
  db: Db,
  m: { id: string; clubId: string; userId: string; role: Role; createdAt: string },
) {
  await db
    .insertInto('memberships')
    .values({
      id: m.id,
      club_id: m.clubId,
      user_id: m.userId,
      role: m.role,
      created_at: m.createdAt,
      removed_at: null,
    })
    .execute();
}

export async function restoreMembership(db: Db, memberId: string, role: Role) {
  await db
    .updateTable('memberships')
    .set({ role, removed_at: null })
    .where('id', '=', memberId)
    .execute();
}

export async function setMembershipRole(db: Db, memberId: string, role: Role) {
  await db.updateTable('memberships').set({ role }).where('id', '=', memberId).execute();
}

export async function markMembershipRemoved(db: Db, memberId: string, at: string) {
  await db.updateTable('memberships').set({ removed_at: at }).where('id', '=', memberId).execute();
}

export async function countOwners(db: Db, clubId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('club_id', '=', clubId)
    .where('role', '=', 'owner')
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveMemberships(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The clubs a user belongs to, for the club switcher. */
export function listClubsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('clubs', 'clubs.id', 'memberships.club_id')
    .select([
      'clubs.id as clubId',
      'clubs.name as clubName',
      'clubs.timezone as timezone',
      'memberships.id as memberId',
      'memberships.role as role',
    ])
    .where('memberships.user_id', '=', userId)
    .where('memberships.removed_at', 'is', null)
    .orderBy('clubs.name')
    .execute();
}

export function listMembers(db: Db, clubId: string) {
  return membersOfClub(db, clubId)
    .select([
      'memberships.id as memberId',
      'users.id as userId',
      'users.name as name',
      'users.email as email',
      'memberships.role as role',
      'memberships.created_at as joinedAt',
    ])
    .where('memberships.removed_at', 'is', null)
    .orderBy('users.name')
    .execute();
}
