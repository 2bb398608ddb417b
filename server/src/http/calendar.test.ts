import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { CompiledQuery } from 'kysely';
import type { PushResult } from '@turnout/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clubSessionsQuery,
  feedVersionQuery,
  mySessionsQuery,
} from '../repositories/calendar.repository.js';
import { Device } from '../test/devices.js';
import {
  addMember,
  setUpAnotherClub,
  setUpClub,
  startTestServer,
  testServerStore,
  type ClubFixture,
  type TestClient,
  type TestServer,
} from '../test/harness.js';
import { postgresPlan, type PlanNode } from '../test/store-checks.js';

/** The indexes a plan reads a table (by name or alias) through. */
const indexesOf = (nodes: PlanNode[], table: string) =>
  nodes
    .filter((n) => n.Alias === table || (n.Alias === undefined && n['Relation Name'] === table))
    .map((n) => n['Index Name']);

/** Scans reading a whole table or a whole index: no index, or an index without a condition. */
const fullScans = (nodes: PlanNode[]) =>
  nodes
    .filter((n) => /Scan/.test(n['Node Type']) && n['Node Type'] !== 'Bitmap Heap Scan')
    .filter((n) => !n['Index Cond'])
    .map((n) => `${n['Node Type']} ${n.Alias ?? ''}`);

/**
 * Calendar feeds parsed back with a real iCalendar parser (ical.js) and
 * compared with the club's sessions: a weekly 18:00 series in
 * Europe/Ljubljana across the end of summer time, a cancellation, a
 * member's own places, revocation, removal, and another club's sessions.
 */

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  status: string;
  sequence: number;
  start: Date;
  end: Date;
  location: string | null;
}

function parse(text: string): { name: string; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description ?? '',
      status: String(vevent.getFirstPropertyValue('status')),
      sequence: event.sequence,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      location: event.location ?? null,
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), events };
}

/** A push result that must have been applied. */
function applied(result: PushResult): void {
  if (result.status !== 'applied') throw new Error(`refused: ${JSON.stringify(result)}`);
}

