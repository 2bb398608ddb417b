import type { AttendanceHistoryItem, CreditLogEntry, HistoryCursor } from '@turnout/shared';
import {
  aGrant,
  anAttendance,
  aSession,
  aSignup,
  aTemplate,
  startingAt,
} from '@turnout/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeChange } from '../test/builders.js';
import {
  addMember,
  errorCodeOf,
  setUpAnotherClub,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestClient,
  type TestServer,
} from '../test/harness.js';

/**
 * history.attendance and history.creditLog over HTTP: a year of one
 * member's attendance paged by (date, id), only their own rows, cursors
 * that hold while new history is added, and page sizes within the limit.
 */
let server: TestServer;
let club: ClubFixture;
let other: ClubFixture;
let mia: { client: TestClient; memberId: string };
let noah: { client: TestClient; memberId: string };
const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const world = {
  /** Mia's past sessions that belong in her history, newest first by (start, id). */
  expected: [] as { id: string; startsAt: string }[],
  miaPass: '',
  noahPass: '',
  otherPass: '',
  charges: [] as CreditLogEntry[],
};

beforeAll(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
  mia = await addMember(server, club, 'member', 'mia@example.org');
  noah = await addMember(server, club, 'member', 'noah@example.org');
  other = await setUpAnotherClub(server, 'Other Club', { name: 'Otto', email: 'otto@example.org' });
  const db = server.deps.db;
  const now = Date.now();

  const template = aTemplate({ sessions: 500, validityDays: 400 });
  const grantAt = iso(now - 370 * dayMs);
  const miaGrant = aGrant(template, { memberId: mia.memberId, at: grantAt });
  const noahGrant = aGrant(template, { memberId: noah.memberId, at: grantAt });
  world.miaPass = miaGrant.pass.id;
  world.noahPass = noahGrant.pass.id;
  // A year of classes, one every other day or so; the last two start at the same time.
  const sessions = Array.from({ length: 160 }, (_, i) =>
    aSession({
      title: `Class ${i}`,
      ...startingAt(iso(now - 365 * dayMs + Math.min(i, 158) * 2.25 * dayMs)),
    }),
  );
  const future = aSession({ title: 'Next week', ...startingAt(iso(now + 7 * dayMs)) });
  await writeChange(db, club.clubId, {
    templates: [template],
    sessions: [...sessions, future],
    passes: [miaGrant.pass, noahGrant.pass],
    creditLog: [miaGrant.entry, noahGrant.entry],
  });

  const attendance = [];
  const signups = [];
  const charges = [];
  let balance = template.sessions;
  for (const [i, s] of sessions.entries()) {
    if (i % 10 === 3) {
      // A no-show (signed up, never came): in her history.
      signups.push(aSignup({ sessionId: s.id, memberId: mia.memberId, createdAt: s.startsAt }));
    } else if (i % 10 === 5) {
      // Waiting or signed out in time: never history.
      signups.push(
        aSignup({ sessionId: s.id, memberId: mia.memberId, status: 'waitlisted', position: 1 }),
      );
      continue;
    } else if (i % 10 === 7) {
      signups.push(aSignup({ sessionId: s.id, memberId: mia.memberId, status: 'cancelled' }));
      continue;
    } else {
      const a = anAttendance({
        sessionId: s.id,
        memberId: mia.memberId,
        checkedInAt: s.startsAt,
        updatedAt: s.startsAt,
        charges: [{ passId: miaGrant.pass.id, credits: 1 }],
      });
      attendance.push(a);
      balance -= 1;
      charges.push({
        ...miaGrant.entry,
        delta: -1,
        balanceAfter: balance,
        kind: 'charged_checkin' as const,
        sessionId: s.id,
        attendanceId: a.id,
        byMemberId: mia.memberId,
        at: s.startsAt,
      });
    }
    world.expected.push({ id: s.id, startsAt: s.startsAt });
    if (i % 2 === 0) attendance.push(anAttendance({ sessionId: s.id, memberId: noah.memberId }));
  }
  signups.push(aSignup({ sessionId: future.id, memberId: mia.memberId }));
  await writeChange(db, club.clubId, { attendance, signups, creditLog: charges });
  world.charges = charges as CreditLogEntry[];
  world.expected.sort((a, b) =>
    a.startsAt === b.startsAt ? (a.id < b.id ? 1 : -1) : a.startsAt < b.startsAt ? 1 : -1,
  );

  // The other club: its own member, session, pass and records, with ids Mia might guess.
  const stranger = await addMember(server, other, 'member', 'zoe@example.org');
  const theirTemplate = aTemplate();
  const theirGrant = aGrant(theirTemplate, { memberId: stranger.memberId, at: grantAt });
  const theirSession = aSession(startingAt(iso(now - 3 * dayMs)));
  world.otherPass = theirGrant.pass.id;
  await writeChange(db, other.clubId, {
    templates: [theirTemplate],
    sessions: [theirSession],
    passes: [theirGrant.pass],
    creditLog: [theirGrant.entry],
  });
  await writeChange(db, other.clubId, {
    attendance: [anAttendance({ sessionId: theirSession.id, memberId: stranger.memberId })],
  });
});

afterAll(() => server.close());

async function allAttendance(client: TestClient, limit?: number) {
  const pages: AttendanceHistoryItem[][] = [];
  let before: HistoryCursor | undefined;
  for (;;) {
    const page = await client.api.history.attendance.query({ clubId: club.clubId, before, limit });
    pages.push(page.items);
    if (!page.next) break;
    before = page.next;
    if (pages.length > 50) throw new Error('history does not end');
  }
  return pages;
}

