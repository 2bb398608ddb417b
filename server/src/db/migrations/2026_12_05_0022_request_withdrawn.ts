import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Issue 15 items 3–4 (docs/decisions.md, "Schedule and history"):
 *
 * - A member can withdraw a pending pass request (`passRequest.withdraw`):
 *   `pass_requests.status` also takes `withdrawn`.
 * - `clubs.members_see_who_is_going` (setting `membersSeeWhoIsGoing`, off):
 *   members see who else is going or signed up.
 *
 * SQLite cannot change a CHECK in place, so the table is rebuilt as SQLite's
 * "generalized ALTER TABLE" describes: foreign keys off for the swap (passes
 * point at requests, and dropping a parent would otherwise delete into
 * them), the indexes and triggers on it — and the triggers of other tables
 * that read it — kept as they are (their SQL read from the schema) and put
 * back once the new table has its name, and the foreign keys checked before
 * it commits.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await allowStatuses(db, ['pending', 'approved', 'rejected', 'withdrawn']);
  await db.schema
    .alterTable('clubs')
    .addColumn('members_see_who_is_going', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`members_see_who_is_going IN (0, 1)`),
    )
    .execute();
}

/** Undoing keeps the history: a withdrawn request becomes a rejected one that says so. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clubs').dropColumn('members_see_who_is_going').execute();
  await sql`UPDATE pass_requests SET status = 'rejected',
    reason = COALESCE(reason, 'Withdrawn by the member')
    WHERE status = 'withdrawn'`.execute(db);
  await allowStatuses(db, ['pending', 'approved', 'rejected']);
}

async function allowStatuses(db: Kysely<any>, statuses: readonly string[]): Promise<void> {
  // Kysely runs SQLite migrations outside a transaction, so the pragma takes.
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await sql`BEGIN IMMEDIATE`.execute(db);
    try {
      await rebuild(db, statuses);
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error('pass_requests: foreign keys broken by rebuild');
      await sql`COMMIT`.execute(db);
    } catch (error) {
      await sql`ROLLBACK`.execute(db);
      throw error;
    }
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

async function rebuild(db: Kysely<any>, statuses: readonly string[]): Promise<void> {
  const { rows: kept } = await sql<{ type: string; name: string; sql: string }>`
    SELECT type, name, sql FROM sqlite_master
    WHERE sql IS NOT NULL AND name <> 'pass_requests'
      AND (tbl_name = 'pass_requests'
        OR (type = 'trigger' AND sql LIKE '%pass_requests%'))`.execute(db);
  for (const item of kept) {
    await sql.raw(`DROP ${item.type === 'index' ? 'INDEX' : 'TRIGGER'} ${item.name}`).execute(db);
  }
  const allowed = sql.join(statuses.map((s) => sql.lit(s)));
  await db.schema
    .createTable('pass_requests_new')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('template_id', 'text', (c) => c.notNull().references('pass_templates.id'))
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN (${allowed})`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('pass_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO pass_requests_new
    (id, club_id, member_id, template_id, note, status, created_at, decided_at, decided_by,
     reason, pass_id, version)
    SELECT id, club_id, member_id, template_id, note, status, created_at, decided_at, decided_by,
     reason, pass_id, version
    FROM pass_requests`.execute(db);
  await db.schema.dropTable('pass_requests').execute();
  await sql`ALTER TABLE pass_requests_new RENAME TO pass_requests`.execute(db);
  for (const item of kept) await sql.raw(item.sql).execute(db);
}
