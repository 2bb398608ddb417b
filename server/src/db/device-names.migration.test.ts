import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './connection.js';
import { migrations } from './migrations/index.js';

/**
 * Migration 2026_12_05_0013_device_names on a database that already has
 * pushes and a resolution: devices are named from the log, and the rebuilt
 * `attention_resolutions` keeps its rows and every guard it had.
 */
let store: OpenedDatabase;
const now = '2026-12-05T10:00:00.000Z';
const later = '2026-12-05T11:00:00.000Z';

const migrator = () =>
  new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
const run = (sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).run(...params);

function logAttempt(
  id: string,
  clientId: string,
  label: string | null,
  at: string,
  code = 'session_full',
) {
  run(
    `INSERT INTO mutation_log (id, club_id, client_id, seq, user_id, member_id, name, args,
       occurred_at, judged_at, received_at, status, code, server_version, device_label)
     VALUES (?, 'c1', ?, 0, 'u1', 'm1', 'checkin.create', '{}', ?, ?, ?, 'rejected', ?, 1, ?)`,
    id,
    clientId,
    at,
    at,
    at,
    code,
    label,
  );
}

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-db-'));
  store = openDatabase(path.join(dir, 'turnout.db'));
  const before = await migrator().migrateTo('2026_12_05_0012_guests');
  if (before.error) throw before.error;
  run(`INSERT INTO clubs (id, name, timezone, created_at) VALUES ('c1', 'Club', 'UTC', ?)`, now);
  run(`INSERT INTO clubs (id, name, timezone, created_at) VALUES ('c2', 'Other', 'UTC', ?)`, now);
  run(
    `INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@x', 'A', 'h', ?)`,
    now,
  );
  run(
    `INSERT INTO memberships (id, club_id, user_id, role, created_at) VALUES ('m1', 'c1', 'u1', 'owner', ?)`,
    now,
  );
  logAttempt('a0', 'tablet', 'Browser on Android', now);
  logAttempt('a1', 'tablet', 'Front desk tablet', later);
  logAttempt('b0', 'phone', null, now);
  run(
    `INSERT INTO attention_resolutions (item_id, club_id, resolution, note, resolved_by, resolved_at, version)
     VALUES ('a0', 'c1', 'dismissed', 'seen', 'm1', ?, 1)`,
    later,
  );
  const after = await migrator().migrateToLatest();
  if (after.error) throw after.error;
});

afterEach(() => {
  store.sqlite.close();
});

describe('migration 0013: device names', () => {
  it('names each device that sent a label by the latest one', () => {
    expect(
      store.sqlite
        .prepare('SELECT client_id, name, first_seen_at, last_seen_at FROM devices')
        .all(),
    ).toEqual([
      { client_id: 'tablet', name: 'Front desk tablet', first_seen_at: now, last_seen_at: later },
    ]);
  });

  it('keeps the resolutions and their guards, and takes `reinstated`', () => {
    expect(
      store.sqlite.prepare('SELECT item_id, resolution, note FROM attention_resolutions').all(),
    ).toEqual([{ item_id: 'a0', resolution: 'dismissed', note: 'seen' }]);
    run(
      `INSERT INTO attention_resolutions (item_id, club_id, resolution, resolved_by, resolved_at, version)
       VALUES ('a1', 'c1', 'reinstated', 'm1', ?, 2)`,
      later,
    );
    expect(() => run(`UPDATE attention_resolutions SET note = 'x'`)).toThrow(/never changes/);
    expect(() => run(`DELETE FROM attention_resolutions`)).toThrow(/kept for good/);
    expect(() =>
      run(
        `INSERT INTO attention_resolutions (item_id, club_id, resolution, resolved_by, resolved_at, version)
         VALUES ('b0', 'c1', 'forgotten', 'm1', ?, 3)`,
        later,
      ),
    ).toThrow(/CHECK/);
    // A resolved refusal stays, whatever its age (retention), and a row stays in its club.
    expect(() => run(`DELETE FROM mutation_log WHERE id = 'a1'`)).toThrow(/kept for good/);
    expect(() =>
      run(
        `INSERT INTO attention_resolutions (item_id, club_id, resolution, resolved_by, resolved_at, version)
         VALUES ('b0', 'c2', 'dismissed', 'm1', ?, 3)`,
        later,
      ),
    ).toThrow(/one club/);
  });

  it('goes back down and up again', async () => {
    const down = await migrator().migrateTo('2026_12_05_0012_guests');
    expect(down.error).toBeUndefined();
    expect(store.sqlite.prepare('SELECT item_id FROM attention_resolutions').all()).toEqual([
      { item_id: 'a0' },
    ]);
    const up = await migrator().migrateToLatest();
    expect(up.error).toBeUndefined();
  });
});
