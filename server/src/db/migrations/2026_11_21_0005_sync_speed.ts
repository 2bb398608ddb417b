import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Speed of sync (docs/benchmarks.md).
 *
 * Push: a credit-log entry moves its pass's balance (as before) and now also
 * stamps the pass with the entry's version, in the same UPDATE. A check-in
 * then writes its pass once instead of twice (the balance by this trigger,
 * the version by the writer); devices still see every balance change,
 * because the pass row carries the version of the change that moved it. The
 * balance guards (balance_after must match, balance equals the log's sum)
 * are unchanged.
 *
 * Pull: the by-version indexes of the session-bound tables also carry the
 * session, and the credit log's the member and time, so paging through a
 * club's changes checks the snapshot window and what a member may see from
 * the index alone instead of reading every row it skips. They replace the
 * narrower indexes (same number of indexes for a push to maintain).
 */
const widened: [table: string, old: string, name: string, columns: string[]][] = [
  [
    'attendance',
    'attendance_club_version',
    'attendance_club_version_session',
    ['club_id', 'version', 'session_id'],
  ],
  [
    'signups',
    'signups_club_version',
    'signups_club_version_session',
    ['club_id', 'version', 'session_id'],
  ],
  [
    'intents',
    'intents_club_version',
    'intents_club_version_session',
    ['club_id', 'version', 'session_id'],
  ],
  [
    'credit_log',
    'credit_log_club_version',
    'credit_log_club_version_member',
    ['club_id', 'version', 'member_id', 'at'],
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER credit_log_apply`.execute(db);
  await sql`CREATE TRIGGER credit_log_apply AFTER INSERT ON credit_log
    BEGIN UPDATE passes SET balance = balance + NEW.delta, version = NEW.version
      WHERE id = NEW.pass_id; END`.execute(db);
  for (const [table, old, name, columns] of widened) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
    await db.schema.dropIndex(old).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, old, name, columns] of widened) {
    await db.schema.createIndex(old).on(table).columns(columns.slice(0, 2)).execute();
    await db.schema.dropIndex(name).execute();
  }
  await sql`DROP TRIGGER credit_log_apply`.execute(db);
  await sql`CREATE TRIGGER credit_log_apply AFTER INSERT ON credit_log
    BEGIN UPDATE passes SET balance = balance + NEW.delta WHERE id = NEW.pass_id; END`.execute(db);
}
