import 'fake-indexeddb/auto';
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Poke } from '@turnout/shared';
import {
  addMember,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestClient,
  type TestServer,
} from '@turnout/server/testing';
import { TurnoutDb } from '$lib/db/database';
import { pendingOf } from '$lib/db/outbox';
import { ClubStore, type ClubSeat } from '$lib/state/club.svelte';
import { SyncFailure, type SyncTransport } from './engine';
import { mapped } from './transport';

/**
 * The device side against the real server over real HTTP: stores on
 * fake-indexeddb (the only stand-in: there is no IndexedDB in Node), the
 * real rules judging locally, real pushes and pulls.
 */

interface Phone {
  store: ClubStore;
  db: TurnoutDb;
  net: { online: boolean };
}

function transportOf(client: TestClient, net: { online: boolean }): SyncTransport {
  const guard = <T>(call: () => Promise<T>) => {
    if (!net.online) return Promise.reject(new SyncFailure('network', 'offline'));
    return mapped(call);
  };
  return {
    push: (input) => guard(() => client.api.sync.push.mutate(input)),
    pull: (input) => guard(() => client.api.sync.pull.query(input)),
  };
}

async function phone(client: TestClient, seat: ClubSeat): Promise<Phone> {
  const net = { online: true };
  const db = new TurnoutDb(`test-${v7()}`);
  const store = new ClubStore(seat, { db, transport: transportOf(client, net), debounceMs: 5 });
  await store.open();
  await settle(store);
  return { store, db, net };
}

/** Waits until the store has nothing left to do (sync runs are debounced). */
async function settle(store: ClubStore): Promise<void> {
  await store.idle();
}

async function syncNow(p: Phone): Promise<void> {
  p.store.request('manual');
  await settle(p.store);
}

let server: TestServer;
let club: ClubFixture;
let owner: Phone;
let host: { client: TestClient; memberId: string };
let members: { client: TestClient; memberId: string }[];
const templateId = v7();

beforeAll(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
  host = await addMember(server, club, 'host', 'hannah@example.org');
  members = [];
  for (const name of ['ana', 'bo', 'cy']) {
    members.push(await addMember(server, club, 'member', `${name}@example.org`));
  }
  owner = await phone(club.owner, {
    clubId: club.clubId,
    memberId: club.ownerMemberId,
    role: 'owner',
  });
  const made = await owner.store.act('template.create', {
    templateId,
    names: { en: 'Five sessions' },
    sessions: 5,
    priceMinor: 5000,
    currency: 'EUR',
    validityDays: 30,
  });
  expect(made).toMatchObject({ ok: true, flags: [] });
  for (const m of members) {
    await owner.store.act('pass.grant', { passId: v7(), memberId: m.memberId, templateId });
  }
  await syncNow(owner);
});

afterAll(async () => {
  owner?.store.close();
  await server?.close();
});

async function newSession(capacity: number | null, startsInMinutes = -10): Promise<string> {
  const sessionId = v7();
  const now = Date.now();
  const outcome = await owner.store.act('session.create', {
    sessionId,
    title: `Yoga ${sessionId.slice(-4)}`,
    startsAt: new Date(now + startsInMinutes * 60_000).toISOString(),
    endsAt: new Date(now + (startsInMinutes + 60) * 60_000).toISOString(),
    capacity,
  });
  expect(outcome.ok).toBe(true);
  await syncNow(owner);
  expect(owner.store.pending).toHaveLength(0);
  return sessionId;
}

