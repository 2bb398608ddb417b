import { generateKeyPairSync } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.

/**
 * The PostgreSQL schema (issue 17): the SQLite schema as its migrations
 * 0001–0023 leave it (server/src/db/migrations), in one step, with the same
 * tables, columns, defaults, CHECK / UNIQUE / foreign-key constraints and
 * indexes, and every SQLite trigger as a PL/pgSQL trigger with the same name,
 * the same meaning and the same message. What must never happen is refused
 * by the database itself, whatever the code above it does.
 *
 * Types, so that the row types of server/src/db/tables hold for both stores
 * under node-postgres: every SQLite `text` is `text` (timestamps stay ISO
 * strings), every `integer` is `integer` (int4, read as a JS number; never
 * bigint, which node-postgres reads as a string), 0/1 flags stay integers
 * with their CHECKs. JSON stays text (`terms::jsonb` where an index needs
 * a field). `security_log.id` is an identity column (SQLite's autoincrement).
 *
 * Refusals: every guard raises SQLSTATE 23000 (`integrity_constraint_violation`),
 * the class of SQLite's SQLITE_CONSTRAINT_TRIGGER, so a store tells a
 * database guard from any other error by the class `23` — as the SQLite
 * store does by `SQLITE_CONSTRAINT*` (sync/push.ts) — and a unique, check
 * or foreign-key violation (23505, 23514, 23503) from a guard by the full
 * code. The message is SQLite's, word for word (sync/push.ts reads "another
 * club" / "belong to one club"); the error's `constraint` is the trigger's
 * name and its `table` the table's.
 *
 * Where the mechanism differs from SQLite (the meaning does not):
 *
 * - A pass's balance. SQLite finds a pass's latest credit-log entry by
 *   (version, rowid); PostgreSQL has no rowid. Here the pass row itself is
 *   the running total, and no other write may move it:
 *   `credit_log_balance_after` (BEFORE INSERT) locks the pass row
 *   (`FOR NO KEY UPDATE`, the lock the balance UPDATE takes anyway, so two
 *   concurrent entries of one pass serialize: the second waits, then reads
 *   the balance the first left and is refused unless it adds up to it),
 *   checks `balance_after = balance + delta`, then moves the balance to
 *   `balance_after` and stamps the version — in the BEFORE trigger, not an
 *   AFTER one as in SQLite, so that several entries of one pass in one
 *   statement chain row by row (see "Statements" below);
 *   `passes_balance_follows_log` (BEFORE UPDATE OF balance) refuses any
 *   change of the balance not made from inside another trigger:
 *   `pg_trigger_depth() < 2`. A statement a client sends runs the passes
 *   trigger at depth 1; credit_log_balance_after's UPDATE runs it at depth 2,
 *   and credit_log_balance_after is the only trigger of this schema that writes
 *   passes. A transaction-local setting (`set_config`) was not chosen: any
 *   client can set one, and then move a balance; the depth no client can
 *   fake (only DDL — a trigger of one's own — could, and DDL can drop any
 *   guard anyway). An UPDATE leaving the balance as it is passes, as in
 *   SQLite (where the balance always equals the latest `balance_after`).
 *   By induction (a pass starts at 0, the log is append-only, every entry
 *   adds up, only entries move the balance) the balance is still the sum of
 *   the log, and no check reads more than the pass row.
 * - TRUNCATE, which SQLite does not have, would empty a table without its
 *   DELETE triggers: the append-only tables (credit_log, mutation_log,
 *   attention_resolutions, attention_group_dismissals) refuse it too, with
 *   their DELETE message (`*_no_truncate`, statement triggers). Drop the
 *   schema (`down`) or the database to start over.
 * - Statements: a PostgreSQL AFTER ROW trigger fires at the end of its
 *   statement, not right after its row as in SQLite. With one row per
 *   statement (how the stores write: writeEffects sends one upsert per row)
 *   nothing differs. Several credit-log entries of one pass in one
 *   statement chain correctly (the balance moves in the BEFORE trigger, row
 *   by row). The session-count triggers are AFTER triggers: a statement
 *   changing several sign-ups or check-ins of one (session, member) would
 *   be counted against the state at its end; write those one per statement.
 * - Triggers of one event fire in name order (SQLite: newest first, in
 *   practice), so a row breaking two guards at once may be refused with the
 *   other message. UNIQUE, CHECK and foreign-key refusals are worded by
 *   PostgreSQL (23505, 23514, 23503), not as SQLite words them.
 * - Club guards stay triggers, not the composite `(id, club_id)` foreign
 *   keys docs/decisions.md suggests for this port: the same refusals with
 *   the same messages for both stores (push.ts answers `id_taken` on them).
 *
 * Not translated: SQLite's `sqlite_sequence` (internal) and the backfills of
 * migrations that ran on existing data (session counts, attention groups,
 * device names); this schema starts empty, as a new SQLite database does —
 * with the change counter at 0 and a VAPID key pair (as migrations 0002 and
 * 0017 make them).
 */

/** The SQLSTATE of every guard's refusal (see above). */
const GUARD_SQLSTATE = '23000';

const refuse = (message: string) =>
  `RAISE EXCEPTION USING ERRCODE = '${GUARD_SQLSTATE}', MESSAGE = ${literal(message)},
      CONSTRAINT = TG_NAME, TABLE = TG_TABLE_NAME;`;

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

