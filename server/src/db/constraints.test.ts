import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type OpenedDatabase } from './connection.js';

/**
 * The money-grade invariants are enforced by SQLite itself, so no code path
 * (a bug, a future feature, a manual fix) can break them. These tests write
 * raw SQL on purpose: they prove the database refuses, whatever the code does.
 */
let store: OpenedDatabase;
const now = '2026-11-21T10:00:00.000Z';

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-db-'));
  store = openDatabase(path.join(dir, 'turnout.db'));
  await migrateToLatest(store.db);
  const run = (sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).run(...params);
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
    `INSERT INTO sessions (id, club_id, title, starts_at, ends_at, version)
     VALUES ('s1', 'c1', 'Yoga', '2026-11-21T18:00:00Z', '2026-11-21T19:00:00Z', 1)`,
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
});

afterEach(async () => {
  await store.db.destroy();
});

function logEntry(id: string, delta: number, balanceAfter: number) {
  return store.sqlite
    .prepare(
      `INSERT INTO credit_log (id, club_id, pass_id, member_id, delta, kind, balance_after, by_member_id, at, version)
       VALUES (?, 'c1', 'p1', 'm1', ?, 'charged_checkin', ?, 'm1', ?, 2)`,
    )
    .run(id, delta, balanceAfter, now);
}

const balance = () =>
  (store.sqlite.prepare(`SELECT balance FROM passes WHERE id = 'p1'`).get() as { balance: number })
    .balance;

describe('database guards', () => {
  it('keeps the pass balance equal to the sum of its credit log', () => {
    logEntry('l1', 10, 10);
    logEntry('l2', -1, 9);
    expect(balance()).toBe(9);
  });

  it('checks a balance against the latest entry: many entries, several in one version', () => {
    let balanceNow = 0;
    for (let i = 0; i < 60; i++) {
      const delta = i % 3 === 0 ? 5 : -1;
      balanceNow += delta;
      store.sqlite
        .prepare(
          `INSERT INTO credit_log (id, club_id, pass_id, member_id, delta, kind, balance_after, by_member_id, at, version)
           VALUES (?, 'c1', 'p1', 'm1', ?, 'charged_checkin', ?, 'm1', ?, ?)`,
        )
        // Three entries per version, as a cancellation returning several charges writes them.
        .run(`e${i}`, delta, balanceNow, now, 2 + Math.floor(i / 3));
    }
    const sum = store.sqlite
      .prepare(`SELECT SUM(delta) AS s FROM credit_log WHERE pass_id = 'p1'`)
      .get() as { s: number };
    expect(balance()).toBe(sum.s);
    expect(() =>
      store.sqlite.prepare(`UPDATE passes SET balance = balance - 1 WHERE id = 'p1'`).run(),
    ).toThrow(/must equal the sum of its credit log/);
    // The check reads one index entry, not the pass's whole log.
    const plan = store.sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT balance_after FROM credit_log
         WHERE pass_id = 'p1' ORDER BY version DESC, rowid DESC LIMIT 1`,
      )
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/USING INDEX credit_log_pass/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('refuses a credit-log entry whose balance_after is wrong', () => {
    logEntry('l1', 10, 10);
    expect(() => logEntry('l2', -1, 10)).toThrow(/balance_after does not match/);
    expect(balance()).toBe(10);
  });

  it('never lets a balance go below zero', () => {
    logEntry('l1', 1, 1);
    expect(() => logEntry('l2', -2, -1)).toThrow(/CHECK constraint failed/);
    expect(balance()).toBe(1);
  });

  it('refuses to change a balance except through the credit log', () => {
    logEntry('l1', 5, 5);
    expect(() =>
      store.sqlite.prepare(`UPDATE passes SET balance = 50 WHERE id = 'p1'`).run(),
    ).toThrow(/must equal the sum of its credit log/);
    expect(() =>
      store.sqlite
        .prepare(
          `INSERT INTO passes (id, club_id, member_id, template_id, terms, balance, granted_on, granted_at, expires_on, version)
           VALUES ('p2', 'c1', 'm1', 't1', '{}', 5, '2026-11-21', ?, '2027-01-20', 1)`,
        )
        .run(now),
    ).toThrow(/a pass starts at 0/);
  });

  it('keeps the credit log append-only', () => {
    logEntry('l1', 5, 5);
    expect(() => store.sqlite.prepare(`UPDATE credit_log SET delta = 6`).run()).toThrow(
      /append-only/,
    );
    expect(() => store.sqlite.prepare(`DELETE FROM credit_log`).run()).toThrow(/append-only/);
  });

  it('allows one attendance record per member and session', () => {
    const insert = (id: string) =>
      store.sqlite
        .prepare(
          `INSERT INTO attendance (id, club_id, session_id, member_id, credits, checked_in_at, updated_at, by_member_id, version)
           VALUES (?, 'c1', 's1', 'm1', 1, ?, ?, 'm1', 3)`,
        )
        .run(id, now, now);
    insert('a1');
    expect(() => insert('a2')).toThrow(/UNIQUE constraint failed/);
  });

  it('allows one live sign-up per member and session, and any number of cancelled ones', () => {
    const insert = (id: string, status: string, position: number | null) =>
      store.sqlite
        .prepare(
          `INSERT INTO signups (id, club_id, session_id, member_id, status, position, created_at, updated_at, by_member_id, version)
           VALUES (?, 'c1', 's1', 'm1', ?, ?, ?, ?, 'm1', 4)`,
        )
        .run(id, status, position, now, now);
    insert('x1', 'cancelled', null);
    insert('x2', 'cancelled', null);
    insert('x3', 'active', null);
    expect(() => insert('x4', 'waitlisted', 1)).toThrow(/UNIQUE constraint failed/);
    expect(() => insert('x5', 'active', null)).toThrow(/UNIQUE constraint failed/);
  });

  it('applies each mutation id once and keeps its result frozen', () => {
    const insert = () =>
      store.sqlite
        .prepare(
          `INSERT INTO mutation_log (id, club_id, client_id, seq, user_id, name, args, occurred_at, judged_at, received_at, status, server_version)
           VALUES ('mut1', 'c1', 'dev1', 1, 'u1', 'intent.set', '{}', ?, ?, ?, 'applied', 5)`,
        )
        .run(now, now, now);
    insert();
    expect(insert).toThrow(/UNIQUE constraint failed/);
    expect(() => store.sqlite.prepare(`UPDATE mutation_log SET status = 'rejected'`).run()).toThrow(
      /never changes/,
    );
    // Applied entries stay for good (retention deletes only old refusals).
    expect(() => store.sqlite.prepare(`DELETE FROM mutation_log`).run()).toThrow(/kept for good/);
  });
});
