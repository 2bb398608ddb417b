import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Memberships by time (docs/decisions.md, "Memberships by time").
 *
 * - `pass_templates.kind`: `credits` (a number of sessions, as before) or
 *   `time` ("unlimited for validity_days", `sessions` 0), with `weekly_cap`
 *   (a time template's most sessions per ISO week, or NULL). The pair is
 *   checked together: a session-count template has sessions ≥ 1 and no cap.
 * - `passes.week_uses`: a time pass's uses per ISO week, as JSON
 *   (`{"2026-11-30": 2}`, keyed by the week's Monday in the club's zone),
 *   written by the rules with the log entries that make them.
 * - `credit_log.kind` also takes a time pass's use and its return
 *   (`used_signup`, `used_checkin`, `used_adjustment`, `unused_signout`,
 *   `unused_void`, `unused_cancel`, `unused_adjustment`), all with delta 0:
 *   the balance stays the sum of the log.
 *
 * SQLite cannot change a CHECK in place, so `pass_templates` and
 * `credit_log` are rebuilt as SQLite's "generalized ALTER TABLE" describes
 * (as 0013 and 0022 do): foreign keys off for the swap (passes and requests
 * point at templates), the indexes and triggers on the table — and the
 * triggers of other tables that read it — kept as they are and put back once
 * the new table has its name, the foreign keys checked before it commits.
 * The log keeps its rowids: a pass's latest entry is found by (version,
 * rowid).
 */

const OLD_LOG_KINDS = [
  'granted',
  'sessions_added',
  'extended',
  'charged_signup',
  'charged_checkin',
  'charged_adjustment',
  'returned_signout',
  'returned_void',
  'returned_cancel',
  'returned_adjustment',
  'deactivated',
  'reactivated',
  'manual_adjustment',
];
const TIME_LOG_KINDS = [
  'used_signup',
  'used_checkin',
  'used_adjustment',
  'unused_signout',
  'unused_void',
  'unused_cancel',
  'unused_adjustment',
];

const TEMPLATE_COLUMNS = [
  'id',
  'club_id',
  'names',
  'descriptions',
  'sessions',
  'price_minor',
  'currency',
  'validity_days',
  'training_type_ids',
  'deleted_at',
  'version',
];
const LOG_COLUMNS = [
  'id',
  'club_id',
  'pass_id',
  'member_id',
  'delta',
  'kind',
  'balance_after',
  'expires_on_after',
  'session_id',
  'signup_id',
  'attendance_id',
  'reason',
  'by_member_id',
  'at',
  'mutation_id',
  'version',
];

function templatesTable(name: string, withKind: boolean): string {
  const kind = withKind
    ? `"kind" text default 'credits' not null check (kind IN ('credits', 'time')),
       "sessions" integer not null, "weekly_cap" integer,`
    : `"sessions" integer not null check (sessions >= 1),`;
  const together = withKind
    ? `, constraint "pass_templates_kind_terms" check (
         (kind = 'credits' AND sessions >= 1 AND weekly_cap IS NULL)
         OR (kind = 'time' AND sessions = 0 AND (weekly_cap IS NULL OR weekly_cap BETWEEN 1 AND 21)))`
    : '';
  return `CREATE TABLE "${name}" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "names" text not null, "descriptions" text default '{}' not null, ${kind}
    "price_minor" integer not null check (price_minor >= 0),
    "currency" text not null check (length(currency) = 3),
    "validity_days" integer not null check (validity_days >= 1),
    "training_type_ids" text default '[]' not null, "deleted_at" text,
    "version" integer not null${together})`;
}

function logTable(name: string, kinds: readonly string[]): string {
  const allowed = kinds.map((k) => `'${k}'`).join(', ');
  return `CREATE TABLE "${name}" ("id" text primary key,
    "club_id" text not null references "clubs" ("id") on delete cascade,
    "pass_id" text not null references "passes" ("id"),
    "member_id" text not null references "memberships" ("id"),
    "delta" integer not null, "kind" text not null check (kind IN (${allowed})),
    "balance_after" integer not null check (balance_after >= 0), "expires_on_after" text,
    "session_id" text, "signup_id" text, "attendance_id" text, "reason" text,
    "by_member_id" text not null, "at" text not null, "mutation_id" text,
    "version" integer not null)`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await swapping(db, async () => {
    await rebuild(db, 'pass_templates', templatesTable('pass_templates_new', true), [
      ...TEMPLATE_COLUMNS,
    ]);
    await rebuild(
      db,
      'credit_log',
      logTable('credit_log_new', [...OLD_LOG_KINDS, ...TIME_LOG_KINDS]),
      ['rowid', ...LOG_COLUMNS],
    );
    await sql`ALTER TABLE passes ADD COLUMN week_uses text NOT NULL DEFAULT '{}'`.execute(db);
  });
}

/**
 * Undoing is refused once a time pass exists: its log entries cannot be
 * removed (the log is append-only) and no session-count kind says the same.
 */
export async function down(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ n: number }>`
    SELECT COUNT(*) AS n FROM pass_templates WHERE kind = 'time'`.execute(db);
  if ((rows[0]?.n ?? 0) > 0) {
    throw new Error('Time passes exist: migration 0021 cannot be undone without losing them');
  }
  await swapping(db, async () => {
    await sql`ALTER TABLE passes DROP COLUMN week_uses`.execute(db);
    await rebuild(db, 'credit_log', logTable('credit_log_new', OLD_LOG_KINDS), [
      'rowid',
      ...LOG_COLUMNS,
    ]);
    await rebuild(db, 'pass_templates', templatesTable('pass_templates_new', false), [
      ...TEMPLATE_COLUMNS,
    ]);
  });
}

/** Foreign keys off and one transaction around the swap, checked before it commits. */
async function swapping(db: Kysely<any>, work: () => Promise<void>): Promise<void> {
  // Kysely runs SQLite migrations outside a transaction, so the pragma takes.
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await sql`BEGIN IMMEDIATE`.execute(db);
    try {
      await work();
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error('0021: foreign keys broken by the rebuild');
      await sql`COMMIT`.execute(db);
    } catch (error) {
      await sql`ROLLBACK`.execute(db);
      throw error;
    }
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

/** `table` rebuilt as `create` (which makes `<table>_new`), its rows copied column for column. */
async function rebuild(
  db: Kysely<any>,
  table: string,
  create: string,
  columns: readonly string[],
): Promise<void> {
  const { rows: kept } = await sql<{ type: string; name: string; sql: string }>`
    SELECT type, name, sql FROM sqlite_master
    WHERE sql IS NOT NULL AND name <> ${table}
      AND (tbl_name = ${table} OR (type = 'trigger' AND sql LIKE ${'%' + table + '%'}))`.execute(
    db,
  );
  for (const item of kept) {
    await sql.raw(`DROP ${item.type === 'index' ? 'INDEX' : 'TRIGGER'} ${item.name}`).execute(db);
  }
  await sql.raw(create).execute(db);
  const list = columns.join(', ');
  await sql
    .raw(`INSERT INTO ${table}_new (${list}) SELECT ${list} FROM ${table} ORDER BY rowid`)
    .execute(db);
  await sql.raw(`DROP TABLE ${table}`).execute(db);
  await sql.raw(`ALTER TABLE ${table}_new RENAME TO ${table}`).execute(db);
  for (const item of kept) await sql.raw(item.sql).execute(db);
}