const tables: string[] = [
  `CREATE TABLE "clubs" ("id" text primary key, "name" text not null, "timezone" text not null,
    "credit_policy" text default 'at_checkin' not null check (credit_policy IN ('none', 'at_checkin', 'at_signup')),
    "signups_enabled" integer default 1 not null check (signups_enabled IN (0, 1)),
    "waitlist_enabled" integer default 1 not null check (waitlist_enabled IN (0, 1)),
    "late_cancel_minutes" integer default 0 not null check (late_cancel_minutes >= 0),
    "whos_going_enabled" integer default 1 not null check (whos_going_enabled IN (0, 1)),
    "multi_credit_enabled" integer default 0 not null check (multi_credit_enabled IN (0, 1)),
    "max_credits_per_check_in" integer default 1 not null check (max_credits_per_check_in >= 1),
    "check_in_opens_minutes_before" integer default 30 not null check (check_in_opens_minutes_before >= 0),
    "check_in_grace_minutes" integer default 30 not null check (check_in_grace_minutes >= 0),
    "backfill_window_days" integer default 7 not null check (backfill_window_days >= 0),
    "hosts_can_backfill" integer default 1 not null check (hosts_can_backfill IN (0, 1)),
    "hosts_can_manage_sessions" integer default 1 not null check (hosts_can_manage_sessions IN (0, 1)),
    "hosts_can_manage_passes" integer default 0 not null check (hosts_can_manage_passes IN (0, 1)),
    "host_over_capacity" text default 'flag' not null check (host_over_capacity IN ('flag', 'reject')),
    "host_without_credits" text default 'flag' not null check (host_without_credits IN ('flag', 'reject')),
    "locales" text default '["en"]' not null, "created_at" text not null,
    "version" integer default 0 not null, "members_version" integer default 0 not null,
    "door_version" integer default 0 not null,
    "session_reminder_minutes" integer default 120 not null check (session_reminder_minutes BETWEEN 0 AND 10080),
    "pass_expiry_reminder_days" integer default 3 not null check (pass_expiry_reminder_days BETWEEN 0 AND 60),
    "members_see_who_is_going" integer default 0 not null check (members_see_who_is_going IN (0, 1)))`,

  `CREATE TABLE "users" ("id" text primary key, "email" text not null unique, "name" text not null,
    "password_hash" text not null, "created_at" text not null,
    "locale" text check (locale IS NULL OR length(locale) BETWEEN 2 AND 35))`,

  `CREATE TABLE "memberships" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "user_id" text not null references "users" ("id") on delete cascade,
    "role" text not null check (role IN ('member', 'host', 'owner')),
    "created_at" text not null, "removed_at" text,
    constraint "memberships_club_user" unique ("club_id", "user_id"))`,

  `CREATE TABLE "login_sessions" ("id" text primary key,
    "user_id" text not null references "users" ("id") on delete cascade,
    "token_hash" text not null unique, "created_at" text not null, "expires_at" text not null,
    "last_seen_at" text not null, "user_agent" text)`,

  `CREATE TABLE "invitations" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "code_hash" text not null unique,
    "role" text not null check (role IN ('member', 'host', 'owner')), "email" text,
    "created_by" text not null references "memberships" ("id"), "created_at" text not null,
    "expires_at" text not null, "max_uses" integer not null check (max_uses >= 1),
    "uses" integer default 0 not null, "revoked_at" text,
    "guest_member_id" text references "memberships" ("id"),
    constraint "invitations_uses" check (uses >= 0 AND uses <= max_uses))`,

  `CREATE TABLE "setup_tokens" ("token_hash" text primary key, "created_at" text not null,
    "used_at" text, "club_id" text references "clubs" ("id") on delete set null)`,

  `CREATE TABLE "change_counter" ("id" integer primary key check (id = 1),
    "version" integer not null)`,

  `CREATE TABLE "tombstones" ("club_id" text not null references "clubs" ("id") on delete cascade,
    "table_name" text not null, "row_id" text not null, "version" integer not null,
    constraint "tombstones_pk" primary key ("table_name", "row_id"))`,

  `CREATE TABLE "training_types" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade, "name" text not null,
    "archived" integer default 0 not null check (archived IN (0, 1)), "version" integer not null)`,

  `CREATE TABLE "series" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "weekdays" text not null, "start_time" text not null,
    "duration_minutes" integer not null check (duration_minutes > 0),
    "from_date" text not null, "until_date" text not null, "title" text not null,
    "description" text, "training_type_id" text references "training_types" ("id"),
    "location" text, "capacity" integer check (capacity IS NULL OR capacity >= 1),
    "credit_cost" integer not null check (credit_cost >= 0), "version" integer not null)`,

  `CREATE TABLE "sessions" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "series_id" text references "series" ("id"), "title" text not null, "description" text,
    "training_type_id" text references "training_types" ("id"),
    "starts_at" text not null, "ends_at" text not null, "location" text,
    "capacity" integer check (capacity IS NULL OR capacity >= 1),
    "credit_cost" integer default 1 not null check (credit_cost >= 0),
    "status" text default 'scheduled' not null check (status IN ('scheduled', 'cancelled')),
    "cancel_reason" text, "version" integer not null,
    constraint "sessions_ends_after_start" check (ends_at > starts_at))`,

  `CREATE TABLE "session_counts" (
    "session_id" text primary key references "sessions" ("id") on delete cascade,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "occupancy" integer not null check (occupancy >= 0),
    "going" integer not null check (going >= 0),
    "waitlisted" integer not null check (waitlisted >= 0), "version" integer not null)`,

  `CREATE TABLE "intents" ("club_id" text not null references "clubs" ("id") on delete cascade,
    "session_id" text not null references "sessions" ("id"),
    "member_id" text not null references "memberships" ("id"),
    "going" integer not null check (going IN (0, 1)), "updated_at" text not null,
    "version" integer not null,
    constraint "intents_pk" primary key ("session_id", "member_id"))`,

  `CREATE TABLE "signups" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "session_id" text not null references "sessions" ("id"),
    "member_id" text not null references "memberships" ("id"),
    "status" text not null check (status IN ('active', 'waitlisted', 'cancelled')),
    "position" integer, "charges" text default '[]' not null,
    "late_cancel" integer default 0 not null check (late_cancel IN (0, 1)),
    "created_at" text not null, "updated_at" text not null, "by_member_id" text not null,
    "device_label" text, "version" integer not null,
    constraint "signups_position" check ((status = 'waitlisted') = ("position" IS NOT NULL)))`,

  `CREATE TABLE "attendance" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "session_id" text not null references "sessions" ("id"),
    "member_id" text not null references "memberships" ("id"),
    "credits" integer not null check (credits >= 0), "charges" text default '[]' not null,
    "signup_credits" integer default 0 not null check (signup_credits >= 0),
    "unpaid_credits" integer default 0 not null check (unpaid_credits >= 0),
    "flags" text default '[]' not null,
    "backfilled" integer default 0 not null check (backfilled IN (0, 1)),
    "voided" integer default 0 not null check (voided IN (0, 1)),
    "void_reason" text, "voided_at" text, "voided_by" text, "checked_in_at" text not null,
    "updated_at" text not null, "by_member_id" text not null, "device_label" text,
    "version" integer not null,
    constraint "attendance_one_per_member" unique ("session_id", "member_id"))`,

  `CREATE TABLE "pass_templates" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "names" text not null, "descriptions" text default '{}' not null,
    "kind" text default 'credits' not null check (kind IN ('credits', 'time')),
    "sessions" integer not null, "weekly_cap" integer,
    "price_minor" integer not null check (price_minor >= 0),
    "currency" text not null check (length(currency) = 3),
    "validity_days" integer not null check (validity_days >= 1),
    "training_type_ids" text default '[]' not null, "deleted_at" text,
    "version" integer not null,
    constraint "pass_templates_kind_terms" check (
      (kind = 'credits' AND sessions >= 1 AND weekly_cap IS NULL)
      OR (kind = 'time' AND sessions = 0 AND (weekly_cap IS NULL OR weekly_cap BETWEEN 1 AND 21))))`,

  `CREATE TABLE "pass_requests" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "member_id" text not null references "memberships" ("id"),
    "template_id" text not null references "pass_templates" ("id"), "note" text,
    "status" text not null check (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
    "created_at" text not null, "decided_at" text, "decided_by" text, "reason" text,
    "pass_id" text, "version" integer not null)`,

  `CREATE TABLE "passes" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "member_id" text not null references "memberships" ("id"),
    "template_id" text not null references "pass_templates" ("id"), "terms" text not null,
    "balance" integer default 0 not null check (balance >= 0),
    "granted_on" text not null, "granted_at" text not null, "expires_on" text not null,
    "active" integer default 1 not null check (active IN (0, 1)),
    "request_id" text references "pass_requests" ("id"), "version" integer not null,
    "week_uses" text default '{}' not null)`,

  `CREATE TABLE "credit_log" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "pass_id" text not null references "passes" ("id"),
    "member_id" text not null references "memberships" ("id"),
    "delta" integer not null,
    "kind" text not null check (kind IN ('granted', 'sessions_added', 'extended',
      'charged_signup', 'charged_checkin', 'charged_adjustment', 'returned_signout',
      'returned_void', 'returned_cancel', 'returned_adjustment', 'deactivated', 'reactivated',
      'manual_adjustment', 'used_signup', 'used_checkin', 'used_adjustment', 'unused_signout',
      'unused_void', 'unused_cancel', 'unused_adjustment')),
    "balance_after" integer not null check (balance_after >= 0), "expires_on_after" text,
    "session_id" text, "signup_id" text, "attendance_id" text, "reason" text,
    "by_member_id" text not null, "at" text not null, "mutation_id" text,
    "version" integer not null)`,

  `CREATE TABLE "notifications" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "member_id" text not null references "memberships" ("id"), "kind" text not null,
    "data" text default '{}' not null, "created_at" text not null, "read_at" text,
    "version" integer not null, "delivered_at" text, "delivery_claimed_until" text,
    "reminder_key" text)`,

  `CREATE TABLE "mutation_log" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "client_id" text not null, "seq" integer not null, "user_id" text not null,
    "member_id" text, "name" text not null, "args" text not null, "occurred_at" text not null,
    "judged_at" text not null, "received_at" text not null,
    "status" text not null check (status IN ('applied', 'rejected')), "code" text,
    "message" text, "flags" text default '[]' not null, "server_version" integer not null,
    "resolved_at" text, "resolved_by" text, "device_label" text, "explanation" text)`,

  `CREATE TABLE "attention_resolutions" ("item_id" text primary key references "mutation_log" ("id"),
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "resolution" text not null check (resolution IN ('accepted', 'charged', 'dismissed', 'reinstated')),
    "note" text, "resolved_by" text not null references "memberships" ("id"),
    "resolved_at" text not null, "mutation_id" text, "version" integer not null)`,

  `CREATE TABLE "attention_groups" ("club_id" text not null references "clubs" ("id") on delete cascade,
    "client_id" text not null, "name" text not null, "code" text not null,
    "refusals" integer default 0 not null,
    constraint "attention_groups_pk" primary key ("club_id", "client_id", "name", "code"))`,

  `CREATE TABLE "attention_group_dismissals" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "client_id" text not null, "name" text not null, "code" text not null,
    "up_to" text not null, "last_item_id" text not null, "item_count" integer not null,
    "covered" integer not null, "first_received_at" text not null, "note" text,
    "dismissed_by" text not null references "memberships" ("id"),
    "dismissed_at" text not null, "version" integer not null)`,

  `CREATE TABLE "security_log" ("id" integer generated by default as identity primary key,
    "at" text not null, "kind" text not null, "user_id" text, "club_id" text,
    "client_id" text, "address" text, "count" integer default 1 not null, "detail" text)`,

  `CREATE TABLE "guests" ("member_id" text primary key references "memberships" ("id"),
    "club_id" text not null references "clubs" ("id") on delete cascade, "contact" text,
    "added_by" text not null references "memberships" ("id"), "added_at" text not null,
    "claimed_at" text, "claimed_by" text references "users" ("id") on delete set null,
    "version" integer not null)`,

  `CREATE TABLE "guest_visits" ("attendance_id" text primary key references "attendance" ("id"),
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "member_id" text not null references "memberships" ("id"),
    "session_id" text not null references "sessions" ("id"),
    "kind" text not null check (kind IN ('drop_in', 'trial')),
    "payment" text not null check (payment IN ('cash', 'card', 'free_trial', 'other')),
    "amount" text, "recorded_by" text not null references "memberships" ("id"),
    "recorded_at" text not null, "version" integer not null)`,

  `CREATE TABLE "devices" ("club_id" text not null references "clubs" ("id") on delete cascade,
    "client_id" text not null, "name" text not null,
    "member_id" text references "memberships" ("id"), "first_seen_at" text not null,
    "last_seen_at" text not null,
    constraint "devices_pk" primary key ("club_id", "client_id"),
    constraint "devices_name_length" check (length(name) BETWEEN 1 AND 60))`,

  `CREATE TABLE "door_keys" ("club_id" text primary key references "clubs" ("id") on delete cascade,
    "public_key" text not null, "private_key" text not null, "created_at" text not null)`,

  `CREATE TABLE "door_passes" ("serial" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "member_id" text not null references "memberships" ("id"),
    "kind" text not null check (kind IN ('phone', 'card')), "device_key" text,
    "issued_at" text not null, "issued_by" text not null references "memberships" ("id"),
    "expires_at" text, "revoked_at" text, "revoked_by" text references "memberships" ("id"),
    constraint "door_passes_shape" check (
      (kind = 'phone' AND device_key IS NOT NULL AND expires_at IS NOT NULL)
      OR (kind = 'card' AND device_key IS NULL AND expires_at IS NULL)))`,

  `CREATE TABLE "mail_queue" ("id" text primary key,
    "to" text not null check (length("to") BETWEEN 3 AND 320),
    "locale" text not null check (length(locale) BETWEEN 2 AND 35),
    "kind" text not null, "data" text not null,
    "user_id" text references "users" ("id") on delete set null,
    "club_id" text references "clubs" ("id") on delete cascade,
    "dedupe_key" text unique, "created_at" text not null,
    "attempts" integer default 0 not null, "next_attempt_at" text not null,
    "claimed_until" text, "claimed_by" text, "sent_at" text, "failed_at" text,
    "last_error" text)`,

  `CREATE TABLE "mail_secrets" ("name" text primary key, "secret" text not null,
    "created_at" text not null)`,

  `CREATE TABLE "account_tokens" ("id" text primary key,
    "user_id" text not null references "users" ("id") on delete cascade,
    "purpose" text not null check (purpose IN ('reset', 'email_change')),
    "token_hash" text not null unique, "new_email" text, "created_at" text not null,
    "expires_at" text not null, "used_at" text,
    "made_by" text references "users" ("id") on delete set null,
    constraint "account_tokens_new_email" check ((purpose = 'email_change') = (new_email IS NOT NULL)))`,

  `CREATE TABLE "calendar_feeds" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "user_id" text not null references "users" ("id") on delete cascade,
    "member_id" text not null references "memberships" ("id"),
    "scope" text not null check (scope IN ('club', 'mine')),
    "token_hash" text not null unique, "created_at" text not null, "revoked_at" text,
    "last_fetched_at" text)`,

  `CREATE TABLE "vapid_keys" ("id" integer primary key check (id = 1),
    "public_key" text not null, "private_key" text not null, "created_at" text not null)`,

  `CREATE TABLE "push_subscriptions" ("id" text primary key,
    "user_id" text not null references "users" ("id") on delete cascade,
    "login_session_id" text not null references "login_sessions" ("id") on delete cascade,
    "endpoint" text not null unique, "p256dh" text not null, "auth" text not null,
    "user_agent" text, "created_at" text not null, "last_ok_at" text,
    constraint "push_subscriptions_endpoint_length" check (length(endpoint) <= 1024))`,

  `CREATE TABLE "notification_choices" ("user_id" text not null references "users" ("id") on delete cascade,
    "kind" text not null check (length(kind) BETWEEN 1 AND 40),
    "in_app" integer not null check (in_app IN (0, 1)),
    "email" integer not null check (email IN (0, 1)),
    "push" integer not null check (push IN (0, 1)), "updated_at" text not null,
    constraint "notification_choices_pk" primary key ("user_id", "kind"))`,

  `CREATE TABLE "dependants" ("member_id" text primary key references "memberships" ("id"),
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "guardian_id" text not null references "memberships" ("id"),
    "kind" text not null check (kind IN ('child', 'linked')),
    "birth_year" integer check (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2200),
    "added_at" text not null, "added_by" text not null references "memberships" ("id"),
    "removed_at" text, "removed_by" text references "memberships" ("id"),
    constraint "dependants_not_own_guardian" check (member_id <> guardian_id))`,

  `CREATE TABLE "family_link_codes" ("code_hash" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "member_id" text not null references "memberships" ("id"), "created_at" text not null,
    "expires_at" text not null, "used_at" text)`,
];

