import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testStores, type TestStore } from '../../test/stores.js';
import { POSTGRES_ONLY_TABLES } from './connection.js';

/**
 * The PostgreSQL schema is written by hand beside the SQLite migrations: a
 * migration added to one store and not the other fails here. Tables,
 * columns (name, order, type, NOT NULL), indexes and guard triggers are
 * compared; the few deliberate differences are listed with their reason.
 */
const TRIGGERS_ONLY_IN_SQLITE = {
  // PostgreSQL moves the balance in credit_log_balance_after (BEFORE ROW), so
  // several entries of one pass in one statement chain (see the PG schema).
  credit_log_apply: 'folded into credit_log_balance_after',
};
const TRIGGERS_ONLY_IN_POSTGRES = [
  // TRUNCATE would skip DELETE triggers; SQLite has no TRUNCATE.
  'attention_group_dismissals_no_truncate',
  'attention_resolutions_no_truncate',
  'credit_log_no_truncate',
  'mutation_log_no_truncate',
];

interface Column {
  table: string;
  name: string;
  type: string;
  notNull: boolean;
}

describe.runIf(testStores().includes('postgres'))('the PostgreSQL schema', () => {
  let lite: TestStore;
  let pg: TestStore;
  beforeAll(async () => {
    lite = await openTestStore('sqlite');
    pg = await openTestStore('postgres');
  });
  afterAll(async () => {
    await lite?.close();
    await pg?.close();
  });

  async function sqliteColumns(): Promise<Column[]> {
    const tables = await lite.all<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table'
       AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'kysely%' ORDER BY name`,
    );
    const columns: Column[] = [];
    for (const { name: table } of tables) {
      const info = await lite.all<{ name: string; type: string; notnull: number; pk: number }>(
        `SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`,
        table,
      );
      for (const c of info) {
        columns.push({
          table,
          name: c.name,
          type: c.type.toLowerCase(),
          // A primary key column is NOT NULL in PostgreSQL whether or not it says so.
          notNull: c.notnull === 1 || c.pk > 0,
        });
      }
    }
    return columns;
  }

  async function postgresColumns(): Promise<Column[]> {
    const rows = await pg.all<{ table: string; name: string; type: string; nullable: string }>(
      `SELECT table_name AS "table", column_name AS name, data_type AS type, is_nullable AS nullable
       FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely%'
         AND table_name <> ALL (?)
       ORDER BY table_name, ordinal_position`,
      POSTGRES_ONLY_TABLES,
    );
    return rows.map((c) => ({
      table: c.table,
      name: c.name,
      type: c.type,
      notNull: c.nullable === 'NO',
    }));
  }

  it('has the same tables and columns, in the same order, with the same types', async () => {
    const byTable = (columns: Column[]) => {
      const tables = new Map<string, string[]>();
      for (const c of columns) {
        tables.set(c.table, [
          ...(tables.get(c.table) ?? []),
          `${c.name} ${c.type}${c.notNull ? ' not null' : ''}`,
        ]);
      }
      return Object.fromEntries([...tables].sort(([a], [b]) => a.localeCompare(b)));
    };
    expect(byTable(await postgresColumns())).toEqual(byTable(await sqliteColumns()));
  });

  it('has the same indexes', async () => {
    const sqliteIndexes = await lite.all<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`,
    );
    const postgresIndexes = await pg.all<{ name: string }>(
      `SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'
       AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY indexname`,
    );
    expect(postgresIndexes.map((i) => i.name)).toEqual(sqliteIndexes.map((i) => i.name));
  });

  it('has the same guard triggers, but for the listed differences', async () => {
    const sqliteTriggers = (
      await lite.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'trigger'`)
    ).map((t) => t.name);
    const postgresTriggers = (
      await sql<{
        name: string;
      }>`SELECT DISTINCT trigger_name AS name FROM information_schema.triggers
        WHERE trigger_schema = 'public'
        UNION SELECT tgname FROM pg_trigger WHERE NOT tgisinternal`.execute(pg.db)
    ).rows.map((t) => t.name);
    const expected = [
      ...sqliteTriggers.filter((t) => !(t in TRIGGERS_ONLY_IN_SQLITE)),
      ...TRIGGERS_ONLY_IN_POSTGRES,
    ].sort();
    expect([...new Set(postgresTriggers)].sort()).toEqual(expected);
  });
});
