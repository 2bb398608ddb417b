import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { SyncPostgres } from './sync-client.js';

/**
 * Kysely on one synchronous PostgreSQL connection (sync-client.ts), with
 * PostgreSQL's SQL. One connection, handed to one query or transaction at a
 * time, as Kysely's SQLite driver does: the data layer's synchronous
 * statements (statementsOf) run on the same connection inside the
 * transaction that holds it, so they see and write what it does.
 */
export class SyncPostgresDialect implements Dialect {
  constructor(private readonly client: SyncPostgres) {}

  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new SyncPostgresDriver(this.client);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

/** The key of the one write lock (any constant; the database's other advisory locks use others). */
const WRITER_LOCK = 7_316_202_617;

class SyncPostgresDriver implements Driver {
  readonly #mutex = new ConnectionMutex();
  readonly #connection: SyncPostgresConnection;

  constructor(private readonly client: SyncPostgres) {
    this.#connection = new SyncPostgresConnection(client);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  /**
   * A read-only transaction is a snapshot (REPEATABLE READ), as a SQLite read
   * transaction is, and takes no lock. Every other transaction first takes
   * the one write lock of the whole database — a transaction-level advisory
   * lock, released by COMMIT or ROLLBACK, which needs no table (migrations
   * take it too) — and holds it to its end, whichever app server runs it: PostgreSQL then
   * has one writer at a time, as SQLite does, so every decision the rules
   * make about capacity and credits is taken on facts no other server is
   * changing, and versions commit in the order they are taken (a pull's
   * cursor never passes a version still to commit). Awaited, not waited for:
   * the server goes on serving while another holds the lock.
   * docs/decisions.md "PostgreSQL: one writer at a time".
   */
  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    if (settings.accessMode === 'read only') {
      await connection.executeQuery(
        CompiledQuery.raw('begin isolation level repeatable read read only'),
      );
      return;
    }
    await connection.executeQuery(CompiledQuery.raw('begin'));
    await connection.executeQuery(
      CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITER_LOCK})`),
    );
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    await this.client.close();
  }
}

class SyncPostgresConnection implements DatabaseConnection {
  constructor(private readonly client: SyncPostgres) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Kysely's own queries are awaited; only the data layer's statements wait (pg-statements.ts).
    const { rows, rowCount } = await this.client.queryAsync(compiled.sql, compiled.parameters);
    return { rows: rows as R[], numAffectedRows: BigInt(rowCount) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on the synchronous PostgreSQL connection');
  }
}

/** One holder at a time (as Kysely's SQLite driver keeps its single connection). */
class ConnectionMutex {
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.#held) await this.#held;
    this.#held = new Promise((resolve) => (this.#release = resolve));
  }

  unlock(): void {
    const release = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    release?.();
  }
}
