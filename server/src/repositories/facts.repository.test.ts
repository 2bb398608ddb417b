import { emptyEffects, placeHolders, type SignupStatus } from '@turnout/shared';
import { aNewCreditLogEntry, aSession, aSignup, anAttendance } from '@turnout/shared/testing';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type OpenedStore } from '../app.js';
import { statementsOf } from '../db/connection.js';
import type { Statements } from '../db/statements.js';
import { buildClub, type BuiltClub } from '../test/builders.js';
import { PASSWORD, testConfig } from '../test/harness.js';
import { nextVersion, writeEffects } from './domain.repository.js';
import { FactsReader } from './facts.repository.js';

let store: OpenedStore;
let club: BuiltClub;
let facts: FactsReader;
let st: Statements;

beforeAll(async () => {
  store = await openStore(testConfig(), pino({ level: 'silent' }));
  club = await buildClub(store, { members: 6, sessions: 0, passSessions: 1, password: PASSWORD });
  st = statementsOf(store.db);
  facts = new FactsReader(st, club.clubId);
});
afterAll(async () => {
  await store.db.destroy();
});

const record = fc.record({
  member: fc.integer({ min: 0, max: 5 }),
  signup: fc.option(fc.constantFrom<SignupStatus>('active', 'waitlisted', 'cancelled')),
  attendance: fc.option(fc.boolean()), // true = voided
});

describe('facts read by SQL', () => {
  it('keeps occupancy exactly as the rulebook counts place holders', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(record, { selector: (r) => r.member, maxLength: 6 }),
        async (records) => {
          const session = aSession();
          const signups = records.flatMap((r) =>
            r.signup === null
              ? []
              : [
                  aSignup({
                    sessionId: session.id,
                    memberId: club.memberIds[r.member]!,
                    status: r.signup,
                    position: r.signup === 'waitlisted' ? 1 : null,
                  }),
                ],
          );
          const attendance = records.flatMap((r) =>
            r.attendance === null
              ? []
              : [
                  anAttendance({
                    sessionId: session.id,
                    memberId: club.memberIds[r.member]!,
                    voided: r.attendance,
                  }),
                ],
          );
          await store.db.transaction().execute(async () => {
            writeEffects(
              st,
              club.clubId,
              { ...emptyEffects(), sessions: [session], signups, attendance },
              nextVersion(st),
              null,
            );
          });
          expect(facts.occupancy(session.id)).toBe(placeHolders(signups, attendance).size);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("picks a member's live sign-up over cancelled ones, else the latest cancelled", async () => {
    const session = aSession();
    const memberId = club.memberIds[0]!;
    const old = aSignup({
      sessionId: session.id,
      memberId,
      status: 'cancelled',
      updatedAt: '2029-12-01T10:00:00.000Z',
    });
    const newer = aSignup({
      sessionId: session.id,
      memberId,
      status: 'cancelled',
      updatedAt: '2029-12-02T10:00:00.000Z',
    });
    const write = async (signups: ReturnType<typeof aSignup>[], sessions = [session]) =>
      store.db.transaction().execute(async () => {
        writeEffects(
          st,
          club.clubId,
          { ...emptyEffects(), sessions, signups },
          nextVersion(st),
          null,
        );
      });
    await write([old, newer]);
    expect(facts.memberSignup(session.id, memberId)?.id).toBe(newer.id);
    const live = aSignup({
      sessionId: session.id,
      memberId,
      status: 'active',
      updatedAt: '2029-11-01T10:00:00.000Z',
    });
    await write([live], []);
    expect(facts.memberSignup(session.id, memberId)?.id).toBe(live.id);
  });

  it('names the latest credit uses by when they happened, not by when they were written', async () => {
    // Found by the parity property (src/sync/parity.property.test.ts): the device picks by time.
    const memberId = club.memberIds[1]!;
    const passId = club.passIds[1]!;
    const tuesday = aSession({ title: 'Tuesday' });
    const monday = aSession({ title: 'Monday' });
    let balance = 1;
    const entry = (delta: number, over: Parameters<typeof aNewCreditLogEntry>[0]) => {
      balance += delta;
      return aNewCreditLogEntry({ passId, memberId, delta, balanceAfter: balance, ...over });
    };
    const change = (effects: Partial<ReturnType<typeof emptyEffects>>) =>
      store.db.transaction().execute(async () => {
        writeEffects(st, club.clubId, { ...emptyEffects(), ...effects }, nextVersion(st), null);
      });
    await change({
      sessions: [tuesday, monday],
      creditLog: [entry(4, { kind: 'sessions_added' })],
    });
    // Tuesday's check-in first; then three of Monday's, backfilled later, each a later version.
    const use = (session: typeof tuesday, at: string) =>
      entry(-1, { kind: 'charged_checkin', sessionId: session.id, at });
    await change({ creditLog: [use(tuesday, '2025-03-11T17:00:00.000Z')] });
    for (const hour of ['09', '10', '11']) {
      await change({ creditLog: [use(monday, `2025-03-10T${hour}:00:00.000Z`)] });
    }
    const uses = facts.recentCreditUses(memberId);
    expect(uses.map((u) => [u.sessionTitle, u.at])).toEqual([
      ['Tuesday', '2025-03-11T17:00:00.000Z'],
      ['Monday', '2025-03-10T11:00:00.000Z'],
      ['Monday', '2025-03-10T10:00:00.000Z'],
    ]);
  });
});
