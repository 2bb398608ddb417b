import { randomUUID } from 'node:crypto';
import { reinstatedReason, type PushResult } from '@turnout/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../services/setup.service.js';
import { Device } from '../test/devices.js';
import {
  addMember,
  PASSWORD,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestServer,
} from '../test/harness.js';

/**
 * Two host devices offline fill the last spot under `reject` (issue 13): the
 * later one is refused, told who won, when and on which named device; the
 * owner puts it right with `checkin.reinstate`, charged exactly once, and
 * balances stay the sum of the credit log.
 */

let server: TestServer;
let club: ClubFixture;
let owner: Device;
let frontDesk: Device;
let studio: Device;
let noah: { memberId: string; device: Device };
let mia: { memberId: string; device: Device };
const passes: Record<string, string> = {};

const HOUR = 3_600_000;

beforeAll(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
  owner = new Device(club.owner, club.clubId, 'Office laptop');
  const hana = await addMember(server, club, 'host', 'hana@example.org');
  const hugo = await addMember(server, club, 'host', 'hugo@example.org');
  frontDesk = new Device(hana.client, club.clubId, 'Front desk tablet');
  studio = new Device(hugo.client, club.clubId, 'Studio phone');
  const n = await addMember(server, club, 'member', 'noah@example.org');
  const m = await addMember(server, club, 'member', 'mia@example.org');
  noah = { memberId: n.memberId, device: new Device(n.client, club.clubId, 'Noah’s phone') };
  mia = { memberId: m.memberId, device: new Device(m.client, club.clubId, 'Mia’s phone') };
  const templateId = randomUUID();
  await applied(
    owner.send('club.updateSettings', { hostOverCapacity: 'reject' }),
    owner.send('template.create', {
      templateId,
      names: { en: 'Five visits' },
      sessions: 5,
      priceMinor: 5000,
      currency: 'EUR',
      validityDays: 60,
    }),
  );
  for (const who of [noah, mia]) {
    passes[who.memberId] = randomUUID();
    await applied(
      owner.send('pass.grant', {
        passId: passes[who.memberId]!,
        memberId: who.memberId,
        templateId,
      }),
    );
  }
}, 120_000);
afterAll(async () => {
  await server.close();
});

async function applied(...results: Promise<PushResult>[]) {
  for (const r of await Promise.all(results)) expect(r).toMatchObject({ status: 'applied' });
}

/** A session that started ten minutes ago with room for one. */
async function lastSpotSession(): Promise<string> {
  const sessionId = randomUUID();
  const start = Date.now() - 10 * 60_000;
  await applied(
    owner.send('session.create', {
      sessionId,
      title: 'Tuesday Yoga',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + HOUR).toISOString(),
      capacity: 1,
    }),
  );
  return sessionId;
}

/** HH:mm in the club's zone, as the explanations write it. */
const clubTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Europe/Ljubljana',
  }).format(new Date(iso));

async function balancesMatchLog() {
  const rows = await sql<{ id: string; balance: number; logged: number | null }>`
    SELECT id, balance, (SELECT SUM(delta) FROM credit_log WHERE pass_id = passes.id) AS logged
    FROM passes WHERE club_id = ${club.clubId}`.execute(server.deps.db);
  for (const r of rows.rows) expect(r.balance).toBe(r.logged ?? 0);
}

async function balanceOf(memberId: string) {
  const row = await server.deps.db
    .selectFrom('passes')
    .select('balance')
    .where('id', '=', passes[memberId]!)
    .executeTakeFirstOrThrow();
  return row.balance;
}

async function attendance(sessionId: string) {
  return server.deps.db
    .selectFrom('attendance')
    .select(['member_id', 'flags', 'charges', 'checked_in_at', 'by_member_id', 'voided'])
    .where('session_id', '=', sessionId)
    .orderBy('checked_in_at')
    .execute();
}

