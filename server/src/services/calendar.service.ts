import { createHash } from 'node:crypto';
import type { CalendarFeed, CalendarScope, NewCalendarFeed } from '@turnout/shared';
import { calendarFile, calendarWords, type CalendarSession } from '@turnout/shared/calendar';
import { hashToken, newLoginToken } from '../auth/tokens.js';
import { newId } from '../ids.js';
import {
  clubSessionsInWindow,
  feedVersion,
  findLiveFeed,
  insertFeed,
  listLiveFeeds,
  mySessionsInWindow,
  noteFetched,
  revokeLiveFeed,
  type FeedSessionRow,
  type MySessionRow,
} from '../repositories/calendar.repository.js';
import type { ServiceDeps } from './deps.js';

/**
 * Calendar feeds (docs/decisions.md, "Calendar feeds"): secret addresses
 * that calendar apps poll. The window is a month back (last month's
 * sessions stay in the calendar, and a late cancellation still reaches it)
 * and half a year ahead (a season's schedule); a file's size follows the
 * window, and a club with more sessions than `maxSessions` in it sends the
 * first ones.
 */
export const feedWindow = { daysBack: 30, daysAhead: 180, maxSessions: 2000 } as const;

/** How often a calendar app should fetch again (a hint; most apps choose for themselves). */
const refreshSeconds = 15 * 60;
/** A fetch is noted at most this often, so polling does not write every time. */
const fetchNotedEveryMs = 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

interface Actor {
  userId: string;
  clubId: string;
  memberId: string;
}

export function feedPath(token: string): string {
  return `/calendar/${token}.ics`;
}

export async function listFeeds(deps: ServiceDeps, actor: Actor): Promise<CalendarFeed[]> {
  const rows = await listLiveFeeds(deps.db, actor.memberId);
  return rows.map((row) => ({
    scope: row.scope,
    createdAt: row.created_at,
    lastFetchedAt: row.last_fetched_at,
  }));
}

/** A new address for the scope; the old one, if any, stops in the same transaction. */
export async function renewFeed(
  deps: ServiceDeps,
  actor: Actor,
  scope: CalendarScope,
): Promise<NewCalendarFeed> {
  const token = newLoginToken();
  const createdAt = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await revokeLiveFeed(trx, actor.memberId, scope, createdAt);
    await insertFeed(trx, {
      id: newId(),
      club_id: actor.clubId,
      user_id: actor.userId,
      member_id: actor.memberId,
      scope,
      token_hash: hashToken(token),
      created_at: createdAt,
    });
  });
  return { scope, createdAt, lastFetchedAt: null, path: feedPath(token) };
}

export async function revokeFeed(
  deps: ServiceDeps,
  actor: Actor,
  scope: CalendarScope,
): Promise<{ revoked: boolean }> {
  const revoked = await revokeLiveFeed(deps.db, actor.memberId, scope, deps.clock().toISOString());
  return { revoked };
}

export type FeedAnswer =
  | { kind: 'missing' }
  | { kind: 'unchanged'; etag: string }
  | { kind: 'file'; etag: string; body: string };

/**
 * The file behind a token, or `unchanged` when the caller's ETag is
 * current. The ETag is cheap to compute (a few index lookups): it names the
 * newest change of what the feed shows, the day the window starts, and the
 * club and language, so a poll between changes costs no file.
 */
export async function feedFile(
  deps: ServiceDeps,
  token: string,
  ifNoneMatch: string | undefined,
): Promise<FeedAnswer> {
  const feed = await findLiveFeed(deps.db, hashToken(token));
  if (!feed) return { kind: 'missing' };
  const now = deps.clock();
  if (feed.removedAt !== null) {
    // Removed from the club: the address stops for good, even if they come back.
    await revokeLiveFeed(deps.db, feed.memberId, feed.scope, now.toISOString());
    return { kind: 'missing' };
  }
  const locale = feed.userLocale ?? firstLocale(feed.clubLocales);
  const from = new Date(startOfUtcDay(now) - feedWindow.daysBack * dayMs).toISOString();
  const to = new Date(startOfUtcDay(now) + (feedWindow.daysAhead + 1) * dayMs).toISOString();
  const version = await feedVersion(deps.db, feed.clubId, feed.scope);
  const etag = `"${createHash('sha256')
    .update([feed.feedId, version, feed.clubVersion, locale, from].join('|'))
    .digest('base64url')
    .slice(0, 27)}"`;

  await noteFetched(
    deps.db,
    feed.feedId,
    now.toISOString(),
    new Date(now.getTime() - fetchNotedEveryMs).toISOString(),
  );
  if (ifNoneMatch !== undefined && matches(ifNoneMatch, etag)) return { kind: 'unchanged', etag };

  const words = calendarWords(locale);
  const sessions =
    feed.scope === 'club'
      ? (await clubSessionsInWindow(deps.db, feed.clubId, from, to, feedWindow.maxSessions)).map(
          clubEvent,
        )
      : (
          await mySessionsInWindow(
            deps.db,
            feed.clubId,
            feed.memberId,
            from,
            to,
            feedWindow.maxSessions,
          )
        ).map(myEvent);
  const body = calendarFile({
    name:
      feed.scope === 'club' ? words.clubFeedName(feed.clubName) : words.mineFeedName(feed.clubName),
    locale,
    sessions,
    now,
    refreshSeconds,
  });
  return { kind: 'file', etag, body };
}

function clubEvent(row: FeedSessionRow): CalendarSession {
  return {
    id: row.id,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    location: row.location,
    description: row.description,
    trainingType: row.training_type,
    cancelled: row.status === 'cancelled',
    cancelReason: row.cancel_reason,
    sequence: row.version,
  };
}

function myEvent(row: MySessionRow): CalendarSession {
  const place =
    row.signup_status === 'active'
      ? 'signedUp'
      : row.signup_status === 'waitlisted'
        ? 'waitlisted'
        : 'going';
  return {
    ...clubEvent(row),
    place,
    waitlistPosition: row.waitlist_place,
    // The member's place changes the event too (waiting → signed up).
    sequence: Math.max(row.version, row.signup_version ?? 0, row.intent_version ?? 0),
  };
}

/** `If-None-Match` holds one or more ETags, or `*`. */
function matches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((part) => part.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

function startOfUtcDay(date: Date): number {
  return Math.floor(date.getTime() / dayMs) * dayMs;
}

function firstLocale(json: string): string | null {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : null;
  } catch {
    return null;
  }
}
