import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * QR check-in (spec §9.1; docs/decisions.md, "QR check-in").
 *
 * - `door_keys`: each club's door key, made the first time the club needs
 *   it. The private half (PKCS#8, base64url) never leaves the server; the
 *   public half (compressed P-256, base64url) reaches devices with the club.
 * - `door_passes`: what the club signed with it: phones' certificates (the
 *   phone's public key, an expiry) and printed cards (no expiry), each with
 *   a random serial that a revocation names. Kept after revocation: the
 *   revoked serials reach devices with the club.
 * - `clubs.door_version`: moved by the database when a club gets its key or
 *   revokes a pass, so a pull compares one number (as with
 *   `members_version`) and sends the club again only when it moved.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('door_keys')
    .addColumn('club_id', 'text', (c) => c.primaryKey().references('clubs.id').onDelete('cascade'))
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('door_passes')
    .addColumn('serial', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('phone', 'card')`))
    .addColumn('device_key', 'text')
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('memberships.id'))
    .addCheckConstraint(
      'door_passes_shape',
      sql`(kind = 'phone' AND device_key IS NOT NULL AND expires_at IS NOT NULL)
        OR (kind = 'card' AND device_key IS NULL AND expires_at IS NULL)`,
    )
    .execute();
  await db.schema
    .createIndex('door_passes_member')
    .on('door_passes')
    .columns(['club_id', 'member_id', 'kind'])
    .execute();
  // The revoked serials a pull sends: few rows, found without walking the issued ones.
  await sql`CREATE INDEX door_passes_revoked ON door_passes (club_id, revoked_at)
    WHERE revoked_at IS NOT NULL`.execute(db);
  // Both members of a pass belong to its club (as every row and its parents, migration 0007).
  for (const event of ['INSERT', 'UPDATE']) {
    await sql
      .raw(
        `CREATE TRIGGER door_passes_in_club_${event.toLowerCase()} BEFORE ${event} ON door_passes
         WHEN (SELECT club_id FROM memberships WHERE id = NEW.member_id) IS NOT NEW.club_id
           OR (SELECT club_id FROM memberships WHERE id = NEW.issued_by) IS NOT NEW.club_id
           OR (NEW.revoked_by IS NOT NULL
             AND (SELECT club_id FROM memberships WHERE id = NEW.revoked_by) IS NOT NEW.club_id)
         BEGIN SELECT RAISE(ABORT, 'a row and its parents belong to one club'); END`,
      )
      .execute(db);
  }

  await db.schema
    .alterTable('clubs')
    .addColumn('door_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`CREATE TRIGGER door_keys_added_moves_door_version AFTER INSERT ON door_keys
    BEGIN UPDATE clubs SET door_version = door_version + 1 WHERE id = NEW.club_id; END`.execute(db);
  await sql`CREATE TRIGGER door_passes_revoked_moves_door_version
    AFTER UPDATE OF revoked_at ON door_passes WHEN NEW.revoked_at IS NOT OLD.revoked_at
    BEGIN UPDATE clubs SET door_version = door_version + 1 WHERE id = NEW.club_id; END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of [
    'door_keys_added_moves_door_version',
    'door_passes_revoked_moves_door_version',
    'door_passes_in_club_insert',
    'door_passes_in_club_update',
  ]) {
    await sql.raw(`DROP TRIGGER ${trigger}`).execute(db);
  }
  await db.schema.alterTable('clubs').dropColumn('door_version').execute();
  await db.schema.dropTable('door_passes').execute();
  await db.schema.dropTable('door_keys').execute();
}
