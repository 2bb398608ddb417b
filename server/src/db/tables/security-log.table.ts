import type { Generated } from 'kysely';

/**
 * Requests refused before they reached a club: pushes naming a club the
 * account does not belong to, and rate limits hit (migration
 * 2026_12_04_0007_club_guards). Server-level, not any club's; bounded: a
 * burst of the same refusal is one row with a count, and the oldest rows go
 * once there are more than `securityLogLimit`.
 */
export interface SecurityLogTable {
  id: Generated<number>;
  at: string;
  kind: 'not_a_member' | 'rate_limited' | 'password_reset_issued';
  user_id: string | null;
  club_id: string | null;
  client_id: string | null;
  address: string | null;
  count: number;
  detail: string | null;
}
