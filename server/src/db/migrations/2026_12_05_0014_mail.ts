import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The mail queue (docs/decisions.md, "Mail"). A request only inserts a row
 * (inside its own transaction when it has one); the sender loop of any app
 * server claims due rows with a lease (`claimed_until`, `claimed_by`), sends
 * and marks `sent_at`. A failed attempt moves `next_attempt_at` on with
 * backoff; a lease that ran out (the process died mid-send) is claimed again.
 *
 * `dedupe_key` is unique when set: queueing the same key twice queues one
 * mail. `mail_secrets` holds the server's key for unsubscribe links, made at
 * first start and never sent anywhere.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_queue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to', 'text', (c) => c.notNull().check(sql`length("to") BETWEEN 3 AND 320`))
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`length(locale) BETWEEN 2 AND 35`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('club_id', 'text', (c) => c.references('clubs.id').onDelete('cascade'))
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_until', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('failed_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  // The sender's question: which unsent, not given up rows are due.
  await db.schema
    .createIndex('mail_queue_due')
    .on('mail_queue')
    .column('next_attempt_at')
    .where(sql.ref('sent_at'), 'is', null)
    .where(sql.ref('failed_at'), 'is', null)
    .execute();
  await db.schema.createIndex('mail_queue_created').on('mail_queue').column('created_at').execute();

  await db.schema
    .createTable('mail_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_secrets').execute();
  await db.schema.dropTable('mail_queue').execute();
}
