import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

export type Db = Kysely<Database>;

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
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, sqlite };
}

/**
 * Kysely prepares every query anew; preparing costs as much as running a
 * small query. Queries repeat (the same SQL with new parameters), so prepared
 * statements are kept and reused. The cache is bounded: queries with
 * variable-length IN lists make many shapes.
 */
function withStatementCache(sqlite: SQLite.Database, limit = 2000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(query: string) {
      let statement = cache.get(query);
      if (!statement) {
        if (cache.size >= limit) cache.clear();
        statement = sqlite.prepare(query);
        cache.set(query, statement);
      }
      return statement;
    },
  };
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
