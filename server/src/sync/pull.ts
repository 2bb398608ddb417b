import { createHash } from 'node:crypto';
import {
  roleAtLeast,
  type PullChanges,
  type PullInput,
  type PullOutput,
  type PulledMember,
  type Role,
  type TableChanges,
} from '@turnout/shared';
import { statementsOf } from '../db/connection.js';
import type { Statements } from '../db/statements.js';
import { fail } from '../errors.js';
import { getClub, settingsFromRow } from '../repositories/clubs.repository.js';
import { currentVersion, NO_CEILING } from '../repositories/domain.repository.js';
import { pulledDoorOf } from '../repositories/door.repository.js';
import { familyOfGuardian, familyTieOf } from '../repositories/family.rows.js';
import { withWaitlistPositions } from '../repositories/waitlist.repository.js';
import type { ServiceDeps } from '../services/deps.js';
import { decodeCursor, encodeCursor, scopeKey, type CursorData } from './pull.cursor.js';
import { newestOnly, sharedRows, sharedTables } from './shared-rows.js';
import {
  anythingBefore,
  countsInRange,
  countsOf,
  historyRows,
  loadMembers,
  sessionsEndingBefore,
  VersionReader,
  versionedTables,
  type VersionedTable,
  type Viewer,
} from '../repositories/pull.repository.js';

/** Rows per response unless the caller asks for fewer. */
export const defaultPageSize = 2000;
/** The snapshot carries sessions that ended at most this many days ago (or the backfill window, if longer). */
const minWindowDays = 30;

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
 * snapshot of the database; the reads inside are synchronous calls on the
 * connection the transaction holds.
 */
