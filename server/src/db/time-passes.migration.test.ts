import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './connection.js';
import { migrations } from './migrations/index.js';

/**
 * Migration 2026_12_05_0021_time_passes: templates of kind `time` (no
 * sessions, an optional weekly cap), the log's delta-0 use entries, a pass's
 * week uses; the rebuilt tables keep their rows, rowids, triggers and
 * foreign keys; undoing works until a time pass exists.
 */
let store: OpenedDatabase;
const now = '2026-12-05T10:00:00.000Z';
const migrator = () =>
  new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
const run = (sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).run(...params);
const one = <T>(sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).get(...params) as T;
const logEntry = (id: string, delta: number, kind: string, balanceAfter: number, version: number) =>
  run(
    `INSERT INTO credit_log (id, club_id, pass_id, member_id, delta, kind, balance_after, by_member_id, at, version)
     VALUES (?, 'c1', 'p1', 'm1', ?, ?, ?, 'm1', ?, ?)`,
    id,
    delta,
    kind,
    balanceAfter,
    now,
    version,
  );
const template = (id: string, kind: string, sessions: number, cap: number | null) =>
  run(
    `INSERT INTO pass_templates (id, club_id, names, kind, sessions, weekly_cap, price_minor, currency, validity_days, version)
     VALUES (?, 'c1', '{"en":"T"}', ?, ?, ?, 0, 'EUR', 30, 5)`,
    id,
    kind,
    sessions,
    cap,
  );

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-db-'));
  store = openDatabase(path.join(dir, 'turnout.db'));
  const before = await migrator().migrateTo('2026_12_05_0019_session_counts');
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
  run(
    `INSERT INTO pass_templates (id, club_id, names, sessions, price_minor, currency, validity_days, version)
     VALUES ('t1', 'c1', '{"en":"10 sessions"}', 10, 9000, 'EUR', 60, 1)`,
  );
  run(
    `INSERT INTO passes (id, club_id, member_id, template_id, terms, granted_on, granted_at, expires_on, version)
     VALUES ('p1', 'c1', 'm1', 't1', '{}', '2026-11-21', ?, '2027-01-20', 1)`,
    now,
  );
  logEntry('e1', 10, 'granted', 10, 2);
  logEntry('e2', -1, 'charged_checkin', 9, 3);
  const result = await migrator().migrateTo('2026_12_05_0021_time_passes');
  if (result.error) throw result.error;
});

afterEach(() => store.sqlite.close());

describe('migration 0021 time passes', () => {
  it('keeps the templates (as session-count ones), the log with its rowids, and the balance', () => {
    expect(one('SELECT kind, sessions, weekly_cap FROM pass_templates')).toEqual({
      kind: 'credits',
      sessions: 10,
      weekly_cap: null,
    });
    expect(store.sqlite.prepare('SELECT rowid, id FROM credit_log ORDER BY rowid').all()).toEqual([
      { rowid: 1, id: 'e1' },
      { rowid: 2, id: 'e2' },
    ]);
    expect(one('SELECT balance, week_uses FROM passes')).toEqual({ balance: 9, week_uses: '{}' });
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('the log still adds up and stays append-only; a use is a delta-0 entry', () => {
    expect(() => logEntry('bad', -1, 'charged_checkin', 9, 4)).toThrow(/does not match/);
    logEntry('e3', 0, 'used_checkin', 9, 4);
    logEntry('e4', 0, 'unused_void', 9, 5);
    expect(one('SELECT balance, version FROM passes')).toEqual({ balance: 9, version: 5 });
    expect(() => run(`DELETE FROM credit_log WHERE id = 'e1'`)).toThrow(/append-only/);
    expect(() => logEntry('e5', 0, 'spent', 9, 6)).toThrow(/CHECK/);
    expect(() => run(`UPDATE passes SET balance = 3 WHERE id = 'p1'`)).toThrow(/sum of its credit/);
  });

  it('a time template has no sessions and an optional cap 1..21; a session-count one no cap', () => {
    template('t2', 'time', 0, null);
    template('t3', 'time', 0, 3);
    expect(() => template('t4', 'time', 5, null)).toThrow(/CHECK/);
    expect(() => template('t5', 'time', 0, 22)).toThrow(/CHECK/);
    expect(() => template('t6', 'credits', 10, 2)).toThrow(/CHECK/);
    expect(() => template('t7', 'credits', 0, null)).toThrow(/CHECK/);
    expect(() => template('t8', 'weekly', 0, null)).toThrow(/CHECK/);
  });

  it('templates keep their club guard and foreign keys', () => {
    run(`INSERT INTO clubs (id, name, timezone, created_at) VALUES ('c2', 'Other', 'UTC', ?)`, now);
    expect(() => run(`UPDATE pass_templates SET club_id = 'c2' WHERE id = 't1'`)).toThrow(
      /another club/,
    );
    expect(() => run(`DELETE FROM pass_templates WHERE id = 't1'`)).toThrow(/FOREIGN KEY/);
  });

  it('can be undone while no time template exists, and not after', async () => {
    const down = await migrator().migrateTo('2026_12_05_0019_session_counts');
    expect(down.error).toBeUndefined();
    expect(() => logEntry('e3', 0, 'used_checkin', 9, 4)).toThrow(/CHECK/);
    expect(one('SELECT balance FROM passes')).toEqual({ balance: 9 });
    const up = await migrator().migrateTo('2026_12_05_0021_time_passes');
    expect(up.error).toBeUndefined();
    template('t2', 'time', 0, null);
    const refused = await migrator().migrateTo('2026_12_05_0019_session_counts');
    expect(String(refused.error)).toMatch(/Time passes exist/);
  });
});