/** Every table, in the order made (dropped in reverse). */
const tableNames = tables.map((t) => /^CREATE TABLE "(\w+)"/.exec(t)![1]!);

const indexes: string[] = [
  `CREATE INDEX "account_tokens_user" ON "account_tokens" ("user_id", "purpose")`,
  `CREATE INDEX "attendance_club_version_session" ON "attendance" ("club_id", "version", "session_id")`,
  `CREATE INDEX "attendance_member" ON "attendance" ("member_id", "session_id")`,
  `CREATE INDEX "attendance_session_live" ON "attendance" ("session_id", "voided", "member_id")`,
  `CREATE UNIQUE INDEX "attention_group_dismissals_key" ON "attention_group_dismissals"
    ("club_id", "client_id", "name", "code", "up_to")`,
  `CREATE INDEX "attention_resolutions_club" ON "attention_resolutions" ("club_id", "resolved_at")`,
  // At most one live feed per member and scope.
  `CREATE UNIQUE INDEX "calendar_feeds_live" ON "calendar_feeds" ("member_id", "scope")
    WHERE "revoked_at" IS NULL`,
  `CREATE INDEX "credit_log_club_at" ON "credit_log" ("club_id", "at")`,
  `CREATE INDEX "credit_log_club_version_member" ON "credit_log" ("club_id", "version", "member_id", "at")`,
  `CREATE INDEX "credit_log_pass" ON "credit_log" ("pass_id", "version")`,
  `CREATE INDEX "dependants_guardian" ON "dependants" ("guardian_id") WHERE removed_at IS NULL`,
  `CREATE INDEX "door_passes_member" ON "door_passes" ("club_id", "member_id", "kind")`,
  `CREATE INDEX "door_passes_revoked" ON "door_passes" ("club_id", "revoked_at")
    WHERE revoked_at IS NOT NULL`,
  `CREATE INDEX "family_link_codes_member" ON "family_link_codes" ("member_id")`,
  `CREATE INDEX "guest_visits_club_session" ON "guest_visits" ("club_id", "session_id")`,
  `CREATE INDEX "guest_visits_member" ON "guest_visits" ("member_id")`,
  `CREATE INDEX "guests_club" ON "guests" ("club_id", "added_at")`,
  `CREATE INDEX "intents_club_version_session" ON "intents" ("club_id", "version", "session_id")`,
  `CREATE INDEX "invitations_club" ON "invitations" ("club_id")`,
  `CREATE INDEX "login_sessions_user" ON "login_sessions" ("user_id")`,
  `CREATE INDEX "mail_queue_created" ON "mail_queue" ("created_at")`,
  `CREATE INDEX "mail_queue_due" ON "mail_queue" ("next_attempt_at")
    WHERE "sent_at" IS NULL AND "failed_at" IS NULL`,
  `CREATE INDEX "memberships_user" ON "memberships" ("user_id")`,
  `CREATE INDEX "mutation_log_flagged" ON "mutation_log" ("club_id", "received_at")
    WHERE status = 'applied' AND flags <> '[]'`,
  `CREATE INDEX "mutation_log_refusal_groups" ON "mutation_log"
    ("club_id", "client_id", "name", "code", "received_at", "seq") WHERE status = 'rejected'`,
  `CREATE INDEX "mutation_log_refused_received" ON "mutation_log" ("status", "received_at")`,
  `CREATE INDEX "notifications_member" ON "notifications" ("member_id", "version")`,
  `CREATE UNIQUE INDEX "notifications_reminder_key" ON "notifications" ("reminder_key")
    WHERE reminder_key IS NOT NULL`,
  `CREATE INDEX "notifications_undelivered" ON "notifications" ("created_at")
    WHERE delivered_at IS NULL`,
  `CREATE INDEX "pass_requests_club_version" ON "pass_requests" ("club_id", "version")`,
  `CREATE INDEX "pass_templates_club_version" ON "pass_templates" ("club_id", "version")`,
  `CREATE INDEX "passes_club_expires" ON "passes" ("club_id", "expires_on")`,
  `CREATE INDEX "passes_club_version" ON "passes" ("club_id", "version")`,
  `CREATE INDEX "passes_member" ON "passes" ("member_id", "expires_on")`,
  // SQLite: json_extract(terms, '$.kind') = 'time'. A query must state the same predicate.
  `CREATE INDEX "passes_remindable_expiring" ON "passes" ("expires_on")
    WHERE active = 1 AND (balance > 0 OR (terms::jsonb ->> 'kind') = 'time')`,
  `CREATE INDEX "push_subscriptions_by_login" ON "push_subscriptions" ("login_session_id")`,
  `CREATE INDEX "push_subscriptions_by_user" ON "push_subscriptions" ("user_id", "created_at")`,
  `CREATE INDEX "security_log_user" ON "security_log" ("user_id", "id")`,
  `CREATE INDEX "series_club_version" ON "series" ("club_id", "version")`,
  `CREATE INDEX "session_counts_club_version" ON "session_counts" ("club_id", "version")`,
  `CREATE INDEX "sessions_club_ends" ON "sessions" ("club_id", "ends_at")`,
  `CREATE INDEX "sessions_club_starts" ON "sessions" ("club_id", "starts_at")`,
  `CREATE INDEX "sessions_club_version" ON "sessions" ("club_id", "version")`,
  `CREATE INDEX "sessions_scheduled_starts" ON "sessions" ("starts_at") WHERE status = 'scheduled'`,
  `CREATE INDEX "signups_club_version_session" ON "signups" ("club_id", "version", "session_id")`,
  `CREATE INDEX "signups_member_session" ON "signups" ("member_id", "session_id")`,
  // One live (active or waitlisted) sign-up per member and session.
  `CREATE UNIQUE INDEX "signups_one_live" ON "signups" ("session_id", "member_id")
    WHERE status IN ('active', 'waitlisted')`,
  `CREATE INDEX "signups_session_live" ON "signups" ("session_id", "status", "member_id")`,
  `CREATE INDEX "tombstones_club_version" ON "tombstones" ("club_id", "version")`,
  `CREATE INDEX "training_types_club_version" ON "training_types" ("club_id", "version")`,
];

