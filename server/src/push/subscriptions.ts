import type { Db } from '../db/connection.js';
import type { PushSubscriptionRow } from '../db/tables/push.table.js';
import { newId } from '../ids.js';

/** A person keeps at most this many browsers subscribed; the oldest goes first. */
export const maxSubscriptionsPerUser = 10;

export interface SubscriptionKeys {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * Stores a browser's subscription for a person, in the login it was made
 * in (it ends with that login). The endpoint names the browser, so
 * subscribing again (new keys, or someone else logged in on it) moves the
 * one row instead of adding one; beyond the limit the person's oldest
 * subscriptions are dropped.
 */
export async function saveSubscription(
  db: Db,
  login: { userId: string; sessionId: string },
  keys: SubscriptionKeys,
  userAgent: string | null,
  now: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('push_subscriptions')
      .values({
        id: newId(),
        user_id: login.userId,
        login_session_id: login.sessionId,
        endpoint: keys.endpoint,
        p256dh: keys.p256dh,
        auth: keys.auth,
        user_agent: userAgent,
        created_at: now,
        last_ok_at: null,
      })
      .onConflict((oc) =>
        oc.column('endpoint').doUpdateSet({
          user_id: login.userId,
          login_session_id: login.sessionId,
          p256dh: keys.p256dh,
          auth: keys.auth,
          user_agent: userAgent,
          created_at: now,
          last_ok_at: null,
        }),
      )
      .execute();
    const beyond = await trx
      .selectFrom('push_subscriptions')
      .select('id')
      .where('user_id', '=', login.userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(maxSubscriptionsPerUser)
      .limit(1000)
      .execute();
    if (beyond.length > 0) {
      await trx
        .deleteFrom('push_subscriptions')
        .where(
          'id',
          'in',
          beyond.map((r) => r.id),
        )
        .execute();
    }
  });
}

/** Removes a browser's subscription, only if it is the person's. */
export async function removeSubscription(
  db: Db,
  userId: string,
  endpoint: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('push_subscriptions')
    .where('endpoint', '=', endpoint)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function subscriptionsOf(db: Db, userId: string): Promise<PushSubscriptionRow[]> {
  return db
    .selectFrom('push_subscriptions')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** Whether this browser is subscribed for this person (the settings switch shows it). */
export async function isSubscribed(db: Db, userId: string, endpoint: string): Promise<boolean> {
  const row = await db
    .selectFrom('push_subscriptions')
    .select('id')
    .where('endpoint', '=', endpoint)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Drops a subscription the push service says is gone, unless it was renewed meanwhile. */
export async function dropSubscription(db: Db, row: PushSubscriptionRow): Promise<void> {
  await db
    .deleteFrom('push_subscriptions')
    .where('id', '=', row.id)
    .where('p256dh', '=', row.p256dh)
    .execute();
}

export async function markDelivered(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('push_subscriptions').set({ last_ok_at: at }).where('id', '=', id).execute();
}
