import { randomUUID } from 'node:crypto';
import { openSessionStart } from '@turnout/shared/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Device } from '../test/devices.js';
import {
  addMember,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestServer,
} from '../test/harness.js';

/**
 * Memberships by time through the real server: an owner makes an
 * "unlimited, at most 2 a week" template and grants it; the member's
 * sign-ups and check-ins use it with delta-0 log entries (the balance stays
 * 0), the weekly cap refuses a third session and a void gives a use back; a
 * retried push changes nothing; the pull carries the kind and the uses.
 */
let server: TestServer;
let club: ClubFixture;
let owner: Device;
let member: Device;
let memberId: string;

const HOUR = 3_600_000;
/** The harness's club (test/harness.ts setUpClub). */
const TIMEZONE = 'Europe/Ljubljana';

beforeEach(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
  owner = new Device(club.owner, club.clubId, 'Office laptop');
  const joined = await addMember(server, club, 'member', 'mia@example.org');
  memberId = joined.memberId;
  member = new Device(joined.client, club.clubId, 'Mia phone');
});
afterEach(async () => {
  await server.close();
});

/** A session with check-in open on the club's today (a time pass covers no earlier day). */
async function sessionNow(): Promise<string> {
  const sessionId = randomUUID();
  const start = openSessionStart(Date.now(), TIMEZONE);
  const r = await owner.send('session.create', {
    sessionId,
    title: 'Open mat',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + HOUR).toISOString(),
  });
  expect(r.status).toBe('applied');
  return sessionId;
}

async function grantTimePass(weeklyCap: number | null): Promise<string> {
  const templateId = randomUUID();
  const made = await owner.send('template.create', {
    templateId,
    names: { en: 'Unlimited 30 days' },
    kind: 'time',
    weeklyCap,
    priceMinor: 6900,
    currency: 'EUR',
    validityDays: 30,
  });
  expect(made.status).toBe('applied');
  const passId = randomUUID();
  const granted = await owner.send('pass.grant', { passId, memberId, templateId });
  expect(granted.status).toBe('applied');
  return passId;
}

async function passRow(passId: string) {
  return server.deps.db
    .selectFrom('passes')
    .select(['balance', 'week_uses', 'terms'])
    .where('id', '=', passId)
    .executeTakeFirstOrThrow();
}

async function logOf(passId: string) {
  return server.deps.db
    .selectFrom('credit_log')
    .select(['kind', 'delta', 'balance_after', 'session_id'])
    .where('pass_id', '=', passId)
    .orderBy('version')
    .orderBy('at')
    .execute();
}

/** The uses of the pass in all weeks together (the test runs in one week). */
function usesOf(row: { week_uses: string }): number {
  return Object.values(JSON.parse(row.week_uses) as Record<string, number>).reduce(
    (n, k) => n + k,
    0,
  );
}

