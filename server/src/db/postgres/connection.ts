import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../database.js';
import { postgresMigrations } from './migrations/index.js';

/**
 * Tables only PostgreSQL has: what several app servers share that one
 * SQLite server keeps in memory (the guessing limits, migration 0003). Not
 * club data: the copy leaves them, the schema parity test expects them.
 */
export const POSTGRES_ONLY_TABLES = ['rate_limits'];

export interface OpenedPostgres {
  db: Kysely<Database>;
  pool: pg.Pool;
}

/**
 * A pool of connections to the PostgreSQL database at `url`, as the same
 * Kysely `Database` the SQLite store serves: columns keep their SQLite types
 * (text and int4), which node-postgres hands back as strings and numbers.
 */
export function openPostgres(url: string, options: { max?: number } = {}): OpenedPostgres {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client that loses its server (a restart, a killed backend) emits
  // 'error'; unhandled, that would end the process. The next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}

/** Runs every pending PostgreSQL migration; throws if one fails. */
export async function migratePostgres(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => postgresMigrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
