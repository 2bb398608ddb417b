import type SQLite from 'better-sqlite3';

/** A statement's bound values, in the order of its `?` placeholders. */
export type Params = readonly unknown[];

/** SQL and its values, run synchronously on the connection's prepared statements. */
export interface Query {
  sql: string;
  params: Params;
}

/**
 * The prepared statements of one better-sqlite3 connection, kept and reused:
 * preparing costs as much as running a small query, and queries repeat (the
 * same SQL with new values). Kysely prepares every query through this cache;
 * the data layer's hot paths (push) call it directly, which skips Kysely's
 * per-query building, compiling and async hand-offs — better-sqlite3 is
 * synchronous anyway. Direct calls are only safe while the caller holds the
 * connection (inside a Kysely transaction), so nothing else interleaves.
 * The cache is bounded: queries with variable-length IN lists make many shapes.
 */
/** What a write changed. */
export interface RunResult {
  changes: number;
}

/**
 * Synchronous SQL on the connection a transaction holds, with `?`
 * placeholders: the data layer's hot paths (push judging, pull building)
 * call it directly. SQLite serves it from prepared statements
 * (SqliteStatements); PostgreSQL from its synchronous connection
 * (postgres/pg-statements.ts). Only safe while the caller holds the
 * connection (inside a Kysely transaction), so nothing else interleaves.
 */
export interface Statements {
  /** The first row, if any. */
  one<Row>(sql: string, params?: Params): Row | undefined;
  all<Row>(sql: string, params?: Params): Row[];
  run(sql: string, params?: Params): RunResult;
  /**
   * A write whose outcome nobody reads: a store may hold it and send it with
   * others of its kind just before the next statement (PostgreSQL does:
   * postgres/held-writes.ts). Its error may then come from that statement.
   */
  write(sql: string, params?: Params): void;
  /** Sends held writes now, so their errors are thrown here. */
  sendWrites(): void;
  /** The first column of every row. */
  values<Value>(sql: string, params?: Params): Value[];
  /**
   * Runs `write` in a savepoint: kept when it returns, undone alone (and the
   * error rethrown) when it throws, the enclosing transaction going on.
   */
  inSavepoint<T>(write: () => T): T;
}

export class SqliteStatements implements Statements {
  readonly #cache = new Map<string, SQLite.Statement>();
  /** Statements in pluck mode (first column only), kept apart: the mode sticks to the statement. */
  readonly #plucked = new Map<string, SQLite.Statement>();

  constructor(
    readonly sqlite: SQLite.Database,
    private readonly limit = 2000,
  ) {}

  prepare(sql: string): SQLite.Statement {
    let statement = this.#cache.get(sql);
    if (!statement) {
      if (this.#cache.size >= this.limit) this.#cache.clear();
      statement = this.sqlite.prepare(sql);
      this.#cache.set(sql, statement);
    }
    return statement;
  }

  /** The first row, if any. */
  one<Row>(sql: string, params: Params = []): Row | undefined {
    return this.prepare(sql).get(...params) as Row | undefined;
  }

  all<Row>(sql: string, params: Params = []): Row[] {
    return this.prepare(sql).all(...params) as Row[];
  }

  run(sql: string, params: Params = []): RunResult {
    return { changes: this.prepare(sql).run(...params).changes };
  }

  /** SQLite's statements cost microseconds: nothing is held. */
  write(sql: string, params: Params = []): void {
    this.prepare(sql).run(...params);
  }

  sendWrites(): void {}

  /**
   * Runs `write` in a savepoint: kept when it returns, undone alone (and the
   * error rethrown) when it throws, the enclosing transaction going on.
   */
  inSavepoint<T>(write: () => T): T {
    this.run('SAVEPOINT write');
    try {
      const result = write();
      this.run('RELEASE write');
      return result;
    } catch (error) {
      this.run('ROLLBACK TO write');
      this.run('RELEASE write');
      throw error;
    }
  }

  /** The first column of every row, without building a row object per row. */
  values<Value>(sql: string, params: Params = []): Value[] {
    let statement = this.#plucked.get(sql);
    if (!statement) {
      if (this.#plucked.size >= this.limit) this.#plucked.clear();
      statement = this.sqlite.prepare(sql).pluck();
      this.#plucked.set(sql, statement);
    }
    return statement.all(...params) as Value[];
  }
}

/**
 * `(?, ?, …)` for an IN list of these values, and the values to bind. The
 * list is padded with NULLs to a power of two, so a query has a handful of
 * shapes whatever the list's length (each shape is a prepared statement);
 * `x IN (…, NULL)` matches exactly the values. Never use it with NOT IN.
 */
export function inList(values: readonly unknown[]): { list: string; values: unknown[] } {
  let size = 1;
  while (size < values.length) size *= 2;
  const padded = [...values, ...Array<null>(size - values.length).fill(null)];
  return { list: `(${padded.map(() => '?').join(', ')})`, values: padded };
}
