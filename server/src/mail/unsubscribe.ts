import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { notificationKinds, type NotificationKind } from '@turnout/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { mailSecret } from '../repositories/mail.repository.js';

/**
 * Unsubscribe links: `/unsubscribe/<user id>.<kind>.<mac>`, the mac an HMAC
 * of the user id and the kind under a key only this server's database holds
 * (made at first use). A link needs no login — it is in the person's own
 * mailbox — and is good for one person and one kind only; nothing is stored
 * per mail. Changing the key (deleting the row) voids every link sent.
 */
const secretName = 'unsubscribe';
const secrets = new WeakMap<Kysely<Database>, Buffer>();

/** The key of unsubscribe links, made on first use; every app server reads the same row. */
export async function unsubscribeSecret(db: Kysely<Database>): Promise<Buffer> {
  const known = secrets.get(db);
  if (known) return known;
  // Two servers starting at once both offer a key; the first row wins and both read it.
  const stored = await mailSecret(
    db,
    secretName,
    randomBytes(32).toString('base64url'),
    new Date().toISOString(),
  );
  const secret = Buffer.from(stored, 'base64url');
  secrets.set(db, secret);
  return secret;
}

function mac(secret: Buffer, userId: string, kind: string): string {
  return createHmac('sha256', secret).update(`${userId}\n${kind}`).digest('base64url');
}

export function unsubscribeToken(secret: Buffer, userId: string, kind: NotificationKind): string {
  return `${userId}.${kind}.${mac(secret, userId, kind)}`;
}

const tokenPattern = /^([0-9A-Za-z-]{1,64})\.([a-z_]{1,40})\.([0-9A-Za-z_-]{43})$/;

/** Whom and which kind a token names, or undefined for anything forged or malformed. */
export function readUnsubscribeToken(
  secret: Buffer,
  token: string,
): { userId: string; kind: NotificationKind } | undefined {
  const m = tokenPattern.exec(token);
  if (!m) return undefined;
  const [, userId, kind, given] = m as unknown as [string, string, string, string];
  if (!(notificationKinds as readonly string[]).includes(kind)) return undefined;
  const expected = Buffer.from(mac(secret, userId, kind));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  return { userId, kind: kind as NotificationKind };
}

export function unsubscribeLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/unsubscribe/${token}`;
}
