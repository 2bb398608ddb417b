import { createRequire } from 'node:module';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import { HeldWrites } from './held-writes.js';

/** What a statement returned: its rows and how many rows it changed. */
export interface SyncResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

/** A PostgreSQL error as it crossed the thread: its message, SQLSTATE and constraint. */
export class PostgresError extends Error {
  constructor(
    message: string,
    /** The SQLSTATE, e.g. '23505' for a unique violation. */
    readonly code: string | undefined,
    readonly constraint: string | undefined,
    /** The statement, for the server's log. */
    readonly sql: string,
  ) {
    super(message);
    this.name = 'PostgresError';
  }
}

/**
 * The worker's side: one `pg` client, statements run in arrival order, each
 * answered on the port and signalled through the shared word. Plain
 * CommonJS, evaluated as the worker's source, so no build step is needed
 * for it; `pg` is resolved by the main thread and passed in.
 */
const workerSource = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
// COUNT and SUM of integers come back as int8 and numeric: as numbers, as SQLite gives them.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
const signal = new Int32Array(workerData.signal);
const port = workerData.port;
let client;
function connect() {
  // A new connection has no prepared statements.
  prepared.clear();
  const c = new pg.Client({ connectionString: workerData.url, application_name: 'turnout' });
  // A lost server makes the client unusable: the next statement connects again.
  c.on('error', () => { if (client === c) client = undefined; });
  client = c;
  return c.connect().then(() => c, (error) => { if (client === c) client = undefined; throw error; });
}
let ready;
// Statements with values are prepared once per connection and reused by name: PostgreSQL
// then parses and plans each distinct text once, not on every call (the data layer repeats
// the same few hundred texts; measured, about twice the pushes per second). Bounded: past
// the limit, texts run unprepared.
const prepared = new Map();
const maxPrepared = 2000;
function nameOf(sql) {
  let name = prepared.get(sql);
  if (name === undefined && prepared.size < maxPrepared) {
    name = 'p' + prepared.size;
    prepared.set(sql, name);
  }
  return name;
}
// One statement at a time, in the order sent: the next waits for the answer before it.
let queue = Promise.resolve();
port.on('message', (message) => {
  queue = queue.then(() => run(message));
});
async function run(message) {
  let reply;
  try {
    if (!client) ready = connect();
    const c = await ready;
    const values = message.params;
    const name = values.length > 0 && !message.oneOff ? nameOf(message.sql) : undefined;
    // Rows as arrays, with the column names once: far less to copy between threads than objects.
    const query = { text: message.sql, values, rowMode: 'array' };
    if (name) query.name = name;
    const result = await c.query(query);
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    const columns = (last.fields ?? []).map((f) => f.name);
    reply = { id: message.id, columns, rows: last.rows ?? [], rowCount: last.rowCount ?? 0 };
  } catch (error) {
    reply = { id: message.id, error: { message: String(error && error.message), code: error && error.code, constraint: error && error.constraint } };
  }
  port.postMessage(reply);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}
