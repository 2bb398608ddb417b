import type { Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Indexes for `sync.pull`: changes after a version per club for the tables
 * the domain migration did not index that way, the snapshot window (sessions
 * by end), and the per-session counts.
 */
const indexes: [name: string, table: string, columns: string[]][] = [
  ['intents_club_version', 'intents', ['club_id', 'version']],
  ['passes_club_version', 'passes', ['club_id', 'version']],
  ['pass_requests_club_version', 'pass_requests', ['club_id', 'version']],
  ['pass_templates_club_version', 'pass_templates', ['club_id', 'version']],
  ['series_club_version', 'series', ['club_id', 'version']],
  ['training_types_club_version', 'training_types', ['club_id', 'version']],
  ['sessions_club_ends', 'sessions', ['club_id', 'ends_at']],
  ['signups_session', 'signups', ['session_id', 'status']],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of indexes) await db.schema.dropIndex(name).execute();
}