const wallClock = (date: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Ljubljana',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);

let server: TestServer;
let club: ClubFixture;
let mia: { client: TestClient; memberId: string };
let max: { client: TestClient; memberId: string };
const seriesId = randomUUID();
const trainingTypeId = randomUUID();
const full = randomUUID();
const goingTo = randomUUID();
const otherClubSession = randomUUID();
let series: { id: string; starts_at: string; ends_at: string }[] = [];

const now = new Date('2026-10-12T08:00:00.000Z');

beforeAll(async () => {
  server = await startTestServer();
  server.setNow(now);
  club = await setUpClub(server);
  mia = await addMember(server, club, 'member', 'mia@example.org');
  max = await addMember(server, club, 'member', 'max@example.org');
  const owner = new Device(club.owner, club.clubId);
  const at = now.toISOString();
  applied(await owner.send('trainingType.create', { trainingTypeId, name: 'Vinyasa' }, at));
  // Tuesdays at 18:00 in Ljubljana; summer time ends on Sunday 25 October 2026.
  applied(
    await owner.send(
      'series.create',
      {
        seriesId,
        weekdays: [2],
        startTime: '18:00',
        durationMinutes: 60,
        fromDate: '2026-10-13',
        untilDate: '2026-11-03',
        title: 'Evening Yoga',
        location: 'Hall B',
        trainingTypeId,
      },
      at,
    ),
  );
  applied(
    await owner.send(
      'session.create',
      {
        sessionId: full,
        title: 'Small Group',
        startsAt: '2026-10-22T16:00:00.000Z',
        endsAt: '2026-10-22T17:00:00.000Z',
        capacity: 1,
      },
      at,
    ),
  );
  applied(
    await owner.send(
      'session.create',
      {
        sessionId: goingTo,
        title: 'Open Mat',
        startsAt: '2026-10-24T08:00:00.000Z',
        endsAt: '2026-10-24T10:00:00.000Z',
      },
      at,
    ),
  );
  series = await server.deps.db
    .selectFrom('sessions')
    .select(['id', 'starts_at', 'ends_at'])
    .where('series_id', '=', seriesId)
    .orderBy('starts_at')
    .execute();

  const miaPhone = new Device(mia.client, club.clubId);
  const maxPhone = new Device(max.client, club.clubId);
  applied(await maxPhone.send('signup.create', { sessionId: full }, at));
  applied(await miaPhone.send('signup.create', { sessionId: full }, at)); // waitlisted
  applied(await miaPhone.send('signup.create', { sessionId: series[0]!.id }, at));
  applied(await miaPhone.send('intent.set', { sessionId: goingTo, going: true }, at));
  applied(await maxPhone.send('signup.create', { sessionId: series[1]!.id }, at));

  const other = await setUpAnotherClub(server, 'Elsewhere', {
    name: 'Eli',
    email: 'eli@example.org',
  });
  applied(
    await new Device(other.owner, other.clubId).send(
      'session.create',
      {
        sessionId: otherClubSession,
        title: 'Not Ours',
        startsAt: '2026-10-20T16:00:00.000Z',
        endsAt: '2026-10-20T17:00:00.000Z',
      },
      at,
    ),
  );
});

afterAll(async () => {
  await server.close();
});

async function newAddress(client: TestClient, scope: 'club' | 'mine'): Promise<string> {
  const feed = await client.api.calendar.renew.mutate({ clubId: club.clubId, scope });
  expect(feed.path).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  return `${server.localUrl}${feed.path}`;
}

describe('calendar feeds', () => {
  it("lists the club's sessions in the window, right across the change to winter time", async () => {
    const url = await newAddress(mia.client, 'club');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const { name, events } = parse(await response.text());
    expect(name).toBe('Test Club: schedule');

    const sessions = await server.deps.db
      .selectFrom('sessions')
      .select(['id', 'starts_at', 'ends_at'])
      .where('club_id', '=', club.clubId)
      .orderBy('starts_at')
      .execute();
    expect(events.map((e) => e.uid)).toEqual(sessions.map((s) => `session-${s.id}@turnout`));
    for (const [i, session] of sessions.entries()) {
      expect(events[i]!.start.toISOString()).toBe(session.starts_at);
      expect(events[i]!.end.toISOString()).toBe(session.ends_at);
    }

    const yoga = events.filter((e) => e.summary === 'Evening Yoga');
    expect(yoga).toHaveLength(4);
    // 18:00 on the wall clock every week: 16:00 UTC in summer time, 17:00 after.
    expect(yoga.map((e) => wallClock(e.start))).toEqual(['18:00', '18:00', '18:00', '18:00']);
    expect(yoga.map((e) => e.start.getUTCHours())).toEqual([16, 16, 17, 17]);
    expect(yoga[0]!.location).toBe('Hall B');
    expect(yoga[0]!.description).toContain('Training: Vinyasa');
    expect(yoga.every((e) => e.status === 'CONFIRMED')).toBe(true);
    expect(events.some((e) => e.summary === 'Not Ours')).toBe(false);
  });

  it('keeps a cancelled session, marked cancelled, with a newer sequence', async () => {
    const url = await newAddress(mia.client, 'club');
    const first = await fetch(url);
    const etag = first.headers.get('etag')!;
    const before = parse(await first.text()).events.find((e) => e.uid.includes(series[3]!.id))!;

    // Nothing changed: the app's copy is current, and no file is made.
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    applied(
      await new Device(club.owner, club.clubId).send(
        'session.cancel',
        { sessionId: series[3]!.id, reason: 'Hall closed' },
        now.toISOString(),
      ),
    );
    const changed = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const after = parse(await changed.text()).events.find((e) => e.uid === before.uid)!;
    expect(after.status).toBe('CANCELLED');
    expect(after.summary).toBe('Cancelled: Evening Yoga');
    expect(after.description).toContain('Reason for cancelling: Hall closed');
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.start).toEqual(before.start);
  });

  it("shows a member's own sessions: signed up, waitlisted and going", async () => {
    const url = await newAddress(mia.client, 'mine');
    const { name, events } = parse(await (await fetch(url)).text());
    expect(name).toBe('Test Club: my sessions');
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect(events).toHaveLength(3);

    const signedUp = byUid.get(`session-${series[0]!.id}@turnout`)!;
    expect(signedUp.status).toBe('CONFIRMED');
    expect(signedUp.description).toContain('You are signed up.');
    expect(wallClock(signedUp.start)).toBe('18:00');

    const waiting = byUid.get(`session-${full}@turnout`)!;
    expect(waiting.status).toBe('TENTATIVE');
    expect(waiting.summary).toBe('Small Group (waiting list)');
    expect(waiting.description).toContain('You are on the waiting list (place 1).');

    const going = byUid.get(`session-${goingTo}@turnout`)!;
    expect(going.status).toBe('CONFIRMED');
    expect(going.description).toContain('You said you are going.');

    // Max's sign-up is not Mia's.
    expect(byUid.has(`session-${series[1]!.id}@turnout`)).toBe(false);
  });

  it('moves a waiter to signed up when the place comes free', async () => {
    const url = await newAddress(mia.client, 'mine');
    const before = parse(await (await fetch(url)).text()).events.find((e) => e.uid.includes(full))!;
    applied(
      await new Device(max.client, club.clubId).send(
        'signup.cancel',
        { sessionId: full },
        now.toISOString(),
      ),
    );
    const after = parse(await (await fetch(url)).text()).events.find((e) => e.uid.includes(full))!;
    expect(after.status).toBe('CONFIRMED');
    expect(after.summary).toBe('Small Group');
    expect(after.sequence).toBeGreaterThan(before.sequence);
  });

  it('speaks the language the member chose', async () => {
    const userId = (
      await server.deps.db
        .selectFrom('memberships')
        .select('user_id')
        .where('id', '=', max.memberId)
        .executeTakeFirstOrThrow()
    ).user_id;
    await server.deps.db
      .updateTable('users')
      .set({ locale: 'de' })
      .where('id', '=', userId)
      .execute();
    try {
      const { name, events } = parse(
        await (await fetch(await newAddress(max.client, 'mine'))).text(),
      );
      expect(name).toBe('Test Club: meine Trainings');
      const signedUp = events.find((e) => e.uid.includes(series[1]!.id))!;
      expect(signedUp.description).toContain('Du bist angemeldet.');
    } finally {
      await max.client.api.calendar.revoke.mutate({ clubId: club.clubId, scope: 'mine' });
      await server.deps.db
        .updateTable('users')
        .set({ locale: null })
        .where('id', '=', userId)
        .execute();
    }
  });

  it('answers 404 alike for a revoked, a replaced, an unknown and a malformed address', async () => {
    const replaced = await newAddress(max.client, 'club');
    const current = await newAddress(max.client, 'club');
    expect((await fetch(current)).status).toBe(200);

    const unknown = await fetch(`${server.localUrl}/calendar/${'A'.repeat(43)}.ics`);
    const malformed = await fetch(`${server.localUrl}/calendar/nonsense.ics`);
    const old = await fetch(replaced);
    await max.client.api.calendar.revoke.mutate({ clubId: club.clubId, scope: 'club' });
    const revoked = await fetch(current);

    const answers = await Promise.all(
      [unknown, malformed, old, revoked].map(async (r) => [r.status, await r.text()]),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify([404, 'No calendar at this address.'])]),
    );
    expect(await max.client.api.calendar.feeds.query({ clubId: club.clubId })).toEqual([]);
  });

  it('lists only the live feeds of the caller, in the club asked about', async () => {
    await newAddress(mia.client, 'club');
    await newAddress(mia.client, 'mine');
    const feeds = await mia.client.api.calendar.feeds.query({ clubId: club.clubId });
    expect(feeds.map((f) => f.scope)).toEqual(['club', 'mine']);
    expect(feeds.every((f) => !('path' in f))).toBe(true);
    // Max revoking his own scope leaves Mia's feeds alone.
    await max.client.api.calendar.revoke.mutate({ clubId: club.clubId, scope: 'mine' });
    expect(await mia.client.api.calendar.feeds.query({ clubId: club.clubId })).toHaveLength(2);
  });

  it("stops a removed member's feed for good", async () => {
    const kim = await addMember(server, club, 'member', 'kim@example.org');
    const url = await newAddress(kim.client, 'mine');
    expect((await fetch(url)).status).toBe(200);
    await club.owner.api.members.remove.mutate({ clubId: club.clubId, memberId: kim.memberId });
    expect((await fetch(url)).status).toBe(404);
    const rows = await server.deps.db
      .selectFrom('calendar_feeds')
      .select('revoked_at')
      .where('member_id', '=', kim.memberId)
      .execute();
    expect(rows.every((r) => r.revoked_at !== null)).toBe(true);
  });

  it('reads the window by index, whatever the length of the history', async () => {
    // The same check on PostgreSQL's plans (SQLite's EXPLAIN QUERY PLAN below).
    if (testServerStore() === 'postgres') return expectPostgresReadsByIndex();
    const plan = async (query: { sql: string; parameters: readonly unknown[] }) => {
      const { rows } = await server.deps.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
      );
      return rows.map((r) => r.detail).join('\n');
    };
    const from = '2026-09-15T00:00:00.000Z';
    const to = '2027-04-14T00:00:00.000Z';
    const club_ = await plan(
      clubSessionsQuery(server.deps.db, club.clubId, from, to, 10).compile(),
    );
    expect(club_).toMatch(
      /SEARCH s(essions)? USING INDEX sessions_club_starts \(club_id=\? AND starts_at>\? AND starts_at<\?\)/,
    );
    const mine = await plan(
      mySessionsQuery(club.clubId, mia.memberId, from, to, 10).compile(server.deps.db),
    );
    expect(mine).toMatch(/SEARCH s USING INDEX sessions_club_starts/);
    expect(mine).toMatch(/SEARCH su USING INDEX signups_(session_live|member_session)/);
    expect(mine).toMatch(
      /SEARCH i USING INDEX sqlite_autoindex_intents_1|SEARCH i USING PRIMARY KEY/,
    );
    expect(mine).not.toMatch(/SCAN/);
    const version = await plan(feedVersionQuery(club.clubId, 'mine').compile(server.deps.db));
    for (const index of [
      'sessions_club_version',
      'training_types_club_version',
      'tombstones_club_version',
      'signups_club_version_session',
      'intents_club_version_session',
    ]) {
      expect(version).toContain(`USING COVERING INDEX ${index}`);
    }
    expect(version).not.toMatch(/SCAN (?!CONSTANT ROW)/);
  });

  /** The test above on PostgreSQL: every table read through an index, never whole. */
  async function expectPostgresReadsByIndex() {
    const from = '2026-09-15T00:00:00.000Z';
    const to = '2027-04-14T00:00:00.000Z';
    const club_ = await postgresPlan(
      server,
      clubSessionsQuery(server.deps.db, club.clubId, from, to, 10).compile(),
    );
    expect(indexesOf(club_, 'sessions')).toEqual(['sessions_club_starts']);
    expect(fullScans(club_)).toEqual([]);
    const mine = await postgresPlan(
      server,
      mySessionsQuery(club.clubId, mia.memberId, from, to, 10).compile(server.deps.db),
    );
    expect(indexesOf(mine, 's')).toEqual(['sessions_club_starts']);
    expect(indexesOf(mine, 'su')).toEqual([expect.stringMatching(/^signups_/)]);
    expect(indexesOf(mine, 'i')).toEqual(['intents_pk']);
    expect(fullScans(mine)).toEqual([]);
    const version = await postgresPlan(
      server,
      feedVersionQuery(club.clubId, 'mine').compile(server.deps.db),
    );
    for (const [table, index] of [
      ['sessions', 'sessions_club_version'],
      ['training_types', 'training_types_club_version'],
      ['tombstones', 'tombstones_club_version'],
      ['signups', 'signups_club_version_session'],
      ['intents', 'intents_club_version_session'],
    ]) {
      expect(indexesOf(version, table!)).toEqual([index]);
    }
    expect(fullScans(version)).toEqual([]);
  }

  it('limits how often one address is fetched', async () => {
    const url = await newAddress(max.client, 'mine');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await fetch(url)).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    const refused = await fetch(url);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
