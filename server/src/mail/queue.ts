import { mailKinds, type MailKind } from '@turnout/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { newId } from '../ids.js';

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
  const result = await db
    .insertInto('mail_queue')
    .values({
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
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}
