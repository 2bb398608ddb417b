import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type OpenedStore } from '../app.js';
import { testConfig } from '../test/harness.js';
import { seedDemo, type DemoClub } from './seed.js';

let store: OpenedStore;
let demo: DemoClub;
// A Thursday noon: Monday–Wednesday classes are over, the rest are to come.
const now = new Date('2026-11-19T12:00:00Z');

beforeAll(async () => {
  store = await openStore(testConfig(), pino({ level: 'silent' }), () => now);
  demo = await seedDemo(store);
});

afterAll(async () => {
  await store.db.destroy();
});

describe('demo club', () => {
  it('has people in every role', async () => {
    const roles = await store.db
      .selectFrom('memberships')
      .select(['role', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('role')
      .orderBy('role')
      .execute();
    expect(roles).toEqual([
      { role: 'host', n: 1 },
      { role: 'member', n: 6 },
      { role: 'owner', n: 1 },
    ]);
  });

  it('has four weeks of classes from this Monday, some already attended', async () => {
    const first = await store.db
      .selectFrom('sessions')
      .select(({ fn }) => [fn.min('starts_at').as('first'), fn.countAll<number>().as('n')])
      .executeTakeFirstOrThrow();
    expect(first.n).toBe(demo.sessions);
    // 3 + 2 + 2 + 1 classes a week for four weeks.
    expect(demo.sessions).toBe(32);
    expect(String(first.first) < now.toISOString()).toBe(true);
    expect(demo.checkIns).toBeGreaterThan(0);
    const attendance = await store.db
      .selectFrom('attendance')
      .innerJoin('sessions', 'sessions.id', 'attendance.session_id')
      .select(['sessions.ends_at'])
      .execute();
    expect(attendance).toHaveLength(demo.checkIns);
    expect(attendance.every((a) => a.ends_at < now.toISOString())).toBe(true);
  });

  it('keeps every pass balance equal to its credit log, charged once per check-in', async () => {
    const passes = await sql<{ balance: number; logged: number; charged: number; granted: number }>`
      SELECT p.balance,
             (SELECT SUM(delta) FROM credit_log l WHERE l.pass_id = p.id) AS logged,
             (SELECT COUNT(*) FROM credit_log l WHERE l.pass_id = p.id AND l.kind = 'charged_checkin') AS charged,
             (SELECT delta FROM credit_log l WHERE l.pass_id = p.id AND l.kind = 'granted') AS granted
      FROM passes p`.execute(store.db);
    expect(passes.rows).toHaveLength(demo.passes);
    for (const p of passes.rows) {
      expect(p.balance).toBe(p.logged);
      expect(p.balance).toBe(p.granted - p.charged);
    }
    const charges = passes.rows.reduce((sum, p) => sum + p.charged, 0);
    expect(charges).toBe(demo.checkIns);
  });
});