/** The PL/pgSQL functions made (dropped by `down`). */
const functions: string[] = [];
const statements: string[] = [];

/** A trigger function: `body` is the PL/pgSQL between BEGIN and END. */
function fn(name: string, body: string, declare = ''): void {
  functions.push(name);
  statements.push(`CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $fn$
${declare ? `DECLARE ${declare}\n` : ''}BEGIN
${body}
END
$fn$`);
}

/** A row trigger (`event` e.g. "BEFORE UPDATE OF club_id ON signups"). */
function trigger(name: string, event: string, call: string, when?: string): void {
  statements.push(
    `CREATE TRIGGER "${name}" ${event} FOR EACH ROW${when ? ` WHEN (${when})` : ''}
    EXECUTE FUNCTION ${call}`,
  );
}

/** A row trigger refusing with `message` whenever it fires (its WHEN says when). */
function refusal(name: string, event: string, message: string, when?: string): void {
  trigger(name, event, `guard_refuse(${literal(message)})`, when);
}

/**
 * A guard checking `mismatch` (PL/pgSQL, may read other tables) before an
 * insert, and — if `update` names the event — before an update too.
 */
function guard(
  table: string,
  names: { insert: string; update?: string },
  mismatch: string,
  message: string,
  update = 'UPDATE',
): void {
  fn(names.insert, `  IF ${mismatch} THEN\n    ${refuse(message)}\n  END IF;\n  RETURN NEW;`);
  trigger(names.insert, `BEFORE INSERT ON "${table}"`, `"${names.insert}"()`);
  if (names.update) {
    trigger(names.update, `BEFORE ${update} ON "${table}"`, `"${names.insert}"()`);
  }
}

