/**
 * The suites whose test servers run once more on PostgreSQL (vitest.config.ts,
 * project `postgres`): the sync protocol's integration, property and crash
 * suites, the tRPC procedures, and the multi-server suite. Suites about
 * SQLite itself (its file, backups, WAL durability, migrations, query plans)
 * stay SQLite-only; suites written with `describe.each(testStores())` run
 * both stores from the SQLite project.
 */
export const postgresSuites = [
  'src/sync/*.test.ts',
  'src/trpc/**/*.test.ts',
  'src/http/calendar.test.ts',
  'src/http/exports.test.ts',
  'src/http/exports.access.test.ts',
  'src/exports/files.test.ts',
  'src/mail/unsubscribe.test.ts',
  'src/notify/**/*.test.ts',
];

/** Of those, the ones about SQLite itself. */
export const sqliteOnlySuites = [
  // Pull workers read the SQLite file beside the writer; on PostgreSQL pulls run on the main thread.
  'src/sync/pull-pool.test.ts',
  // Counts SQLite's statements and reads its query plans.
  'src/sync/pull.cost.test.ts',
  // SIGKILLs a server on a SQLite file (servers.postgres.test.ts does it on PostgreSQL).
  'src/sync/crash.test.ts',
  // The pull worker's JSON writer: no store involved.
  'src/sync/pull-json.test.ts',
];
