import { intentKey, type PullRows } from '@turnout/shared';
import type { VersionedTable } from '../repositories/pull.repository.js';
import { keepRowJson } from './pull-json.js';

/**
 * Rows many devices pull, built once (issue 12: "rows of a version range
 * that many devices of the same visibility need are built once"). On a busy
 * Saturday forty front desks pull after every push, each the same club-wide
 * rows of the last second (everyone's check-ins and pass balances), each
 * from its own cursor: reading and mapping those rows again per desk was the
 * pull worker's largest cost. Hosts and owners see these tables club-wide,
 * so the rows of one version are the same for all of them; they are kept
 * per (club, table, version) and a page is put together from the versions
 * it covers.
 *
 * The versions of a table never change their past: what was written at
 * version v stays what was written at v. A row written at v and changed
 * since (at w) may still sit in v's list; a page that covers v then carries
 * the older copy, and
 *  - if the page covers w too, the newer copy comes after it and only the
 *    newest copy per row is kept (`newestOnly`), as SQL would give;
 *  - if w is after the page, the device holds the row as it was at the
 *    page's end, which is exactly what a page promises; the next page
 *    brings w;
 *  - if the row was deleted in the page, the page's own tombstone removes
 *    the copy (a device applies deletions before puts, so the copy is
 *    dropped here, not left to the device).
 * Only incremental pulls (no snapshot window) of roster viewers use it;
 * snapshots and members' pulls read by SQL as before.
 */
export const sharedTables = new Set<VersionedTable>([
  'trainingTypes',
  'series',
  'sessions',
  'templates',
  'intents',
  'signups',
  'attendance',
  'passes',
]);

type Row = PullRows[VersionedTable];

/**
 * Versions kept per club and table; the oldest are dropped first. A push is
 * one version: a busy Saturday makes ~50-150 a second and a desk pulls
 * within a second of the last, so 512 covers every desk that keeps up with
 * seconds to spare; one further behind reads its older versions by SQL, as
 * any miss does. Each kept row also holds its JSON (pull-json.ts), so the
 * count is a memory budget: 4,096 and then 1,024 held rows for desks that no
 * longer pull from that far back.
 */
const versionsPerTable = 512;
/** Clubs × tables kept; the least recently filled are dropped first. */
const tablesKept = 400;

const cache = new Map<string, Map<number, Row[]>>();

/** A row's identity as tombstones name it (intents: `sessionId:memberId`). */
export function rowKey(table: VersionedTable, row: Row): string {
  if (table === 'intents') return intentKey(row as PullRows['intents']);
  return (row as { id: string }).id;
}

/**
 * The rows of `versions` (ascending, every version of the table's current
 * rows in the page), from the cache where known; the rest read at once by
 * `read(after, upTo)` (SQL for the table's rows with a version in that range,
 * each with its version).
 */
export function sharedRows<T extends VersionedTable>(
  clubId: string,
  table: T,
  versions: readonly number[],
  read: (after: number, upTo: number) => { version: number; row: PullRows[T] }[],
): PullRows[T][] {
  const name = `${clubId}:${table}`;
  let byVersion = cache.get(name);
  if (!byVersion) {
    if (cache.size >= tablesKept) cache.delete(cache.keys().next().value!);
    byVersion = new Map();
    cache.set(name, byVersion);
  }
  const missing = versions.filter((v) => !byVersion.has(v));
  if (missing.length > 0) {
    const from = missing[0]! - 1;
    const to = missing[missing.length - 1]!;
    const grouped = new Map<number, Row[]>();
    for (const { version, row } of read(from, to)) {
      let list = grouped.get(version);
      if (!list) grouped.set(version, (list = []));
      list.push(row);
      keepRowJson(row);
    }
    for (const v of missing) byVersion.set(v, grouped.get(v) ?? []);
    if (byVersion.size > versionsPerTable) {
      const oldest = [...byVersion.keys()].sort((a, b) => a - b);
      for (const v of oldest.slice(0, byVersion.size - versionsPerTable)) byVersion.delete(v);
    }
  }
  const rows: Row[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const v of versions) {
    if (v === last) continue;
    last = v;
    rows.push(...(byVersion.get(v) ?? []));
  }
  return rows as PullRows[T][];
}

/** The newest copy of each row, minus rows the page deletes; the order of the rest kept. */
export function newestOnly<T extends VersionedTable>(
  table: T,
  rows: PullRows[T][],
  deleted: readonly string[],
): PullRows[T][] {
  const gone = new Set(deleted);
  const newest = new Map<string, number>();
  rows.forEach((row, i) => newest.set(rowKey(table, row), i));
  return rows.filter((row, i) => {
    const key = rowKey(table, row);
    return newest.get(key) === i && !gone.has(key);
  });
}
