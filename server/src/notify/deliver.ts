import { notificationKinds, type MailKind, type NotificationKind } from '@turnout/shared';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import type { Logger } from '../logger.js';
import { mailConfigured, queueMail } from '../mail/queue.js';
import type { PushMessage, PushResult } from '../push/send.js';
import { choicesOf } from './preferences.js';
import {
  claimUndelivered,
  markDelivered,
  type ClaimedNotification,
} from '../repositories/notification-delivery.repository.js';
import { guardiansOfChildren, messageData, recipientOf, type Recipient } from './recipient.js';

/** The words of a message: a title (subject) and one sentence (push body). */
export type RenderMessage = (
  kind: MailKind,
  locale: string,
  data: Record<string, string | number | null>,
  links: { action?: string; unsubscribe?: string },
) => { subject: string; summary: string };

export type PushToUser = (db: Db, userId: string, message: PushMessage) => Promise<PushResult>;

export interface DeliveryDeps {
  db: Db;
  config: Pick<Config, 'smtpUrl' | 'mailFrom'>;
  logger: Logger;
  clock: () => Date;
  /** Where people reach the server: links in mail start here. */
  baseUrl: string;
  render: RenderMessage;
  push: PushToUser;
}

export interface DeliveryOptions {
  /** Rows one pass claims: a pass costs at most this much, however long the backlog. */
  batch?: number;
  /** How long a claim holds; after it runs out (a crash), another pass claims the row again. */
  leaseMs?: number;
  /**
   * Rows made longer ago than this are closed untold (a server down for a
   * week does not mail old news). More than the 7 days a device's time is
   * believed for: a change made offline and synced days later is still told.
   */
  maxAgeMs?: number;
}

const defaults = {
  batch: 50,
  leaseMs: 5 * 60_000,
  maxAgeMs: 8 * 24 * 3_600_000,
};

const isKind = (kind: string): kind is NotificationKind =>
  (notificationKinds as readonly string[]).includes(kind);

/**
 * Claims undelivered notifications (one UPDATE … RETURNING: two app servers
 * never claim the same row while a lease holds) and hands each on to mail and
 * push as its person chose. Returns how many rows it finished.
 *
 * After a crash the lease runs out and the row is claimed again: its mail is
 * queued with the notification's id as the dedupe key, so it is queued once;
 * a push may go out twice, and its tag (the notification id) makes the
 * device show it once.
 */
export async function deliverDue(
  deps: DeliveryDeps,
  options: DeliveryOptions = {},
): Promise<number> {
  const { batch, leaseMs, maxAgeMs } = { ...defaults, ...options };
  const now = deps.clock();
  const claimed = await claimUndelivered(
    deps.db,
    now.toISOString(),
    new Date(now.getTime() + leaseMs).toISOString(),
    batch,
  );
  if (claimed.length === 0) return 0;
  // Children's guardians for the whole batch at once, not a query per row.
  const guardians = await guardiansOfChildren(
    deps.db,
    claimed.map((n) => n.member_id),
  );
  let done = 0;
  for (const n of claimed) {
    try {
      if (isKind(n.kind) && !stale(n, now.getTime(), maxAgeMs)) {
        await deliverOne(deps, n, n.kind, guardians.get(n.member_id));
      }
      await markDelivered(deps.db, n.id, deps.clock().toISOString());
      done++;
    } catch (err) {
      // Left claimed: when the lease runs out, a later pass tries again.
      deps.logger.error({ err, notificationId: n.id }, 'could not deliver a notification');
    }
  }
  return done;
}

/** Too late to tell: made too long ago, or about a session that has started. */
function stale(n: ClaimedNotification, now: number, maxAgeMs: number): boolean {
  if (now - Date.parse(n.created_at) > maxAgeMs) return true;
  const { startsAt } = JSON.parse(n.data) as { startsAt?: unknown };
  return typeof startsAt === 'string' && Date.parse(startsAt) <= now;
}

/**
 * Tells the member, or — for a child, who has no login — each of their
 * guardians still in the club, naming the child (`guardians` is undefined
 * for anyone who is not a child).
 */
async function deliverOne(
  deps: DeliveryDeps,
  n: ClaimedNotification,
  kind: NotificationKind,
  guardians: readonly Recipient[] | undefined,
): Promise<void> {
  const who = await recipientOf(deps.db, n.member_id);
  // A removed member is told nothing more (their rows stay for the record).
  if (!who || who.removed) return;
  if (!guardians) {
    await tell(deps, n, kind, who, null);
    return;
  }
  for (const guardian of guardians) await tell(deps, n, kind, guardian, who.name);
}

/** Mail and push to one person as they chose; `child` names whom it is about, if not them. */
async function tell(
  deps: DeliveryDeps,
  n: ClaimedNotification,
  kind: NotificationKind,
  who: Recipient,
  child: string | null,
): Promise<void> {
  const choice = (await choicesOf(deps.db, who.userId))[kind];
  const wantsMail = choice.email && who.mailable && mailConfigured(deps.config);
  if (!wantsMail && !choice.push) return;

  const { data, path } = await messageData(deps.db, n, kind, who, deps.baseUrl);
  if (child !== null) data.dependantName = child;
  if (wantsMail) {
    await queueMail(
      deps.db,
      {
        to: who.email,
        locale: who.locale,
        kind,
        data,
        userId: who.userId,
        clubId: n.club_id,
        // A child's notification is queued once per guardian.
        dedupeKey: child === null ? `notification:${n.id}` : `notification:${n.id}:${who.userId}`,
      },
      deps.clock(),
    );
  }
  if (choice.push) {
    const words = deps.render(kind, who.locale, data, { action: String(data.link) });
    const result = await deps.push(deps.db, who.userId, {
      title: words.subject,
      body: words.summary,
      url: path,
      tag: n.id,
    });
    if (result.failed > 0) {
      // Push is best effort: the notification is in the app and, if chosen, in the mail.
      deps.logger.warn({ notificationId: n.id, ...result }, 'a push was not accepted');
    }
  }
}
