import type { Db } from '../db/connection.js';
import type { NewUser, UserRow } from '../db/tables/users.table.js';

export async function insertUser(db: Db, user: NewUser): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function getUser(db: Db, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

export async function setUserPassword(db: Db, userId: string, passwordHash: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash })
    .where('id', '=', userId)
    .execute();
}

export async function setUserProfile(
  db: Db,
  userId: string,
  profile: { name?: string; locale?: string | null },
) {
  if (profile.name === undefined && profile.locale === undefined) return;
  await db.updateTable('users').set(profile).where('id', '=', userId).execute();
}

export async function setUserEmail(db: Db, userId: string, email: string) {
  await db.updateTable('users').set({ email }).where('id', '=', userId).execute();
}
