import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Refusals listed in groups (docs/decisions.md, "Needs-attention groups").
 *
 * Refused attempts of one device (`client_id`), one mutation and one code are
 * one entry of the needs-attention list, however many there are (a device
 * can push tens of thousands), and an organizer dismisses such a group with
 * one row, not one row per refusal.
 *
 * - `attention_groups`: every (device, mutation, code) a club's refusals came
 *   in, with how many were logged (counted as they are logged). The list
 *   walks these keys instead of grouping the whole log on every read, and
 *   a group's size is a subtraction, not a count of its rows.
 * - `attention_group_dismissals`: one per dismissal of a group, covering its
 *   refusals received up to `up_to` (inclusive); later ones start a new
 *   group. `covered` is how many of the key's refusals were logged up to
 *   `up_to` in all (so an open group holds `refusals - covered`). Kept for
 *   good, like `attention_resolutions`.
 * - Indexes: a group's refusals by arrival (its latest refusal, or its first
 *   after a dismissal, is one seek), and flagged results on their own so that a flood of
 *   refusals is never scanned to find them. They replace `mutation_log_attention`
 *   and `mutation_log_club_attention` (club, status and the never-used
 *   `resolved_at`), which SQLite preferred for flagged results and so walked
 *   every applied attempt of the club.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attention_groups')
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('refusals', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('attention_groups_pk', ['club_id', 'client_id', 'name', 'code'])
    .execute();
  await sql`INSERT INTO attention_groups (club_id, client_id, name, code, refusals)
    SELECT club_id, client_id, name, code, COUNT(*) FROM mutation_log
    WHERE status = 'rejected' AND code IS NOT NULL
    GROUP BY club_id, client_id, name, code`.execute(db);

  await db.schema
    .createTable('attention_group_dismissals')
    // The id of the `attention.dismissGroup` mutation that made it.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('up_to', 'text', (c) => c.notNull())
    // Not a foreign key: old refusals may be deleted (retention), the dismissal stays.
    .addColumn('last_item_id', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('covered', 'integer', (c) => c.notNull())
    .addColumn('first_received_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('dismissed_by', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('dismissed_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attention_group_dismissals_key')
    .on('attention_group_dismissals')
    .columns(['club_id', 'client_id', 'name', 'code', 'up_to'])
    .unique()
    .execute();
  await sql`CREATE TRIGGER attention_group_dismissals_no_delete BEFORE DELETE ON attention_group_dismissals
    BEGIN SELECT RAISE(ABORT, 'a resolution is kept for good'); END`.execute(db);
  await sql`CREATE TRIGGER attention_group_dismissals_no_update BEFORE UPDATE ON attention_group_dismissals
    BEGIN SELECT RAISE(ABORT, 'a resolution never changes'); END`.execute(db);
  await sql`CREATE TRIGGER attention_group_dismissals_parents_in_club BEFORE INSERT ON attention_group_dismissals
    WHEN (SELECT club_id FROM memberships WHERE id = NEW.dismissed_by) IS NOT NEW.club_id
    BEGIN SELECT RAISE(ABORT, 'a row and its parents belong to one club'); END`.execute(db);

  await sql`CREATE INDEX mutation_log_refusal_groups
    ON mutation_log (club_id, client_id, name, code, received_at, seq)
    WHERE status = 'rejected'`.execute(db);
  await sql`CREATE INDEX mutation_log_flagged ON mutation_log (club_id, received_at)
    WHERE status = 'applied' AND flags <> '[]'`.execute(db);
  await db.schema.dropIndex('mutation_log_attention').execute();
  await db.schema.dropIndex('mutation_log_club_attention').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('mutation_log_club_attention')
    .on('mutation_log')
    .columns(['club_id', 'status', 'resolved_at'])
    .execute();
  await sql`CREATE INDEX mutation_log_attention ON mutation_log (club_id, received_at)
    WHERE status = 'rejected' OR flags <> '[]'`.execute(db);
  await db.schema.dropIndex('mutation_log_flagged').execute();
  await db.schema.dropIndex('mutation_log_refusal_groups').execute();
  await db.schema.dropTable('attention_group_dismissals').execute();
  await db.schema.dropTable('attention_groups').execute();
}
