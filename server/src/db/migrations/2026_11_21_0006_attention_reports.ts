import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The organizer's workspace: resolutions of needs-attention items, the
 * device label of every logged attempt, and indexes for reports.
 *
 * A needs-attention item is an entry of the (append-only) mutation log; its
 * resolution is kept beside it, once per item, and never deleted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attention_resolutions')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('mutation_log.id'))
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('resolution', 'text', (c) =>
      c.notNull().check(sql`resolution IN ('accepted', 'charged', 'dismissed')`),
    )
    .addColumn('note', 'text')
    .addColumn('resolved_by', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('resolved_at', 'text', (c) => c.notNull())
    .addColumn('mutation_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attention_resolutions_club')
    .on('attention_resolutions')
    .columns(['club_id', 'resolved_at'])
    .execute();
  await sql`CREATE TRIGGER attention_resolutions_no_delete BEFORE DELETE ON attention_resolutions
    BEGIN SELECT RAISE(ABORT, 'a resolution is kept for good'); END`.execute(db);
  await sql`CREATE TRIGGER attention_resolutions_no_update BEFORE UPDATE ON attention_resolutions
    BEGIN SELECT RAISE(ABORT, 'a resolution never changes'); END`.execute(db);

  // Which device recorded an attempt ("refused on Front desk").
  await db.schema.alterTable('mutation_log').addColumn('device_label', 'text').execute();

  // The needs-attention candidates of a club, newest first, without scanning
  // every check-in ever logged.
  await sql`CREATE INDEX mutation_log_attention ON mutation_log (club_id, received_at)
    WHERE status = 'rejected' OR flags <> '[]'`.execute(db);

  // Reports by time: credit-log entries and passes of a club.
  await db.schema
    .createIndex('credit_log_club_at')
    .on('credit_log')
    .columns(['club_id', 'at'])
    .execute();
  await db.schema
    .createIndex('passes_club_expires')
    .on('passes')
    .columns(['club_id', 'expires_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('passes_club_expires').execute();
  await db.schema.dropIndex('credit_log_club_at').execute();
  await db.schema.dropIndex('mutation_log_attention').execute();
  await db.schema.alterTable('mutation_log').dropColumn('device_label').execute();
  await db.schema.dropTable('attention_resolutions').execute();
}
