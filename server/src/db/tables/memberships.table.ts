import type { Selectable } from 'kysely';
import type { Role } from '@turnout/shared';

/**
 * A user in a club with a role. Its id is the "member id" that domain records
 * (sign-ups, check-ins, passes) refer to, so a removed member keeps history:
 * removal sets `removed_at` instead of deleting the row.
 */
export interface MembershipsTable {
  id: string;
  club_id: string;
  user_id: string;
  role: Role;
  created_at: string;
  removed_at: string | null;
}

export type MembershipRow = Selectable<MembershipsTable>;
