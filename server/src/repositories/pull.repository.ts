import { NO_CEILING } from './domain.repository.js';
import {
  firstNameAndInitial,
  type PulledMember,
  type PullRows,
  type PullTable,
  type Role,
  type SessionCount,
} from '@turnout/shared';
import type { Selectable } from 'kysely';
import { inList, type Params, type Statements } from '../db/statements.js';
import type {
  AttendanceTable,
  CreditLogTable,
  IntentsTable,
  NotificationsTable,
  PassesTable,
  PassRequestsTable,
  PassTemplatesTable,
  SeriesTable,
  SessionsTable,
  SignupsTable,
  TrainingTypesTable,
} from '../db/tables/domain.tables.js';
import {
  attendanceFromRow,
  creditLogFromRow,
  intentFromRow,
  notificationFromRow,
  passFromRow,
  passRequestFromRow,
  seriesFromRow,
  sessionFromRow,
  signupFromRow,
  templateFromRow,
  trainingTypeFromRow,
} from './domain.rows.js';

/**
 * The queries behind `sync.pull`: what one member may see of one club,
 * either by version (changes after a cursor, optionally limited to the
 * snapshot window) or by time (a history page). Only this file writes SQL
 * for pull. Synchronous, on cached prepared statements: call it inside the
 * pull's read transaction, which holds the connection.
 */

/** Who is looking, reduced to what decides visibility. */
export interface Viewer {
  clubId: string;
  memberId: string;
  /** Everyone's intents, sign-ups, attendance, passes and the member list (hosts, owners). */
  rosters: boolean;
  /** Everyone's credit log (owners). */
  creditLogs: boolean;
  /** Everyone's pass requests (owners; hosts when hostsCanManagePasses). */
  requests: boolean;
  /** The viewer's dependants, whose records they see as their own (docs/decisions.md "Dependants"). */
  dependants?: readonly string[];
  /** The viewer's guardian, whose passes pay for them after their own (so their device sees them). */
  guardianId?: string | null;
  /**
   * The viewer's children (dependants without a login of their own): their
   * notifications reach the guardian, in the app as by mail and push. A
   * linked teen's stay the teen's (docs/decisions.md "Dependants").
   */
  children?: readonly string[];
  /**
   * A member whose club shows who is going (`membersSeeWhoIsGoing`): everyone's
   * intents and sign-ups, and the member list as "First L." — never anyone
   * else's check-ins, passes, credit log or requests.
   */
  seesWhoIsGoing?: boolean;
}

/** Rows of the snapshot window (ISO instant; null = no window), by version. */
interface ByVersion {
  kind: 'version';
  windowStart: string | null;
}

/** Rows of sessions that ended in [from, before), and what happened in that time. */
interface ByTime {
  kind: 'time';
  from: string | null;
  before: string;
}

type RowFilter = ByVersion | ByTime;

/** The versioned tables, i.e. everything but club, members and sessionCounts. */
export type VersionedTable = Exclude<PullTable, 'club' | 'members' | 'sessionCounts'>;

/** Which rows of a table a viewer gets: SQL conditions (joined by AND) and their values. */
interface Scope {
  where: string;
  params: Params;
}

/** `YYYY-MM-DD` of an instant, for comparing with club dates (a day of slack either way is fine). */
const datePart = (iso: string) => iso.slice(0, 10);

class Conditions {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  scope(): Scope {
    return { where: this.parts.join(' AND '), params: this.params };
  }
}

/** Session-bound rows: in the window by their session's end, or of sessions that ended in a stretch. */
function sessionBound(c: Conditions, clubId: string, f: RowFilter): Scope {
  if (f.kind === 'version') {
    if (f.windowStart !== null) {
      c.add(
        'session_id IN (SELECT id FROM sessions WHERE club_id = ? AND ends_at >= ?)',
        clubId,
        f.windowStart,
      );
    }
  } else if (f.from === null) {
    c.add(
      'session_id IN (SELECT id FROM sessions WHERE club_id = ? AND ends_at < ?)',
      clubId,
      f.before,
    );
  } else {
    c.add(
      'session_id IN (SELECT id FROM sessions WHERE club_id = ? AND ends_at >= ? AND ends_at < ?)',
      clubId,
      f.from,
      f.before,
    );
  }
  return c.scope();
}

/** Time-stamped rows: in the window by `column`, or with `column` in [from, before). */
function timeBound(
  c: Conditions,
  column: string,
  f: RowFilter,
  toBound: (iso: string) => string = (iso) => iso,
): Scope {
  if (f.kind === 'version') {
    if (f.windowStart !== null) c.add(`${column} >= ?`, toBound(f.windowStart));
  } else {
    c.add(`${column} < ?`, toBound(f.before));
    if (f.from !== null) c.add(`${column} >= ?`, toBound(f.from));
  }
  return c.scope();
}