describe('the device store and sync against the real server', () => {
  it('applies an owner’s changes at once and empties the outbox on sync', async () => {
    const view = owner.store.view!;
    expect(view.tables.templates.get(templateId)?.names).toEqual({ en: 'Five sessions' });
    const passes = [...view.tables.passes.values()];
    expect(passes).toHaveLength(3);
    expect(passes.every((p) => p.balance === 5)).toBe(true);
    expect(await pendingOf(owner.db, club.clubId)).toHaveLength(0);
  });

  it('a host checks people in offline; on reconnect the server has exactly that', async () => {
    const sessionId = await newSession(10);
    const h = await phone(host.client, {
      clubId: club.clubId,
      memberId: host.memberId,
      role: 'host',
    });
    h.net.online = false;
    for (const m of members.slice(0, 2)) {
      const outcome = await h.store.act('checkin.create', { sessionId, memberId: m.memberId });
      expect(outcome).toMatchObject({ ok: true, flags: [] });
    }
    // Shown at once from the overlay: occupancy and the members' balances moved.
    const view = h.store.view!;
    expect(view.tables.sessionCounts.get(sessionId)?.occupancy).toBe(2);
    const balance = (memberId: string) =>
      view.tables.passes.by('member', memberId).reduce((sum, p) => sum + p.balance, 0);
    expect(balance(members[0]!.memberId)).toBe(4);
    // A second check-in of the same member is refused locally and not queued.
    const again = await h.store.act('checkin.create', {
      sessionId,
      memberId: members[0]!.memberId,
    });
    expect(again).toMatchObject({ ok: false, code: 'already_checked_in' });
    expect(await pendingOf(h.db, club.clubId)).toHaveLength(2);

    // Still offline: a sync attempt fails and keeps the outbox.
    await syncNow(h);
    expect(h.store.online).toBe(false);
    expect(await pendingOf(h.db, club.clubId)).toHaveLength(2);

    // A reopened store (the app restarted) finds the outbox and the overlay again.
    h.store.close();
    const reopened = new ClubStore(h.store.seat, {
      db: h.db,
      transport: transportOf(host.client, h.net),
      debounceMs: 5,
    });
    await reopened.open();
    expect(reopened.pending).toHaveLength(2);
    expect(reopened.view!.tables.sessionCounts.get(sessionId)?.occupancy).toBe(2);

    h.net.online = true;
    reopened.request('online');
    await settle(reopened);
    expect(reopened.pending).toHaveLength(0);
    expect(reopened.attention).toHaveLength(0);
    expect(reopened.lastSyncedAt).not.toBeNull();

    const serverView = await club.owner.api.sync.pull.query({ clubId: club.clubId });
    const checkedIn = (serverView.changes.attendance?.put ?? []).filter(
      (a) => a.sessionId === sessionId && !a.voided,
    );
    expect(checkedIn.map((a) => a.memberId).sort()).toEqual(
      members
        .slice(0, 2)
        .map((m) => m.memberId)
        .sort(),
    );
    // What the device shows after the sync is the server's word.
    expect(reopened.view!.tables.sessionCounts.get(sessionId)?.occupancy).toBe(2);
    reopened.close();
  });

  it('two offline hosts fill the last spot: one accepted, the other flagged over capacity', async () => {
    const sessionId = await newSession(1);
    const second = await addMember(server, club, 'host', 'harry@example.org');
    const a = await phone(host.client, {
      clubId: club.clubId,
      memberId: host.memberId,
      role: 'host',
    });
    const b = await phone(second.client, {
      clubId: club.clubId,
      memberId: second.memberId,
      role: 'host',
    });
    const m = await phone(members[2]!.client, {
      clubId: club.clubId,
      memberId: members[2]!.memberId,
      role: 'member',
    });
    for (const p of [a, b, m]) p.net.online = false;
    const checkIn = (p: Phone, memberId?: string) =>
      p.store.act('checkin.create', memberId ? { sessionId, memberId } : { sessionId });
    expect(await checkIn(a, members[0]!.memberId)).toMatchObject({ ok: true, flags: [] });
    expect(await checkIn(b, members[1]!.memberId)).toMatchObject({ ok: true, flags: [] });
    // The member's own copy still shows the spot free: accepted on the device for now.
    expect(await checkIn(m)).toMatchObject({ ok: true, flags: [] });

    for (const p of [a, b, m]) {
      p.net.online = true;
      await syncNow(p);
    }
    expect(a.store.attention).toHaveLength(0);
    expect(b.store.attention).toHaveLength(1);
    expect(b.store.attention[0]).toMatchObject({ status: 'applied', flags: ['over_capacity'] });
    expect(b.store.view!.tables.sessionCounts.get(sessionId)?.occupancy).toBe(2);

    // The member sees why: refused, the last spot named, and no charge left behind.
    expect(m.store.attention).toHaveLength(1);
    expect(m.store.attention[0]).toMatchObject({ status: 'rejected', code: 'session_full' });
    expect(m.store.attention[0]!.message).toMatch(/last spot was taken by a check-in/);
    const passes = m.store.view!.tables.passes.by('member', members[2]!.memberId);
    expect(passes.reduce((sum, p) => sum + p.balance, 0)).toBe(5);
    expect(m.store.pending).toHaveLength(0);

    await m.store.dismiss(m.store.attention[0]!.id);
    expect(m.store.attention).toHaveLength(0);
    for (const p of [a, b, m]) p.store.close();
  });

  it('submits server-judged changes and answers with the server’s decision', async () => {
    const unknown = await owner.store.submit('attention.resolve', {
      itemId: v7(),
      resolution: 'accepted',
    });
    expect(unknown).toMatchObject({ status: 'rejected', code: 'not_found' });
    expect(owner.store.attention).toHaveLength(0);
    const created = await owner.store.submit('trainingType.create', {
      trainingTypeId: v7(),
      name: 'Pilates',
    });
    expect(created).toEqual({ status: 'applied', flags: [] });
    expect([...owner.store.view!.tables.trainingTypes.values()].map((t) => t.name)).toContain(
      'Pilates',
    );
    owner.net.online = false;
    const offline = await owner.store.submit('trainingType.create', {
      trainingTypeId: v7(),
      name: 'Boxing',
    });
    expect(offline).toEqual({ status: 'queued' });
    owner.net.online = true;
    await syncNow(owner);
    expect(owner.store.pending).toHaveLength(0);
  });

  it('a change whose outbox write fails is taken off the screen and reported', async () => {
    const sessionId = await newSession(null);
    const p = await phone(host.client, {
      clubId: club.clubId,
      memberId: host.memberId,
      role: 'host',
    });
    const refuse = () => {
      throw new Error('The device storage is full');
    };
    p.db.outbox.hook('creating', refuse);
    await expect(
      p.store.act('checkin.create', { sessionId, memberId: members[1]!.memberId }),
    ).rejects.toThrow('storage is full');
    expect(p.store.pending).toHaveLength(0);
    expect(p.store.view!.tables.attendance.by('session', sessionId)).toHaveLength(0);
    expect(await pendingOf(p.db, club.clubId)).toHaveLength(0);
    // The next change is stored and shown as usual.
    p.db.outbox.hook('creating').unsubscribe(refuse);
    p.net.online = false;
    const made = await p.store.act('checkin.create', { sessionId, memberId: members[1]!.memberId });
    expect(made.ok).toBe(true);
    expect(p.store.pending).toHaveLength(1);
    expect(p.store.view!.tables.attendance.by('session', sessionId)).toHaveLength(1);
    p.net.online = true;
    await syncNow(p);
    expect(p.store.pending).toHaveLength(0);
    p.store.close();
  });

  it('a lost login pauses the outbox and never empties it', async () => {
    const sessionId = await newSession(null, 120);
    const loggedOut = server.client();
    const p = await phone(members[0]!.client, {
      clubId: club.clubId,
      memberId: members[0]!.memberId,
      role: 'member',
    });
    p.store.close();
    const store = new ClubStore(p.store.seat, {
      db: p.db,
      transport: transportOf(loggedOut, { online: true }),
      debounceMs: 5,
    });
    await store.open();
    await settle(store);
    expect(store.needsLogin).toBe(true);
    const outcome = await store.act('intent.set', { sessionId, going: true });
    expect(outcome).toMatchObject({ ok: true, flags: [] });
    await settle(store);
    expect(await pendingOf(p.db, club.clubId)).toHaveLength(1);
    store.close();
  });

  it('a poke about other members brings counts without a pull; one about me, or without scope, pulls', async () => {
    const sessionId = await newSession(10, 120);
    const me = members[0]!;
    const net = { online: true };
    const direct = transportOf(me.client, net);
    let pulls = 0;
    const transport: SyncTransport = {
      push: direct.push,
      pull: (input) => {
        pulls++;
        return direct.pull(input);
      },
    };
    let poke: (poke: Poke | null) => void = () => {};
    const db = new TurnoutDb(`test-${v7()}`);
    const store = new ClubStore(
      { clubId: club.clubId, memberId: me.memberId, role: 'member' },
      { db, transport, debounceMs: 5, listen: (_clubId, onPoke) => ((poke = onPoke), () => {}) },
    );
    await store.open();
    await settle(store);
    const pulled = pulls;

    const counts = [{ sessionId, occupancy: 7, going: 3, waitlisted: 0 }];
    poke({ version: 1_000_000, scope: { members: [members[1]!.memberId], counts } });
    await vi.waitFor(() =>
      expect(store.view?.tables.sessionCounts.get(sessionId)?.occupancy).toBe(7),
    );
    await settle(store);
    expect(pulls).toBe(pulled);
    // Kept on the device too: a reopened store shows the same counts.
    const stored = await db.pulled('sessionCounts').get([club.clubId, sessionId]);
    expect(stored?.row).toEqual(counts[0]);

    poke({ version: 1_000_001, scope: { members: [me.memberId], counts } });
    await vi.waitFor(() => expect(pulls).toBeGreaterThan(pulled));
    await settle(store);
    const afterMine = pulls;
    poke({ version: 1_000_002 });
    await vi.waitFor(() => expect(pulls).toBeGreaterThan(afterMine));
    await settle(store);
    store.close();
  });
});
