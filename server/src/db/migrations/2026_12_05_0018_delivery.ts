import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Notifications reach people outside the app (docs/decisions.md,
 * "Notifications: choices, delivery, reminders").
 *
 * - `notification_choices`: what a person chose per kind of notification
 *   (in-app, email, push); a kind without a row follows the defaults.
 * - `notifications.delivered_at` / `delivery_claimed_until`: the dispatcher
 *   claims undelivered rows with a lease (one UPDATE … RETURNING, so two app
 *   servers never claim the same row; a crashed server's lease runs out and
 *   the row is claimed again). The partial index holds only what is still
 *   to deliver, so a pass costs what is waiting, not the history. Rows that
 *   exist already count as delivered: nobody is mailed about the past.
 * - `notifications.reminder_key`: unique, so the reminder job makes one
 *   reminder per member and session (or pass and expiry date), however many
 *   app servers run it.
 * - Two club settings: how long before a signed-up session a reminder is
 *   made (minutes, 0 = off) and how many days before a pass with credits
 *   left expires (0 = off).
 * - Indexes for the reminder job: scheduled sessions by start, passes with
 *   credits by expiry date (what is due, never the history).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_choices')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`length(kind) BETWEEN 1 AND 40`))
    .addColumn('in_app', 'integer', (c) => c.notNull().check(sql`in_app IN (0, 1)`))
    .addColumn('email', 'integer', (c) => c.notNull().check(sql`email IN (0, 1)`))
    .addColumn('push', 'integer', (c) => c.notNull().check(sql`push IN (0, 1)`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_choices_pk', ['user_id', 'kind'])
    .execute();

  await db.schema.alterTable('notifications').addColumn('delivered_at', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('delivery_claimed_until', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('reminder_key', 'text').execute();
  await sql`UPDATE notifications SET delivered_at = created_at`.execute(db);
  await sql`CREATE INDEX notifications_undelivered ON notifications (created_at)
    WHERE delivered_at IS NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX notifications_reminder_key ON notifications (reminder_key)
    WHERE reminder_key IS NOT NULL`.execute(db);

  await db.schema
    .alterTable('clubs')
    .addColumn('session_reminder_minutes', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(120)
        .check(sql`session_reminder_minutes BETWEEN 0 AND 10080`),
    )
    .execute();
  await db.schema
    .alterTable('clubs')
    .addColumn('pass_expiry_reminder_days', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`pass_expiry_reminder_days BETWEEN 0 AND 60`),
    )
    .execute();

  await sql`CREATE INDEX sessions_scheduled_starts ON sessions (starts_at)
    WHERE status = 'scheduled'`.execute(db);
  await sql`CREATE INDEX passes_with_credits_expiring ON passes (expires_on)
    WHERE active = 1 AND balance > 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('passes_with_credits_expiring').execute();
  await db.schema.dropIndex('sessions_scheduled_starts').execute();
  await db.schema.alterTable('clubs').dropColumn('pass_expiry_reminder_days').execute();
  await db.schema.alterTable('clubs').dropColumn('session_reminder_minutes').execute();
  await db.schema.dropIndex('notifications_reminder_key').execute();
  await db.schema.dropIndex('notifications_undelivered').execute();
  await db.schema.alterTable('notifications').dropColumn('reminder_key').execute();
  await db.schema.alterTable('notifications').dropColumn('delivery_claimed_until').execute();
  await db.schema.alterTable('notifications').dropColumn('delivered_at').execute();
  await db.schema.dropTable('notification_choices').execute();
}
