import { durable } from '../db/durable.js';
import { intentKey, pullTables, type PullOutput, type PullTable } from '@turnout/shared';
import {
  aClubSettings,
  aGrant,
  anAttendance,
  anIntent,
  aSession,
  aSignup,
  aTemplate,
  startingAt,
} from '@turnout/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  errorCodeOf,
  PASSWORD,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestClient,
  type TestServer,
} from '../test/harness.js';
import { writeChange } from '../test/builders.js';
import { encodeCursor } from './pull.cursor.js';

/** Far ahead: a session that every pull holds (the snapshot window only drops the past). */
const LATER = startingAt('2030-01-01T17:00:00.000Z');

/** A device's copy of the pulled tables, keyed like a Dexie store would. */
type Store = Record<PullTable, Map<string, unknown>>;

function emptyStore(): Store {
  return Object.fromEntries(pullTables.map((t) => [t, new Map()])) as Store;
}

function keyOf(table: PullTable, row: unknown): string {
  const r = row as Record<string, string>;
  if (table === 'intents') return intentKey(r as never);
  if (table === 'members') return r.memberId!;
  if (table === 'sessionCounts') return r.sessionId!;
  return r.id!;
}

function apply(store: Store, out: PullOutput): Store {
  const next = out.reset ? emptyStore() : store;
  for (const table of pullTables) {
    const change = out.changes[table];
    if (!change) continue;
    for (const row of change.put) next[table].set(keyOf(table, row), row);
    for (const id of change.del) next[table].delete(id);
  }
  return next;
}

/** Pulls until `hasMore` is false, applying every page. */
async function pullAll(
  client: TestClient,
  clubId: string,
  start: { store?: Store; cursor?: string; limit?: number } = {},
) {
  let store = start.store ?? emptyStore();
  let cursor = start.cursor;
  const pages: PullOutput[] = [];
  for (;;) {
    const out = await client.api.sync.pull.query({ clubId, cursor, limit: start.limit });
    pages.push(out);
    store = apply(store, out);
    cursor = out.cursor;
    if (!out.hasMore) break;
    if (pages.length > 200) throw new Error('pull does not end');
  }
  return { store, cursor: cursor!, pages };
}

const ids = (store: Store, table: PullTable) => [...store[table].keys()].sort();

let server: TestServer;
let club: ClubFixture;
let host: { client: TestClient; memberId: string };
let mia: { client: TestClient; memberId: string };
let noah: { client: TestClient; memberId: string };
const world = {} as {
  upcoming: string;
  old: string;
  miaSignup: string;
  noahSignup: string;
  noahAttendance: string;
  miaPass: string;
  noahPass: string;
};

beforeAll(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
  host = await addMember(server, club, 'host', 'host@example.org');
  mia = await addMember(server, club, 'member', 'mia@example.org');
  noah = await addMember(server, club, 'member', 'noah@example.org');
  const db = server.deps.db;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();

  const template = aTemplate();
  const upcoming = aSession({ startsAt: iso(now + 86_400_000), endsAt: iso(now + 90_000_000) });
  const recent = aSession({ startsAt: iso(now - 90_000_000), endsAt: iso(now - 86_400_000) });
  // Ended 60 days ago: outside the snapshot window (30 days).
  const old = aSession({
    startsAt: iso(now - 61 * 86_400_000),
    endsAt: iso(now - 60 * 86_400_000),
  });
  const miaGrant = aGrant(template, {
    memberId: mia.memberId,
    at: iso(now - 5 * 86_400_000),
    byMemberId: club.ownerMemberId,
  });
  const noahGrant = aGrant(template, {
    memberId: noah.memberId,
    at: iso(now - 5 * 86_400_000),
    byMemberId: club.ownerMemberId,
  });
  await writeChange(db, club.clubId, {
    templates: [template],
    sessions: [upcoming, recent, old],
    passes: [miaGrant.pass, noahGrant.pass],
    creditLog: [miaGrant.entry, noahGrant.entry],
  });
  const miaSignup = aSignup({ sessionId: upcoming.id, memberId: mia.memberId });
  const noahSignup = aSignup({ sessionId: upcoming.id, memberId: noah.memberId });
  await writeChange(db, club.clubId, { signups: [miaSignup, noahSignup] });
  const noahAttendance = anAttendance({ sessionId: recent.id, memberId: noah.memberId });
  const oldAttendance = anAttendance({ sessionId: old.id, memberId: noah.memberId });
  await writeChange(db, club.clubId, {
    attendance: [noahAttendance, oldAttendance],
    intents: [anIntent({ sessionId: upcoming.id, memberId: noah.memberId, updatedAt: iso(now) })],
  });
  Object.assign(world, {
    upcoming: upcoming.id,
    old: old.id,
    miaSignup: miaSignup.id,
    noahSignup: noahSignup.id,
    noahAttendance: noahAttendance.id,
    miaPass: miaGrant.pass.id,
    noahPass: noahGrant.pass.id,
  });
});

