import { createHash } from 'node:crypto';
import {
  intentKey,
  occupancy,
  roleAtLeast,
  type PullChanges,
  type PullInput,
  type PullOutput,
  type PullRows,
  type Role,
  type SessionCount,
  type TableChanges,
} from '@turnout/shared';
import type { Db } from '../db/connection.js';
import { fail } from '../errors.js';
import { getClub, settingsFromRow } from '../repositories/clubs.repository.js';
import { currentVersion } from '../repositories/domain.repository.js';
import type { ServiceDeps } from '../services/deps.js';
import { decodeCursor, encodeCursor, scopeKey, type CursorData } from './pull.cursor.js';
import {
  anythingBefore,
  countInputs,
  loadMembers,
  loadTable,
  loadTombstones,
  sessionsEndingBefore,
  touchedSessions,
  versionedTables,
  type ByVersion,
  type Versioned,
  type VersionedTable,
  type Viewer,
} from './pull.repository.js';

/** Rows per response unless the caller asks for fewer. */
export const defaultPageSize = 2000;
/** The snapshot carries sessions that ended at most this many days ago (or the backfill window, if longer). */
export const minWindowDays = 30;

export interface PullActor {
  clubId: string;
  memberId: string;
  role: Role;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * `sync.pull`: what changed after the cursor that this member may see, in
 * pages cut on version boundaries, or (with `history`) a page of older
 * history. Runs in one read transaction, so a page is one consistent
 * snapshot of the database.
 */
export function pull(
  deps: ServiceDeps,
  actor: PullActor,
  input: PullInput & { limit?: number },
): Promise<PullOutput> {
  const pageSize = input.limit ?? defaultPageSize;
  return deps.db.transaction().execute(async (trx) => {
    const clubRow = await getClub(trx, actor.clubId);
    if (!clubRow) fail('not_found');
    const settings = settingsFromRow(clubRow);
    const viewer: Viewer = {
      clubId: actor.clubId,
      memberId: actor.memberId,
      rosters: roleAtLeast(actor.role, 'host'),
      creditLogs: actor.role === 'owner',
      requests: actor.role === 'owner' || (actor.role === 'host' && settings.hostsCanManagePasses),
    };
    const windowDays = Math.max(settings.backfillWindowDays, minWindowDays);
    const scope = scopeKey({
      clubId: actor.clubId,
      memberId: actor.memberId,
      role: actor.role,
      hostsCanManagePasses: settings.hostsCanManagePasses,
      windowDays,
    });
    const now = deps.clock();
    const club = { id: clubRow.id, name: clubRow.name, settings };
    const members = await loadMembers(trx, viewer);
    const digest = createHash('sha256')
      .update(JSON.stringify([club, members]))
      .digest('base64url')
      .slice(0, 16);

    if (input.history) {
      return historyPage(trx, viewer, input.history.before, pageSize, {
        cursor: input.cursor ?? '',
        serverTime: now.toISOString(),
      });
    }

    const previous = decodeCursor(input.cursor);
    const reset = previous === null || previous.s !== scope;
    const from: Omit<CursorData, 'f' | 's' | 'd'> = reset
      ? { v: 0, w: new Date(now.getTime() - windowDays * dayMs).toISOString() }
      : { v: previous.v, w: previous.w };
    const page = await versionPage(trx, viewer, from.v, from.w ?? null, pageSize);

    const changes: PullChanges = {};
    if (reset || previous.d !== digest) {
      changes.club = { put: [club], del: [] };
      changes.members = { put: members, del: [] };
    }
    Object.assign(changes, page.changes);
    const counts = await sessionCounts(
      trx,
      actor.clubId,
      await touchedSessions(trx, actor.clubId, from.v, page.upTo, from.w ?? null),
    );
    if (counts.length > 0) changes.sessionCounts = { put: counts, del: [] };

    return {
      cursor: encodeCursor({
        v: page.upTo,
        s: scope,
        // Until the snapshot's last page, later pages keep its window.
        w: page.hasMore ? from.w : undefined,
        d: digest,
      }),
      serverTime: now.toISOString(),
      reset,
      changes,
      hasMore: page.hasMore,
    };
  });
}

interface Candidate {
  table: VersionedTable;
  version: number;
  load: () => unknown;
}

/**
 * One page of versioned rows after `after`. Each table is read in version
 * order, at most pageSize + 1 rows; the page then ends at the highest version
 * V such that every row up to V is in hand and there are at most pageSize of
 * them. A single version larger than a page is sent whole, so a device never
 * sees part of one change.
 */
async function versionPage(
  db: Db,
  viewer: Viewer,
  after: number,
  windowStart: string | null,
  pageSize: number,
) {
  const filter: ByVersion = {
    kind: 'version',
    after,
    upTo: null,
    limit: pageSize + 1,
    windowStart,
  };
  const candidates: Candidate[] = [];
  // The highest version up to which each table's rows are all in hand.
  let complete = Number.POSITIVE_INFINITY;
  const truncated = new Set<VersionedTable | 'tombstones'>();
  const take = (table: VersionedTable | 'tombstones', rows: Versioned<unknown>[]) => {
    if (rows.length > pageSize) {
      truncated.add(table);
      complete = Math.min(complete, rows[rows.length - 1]!.version - 1);
    }
  };
  for (const table of versionedTables) {
    const rows = await loadTable(db, table, viewer, filter);
    take(table, rows);
    for (const r of rows) candidates.push({ table, version: r.version, load: r.load });
  }
  const tombstones = await loadTombstones(db, viewer.clubId, filter);
  take('tombstones', tombstones);

  const perVersion = new Map<number, number>();
  for (const c of [...candidates, ...tombstones]) {
    perVersion.set(c.version, (perVersion.get(c.version) ?? 0) + 1);
  }
  const versions = [...perVersion.keys()].sort((a, b) => a - b);

  let upTo: number;
  let hasMore: boolean;
  if (versions.length === 0) {
    upTo = await currentVersion(db);
    hasMore = false;
  } else {
    let total = 0;
    let fit: number | null = null;
    for (const v of versions) {
      if (v > complete) break;
      total += perVersion.get(v)!;
      if (total > pageSize) break;
      fit = v;
    }
    upTo = fit ?? versions[0]!;
    hasMore = truncated.size > 0 || versions[versions.length - 1]! > upTo;
    if (!hasMore) upTo = await currentVersion(db);
  }

  // One version larger than a page: fetch all of it from the tables that were cut short,
  // then look whether anything follows it.
  if (upTo > complete) {
    const whole: ByVersion = { ...filter, after: upTo - 1, upTo, limit: null };
    const next: ByVersion = { ...filter, after: upTo, limit: 1 };
    let more = versions[versions.length - 1]! > upTo;
    for (const table of truncated) {
      if (table === 'tombstones') {
        tombstones.push(...(await loadTombstones(db, viewer.clubId, whole)));
        more ||= (await loadTombstones(db, viewer.clubId, next)).length > 0;
      } else {
        const rows = await loadTable(db, table, viewer, whole);
        for (const r of rows) candidates.push({ table, version: r.version, load: r.load });
        more ||= (await loadTable(db, table, viewer, next)).length > 0;
      }
    }
    hasMore = more;
    if (!hasMore) upTo = await currentVersion(db);
  }

  const changes: PullChanges = {};
  const bucket = (table: VersionedTable) => {
    const existing = changes[table] as TableChanges<unknown> | undefined;
    if (existing) return existing;
    const created: TableChanges<unknown> = { put: [], del: [] };
    (changes as Record<string, TableChanges<unknown>>)[table] = created;
    return created;
  };
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c.version > upTo) continue;
    const row = c.load();
    // The refetch above may return rows already in hand.
    const key = `${c.table}:${rowKey(c.table, row)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    bucket(c.table).put.push(row);
  }
  for (const t of tombstones) {
    if (t.version > upTo) continue;
    const { table, id } = t.load();
    const key = `del:${table}:${id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    bucket(table).del.push(id);
  }
  return { changes, upTo, hasMore };
}