interface TableSpec<T extends VersionedTable> {
  name: string;
  /** The viewer's rows; null = none (club-wide tables have no history pages). */
  scope(v: Viewer, f: RowFilter): Scope | null;
  map(row: never): PullRows[T];
  /**
   * Whether later pulls walk the table's (club, version) index; false: the
   * viewer's rows are found by another index of the scope (a member's own
   * passes by `passes_member`) and sorted, instead of walking every row of
   * the club changed since the cursor to keep a member's few.
   */
  byVersionIndex?(v: Viewer): boolean;
}

const club = (v: Viewer, byClubIndex = true) =>
  // `club_id || ''` keeps SQLite off the club_id index (as `+club_id` would; both stores read it).
  new Conditions().add(byClubIndex ? 'club_id = ?' : "club_id || '' = ?", v.clubId);

/**
 * A snapshot (a first sync, or one after a reset) sends the window, however
 * long the club's history: its queries are driven by the window — the
 * window's sessions, or a time index — and sort what they find by version,
 * instead of walking the club's rows in version order from the start of
 * time. (`+column` keeps SQLite from using an index on that column.) Later
 * pulls, with no window, walk the version indexes: their cost is the changes.
 */
const inSnapshot = (f: RowFilter) => f.kind === 'version' && f.windowStart !== null;
/** The viewer's own rows unless they may see everyone's. */
const own = (c: Conditions, v: Viewer, everyone: boolean) => {
  if (everyone) return c;
  if (!v.dependants?.length) return c.add('member_id = ?', v.memberId);
  const { list, values } = inList([v.memberId, ...v.dependants]);
  return c.add(`member_id IN ${list}`, ...values);
};

/** A dependant sees their guardian's passes too: their device judges who pays as the server does. */
const withGuardian = (v: Viewer): Viewer =>
  v.guardianId ? { ...v, dependants: [...(v.dependants ?? []), v.guardianId] } : v;

const specs: { [T in VersionedTable]: TableSpec<T> } = {
  trainingTypes: {
    name: 'training_types',
    scope: (v, f) => (f.kind === 'version' ? club(v).scope() : null),
    map: (r: Selectable<TrainingTypesTable>) => trainingTypeFromRow(r),
  },
  series: {
    name: 'series',
    scope: (v, f) => timeBound(club(v), 'until_date', f, datePart),
    map: (r: Selectable<SeriesTable>) => seriesFromRow(r),
  },
  sessions: {
    name: 'sessions',
    scope: (v, f) => timeBound(club(v), 'ends_at', f),
    map: (r: Selectable<SessionsTable>) => sessionFromRow(r),
  },
  templates: {
    name: 'pass_templates',
    scope: (v, f) => (f.kind === 'version' ? club(v).scope() : null),
    map: (r: Selectable<PassTemplatesTable>) => templateFromRow(r),
  },
  intents: {
    name: 'intents',
    scope: (v, f) =>
      sessionBound(own(club(v, !inSnapshot(f)), v, v.rosters || !!v.seesWhoIsGoing), v.clubId, f),
    map: (r: Selectable<IntentsTable>) => intentFromRow(r),
  },
  signups: {
    name: 'signups',
    scope: (v, f) =>
      sessionBound(own(club(v, !inSnapshot(f)), v, v.rosters || !!v.seesWhoIsGoing), v.clubId, f),
    map: (r: Selectable<SignupsTable>) => signupFromRow(r),
  },
  attendance: {
    name: 'attendance',
    // A member's own records by `attendance_member_version`, not the club's changes (migration 0024).
    scope: (v, f) =>
      sessionBound(own(club(v, !inSnapshot(f) && v.rosters), v, v.rosters), v.clubId, f),
    map: (r: Selectable<AttendanceTable>) => attendanceFromRow(r),
  },
  passes: {
    name: 'passes',
    scope: (v, f) =>
      timeBound(own(club(v, v.rosters), withGuardian(v), v.rosters), 'expires_on', f, datePart),
    map: (r: Selectable<PassesTable>) => passFromRow(r),
    // Every charge moves its pass's version: a member's few passes, read whole, cost less.
    byVersionIndex: (v) => v.rosters,
  },
  creditLog: {
    name: 'credit_log',
    scope: (v, f) => {
      if (v.creditLogs || f.kind !== 'version' || f.windowStart !== null) {
        return timeBound(own(club(v), v, v.creditLogs), 'at', f);
      }
      // A later pull of someone who sees only their own entries (and their dependants'):
      // every check-in in the club adds an entry, so walking (club, version) from the
      // cursor read the club's and kept theirs. An entry's member is its pass's, for
      // good, so their entries are those of their passes: `passes_member` finds the
      // passes, `credit_log_pass` (pass, version) their new entries, however busy the club.
      const { list, values } = inList([v.memberId, ...(v.dependants ?? [])]);
      return own(club(v, false), v, false)
        .add(
          `pass_id IN (SELECT id FROM passes WHERE club_id || '' = ? AND member_id IN ${list})`,
          v.clubId,
          ...values,
        )
        .scope();
    },
    map: (r: Selectable<CreditLogTable>) => creditLogFromRow(r),
  },
  passRequests: {
    name: 'pass_requests',
    scope: (v, f) => {
      const c = own(club(v), v, v.requests);
      // A pending request is never "history": the snapshot always carries it.
      if (f.kind === 'version') {
        if (f.windowStart !== null) c.add("(status = 'pending' OR created_at >= ?)", f.windowStart);
        return c.scope();
      }
      return timeBound(c.add("status <> 'pending'"), 'created_at', f);
    },
    map: (r: Selectable<PassRequestsTable>) => passRequestFromRow(r),
  },
  notifications: {
    name: 'notifications',
    scope: (v, f) =>
      timeBound(own(club(v), { ...v, dependants: v.children ?? [] }, false), 'created_at', f),
    map: (r: Selectable<NotificationsTable>) => notificationFromRow(r),
  },
};

