import type { CalendarScope } from '@turnout/shared';
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';
import type { CalendarFeedRow } from '../db/tables/calendar-feeds.table.js';

/**
 * Calendar feeds and what they show. A feed's cost follows its window, not
 * the club's history: sessions are read by (club, start) and a member's
 * places by (member, session) and (session, member); the feed's version is
 * read from the by-version indexes (docs/decisions.md, "Calendar feeds").
 */

export async function listLiveFeeds(db: Db, memberId: string): Promise<CalendarFeedRow[]> {
  return db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .orderBy('scope')
    .execute();
}

/** Revokes the member's live feed of a scope, if any; true when there was one. */
export async function revokeLiveFeed(
  db: Db,
  memberId: string,
  scope: CalendarScope,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('calendar_feeds')
    .set({ revoked_at: at })
    .where('member_id', '=', memberId)
    .where('scope', '=', scope)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertFeed(
  db: Db,
  feed: Pick<
    CalendarFeedRow,
    'id' | 'club_id' | 'user_id' | 'member_id' | 'scope' | 'token_hash' | 'created_at'
  >,
): Promise<void> {
  await db
    .insertInto('calendar_feeds')
    .values({ ...feed, revoked_at: null, last_fetched_at: null })
    .execute();
}

/** A live feed by its token's hash, with what its file needs to know of club and person. */
export function findLiveFeed(db: Db, tokenHash: string) {
  return db
    .selectFrom('calendar_feeds')
    .innerJoin('memberships', 'memberships.id', 'calendar_feeds.member_id')
    .innerJoin('clubs', 'clubs.id', 'calendar_feeds.club_id')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select([
      'calendar_feeds.id as feedId',
      'calendar_feeds.club_id as clubId',
      'calendar_feeds.member_id as memberId',
      'calendar_feeds.scope as scope',
      'calendar_feeds.last_fetched_at as lastFetchedAt',
      'memberships.removed_at as removedAt',
      'clubs.name as clubName',
      'clubs.locales as clubLocales',
      'clubs.version as clubVersion',
      'users.locale as userLocale',
    ])
    .where('calendar_feeds.token_hash', '=', tokenHash)
    .where('calendar_feeds.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Notes a fetch, at most once per `coarseness` (a poll every few minutes need not write each time). */
export async function noteFetched(db: Db, feedId: string, at: string, before: string) {
  await db
    .updateTable('calendar_feeds')
    .set({ last_fetched_at: at })
    .where('id', '=', feedId)
    .where((eb) => eb.or([eb('last_fetched_at', 'is', null), eb('last_fetched_at', '<', before)]))
    .execute();
}

/** The newest change version of a club's rows that a feed of `scope` shows. */
export async function feedVersion(db: Db, clubId: string, scope: CalendarScope): Promise<number> {
  const { rows } = await feedVersionQuery(clubId, scope).execute(db);
  return rows[0]?.version ?? 0;
}

/** One MAX per table, each read from the end of a (club_id, version…) index. */
export function feedVersionQuery(clubId: string, scope: CalendarScope) {
  const newest = (table: 'sessions' | 'training_types' | 'tombstones' | 'signups' | 'intents') =>
    sql<number>`(SELECT MAX(version) FROM ${sql.table(table)} WHERE club_id = ${clubId})`;
  const parts = [newest('sessions'), newest('training_types'), newest('tombstones')];
  if (scope === 'mine') parts.push(newest('signups'), newest('intents'));
  return sql<{ version: number | null }>`SELECT MAX(${sql.join(
    parts.map((part) => sql`COALESCE(${part}, 0)`),
  )}) AS version`;
}

export interface FeedSessionRow {
  id: string;
  title: string;
  description: string | null;
  location: string | null;
  starts_at: string;
  ends_at: string;
  status: 'scheduled' | 'cancelled';
  cancel_reason: string | null;
  version: number;
  training_type: string | null;
}

export interface MySessionRow extends FeedSessionRow {
  signup_status: 'active' | 'waitlisted' | null;
  signup_version: number | null;
  /** 1 for the first waiter; null unless waitlisted. */
  waitlist_place: number | null;
  going: number | null;
  intent_version: number | null;
}

/** The club's sessions starting in [from, to), by start. */
export function clubSessionsInWindow(
  db: Db,
  clubId: string,
  from: string,
  to: string,
  limit: number,
): Promise<FeedSessionRow[]> {
  return clubSessionsQuery(db, clubId, from, to, limit).execute();
}

/** The query behind clubSessionsInWindow (apart, so a test can read its plan). */
export function clubSessionsQuery(db: Db, clubId: string, from: string, to: string, limit: number) {
  return db
    .selectFrom('sessions')
    .leftJoin('training_types', 'training_types.id', 'sessions.training_type_id')
    .select([
      'sessions.id',
      'sessions.title',
      'sessions.description',
      'sessions.location',
      'sessions.starts_at',
      'sessions.ends_at',
      'sessions.status',
      'sessions.cancel_reason',
      'sessions.version',
      'training_types.name as training_type',
    ])
    .where('sessions.club_id', '=', clubId)
    .where('sessions.starts_at', '>=', from)
    .where('sessions.starts_at', '<', to)
    .orderBy('sessions.starts_at')
    .orderBy('sessions.id')
    .limit(limit);
}

/**
 * The member's sessions starting in [from, to): signed up, waitlisted or
 * marked going. Read from the club's sessions in the window, each looked
 * up in the member's sign-ups and intents by index.
 */
export async function mySessionsInWindow(
  db: Db,
  clubId: string,
  memberId: string,
  from: string,
  to: string,
  limit: number,
): Promise<MySessionRow[]> {
  const { rows } = await mySessionsQuery(clubId, memberId, from, to, limit).execute(db);
  return rows;
}

/** The query behind mySessionsInWindow (apart, so a test can read its plan). */
export function mySessionsQuery(
  clubId: string,
  memberId: string,
  from: string,
  to: string,
  limit: number,
) {
  return sql<MySessionRow>`
    SELECT s.id, s.title, s.description, s.location, s.starts_at, s.ends_at, s.status,
      s.cancel_reason, s.version, t.name AS training_type,
      su.status AS signup_status, su.version AS signup_version,
      CASE WHEN su.status = 'waitlisted' THEN 1 + (
        SELECT COUNT(*) FROM signups w
        WHERE w.session_id = s.id AND w.status = 'waitlisted' AND w.position < su.position
      ) END AS waitlist_place,
      i.going AS going, i.version AS intent_version
    FROM sessions s
    LEFT JOIN training_types t ON t.id = s.training_type_id
    LEFT JOIN signups su ON su.member_id = ${memberId} AND su.session_id = s.id
      AND su.status IN ('active', 'waitlisted')
    LEFT JOIN intents i ON i.session_id = s.id AND i.member_id = ${memberId} AND i.going = 1
    WHERE s.club_id = ${clubId} AND s.starts_at >= ${from} AND s.starts_at < ${to}
      AND (su.id IS NOT NULL OR i.member_id IS NOT NULL)
    ORDER BY s.starts_at, s.id
    LIMIT ${limit}`;
}
