import type { Db } from '../db/connection.js';
import { inQueueOrder } from './mail.repository.js';

/** A notification row as the dispatcher claimed it. */
export interface ClaimedNotification {
  id: string;
  club_id: string;
  member_id: string;
  kind: string;
  data: string;
  created_at: string;
}

/**
 * Claims up to `batch` undelivered rows whose lease is free or ran out, in
 * one UPDATE … RETURNING: two app servers never get the same row while its
 * lease holds.
 */
export function claimUndelivered(
  db: Db,
  at: string,
  until: string,
  batch: number,
): Promise<ClaimedNotification[]> {
  // Delivered in the order they were made, whatever order RETURNING gives.
  return claimQuery(db, at, until, batch).execute().then(inQueueOrder);
}

/** The claim as a query (its plan is checked in a test). */
export function claimQuery(db: Db, at: string, until: string, batch: number) {
  // `delivered_at IS NULL` as written: it is what lets SQLite use the partial index.
  return db
    .updateTable('notifications')
    .set({ delivery_claimed_until: until })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('notifications')
        .select('id')
        .where('delivered_at', 'is', null)
        .where((w) =>
          w.or([w('delivery_claimed_until', 'is', null), w('delivery_claimed_until', '<=', at)]),
        )
        .orderBy('created_at')
        .limit(batch),
    )
    .where('delivered_at', 'is', null)
    .returning(['id', 'club_id', 'member_id', 'kind', 'data', 'created_at']);
}

export async function markDelivered(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ delivered_at: at, delivery_claimed_until: null })
    .where('id', '=', id)
    .execute();
}

/** What a recipient is read as: the person of a membership (`m`, `u`) and their club (`c`). */
const recipientColumns = [
  'u.id as userId',
  'u.email',
  'u.name',
  'u.locale',
  'm.removed_at as removedAt',
  'c.name as clubName',
  'c.timezone',
  'c.locales',
] as const;

/** The person behind a membership, with their club's name, zone and languages. */
export function findRecipientRow(db: Db, memberId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('clubs as c', 'c.id', 'm.club_id')
    .select(recipientColumns)
    .where('m.id', '=', memberId)
    .executeTakeFirst();
}

/**
 * The guardians of those among `memberIds` who are children (a dependant
 * without a login, docs/decisions.md "Dependants"), in one query for a whole
 * batch: each live tie's guardian as a person (as `findRecipientRow` reads
 * one), whether or not the guardian is still in the club. Linked teens have
 * their own account and are not here.
 */
export async function findGuardiansOfChildren(db: Db, memberIds: readonly string[]) {
  if (memberIds.length === 0) return [];
  return guardiansOfChildrenQuery(db, memberIds).execute();
}

/** The guardians' query (its plan is checked in a test). */
export function guardiansOfChildrenQuery(db: Db, memberIds: readonly string[]) {
  return db
    .selectFrom('dependants as d')
    .innerJoin('memberships as m', 'm.id', 'd.guardian_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('clubs as c', 'c.id', 'm.club_id')
    .select(['d.member_id as childId', ...recipientColumns])
    .where('d.member_id', 'in', memberIds)
    .where('d.kind', '=', 'child')
    .where('d.removed_at', 'is', null);
}

export function findSessionOfClub(db: Db, clubId: string, sessionId: string) {
  return db
    .selectFrom('sessions')
    .select(['title', 'starts_at as startsAt'])
    .where('id', '=', sessionId)
    .where('club_id', '=', clubId)
    .executeTakeFirst();
}

/** A pass's names (JSON of its terms), or a template's (JSON map), of the club. */
export async function findPassTerms(
  db: Db,
  clubId: string,
  passId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('passes')
    .select('terms')
    .where('id', '=', passId)
    .where('club_id', '=', clubId)
    .executeTakeFirst();
  return row?.terms;
}

export async function findTemplateNames(
  db: Db,
  clubId: string,
  templateId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('pass_templates')
    .select('names')
    .where('id', '=', templateId)
    .where('club_id', '=', clubId)
    .executeTakeFirst();
  return row?.names;
}