/** Both hosts check someone in while offline; the front desk syncs first. */
async function collide(sessionId: string, at: string) {
  frontDesk.queue('checkin.create', { sessionId, memberId: noah.memberId }, at);
  studio.queue('checkin.create', { sessionId, memberId: mia.memberId }, at);
  const [won] = await frontDesk.sync();
  frontDesk.outbox.length = 0;
  const [lost] = await studio.sync();
  const refusedId = studio.outbox[0]!.id;
  studio.outbox.length = 0;
  return { won: won!, lost: lost!, refusedId };
}

describe('two hosts offline fill the last spot under reject', () => {
  let sessionId: string;
  let refusedId: string;

  it('refuses the later one and tells the host who won, when and on which device', async () => {
    sessionId = await lastSpotSession();
    const at = new Date(Date.now() - 2 * 60_000).toISOString();
    const { won, lost, refusedId: id } = await collide(sessionId, at);
    refusedId = id;
    expect(won.status).toBe('applied');
    const [held] = await attendance(sessionId);
    const time = clubTime(held!.checked_in_at);
    expect(lost).toEqual({
      id,
      status: 'rejected',
      code: 'session_full',
      message: `The session is full. The last spot went to noah: a check-in recorded at ${time} on Front desk tablet.`,
      explanation: {
        kind: 'place_taken',
        record: 'checkin',
        at: held!.checked_in_at,
        device: 'Front desk tablet',
        memberName: 'noah',
      },
    });
    // A retry of the same push gets the same answer, explanation and all.
    studio.outbox.push({ ...studio.outbox[0]!, id });
    const again = await studio.client.api.sync.push.mutate({
      clubId: club.clubId,
      clientId: studio.clientId,
      deviceLabel: 'Studio phone',
      mutations: [
        {
          id,
          clientId: studio.clientId,
          seq: 1,
          name: 'checkin.create',
          args: { sessionId, memberId: mia.memberId },
          occurredAt: at,
        },
      ],
    });
    studio.outbox.length = 0;
    expect(again.results[0]).toEqual({ ...lost, replayed: true });
  });

  it('tells a member the time and the device, never who', async () => {
    const r = await mia.device.send('checkin.create', { sessionId });
    expect(r.code).toBe('session_full');
    expect(r.message).toMatch(/taken by a check-in recorded at \d\d:\d\d on Front desk tablet\.$/);
    expect(r.message).not.toContain('noah');
    expect(r.explanation).not.toHaveProperty('memberName');
  });

  it('keeps each device’s name, and lists refusals under the name it has now', async () => {
    const devices = await server.deps.db
      .selectFrom('devices')
      .select(['client_id', 'name'])
      .where('club_id', '=', club.clubId)
      .execute();
    expect(devices).toEqual(
      expect.arrayContaining([
        { client_id: frontDesk.clientId, name: 'Front desk tablet' },
        { client_id: studio.clientId, name: 'Studio phone' },
      ]),
    );
    // Renamed on the device: the next push carries the new name.
    const renamed = new Device(studio.client, club.clubId, 'Studio tablet', studio.clientId);
    await renamed.sync();
    const list = await club.owner.api.reports.attention.query({ clubId: club.clubId, limit: 50 });
    const item = list.items.find((i) => i.id === refusedId);
    expect(item?.device).toEqual({ clientId: studio.clientId, label: 'Studio tablet' });
  });

  it('refuses a device name that is not one', async () => {
    await expect(
      studio.client.api.sync.push.mutate({
        clubId: club.clubId,
        clientId: studio.clientId,
        deviceLabel: 'Front\ndesk',
        mutations: [],
      }),
    ).rejects.toThrow();
  });

  it('lets only an owner put it right, for a refused check-in of this club', async () => {
    const args = { itemId: refusedId, sessionId, memberId: mia.memberId };
    expect(await frontDesk.send('checkin.reinstate', args)).toMatchObject({
      code: 'not_permitted',
    });
    expect(await mia.device.send('checkin.reinstate', args)).toMatchObject({
      code: 'not_permitted',
    });
    // An applied mutation is not a refusal to put right; nor is one of another club.
    const appliedId = frontDesk.queue('intent.set', { sessionId, going: true }).id;
    await frontDesk.sync();
    frontDesk.outbox.length = 0;
    expect(await owner.send('checkin.reinstate', { ...args, itemId: appliedId })).toMatchObject({
      code: 'not_found',
    });
    const other = await otherClubRefusal();
    expect(await owner.send('checkin.reinstate', { ...args, itemId: other })).toMatchObject({
      code: 'not_found',
    });
    // Named for someone else than the refused check-in was.
    expect(
      await owner.send('checkin.reinstate', { ...args, memberId: noah.memberId }),
    ).toMatchObject({ code: 'invalid_args' });
    expect((await attendance(sessionId)).map((a) => a.member_id)).toEqual([noah.memberId]);
  });

  it('records it over capacity by the owner’s decision, charged once, even when retried', async () => {
    const before = await balanceOf(mia.memberId);
    const m = owner.queue('checkin.reinstate', {
      itemId: refusedId,
      sessionId,
      memberId: mia.memberId,
      note: 'She was on the mat',
    });
    const [first] = await owner.sync();
    // The same push again (no answer reached the device): replayed, not charged twice.
    const [retry] = await owner.sync();
    owner.outbox.length = 0;
    expect(first).toEqual({ id: m.id, status: 'applied' });
    expect(retry).toEqual({ id: m.id, status: 'applied', replayed: true });
    expect(await balanceOf(mia.memberId)).toBe(before - 1);

    const rows = await attendance(sessionId);
    const refusedAt = await server.deps.db
      .selectFrom('mutation_log')
      .select('judged_at')
      .where('id', '=', refusedId)
      .executeTakeFirstOrThrow();
    expect(rows.find((a) => a.member_id === mia.memberId)).toMatchObject({
      flags: JSON.stringify(['over_capacity']),
      charges: JSON.stringify([{ passId: passes[mia.memberId], credits: 1 }]),
      checked_in_at: refusedAt.judged_at,
      by_member_id: club.ownerMemberId,
    });
    const charge = await server.deps.db
      .selectFrom('credit_log')
      .select(['delta', 'reason', 'kind'])
      .where('pass_id', '=', passes[mia.memberId]!)
      .where('kind', '=', 'charged_checkin')
      .execute();
    expect(charge).toEqual([{ delta: -1, reason: reinstatedReason, kind: 'charged_checkin' }]);

    // The refusal is resolved in the audit trail, and only once.
    const list = await club.owner.api.reports.attention.query({
      clubId: club.clubId,
      status: 'resolved',
      limit: 50,
    });
    expect(list.items.find((i) => i.id === refusedId)?.resolution).toMatchObject({
      resolution: 'reinstated',
      note: 'She was on the mat',
      resolvedBy: { memberId: club.ownerMemberId, name: 'Olga Owner' },
    });
    const twice = await owner.send('checkin.reinstate', {
      itemId: refusedId,
      sessionId,
      memberId: mia.memberId,
    });
    expect(twice.status).toBe('rejected');
    expect(await balanceOf(mia.memberId)).toBe(before - 1);
    // The owner's own refusal is told in the answer, not listed as a new item.
    const open = await club.owner.api.reports.attention.query({ clubId: club.clubId, limit: 50 });
    expect(open.items.map((i) => i.mutation)).not.toContain('checkin.reinstate');
    await balancesMatchLog();
  });
});

/** A refused check-in in a second club on the same server. */
async function otherClubRefusal(): Promise<string> {
  const link = await issueSetupToken(server.deps, server.url, `club-b-${randomUUID()}`);
  const bOwner = server.client();
  const me = await bOwner.api.setup.createClub.mutate({
    token: new URL(link).searchParams.get('token')!,
    club: { name: 'Club B', timezone: 'Europe/Ljubljana' },
    owner: { name: 'Bea Owner', email: `b-${randomUUID()}@example.org`, password: PASSWORD },
  });
  const b = new Device(bOwner, me.clubs[0]!.clubId, 'B desk');
  const refused = await b.send('checkin.create', { sessionId: randomUUID() });
  expect(refused.status).toBe('rejected');
  return refused.id;
}
