import { intentKey, pullTables, type PullOutput, type PullTable } from '@turnout/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClub, type BuiltClub } from '../test/builders.js';
import { newestOnly } from './shared-rows.js';
import { Device } from '../test/devices.js';
import { PASSWORD, startTestServer, type TestClient, type TestServer } from '../test/harness.js';

/**
 * Rows built once for many roster viewers (sync/shared-rows.ts) must leave
 * every device exactly where a fresh pull would: hosts pulling from their
 * own cursors, in small pages, while records are created, changed (pass
 * balances, voids, cancelled sign-ups) and deleted (going taken back)
 * between their pulls.
 */
let server: TestServer;
let club: BuiltClub;
let owner: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  club = await buildClub(server.deps, {
    members: 8,
    sessions: 3,
    passSessions: 100,
    password: PASSWORD,
  });
  owner = server.client();
  await owner.api.auth.login.mutate({ email: club.ownerEmail, password: PASSWORD });
}, 60_000);
afterAll(async () => {
  await server.close();
});

type Store = Record<PullTable, Map<string, unknown>>;
const emptyStore = () =>
  Object.fromEntries(pullTables.map((t) => [t, new Map()])) as unknown as Store;

function keyOf(table: PullTable, row: unknown): string {
  const r = row as Record<string, string>;
  if (table === 'intents') return intentKey(r as never);
  if (table === 'members') return r.memberId!;
  if (table === 'sessionCounts') return r.sessionId!;
  return r.id!;
}

/** A device: deletions first, then puts, as the app's replica applies a page. */
class Puller {
  store = emptyStore();
  cursor: string | undefined;

  constructor(private readonly limit?: number) {}

  async pull(): Promise<void> {
    for (let pages = 0; pages < 500; pages++) {
      const out: PullOutput = await owner.api.sync.pull.query({
        clubId: club.clubId,
        cursor: this.cursor,
        limit: this.limit,
      });
      if (out.reset) this.store = emptyStore();
      for (const table of pullTables) {
        const change = out.changes[table];
        if (!change) continue;
        for (const id of change.del) this.store[table].delete(id);
        for (const row of change.put) this.store[table].set(keyOf(table, row), row);
      }
      this.cursor = out.cursor;
      if (!out.hasMore) return;
    }
    throw new Error('pull does not end');
  }
}

const compared: PullTable[] = ['sessions', 'intents', 'signups', 'attendance', 'passes'];
const snapshotOf = (store: Store) =>
  Object.fromEntries(
    compared.map((t) => [t, [...store[t].entries()].sort(([a], [b]) => (a < b ? -1 : 1))]),
  );

const step = fc.record({
  kind: fc.constantFrom('checkin', 'void', 'going', 'notGoing', 'signup', 'cancel', 'rename'),
  session: fc.integer({ min: 0, max: 2 }),
  member: fc.integer({ min: 0, max: 7 }),
  puller: fc.integer({ min: 0, max: 2 }),
});

describe('rows built once for many roster viewers', () => {
  it('leave every host where a fresh pull would, whatever the cursors and pages', async () => {
    const desk = new Device(owner, club.clubId, 'Desk');
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        const pullers = [new Puller(3), new Puller(7), new Puller()];
        for (const p of pullers) await p.pull();
        for (const s of steps) {
          const sessionId = club.sessionIds[s.session]!;
          const memberId = club.memberIds[s.member]!;
          if (s.kind === 'checkin') desk.queue('checkin.create', { sessionId, memberId });
          if (s.kind === 'void') desk.queue('checkin.void', { sessionId, memberId });
          if (s.kind === 'going') desk.queue('intent.set', { sessionId, going: true, memberId });
          if (s.kind === 'notGoing') {
            desk.queue('intent.set', { sessionId, going: false, memberId });
          }
          if (s.kind === 'signup') desk.queue('signup.create', { sessionId, memberId });
          if (s.kind === 'cancel') desk.queue('signup.cancel', { sessionId, memberId });
          if (s.kind === 'rename') {
            desk.queue('session.update', { sessionId, title: `Class ${s.member}` });
          }
          await desk.sync();
          await pullers[s.puller]!.pull();
        }
        const fresh = new Puller();
        await fresh.pull();
        for (const p of pullers) {
          await p.pull();
          expect(snapshotOf(p.store)).toEqual(snapshotOf(fresh.store));
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);

  it('keep only the newest copy of a row, and none of a row the page deletes', () => {
    const a1 = { id: 'a', title: 'old' };
    const b1 = { id: 'b', title: 'b' };
    const a2 = { id: 'a', title: 'new' };
    const c1 = { id: 'c', title: 'c' };
    expect(newestOnly('sessions', [a1, b1, a2, c1] as never[], ['b'])).toEqual([a2, c1]);
    const going = { sessionId: 's', memberId: 'm', going: true };
    expect(newestOnly('intents', [going] as never[], ['s:m'])).toEqual([]);
  });
});
