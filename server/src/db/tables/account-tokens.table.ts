import type { Insertable, Selectable } from 'kysely';

/**
 * A one-time link about an account (migration 2026_12_05_0015): a password
 * reset or the confirmation of a new email address. Only a hash of the
 * token is stored.
 */
export interface AccountTokensTable {
  id: string;
  user_id: string;
  purpose: 'reset' | 'email_change';
  token_hash: string;
  /** The address to change to; set only for `email_change`. */
  new_email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** The owner or host who made a reset to hand over; null when the person asked. */
  made_by: string | null;
}

export type AccountTokenRow = Selectable<AccountTokensTable>;
export type NewAccountToken = Insertable<AccountTokensTable>;
