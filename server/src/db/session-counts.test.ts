import {
  emptyEffects,
  type Attendance,
  type Effects,
  type Intent,
  type Signup,
} from '@turnout/shared';
import { aSession, aSignup, anAttendance, anIntent } from '@turnout/shared/testing';
import fc from 'fast-check';
import { Migrator } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type OpenedStore } from '../app.js';
import { nextVersion, writeEffects } from '../repositories/domain.repository.js';
import { buildClub, type BuiltClub } from '../test/builders.js';
import { PASSWORD, testConfig } from '../test/harness.js';
import { statementsOf } from './connection.js';
import type { SqliteStatements } from './statements.js';
import { migrations } from './migrations/index.js';

let store: OpenedStore;
let club: BuiltClub;
let st: SqliteStatements;

beforeAll(async () => {
  store = await openStore(testConfig(), pino({ level: 'silent' }));
  club = await buildClub(store, { members: 5, sessions: 0, passSessions: 1, password: PASSWORD });
  st = statementsOf(store.db) as SqliteStatements;
});
afterAll(async () => {
  await store.db.destroy();
});

const step = fc.record({
  member: fc.integer({ min: 0, max: 4 }),
  what: fc.constantFrom('signup', 'checkin', 'intent'),
  status: fc.constantFrom<Signup['status']>('active', 'waitlisted', 'cancelled'),
  going: fc.boolean(),
});

interface Stored {
  occupancy: number;
  going: number;
  waitlisted: number;
  version: number;
}

function write(effects: Partial<Effects>): number {
  const version = nextVersion(st);
  st.sqlite.transaction(() =>
    writeEffects(st, club.clubId, { ...emptyEffects(), ...effects }, version, null),
  )();
  return version;
}

const stored = (sessionId: string) =>
  st.one<Stored>(
    'SELECT occupancy, going, waitlisted, version FROM session_counts WHERE session_id = ?',
    [sessionId],
  );

describe('session counts kept by the database', () => {
  it('follow every sign-up, check-in and intent, with the version of the last change that moved them', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        const session = aSession();
        const created = write({ sessions: [session] });
        expect(stored(session.id)).toEqual({
          occupancy: 0,
          going: 0,
          waitlisted: 0,
          version: created,
        });

        // The latest sign-up, attendance and intent of each member, as written.
        const signups = new Map<number, Signup>();
        const checkIns = new Map<number, Attendance>();
        const intents = new Map<number, Intent>();
        let movedAt = created;
        for (const s of steps) {
          const before = stored(session.id)!;
          const memberId = club.memberIds[s.member]!;
          let effects: Partial<Effects>;
          if (s.what === 'signup') {
            const live = signups.get(s.member);
            const isLive = live && live.status !== 'cancelled';
            // One live sign-up per member: a live one changes status, else a new one is made.
            const next: Signup = isLive
              ? { ...live, status: s.status, position: s.status === 'waitlisted' ? 1 : null }
              : aSignup({
                  sessionId: session.id,
                  memberId,
                  status: s.status,
                  position: s.status === 'waitlisted' ? 1 : null,
                });
            signups.set(s.member, next);
            effects = { signups: [next] };
          } else if (s.what === 'checkin') {
            const had = checkIns.get(s.member);
            const next = had
              ? { ...had, voided: !had.voided }
              : anAttendance({ sessionId: session.id, memberId, voided: false });
            checkIns.set(s.member, next);
            effects = { attendance: [next] };
          } else {
            const next = anIntent({ sessionId: session.id, memberId, going: s.going });
            intents.set(s.member, next);
            effects = { intents: [next] };
          }
          const version = write(effects);

          const holders = new Set<number>();
          for (const [m, g] of signups) if (g.status === 'active') holders.add(m);
          for (const [m, a] of checkIns) if (!a.voided) holders.add(m);
          const expected = {
            occupancy: holders.size,
            going: [...intents.values()].filter((i) => i.going).length,
            waitlisted: [...signups.values()].filter((g) => g.status === 'waitlisted').length,
          };
          const moved =
            expected.occupancy !== before.occupancy ||
            expected.going !== before.going ||
            expected.waitlisted !== before.waitlisted;
          if (moved) movedAt = version;
          expect(stored(session.id)).toEqual({ ...expected, version: movedAt });
        }
      }),
      { numRuns: 80 },
    );
  });

  it('refuses to move a record to another session', () => {
    const [a, b] = [aSession(), aSession()];
    write({ sessions: [a, b] });
    const intent = anIntent({ sessionId: a.id, memberId: club.memberIds[0]!, going: true });
    write({ intents: [intent] });
    expect(() =>
      st.run('UPDATE intents SET session_id = ? WHERE session_id = ?', [b.id, a.id]),
    ).toThrow(/stays with its session and member/);
    expect(stored(a.id)).toMatchObject({ going: 1 });
    expect(stored(b.id)).toMatchObject({ going: 0 });
  });

  it('are counted from the records when the migration runs on a database with history', async () => {
    const all = () =>
      st.all<Stored & { session_id: string }>('SELECT * FROM session_counts ORDER BY session_id');
    const kept = all();
    expect(kept.length).toBeGreaterThan(50);
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => migrations },
    });
    expect((await migrator.migrateTo('2026_12_05_0018_delivery')).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    st = statementsOf(store.db) as SqliteStatements;
    const counted = all();
    // The same counts; the version is the session's newest record's, which may be
    // newer than the last change that moved a count (a device then gets them again).
    expect(counted.map(({ version: _, ...c }) => c)).toEqual(kept.map(({ version: _, ...c }) => c));
    for (const [i, c] of counted.entries())
      expect(c.version).toBeGreaterThanOrEqual(kept[i]!.version);
  });
});
