import type { Migration } from 'kysely';
import * as accounts from './2026_11_21_0001_accounts.js';
import * as domain from './2026_11_21_0002_domain.js';

/**
 * Every migration, in order. Listed by hand (not read from the folder) so the
 * same code runs under tsx, in tests and in any bundle.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_21_0001_accounts': accounts,
  '2026_11_21_0002_domain': domain,
};
