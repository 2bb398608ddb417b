import { openReadOnlyStore, statementsOf, type Db } from '../db/connection.js';
import type { CommittedCounts } from './changes.js';
import { countsOf } from '../repositories/pull.repository.js';

interface Reader {
  counts: CommittedCounts;
  close(): void;
}
const readers = new WeakMap<Db, Reader>();

/**
 * Session counts for pokes, read on a read-only connection to the same
 * file. Not on the main connection: a group of pushes may hold a write
 * transaction open on it between its awaits, and a poke must never carry
 * counts of writes that are not committed (they could still be undone).
 */
export function committedCounts(db: Db): CommittedCounts {
  let reader = readers.get(db);
  if (!reader) {
    const { db: readDb, sqlite } = openReadOnlyStore(statementsOf(db).sqlite.name);
    const st = statementsOf(readDb);
    // One snapshot for all the pages of ids.
    const read = sqlite.transaction((ids: string[]) => countsOf(st, ids));
    reader = { counts: (ids) => read(ids), close: () => sqlite.close() };
    readers.set(db, reader);
  }
  return reader.counts;
}

/** Closes the database's count reader, if it has one (when the server stops). */
export function closeCommittedCounts(db: Db): void {
  readers.get(db)?.close();
  readers.delete(db);
}
