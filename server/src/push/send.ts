import type https from 'node:https';
import webpush, { WebPushError } from 'web-push';
import type { Db } from '../db/connection.js';
import type { PushSubscriptionRow } from '../db/tables/push.table.js';
import { endpointProblem, publicOnlyAgent } from './endpoint.js';
import { vapidKeys } from './keys.js';
import { dropSubscription, markDelivered, subscriptionsOf } from './subscriptions.js';

/** What a notification on a phone or desktop shows; `url` is a path in the app the click opens. */
export interface PushMessage {
  title: string;
  body: string;
  url: string;
  /** Same tag replaces an earlier notification instead of stacking. */
  tag?: string;
}

export interface PushResult {
  /** Accepted by the push service. */
  sent: number;
  /** Gone (404/410, or an endpoint no longer allowed): deleted. */
  dropped: number;
  /** Not delivered this time (push service down, refused, timed out); kept. */
  failed: number;
}

export interface PushSettings {
  /** Who runs this server, for the push services (VAPID `sub`): mailto: or https: URL. */
  subject: string;
  /** How push requests go out; the default calls public addresses only. */
  agent: https.Agent;
  /** How long a push service keeps a message for an offline device. */
  ttlSeconds: number;
}

/** MAIL_FROM's address as mailto:, else PUBLIC_URL when https, else a placeholder push services accept. */
export function subjectFrom(env: NodeJS.ProcessEnv): string {
  const from = env.MAIL_FROM?.trim();
  const address = from ? (/<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? from) : undefined;
  if (address && /^[^\s@<>]+@[^\s@<>]+$/.test(address)) return `mailto:${address}`;
  const url = env.PUBLIC_URL?.trim();
  if (url?.startsWith('https://')) return url.replace(/\/+$/, '');
  return 'mailto:turnout@localhost';
}

let settings: PushSettings | undefined;

function currentSettings(): PushSettings {
  settings ??= {
    subject: subjectFrom(process.env),
    agent: publicOnlyAgent(),
    ttlSeconds: 12 * 3600,
  };
  return settings;
}

/** Changes how pushes go out (tests: their own push service's certificate and address). */
export function configurePush(changes: Partial<PushSettings>): void {
  settings = { ...currentSettings(), ...changes };
}

// A push service takes about 4 KB of payload; these keep well under it.
const maxTitle = 120;
const maxBody = 1000;

function payloadOf(message: PushMessage): string {
  if (!message.url.startsWith('/') || message.url.startsWith('//') || message.url.length > 500) {
    throw new TypeError(`push url must be a path inside the app, not ${message.url.slice(0, 80)}`);
  }
  return JSON.stringify({
    title: clip(message.title, maxTitle),
    body: clip(message.body, maxBody),
    url: message.url,
    ...(message.tag ? { tag: clip(message.tag, 64) } : {}),
  });
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Sends to every subscription of the person; drops subscriptions the push service says are gone (404/410). */
export async function pushToUser(
  db: Db,
  userId: string,
  message: PushMessage,
): Promise<PushResult> {
  const payload = payloadOf(message);
  const subscriptions = await subscriptionsOf(db, userId);
  const result: PushResult = { sent: 0, dropped: 0, failed: 0 };
  if (subscriptions.length === 0) return result;
  const keys = await vapidKeys(db);
  const { subject, agent, ttlSeconds } = currentSettings();
  await Promise.all(
    subscriptions.map(async (row) => {
      const outcome = await deliver(row, payload, {
        vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
        contentEncoding: 'aes128gcm',
        TTL: ttlSeconds,
        agent,
        timeout: 10_000,
      });
      if (outcome === 'sent') await markDelivered(db, row.id, new Date().toISOString());
      if (outcome === 'gone') await dropSubscription(db, row);
      result[outcome === 'gone' ? 'dropped' : outcome] += 1;
    }),
  );
  return result;
}

async function deliver(
  row: PushSubscriptionRow,
  payload: string,
  options: webpush.RequestOptions,
): Promise<'sent' | 'gone' | 'failed'> {
  // Stored endpoints were checked when subscribing; checked again in case the rules tightened.
  if (endpointProblem(row.endpoint)) return 'gone';
  try {
    await webpush.sendNotification(
      { endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } },
      payload,
      options,
    );
    return 'sent';
  } catch (err) {
    if (err instanceof WebPushError && (err.statusCode === 404 || err.statusCode === 410)) {
      return 'gone';
    }
    return 'failed';
  }
}
