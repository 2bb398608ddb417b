import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './connection.js';
import { migrations } from './migrations/index.js';

/**
 * Migration 2026_12_05_0014_mail on a database with an account: the queue's
 * guards, its rows going with their club but not with their person, and
 * the migration can be undone.
 */
let store: OpenedDatabase;
const now = '2026-12-05T10:00:00.000Z';
const migrator = () =>
  new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
const run = (sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).run(...params);
const mail = (id: string, to: string, dedupe: string | null, user: string | null = null) =>
  run(
    `INSERT INTO mail_queue (id, "to", locale, kind, data, user_id, dedupe_key, created_at, next_attempt_at)
     VALUES (?, ?, 'en', 'password_reset', '{}', ?, ?, ?, ?)`,
    id,
    to,
    user,
    dedupe,
    now,
    now,
  );
const tables = () =>
  (
    store.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'mail%'`)
      .all() as { name: string }[]
  ).map((t) => t.name);

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-db-'));
  store = openDatabase(path.join(dir, 'turnout.db'));
  const before = await migrator().migrateTo('2026_12_05_0013_device_names');
  if (before.error) throw before.error;
  run(
    `INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@x', 'A', 'h', ?)`,
    now,
  );
  const after = await migrator().migrateTo('2026_12_05_0014_mail');
  if (after.error) throw after.error;
});

afterEach(() => store.sqlite.close());

describe('migration 0014 mail', () => {
  it('keeps one row per dedupe key, any number without one', () => {
    mail('m1', 'a@example.org', 'k');
    expect(() => mail('m2', 'a@example.org', 'k')).toThrow(/UNIQUE/);
    mail('m3', 'a@example.org', null);
    mail('m4', 'a@example.org', null);
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM mail_queue').get()).toEqual({ n: 3 });
  });

  it('refuses an empty or oversized address, and keeps a mail whose person is deleted', () => {
    expect(() => mail('m1', '', null)).toThrow(/CHECK/);
    expect(() => mail('m2', `${'a'.repeat(320)}@x`, null)).toThrow(/CHECK/);
    mail('m3', 'a@example.org', null, 'u1');
    run(`DELETE FROM users WHERE id = 'u1'`);
    expect(store.sqlite.prepare(`SELECT user_id FROM mail_queue WHERE id = 'm3'`).get()).toEqual({
      user_id: null,
    });
  });

  it('can be undone', async () => {
    expect(tables().sort()).toEqual(['mail_queue', 'mail_secrets']);
    const down = await migrator().migrateTo('2026_12_05_0013_device_names');
    if (down.error) throw down.error;
    expect(tables()).toEqual([]);
  });
});