`;

/**
 * One PostgreSQL connection used synchronously: each statement is handed to
 * a worker thread holding a `pg` client, and the caller's thread waits on a
 * shared word (Atomics.wait) until the answer is on the port.
 *
 * Why: the data layer's hot paths (push judging, pull building) are
 * synchronous — the rules judge a batch on facts read as they are needed,
 * as better-sqlite3 serves them — and running them on PostgreSQL unchanged
 * keeps one implementation of the most delicate code. The cost is a thread
 * hop per statement (tens of microseconds) on top of PostgreSQL's round trip,
 * and the event loop waits while a statement runs, exactly as it does for
 * SQLite. docs/decisions.md "PostgreSQL: the data layer's synchronous core".
 */
export class SyncPostgres {
  readonly #worker: Worker;
  readonly #port: MessagePort;
  readonly #signal: Int32Array;
  /** Writes waiting to go out together, before the next statement (held-writes.ts). */
  readonly #held = new HeldWrites();
  #next = 1;
  #closed = false;
  /** Statements sent with queryAsync, by id, waiting for their answer. */
  readonly #pending = new Map<
    number,
    { sql: string; resolve(r: SyncResult): void; reject(e: unknown): void }
  >();

  constructor(
    readonly url: string,
    /** How long one statement may take before the caller is given an error. */
    private readonly timeoutMs = 60_000,
  ) {
    const shared = new SharedArrayBuffer(4);
    this.#signal = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    const pgPath = createRequire(import.meta.url).resolve('pg');
    this.#worker = new Worker(workerSource, {
      eval: true,
      workerData: { url, pgPath, signal: shared, port: port2 },
      transferList: [port2],
    });
    this.#port.on('message', (reply: Reply) => this.#answer(reply));
    // The worker only idles between statements: it must not keep the process alive.
    this.#worker.unref();
    this.#port.unref();
  }

  /**
   * A statement whose answer is awaited, not waited for: the event loop goes
   * on meanwhile (Kysely's queries, and a transaction waiting for the write
   * lock). The connection is the same, and statements run in the order sent.
   */
  queryAsync(sql: string, params: readonly unknown[] = []): Promise<SyncResult> {
    if (this.#closed) return Promise.reject(new Error('the PostgreSQL connection is closed'));
    try {
      this.#beforeStatement(sql);
    } catch (error) {
      return Promise.reject(error);
    }
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { sql, resolve, reject });
      this.#port.ref();
      this.#port.postMessage({ id, sql, params });
    });
  }

  query(sql: string, params: readonly unknown[] = []): SyncResult {
    if (this.#closed) throw new Error('the PostgreSQL connection is closed');
    this.#beforeStatement(sql);
    return this.#roundTrip(sql, params, false);
  }

  /**
   * A write whose row count nobody reads, inside a transaction: it may be
   * held and sent with others of its kind, as one statement, just before the
   * connection's next statement (held-writes.ts). An error it meets is
   * thrown by that statement.
   */
  write(sql: string, params: readonly unknown[] = []): void {
    if (this.#closed) throw new Error('the PostgreSQL connection is closed');
    if (this.#held.hold(sql, params)) return;
    this.sendHeld();
    if (!this.#held.hold(sql, params)) this.#roundTrip(sql, params, false);
  }

  /** Sends the held writes now (their errors are thrown here). */
  sendHeld(): void {
    if (this.#held.size === 0) return;
    for (const statement of this.#held.take()) {
      this.#roundTrip(statement.sql, statement.params, statement.oneOff);
    }
  }

  /** Held writes go out before any other statement; a rollback forgets them. */
  #beforeStatement(sql: string): void {
    if (this.#held.size === 0) return;
    if (/^\s*rollback\b/i.test(sql)) this.#held.discard();
    else this.sendHeld();
  }

  #roundTrip(sql: string, params: readonly unknown[], oneOff: boolean): SyncResult {
    const id = this.#next++;
    this.#port.postMessage({ id, sql, params, oneOff });
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      // Read the word before looking at the port: an answer posted after the look
      // moves the word, so the wait below cannot sleep through it.
      const signalled = Atomics.load(this.#signal, 0);
      const message = receiveMessageOnPort(this.#port) as { message: Reply } | undefined;
      if (message) {
        const reply = message.message;
        // Another statement's answer: an awaited one's goes to its caller; one given up on
        // (timed out) is skipped.
        if (reply.id !== id) {
          this.#answer(reply);
          continue;
        }
        return resultOf(reply, sql);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`PostgreSQL did not answer within ${this.timeoutMs} ms`);
      Atomics.wait(this.#signal, 0, signalled, left);
    }
  }

  #answer(reply: Reply): void {
    const waiting = this.#pending.get(reply.id);
    if (!waiting) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#port.unref();
    try {
      waiting.resolve(resultOf(reply, waiting.sql));
    } catch (error) {
      waiting.reject(error);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#held.discard();
    this.#port.close();
    await this.#worker.terminate();
    for (const waiting of this.#pending.values()) {
      waiting.reject(new Error('the PostgreSQL connection is closed'));
    }
    this.#pending.clear();
  }
}

function resultOf(reply: Reply, sql: string): SyncResult {
  if (reply.error) {
    throw new PostgresError(
      reply.error.message,
      reply.error.code,
      reply.error.constraint,
      sql.slice(0, 500),
    );
  }
  return { rows: objectsOf(reply.columns ?? [], reply.rows ?? []), rowCount: reply.rowCount ?? 0 };
}

/** Rows as objects keyed by column name (a later column of the same name wins, as in `pg`). */
function objectsOf(
  columns: readonly string[],
  rows: readonly unknown[][],
): Record<string, unknown>[] {
  const objects = new Array<Record<string, unknown>>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const object: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c++) object[columns[c]!] = row[c];
    objects[r] = object;
  }
  return objects;
}

interface Reply {
  id: number;
  /** Column names, in the order of each row's values. */
  columns?: string[];
  rows?: unknown[][];
  rowCount?: number;
  error?: { message: string; code?: string; constraint?: string };
}
