import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A club's member list changes rarely (an invitation accepted, a role
 * changed, someone removed or renamed) but every pull needed to know whether
 * it had: it read and hashed the whole list. Now the database counts the
 * changes in `clubs.members_version`, so a pull compares one number and
 * reads the list only when it moved (docs/benchmarks.md, "A busy Saturday").
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('clubs')
    .addColumn('members_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`CREATE TRIGGER memberships_added_moves_members_version AFTER INSERT ON memberships
    BEGIN UPDATE clubs SET members_version = members_version + 1 WHERE id = NEW.club_id; END`.execute(
    db,
  );
  await sql`CREATE TRIGGER memberships_changed_moves_members_version AFTER UPDATE ON memberships
    BEGIN UPDATE clubs SET members_version = members_version + 1
      WHERE id IN (NEW.club_id, OLD.club_id); END`.execute(db);
  await sql`CREATE TRIGGER memberships_deleted_moves_members_version AFTER DELETE ON memberships
    BEGIN UPDATE clubs SET members_version = members_version + 1 WHERE id = OLD.club_id; END`.execute(
    db,
  );
  await sql`CREATE TRIGGER users_renamed_moves_members_version AFTER UPDATE OF name ON users
    WHEN NEW.name IS NOT OLD.name
    BEGIN UPDATE clubs SET members_version = members_version + 1
      WHERE id IN (SELECT club_id FROM memberships WHERE user_id = NEW.id); END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'memberships_added_moves_members_version',
    'memberships_changed_moves_members_version',
    'memberships_deleted_moves_members_version',
    'users_renamed_moves_members_version',
  ]) {
    await sql.raw(`DROP TRIGGER ${name}`).execute(db);
  }
  await db.schema.alterTable('clubs').dropColumn('members_version').execute();
}
