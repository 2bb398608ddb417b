import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Calendar feeds (docs/decisions.md, "Calendar feeds"): a person's secret
 * addresses of the club's schedule (`club`) and of their own sessions
 * (`mine`). Only the token's hash is kept; the address holds the token.
 * At most one live feed per member and scope: making a new address revokes
 * the old one in the same transaction, and the partial unique index makes
 * a second live one impossible.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope IN ('club', 'mine')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_fetched_at', 'text')
    .execute();
  await db.schema
    .createIndex('calendar_feeds_live')
    .on('calendar_feeds')
    .columns(['member_id', 'scope'])
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
  // A feed and its member belong to one club and one person, whatever a caller sends.
  await sql`CREATE TRIGGER calendar_feeds_member_in_club BEFORE INSERT ON calendar_feeds
    WHEN (SELECT club_id || ' ' || user_id FROM memberships WHERE id = NEW.member_id)
      IS NOT NEW.club_id || ' ' || NEW.user_id
    BEGIN SELECT RAISE(ABORT, 'a calendar feed belongs to its member''s club and person'); END`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_feeds').execute();
}
