import type SQLite from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
} from 'kysely';
import type { Db } from '../db/connection.js';
import type { Database } from '../db/database.js';

/**
 * Reads for the export worker (src/exports/worker.ts): the repository's query builders, compiled by
 * a Kysely that never executes anything, run with better-sqlite3 directly so
 * rows come one at a time (`statement.iterate()`) instead of as one array.
 * While an iteration is open the connection runs nothing else, so callers
 * step through one query at a time.
 */
export class ExportSource {
  /** For building queries only. */
  readonly db: Db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });

  constructor(private readonly sqlite: SQLite.Database) {}

  /** The rows of a query, read as they are asked for. */
  rows<Row>(query: Compilable<Row> | CompiledQuery<Row>): IterableIterator<Row> {
    const compiled = 'compile' in query ? query.compile() : query;
    return this.sqlite
      .prepare(compiled.sql)
      .iterate(...compiled.parameters) as IterableIterator<Row>;
  }

  /** The first row of a query, or undefined. */
  first<Row>(query: Compilable<Row> | CompiledQuery<Row>): Row | undefined {
    const compiled = 'compile' in query ? query.compile() : query;
    return this.sqlite.prepare(compiled.sql).get(...compiled.parameters) as Row | undefined;
  }

  /**
   * Runs `read` in one read transaction, so every table of a file comes
   * from the same moment even while check-ins keep arriving (WAL readers
   * see a snapshot and never block the writer).
   */
  *snapshot<T>(read: Generator<T>): Generator<T> {
    this.sqlite.exec('BEGIN');
    try {
      yield* read;
    } finally {
      this.sqlite.exec('COMMIT');
    }
  }
}
