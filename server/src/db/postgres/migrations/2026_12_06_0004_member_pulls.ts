import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.

/** SQLite's migration 0024 (member_pulls): a member's check-ins by member and version. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX attendance_member_version ON attendance (member_id, version, session_id)`.execute(
    db,
  );
  await sql`DROP INDEX attendance_member`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX attendance_member ON attendance (member_id, session_id)`.execute(db);
  await sql`DROP INDEX attendance_member_version`.execute(db);
}
