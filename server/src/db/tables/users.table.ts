import type { Insertable, Selectable } from 'kysely';

/** An account: one person, possibly in several clubs. */
export interface UsersTable {
  id: string;
  /** Always stored lower-case and trimmed; unique. */
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
  /** The language chosen for the app and mail; null follows the device. */
  locale: string | null;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