afterAll(async () => {
  await server.close();
});

describe('sync.pull: the first pull', () => {
  it('resets and carries everything an owner may see, in one consistent page', async () => {
    const out = await club.owner.api.sync.pull.query({ clubId: club.clubId });
    expect(out.reset).toBe(true);
    expect(out.hasMore).toBe(false);
    expect(Date.parse(out.serverTime)).not.toBeNaN();
    const store = apply(emptyStore(), out);
    expect([...store.club.values()]).toEqual([
      {
        id: club.clubId,
        name: 'Test Club',
        settings: expect.objectContaining({ creditPolicy: 'at_checkin' }),
      },
    ]);
    expect(store.members.size).toBe(4);
    expect(store.sessions.size).toBe(2);
    expect(store.sessions.has(world.old)).toBe(false);
    expect(ids(store, 'signups')).toEqual([world.miaSignup, world.noahSignup].sort());
    expect(ids(store, 'attendance')).toEqual([world.noahAttendance]);
    expect(ids(store, 'passes')).toEqual([world.miaPass, world.noahPass].sort());
    expect(store.creditLog.size).toBe(2);
    expect(store.passes.get(world.miaPass)).toMatchObject({ balance: 10 });
    expect(store.sessionCounts.get(world.upcoming)).toEqual({
      sessionId: world.upcoming,
      occupancy: 2,
      going: 1,
      waitlisted: 0,
    });
  });

  it('gives a member counts and their own records, never anyone else’s', async () => {
    const { store } = await pullAll(mia.client, club.clubId);
    expect(ids(store, 'signups')).toEqual([world.miaSignup]);
    expect(store.attendance.size).toBe(0);
    expect(store.intents.size).toBe(0);
    expect(ids(store, 'passes')).toEqual([world.miaPass]);
    expect(store.creditLog.size).toBe(1);
    expect([...store.members.values()]).toEqual([
      { memberId: mia.memberId, name: 'mia', role: 'member', removed: false },
    ]);
    expect(store.sessionCounts.get(world.upcoming)).toMatchObject({ occupancy: 2, going: 1 });
    expect(JSON.stringify([...Object.values(store)].map((m) => [...m.values()]))).not.toContain(
      noah.memberId,
    );
  });

  it('gives a host rosters and balances, but not others’ credit logs', async () => {
    const { store } = await pullAll(host.client, club.clubId);
    expect(ids(store, 'signups')).toEqual([world.miaSignup, world.noahSignup].sort());
    expect(ids(store, 'attendance')).toEqual([world.noahAttendance]);
    expect(store.intents.size).toBe(1);
    expect(store.passes.get(world.noahPass)).toMatchObject({ balance: 10 });
    expect(store.members.size).toBe(4);
    expect(store.creditLog.size).toBe(0);
    expect(store.passRequests.size).toBe(0);
  });

  it('refuses an owner of another club', async () => {
    const { issueSetupToken } = await import('../services/setup.service.js');
    const link = await issueSetupToken(
      { ...server.deps, config: { ...server.deps.config, setupToken: 'pull-other-token' } },
      server.url,
    );
    const other = server.client();
    await other.api.setup.createClub.mutate({
      token: new URL(link).searchParams.get('token')!,
      club: { name: 'Other Club' },
      owner: { name: 'Other', email: 'other-pull@example.org', password: PASSWORD },
    });
    expect(await errorCodeOf(other.api.sync.pull.query({ clubId: club.clubId }))).toBe(
      'not_permitted',
    );
  });
});

