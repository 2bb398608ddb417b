import type { Migration } from 'kysely';
import * as schema from './2026_12_06_0001_schema.js';
import * as sqliteFunctions from './2026_12_06_0002_sqlite_functions.js';
import * as rateLimits from './2026_12_06_0003_rate_limits.js';
import * as memberPulls from './2026_12_06_0004_member_pulls.js';

/**
 * Every PostgreSQL migration, in order (issue 17). Listed by hand (not read
 * from the folder) so the same code runs under tsx, in tests and in any
 * bundle, as server/src/db/migrations/index.ts does for SQLite. The first
 * one is the whole SQLite schema as of its migration 0023; later changes to
 * the schema get a migration in both folders.
 */
export const postgresMigrations: Record<string, Migration> = {
  '2026_12_06_0001_schema': schema,
  '2026_12_06_0002_sqlite_functions': sqliteFunctions,
  '2026_12_06_0003_rate_limits': rateLimits,
  '2026_12_06_0004_member_pulls': memberPulls,
};