export const versionedTables = Object.keys(specs) as VersionedTable[];

/** Where deleted rows are announced: the tombstones of the club. */
const tombstoneScope = (v: Viewer): Scope => club(v).scope();

/**
 * Reads one table (or the tombstones) of what a viewer may see, by version.
 * A page is cut in two steps: first only the versions of the candidate rows
 * (cheap: no row is built), then the rows of the chosen version range.
 */
export class VersionReader {
  constructor(
    private readonly st: Statements,
    private readonly viewer: Viewer,
    private readonly filter: ByVersion,
    /** Rows above this version are not read yet (not on disk yet: db/durable.ts). */
    private readonly ceiling = NO_CEILING,
  ) {}

  /**
   * `version`, or `version + 0` (no index on it) in a snapshot (see
   * inSnapshot) and where the table's spec finds the viewer's rows otherwise.
   */
  #versionOf(table: VersionedTable | 'tombstones'): string {
    const walk =
      this.filter.windowStart === null &&
      (table === 'tombstones' || (specs[table].byVersionIndex?.(this.viewer) ?? true));
    return walk ? 'version' : '(version + 0)';
  }

  /**
   * The versions of the first `limit` rows after `after`, ascending, each
   * with how many of those rows it has: one answer row per version, not per
   * row (a push's rows share a version; fewer rows to send back matters on
   * PostgreSQL, where every row crosses a thread and the network).
   */
  versionCounts(
    table: VersionedTable | 'tombstones',
    after: number,
    limit: number,
  ): { version: number; rows: number }[] {
    const { name, where, params } = this.#scope(table);
    const v = this.#versionOf(table);
    return this.st
      .all<{ version: number; n: number }>(
        `SELECT version, count(*) AS n FROM (SELECT ${v} AS version FROM ${name} WHERE ${where}` +
          ` AND ${v} > ? AND ${v} <= ? ORDER BY ${v} LIMIT ?) AS first GROUP BY version ORDER BY version`,
        [...params, after, this.ceiling, limit],
      )
      .map(({ version, n }) => ({ version, rows: n }));
  }

  /** Whether any row follows `after`. */
  anyAfter(table: VersionedTable | 'tombstones', after: number): boolean {
    const { name, where, params } = this.#scope(table);
    const v = this.#versionOf(table);
    const found = this.st.values(
      `SELECT 1 FROM ${name} WHERE ${where} AND ${v} > ? AND ${v} <= ? LIMIT 1`,
      [...params, after, this.ceiling],
    );
    return found.length > 0;
  }

  /** The rows in (after, upTo], oldest version first. */
  rows<T extends VersionedTable>(table: T, after: number, upTo: number): PullRows[T][] {
    const { name, where, params } = this.#scope(table);
    const v = this.#versionOf(table);
    const rows = this.st.all<never>(
      `SELECT * FROM ${name} WHERE ${where} AND ${v} > ? AND ${v} <= ? ORDER BY ${v}`,
      [...params, after, upTo],
    );
    const map = specs[table].map as (row: never) => PullRows[T];
    return rows.map(map);
  }

  /** As `rows`, each with the version it carries (sync/shared-rows.ts keeps them by version). */
  versionedRows<T extends VersionedTable>(
    table: T,
    after: number,
    upTo: number,
  ): { version: number; row: PullRows[T] }[] {
    const { name, where, params } = this.#scope(table);
    const v = this.#versionOf(table);
    const rows = this.st.all<{ version: number }>(
      `SELECT * FROM ${name} WHERE ${where} AND ${v} > ? AND ${v} <= ? ORDER BY ${v}`,
      [...params, after, upTo],
    );
    const map = specs[table].map as (row: never) => PullRows[T];
    return rows.map((r) => ({ version: r.version, row: map(r as never) }));
  }

  /** Deletions in (after, upTo], mapped to pull table names. Intents use `sessionId:memberId`. */
  tombstones(after: number, upTo: number): { table: VersionedTable; id: string }[] {
    const { where, params } = tombstoneScope(this.viewer);
    const rows = this.st.all<{ table_name: string; row_id: string }>(
      `SELECT table_name, row_id FROM tombstones WHERE ${where} AND version > ? AND version <= ?
       ORDER BY version`,
      [...params, after, upTo],
    );
    return rows.flatMap((r) => {
      const table = tombstoneTables[r.table_name];
      return table ? [{ table, id: r.row_id }] : [];
    });
  }

  #scope(table: VersionedTable | 'tombstones'): Scope & { name: string } {
    if (table === 'tombstones') return { name: 'tombstones', ...tombstoneScope(this.viewer) };
    const spec = specs[table];
    const scope = spec.scope(this.viewer, this.filter);
    // Every table has rows by version; only history pages leave some out.
    if (!scope) throw new Error(`${table} has no rows by version`);
    return { name: spec.name, ...scope };
  }
}

