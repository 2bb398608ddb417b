import type { Insertable, Selectable } from 'kysely';

/** An account: one person, possibly in several clubs. */
export interface UsersTable {
  id: string;
  /** Always stored lower-case and trimmed; unique. */
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