function rowKey(table: VersionedTable, row: unknown): string {
  if (table === 'intents') return intentKey(row as PullRows['intents']);
  return (row as { id: string }).id;
}

/** Counts of the given sessions, with the rulebook's own definition of occupancy. */
async function sessionCounts(db: Db, clubId: string, ids: string[]): Promise<SessionCount[]> {
  if (ids.length === 0) return [];
  const inputs = await countInputs(db, clubId, ids);
  const bySession = new Map(
    ids.map((id) => [
      id,
      {
        signups: [] as typeof inputs.signups,
        attendance: [] as typeof inputs.attendance,
        going: 0,
      },
    ]),
  );
  for (const s of inputs.signups) bySession.get(s.sessionId)?.signups.push(s);
  for (const a of inputs.attendance) bySession.get(a.sessionId)?.attendance.push(a);
  for (const g of inputs.going) {
    const entry = bySession.get(g);
    if (entry) entry.going += 1;
  }
  return [...bySession].map(([sessionId, e]) => ({
    sessionId,
    occupancy: occupancy(e.signups, e.attendance),
    going: e.going,
    waitlisted: e.signups.filter((s) => s.status === 'waitlisted').length,
  }));
}

/**
 * A page of history before `before`: whole sessions (newest first) with
 * their visible records, and the time-stamped rows (credit log, passes,
 * requests, notifications) of the same stretch of time. Stateless: it does
 * not touch the main cursor.
 */
async function historyPage(
  db: Db,
  viewer: Viewer,
  beforeInput: string,
  pageSize: number,
  envelope: { cursor: string; serverTime: string },
): Promise<PullOutput> {
  const before = new Date(beforeInput).toISOString();
  const sessions = await sessionsEndingBefore(db, viewer.clubId, before, pageSize + 1);
  let total = 0;
  let from: string | null = null;
  let cut = false;
  for (const [i, s] of sessions.entries()) {
    if (i > 0 && total + s.n > pageSize) {
      cut = true;
      break;
    }
    total += s.n;
    from = s.ends_at;
  }
  // Every older session fits: take everything older than `before`.
  if (!cut && sessions.length <= pageSize) from = null;

  const filter = { kind: 'time', from, before } as const;
  const changes: PullChanges = {};
  for (const table of versionedTables) {
    const rows = await loadTable(db, table, viewer, filter);
    if (rows.length > 0) {
      (changes as Record<string, TableChanges<unknown>>)[table] = {
        put: rows.map((r) => r.load()),
        del: [],
      };
    }
  }
  const sessionIds = (changes.sessions?.put ?? []).map((s) => s.id);
  const counts = await sessionCounts(db, viewer.clubId, sessionIds);
  if (counts.length > 0) changes.sessionCounts = { put: counts, del: [] };

  const hasMore = from !== null && (await anythingBefore(db, viewer, from));
  return {
    ...envelope,
    reset: false,
    changes,
    hasMore,
    nextBefore: hasMore ? from : null,
  };
}