describe('sync.pull: after the first pull', () => {
  it('returns only what changed, and nothing when nothing did', async () => {
    const first = await pullAll(host.client, club.clubId);
    const quiet = await host.client.api.sync.pull.query({
      clubId: club.clubId,
      cursor: first.cursor,
    });
    expect(quiet).toMatchObject({ reset: false, hasMore: false, changes: {} });

    const session = aSession({ title: 'New class', ...LATER });
    await writeChange(server.deps.db, club.clubId, { sessions: [session] });
    const next = await host.client.api.sync.pull.query({
      clubId: club.clubId,
      cursor: quiet.cursor,
    });
    expect(next.reset).toBe(false);
    expect(Object.keys(next.changes).sort()).toEqual(['sessionCounts', 'sessions']);
    expect(next.changes.sessions!.put).toEqual([session]);
    expect(next.changes.sessionCounts!.put).toEqual([
      { sessionId: session.id, occupancy: 0, going: 0, waitlisted: 0 },
    ]);
  });

  it('moves a member’s counts when someone else signs up, without showing the sign-up', async () => {
    const first = await pullAll(mia.client, club.clubId);
    const session = aSession(LATER);
    await writeChange(server.deps.db, club.clubId, { sessions: [session] });
    const afterSession = await pullAll(mia.client, club.clubId, first);
    await writeChange(server.deps.db, club.clubId, {
      signups: [aSignup({ sessionId: session.id, memberId: noah.memberId })],
    });
    const out = await mia.client.api.sync.pull.query({
      clubId: club.clubId,
      cursor: afterSession.cursor,
    });
    expect(out.changes.signups).toBeUndefined();
    expect(out.changes.sessionCounts!.put).toEqual([
      { sessionId: session.id, occupancy: 1, going: 0, waitlisted: 0 },
    ]);
  });

  it('delivers deletions from tombstones', async () => {
    const first = await pullAll(club.owner, club.clubId);
    const doomed = aSession({ title: 'Doomed', ...LATER });
    const v = await writeChange(server.deps.db, club.clubId, { sessions: [doomed] });
    await server.deps.db
      .insertInto('tombstones')
      .values({ club_id: club.clubId, table_name: 'sessions', row_id: doomed.id, version: v + 1 })
      .execute();
    await server.deps.db
      .updateTable('change_counter')
      .set({ version: v + 1 })
      .execute();
    // Pulls hand out only what is on disk; a writer flushes before anyone is told.
    await durable(server.deps.db);
    const out = await pullAll(club.owner, club.clubId, first);
    expect(out.store.sessions.has(doomed.id)).toBe(false);
    expect(out.pages.flatMap((p) => p.changes.sessions?.del ?? [])).toContain(doomed.id);
  });

  it('answers a cursor it cannot read with a reset, not an error', async () => {
    for (const cursor of ['garbage', '', encodeCursor({ v: 3, s: 'someone-else' }), 'e30']) {
      const out = await mia.client.api.sync.pull.query({ clubId: club.clubId, cursor });
      expect(out.reset).toBe(true);
      expect(out.changes.club).toBeDefined();
    }
  });
});

