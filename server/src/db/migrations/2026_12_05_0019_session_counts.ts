import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A session's counts (occupancy, going, waitlisted) kept by the database
 * itself, with the version of the last change that moved them
 * (docs/decisions.md, "Counts kept where they change").
 *
 * Pulls used to recount every touched session's sign-ups and check-ins for
 * every device, each with its own version range, so a busy Saturday paid for
 * the same counts hundreds of times. Now the rows that move a count move it
 * (triggers below, by one, with the writer's version) and a pull reads the
 * counts whose version is in its range, like any versioned row.
 *
 * Occupancy is the rulebook's: distinct members holding a place, i.e. a live
 * active sign-up or a check-in that is not voided (a member may hold both).
 * The database allows one attendance per (session, member) and one live
 * sign-up, so "holds a place" before and after a change is two index probes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('session_counts')
    .addColumn('session_id', 'text', (c) =>
      c.primaryKey().references('sessions.id').onDelete('cascade'),
    )
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('occupancy', 'integer', (c) => c.notNull().check(sql`occupancy >= 0`))
    .addColumn('going', 'integer', (c) => c.notNull().check(sql`going >= 0`))
    .addColumn('waitlisted', 'integer', (c) => c.notNull().check(sql`waitlisted >= 0`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('session_counts_club_version')
    .on('session_counts')
    .columns(['club_id', 'version'])
    .execute();

  await sql`INSERT INTO session_counts (session_id, club_id, occupancy, going, waitlisted, version)
    SELECT s.id, s.club_id,
      (SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id AND a.voided = 0)
        + (SELECT COUNT(*) FROM signups g WHERE g.session_id = s.id AND g.status = 'active'
             AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = g.session_id
                               AND a.member_id = g.member_id AND a.voided = 0)),
      (SELECT COUNT(*) FROM intents i WHERE i.session_id = s.id AND i.going = 1),
      (SELECT COUNT(*) FROM signups g WHERE g.session_id = s.id AND g.status = 'waitlisted'),
      max(s.version,
        coalesce((SELECT max(version) FROM signups WHERE session_id = s.id), 0),
        coalesce((SELECT max(version) FROM attendance WHERE session_id = s.id), 0),
        coalesce((SELECT max(version) FROM intents WHERE session_id = s.id), 0))
    FROM sessions s`.execute(db);

  await sql`CREATE TRIGGER session_counts_new_session AFTER INSERT ON sessions
    BEGIN
      INSERT INTO session_counts (session_id, club_id, occupancy, going, waitlisted, version)
      VALUES (NEW.id, NEW.club_id, 0, 0, 0, NEW.version) ON CONFLICT (session_id) DO NOTHING;
    END`.execute(db);

  // A place held by the member of the NEW row, seen after the change.
  const activeSignup = (except: string) =>
    `EXISTS (SELECT 1 FROM signups WHERE session_id = NEW.session_id AND member_id = NEW.member_id
       AND status = 'active'${except})`;
  const validCheckIn = (except: string) =>
    `EXISTS (SELECT 1 FROM attendance WHERE session_id = NEW.session_id
       AND member_id = NEW.member_id AND voided = 0${except})`;
  const holdsNow = `(${activeSignup('')} OR ${validCheckIn('')})`;
  // Every session has its row from the start (backfill above, trigger below), so a
  // change only updates it; an INSERT … ON CONFLICT would check the bare delta
  // against the CHECKs before merging.
  const move = (occupancy: string, going: string, waitlisted: string) =>
    `UPDATE session_counts SET
       occupancy = occupancy + d.o, going = going + d.g, waitlisted = waitlisted + d.w,
       version = max(version, NEW.version)
     FROM (SELECT ${occupancy} AS o, ${going} AS g, ${waitlisted} AS w) AS d
     WHERE session_id = NEW.session_id AND (d.o <> 0 OR d.g <> 0 OR d.w <> 0)`;
  const triggers: Record<string, string> = {
    session_counts_signup_new: `AFTER INSERT ON signups BEGIN ${move(
      `${holdsNow} - (${activeSignup(' AND id <> NEW.id')} OR ${validCheckIn('')})`,
      '0',
      `(NEW.status = 'waitlisted')`,
    )}; END`,
    session_counts_signup_status: `AFTER UPDATE ON signups WHEN OLD.status IS NOT NEW.status
      BEGIN ${move(
        `${holdsNow} - (OLD.status = 'active' OR ${activeSignup(' AND id <> NEW.id')} OR ${validCheckIn('')})`,
        '0',
        `(NEW.status = 'waitlisted') - (OLD.status = 'waitlisted')`,
      )}; END`,
    session_counts_checkin_new: `AFTER INSERT ON attendance BEGIN ${move(
      `${holdsNow} - (${validCheckIn(' AND id <> NEW.id')} OR ${activeSignup('')})`,
      '0',
      '0',
    )}; END`,
    session_counts_checkin_voided: `AFTER UPDATE ON attendance WHEN OLD.voided IS NOT NEW.voided
      BEGIN ${move(
        `${holdsNow} - (OLD.voided = 0 OR ${validCheckIn(' AND id <> NEW.id')} OR ${activeSignup('')})`,
        '0',
        '0',
      )}; END`,
    session_counts_intent_new: `AFTER INSERT ON intents BEGIN ${move('0', 'NEW.going', '0')}; END`,
    session_counts_intent_going: `AFTER UPDATE ON intents WHEN OLD.going IS NOT NEW.going
      BEGIN ${move('0', 'NEW.going - OLD.going', '0')}; END`,
  };
  for (const [name, body] of Object.entries(triggers)) {
    await sql.raw(`CREATE TRIGGER ${name} ${body}`).execute(db);
  }

  // The records never move to another session or member (a count would be lost).
  for (const table of ['signups', 'attendance', 'intents']) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_keep_session_member BEFORE UPDATE OF session_id, member_id ON ${table}
         WHEN OLD.session_id IS NOT NEW.session_id OR OLD.member_id IS NOT NEW.member_id
         BEGIN SELECT RAISE(ABORT, 'a record stays with its session and member'); END`,
      )
      .execute(db);
  }
}

const triggerNames = [
  'session_counts_new_session',
  'session_counts_signup_new',
  'session_counts_signup_status',
  'session_counts_checkin_new',
  'session_counts_checkin_voided',
  'session_counts_intent_new',
  'session_counts_intent_going',
  'signups_keep_session_member',
  'attendance_keep_session_member',
  'intents_keep_session_member',
];

export async function down(db: Kysely<any>): Promise<void> {
  // The triggers live on the other tables: dropping the table would leave them behind.
  for (const name of triggerNames) await sql.raw(`DROP TRIGGER ${name}`).execute(db);
  await db.schema.dropTable('session_counts').execute();
}
