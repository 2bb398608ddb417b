import type { Generated, Selectable, Updateable } from 'kysely';

/** A club with every setting of spec §2 as its own column (defaults in the migration). */
export interface ClubsTable {
  id: string;
  name: string;
  timezone: string;
  credit_policy: Generated<'none' | 'at_checkin' | 'at_signup'>;
  signups_enabled: Generated<number>;
  waitlist_enabled: Generated<number>;
  late_cancel_minutes: Generated<number>;
  whos_going_enabled: Generated<number>;
  /** Migration 0022. */
  members_see_who_is_going: Generated<number>;
  multi_credit_enabled: Generated<number>;
  max_credits_per_check_in: Generated<number>;
  check_in_opens_minutes_before: Generated<number>;
  check_in_grace_minutes: Generated<number>;
  backfill_window_days: Generated<number>;
  hosts_can_backfill: Generated<number>;
  hosts_can_manage_sessions: Generated<number>;
  hosts_can_manage_passes: Generated<number>;
  host_over_capacity: Generated<'flag' | 'reject'>;
  host_without_credits: Generated<'flag' | 'reject'>;
  /** JSON array of locale tags. */
  locales: Generated<string>;
  /** Minutes before a signed-up session its reminder is made; 0: none (migration 0018). */
  session_reminder_minutes: Generated<number>;
  /** Days before a pass with credits left expires its reminder is made; 0: none. */
  pass_expiry_reminder_days: Generated<number>;
  created_at: string;
  /** Replication version of this row (sync.pull); 0 until the sync engine bumps it. */
  version: Generated<number>;
  /** Moved by the database whenever the club's member list changes (migration 0009). */
  members_version: Generated<number>;
  /** Moved by the database when the club gets its door key or revokes a door pass (migration 0011). */
  door_version: Generated<number>;
}

export type ClubRow = Selectable<ClubsTable>;
export type ClubUpdate = Updateable<ClubsTable>;