const CROSS_CLUB = 'a row and its parents belong to one club';
const clubOf = (parent: string, column: string, of = 'club_id') =>
  `(SELECT ${of} FROM "${parent}" WHERE id = NEW.${column})`;

// ---------------------------------------------------------------------------
// The refusal every guard without a condition of its own runs (its message is
// the trigger's argument).
functions.push('guard_refuse');
statements.push(`CREATE FUNCTION guard_refuse() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION USING ERRCODE = '${GUARD_SQLSTATE}', MESSAGE = TG_ARGV[0],
    CONSTRAINT = TG_NAME, TABLE = TG_TABLE_NAME;
END
$fn$`);

// ---------------------------------------------------------------------------
// No row crosses clubs (SQLite 0007, 0012, 0016, 0020 and the tables since):
// a row never moves to another club, and its parents are of its club.
for (const table of [
  'training_types',
  'series',
  'sessions',
  'pass_templates',
  'pass_requests',
  'passes',
  'signups',
  'attendance',
  'notifications',
  'intents',
  'attention_resolutions',
  'guests',
  'guest_visits',
  'dependants',
  'family_link_codes',
]) {
  refusal(
    `${table}_club_fixed`,
    `BEFORE UPDATE OF club_id ON "${table}"`,
    'a row never moves to another club',
    'NEW.club_id IS DISTINCT FROM OLD.club_id',
  );
}

