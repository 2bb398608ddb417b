import type SQLite from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
  type DatabaseIntrospector,
  type DialectAdapter,
  type QueryCompiler,
} from 'kysely';
import type { Db } from '../db/connection.js';
import type { Database } from '../db/database.js';
import type { SyncPostgres } from '../db/postgres/sync-client.js';

/**
 * Reads for the export worker (src/exports/worker.ts): the repository's
 * query builders, compiled by a Kysely that never executes anything, run on
 * the worker's own connection so rows come a few at a time instead of as
 * one array. While an iteration is open the connection runs nothing else,
 * so callers step through one query at a time. One form per store: SQLite
 * (`SqliteExportSource`) and PostgreSQL (`PostgresExportSource`).
 */
export interface ExportSource {
  /** For building queries only, in the store's own SQL. */
  readonly db: Db;
  /** The rows of a query, read as they are asked for. */
  rows<Row>(query: Compilable<Row> | CompiledQuery<Row>): IterableIterator<Row>;
  /** The first row of a query, or undefined. */
  first<Row>(query: Compilable<Row> | CompiledQuery<Row>): Row | undefined;
  /**
   * Runs `read` in one read transaction, so every table of a file comes
   * from the same moment even while check-ins keep arriving.
   */
  snapshot<T>(read: Generator<T>): Generator<T>;
}

/** A Kysely that only compiles: its queries are run by the export source. */
function compilerOnly(
  adapter: DialectAdapter,
  compiler: QueryCompiler,
  introspector: (db: Kysely<unknown>) => DatabaseIntrospector,
): Db {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => adapter,
      createDriver: () => new DummyDriver(),
      createIntrospector: introspector,
      createQueryCompiler: () => compiler,
    },
  });
}

function compiledOf<Row>(query: Compilable<Row> | CompiledQuery<Row>): CompiledQuery<Row> {
  return 'compile' in query ? query.compile() : query;
}

/**
 * SQLite: better-sqlite3 directly on a read-only connection to the file,
 * rows one at a time (`statement.iterate()`).
 */
export class SqliteExportSource implements ExportSource {
  readonly db: Db = compilerOnly(
    new SqliteAdapter(),
    new SqliteQueryCompiler(),
    (db) => new SqliteIntrospector(db),
  );

  constructor(private readonly sqlite: SQLite.Database) {}

  rows<Row>(query: Compilable<Row> | CompiledQuery<Row>): IterableIterator<Row> {
    const compiled = compiledOf(query);
    return this.sqlite
      .prepare(compiled.sql)
      .iterate(...compiled.parameters) as IterableIterator<Row>;
  }

  first<Row>(query: Compilable<Row> | CompiledQuery<Row>): Row | undefined {
    const compiled = compiledOf(query);
    return this.sqlite.prepare(compiled.sql).get(...compiled.parameters) as Row | undefined;
  }

  /** WAL readers see a snapshot and never block the writer. */
  *snapshot<T>(read: Generator<T>): Generator<T> {
    this.sqlite.exec('BEGIN');
    try {
      yield* read;
    } finally {
      this.sqlite.exec('COMMIT');
    }
  }
}

/** Rows fetched from a PostgreSQL cursor per round trip. */
const fetchSize = 500;

/**
 * PostgreSQL: the worker's own synchronous connection (db/postgres/sync-client.ts).
 * A snapshot is a REPEATABLE READ, READ ONLY transaction (it takes no lock
 * and never blocks a writer); rows come through a server-side cursor,
 * `fetchSize` at a time, so a big club's table is never one array in
 * memory. A cursor lives in a transaction: rows asked for outside a
 * snapshot get one of their own.
 */
export class PostgresExportSource implements ExportSource {
  readonly db: Db = compilerOnly(
    new PostgresAdapter(),
    new PostgresQueryCompiler(),
    (db) => new PostgresIntrospector(db),
  );
  #cursors = 0;
  #inSnapshot = false;

  constructor(private readonly client: SyncPostgres) {}

  rows<Row>(query: Compilable<Row> | CompiledQuery<Row>): IterableIterator<Row> {
    const rows = this.#cursor(compiledOf(query));
    return this.#inSnapshot ? rows : this.snapshot(rows);
  }

  first<Row>(query: Compilable<Row> | CompiledQuery<Row>): Row | undefined {
    const compiled = compiledOf(query);
    return this.client.query(compiled.sql, compiled.parameters).rows[0] as Row | undefined;
  }

  *snapshot<T>(read: Generator<T>): Generator<T> {
    if (this.#inSnapshot) return yield* read;
    this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    this.#inSnapshot = true;
    let failed = true;
    try {
      yield* read;
      failed = false;
    } finally {
      this.#inSnapshot = false;
      // After an error the transaction may be aborted: ROLLBACK ends it either way.
      this.client.query(failed ? 'ROLLBACK' : 'COMMIT');
    }
  }

  *#cursor<Row>(compiled: CompiledQuery<Row>): Generator<Row> {
    const name = `c${++this.#cursors}`;
    this.client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${compiled.sql}`, compiled.parameters);
    // A statement that failed aborts the transaction: CLOSE could only fail too.
    let broken = false;
    try {
      for (;;) {
        let batch: Row[];
        try {
          batch = this.client.query(`FETCH ${fetchSize} FROM ${name}`).rows as Row[];
        } catch (error) {
          broken = true;
          throw error;
        }
        yield* batch;
        // A short batch is the last: no round trip for the empty one.
        if (batch.length < fetchSize) break;
      }
    } finally {
      if (!broken) this.client.query(`CLOSE ${name}`);
    }
  }
}