describe('time passes through the server', () => {
  it('check-ins use it without the balance moving; the weekly cap refuses a third; a void gives one back', async () => {
    const passId = await grantTimePass(2);
    const [a, b, c] = [await sessionNow(), await sessionNow(), await sessionNow()];

    expect((await member.send('checkin.create', { sessionId: a })).status).toBe('applied');
    expect((await member.send('checkin.create', { sessionId: b })).status).toBe('applied');
    const third = await member.send('checkin.create', { sessionId: c });
    expect(third).toMatchObject({ status: 'rejected', code: 'insufficient_credits' });
    expect(third.status === 'rejected' && third.message).toContain('used up for that week');

    let row = await passRow(passId);
    expect(row.balance).toBe(0);
    expect(usesOf(row)).toBe(2);
    expect(JSON.parse(row.terms)).toMatchObject({ kind: 'time', weeklyCap: 2, sessions: 0 });

    const voided = await owner.send('checkin.void', { sessionId: a, memberId, reason: 'test' });
    expect(voided.status).toBe('applied');
    expect((await member.send('checkin.create', { sessionId: c })).status).toBe('applied');

    row = await passRow(passId);
    expect(row.balance).toBe(0);
    expect(usesOf(row)).toBe(2);
    expect(await logOf(passId)).toEqual([
      { kind: 'granted', delta: 0, balance_after: 0, session_id: null },
      { kind: 'used_checkin', delta: 0, balance_after: 0, session_id: a },
      { kind: 'used_checkin', delta: 0, balance_after: 0, session_id: b },
      { kind: 'unused_void', delta: 0, balance_after: 0, session_id: a },
      { kind: 'used_checkin', delta: 0, balance_after: 0, session_id: c },
    ]);
  });

  it('a retried push uses it once', async () => {
    const passId = await grantTimePass(null);
    const sessionId = await sessionNow();
    member.queue('checkin.create', { sessionId });
    const first = await member.sync();
    const again = await member.sync();
    // The server answers the retry from its log: the same outcome, not judged again.
    expect(again).toEqual([{ ...first[0], replayed: true }]);
    expect(first[0]?.status).toBe('applied');
    expect(usesOf(await passRow(passId))).toBe(1);
    expect((await logOf(passId)).filter((e) => e.kind === 'used_checkin')).toHaveLength(1);
  });

  it('a time pass pays before a session-count pass; the credits are kept', async () => {
    const templateId = randomUUID();
    await owner.send('template.create', {
      templateId,
      names: { en: '5 sessions' },
      sessions: 5,
      priceMinor: 5000,
      currency: 'EUR',
      validityDays: 10,
    });
    const creditPass = randomUUID();
    await owner.send('pass.grant', { passId: creditPass, memberId, templateId });
    const timePass = await grantTimePass(null);
    const sessionId = await sessionNow();
    expect((await member.send('checkin.create', { sessionId })).status).toBe('applied');
    expect((await passRow(creditPass)).balance).toBe(5);
    expect(usesOf(await passRow(timePass))).toBe(1);
  });

  it('refuses sessions to add to a time pass and a session count on a time template', async () => {
    const passId = await grantTimePass(null);
    expect(await owner.send('pass.addSessions', { passId, sessions: 3 })).toMatchObject({
      status: 'rejected',
      code: 'invalid_args',
    });
    expect(
      await owner.send('template.create', {
        templateId: randomUUID(),
        names: { en: 'Bad' },
        kind: 'time',
        sessions: 10,
        priceMinor: 0,
        currency: 'EUR',
        validityDays: 30,
      }),
    ).toMatchObject({ status: 'rejected', code: 'invalid_args' });
  });

  it("the member's pull carries the template's kind and the pass's terms and uses", async () => {
    const passId = await grantTimePass(3);
    const sessionId = await sessionNow();
    await member.send('checkin.create', { sessionId });
    const pulled = await member.client.api.sync.pull.query({ clubId: club.clubId });
    expect(pulled.changes.passes?.put).toMatchObject([
      { id: passId, balance: 0, terms: { kind: 'time', weeklyCap: 3 } },
    ]);
    expect(Object.values(pulled.changes.passes?.put[0]?.weekUses ?? {})).toEqual([1]);
    const templates = pulled.changes.templates?.put ?? [];
    expect(templates).toMatchObject([{ kind: 'time', weeklyCap: 3, sessions: 0 }]);
  });

  it('analytics count its uses as sessions used and the pass as active; the expiring report lists it as unlimited', async () => {
    const passId = await grantTimePass(null);
    const [a, b] = [await sessionNow(), await sessionNow()];
    await member.send('checkin.create', { sessionId: a });
    await member.send('checkin.create', { sessionId: b });
    await owner.send('checkin.void', { sessionId: b, memberId, reason: 'test' });

    const analytics = await club.owner.api.reports.templates.query({ clubId: club.clubId });
    expect(analytics.templates).toMatchObject([
      { granted: 1, sessionsUsed: 1, activeNow: 1, usedUp: 0, expired: 0 },
    ]);

    const soon = await club.owner.api.reports.expiringPasses.query({
      clubId: club.clubId,
      days: 30,
    });
    expect(soon.passes).toMatchObject([{ passId, balance: 0, unlimited: true, daysLeft: 30 }]);
    const later = await club.owner.api.reports.expiringPasses.query({
      clubId: club.clubId,
      days: 29,
    });
    expect(later.passes).toEqual([]);
  });
});
