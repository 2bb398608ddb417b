import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Passwords and profile (docs/decisions.md, "Passwords and profile").
 *
 * - `users.locale`: the language a person chose for the app and for mail;
 *   null follows the device (and, for mail, the language of the request).
 * - `account_tokens`: one-time links about an account — a password reset
 *   (mailed, or made by an owner or host to hand over) and the confirmation
 *   of a new email address. Only a hash of the token is stored; a token is
 *   used once, expires, and a newer one of the same purpose supersedes it
 *   (the older one is marked used when the newer one is made).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('locale', 'text', (c) =>
      c.check(sql`locale IS NULL OR length(locale) BETWEEN 2 AND 35`),
    )
    .execute();

  await db.schema
    .createTable('account_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose IN ('reset', 'email_change')`),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('new_email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('made_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint(
      'account_tokens_new_email',
      sql`(purpose = 'email_change') = (new_email IS NOT NULL)`,
    )
    .execute();
  await db.schema
    .createIndex('account_tokens_user')
    .on('account_tokens')
    .columns(['user_id', 'purpose'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_tokens').execute();
  await db.schema.alterTable('users').dropColumn('locale').execute();
}
