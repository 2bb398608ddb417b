import type { Insertable } from 'kysely';

/** A login on one device. Only a hash of the token is stored. */
export interface LoginSessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string | null;
}

export type NewLoginSession = Insertable<LoginSessionsTable>;
