import type { Params, RunResult, Statements } from '../statements.js';
import type { SyncPostgres } from './sync-client.js';

/**
 * The data layer's synchronous statements on PostgreSQL: the same SQL as on
 * SQLite (the repositories write SQL both stores read), its `?`
 * placeholders numbered for PostgreSQL once per distinct text.
 */
export class PostgresStatements implements Statements {
  readonly #numbered = new Map<string, string>();
  #savepoints = 0;

  constructor(
    readonly client: SyncPostgres,
    private readonly limit = 2000,
  ) {}

  one<Row>(sql: string, params: Params = []): Row | undefined {
    return this.#query(sql, params).rows[0] as Row | undefined;
  }

  all<Row>(sql: string, params: Params = []): Row[] {
    return this.#query(sql, params).rows as Row[];
  }

  run(sql: string, params: Params = []): RunResult {
    return { changes: this.#query(sql, params).rowCount };
  }

  write(sql: string, params: Params = []): void {
    this.client.write(this.#text(sql), params);
  }

  sendWrites(): void {
    this.client.sendHeld();
  }

  values<Value>(sql: string, params: Params = []): Value[] {
    return this.#query(sql, params).rows.map((row) => Object.values(row)[0] as Value);
  }

  inSavepoint<T>(write: () => T): T {
    // Named by depth: a savepoint inside another one's write stays distinct.
    const name = `write_${++this.#savepoints}`;
    this.client.query(`SAVEPOINT ${name}`);
    try {
      const result = write();
      this.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      this.client.query(`RELEASE SAVEPOINT ${name}`);
      throw error;
    } finally {
      this.#savepoints--;
    }
  }

  #query(sql: string, params: Params) {
    return this.client.query(this.#text(sql), params);
  }

  #text(sql: string): string {
    let text = this.#numbered.get(sql);
    if (text === undefined) {
      if (this.#numbered.size >= this.limit) this.#numbered.clear();
      text = numbered(sql);
      this.#numbered.set(sql, text);
    }
    return text;
  }
}

/** `?` placeholders (outside quotes) as PostgreSQL's `$1, $2, …`. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|\?/g, (token) => (token === '?' ? `$${++n}` : token));
}
