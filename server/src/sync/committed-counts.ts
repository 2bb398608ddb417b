import {
  openReadOnlyStore,
  postgresUrlOf,
  sqliteOf,
  statementsOf,
  type Db,
} from '../db/connection.js';
import { PostgresStatements } from '../db/postgres/pg-statements.js';
import { SyncPostgres } from '../db/postgres/sync-client.js';
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
    reader = openReader(db);
    readers.set(db, reader);
  }
  return reader.counts;
}

function openReader(db: Db): Reader {
  const url = postgresUrlOf(db);
  if (url) {
    // PostgreSQL: a connection of its own, which sees only committed rows.
    const client = new SyncPostgres(url);
    const st = new PostgresStatements(client);
    return {
      counts: (ids) => {
        // One snapshot for all the pages of ids.
        client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        try {
          return countsOf(st, ids);
        } finally {
          client.query('COMMIT');
        }
      },
      close: () => void client.close(),
    };
  }
  const { db: readDb, sqlite } = openReadOnlyStore(sqliteOf(db)!.name);
  const st = statementsOf(readDb);
  // One snapshot for all the pages of ids.
  const read = sqlite.transaction((ids: string[]) => countsOf(st, ids));
  return { counts: (ids) => read(ids), close: () => sqlite.close() };
}

/** Closes the database's count reader, if it has one (when the server stops). */
export function closeCommittedCounts(db: Db): void {
  readers.get(db)?.close();
  readers.delete(db);
}
