import type { Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Indexes for judging a push: a member's own sign-up in a session, and the
 * occupancy count read from covering indexes (no table rows touched).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('signups_member_session')
    .on('signups')
    .columns(['member_id', 'session_id'])
    .execute();
  await db.schema.dropIndex('signups_session').execute();
  await db.schema
    .createIndex('signups_session_live')
    .on('signups')
    .columns(['session_id', 'status', 'member_id'])
    .execute();
  await db.schema
    .createIndex('attendance_session_live')
    .on('attendance')
    .columns(['session_id', 'voided', 'member_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attendance_session_live').execute();
  await db.schema.dropIndex('signups_session_live').execute();
  await db.schema
    .createIndex('signups_session')
    .on('signups')
    .columns(['session_id', 'status'])
    .execute();
  await db.schema.dropIndex('signups_member_session').execute();
}
