import { generateKeyPairSync } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Web push (docs/decisions.md, "Web push").
 *
 * - `vapid_keys`: the server's one VAPID key pair (P-256), made here so a
 *   new server has it from its first start and a restored backup keeps it
 *   (subscriptions are bound to the public half: new keys would orphan them).
 * - `push_subscriptions`: one row per browser that allowed notifications,
 *   belonging to the person logged in when it subscribed. The endpoint is
 *   unique: the same browser subscribing for someone else moves the row.
 *   It lives as long as the login it was made in: logging out, "log out
 *   other devices" and a password change end its notifications too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('vapid_keys')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('push_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('login_session_id', 'text', (c) =>
      c.notNull().references('login_sessions.id').onDelete('cascade'),
    )
    .addColumn('endpoint', 'text', (c) => c.notNull().unique())
    .addColumn('p256dh', 'text', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_ok_at', 'text')
    .addCheckConstraint('push_subscriptions_endpoint_length', sql`length(endpoint) <= 1024`)
    .execute();
  await db.schema
    .createIndex('push_subscriptions_by_user')
    .on('push_subscriptions')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('push_subscriptions_by_login')
    .on('push_subscriptions')
    .column('login_session_id')
    .execute();

  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pub = publicKey.export({ format: 'jwk' });
  const priv = privateKey.export({ format: 'jwk' });
  // The forms web push uses: the uncompressed point and the raw scalar, base64url.
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(pub.x ?? '', 'base64url'),
    Buffer.from(pub.y ?? '', 'base64url'),
  ]);
  await db
    .insertInto('vapid_keys')
    .values({
      id: 1,
      public_key: point.toString('base64url'),
      private_key: priv.d ?? '',
      created_at: new Date().toISOString(),
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('push_subscriptions').execute();
  await db.schema.dropTable('vapid_keys').execute();
}
