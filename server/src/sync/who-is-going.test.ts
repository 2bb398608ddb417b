import { intentKey, type PullOutput } from '@turnout/shared';
import {
  aGrant,
  anAttendance,
  anIntent,
  aSession,
  aSignup,
  aTemplate,
  startingAt,
} from '@turnout/shared/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeChange } from '../test/builders.js';
import {
  addMember,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestClient,
  type TestServer,
} from '../test/harness.js';

/**
 * `membersSeeWhoIsGoing`: off (the default), a member's pull carries no one
 * else's records and only themselves on the member list; on, it carries
 * everyone's intents and sign-ups and the club as "First L." — never anyone
 * else's check-ins, passes or credit log. Turning it either way resets what
 * members hold.
 */
let server: TestServer;
let club: ClubFixture;
let mia: { client: TestClient; memberId: string };
let noah: { client: TestClient; memberId: string };
const world = { session: '', noahSignup: '', noahAttendance: '', noahPass: '' };

beforeAll(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
  mia = await addMember(server, club, 'member', 'mia@example.org');
  noah = await addMember(server, club, 'member', 'noah@example.org');
  await sql`UPDATE users SET name = 'Noah Nowak' WHERE email = 'noah@example.org'`.execute(
    server.deps.db,
  );
  const session = aSession({ id: crypto.randomUUID(), ...startingAt('2030-01-01T17:00:00.000Z') });
  const recent = aSession({
    id: crypto.randomUUID(),
    ...startingAt(new Date(Date.now() - 86_400_000).toISOString()),
  });
  const template = aTemplate({ id: crypto.randomUUID() });
  const grant = aGrant(template, { memberId: noah.memberId, passId: crypto.randomUUID() });
  const signup = aSignup({
    id: crypto.randomUUID(),
    sessionId: session.id,
    memberId: noah.memberId,
  });
  const attendance = anAttendance({
    id: crypto.randomUUID(),
    sessionId: recent.id,
    memberId: noah.memberId,
  });
  await writeChange(server.deps.db, club.clubId, {
    sessions: [session, recent],
    templates: [template],
    passes: [grant.pass],
    creditLog: [grant.entry],
  });
  await writeChange(server.deps.db, club.clubId, {
    signups: [signup],
    attendance: [attendance],
    intents: [anIntent({ sessionId: session.id, memberId: noah.memberId })],
  });
  Object.assign(world, {
    session: session.id,
    noahSignup: signup.id,
    noahAttendance: attendance.id,
    noahPass: grant.pass.id,
  });
});

afterAll(() => server.close());

async function pullAll(client: TestClient, cursor?: string) {
  const pages: PullOutput[] = [];
  for (;;) {
    const out = await client.api.sync.pull.query({ clubId: club.clubId, cursor });
    pages.push(out);
    cursor = out.cursor;
    if (!out.hasMore) break;
  }
  const rows = (table: keyof PullOutput['changes']) =>
    pages.flatMap((p) => (p.changes[table]?.put ?? []) as unknown[]);
  return { pages, cursor: cursor!, rows };
}

const setting = (on: boolean) =>
  sql`UPDATE clubs SET members_see_who_is_going = ${on ? 1 : 0} WHERE id = ${club.clubId}`.execute(
    server.deps.db,
  );

describe('sync.pull: members see who is going only where the club allows it', () => {
  it('off: nobody else’s records, only themselves on the member list', async () => {
    const { rows } = await pullAll(mia.client);
    expect(rows('signups')).toEqual([]);
    expect(rows('intents')).toEqual([]);
    expect(rows('members')).toEqual([expect.objectContaining({ memberId: mia.memberId })]);
  });

  it('on: everyone’s sign-ups and going, names as "First L.", none of their check-ins or passes; off again resets', async () => {
    const before = await pullAll(mia.client);
    await setting(true);
    const on = await pullAll(mia.client, before.cursor);
    expect(on.pages[0]!.reset).toBe(true);
    expect(on.rows('signups')).toEqual([expect.objectContaining({ id: world.noahSignup })]);
    expect(
      (on.rows('intents') as { sessionId: string; memberId: string }[]).map(intentKey),
    ).toEqual([`${world.session}:${noah.memberId}`]);
    const members = on.rows('members') as { memberId: string; name: string }[];
    expect(members.find((m) => m.memberId === noah.memberId)?.name).toBe('Noah N.');
    expect(members.find((m) => m.memberId === mia.memberId)?.name).toBe('mia');
    expect(on.rows('attendance')).toEqual([]);
    expect(on.rows('passes')).toEqual([]);
    expect(on.rows('creditLog')).toEqual([]);
    // Hosts and owners are not affected: they see everything anyway.
    const owner = await pullAll(club.owner);
    expect(owner.rows('attendance')).toEqual([
      expect.objectContaining({ id: world.noahAttendance }),
    ]);

    await setting(false);
    const off = await pullAll(mia.client, on.cursor);
    expect(off.pages[0]!.reset).toBe(true);
    expect(off.rows('signups')).toEqual([]);
    expect(off.rows('members')).toEqual([expect.objectContaining({ memberId: mia.memberId })]);
  });
});
