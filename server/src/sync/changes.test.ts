import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import type { Poke } from '@turnout/shared';
import { aSession } from '@turnout/shared/testing';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestClient,
  type TestServer,
} from '../test/harness.js';
import { writeChange } from '../test/builders.js';
import type { AppRouter } from '../trpc/app.router.js';
import {
  busyCoalesceMs,
  clubChanges,
  coalesceMs,
  listenerCount,
  notifyClubChanged,
} from './changes.js';
import { Device } from '../test/devices.js';

let server: TestServer;
let club: ClubFixture;

beforeAll(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
});

afterAll(async () => {
  await server.close();
});

/** A client with the SSE link, sending the browser's login cookie. */
function sseClient(browser: TestClient) {
  return createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${server.localUrl}/trpc`,
        EventSource,
        eventSourceOptions: { fetch: (input, init) => browser.fetch(input, init) },
      }),
    ],
  });
}

/** Collects events until `count` arrived. */
function subscribe(browser: TestClient, clubId: string, lastEventId?: string) {
  const events: { id: string; version: number; scope?: Poke['scope'] }[] = [];
  const errors: unknown[] = [];
  let wake: () => void = () => {};
  const sub = sseClient(browser).sync.changes.subscribe(
    { clubId, lastEventId },
    {
      onData(event) {
        events.push({ id: event.id, version: event.data.version, scope: event.data.scope });
        wake();
      },
      onError(error) {
        errors.push(error);
        wake();
      },
    },
  );
  const until = async (count: number) => {
    const deadline = Date.now() + 5000;
    while (events.length < count && errors.length === 0 && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100);
      });
    }
    return { events, errors };
  };
  return { until, unsubscribe: () => sub.unsubscribe() };
}

describe('sync.changes', () => {
  it('says the current version on connect, then pokes on every change', async () => {
    const version = await writeChange(server.deps.db, club.clubId, { sessions: [aSession()] });
    const sub = subscribe(club.owner, club.clubId);
    const first = await sub.until(1);
    expect(first.errors).toEqual([]);
    expect(first.events).toEqual([{ id: String(version), version }]);

    // Wait for the server to listen before poking.
    while (listenerCount(club.clubId) === 0) await new Promise((r) => setTimeout(r, 10));
    notifyClubChanged(club.clubId, version + 7);
    notifyClubChanged('00000000-0000-4000-8000-000000000000', version + 8);
    const second = await sub.until(2);
    expect(second.events[1]).toEqual({ id: String(version + 7), version: version + 7 });
    sub.unsubscribe();
  });

  it('skips the greeting when the client has already seen the current version', async () => {
    while (listenerCount(club.clubId) > 0) await new Promise((r) => setTimeout(r, 10));
    const version = await writeChange(server.deps.db, club.clubId, { sessions: [aSession()] });
    const sub = subscribe(club.owner, club.clubId, String(version));
    while (listenerCount(club.clubId) === 0) await new Promise((r) => setTimeout(r, 10));
    notifyClubChanged(club.clubId, version + 1);
    const { events } = await sub.until(1);
    expect(events).toEqual([{ id: String(version + 1), version: version + 1 }]);
    sub.unsubscribe();
  });

  it('coalesces a burst of changes: the first at once, then one poke with the newest version', async () => {
    while (listenerCount(club.clubId) > 0) await new Promise((r) => setTimeout(r, 10));
    const version = await writeChange(server.deps.db, club.clubId, { sessions: [aSession()] });
    const sub = subscribe(club.owner, club.clubId, String(version));
    while (listenerCount(club.clubId) === 0) await new Promise((r) => setTimeout(r, 10));
    // Past the interval of any earlier poke of this club.
    await new Promise((r) => setTimeout(r, busyCoalesceMs + 20));
    for (let i = 1; i <= 100; i++) notifyClubChanged(club.clubId, version + i);
    const { events } = await sub.until(2);
    // Give a wrongly uncoalesced stream time to show more.
    await new Promise((r) => setTimeout(r, coalesceMs * 2));
    expect(events.map((e) => e.version)).toEqual([version + 1, version + 100]);
    sub.unsubscribe();
  });

  it('says whom a change concerns: a member’s own records carry the counts; anything else has no scope', async () => {
    while (listenerCount(club.clubId) > 0) await new Promise((r) => setTimeout(r, 10));
    const tomorrow = Date.now() + 86_400_000;
    const session = aSession({
      startsAt: new Date(tomorrow).toISOString(),
      endsAt: new Date(tomorrow + 3_600_000).toISOString(),
    });
    const version = await writeChange(server.deps.db, club.clubId, { sessions: [session] });
    const sub = subscribe(club.owner, club.clubId, String(version));
    while (listenerCount(club.clubId) === 0) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, busyCoalesceMs + 20));
    const phone = new Device(club.owner, club.clubId, 'Phone');
    phone.queue('intent.set', { sessionId: session.id, going: true });
    expect((await phone.sync())[0]?.status).toBe('applied');
    const first = await sub.until(1);
    expect(first.events[0]?.scope).toEqual({
      members: [club.ownerMemberId],
      counts: [{ sessionId: session.id, occupancy: 0, going: 1, waitlisted: 0 }],
    });

    await new Promise((r) => setTimeout(r, busyCoalesceMs + 20));
    phone.queue('session.cancel', { sessionId: session.id });
    expect((await phone.sync())[0]?.status).toBe('applied');
    const second = await sub.until(2);
    expect(second.events[1]?.version).toBeGreaterThan(first.events[0]!.version);
    expect(second.events[1]?.scope).toBeUndefined();
    sub.unsubscribe();
  });

  it('keeps a burst touching hundreds of members scoped, telling each device only about itself', async () => {
    const clubId = 'burst-club';
    const touched = Array.from({ length: 300 }, (_, i) => `member-${i}`);
    const among = clubChanges(clubId, ['member-7']);
    const outside = clubChanges(clubId, ['someone-else']);
    const [toAmong, toOutside] = [among.next(), outside.next()];
    const counts = [{ sessionId: 's1', occupancy: 3, going: 1, waitlisted: 0 }];
    notifyClubChanged(clubId, 42, {
      scope: { members: new Set(touched), sessions: new Set(['s1']) },
      counts: () => counts,
    });
    expect((await toAmong).value).toEqual({
      version: 42,
      scope: { members: ['member-7'], counts },
    });
    expect((await toOutside).value).toEqual({ version: 42, scope: { members: [], counts } });
    await among.return(undefined);
    await outside.return(undefined);
  });

  it('pokes at most once a second while changes keep coming', async () => {
    const clubId = 'steady-club';
    const pokes: number[] = [];
    const stop = new AbortController();
    const listening = (async () => {
      for await (const poke of clubChanges(clubId, [], stop.signal)) pokes.push(poke.version);
    })();
    // A change every 20 ms for about 1.5 s: at 250 ms apart that would be seven pokes or more.
    const started = performance.now();
    for (let version = 1; version <= 75; version++) {
      notifyClubChanged(clubId, version);
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, busyCoalesceMs + 100));
    stop.abort();
    await listening;
    // The first at once, one 250 ms later, then one a second, the last with the newest version.
    expect(pokes.length).toBeGreaterThanOrEqual(2);
    expect(pokes.length).toBeLessThanOrEqual(3 + Math.ceil(seconds));
    expect(pokes.at(-1)).toBe(75);
  });

  it('refuses people outside the club', async () => {
    const sub = subscribe(server.client(), club.clubId);
    const { events, errors } = await sub.until(1);
    sub.unsubscribe();
    expect(events).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});
