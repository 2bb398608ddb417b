import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './connection.js';
import { migrations } from './migrations/index.js';

/**
 * Migration 2026_12_05_0015_account_tokens on a database with an account:
 * the account keeps following its device's language, tokens are guarded and
 * go with their account, and the migration can be undone.
 */
let store: OpenedDatabase;
const now = '2026-12-05T10:00:00.000Z';
const migrator = () =>
  new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
const run = (sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).run(...params);
const token = (id: string, purpose: string, hash: string, newEmail: string | null = null) =>
  run(
    `INSERT INTO account_tokens (id, user_id, purpose, token_hash, new_email, created_at, expires_at)
     VALUES (?, 'u1', ?, ?, ?, ?, ?)`,
    id,
    purpose,
    hash,
    newEmail,
    now,
    now,
  );

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-db-'));
  store = openDatabase(path.join(dir, 'turnout.db'));
  const before = await migrator().migrateTo('2026_12_05_0013_device_names');
  if (before.error) throw before.error;
  run(
    `INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@x', 'A', 'h', ?)`,
    now,
  );
  const after = await migrator().migrateTo('2026_12_05_0015_account_tokens');
  if (after.error) throw after.error;
});

afterEach(() => store.sqlite.close());

describe('migration 0015 account tokens', () => {
  it('leaves existing accounts following their device language', () => {
    expect(store.sqlite.prepare(`SELECT locale FROM users WHERE id = 'u1'`).get()).toEqual({
      locale: null,
    });
    run(`UPDATE users SET locale = 'de' WHERE id = 'u1'`);
    expect(() => run(`UPDATE users SET locale = 'x' WHERE id = 'u1'`)).toThrow(/CHECK/);
  });

  it('keeps one row per token hash, a new address only on email changes', () => {
    token('t1', 'reset', 'h1');
    expect(() => token('t2', 'reset', 'h1')).toThrow(/UNIQUE/);
    expect(() => token('t3', 'reset', 'h3', 'b@x')).toThrow(/CHECK/);
    expect(() => token('t4', 'email_change', 'h4')).toThrow(/CHECK/);
    expect(() => token('t5', 'login', 'h5')).toThrow(/CHECK/);
    token('t6', 'email_change', 'h6', 'b@x');
    run(`DELETE FROM users WHERE id = 'u1'`);
    expect(store.sqlite.prepare(`SELECT count(*) AS n FROM account_tokens`).get()).toEqual({
      n: 0,
    });
  });

  it('can be undone', async () => {
    const down = await migrator().migrateTo('2026_12_05_0013_device_names');
    expect(down.error).toBeUndefined();
    const columns = store.sqlite.prepare(`PRAGMA table_info(users)`).all() as { name: string }[];
    expect(columns.map((c) => c.name)).not.toContain('locale');
  });
});
