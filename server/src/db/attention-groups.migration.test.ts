import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type OpenedDatabase } from './connection.js';
import { migrations } from './migrations/index.js';

/**
 * Migration 2026_12_04_0010_attention_groups on a database that already has
 * refusals: every (device, mutation, code) is counted into `attention_groups`,
 * and dismissals are kept for good and stay in their club.
 */
let store: OpenedDatabase;
const now = '2026-12-04T10:00:00.000Z';

const migrator = () =>
  new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
const run = (sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).run(...params);

function logAttempt(id: string, clientId: string, name: string, code: string | null) {
  run(
    `INSERT INTO mutation_log (id, club_id, client_id, seq, user_id, name, args, occurred_at,
       judged_at, received_at, status, code, server_version)
     VALUES (?, 'c1', ?, 0, 'u1', ?, '{}', ?, ?, ?, ?, ?, 1)`,
    id,
    clientId,
    name,
    now,
    now,
    now,
    code ? 'rejected' : 'applied',
    code,
  );
}

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-db-'));
  store = openDatabase(path.join(dir, 'turnout.db'));
  const before = await migrator().migrateTo('2026_12_04_0007_club_guards');
  if (before.error) throw before.error;
  run(`INSERT INTO clubs (id, name, timezone, created_at) VALUES ('c1', 'Club', 'UTC', ?)`, now);
  run(`INSERT INTO clubs (id, name, timezone, created_at) VALUES ('c2', 'Other', 'UTC', ?)`, now);
  run(
    `INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@x', 'A', 'h', ?)`,
    now,
  );
  for (const [id, club] of [
    ['m1', 'c1'],
    ['m2', 'c2'],
  ]) {
    run(
      `INSERT INTO memberships (id, club_id, user_id, role, created_at) VALUES (?, ?, 'u1', 'owner', ?)`,
      id,
      club,
      now,
    );
  }
  for (let i = 0; i < 3; i += 1) logAttempt(`a${i}`, 'phone', 'signup.create', 'session_full');
  logAttempt('b0', 'phone', 'session.cancel', 'not_permitted');
  logAttempt('c0', 'tablet', 'signup.create', 'session_full');
  logAttempt('d0', 'phone', 'signup.create', null);
  await migrateToLatest(store.db);
});

afterEach(() => {
  store.sqlite.close();
});

describe('migration 0010: needs-attention groups', () => {
  it('counts the refusals already logged into their groups', () => {
    const groups = store.sqlite
      .prepare(
        'SELECT client_id, name, code, refusals FROM attention_groups ORDER BY client_id, name',
      )
      .all();
    expect(groups).toEqual([
      { client_id: 'phone', name: 'session.cancel', code: 'not_permitted', refusals: 1 },
      { client_id: 'phone', name: 'signup.create', code: 'session_full', refusals: 3 },
      { client_id: 'tablet', name: 'signup.create', code: 'session_full', refusals: 1 },
    ]);
  });

  it('keeps a dismissal for good, in its club', () => {
    const dismiss = (id: string, by: string) =>
      run(
        `INSERT INTO attention_group_dismissals (id, club_id, client_id, name, code, up_to,
           last_item_id, item_count, covered, first_received_at, dismissed_by, dismissed_at, version)
         VALUES (?, 'c1', 'phone', 'signup.create', 'session_full', ?, 'a2', 3, 3, ?, ?, ?, 1)`,
        id,
        now,
        now,
        by,
        now,
      );
    expect(() => dismiss('x1', 'm2')).toThrow(/belong to one club/);
    dismiss('x2', 'm1');
    expect(() => run(`UPDATE attention_group_dismissals SET note = 'x'`)).toThrow(/never changes/);
    expect(() => run(`DELETE FROM attention_group_dismissals`)).toThrow(/kept for good/);
    // One dismissal per group and cut.
    expect(() => dismiss('x3', 'm1')).toThrow(/UNIQUE/);
  });

  it('can be undone', async () => {
    const { error } = await migrator().migrateTo('2026_12_04_0007_club_guards');
    expect(error).toBeUndefined();
    const tables = store.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'attention_group%'`)
      .all();
    expect(tables).toEqual([]);
  });
});
