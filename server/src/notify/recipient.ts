import type { NotificationKind } from '@turnout/shared';
import type { Db } from '../db/connection.js';
import {
  findGuardiansOfChildren,
  findPassTerms,
  findRecipientRow,
  findSessionOfClub,
  findTemplateNames,
  type ClaimedNotification,
} from '../repositories/notification-delivery.repository.js';

/** Whom a notification is for, and what their mail and push are worded with. */
export interface Recipient {
  userId: string;
  email: string;
  name: string;
  /** The person's language, else the club's main language. */
  locale: string;
  clubName: string;
  timezone: string;
  /** The member was removed from the club: they are told nothing more. */
  removed: boolean;
  /** False for placeholder accounts (walk-in guests) whose address no mail reaches. */
  mailable: boolean;
}

export async function recipientOf(db: Db, memberId: string): Promise<Recipient | undefined> {
  const row = await findRecipientRow(db, memberId);
  return row ? recipientFromRow(row) : undefined;
}

interface RecipientRow {
  userId: string;
  email: string;
  name: string;
  locale: string | null;
  removedAt: string | null;
  clubName: string;
  timezone: string;
  locales: string;
}

function recipientFromRow(row: RecipientRow): Recipient {
  const clubLocales = JSON.parse(row.locales) as string[];
  return {
    userId: row.userId,
    email: row.email,
    name: row.name,
    locale: row.locale ?? clubLocales[0] ?? 'en',
    clubName: row.clubName,
    timezone: row.timezone,
    removed: row.removedAt !== null,
    // `.invalid` is reserved (RFC 2606): guests' placeholder addresses live there.
    mailable: !/\.invalid$/i.test(row.email),
  };
}

/**
 * Who is told instead of a child (a dependant without a login): for each of
 * `memberIds` who is a child, their guardians still in the club, each once
 * (an empty list when none is). Members not in the map are told themselves
 * (adults, guests, linked teens with their own account). One query for the
 * whole batch, however many notifications it holds.
 */
export async function guardiansOfChildren(
  db: Db,
  memberIds: readonly string[],
): Promise<Map<string, Recipient[]>> {
  const rows = await findGuardiansOfChildren(db, [...new Set(memberIds)]);
  const out = new Map<string, Recipient[]>();
  for (const row of rows) {
    const guardians = out.get(row.childId) ?? [];
    out.set(row.childId, guardians);
    // A guardian removed from the club is told nothing about the child any more.
    if (row.removedAt !== null || guardians.some((g) => g.userId === row.userId)) continue;
    guardians.push(recipientFromRow(row));
  }
  return out;
}

type Data = Record<string, string | number | null>;

/** Where in the app a notification leads: its session, the passes, or the list. */
export function pathOf(kind: NotificationKind, data: Data): string {
  const sessionId = typeof data.sessionId === 'string' ? data.sessionId : null;
  if (sessionId) return `/sessions/${encodeURIComponent(sessionId)}`;
  if (kind === 'pass_granted' || kind === 'pass_expiring' || kind === 'pass_request_rejected') {
    return '/passes';
  }
  return '/notifications';
}

/**
 * What a mail and a push about `n` are worded with: the notification's own
 * data and the names around it (the person, the club, the session's title
 * and start as stored with the notification, the pass in the person's
 * language), plus the link into the app.
 */
export async function messageData(
  db: Db,
  n: ClaimedNotification,
  kind: NotificationKind,
  who: Recipient,
  baseUrl: string,
): Promise<{ data: Data; path: string }> {
  const own = parseData(n.data);
  const path = pathOf(kind, own);
  const data: Data = {
    ...own,
    name: who.name,
    clubName: who.clubName,
    timezone: who.timezone,
    link: new URL(path, baseUrl).toString(),
  };
  if (typeof own.sessionId === 'string' && (own.sessionTitle == null || own.startsAt == null)) {
    const session = await findSessionOfClub(db, n.club_id, own.sessionId);
    data.sessionTitle = own.sessionTitle ?? session?.title ?? null;
    data.startsAt = own.startsAt ?? session?.startsAt ?? null;
  }
  const passName = await passNameOf(db, n.club_id, own, who.locale);
  if (passName) data.passName = passName;
  return { data, path };
}

async function passNameOf(
  db: Db,
  clubId: string,
  data: Data,
  locale: string,
): Promise<string | null> {
  let names: Record<string, string> | undefined;
  if (typeof data.passId === 'string') {
    const terms = await findPassTerms(db, clubId, data.passId);
    if (terms) names = (JSON.parse(terms) as { names?: Record<string, string> }).names;
  }
  if (!names && typeof data.templateId === 'string') {
    const json = await findTemplateNames(db, clubId, data.templateId);
    if (json) names = JSON.parse(json) as Record<string, string>;
  }
  if (!names) return null;
  return names[locale] || Object.values(names).find(Boolean) || null;
}

function parseData(json: string): Data {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const out: Data = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === 'string' || typeof v === 'number' || v === null) out[k] = v;
    }
    return out;
  } catch {
    return {};
  }
}
