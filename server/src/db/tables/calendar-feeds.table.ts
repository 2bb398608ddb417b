import type { Selectable } from 'kysely';
import type { CalendarScope } from '@turnout/shared';

/** A secret calendar address (migration 0016); only the token's hash is kept. */
export interface CalendarFeedsTable {
  id: string;
  club_id: string;
  user_id: string;
  member_id: string;
  scope: CalendarScope;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  last_fetched_at: string | null;
}

export type CalendarFeedRow = Selectable<CalendarFeedsTable>;
