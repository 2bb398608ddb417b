import webpush from 'web-push';
import type { Db } from '../db/connection.js';

export interface VapidKeys {
  /** Uncompressed P-256 point, base64url (the browser's `applicationServerKey`). */
  publicKey: string;
  privateKey: string;
}

const cache = new WeakMap<Db, Promise<VapidKeys>>();

/**
 * The server's VAPID keys, read once per database and kept. Migration 0017
 * makes them at first start; should the row be gone (a hand-edited
 * database), a new pair is made here, which only orphans old subscriptions.
 */
export function vapidKeys(db: Db): Promise<VapidKeys> {
  let keys = cache.get(db);
  if (!keys) {
    keys = load(db);
    cache.set(db, keys);
    keys.catch(() => cache.delete(db));
  }
  return keys;
}

async function load(db: Db): Promise<VapidKeys> {
  const row = await db
    .selectFrom('vapid_keys')
    .select(['public_key', 'private_key'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (row) return { publicKey: row.public_key, privateKey: row.private_key };
  const made = webpush.generateVAPIDKeys();
  await db
    .insertInto('vapid_keys')
    .values({
      id: 1,
      public_key: made.publicKey,
      private_key: made.privateKey,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  // Another process may have won the race: the stored pair is the one.
  const stored = await db
    .selectFrom('vapid_keys')
    .select(['public_key', 'private_key'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { publicKey: stored.public_key, privateKey: stored.private_key };
}
