import { attentionExemptMutations, attentionFlags, routineRefusals } from '@turnout/shared';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connection.js';

/**
 * The needs-attention list, read in entries (docs/decisions.md,
 * "Needs-attention groups"):
 * - a **flagged** item: one applied attempt with `over_capacity`/`unpaid`;
 * - a **group**: the refusals of one device, mutation and code since the
 *   group was last dismissed (its latest refusal stands for it);
 * - a **dismissed** group: the refusals one dismissal closed.
 *
 * The shared rule `attentionKind` decides what an item is; the SQL mirrors
 * it (the refused part through the group keys, minus routine codes and
 * exempt mutations). Every part is read through an index: groups are walked
 * by key (`attention_groups`, which also counts each key's refusals), a
 * group's latest refusal is one index seek and its size a subtraction, so a
 * device that pushed 45,000 refusals costs one entry, not a scan of its
 * refusals; flagged items have an index of their own.
 */

interface AttentionFilter {
  status: 'open' | 'resolved' | 'all';
  kind: 'flagged' | 'refused' | undefined;
}

export type AttentionEntryKind = 'flagged' | 'group' | 'dismissed';

export interface AttentionEntryRef {
  entry: AttentionEntryKind;
  /** The flagged item, or the group's latest refusal (for a dismissed group: the latest it covered). */
  itemId: string;
  /** When that item reached the server: the list's order, newest first. */
  at: string;
  /** For an open group: its refusals are those received after this (null = all of them). */
  cut: string | null;
  /** For a dismissed group: the dismissal. */
  dismissalId: string | null;
  /** How many attempts it stands for: 1 for a flagged item, a group's refusals. */
  size: number;
  /** 1 when the entry is resolved (a group: when its latest refusal is). */
  resolved: number;
}

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));

/** Every entry of a club, as a subquery (a union of the three kinds). */
function entries(clubId: string): RawBuilder<AttentionEntryRef> {
  const flaggedMatch = sql.join(
    attentionFlags.map((flag) => sql`m.flags LIKE ${`%"${flag}"%`}`),
    sql` OR `,
  );
  return sql<AttentionEntryRef>`
    WITH cuts AS (
      SELECT client_id, name, code, MAX(up_to) AS up_to, MAX(covered) AS covered
      FROM attention_group_dismissals WHERE club_id = ${clubId}
      GROUP BY client_id, name, code
    ),
    open_groups AS (
      SELECT c.up_to AS cut, g.refusals - COALESCE(c.covered, 0) AS size,
        (SELECT m.id FROM mutation_log m
          WHERE m.club_id = g.club_id AND m.client_id = g.client_id AND m.name = g.name
            AND m.code = g.code AND m.status = 'rejected'
          ORDER BY m.received_at DESC, m.seq DESC LIMIT 1) AS latest_id
      FROM attention_groups g
      LEFT JOIN cuts c ON c.client_id = g.client_id AND c.name = g.name AND c.code = g.code
      WHERE g.club_id = ${clubId}
        AND g.code NOT IN (${list(routineRefusals)})
        AND g.name NOT IN (${list(attentionExemptMutations)})
    )
    SELECT 'flagged' AS entry, m.id AS "itemId", m.received_at AS at, NULL AS cut,
      NULL AS "dismissalId", 1 AS size, CASE WHEN r.item_id IS NULL THEN 0 ELSE 1 END AS resolved
    FROM mutation_log m
    LEFT JOIN attention_resolutions r ON r.item_id = m.id
    -- status and flags <> '[]' as the partial index mutation_log_flagged says, so it is used.
    WHERE m.club_id = ${clubId} AND m.status = 'applied' AND m.flags <> '[]' AND (${flaggedMatch})
    UNION ALL
    SELECT 'group', l.id, l.received_at, o.cut, NULL, o.size,
      CASE WHEN r.item_id IS NULL THEN 0 ELSE 1 END
    FROM open_groups o
    JOIN mutation_log l ON l.id = o.latest_id
    LEFT JOIN attention_resolutions r ON r.item_id = l.id
    WHERE o.cut IS NULL OR l.received_at > o.cut
    UNION ALL
    SELECT 'dismissed', d.last_item_id, d.up_to, NULL, d.id, d.item_count, 1
    FROM attention_group_dismissals d
    WHERE d.club_id = ${clubId}`;
}

