import type { Insertable, Selectable } from 'kysely';

/** The server's VAPID key pair (migration 0017): one row, never sent anywhere but the public half. */
export interface VapidKeysTable {
  id: number;
  /** Uncompressed P-256 point, base64url: what browsers subscribe with. */
  public_key: string;
  /** The private scalar, base64url. */
  private_key: string;
  created_at: string;
}

/** A browser that allowed notifications, for the person logged in when it subscribed. */
export interface PushSubscriptionsTable {
  id: string;
  user_id: string;
  /** The login it was made in; ending that login deletes it. */
  login_session_id: string;
  /** The push service's URL for this browser; unique, https only. */
  endpoint: string;
  /** The browser's P-256 public key (uncompressed, base64url). */
  p256dh: string;
  /** The browser's 16-byte auth secret, base64url. */
  auth: string;
  user_agent: string | null;
  created_at: string;
  /** When the push service last accepted a message for it. */
  last_ok_at: string | null;
}

export type VapidKeysRow = Selectable<VapidKeysTable>;
export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;
export type NewPushSubscription = Insertable<PushSubscriptionsTable>;
