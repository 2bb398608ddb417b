import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './connection.js';
import { migrations } from './migrations/index.js';

/**
 * Migration 2026_12_05_0018_delivery on a database that already has
 * notifications: they count as delivered (nobody is mailed about the past),
 * new ones wait for the dispatcher, clubs get the reminder defaults, and a
 * reminder key is unique.
 */
let store: OpenedDatabase;
const now = '2026-12-05T10:00:00.000Z';

const migrator = () =>
  new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
const run = (sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).run(...params);
const all = (sql: string) => store.sqlite.prepare(sql).all();

function notify(id: string, key: string | null = null) {
  run(
    `INSERT INTO notifications (id, club_id, member_id, kind, data, created_at, version${key ? ', reminder_key' : ''})
     VALUES (?, 'c1', 'm1', 'promoted', '{}', ?, 1${key ? ', ?' : ''})`,
    id,
    now,
    ...(key ? [key] : []),
  );
}

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-db-'));
  store = openDatabase(path.join(dir, 'turnout.db'));
  const before = await migrator().migrateTo('2026_12_05_0017_push');
  if (before.error) throw before.error;
  run(`INSERT INTO clubs (id, name, timezone, created_at) VALUES ('c1', 'Club', 'UTC', ?)`, now);
  run(
    `INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@x', 'A', 'h', ?)`,
    now,
  );
  run(
    `INSERT INTO memberships (id, club_id, user_id, role, created_at) VALUES ('m1', 'c1', 'u1', 'member', ?)`,
    now,
  );
  notify('old');
  const after = await migrator().migrateTo('2026_12_05_0018_delivery');
  if (after.error) throw after.error;
});

afterEach(() => {
  store.sqlite.close();
});

describe('migration 0018: delivery', () => {
  it('counts existing notifications as delivered and leaves new ones to deliver', () => {
    notify('new');
    expect(
      all('SELECT id, delivered_at, delivery_claimed_until FROM notifications ORDER BY id'),
    ).toEqual([
      { id: 'new', delivered_at: null, delivery_claimed_until: null },
      { id: 'old', delivered_at: now, delivery_claimed_until: null },
    ]);
  });

  it('gives clubs the reminder defaults and keeps them in range', () => {
    expect(all('SELECT session_reminder_minutes, pass_expiry_reminder_days FROM clubs')).toEqual([
      { session_reminder_minutes: 120, pass_expiry_reminder_days: 3 },
    ]);
    expect(() => run('UPDATE clubs SET session_reminder_minutes = 10081')).toThrow(/CHECK/);
    expect(() => run('UPDATE clubs SET pass_expiry_reminder_days = -1')).toThrow(/CHECK/);
  });

  it('makes a reminder key unique', () => {
    notify('r1', 'session_reminder:s1:m1');
    expect(() => notify('r2', 'session_reminder:s1:m1')).toThrow(/UNIQUE/);
  });

  it('keeps choices per person and kind, gone with the account', () => {
    run(
      `INSERT INTO notification_choices (user_id, kind, in_app, email, push, updated_at)
       VALUES ('u1', 'promoted', 1, 0, 1, ?)`,
      now,
    );
    expect(() =>
      run(
        `INSERT INTO notification_choices (user_id, kind, in_app, email, push, updated_at)
         VALUES ('u1', 'promoted', 1, 1, 1, ?)`,
        now,
      ),
    ).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      run(
        `INSERT INTO notification_choices (user_id, kind, in_app, email, push, updated_at)
         VALUES ('u1', 'spot_open', 2, 1, 1, ?)`,
        now,
      ),
    ).toThrow(/CHECK/);
  });

  it('can be undone and done again', async () => {
    const down = await migrator().migrateDown();
    if (down.error) throw down.error;
    expect(all("SELECT name FROM sqlite_master WHERE name = 'notification_choices'")).toEqual([]);
    const up = await migrator().migrateTo('2026_12_05_0018_delivery');
    if (up.error) throw up.error;
    expect(all('SELECT id, delivered_at FROM notifications')).toEqual([
      { id: 'old', delivered_at: now },
    ]);
  });
});
