import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';
import { PostgresStatements } from './postgres/pg-statements.js';
import { SyncPostgres } from './postgres/sync-client.js';
import { SyncPostgresDialect } from './postgres/sync-dialect.js';
import { openReadOnlyDatabase } from './read-only.js';
import { SqliteStatements, type Statements } from './statements.js';

export type Db = Kysely<Database>;

/** The store a database lives in: a SQLite file (the default) or PostgreSQL. */
export type StoreKind = 'sqlite' | 'postgres';

interface Opened {
  statements: Statements;
  kind: StoreKind;
  /** The SQLite connection, or the PostgreSQL URL. */
  sqlite?: SQLite.Database;
  url?: string;
}

/** What each database opened here runs on (see statementsOf). */
const opened = new WeakMap<Db, Opened>();

export interface OpenedDatabase {
  db: Db;
  sqlite: SQLite.Database;
}

/**
 * Opens (creating if needed) the SQLite file with the settings the money
 * depends on: WAL for concurrent readers, synchronous=FULL so a committed
 * check-in survives power loss, foreign keys enforced, and a busy timeout so
 * a backup or second process waits instead of failing.
 */
export function openDatabase(file: string): OpenedDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Savepoint journals (a push retried with a savepoint per mutation) and
  // sorts stay in memory instead of temp files; as files they cost more than
  // a mutation's writes. Only temporary data: durability stays with the WAL.
  sqlite.pragma('temp_store = MEMORY');
  return wrap(sqlite, true);
}

/**
 * A read-only connection to the database file as a Kysely database with its
 * statement cache, for readers on another thread (the pull workers): WAL
 * lets them read a snapshot while the server's own connection writes.
 */
export function openReadOnlyStore(file: string): OpenedDatabase {
  return wrap(openReadOnlyDatabase(file));
}

/**
 * Kysely begins a transaction with a plain `begin`, which takes the write lock only at the
 * first write. When another process (`turnout setup-link`, a restore check, a test seeding
 * the file) commits between a transaction's first read and its first write, SQLite then
 * refuses the write at once (SQLITE_BUSY_SNAPSHOT; the busy timeout does not apply) and the
 * request fails. The server's one writing connection runs one transaction at a time, so
 * taking the lock at `begin` costs nothing, and another process's write waits instead.
 */
function beginImmediately(query: string): string {
  return query === 'begin' ? 'begin immediate' : query;
}

function wrap(sqlite: SQLite.Database, writes = false): OpenedDatabase {
  const statements = new SqliteStatements(sqlite);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: {
        close: () => sqlite.close(),
        prepare: (query) => statements.prepare(writes ? beginImmediately(query) : query),
      },
    }),
  });
  opened.set(db, { statements, kind: 'sqlite', sqlite });
  return { db, sqlite };
}

/**
 * The PostgreSQL database at `url` on one synchronous connection
 * (postgres/sync-client.ts): Kysely's queries and the data layer's
 * synchronous statements share it, as they share SQLite's one connection.
 */
export function openPostgresDatabase(url: string): Db {
  const client = new SyncPostgres(url);
  const db = new Kysely<Database>({ dialect: new SyncPostgresDialect(client) });
  opened.set(db, { statements: new PostgresStatements(client), kind: 'postgres', url });
  return db;
}

function openedOf(db: Db): Opened {
  const store = opened.get(db);
  if (!store) throw new Error('this database was not opened by db/connection.ts');
  return store;
}

/** Which store the database lives in. */
export function storeKindOf(db: Db): StoreKind {
  return openedOf(db).kind;
}

/** The SQLite connection behind the database; undefined on PostgreSQL. */
export function sqliteOf(db: Db): SQLite.Database | undefined {
  return openedOf(db).sqlite;
}

/** The PostgreSQL URL behind the database; undefined on SQLite. */
export function postgresUrlOf(db: Db): string | undefined {
  return openedOf(db).url;
}

/**
 * The synchronous statements behind a database opened here (on SQLite, the
 * same prepared-statement cache Kysely uses), for the data layer's hot paths.
 */
export function statementsOf(db: Db): Statements {
  return openedOf(db).statements;
}

/** Runs every pending migration; throws (and the server does not start) if one fails. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations already applied to this database, and those still to run. */
export async function migrationStatus(db: Db): Promise<{ applied: string[]; pending: string[] }> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const all = await migrator.getMigrations();
  return {
    applied: all.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: all.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}