/** Per table (0007): the columns naming a parent; each parent (when named) is of the row's club. */
const parents: Record<string, [column: string, parent: string][]> = {
  series: [['training_type_id', 'training_types']],
  sessions: [
    ['series_id', 'series'],
    ['training_type_id', 'training_types'],
  ],
  intents: [
    ['session_id', 'sessions'],
    ['member_id', 'memberships'],
  ],
  signups: [
    ['session_id', 'sessions'],
    ['member_id', 'memberships'],
  ],
  attendance: [
    ['session_id', 'sessions'],
    ['member_id', 'memberships'],
  ],
  pass_requests: [
    ['member_id', 'memberships'],
    ['template_id', 'pass_templates'],
  ],
  passes: [
    ['member_id', 'memberships'],
    ['template_id', 'pass_templates'],
    ['request_id', 'pass_requests'],
  ],
  credit_log: [['pass_id', 'passes']],
  notifications: [['member_id', 'memberships']],
  attention_resolutions: [['item_id', 'mutation_log']],
};
for (const [table, pairs] of Object.entries(parents)) {
  const mismatch = pairs
    .map(
      ([column, parent]) =>
        `(NEW.${column} IS NOT NULL AND ${clubOf(parent, column)} IS DISTINCT FROM NEW.club_id)`,
    )
    .join('\n     OR ');
  const columns = pairs.map(([c]) => c).join(', ');
  guard(
    table,
    {
      insert: `${table}_parents_in_club`,
      // credit_log is append-only: never updated.
      update: table === 'credit_log' ? undefined : `${table}_parents_stay_in_club`,
    },
    mismatch,
    CROSS_CLUB,
    `UPDATE OF club_id, ${columns}`,
  );
}

const memberOfOtherClub = (column: string) =>
  `${clubOf('memberships', column)} IS DISTINCT FROM NEW.club_id`;

// Walk-ins (0012): a guest and its author are the club's; a visit is its attendance's.
guard(
  'guests',
  { insert: 'guests_parents_in_club', update: 'guests_parents_stay_in_club' },
  `${memberOfOtherClub('member_id')}
     OR ${memberOfOtherClub('added_by')}`,
  CROSS_CLUB,
);
guard(
  'guest_visits',
  { insert: 'guest_visits_parents_in_club', update: 'guest_visits_parents_stay_in_club' },
  `${clubOf('attendance', 'attendance_id')} IS DISTINCT FROM NEW.club_id
     OR ${clubOf('attendance', 'attendance_id', 'member_id')} IS DISTINCT FROM NEW.member_id
     OR ${clubOf('sessions', 'session_id')} IS DISTINCT FROM NEW.club_id
     OR ${memberOfOtherClub('recorded_by')}`,
  CROSS_CLUB,
);
guard(
  'invitations',
  { insert: 'invitations_guest_in_club' },
  `NEW.guest_member_id IS NOT NULL AND ${memberOfOtherClub('guest_member_id')}`,
  CROSS_CLUB,
);

// Dependants (0020): the dependant, guardian and authors are the club's members.
guard(
  'dependants',
  { insert: 'dependants_parents_in_club', update: 'dependants_parents_stay_in_club' },
  `${memberOfOtherClub('member_id')}
     OR ${memberOfOtherClub('guardian_id')}
     OR ${memberOfOtherClub('added_by')}
     OR (NEW.removed_by IS NOT NULL AND ${memberOfOtherClub('removed_by')})`,
  CROSS_CLUB,
);
guard(
  'family_link_codes',
  { insert: 'family_link_codes_parents_in_club', update: 'family_link_codes_parents_stay_in_club' },
  memberOfOtherClub('member_id'),
  CROSS_CLUB,
);

// Devices (0013) and door passes (0011): their members are the club's.
guard(
  'devices',
  { insert: 'devices_member_in_club_insert', update: 'devices_member_in_club_update' },
  `NEW.member_id IS NOT NULL AND ${memberOfOtherClub('member_id')}`,
  CROSS_CLUB,
  'UPDATE OF club_id, member_id',
);
guard(
  'door_passes',
  { insert: 'door_passes_in_club_insert', update: 'door_passes_in_club_update' },
  `${memberOfOtherClub('member_id')}
     OR ${memberOfOtherClub('issued_by')}
     OR (NEW.revoked_by IS NOT NULL AND ${memberOfOtherClub('revoked_by')})`,
  CROSS_CLUB,
);

// Needs-attention group dismissals (0010): dismissed by one of the club's members.
guard(
  'attention_group_dismissals',
  { insert: 'attention_group_dismissals_parents_in_club' },
  memberOfOtherClub('dismissed_by'),
  CROSS_CLUB,
);

