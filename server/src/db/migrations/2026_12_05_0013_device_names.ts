import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Devices have names people choose, and refusals say what won
 * (docs/decisions.md, "Conflicts told where they happen").
 *
 * - `devices`: one row per device (`client_id`) that pushed to a club, with
 *   the name it last sent ("Front desk tablet"), who pushed from it last and
 *   when it was first and last seen. The attention list and the audit show a
 *   device by its current name; records keep the label they were made with.
 * - `mutation_log.explanation`: what won a capacity or credit conflict, as
 *   JSON (the refusal's `explanation`), so a retried push gets the same
 *   answer it got the first time.
 * - `attention_resolutions` also takes `reinstated` (`checkin.reinstate`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('devices')
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.references('memberships.id'))
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('devices_pk', ['club_id', 'client_id'])
    .addCheckConstraint('devices_name_length', sql`length(name) BETWEEN 1 AND 60`)
    .execute();
  for (const event of ['INSERT', 'UPDATE OF club_id, member_id']) {
    await sql
      .raw(
        `CREATE TRIGGER devices_member_in_club_${event.startsWith('I') ? 'insert' : 'update'}
         BEFORE ${event} ON devices
         WHEN NEW.member_id IS NOT NULL
           AND (SELECT club_id FROM memberships WHERE id = NEW.member_id) IS NOT NEW.club_id
         BEGIN SELECT RAISE(ABORT, 'a row and its parents belong to one club'); END`,
      )
      .execute(db);
  }
  // The names devices already sent, from the log: the latest label of each.
  await sql`INSERT INTO devices (club_id, client_id, name, member_id, first_seen_at, last_seen_at)
    SELECT m.club_id, m.client_id, substr(m.device_label, 1, 60), m.member_id,
      (SELECT MIN(f.received_at) FROM mutation_log f
        WHERE f.club_id = m.club_id AND f.client_id = m.client_id),
      m.received_at
    FROM mutation_log m
    WHERE m.device_label IS NOT NULL AND m.device_label <> ''
      AND m.received_at = (SELECT MAX(l.received_at) FROM mutation_log l
        WHERE l.club_id = m.club_id AND l.client_id = m.client_id AND l.device_label IS NOT NULL)
    GROUP BY m.club_id, m.client_id`.execute(db);

  await db.schema.alterTable('mutation_log').addColumn('explanation', 'text').execute();

  await allowResolutions(db, ['accepted', 'charged', 'dismissed', 'reinstated']);
}

/**
 * `attention_resolutions.resolution` takes the kinds listed (`reinstated`:
 * a refused check-in an owner recorded after all). SQLite cannot change a
 * CHECK in place, so the table is rebuilt as SQLite's "generalized ALTER
 * TABLE" describes: the triggers and indexes on it, and the triggers of
 * other tables that read it, are kept as they are (their SQL read from the
 * schema) and put back once the new table has its name.
 */
async function allowResolutions(db: Kysely<any>, kinds: readonly string[]): Promise<void> {
  const { rows: kept } = await sql<{ type: string; name: string; sql: string }>`
    SELECT type, name, sql FROM sqlite_master
    WHERE sql IS NOT NULL AND name <> 'attention_resolutions'
      AND (tbl_name = 'attention_resolutions'
        OR (type = 'trigger' AND sql LIKE '%attention_resolutions%'))`.execute(db);
  for (const item of kept) {
    await sql.raw(`DROP ${item.type === 'index' ? 'INDEX' : 'TRIGGER'} ${item.name}`).execute(db);
  }
  const allowed = sql.join(kinds.map((k) => sql.lit(k)));
  await db.schema
    .createTable('attention_resolutions_new')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('mutation_log.id'))
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('resolution', 'text', (c) => c.notNull().check(sql`resolution IN (${allowed})`))
    .addColumn('note', 'text')
    .addColumn('resolved_by', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('resolved_at', 'text', (c) => c.notNull())
    .addColumn('mutation_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO attention_resolutions_new
    (item_id, club_id, resolution, note, resolved_by, resolved_at, mutation_id, version)
    SELECT item_id, club_id, resolution, note, resolved_by, resolved_at, mutation_id, version
    FROM attention_resolutions`.execute(db);
  await db.schema.dropTable('attention_resolutions').execute();
  await sql`ALTER TABLE attention_resolutions_new RENAME TO attention_resolutions`.execute(db);
  for (const item of kept) await sql.raw(item.sql).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM attention_resolutions WHERE resolution = 'reinstated'`.execute(db);
  await allowResolutions(db, ['accepted', 'charged', 'dismissed']);
  await db.schema.alterTable('mutation_log').dropColumn('explanation').execute();
  await db.schema.dropTable('devices').execute();
}