export function pull(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  actor: PullActor,
  input: PullInput & { limit?: number },
  /** Hand out nothing newer (the newest version on disk, db/durable.ts); none: everything committed. */
  ceiling?: number,
): Promise<PullOutput> {
  const pageSize = input.limit ?? defaultPageSize;
  const st = statementsOf(deps.db);
  // Read only: on PostgreSQL a snapshot that waits for no writer (postgres/sync-dialect.ts).
  return deps.db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      const clubRow = await getClub(trx, actor.clubId);
      if (!clubRow) fail('not_found');
      const settings = settingsFromRow(clubRow);
      const family = familyOfGuardian(st, actor.clubId, actor.memberId);
      const dependants = family.map((d) => d.memberId);
      const children = family.filter((d) => d.kind === 'child').map((d) => d.memberId);
      // A dependant's device judges with the guardian's passes too (they pay after the dependant's own).
      const guardianId = familyTieOf(st, actor.clubId, actor.memberId)?.guardianId ?? null;
      const viewer: Viewer = {
        clubId: actor.clubId,
        memberId: actor.memberId,
        rosters: roleAtLeast(actor.role, 'host'),
        creditLogs: actor.role === 'owner',
        requests:
          actor.role === 'owner' || (actor.role === 'host' && settings.hostsCanManagePasses),
        dependants,
        guardianId,
        children,
        // The club lets members see who else is going or signed up (off by default).
        seesWhoIsGoing: !roleAtLeast(actor.role, 'host') && settings.membersSeeWhoIsGoing,
      };
      const windowDays = Math.max(settings.backfillWindowDays, minWindowDays);
      const scope = scopeKey({
        clubId: actor.clubId,
        memberId: actor.memberId,
        role: actor.role,
        hostsCanManagePasses: settings.hostsCanManagePasses,
        windowDays,
        // Children apart: their notifications are the guardian's too (a scope of its own, so
        // a guardian's device pulls a snapshot once and gets the ones it had not seen).
        dependants: [
          ...dependants,
          ...children.map((c) => `child:${c}`),
          ...(guardianId ? [`guardian:${guardianId}`] : []),
        ],
        seesWhoIsGoing: viewer.seesWhoIsGoing,
      });
      const now = deps.clock();
      const club = { id: clubRow.id, name: clubRow.name, settings };
      // What the club row and member list looked like, without reading the list: the
      // database moves members_version on every change to it (migration 0009), and
      // door_version when the club gets its door key or revokes a door pass (0011).
      const digest = `${createHash('sha256')
        .update(JSON.stringify(club))
        .digest('base64url')
        .slice(0, 12)}.${clubRow.members_version}.${clubRow.door_version}`;

      if (input.history) {
        return historyPage(st, viewer, input.history.before, pageSize, {
          cursor: input.cursor ?? '',
          serverTime: now.toISOString(),
        });
      }

      const previous = decodeCursor(input.cursor);
      const reset = previous === null || previous.s !== scope;
      const from: Omit<CursorData, 'f' | 's' | 'd'> = reset
        ? { v: 0, w: new Date(now.getTime() - windowDays * dayMs).toISOString() }
        : { v: previous.v, w: previous.w };
      const windowStart = from.w ?? null;
      const page = versionPage(st, viewer, from.v, windowStart, pageSize, ceiling);

      const changes: PullChanges = {};
      if (reset || previous.d !== digest) {
        const door = pulledDoorOf(st, actor.clubId, now.toISOString());
        changes.club = { put: [door ? { ...club, door } : club], del: [] };
        changes.members = { put: memberList(st, viewer, clubRow.members_version), del: [] };
      }
      Object.assign(changes, page.changes);
      const counts = withWaitlistPositions(
        st,
        viewer,
        countsInRange(st, actor.clubId, from.v, page.upTo, windowStart),
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

/** Rosters by club, as of a members_version: many hosts' devices need the same list. */
const rosters = new Map<string, { version: number; members: PulledMember[] }>();
const rosterCacheLimit = 200;

/** The members the viewer may see: everyone for hosts and owners (cached), else themselves. */
function memberList(st: Statements, viewer: Viewer, membersVersion: number): PulledMember[] {
  if (!viewer.rosters) return loadMembers(st, viewer);
  const cached = rosters.get(viewer.clubId);
  if (cached?.version === membersVersion) return cached.members;
  const members = loadMembers(st, viewer);
  if (rosters.size >= rosterCacheLimit) rosters.delete(rosters.keys().next().value!);
  rosters.set(viewer.clubId, { version: membersVersion, members });
  return members;
}

/**
 * One page of versioned rows after `after`. First the versions of at most
 * pageSize + 1 rows of each table (no row is built); the page then ends at
 * the highest version V such that every row up to V is counted and there are
 * at most pageSize of them. Only then are the rows up to V read. A single
 * version larger than a page is sent whole, so a device never sees part of
 * one change.
 */
function versionPage(
  st: Statements,
  viewer: Viewer,
  after: number,
  windowStart: string | null,
  pageSize: number,
  ceiling = NO_CEILING,
) {
  const reader = new VersionReader(st, viewer, { kind: 'version', windowStart }, ceiling);
  const sources = [...versionedTables, 'tombstones' as const];
  const found = new Map<VersionedTable | 'tombstones', number[]>();
  // The highest version up to which each table's rows are all counted.
  let complete = Number.POSITIVE_INFINITY;
  const truncated: (VersionedTable | 'tombstones')[] = [];
  const perVersion = new Map<number, number>();
  for (const source of sources) {
    const counts = reader.versionCounts(source, after, pageSize + 1);
    if (counts.length === 0) continue;
    found.set(
      source,
      counts.map((c) => c.version),
    );
    if (counts.reduce((sum, c) => sum + c.rows, 0) > pageSize) {
      truncated.push(source);
      complete = Math.min(complete, counts[counts.length - 1]!.version - 1);
    }
    for (const { version, rows } of counts) {
      perVersion.set(version, (perVersion.get(version) ?? 0) + rows);
    }
  }
  const versions = [...perVersion.keys()].sort((a, b) => a - b);

  let upTo: number;
  let hasMore: boolean;
  if (versions.length === 0) {
    upTo = Math.min(currentVersion(st), ceiling);
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
    hasMore = truncated.length > 0 || versions[versions.length - 1]! > upTo;
    // One version larger than a page: it is read whole below; is anything after it?
    if (upTo > complete) {
      hasMore =
        versions[versions.length - 1]! > upTo ||
        truncated.some((source) => reader.anyAfter(source, upTo));
    }
    if (!hasMore) upTo = Math.min(currentVersion(st), ceiling);
  }

  const changes: PullChanges = {};
  const bucket = (table: VersionedTable) => {
    const existing = changes[table] as TableChanges<unknown> | undefined;
    if (existing) return existing;
    const created: TableChanges<unknown> = { put: [], del: [] };
    (changes as Record<string, TableChanges<unknown>>)[table] = created;
    return created;
  };
  // Only sources with a row in (after, upTo] are read: their first candidate is in range.
  const inRange = (source: VersionedTable | 'tombstones') =>
    (found.get(source)?.[0] ?? Number.POSITIVE_INFINITY) <= upTo;
  // Club-wide rows of an incremental roster pull are built once for all its viewers.
  const shareable = windowStart === null && viewer.rosters;
  const shared: VersionedTable[] = [];
  for (const table of versionedTables) {
    if (!inRange(table)) continue;
    // Every version of the table up to upTo is among those found (else: SQL).
    const known = !truncated.includes(table) || upTo <= complete;
    if (shareable && known && sharedTables.has(table)) {
      const inPage = found.get(table)!.filter((v) => v <= upTo);
      bucket(table).put = sharedRows(viewer.clubId, table, inPage, (from, to) =>
        reader.versionedRows(table, from, to),
      );
      shared.push(table);
    } else {
      bucket(table).put = reader.rows(table, after, upTo);
    }
  }
  if (inRange('tombstones')) {
    for (const { table, id } of reader.tombstones(after, upTo)) bucket(table).del.push(id);
  }
  for (const table of shared) {
    const change = bucket(table);
    change.put = newestOnly(table, change.put as never[], change.del);
  }
  return { changes, upTo, hasMore };
}

/**
 * A page of history before `before`: whole sessions (newest first) with
 * their visible records, and the time-stamped rows (credit log, passes,
 * requests, notifications) of the same stretch of time. Stateless: it does
 * not touch the main cursor.
 */
function historyPage(
  st: Statements,
  viewer: Viewer,
  beforeInput: string,
  pageSize: number,
  envelope: { cursor: string; serverTime: string },
): PullOutput {
  const before = new Date(beforeInput).toISOString();
  const sessions = sessionsEndingBefore(st, viewer.clubId, before, pageSize + 1);
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
    const rows = historyRows(st, table, viewer, filter);
    if (rows.length > 0) {
      (changes as Record<string, TableChanges<unknown>>)[table] = { put: rows, del: [] };
    }
  }
  const sessionIds = (changes.sessions?.put ?? []).map((s) => s.id);
  const counts = countsOf(st, sessionIds);
  if (counts.length > 0) changes.sessionCounts = { put: counts, del: [] };

  const hasMore = from !== null && anythingBefore(st, viewer, from);
  return {
    ...envelope,
    reset: false,
    changes,
    hasMore,
    nextBefore: hasMore ? from : null,
  };
}