describe('sync.pull: pages', () => {
  it('reaches the same state in small pages as in one big page', async () => {
    // Enough rows, several per version, to need many small pages.
    for (let i = 0; i < 4; i += 1) {
      const session = aSession({ title: `Batch ${i}`, ...LATER });
      await writeChange(server.deps.db, club.clubId, {
        sessions: [session],
        signups: [mia, noah].map((m) => aSignup({ sessionId: session.id, memberId: m.memberId })),
      });
    }
    const big = await pullAll(club.owner, club.clubId);
    expect(big.pages).toHaveLength(1);
    const small = await pullAll(club.owner, club.clubId, { limit: 3 });
    expect(small.pages.length).toBeGreaterThan(4);
    expect(small.pages[0]!.reset).toBe(true);
    expect(small.pages.slice(1).every((p) => !p.reset)).toBe(true);
    for (const table of pullTables) {
      expect(Object.fromEntries(small.store[table]), table).toEqual(
        Object.fromEntries(big.store[table]),
      );
    }
    // No page ends in the middle of a version: a batch's session and sign-ups arrive together.
    for (const page of small.pages) {
      for (const session of page.changes.sessions?.put ?? []) {
        if (!session.title.startsWith('Batch')) continue;
        const signups = page.changes.signups?.put.filter((s) => s.sessionId === session.id);
        expect(signups).toHaveLength(2);
      }
    }
  });

  it('sends one change larger than a page whole', async () => {
    const first = await pullAll(club.owner, club.clubId);
    const sessions = Array.from({ length: 5 }, (_, i) => aSession({ title: `Big ${i}`, ...LATER }));
    await writeChange(server.deps.db, club.clubId, { sessions });
    const out = await club.owner.api.sync.pull.query({
      clubId: club.clubId,
      cursor: first.cursor,
      limit: 2,
    });
    expect(out.changes.sessions!.put).toHaveLength(5);
    expect(out.hasMore).toBe(false);
  });
});

describe('sync.pull: visibility changes', () => {
  it('resets a host demoted to member and drops the rosters', async () => {
    const promoted = await addMember(server, club, 'host', 'demoted@example.org');
    const before = await pullAll(promoted.client, club.clubId);
    expect(before.store.signups.size).toBeGreaterThan(1);
    await club.owner.api.members.setRole.mutate({
      clubId: club.clubId,
      memberId: promoted.memberId,
      role: 'member',
    });
    const after = await promoted.client.api.sync.pull.query({
      clubId: club.clubId,
      cursor: before.cursor,
    });
    expect(after.reset).toBe(true);
    const store = apply(before.store, after);
    expect(store.signups.size).toBe(0);
    expect(store.members.size).toBe(1);
  });

  it('resets hosts when the club lets them manage passes', async () => {
    const before = await pullAll(host.client, club.clubId);
    await writeChange(server.deps.db, club.clubId, {
      settings: aClubSettings({ timezone: 'Europe/Ljubljana', hostsCanManagePasses: true }),
    });
    const after = await host.client.api.sync.pull.query({
      clubId: club.clubId,
      cursor: before.cursor,
    });
    expect(after.reset).toBe(true);
    expect(after.changes.club!.put[0]!.settings.hostsCanManagePasses).toBe(true);
  });

  it('resends the member list when someone joins', async () => {
    const before = await pullAll(host.client, club.clubId);
    const newcomer = await addMember(server, club, 'member', 'newcomer@example.org');
    const after = await host.client.api.sync.pull.query({
      clubId: club.clubId,
      cursor: before.cursor,
    });
    expect(after.reset).toBe(false);
    expect(after.changes.members!.put.map((m) => m.memberId)).toContain(newcomer.memberId);
  });
});

describe('sync.pull: history', () => {
  it('pages older history on request without moving the cursor', async () => {
    const main = await pullAll(noah.client, club.clubId);
    expect(main.store.sessions.has(world.old)).toBe(false);
    const windowStart = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const out = await noah.client.api.sync.pull.query({
      clubId: club.clubId,
      cursor: main.cursor,
      history: { before: windowStart },
    });
    expect(out.cursor).toBe(main.cursor);
    expect(out.reset).toBe(false);
    expect(out.changes.sessions!.put.map((s) => s.id)).toEqual([world.old]);
    expect(out.changes.attendance!.put).toHaveLength(1);
    expect(out.changes.sessionCounts!.put).toEqual([
      { sessionId: world.old, occupancy: 1, going: 0, waitlisted: 0 },
    ]);
    expect(out.hasMore).toBe(false);
    expect(out.nextBefore).toBeNull();
  });
});
