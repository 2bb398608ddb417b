import { EventEmitter } from 'node:events';
import { mailKinds, type MailKind } from '@turnout/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { newId } from '../ids.js';
import { deleteFinishedMail, giveUpOldMail, insertMail } from '../repositories/mail.repository.js';

/** One mail for the queue: what to send to whom; the words are made when it is sent. */
export interface MailToQueue {
  /** The address. */
  to: string;
  /** 'en' | 'de' | …; a language without messages gets English. */
  locale: string;
  kind: MailKind;
  /** The values its message needs (names, links, titles, ISO instants, the club's time zone…). */
  data: Record<string, string | number | null>;
  /** The person it is for (unsubscribe links, audit). */
  userId?: string | null;
  clubId?: string | null;
  /** Unique: queueing the same key twice queues one mail. */
  dedupeKey?: string | null;
}

/** Told when this process queued a mail, so its sender can look soon (see sender.ts). */
export const mailQueued = new EventEmitter();
// One listener per sender; a test process may run many servers.
mailQueued.setMaxListeners(0);

/** The most a mail's data may hold: it is values for a message, not content. */
const maxDataChars = 16_000;

const mailToQueue = z.object({
  to: z.email().max(320),
  locale: z.string().trim().min(2).max(35),
  kind: z.enum(mailKinds as readonly [MailKind, ...MailKind[]]),
  data: z.record(z.string().max(100), z.union([z.string().max(4000), z.number(), z.null()])),
  userId: z.string().max(100).nullish(),
  clubId: z.string().max(100).nullish(),
  dedupeKey: z.string().min(1).max(300).nullish(),
});

/**
 * Whether this server can send mail. Without it, flows that need a mail
 * (a password reset by email) offer what works instead (a link staff hand
 * over); what is queued anyway waits, and is given up when too old.
 */
export function mailConfigured(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): boolean {
  return config.smtpUrl !== undefined && config.mailFrom !== undefined;
}

/**
 * Puts a mail in the queue. Only an insert — pass the caller's transaction
 * to queue it with the change it is about — so a request never waits for,
 * or fails on, the mail server. Returns false when the dedupe key was
 * already queued (nothing new is queued then).
 *
 * Throws on input no caller should make (an unknown kind, an address that
 * is not one, data too big): those are bugs, not mail trouble.
 */
export async function queueMail(
  db: Kysely<Database>,
  mail: MailToQueue,
  /** The caller's clock (deps.clock()), so a test's moved clock and the queue agree. */
  at: Date = new Date(),
): Promise<boolean> {
  const m = mailToQueue.parse(mail);
  const data = JSON.stringify(m.data);
  if (data.length > maxDataChars) throw new Error(`mail data over ${maxDataChars} characters`);
  const now = at.toISOString();
  const queued = await insertMail(db, {
    id: newId(),
    to: m.to,
    locale: m.locale,
    kind: m.kind,
    data,
    user_id: m.userId ?? null,
    club_id: m.clubId ?? null,
    dedupe_key: m.dedupeKey ?? null,
    created_at: now,
    next_attempt_at: now,
    claimed_until: null,
    claimed_by: null,
    sent_at: null,
    failed_at: null,
    last_error: null,
  });
  if (queued) mailQueued.emit('queued');
  return queued;
}

/** Sent and given-up mail is kept this long (for the owner's logs), then deleted. */
export const mailRetentionDays = 30;
/** Mail not sent after this long is given up: a reminder or a reset link days late helps nobody. */
export const mailMaxAgeDays = 3;

/**
 * The queue's upkeep, run by the app's hourly sweep: gives up mail that
 * waited too long (the server was down or mail not configured for days)
 * and deletes what is older than the retention. Returns what it did.
 */
export async function sweepMailQueue(
  db: Kysely<Database>,
  now: Date,
): Promise<{ givenUp: number; deleted: number }> {
  const day = 86_400_000;
  const tooOld = new Date(now.getTime() - mailMaxAgeDays * day).toISOString();
  const expired = new Date(now.getTime() - mailRetentionDays * day).toISOString();
  const givenUp = await giveUpOldMail(
    db,
    tooOld,
    now.toISOString(),
    `not sent within ${mailMaxAgeDays} days`,
  );
  const deleted = await deleteFinishedMail(db, expired);
  return { givenUp, deleted };
}
