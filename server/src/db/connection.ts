import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';
import { openReadOnlyDatabase } from './read-only.js';
import { Statements } from './statements.js';

export type Db = Kysely<Database>;

/** The statement cache of each database opened here (see statementsOf). */
const opened = new WeakMap<Db, Statements>();

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
  return wrap(sqlite);
}

/**
 * A read-only connection to the database file as a Kysely database with its
 * statement cache, for readers on another thread (the pull workers): WAL
 * lets them read a snapshot while the server's own connection writes.
 */
export function openReadOnlyStore(file: string): OpenedDatabase {
  return wrap(openReadOnlyDatabase(file));
}

function wrap(sqlite: SQLite.Database): OpenedDatabase {
  const statements = new Statements(sqlite);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: { close: () => sqlite.close(), prepare: (query) => statements.prepare(query) },
    }),
  });
  opened.set(db, statements);
  return { db, sqlite };
}

/**
 * The prepared statements behind a database opened with openDatabase (the
 * same cache Kysely uses), for the data layer's synchronous hot paths.
 */
export function statementsOf(db: Db): Statements {
  const statements = opened.get(db);
  if (!statements) throw new Error('statementsOf needs the database returned by openDatabase');
  return statements;
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
