import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createECDH } from 'node:crypto';
import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './connection.js';
import { migrations } from './migrations/index.js';

/**
 * Migration 2026_12_05_0017_push: a usable VAPID key pair from the first
 * start, subscriptions unique per endpoint and gone with their login or
 * account, and the migration can be undone.
 */
let store: OpenedDatabase;
const now = '2026-12-05T10:00:00.000Z';
const migrator = () =>
  new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
const run = (sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).run(...params);
const subscribe = (id: string, endpoint: string, login = 'l1') =>
  run(
    `INSERT INTO push_subscriptions (id, user_id, login_session_id, endpoint, p256dh, auth, created_at)
     VALUES (?, 'u1', ?, ?, 'k', 'a', ?)`,
    id,
    login,
    endpoint,
    now,
  );
const count = () =>
  (store.sqlite.prepare('SELECT COUNT(*) AS n FROM push_subscriptions').get() as { n: number }).n;

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-db-'));
  store = openDatabase(path.join(dir, 'turnout.db'));
  const result = await migrator().migrateTo('2026_12_05_0017_push');
  if (result.error) throw result.error;
  run(
    `INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@x', 'A', 'h', ?)`,
    now,
  );
  for (const id of ['l1', 'l2']) {
    run(
      `INSERT INTO login_sessions (id, user_id, token_hash, created_at, expires_at, last_seen_at)
       VALUES (?, 'u1', ?, ?, ?, ?)`,
      id,
      `hash-${id}`,
      now,
      now,
      now,
    );
  }
});

afterEach(() => store.sqlite.close());

describe('migration 0017 push', () => {
  it('makes one VAPID key pair whose halves belong together', () => {
    const rows = store.sqlite.prepare('SELECT public_key, private_key FROM vapid_keys').all() as {
      public_key: string;
      private_key: string;
    }[];
    expect(rows).toHaveLength(1);
    const { public_key, private_key } = rows[0]!;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(private_key, 'base64url'));
    expect(ecdh.getPublicKey().toString('base64url')).toBe(public_key);
    expect(() =>
      run(
        `INSERT INTO vapid_keys (id, public_key, private_key, created_at) VALUES (2, 'p', 'k', ?)`,
        now,
      ),
    ).toThrow(/CHECK/);
  });

  it('keeps one row per endpoint, gone with its login and with its account', () => {
    subscribe('s1', 'https://push.example.net/1', 'l1');
    expect(() => subscribe('s2', 'https://push.example.net/1', 'l2')).toThrow(/UNIQUE/);
    subscribe('s3', 'https://push.example.net/3', 'l2');
    expect(() => subscribe('s4', 'https://push.example.net/4', 'nope')).toThrow(/FOREIGN KEY/);
    run(`DELETE FROM login_sessions WHERE id = 'l1'`);
    expect(count()).toBe(1);
    run(`DELETE FROM login_sessions`);
    run(`DELETE FROM users WHERE id = 'u1'`);
    expect(count()).toBe(0);
  });

  it('can be undone', async () => {
    const result = await migrator().migrateTo('2026_12_05_0016_calendar_feeds');
    if (result.error) throw result.error;
    const tables = store.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE name IN ('vapid_keys', 'push_subscriptions')`)
      .all();
    expect(tables).toEqual([]);
  });
});
