import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './connection.js';
import { migrations } from './migrations/index.js';

/**
 * Migration 2026_12_05_0020_dependants: a tie between two members of one
 * club (never across clubs, never to oneself, one guardian per dependant),
 * moving the club's members_version; link codes of the club's members; and
 * it can be undone.
 */
let store: OpenedDatabase;
const now = '2026-12-05T10:00:00.000Z';

const migrator = () =>
  new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
const run = (sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).run(...params);
const membersVersion = (club: string) =>
  (
    store.sqlite.prepare('SELECT members_version AS v FROM clubs WHERE id = ?').get(club) as {
      v: number;
    }
  ).v;

function member(id: string, club: string) {
  run(
    `INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, 'h', ?)`,
    `u-${id}`,
    `${id}@example.org`,
    id,
    now,
  );
  run(
    `INSERT INTO memberships (id, club_id, user_id, role, created_at) VALUES (?, ?, ?, 'member', ?)`,
    id,
    club,
    `u-${id}`,
    now,
  );
}

const tie = (memberId: string, guardianId: string, club = 'c1', by = guardianId) =>
  run(
    `INSERT INTO dependants (member_id, club_id, guardian_id, kind, birth_year, added_at, added_by)
     VALUES (?, ?, ?, 'child', 2016, ?, ?)`,
    memberId,
    club,
    guardianId,
    now,
    by,
  );

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-db-'));
  store = openDatabase(path.join(dir, 'turnout.db'));
  const result = await migrator().migrateTo('2026_12_05_0020_dependants');
  if (result.error) throw result.error;
  run(`INSERT INTO clubs (id, name, timezone, created_at) VALUES ('c1', 'Club', 'UTC', ?)`, now);
  run(`INSERT INTO clubs (id, name, timezone, created_at) VALUES ('c2', 'Other', 'UTC', ?)`, now);
  member('mia', 'c1');
  member('lena', 'c1');
  member('otto', 'c2');
});
afterEach(async () => {
  await store.db.destroy();
});

describe('migration 0020: dependants', () => {
  it('ties two members of one club, and the member list moves with it', () => {
    const before = membersVersion('c1');
    tie('lena', 'mia');
    expect(membersVersion('c1')).toBe(before + 1);
    run(`UPDATE dependants SET removed_at = ?, removed_by = 'mia' WHERE member_id = 'lena'`, now);
    expect(membersVersion('c1')).toBe(before + 2);
  });

  it('refuses a tie across clubs, to oneself, a second guardian, and moving a tie', () => {
    expect(() => tie('lena', 'otto')).toThrow(/one club/);
    expect(() => tie('otto', 'mia', 'c2')).toThrow(/one club/);
    expect(() => tie('mia', 'mia')).toThrow(/CHECK/);
    tie('lena', 'mia');
    expect(() => tie('lena', 'mia')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => run(`UPDATE dependants SET club_id = 'c2' WHERE member_id = 'lena'`)).toThrow(
      /another club|one club/,
    );
    expect(() => run(`UPDATE dependants SET removed_by = 'otto' WHERE member_id = 'lena'`)).toThrow(
      /one club/,
    );
  });

  it("keeps link codes of the club's own members only", () => {
    const code = (hash: string, memberId: string, club: string) =>
      run(
        `INSERT INTO family_link_codes (code_hash, club_id, member_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?)`,
        hash,
        club,
        memberId,
        now,
        now,
      );
    code('h1', 'lena', 'c1');
    expect(() => code('h2', 'otto', 'c1')).toThrow(/one club/);
  });

  it('can be undone', async () => {
    tie('lena', 'mia');
    const down = await migrator().migrateTo('2026_12_05_0019_session_counts');
    expect(down.error).toBeUndefined();
    const tables = store.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE name IN ('dependants', 'family_link_codes')`)
      .all();
    expect(tables).toEqual([]);
  });
});
