import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, testStores, type TestStore } from '../test/stores.js';

/**
 * The money-grade invariants are enforced by the database itself, so no code
 * path (a bug, a future feature, a manual fix) can break them. These tests
 * write raw SQL on purpose: they prove the database refuses, whatever the
 * code does — on SQLite and on PostgreSQL alike.
 */
const now = '2026-11-21T10:00:00.000Z';
const UNIQUE = /UNIQUE constraint failed|duplicate key value violates unique constraint/;
const CHECK = /CHECK constraint failed|violates check constraint/;

describe.each(testStores())('database guards on %s', (kind) => {
  let store: TestStore;

  beforeEach(async () => {
    store = await openTestStore(kind);
    await store.run(
      `INSERT INTO clubs (id, name, timezone, created_at) VALUES ('c1', 'Club', 'UTC', ?)`,
      now,
    );
    await store.run(
      `INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@x', 'A', 'h', ?)`,
      now,
    );
    await store.run(
      `INSERT INTO memberships (id, club_id, user_id, role, created_at) VALUES ('m1', 'c1', 'u1', 'member', ?)`,
      now,
    );
    await store.run(
      `INSERT INTO sessions (id, club_id, title, starts_at, ends_at, version)
       VALUES ('s1', 'c1', 'Yoga', '2026-11-21T18:00:00Z', '2026-11-21T19:00:00Z', 1)`,
    );
    await store.run(
      `INSERT INTO pass_templates (id, club_id, names, sessions, price_minor, currency, validity_days, version)
       VALUES ('t1', 'c1', '{"en":"10 sessions"}', 10, 9000, 'EUR', 60, 1)`,
    );
    await store.run(
      `INSERT INTO passes (id, club_id, member_id, template_id, terms, granted_on, granted_at, expires_on, version)
       VALUES ('p1', 'c1', 'm1', 't1', '{}', '2026-11-21', ?, '2027-01-20', 1)`,
      now,
    );
  });

  afterEach(async () => {
    await store.close();
  });

  const logEntry = (id: string, delta: number, balanceAfter: number, version = 2) =>
    store.run(
      `INSERT INTO credit_log (id, club_id, pass_id, member_id, delta, kind, balance_after, by_member_id, at, version)
       VALUES (?, 'c1', 'p1', 'm1', ?, 'charged_checkin', ?, 'm1', ?, ?)`,
      id,
      delta,
      balanceAfter,
      now,
      version,
    );

  const balance = async () =>
    (await store.one<{ balance: number }>(`SELECT balance FROM passes WHERE id = 'p1'`))?.balance;

  it('keeps the pass balance equal to the sum of its credit log', async () => {
    await logEntry('l1', 10, 10);
    await logEntry('l2', -1, 9);
    expect(await balance()).toBe(9);
  });

  it('checks a balance against the latest entry: many entries, several in one version', async () => {
    let balanceNow = 0;
    for (let i = 0; i < 60; i++) {
      const delta = i % 3 === 0 ? 5 : -1;
      balanceNow += delta;
      // Three entries per version, as a cancellation returning several charges writes them.
      await logEntry(`e${i}`, delta, balanceNow, 2 + Math.floor(i / 3));
    }
    const sum = await store.one<{ s: number }>(
      `SELECT CAST(SUM(delta) AS integer) AS s FROM credit_log WHERE pass_id = 'p1'`,
    );
    expect(await balance()).toBe(sum?.s);
    await expect(
      store.run(`UPDATE passes SET balance = balance - 1 WHERE id = 'p1'`),
    ).rejects.toThrow(/must equal the sum of its credit log/);
  });

  // SQLite finds a pass's latest entry through an index; PostgreSQL reads
  // only the pass row (its schema's header says how), so there is no plan to check.
  const onSqlite = kind === 'sqlite' ? it : () => {};
  onSqlite('checks a balance by one index entry, not the whole log', async () => {
    const plan = (
      await store.all<{ detail: string }>(
        `EXPLAIN QUERY PLAN SELECT balance_after FROM credit_log
         WHERE pass_id = 'p1' ORDER BY version DESC, rowid DESC LIMIT 1`,
      )
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/USING INDEX credit_log_pass/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('chains several entries of one pass written in one statement', async () => {
    const entry = `(?, 'c1', 'p1', 'm1', ?, 'charged_checkin', ?, 'm1', ?, 2)`;
    const insert = `INSERT INTO credit_log (id, club_id, pass_id, member_id, delta, kind, balance_after, by_member_id, at, version)
       VALUES ${entry}, ${entry}, ${entry}`;
    await store.run(insert, 'b1', 10, 10, now, 'b2', -1, 9, now, 'b3', -2, 7, now);
    expect(await balance()).toBe(7);
    // The same statement with the middle entry off by one is refused whole.
    await expect(
      store.run(insert, 'b4', 1, 8, now, 'b5', -1, 8, now, 'b6', -1, 7, now),
    ).rejects.toThrow(/balance_after does not match/);
    expect(await balance()).toBe(7);
  });

  it('refuses a credit-log entry whose balance_after is wrong', async () => {
    await logEntry('l1', 10, 10);
    await expect(logEntry('l2', -1, 10)).rejects.toThrow(/balance_after does not match/);
    expect(await balance()).toBe(10);
  });

  it('never lets a balance go below zero', async () => {
    await logEntry('l1', 1, 1);
    await expect(logEntry('l2', -2, -1)).rejects.toThrow(CHECK);
    expect(await balance()).toBe(1);
  });

  it('refuses to change a balance except through the credit log', async () => {
    await logEntry('l1', 5, 5);
    await expect(store.run(`UPDATE passes SET balance = 50 WHERE id = 'p1'`)).rejects.toThrow(
      /must equal the sum of its credit log/,
    );
    await expect(
      store.run(
        `INSERT INTO passes (id, club_id, member_id, template_id, terms, balance, granted_on, granted_at, expires_on, version)
         VALUES ('p2', 'c1', 'm1', 't1', '{}', 5, '2026-11-21', ?, '2027-01-20', 1)`,
        now,
      ),
    ).rejects.toThrow(/a pass starts at 0/);
  });

  it('keeps the credit log append-only', async () => {
    await logEntry('l1', 5, 5);
    await expect(store.run(`UPDATE credit_log SET delta = 6`)).rejects.toThrow(/append-only/);
    await expect(store.run(`DELETE FROM credit_log`)).rejects.toThrow(/append-only/);
  });

  it('allows one attendance record per member and session', async () => {
    const insert = (id: string) =>
      store.run(
        `INSERT INTO attendance (id, club_id, session_id, member_id, credits, checked_in_at, updated_at, by_member_id, version)
         VALUES (?, 'c1', 's1', 'm1', 1, ?, ?, 'm1', 3)`,
        id,
        now,
        now,
      );
    await insert('a1');
    await expect(insert('a2')).rejects.toThrow(UNIQUE);
  });

  it('allows one live sign-up per member and session, and any number of cancelled ones', async () => {
    const insert = (id: string, status: string, position: number | null) =>
      store.run(
        `INSERT INTO signups (id, club_id, session_id, member_id, status, position, created_at, updated_at, by_member_id, version)
         VALUES (?, 'c1', 's1', 'm1', ?, ?, ?, ?, 'm1', 4)`,
        id,
        status,
        position,
        now,
        now,
      );
    await insert('x1', 'cancelled', null);
    await insert('x2', 'cancelled', null);
    await insert('x3', 'active', null);
    await expect(insert('x4', 'waitlisted', 1)).rejects.toThrow(UNIQUE);
    await expect(insert('x5', 'active', null)).rejects.toThrow(UNIQUE);
  });

  it('applies each mutation id once and keeps its result frozen', async () => {
    const insert = () =>
      store.run(
        `INSERT INTO mutation_log (id, club_id, client_id, seq, user_id, name, args, occurred_at, judged_at, received_at, status, server_version)
         VALUES ('mut1', 'c1', 'dev1', 1, 'u1', 'intent.set', '{}', ?, ?, ?, 'applied', 5)`,
        now,
        now,
        now,
      );
    await insert();
    await expect(insert()).rejects.toThrow(UNIQUE);
    await expect(store.run(`UPDATE mutation_log SET status = 'rejected'`)).rejects.toThrow(
      /never changes/,
    );
    // Applied entries stay for good (retention deletes only old refusals).
    await expect(store.run(`DELETE FROM mutation_log`)).rejects.toThrow(/kept for good/);
  });

  it('keeps every row in its club and with parents of its club', async () => {
    await store.run(
      `INSERT INTO clubs (id, name, timezone, created_at) VALUES ('c2', 'Other', 'UTC', ?)`,
      now,
    );
    await expect(store.run(`UPDATE sessions SET club_id = 'c2' WHERE id = 's1'`)).rejects.toThrow(
      /never moves to another club/,
    );
    await expect(
      store.run(
        `INSERT INTO attendance (id, club_id, session_id, member_id, credits, checked_in_at, updated_at, by_member_id, version)
         VALUES ('a9', 'c2', 's1', 'm1', 1, ?, ?, 'm1', 3)`,
        now,
        now,
      ),
    ).rejects.toThrow(/belong to one club/);
  });
});