/** A history page's rows of one table: sessions that ended in [from, before) and their records. */
export function historyRows<T extends VersionedTable>(
  st: Statements,
  table: T,
  viewer: Viewer,
  filter: ByTime,
): PullRows[T][] {
  const spec = specs[table];
  const scope = spec.scope(viewer, filter);
  if (!scope) return [];
  const rows = st.all<never>(`SELECT * FROM ${spec.name} WHERE ${scope.where}`, scope.params);
  return rows.map(spec.map as (row: never) => PullRows[T]);
}

const tombstoneTables: Record<string, VersionedTable> = {
  training_types: 'trainingTypes',
  series: 'series',
  sessions: 'sessions',
  pass_templates: 'templates',
  intents: 'intents',
  signups: 'signups',
  attendance: 'attendance',
  passes: 'passes',
  credit_log: 'creditLog',
  pass_requests: 'passRequests',
  notifications: 'notifications',
};

/** Stored counts as the protocol carries them. */
const countColumns = 'c.session_id AS "sessionId", c.occupancy, c.going, c.waitlisted';

/**
 * Counts that moved in (after, upTo]: read like any versioned row, since the
 * database keeps them (migration 0019). In a snapshot, only the window's
 * sessions: driven by the window, not by the club's whole history.
 */
export function countsInRange(
  st: Statements,
  clubId: string,
  after: number,
  upTo: number,
  windowStart: string | null,
): SessionCount[] {
  if (windowStart === null) {
    return st.all<SessionCount>(
      `SELECT ${countColumns} FROM session_counts c
       WHERE c.club_id = ? AND c.version > ? AND c.version <= ?`,
      [clubId, after, upTo],
    );
  }
  return st.all<SessionCount>(
    `SELECT ${countColumns} FROM sessions s INNER JOIN session_counts c ON c.session_id = s.id
     WHERE s.club_id = ? AND s.ends_at >= ? AND c.version + 0 > ? AND c.version + 0 <= ?`,
    [clubId, windowStart, after, upTo],
  );
}

/** The stored counts of these sessions (the club's own: touched or history). */
export function countsOf(st: Statements, sessionIds: readonly string[]): SessionCount[] {
  const counts: SessionCount[] = [];
  for (let i = 0; i < sessionIds.length; i += 500) {
    const { list, values } = inList(sessionIds.slice(i, i + 500));
    counts.push(
      ...st.all<SessionCount>(
        `SELECT ${countColumns} FROM session_counts c WHERE c.session_id IN ${list}`,
        values,
      ),
    );
  }
  return counts;
}

