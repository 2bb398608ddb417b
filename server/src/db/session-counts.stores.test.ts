import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testStores, type TestStore } from '../test/stores.js';

/**
 * The stored counts of a session (occupancy, going, waitlisted) are kept by
 * the database's triggers inside the writing transaction. Whatever sequence
 * of sign-ups, status changes, check-ins, voids and intents is written with
 * raw SQL, the stored counts equal a recount — on both stores.
 */
const now = '2026-11-21T10:00:00.000Z';
const MEMBERS = 4;

const step = fc.record({
  member: fc.integer({ min: 0, max: MEMBERS - 1 }),
  what: fc.constantFrom('signup', 'status', 'checkin', 'void', 'intent'),
  status: fc.constantFrom('active', 'waitlisted', 'cancelled'),
  going: fc.boolean(),
});

describe.each(testStores())('session counts on %s', (kind) => {
  let store: TestStore;
  let sessionNo = 0;

  beforeAll(async () => {
    store = await openTestStore(kind);
    await store.run(
      `INSERT INTO clubs (id, name, timezone, created_at) VALUES ('c1', 'Club', 'UTC', ?)`,
      now,
    );
    for (let i = 0; i < MEMBERS; i++) {
      await store.run(
        `INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, 'A', 'h', ?)`,
        `u${i}`,
        `a${i}@x`,
        now,
      );
      await store.run(
        `INSERT INTO memberships (id, club_id, user_id, role, created_at) VALUES (?, 'c1', ?, 'member', ?)`,
        `m${i}`,
        `u${i}`,
        now,
      );
    }
  });
  afterAll(async () => {
    await store.close();
  });

  it('keeps occupancy, going and waitlisted equal to a recount', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const session = `s${++sessionNo}`;
        let version = 1;
        await store.run(
          `INSERT INTO sessions (id, club_id, title, starts_at, ends_at, version)
           VALUES (?, 'c1', 'Yoga', '2026-11-21T18:00:00Z', '2026-11-21T19:00:00Z', ?)`,
          session,
          version,
        );
        for (const s of steps) {
          version++;
          const member = `m${s.member}`;
          const signup = `${session}-su-${s.member}-${version}`;
          const live = await store.one<{ id: string }>(
            `SELECT id FROM signups WHERE session_id = ? AND member_id = ? AND status <> 'cancelled'`,
            session,
            member,
          );
          const attendance = await store.one<{ id: string; voided: number }>(
            `SELECT id, voided FROM attendance WHERE session_id = ? AND member_id = ?`,
            session,
            member,
          );
          if (s.what === 'signup' && !live && s.status !== 'cancelled') {
            await store.run(
              `INSERT INTO signups (id, club_id, session_id, member_id, status, position, created_at, updated_at, by_member_id, version)
               VALUES (?, 'c1', ?, ?, ?, ?, ?, ?, ?, ?)`,
              signup,
              session,
              member,
              s.status,
              s.status === 'waitlisted' ? 1 : null,
              now,
              now,
              member,
              version,
            );
          } else if (s.what === 'status' && live) {
            await store.run(
              `UPDATE signups SET status = ?, position = ?, version = ? WHERE id = ?`,
              s.status,
              s.status === 'waitlisted' ? 1 : null,
              version,
              live.id,
            );
          } else if (s.what === 'checkin' && !attendance) {
            await store.run(
              `INSERT INTO attendance (id, club_id, session_id, member_id, credits, checked_in_at, updated_at, by_member_id, version)
               VALUES (?, 'c1', ?, ?, 0, ?, ?, ?, ?)`,
              `${session}-at-${s.member}`,
              session,
              member,
              now,
              now,
              member,
              version,
            );
          } else if (s.what === 'void' && attendance) {
            await store.run(
              `UPDATE attendance SET voided = ?, version = ? WHERE id = ?`,
              attendance.voided ? 0 : 1,
              version,
              attendance.id,
            );
          } else if (s.what === 'intent') {
            const intent = await store.one<{ going: number }>(
              `SELECT going FROM intents WHERE session_id = ? AND member_id = ?`,
              session,
              member,
            );
            if (intent) {
              await store.run(
                `UPDATE intents SET going = ?, version = ? WHERE session_id = ? AND member_id = ?`,
                s.going ? 1 : 0,
                version,
                session,
                member,
              );
            } else {
              await store.run(
                `INSERT INTO intents (club_id, session_id, member_id, going, updated_at, version)
                 VALUES ('c1', ?, ?, ?, ?, ?)`,
                session,
                member,
                s.going ? 1 : 0,
                now,
                version,
              );
            }
          }
        }
        const stored = await store.one<{ occupancy: number; going: number; waitlisted: number }>(
          `SELECT occupancy, going, waitlisted FROM session_counts WHERE session_id = ?`,
          session,
        );
        const recount = await store.one<{ occupancy: number; going: number; waitlisted: number }>(
          `SELECT
             (SELECT CAST(COUNT(*) AS integer) FROM memberships m WHERE m.club_id = 'c1' AND (
                EXISTS (SELECT 1 FROM signups WHERE session_id = ? AND member_id = m.id AND status = 'active')
                OR EXISTS (SELECT 1 FROM attendance WHERE session_id = ? AND member_id = m.id AND voided = 0)))
               AS occupancy,
             (SELECT CAST(COUNT(*) AS integer) FROM intents WHERE session_id = ? AND going = 1) AS going,
             (SELECT CAST(COUNT(*) AS integer) FROM signups WHERE session_id = ? AND status = 'waitlisted')
               AS waitlisted`,
          session,
          session,
          session,
          session,
        );
        expect(stored).toEqual(recount);
      }),
      { numRuns: 40 },
    );
  });
});
