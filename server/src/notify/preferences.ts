import {
  defaultChoices,
  notificationKinds,
  type Channel,
  type ChannelChoice,
  type NotificationKind,
} from '@turnout/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { storedChoices, upsertChoices } from '../repositories/notification-choices.repository.js';

/** Choices of one person: every kind, the stored ones over the defaults. */
export type Choices = Record<NotificationKind, ChannelChoice>;

const isKind = (kind: string): kind is NotificationKind =>
  (notificationKinds as readonly string[]).includes(kind);

/** What a person chose, every kind present (a kind never chosen follows the defaults). */
export async function choicesOf(db: Kysely<Database>, userId: string): Promise<Choices> {
  const rows = await storedChoices(db, userId);
  const choices = Object.fromEntries(
    notificationKinds.map((kind) => [kind, { ...defaultChoices[kind] }]),
  ) as Choices;
  for (const row of rows) {
    // A kind a later version no longer knows is ignored, not an error.
    if (!isKind(row.kind)) continue;
    choices[row.kind] = { in_app: row.in_app === 1, email: row.email === 1, push: row.push === 1 };
  }
  return choices;
}

/**
 * Sets whole choices for the kinds named, in one transaction (the caller's
 * when given one). Kinds not named keep what they were.
 */
export async function setChoices(
  db: Kysely<Database>,
  userId: string,
  changes: Partial<Record<NotificationKind, ChannelChoice>>,
  at: Date = new Date(),
): Promise<void> {
  const rows = (Object.entries(changes) as [NotificationKind, ChannelChoice][])
    .filter(([kind]) => isKind(kind))
    .map(([kind, choice]) => ({
      user_id: userId,
      kind,
      in_app: choice.in_app ? 1 : 0,
      email: choice.email ? 1 : 0,
      push: choice.push ? 1 : 0,
      updated_at: at.toISOString(),
    }));
  await upsertChoices(db, rows);
}

/**
 * Turns one channel of one kind on or off, keeping the others as they are
 * (the unsubscribe link turns email off this way). Read and write in one
 * transaction so two changes at once do not undo each other.
 */
export async function setChoice(
  db: Kysely<Database>,
  userId: string,
  kind: NotificationKind,
  channel: Channel,
  on: boolean,
  at: Date = new Date(),
): Promise<void> {
  const change = async (tx: Kysely<Database>) => {
    const current = (await choicesOf(tx, userId))[kind];
    await setChoices(tx, userId, { [kind]: { ...current, [channel]: on } }, at);
  };
  if (db.isTransaction) await change(db);
  else await db.transaction().execute(change);
}
