import type { Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A member's later pulls find their own check-ins by member and version
 * (issue 12). With only (club, version), a member poked about one check-in
 * walked every check-in of the club since their cursor to keep their own:
 * under a busy Saturday that was a third of the pull worker's SQL time.
 * The member index gains the version in place of nothing new: (member,
 * session) lookups are served by the unique (session, member) constraint,
 * and a member's sessions (history) still come from this index alone, so a
 * check-in still updates the same number of indexes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('attendance_member_version')
    .on('attendance')
    .columns(['member_id', 'version', 'session_id'])
    .execute();
  await db.schema.dropIndex('attendance_member').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('attendance_member')
    .on('attendance')
    .columns(['member_id', 'session_id'])
    .execute();
  await db.schema.dropIndex('attendance_member_version').execute();
}
