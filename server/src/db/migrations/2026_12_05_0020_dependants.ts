import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Dependants (issue 15, docs/decisions.md "Dependants"). A dependant is a
 * membership like any other — rosters, sign-ups, attendance, passes, the
 * credit log, reports and the session counts of migration 0019 need no
 * second path. A child has no login: their membership points at a
 * placeholder account that cannot log in (as an unclaimed walk-in's does);
 * a linked teen keeps their own account. `dependants` is the tie: one
 * guardian per dependant while it lasts (`removed_at` ends it; the row stays
 * for the audit). `family_link_codes` are the short-lived codes a teen's
 * profile shows and their guardian enters to link them.
 *
 * The club guards of migration 0007: a tie never moves to another club, its
 * dependant, guardian and authors are its club's members, and nobody is
 * their own guardian. A tie changing moves `clubs.members_version` (0009),
 * since the member list devices pull carries it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dependants')
    .addColumn('member_id', 'text', (c) => c.primaryKey().references('memberships.id'))
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('guardian_id', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('child', 'linked')`))
    .addColumn('birth_year', 'integer', (c) =>
      c.check(sql`birth_year IS NULL OR birth_year BETWEEN 1900 AND 2200`),
    )
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'text', (c) => c.references('memberships.id'))
    .addCheckConstraint('dependants_not_own_guardian', sql`member_id <> guardian_id`)
    .execute();
  await sql`CREATE INDEX dependants_guardian ON dependants (guardian_id)
    WHERE removed_at IS NULL`.execute(db);

  await db.schema
    .createTable('family_link_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('family_link_codes_member')
    .on('family_link_codes')
    .column('member_id')
    .execute();

  const mismatch = `(SELECT club_id FROM memberships WHERE id = NEW.member_id) IS NOT NEW.club_id
    OR (SELECT club_id FROM memberships WHERE id = NEW.guardian_id) IS NOT NEW.club_id
    OR (SELECT club_id FROM memberships WHERE id = NEW.added_by) IS NOT NEW.club_id
    OR (NEW.removed_by IS NOT NULL
      AND (SELECT club_id FROM memberships WHERE id = NEW.removed_by) IS NOT NEW.club_id)`;
  const codeMismatch = `(SELECT club_id FROM memberships WHERE id = NEW.member_id) IS NOT NEW.club_id`;
  for (const [table, when] of [
    ['dependants', mismatch],
    ['family_link_codes', codeMismatch],
  ] as const) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_club_fixed BEFORE UPDATE OF club_id ON ${table}
         WHEN NEW.club_id IS NOT OLD.club_id
         BEGIN SELECT RAISE(ABORT, 'a row never moves to another club'); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_parents_in_club BEFORE INSERT ON ${table} WHEN ${when}
         BEGIN SELECT RAISE(ABORT, 'a row and its parents belong to one club'); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_parents_stay_in_club BEFORE UPDATE ON ${table} WHEN ${when}
         BEGIN SELECT RAISE(ABORT, 'a row and its parents belong to one club'); END`,
      )
      .execute(db);
  }
  await sql`CREATE TRIGGER dependants_added_moves_members_version AFTER INSERT ON dependants
    BEGIN UPDATE clubs SET members_version = members_version + 1 WHERE id = NEW.club_id; END`.execute(
    db,
  );
  await sql`CREATE TRIGGER dependants_changed_moves_members_version AFTER UPDATE ON dependants
    BEGIN UPDATE clubs SET members_version = members_version + 1 WHERE id = NEW.club_id; END`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('family_link_codes').execute();
  await db.schema.dropTable('dependants').execute();
}