// Calendar feeds (0016): a feed belongs to its member's club and person. SQLite
// compares `club_id || ' ' || user_id`; the pair compared column by column is
// the same test (and exact whatever the ids hold).
fn(
  'calendar_feeds_member_in_club',
  `  SELECT club_id, user_id INTO member FROM memberships WHERE id = NEW.member_id;
  IF NOT FOUND OR member.club_id IS DISTINCT FROM NEW.club_id
      OR member.user_id IS DISTINCT FROM NEW.user_id THEN
    ${refuse("a calendar feed belongs to its member's club and person")}
  END IF;
  RETURN NEW;`,
  'member record;',
);
trigger(
  'calendar_feeds_member_in_club',
  'BEFORE INSERT ON "calendar_feeds"',
  '"calendar_feeds_member_in_club"()',
);

// ---------------------------------------------------------------------------
// Records keep their session and member (0019): a count would be lost.
for (const table of ['signups', 'attendance', 'intents']) {
  refusal(
    `${table}_keep_session_member`,
    `BEFORE UPDATE OF session_id, member_id ON "${table}"`,
    'a record stays with its session and member',
    'OLD.session_id IS DISTINCT FROM NEW.session_id OR OLD.member_id IS DISTINCT FROM NEW.member_id',
  );
}

// ---------------------------------------------------------------------------
// Kept for good (0002, 0006, 0007, 0010).
for (const [table, noUpdate, noDelete] of [
  ['credit_log', 'credit_log is append-only', 'credit_log is append-only'],
  ['attention_resolutions', 'a resolution never changes', 'a resolution is kept for good'],
  ['attention_group_dismissals', 'a resolution never changes', 'a resolution is kept for good'],
] as const) {
  refusal(`${table}_no_update`, `BEFORE UPDATE ON "${table}"`, noUpdate);
  refusal(`${table}_no_delete`, `BEFORE DELETE ON "${table}"`, noDelete);
}
// Each mutation's result is frozen; applied ones (and resolved items) stay for
// good, refused ones may go once old (retention).
refusal(
  'mutation_log_result_frozen',
  'BEFORE UPDATE OF id, status, code, flags, args ON "mutation_log"',
  'a mutation result never changes',
);
const KEEPS_APPLIED = 'applied mutations and resolved items are kept for good';
fn(
  'mutation_log_keeps_applied',
  `  IF OLD.status = 'applied'
      OR EXISTS (SELECT 1 FROM attention_resolutions WHERE item_id = OLD.id) THEN
    ${refuse(KEEPS_APPLIED)}
  END IF;
  RETURN OLD;`,
);
trigger(
  'mutation_log_keeps_applied',
  'BEFORE DELETE ON "mutation_log"',
  '"mutation_log_keeps_applied"()',
);
// TRUNCATE skips the DELETE triggers (SQLite has no TRUNCATE): refused as a DELETE would be.
for (const [table, message] of [
  ['credit_log', 'credit_log is append-only'],
  ['attention_resolutions', 'a resolution is kept for good'],
  ['attention_group_dismissals', 'a resolution is kept for good'],
  ['mutation_log', KEEPS_APPLIED],
] as const) {
  statements.push(`CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}"
    FOR EACH STATEMENT EXECUTE FUNCTION guard_refuse(${literal(message)})`);
}

// ---------------------------------------------------------------------------
// Pass balances (0002, 0005, 0008): the credit log is append-only and is the
// truth; each entry states the balance it leads to, and the balance follows
// it exactly (see the top of this file for the mechanism).
const BALANCE_AFTER = 'credit_log.balance_after does not match the pass balance';
// One BEFORE ROW trigger checks the entry and moves the balance: PostgreSQL
// fires AFTER ROW triggers at the end of the statement, so with the move in an
// AFTER trigger a multi-row insert of several entries of one pass would judge
// each entry against the balance before the statement. BEFORE ROW triggers
// fire row by row, in order: each entry sees the balance its predecessor left,
// as in SQLite, and the batched writes of a push may send many rows at once.
fn(
  'credit_log_balance_after',
  `  SELECT balance INTO balance_before FROM passes WHERE id = NEW.pass_id FOR NO KEY UPDATE;
  IF NEW.balance_after IS DISTINCT FROM balance_before + NEW.delta THEN
    ${refuse(BALANCE_AFTER)}
  END IF;
  UPDATE passes SET balance = NEW.balance_after, version = NEW.version WHERE id = NEW.pass_id;
  RETURN NEW;`,
  'balance_before integer;',
);
trigger(
  'credit_log_balance_after',
  'BEFORE INSERT ON "credit_log"',
  '"credit_log_balance_after"()',
);
fn(
  'passes_balance_follows_log',
  // Depth 1: the UPDATE came from a client. Depth 2: from credit_log_balance_after.
  `  IF pg_trigger_depth() < 2 THEN
    ${refuse('passes.balance must equal the sum of its credit log')}
  END IF;
  RETURN NEW;`,
);
trigger(
  'passes_balance_follows_log',
  'BEFORE UPDATE OF balance ON "passes"',
  '"passes_balance_follows_log"()',
  'NEW.balance IS DISTINCT FROM OLD.balance',
);
refusal(
  'passes_balance_starts_empty',
  'BEFORE INSERT ON "passes"',
  'a pass starts at 0; credits come from its credit log',
  'NEW.balance <> 0',
);

// ---------------------------------------------------------------------------
// Versions the database moves (0009, 0011, 0020): a pull compares one number.
const bump = (name: string, event: string, update: string, when?: string) => {
  fn(name, `  ${update};\n  RETURN NULL;`);
  trigger(name, event, `"${name}"()`, when);
};
const membersMoved = (club: string) =>
  `UPDATE clubs SET members_version = members_version + 1 WHERE id = ${club}`;
