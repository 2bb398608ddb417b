import type { Db } from '../db/connection.js';
import type { MailRow, NewMail } from '../db/tables/mail.table.js';

/** Inserts a mail unless its dedupe key is taken; true when a row was added. */
export async function insertMail(db: Db, mail: NewMail): Promise<boolean> {
  const result = await db
    .insertInto('mail_queue')
    .values(mail)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/**
 * Claims up to `batch` due rows for `senderId` until `until`, in one
 * statement: two senders never both claim a row whose lease holds. A fresh
 * row (no try yet) is due whatever the clock; a claimed one is due again
 * when its lease runs out (next_attempt_at moves with it). Counts the try.
 */
export function claimDueMail(
  db: Db,
  senderId: string,
  now: string,
  until: string,
  batch: number,
): Promise<MailRow[]> {
  return claimDueMailQuery(db, senderId, now, until, batch).execute().then(inQueueOrder);
}

/**
 * RETURNING gives rows in no set order (PostgreSQL returns a claimed batch in
 * hash order; SQLite happens to keep insertion order): mail goes out in the
 * order it was queued. Not by next_attempt_at, which the claim overwrites.
 */
export function inQueueOrder<Row extends { created_at: string; id: string }>(rows: Row[]): Row[] {
  return rows.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

/** The claim's statement (its query plan is tested: it must read only waiting mail). */
export function claimDueMailQuery(
  db: Db,
  senderId: string,
  now: string,
  until: string,
  batch: number,
) {
  return db
    .updateTable('mail_queue')
    .set((eb) => ({
      claimed_by: senderId,
      claimed_until: until,
      next_attempt_at: until,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_queue')
        .select('id')
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .where((w) => w.or([w('attempts', '=', 0), w('next_attempt_at', '<=', now)]))
        .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', now)]))
        .orderBy('next_attempt_at')
        .limit(batch),
    )
    .returningAll();
}

export type MailOutcome = Partial<
  Pick<MailRow, 'sent_at' | 'failed_at' | 'last_error' | 'next_attempt_at'>
>;

/** Records a try's outcome and ends the claim, only while `senderId` still holds it. */
export async function finishMail(
  db: Db,
  id: string,
  senderId: string,
  outcome: MailOutcome,
): Promise<void> {
  await db
    .updateTable('mail_queue')
    .set({ ...outcome, claimed_until: null, claimed_by: null })
    .where('id', '=', id)
    .where('claimed_by', '=', senderId)
    .execute();
}

/** Gives up unsent, unclaimed mail queued before `before`; returns how many. */
export async function giveUpOldMail(
  db: Db,
  before: string,
  now: string,
  reason: string,
): Promise<number> {
  const result = await db
    .updateTable('mail_queue')
    .set({ failed_at: now, last_error: reason })
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('created_at', '<', before)
    .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes sent and given-up mail queued before `before`; returns how many. */
export async function deleteFinishedMail(db: Db, before: string): Promise<number> {
  const result = await db
    .deleteFrom('mail_queue')
    .where('created_at', '<', before)
    .where((w) => w.or([w('sent_at', 'is not', null), w('failed_at', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The named secret, made from `fresh` if there is none yet (the first writer wins). */
export async function mailSecret(
  db: Db,
  name: string,
  fresh: string,
  now: string,
): Promise<string> {
  await db
    .insertInto('mail_secrets')
    .values({ name, secret: fresh, created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('mail_secrets')
    .select('secret')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.secret;
}

/** What an invitation mail says about its club and who sent it. */
export async function invitationSenders(db: Db, clubId: string, inviterUserId: string) {
  const club = await db
    .selectFrom('clubs')
    .select(['name', 'timezone'])
    .where('id', '=', clubId)
    .executeTakeFirstOrThrow();
  const inviter = await db
    .selectFrom('users')
    .select(['name', 'locale'])
    .where('id', '=', inviterUserId)
    .executeTakeFirst();
  return { club, inviter };
}