function matches(filter: AttentionFilter) {
  const kind =
    filter.kind === 'flagged'
      ? sql`e.entry = 'flagged'`
      : filter.kind === 'refused'
        ? sql`e.entry <> 'flagged'`
        : sql`1 = 1`;
  const status =
    filter.status === 'open'
      ? sql`e.resolved = 0`
      : filter.status === 'resolved'
        ? sql`e.resolved = 1`
        : sql`1 = 1`;
  return sql`${kind} AND ${status}`;
}

/** How many entries match the filter, and how many are open (any kind, for a badge). */
export async function countAttentionEntries(
  db: Db,
  clubId: string,
  filter: AttentionFilter,
): Promise<{ total: number; open: number }> {
  const { rows } = await sql<{ total: number | null; open: number | null }>`
    SELECT SUM(CASE WHEN ${matches(filter)} THEN 1 ELSE 0 END) AS total,
      SUM(CASE WHEN e.resolved = 0 THEN 1 ELSE 0 END) AS open
    FROM (${entries(clubId)}) e`.execute(db);
  return { total: Number(rows[0]?.total ?? 0), open: Number(rows[0]?.open ?? 0) };
}

/** One page of entries, newest first (the query, for running and for checking its plan). */
export function pageAttentionQuery(
  clubId: string,
  filter: AttentionFilter,
  page: { limit: number; offset: number },
): RawBuilder<AttentionEntryRef> {
  return sql<AttentionEntryRef>`
    SELECT e.entry, e."itemId", e.at, e.cut, e."dismissalId", e.size, e.resolved
    FROM (${entries(clubId)}) e
    WHERE ${matches(filter)}
    ORDER BY e.at DESC, e."itemId" DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`;
}

export async function pageAttentionEntries(
  db: Db,
  clubId: string,
  filter: AttentionFilter,
  page: { limit: number; offset: number },
): Promise<AttentionEntryRef[]> {
  return (await pageAttentionQuery(clubId, filter, page).execute(db)).rows;
}

/** The logged attempts behind a page's entries, with who sent them and their own resolutions. */
export function attentionItemsByIds(db: Db, clubId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('mutation_log')
    .leftJoin('attention_resolutions', 'attention_resolutions.item_id', 'mutation_log.id')
    .leftJoin('users', 'users.id', 'mutation_log.user_id')
    .select([
      'mutation_log.id as id',
      'mutation_log.name as name',
      'mutation_log.args as args',
      'mutation_log.status as status',
      'mutation_log.code as code',
      'mutation_log.message as message',
      'mutation_log.explanation as explanation',
      'mutation_log.flags as flags',
      'mutation_log.member_id as byMemberId',
      'users.name as byName',
      'mutation_log.client_id as clientId',
      'mutation_log.device_label as deviceLabel',
      'mutation_log.occurred_at as occurredAt',
      'mutation_log.received_at as receivedAt',
      'attention_resolutions.resolution as resolution',
      'attention_resolutions.note as resolutionNote',
      'attention_resolutions.resolved_by as resolvedBy',
      'attention_resolutions.resolved_at as resolvedAt',
    ])
    .where('mutation_log.club_id', '=', clubId)
    .where('mutation_log.id', 'in', [...new Set(ids)])
    .execute();
}
export type AttentionItemRow = Awaited<ReturnType<typeof attentionItemsByIds>>[number];

/** When the first refusal of an open group (after its cut) reached the server: one index seek. */
export async function openGroupFirst(
  db: Db,
  clubId: string,
  group: { clientId: string; name: string; code: string; cut: string | null },
): Promise<string | null> {
  const row = await db
    .selectFrom('mutation_log')
    .select('received_at')
    .where('club_id', '=', clubId)
    .where('client_id', '=', group.clientId)
    .where('name', '=', group.name)
    .where('code', '=', group.code)
    .where('status', '=', 'rejected')
    .where('received_at', '>', group.cut ?? '')
    .orderBy('received_at')
    .limit(1)
    .executeTakeFirst();
  return row?.received_at ?? null;
}

export function dismissalsByIds(db: Db, clubId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attention_group_dismissals')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('id', 'in', ids)
    .execute();
}
