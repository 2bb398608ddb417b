import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './connection.js';
import { migrations } from './migrations/index.js';

/**
 * Migration 2026_12_05_0022_request_withdrawn on a club with requests and a
 * pass granted from one: the rows stay, `withdrawn` is taken, the guards of
 * the table (and of passes, which read it) still hold, foreign keys are
 * still enforced, and undoing keeps a withdrawn request as a rejected one.
 */
let store: OpenedDatabase;
const now = '2026-12-05T10:00:00.000Z';
const BEFORE = '2026_12_05_0019_session_counts';
const migrator = () =>
  new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
const run = (sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).run(...params);
const get = (sql: string) => store.sqlite.prepare(sql).get();
const request = (id: string, club: string, member: string, template: string, status: string) =>
  run(
    `INSERT INTO pass_requests (id, club_id, member_id, template_id, status, created_at, version)
     VALUES (?, ?, ?, ?, ?, ?, 1)`,
    id,
    club,
    member,
    template,
    status,
    now,
  );
const pass = (id: string, club: string, member: string, template: string, requestId: string) =>
  run(
    `INSERT INTO passes (id, club_id, member_id, template_id, terms, granted_on, granted_at,
       expires_on, request_id, version)
     VALUES (?, ?, ?, ?, '{}', '2026-12-05', ?, '2027-01-05', ?, 1)`,
    id,
    club,
    member,
    template,
    now,
    requestId,
  );

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-db-'));
  store = openDatabase(path.join(dir, 'turnout.db'));
  const before = await migrator().migrateTo(BEFORE);
  if (before.error) throw before.error;
  run(
    `INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@x', 'A', 'h', ?)`,
    now,
  );
  for (const club of ['c1', 'c2']) {
    run(
      `INSERT INTO clubs (id, name, timezone, created_at) VALUES (?, 'Club', 'UTC', ?)`,
      club,
      now,
    );
    run(
      `INSERT INTO memberships (id, club_id, user_id, role, created_at) VALUES (?, ?, 'u1', 'member', ?)`,
      `m-${club}`,
      club,
      now,
    );
    run(
      `INSERT INTO pass_templates (id, club_id, names, sessions, price_minor, currency,
         validity_days, version) VALUES (?, ?, '{"en":"Ten"}', 10, 0, 'EUR', 30, 1)`,
      `t-${club}`,
      club,
    );
  }
  request('r1', 'c1', 'm-c1', 't-c1', 'approved');
  request('r2', 'c1', 'm-c1', 't-c1', 'pending');
  pass('p1', 'c1', 'm-c1', 't-c1', 'r1');
  const after = await migrator().migrateToLatest();
  if (after.error) throw after.error;
});

afterEach(() => store.sqlite.close());

describe('migration 0022 request withdrawn', () => {
  it('keeps the requests and the pass pointing at one, and takes withdrawn', () => {
    expect(get(`SELECT status FROM pass_requests WHERE id = 'r1'`)).toEqual({ status: 'approved' });
    expect(get(`SELECT request_id FROM passes WHERE id = 'p1'`)).toEqual({ request_id: 'r1' });
    run(`UPDATE pass_requests SET status = 'withdrawn' WHERE id = 'r2'`);
    expect(() => run(`UPDATE pass_requests SET status = 'lost' WHERE id = 'r2'`)).toThrow(/CHECK/);
  });

  it('gives every club the setting membersSeeWhoIsGoing, off', () => {
    expect(get(`SELECT members_see_who_is_going AS v FROM clubs WHERE id = 'c1'`)).toEqual({
      v: 0,
    });
    run(`UPDATE clubs SET members_see_who_is_going = 1 WHERE id = 'c1'`);
    expect(() => run(`UPDATE clubs SET members_see_who_is_going = 2 WHERE id = 'c1'`)).toThrow(
      /CHECK/,
    );
  });

  it('still guards clubs, on the table and on passes that read it, and enforces foreign keys', () => {
    expect(get(`PRAGMA foreign_keys`)).toEqual({ foreign_keys: 1 });
    expect(() => request('r3', 'c2', 'm-c1', 't-c1', 'pending')).toThrow(/one club/);
    expect(() => pass('p2', 'c2', 'm-c2', 't-c2', 'r1')).toThrow(/one club/);
    expect(() => run(`DELETE FROM pass_requests WHERE id = 'r1'`)).toThrow(/FOREIGN KEY/);
    expect(() => run(`UPDATE pass_requests SET club_id = 'c2' WHERE id = 'r2'`)).toThrow(/club/);
    const index = get(
      `SELECT name FROM sqlite_master WHERE name = 'pass_requests_club_version'`,
    ) as { name: string } | undefined;
    expect(index?.name).toBe('pass_requests_club_version');
  });

  it('can be undone, a withdrawn request kept as rejected with a reason', async () => {
    run(`UPDATE pass_requests SET status = 'withdrawn' WHERE id = 'r2'`);
    const down = await migrator().migrateTo(BEFORE);
    expect(down.error).toBeUndefined();
    expect(get(`SELECT status, reason FROM pass_requests WHERE id = 'r2'`)).toEqual({
      status: 'rejected',
      reason: 'Withdrawn by the member',
    });
    expect(() => run(`UPDATE pass_requests SET status = 'withdrawn' WHERE id = 'r2'`)).toThrow(
      /CHECK/,
    );
    expect(get(`PRAGMA foreign_keys`)).toEqual({ foreign_keys: 1 });
    expect(() => pass('p2', 'c2', 'm-c2', 't-c2', 'r1')).toThrow(/one club/);
    const columns = store.sqlite.prepare(`PRAGMA table_info(clubs)`).all() as { name: string }[];
    expect(columns.map((c) => c.name)).not.toContain('members_see_who_is_going');
  });
});