/** Sessions that ended in [from, before), newest first, with an upper bound of their row count. */
export function sessionsEndingBefore(
  st: Statements,
  clubId: string,
  before: string,
  limit: number,
): { id: string; ends_at: string; n: number }[] {
  return st.all(
    `SELECT s.id, s.ends_at,
      1 + (SELECT COUNT(*) FROM signups WHERE session_id = s.id)
        + (SELECT COUNT(*) FROM attendance WHERE session_id = s.id)
        + (SELECT COUNT(*) FROM intents WHERE session_id = s.id) AS n
    FROM sessions s WHERE s.club_id = ? AND s.ends_at < ?
    ORDER BY s.ends_at DESC LIMIT ?`,
    [clubId, before, limit],
  );
}

/** Whether anything visible is older than `before` (for a history page's `hasMore`). */
export function anythingBefore(st: Statements, viewer: Viewer, before: string): boolean {
  const session = st.one('SELECT id FROM sessions WHERE club_id = ? AND ends_at < ? LIMIT 1', [
    viewer.clubId,
    before,
  ]);
  if (session) return true;
  const log = viewer.creditLogs
    ? st.one('SELECT id FROM credit_log WHERE club_id = ? AND at < ? LIMIT 1', [
        viewer.clubId,
        before,
      ])
    : st.one('SELECT id FROM credit_log WHERE club_id = ? AND at < ? AND member_id = ? LIMIT 1', [
        viewer.clubId,
        before,
        viewer.memberId,
      ]);
  return log !== undefined;
}

/**
 * The member list as this viewer may see it: everyone for hosts and owners,
 * else themselves, their dependants and their guardian. A dependant's row
 * names their guardian while the tie lasts.
 */
export function loadMembers(st: Statements, viewer: Viewer): PulledMember[] {
  const select = `SELECT m.id AS "memberId", u.name AS name, m.role AS role, m.removed_at AS "removedAt",
      g.member_id IS NOT NULL AND g.claimed_at IS NULL AS guest,
      d.guardian_id AS "guardianId", d.kind AS "dependantKind", d.birth_year AS "birthYear"
    FROM memberships m INNER JOIN users u ON u.id = m.user_id
      LEFT JOIN guests g ON g.member_id = m.id
      LEFT JOIN dependants d ON d.member_id = m.id AND d.removed_at IS NULL
    WHERE m.club_id = ?`;
  const family = `(m.id = ? OR d.guardian_id = ?
    OR m.id = (SELECT guardian_id FROM dependants WHERE member_id = ? AND removed_at IS NULL))`;
  const rows = st.all<{
    memberId: string;
    name: string;
    role: Role;
    removedAt: string | null;
    guest: number;
    guardianId: string | null;
    dependantKind: string | null;
    birthYear: number | null;
  }>(
    viewer.rosters ? `${select} ORDER BY m.id` : `${select} AND ${family} ORDER BY m.id`,
    viewer.rosters
      ? [viewer.clubId]
      : [viewer.clubId, viewer.memberId, viewer.memberId, viewer.memberId],
  );
  const members = rows.map((r) => ({
    memberId: r.memberId,
    name: r.name,
    role: r.role,
    removed: r.removedAt !== null,
    // Sent only for walk-ins nobody has claimed yet (hosts see them on rosters).
    ...(r.guest ? { guest: true as const } : {}),
    ...(r.guardianId ? { guardianId: r.guardianId } : {}),
    ...(r.dependantKind === 'child' ? { child: true as const } : {}),
    ...(r.birthYear !== null ? { birthYear: r.birthYear } : {}),
  }));
  if (viewer.rosters || !viewer.seesWhoIsGoing) return members;
  return [...members, ...othersAsShown(st, viewer, new Set(members.map((m) => m.memberId)))];
}

/**
 * The rest of the club as a member sees them where the club shows who is
 * going: "First L." and role only (walk-ins nobody claimed are left out).
 */
function othersAsShown(st: Statements, viewer: Viewer, known: ReadonlySet<string>): PulledMember[] {
  const rows = st.all<{ memberId: string; name: string; role: Role; removedAt: string | null }>(
    `SELECT m.id AS "memberId", u.name AS name, m.role AS role, m.removed_at AS "removedAt"
     FROM memberships m INNER JOIN users u ON u.id = m.user_id
       LEFT JOIN guests g ON g.member_id = m.id
     WHERE m.club_id = ? AND (g.member_id IS NULL OR g.claimed_at IS NOT NULL)
     ORDER BY m.id`,
    [viewer.clubId],
  );
  return rows
    .filter((r) => !known.has(r.memberId))
    .map((r) => ({
      memberId: r.memberId,
      name: firstNameAndInitial(r.name),
      role: r.role,
      removed: r.removedAt !== null,
    }));
}