describe('history.attendance', () => {
  it('pages through a year of the member’s own past sessions, newest first, each once', async () => {
    const pages = await allAttendance(mia.client);
    expect(pages.map((p) => p.length)).toEqual([100, world.expected.length - 100]);
    const items = pages.flat();
    expect(items.map((i) => i.session.id)).toEqual(world.expected.map((e) => e.id));
    for (const item of items) {
      if (item.attendance) expect(item.attendance.memberId).toBe(mia.memberId);
      if (item.signup) expect(item.signup.memberId).toBe(mia.memberId);
      expect(item.attendance ?? item.signup).not.toBeNull();
      expect(item.signup?.status).not.toBe('waitlisted');
    }
    const noShows = items.filter((i) => !i.attendance);
    expect(noShows).toHaveLength(16);
    expect(noShows.every((i) => i.signup?.status === 'active')).toBe(true);
  });

  it('keeps its cursors: a page asked again is the same, even after newer history arrived', async () => {
    const first = await mia.client.api.history.attendance.query({ clubId: club.clubId, limit: 7 });
    const second = await mia.client.api.history.attendance.query({
      clubId: club.clubId,
      limit: 7,
      before: first.next!,
    });
    const newer = aSession({ title: 'Just now', ...startingAt(iso(Date.now() - 2 * 3_600_000)) });
    await writeChange(server.deps.db, club.clubId, { sessions: [newer] });
    await writeChange(server.deps.db, club.clubId, {
      attendance: [anAttendance({ sessionId: newer.id, memberId: mia.memberId })],
    });
    const again = await mia.client.api.history.attendance.query({
      clubId: club.clubId,
      limit: 7,
      before: first.next!,
    });
    expect(again).toEqual(second);
    const top = await mia.client.api.history.attendance.query({ clubId: club.clubId, limit: 1 });
    expect(top.items[0]!.session.title).toBe('Just now');
    // The same instant written with an offset names the same place.
    const shifted = new Date(first.next!.date);
    const offsetDate = `${iso(shifted.getTime() + 3_600_000).slice(0, 23)}+01:00`;
    const viaOffset = await mia.client.api.history.attendance.query({
      clubId: club.clubId,
      limit: 7,
      before: { date: offsetDate, id: first.next!.id },
    });
    expect(viaOffset).toEqual(second);
  });

  it('takes at most 100 a page', async () => {
    for (const limit of [0, 101, 1000]) {
      const call = mia.client.api.history.attendance.query({ clubId: club.clubId, limit });
      expect(await errorCodeOf(call)).toBe('invalid_args');
    }
    const bad = mia.client.api.history.attendance.query({
      clubId: club.clubId,
      before: { date: 'yesterday', id: world.miaPass },
    });
    expect(await errorCodeOf(bad)).toBe('invalid_args');
  });

  it('shows nobody else’s history: not another member’s, not to the owner, not another club’s', async () => {
    const noahs = mia.client.api.history.attendance.query({
      clubId: club.clubId,
      memberId: noah.memberId,
    });
    expect(await errorCodeOf(noahs)).toBe('not_permitted');
    const asOwner = club.owner.api.history.attendance.query({
      clubId: club.clubId,
      memberId: mia.memberId,
    });
    expect(await errorCodeOf(asOwner)).toBe('not_permitted');
    const otherClub = mia.client.api.history.attendance.query({ clubId: other.clubId });
    expect(await errorCodeOf(otherClub)).toBe('not_permitted');
    // Noah's own history holds only his check-ins, none of Mia's no-shows or charges.
    const his = (await allAttendance(noah.client)).flat();
    expect(his.length).toBeGreaterThan(0);
    expect(his.every((i) => i.attendance?.memberId === noah.memberId && !i.signup)).toBe(true);
  });
});

describe('history.creditLog', () => {
  it('pages one pass’s log newest first, naming each charge’s session and its date', async () => {
    const entries = [];
    let before: HistoryCursor | undefined;
    for (;;) {
      const page = await mia.client.api.history.creditLog.query({
        clubId: club.clubId,
        passId: world.miaPass,
        before,
        limit: 50,
      });
      entries.push(...page.items);
      if (!page.next) break;
      before = page.next;
    }
    expect(entries).toHaveLength(world.charges.length + 1);
    expect(entries.at(-1)!.entry.kind).toBe('granted');
    expect(entries.at(-1)!.session).toBeNull();
    const newest = world.charges.at(-1)!;
    expect(entries[0]).toMatchObject({
      entry: {
        kind: 'charged_checkin',
        sessionId: newest.sessionId,
        balanceAfter: newest.balanceAfter,
      },
      session: { id: newest.sessionId, title: expect.stringMatching(/^Class \d+$/) },
    });
    for (const e of entries.slice(0, -1)) expect(e.session?.startsAt).toBe(e.entry.at);
    const times = entries.map((e) => e.entry.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(entries.every((e) => e.entry.memberId === mia.memberId)).toBe(true);
  });

  it('refuses a pass that is someone else’s, unknown, or of another club', async () => {
    const query = (passId: string, clubId = club.clubId) =>
      errorCodeOf(mia.client.api.history.creditLog.query({ clubId, passId }));
    expect(await query(world.noahPass)).toBe('not_permitted');
    expect(await query(world.otherPass)).toBe('not_found');
    expect(await query('01900000-0000-7000-8000-000000000001')).toBe('not_found');
    expect(await query(world.otherPass, other.clubId)).toBe('not_permitted');
  });
});