bump(
  'memberships_added_moves_members_version',
  'AFTER INSERT ON "memberships"',
  membersMoved('NEW.club_id'),
);
bump(
  'memberships_changed_moves_members_version',
  'AFTER UPDATE ON "memberships"',
  `UPDATE clubs SET members_version = members_version + 1 WHERE id IN (NEW.club_id, OLD.club_id)`,
);
bump(
  'memberships_deleted_moves_members_version',
  'AFTER DELETE ON "memberships"',
  membersMoved('OLD.club_id'),
);
bump(
  'users_renamed_moves_members_version',
  'AFTER UPDATE OF name ON "users"',
  `UPDATE clubs SET members_version = members_version + 1
    WHERE id IN (SELECT club_id FROM memberships WHERE user_id = NEW.id)`,
  'NEW.name IS DISTINCT FROM OLD.name',
);
bump(
  'dependants_added_moves_members_version',
  'AFTER INSERT ON "dependants"',
  membersMoved('NEW.club_id'),
);
bump(
  'dependants_changed_moves_members_version',
  'AFTER UPDATE ON "dependants"',
  membersMoved('NEW.club_id'),
);
bump(
  'door_keys_added_moves_door_version',
  'AFTER INSERT ON "door_keys"',
  `UPDATE clubs SET door_version = door_version + 1 WHERE id = NEW.club_id`,
);
bump(
  'door_passes_revoked_moves_door_version',
  'AFTER UPDATE OF revoked_at ON "door_passes"',
  `UPDATE clubs SET door_version = door_version + 1 WHERE id = NEW.club_id`,
  'NEW.revoked_at IS DISTINCT FROM OLD.revoked_at',
);

// ---------------------------------------------------------------------------
// Session counts (0019): occupancy (distinct members holding a place: an
// active sign-up or a check-in not voided), going and waitlisted, moved by
// the rows that move them, with the version of the last change that did.
// The same deltas as SQLite's, booleans cast to integers.
fn(
  'session_counts_new_session',
  `  INSERT INTO session_counts (session_id, club_id, occupancy, going, waitlisted, version)
  VALUES (NEW.id, NEW.club_id, 0, 0, 0, NEW.version) ON CONFLICT (session_id) DO NOTHING;
  RETURN NULL;`,
);
trigger(
  'session_counts_new_session',
  'AFTER INSERT ON "sessions"',
  '"session_counts_new_session"()',
);

// A place held by the member of the NEW row, seen after the change.
const activeSignup = (except = '') =>
  `EXISTS (SELECT 1 FROM signups WHERE session_id = NEW.session_id
      AND member_id = NEW.member_id AND status = 'active'${except})`;
const validCheckIn = (except = '') =>
  `EXISTS (SELECT 1 FROM attendance WHERE session_id = NEW.session_id
      AND member_id = NEW.member_id AND voided = 0${except})`;
const holdsNow = `(${activeSignup()} OR ${validCheckIn()})`;
const int = (condition: string) => `(${condition})::integer`;
const move = (
  name: string,
  event: string,
  deltas: [o: string, g: string, w: string],
  when?: string,
) => {
  const [o, g, w] = deltas;
  fn(
    name,
    `  o := ${o};
  g := ${g};
  w := ${w};
  IF o <> 0 OR g <> 0 OR w <> 0 THEN
    UPDATE session_counts SET occupancy = occupancy + o, going = going + g,
      waitlisted = waitlisted + w, version = GREATEST(version, NEW.version)
    WHERE session_id = NEW.session_id;
  END IF;
  RETURN NULL;`,
    'o integer; g integer; w integer;',
  );
  trigger(name, event, `"${name}"()`, when);
};
move('session_counts_signup_new', 'AFTER INSERT ON "signups"', [
  `${int(holdsNow)} - ${int(`${activeSignup(' AND id <> NEW.id')} OR ${validCheckIn()}`)}`,
  '0',
  int(`NEW.status = 'waitlisted'`),
]);
move(
  'session_counts_signup_status',
  'AFTER UPDATE ON "signups"',
  [
    `${int(holdsNow)} - ${int(
      `OLD.status = 'active' OR ${activeSignup(' AND id <> NEW.id')} OR ${validCheckIn()}`,
    )}`,
    '0',
    `${int(`NEW.status = 'waitlisted'`)} - ${int(`OLD.status = 'waitlisted'`)}`,
  ],
  'OLD.status IS DISTINCT FROM NEW.status',
);
move('session_counts_checkin_new', 'AFTER INSERT ON "attendance"', [
  `${int(holdsNow)} - ${int(`${validCheckIn(' AND id <> NEW.id')} OR ${activeSignup()}`)}`,
  '0',
  '0',
]);
move(
  'session_counts_checkin_voided',
  'AFTER UPDATE ON "attendance"',
  [
    `${int(holdsNow)} - ${int(
      `OLD.voided = 0 OR ${validCheckIn(' AND id <> NEW.id')} OR ${activeSignup()}`,
    )}`,
    '0',
    '0',
  ],
  'OLD.voided IS DISTINCT FROM NEW.voided',
);
move('session_counts_intent_new', 'AFTER INSERT ON "intents"', ['0', 'NEW.going', '0']);
move(
  'session_counts_intent_going',
  'AFTER UPDATE ON "intents"',
  ['0', 'NEW.going - OLD.going', '0'],
  'OLD.going IS DISTINCT FROM NEW.going',
);

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [...tables, ...indexes, ...statements]) {
    await sql.raw(statement).execute(db);
  }
  // The change counter's one row (SQLite 0002).
  await sql`INSERT INTO change_counter (id, version) VALUES (1, 0)`.execute(db);
  // The server's VAPID key pair, made with the schema (SQLite 0017): the forms
  // web push uses, the uncompressed point and the raw scalar, base64url.
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pub = publicKey.export({ format: 'jwk' });
  const priv = privateKey.export({ format: 'jwk' });
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(pub.x ?? '', 'base64url'),
    Buffer.from(pub.y ?? '', 'base64url'),
  ]);
  await sql`INSERT INTO vapid_keys (id, public_key, private_key, created_at)
    VALUES (1, ${point.toString('base64url')}, ${priv.d ?? ''}, ${new Date().toISOString()})`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The tables take their triggers and indexes with them; then the functions.
  await sql
    .raw(
      `DROP TABLE ${[...tableNames]
        .reverse()
        .map((t) => `"${t}"`)
        .join(', ')} CASCADE`,
    )
    .execute(db);
  await sql.raw(`DROP FUNCTION ${functions.map((f) => `"${f}"()`).join(', ')}`).execute(db);
}
