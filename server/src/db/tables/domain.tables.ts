import type { Generated } from 'kysely';

/**
 * The domain tables (migration 2026_11_21_0002_domain). JSON columns hold
 * small lists and maps (charges, flags, names); everything the database must
 * guard (uniqueness, balances) is a real column.
 */

export interface ChangeCounterTable {
  id: number;
  version: number;
}

/** A session's counts, moved by triggers on the rows that hold them (migration 0019). */
export interface SessionCountsTable {
  session_id: string;
  club_id: string;
  occupancy: number;
  going: number;
  waitlisted: number;
  version: number;
}

export interface TombstonesTable {
  club_id: string;
  table_name: string;
  row_id: string;
  version: number;
}

export interface TrainingTypesTable {
  id: string;
  club_id: string;
  name: string;
  archived: number;
  version: number;
}

export interface SeriesTable {
  id: string;
  club_id: string;
  /** JSON array of ISO weekdays. */
  weekdays: string;
  start_time: string;
  duration_minutes: number;
  from_date: string;
  until_date: string;
  title: string;
  description: string | null;
  training_type_id: string | null;
  location: string | null;
  capacity: number | null;
  credit_cost: number;
  version: number;
}

export interface SessionsTable {
  id: string;
  club_id: string;
  series_id: string | null;
  title: string;
  description: string | null;
  training_type_id: string | null;
  starts_at: string;
  ends_at: string;
  location: string | null;
  capacity: number | null;
  credit_cost: number;
  status: 'scheduled' | 'cancelled';
  cancel_reason: string | null;
  version: number;
}

export interface IntentsTable {
  club_id: string;
  session_id: string;
  member_id: string;
  going: number;
  updated_at: string;
  version: number;
}

export interface SignupsTable {
  id: string;
  club_id: string;
  session_id: string;
  member_id: string;
  status: 'active' | 'waitlisted' | 'cancelled';
  position: number | null;
  /** JSON array of { passId, credits }. */
  charges: string;
  late_cancel: number;
  created_at: string;
  updated_at: string;
  by_member_id: string;
  device_label: string | null;
  version: number;
}

export interface AttendanceTable {
  id: string;
  club_id: string;
  session_id: string;
  member_id: string;
  credits: number;
  /** JSON array of { passId, credits }. */
  charges: string;
  signup_credits: number;
  unpaid_credits: number;
  /** JSON array of flags. */
  flags: string;
  backfilled: number;
  voided: number;
  void_reason: string | null;
  voided_at: string | null;
  voided_by: string | null;
  checked_in_at: string;
  updated_at: string;
  by_member_id: string;
  device_label: string | null;
  version: number;
}

export interface PassTemplatesTable {
  id: string;
  club_id: string;
  /** JSON map locale → name. */
  names: string;
  descriptions: string;
  /** `time`: unlimited sessions for validity_days (sessions 0), optionally capped per week. */
  kind: 'credits' | 'time';
  sessions: number;
  /** A time template's most sessions per ISO week; NULL = no cap (always NULL for `credits`). */
  weekly_cap: number | null;
  price_minor: number;
  currency: string;
  validity_days: number;
  /** JSON array of training type ids; empty = all. */
  training_type_ids: string;
  deleted_at: string | null;
  version: number;
}

export interface PassesTable {
  id: string;
  club_id: string;
  member_id: string;
  template_id: string;
  /** JSON snapshot of the template's terms at grant time. */
  terms: string;
  /** Maintained by triggers from the credit log; inserted as 0. */
  balance: Generated<number>;
  granted_on: string;
  granted_at: string;
  expires_on: string;
  active: number;
  request_id: string | null;
  /** A time pass's uses per ISO week as JSON (`{"2026-11-30": 2}`, keyed by the week's Monday); `{}` otherwise. */
  week_uses: Generated<string>;
  version: number;
}

export interface CreditLogTable {
  id: string;
  club_id: string;
  pass_id: string;
  member_id: string;
  delta: number;
  kind: string;
  balance_after: number;
  expires_on_after: string | null;
  session_id: string | null;
  signup_id: string | null;
  attendance_id: string | null;
  reason: string | null;
  by_member_id: string;
  at: string;
  mutation_id: string | null;
  version: number;
}

export interface PassRequestsTable {
  id: string;
  club_id: string;
  member_id: string;
  template_id: string;
  note: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  reason: string | null;
  pass_id: string | null;
  version: number;
}

export interface NotificationsTable {
  id: string;
  club_id: string;
  member_id: string;
  kind: string;
  /** JSON object. */
  data: string;
  created_at: string;
  read_at: string | null;
  version: number;
  /** When email and push were handed on (migration 0018); null: still to deliver. */
  delivered_at: Generated<string | null>;
  /** A dispatcher's lease on the row while it delivers it. */
  delivery_claimed_until: Generated<string | null>;
  /** Unique; set on reminders so each is made once. */
  reminder_key: Generated<string | null>;
}

export interface MutationLogTable {
  id: string;
  club_id: string;
  client_id: string;
  seq: number;
  user_id: string;
  member_id: string | null;
  name: string;
  args: string;
  occurred_at: string;
  judged_at: string;
  received_at: string;
  status: 'applied' | 'rejected';
  code: string | null;
  message: string | null;
  flags: string;
  server_version: number;
  /** Unused: resolutions live in `attention_resolutions` (migration 0006). */
  resolved_at: string | null;
  resolved_by: string | null;
  /** The label the device sent with the push (migration 0006); null before it. */
  device_label: string | null;
  /** A refusal's `explanation` as JSON (migration 0013); null when it had none. */
  explanation: string | null;
}
