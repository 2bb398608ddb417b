import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Walk-ins (issue 13, docs/decisions.md "Walk-ins are guests"). A guest is a
 * membership like any other — their attendance, capacity and reports work
 * unchanged and the history stays on the same member id when they claim an
 * account — whose account nobody holds yet: until claimed, the membership
 * points at a placeholder account that cannot log in. `guests` keeps what
 * the host noted at the door and when it was claimed; `guest_visits` how
 * each visit was paid (one per attendance record). An invitation may name
 * the guest it lets someone claim.
 *
 * The same club guards as migration 0007: rows never move between clubs,
 * and a row's parents are in its club (a visit's member is its attendance's).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('guests')
    .addColumn('member_id', 'text', (c) => c.primaryKey().references('memberships.id'))
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('contact', 'text')
    .addColumn('added_by', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('claimed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('guests_club')
    .on('guests')
    .columns(['club_id', 'added_at'])
    .execute();

  await db.schema
    .createTable('guest_visits')
    .addColumn('attendance_id', 'text', (c) => c.primaryKey().references('attendance.id'))
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('drop_in', 'trial')`))
    .addColumn('payment', 'text', (c) =>
      c.notNull().check(sql`payment IN ('cash', 'card', 'free_trial', 'other')`),
    )
    .addColumn('amount', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('guest_visits_club_session')
    .on('guest_visits')
    .columns(['club_id', 'session_id'])
    .execute();
  await db.schema
    .createIndex('guest_visits_member')
    .on('guest_visits')
    .column('member_id')
    .execute();

  await db.schema
    .alterTable('invitations')
    .addColumn('guest_member_id', 'text', (c) => c.references('memberships.id'))
    .execute();

  const guestsMismatch = `(SELECT club_id FROM memberships WHERE id = NEW.member_id) IS NOT NEW.club_id
    OR (SELECT club_id FROM memberships WHERE id = NEW.added_by) IS NOT NEW.club_id`;
  const visitsMismatch = `(SELECT club_id FROM attendance WHERE id = NEW.attendance_id) IS NOT NEW.club_id
    OR (SELECT member_id FROM attendance WHERE id = NEW.attendance_id) IS NOT NEW.member_id
    OR (SELECT club_id FROM sessions WHERE id = NEW.session_id) IS NOT NEW.club_id
    OR (SELECT club_id FROM memberships WHERE id = NEW.recorded_by) IS NOT NEW.club_id`;
  for (const [table, when] of [
    ['guests', guestsMismatch],
    ['guest_visits', visitsMismatch],
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
  await sql`CREATE TRIGGER invitations_guest_in_club BEFORE INSERT ON invitations
    WHEN NEW.guest_member_id IS NOT NULL
      AND (SELECT club_id FROM memberships WHERE id = NEW.guest_member_id) IS NOT NEW.club_id
    BEGIN SELECT RAISE(ABORT, 'a row and its parents belong to one club'); END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER invitations_guest_in_club`.execute(db);
  await db.schema.alterTable('invitations').dropColumn('guest_member_id').execute();
  await db.schema.dropTable('guest_visits').execute();
  await db.schema.dropTable('guests').execute();
}
