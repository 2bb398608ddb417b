import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpAnotherClub, type TestServer } from '../../test/harness.js';
import { startReportClub, type ReportClub } from '../../test/report-club.js';
import { openTestStore, testStores, type TestStore } from '../../test/stores.js';
import { copyClub, CopyError } from './copy-club.js';
import { POSTGRES_ONLY_TABLES } from '../postgres/connection.js';
import { copiedTables } from './tables.js';

/**
 * A club with a real history (passes charged and refunded, a voided
 * check-in, a late cancel, waitlist, refusals needing attention; all through
 * sync.push) moves from its SQLite file to the other store and back, and
 * every row of it comes back as it was.
 */
type Row = Record<string, unknown>;

describe.each(testStores())('copying a club to %s and back', (kind) => {
  let server: TestServer;
  let club: ReportClub;
  let middle: TestStore;
  let back: TestStore;
  let otherClub: string;

  beforeAll(async () => {
    ({ server, club } = await startReportClub());
    otherClub = (
      await setUpAnotherClub(server, 'Another club', { name: 'Pia', email: 'pia@example.org' })
    ).clubId;
    middle = await openTestStore(kind);
    back = await openTestStore('sqlite');
  });
  afterAll(async () => {
    await middle?.close();
    await back?.close();
    await server?.close();
  });

  /** Every row of the club in a table, in key order; counters compared where they are kept. */
  async function clubRows(store: TestStore['db'], table: (typeof copiedTables)[number]) {
    const members = sql`SELECT user_id FROM memberships WHERE club_id = ${club.clubId}`;
    const where =
      table.scope === 'club-row'
        ? sql`id = ${club.clubId}`
        : table.scope === 'member-users'
          ? sql`id IN (${members})`
          : table.scope === 'member-user-rows'
            ? sql`user_id IN (${members})`
            : sql`club_id = ${club.clubId}`;
    const order = sql.join(table.key.map((k) => sql.ref(k)));
    const result =
      await sql<Row>`SELECT * FROM ${sql.table(table.name)} WHERE ${where} ORDER BY ${order}`.execute(
        store,
      );
    return result.rows.map((row) =>
      table.name === 'security_log' ? { ...row, id: undefined } : row,
    );
  }

  it('copies every row of the club and only that club', async () => {
    const there = await copyClub(server.deps.db, middle.db, club.clubId);
    expect(there.rows.credit_log).toBeGreaterThan(5);
    expect(there.rows.attendance).toBeGreaterThan(3);
    expect(there.rows.mutation_log).toBeGreaterThan(10);
    const home = await copyClub(middle.db, back.db, club.clubId);
    expect(home.rows).toEqual(there.rows);

    const compared = copiedTables.filter(
      (t) =>
        t.scope !== 'server-keep-target' && !['change_counter', 'setup_tokens'].includes(t.name),
    );
    for (const table of compared) {
      const original = await clubRows(server.deps.db, table);
      expect(await clubRows(middle.db, table), `${table.name} on ${kind}`).toEqual(original);
      expect(await clubRows(back.db, table), `${table.name} back on SQLite`).toEqual(original);
    }
    const clubs = await sql<{ id: string }>`SELECT id FROM clubs`.execute(middle.db);
    expect(clubs.rows.map((c) => c.id)).toEqual([club.clubId]);
    expect(otherClub).not.toBe(club.clubId);
  });

  it('keeps new changes after every copied row', async () => {
    const counter = async (db: TestStore['db']) =>
      (await sql<{ version: number }>`SELECT version FROM change_counter WHERE id = 1`.execute(db))
        .rows[0]?.version;
    expect(await counter(middle.db)).toBeGreaterThanOrEqual((await counter(server.deps.db)) ?? 0);
  });

  it('refuses to copy a club twice, and leaves the target as it was', async () => {
    await expect(copyClub(server.deps.db, middle.db, club.clubId)).rejects.toThrow(CopyError);
    await expect(copyClub(server.deps.db, middle.db, 'no-such-club')).rejects.toThrow(
      /no club no-such-club/,
    );
  });

  it('refuses an account the target knows under the same e-mail as someone else', async () => {
    const fresh = await openTestStore(kind);
    try {
      await sql`INSERT INTO users (id, email, name, password_hash, created_at)
                VALUES ('someone-else', 'ana@example.org', 'Not Ana', 'x', '2026-01-01T00:00:00Z')`.execute(
        fresh.db,
      );
      await expect(copyClub(server.deps.db, fresh.db, club.clubId)).rejects.toThrow(
        /already has an account for ana@example.org/,
      );
      const copied = await sql<{
        n: number;
      }>`SELECT CAST(COUNT(*) AS integer) AS n FROM memberships`.execute(fresh.db);
      expect(copied.rows[0]?.n).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('names every table of the schema', async () => {
    const names =
      kind === 'sqlite'
        ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'
            AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'kysely%'`.execute(middle.db)
        : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely%'
            AND table_name <> ALL (${POSTGRES_ONLY_TABLES})`.execute(middle.db);
    expect(names.rows.map((r) => r.name).sort()).toEqual(copiedTables.map((t) => t.name).sort());
  });
});
