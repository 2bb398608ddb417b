import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The expiring-pass reminder also looks at memberships by time (which have no
 * credits to run out of): its query asks `balance > 0 OR kind = 'time'`,
 * which the index of 0018 (`balance > 0` only) cannot serve, so it scanned
 * every pass the clubs ever sold. The same index with the query's own
 * condition keeps it to the passes that can still be reminded of.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('passes_with_credits_expiring').execute();
  await sql`CREATE INDEX passes_remindable_expiring ON passes (expires_on)
    WHERE active = 1 AND (balance > 0 OR json_extract(terms, '$.kind') = 'time')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('passes_remindable_expiring').execute();
  await sql`CREATE INDEX passes_with_credits_expiring ON passes (expires_on)
    WHERE active = 1 AND balance > 0`.execute(db);
}
