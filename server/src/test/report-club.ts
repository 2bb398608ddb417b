import { randomUUID } from 'node:crypto';
import type { MutationArgsInput, MutationName, PushResult } from '@turnout/shared';
import { Device } from './devices.js';
import {
  addMember,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestServer,
} from './harness.js';

/**
 * A small club with a known history, built only through `sync.push` with the
 * server's clock moved to each moment (so grants, check-ins and the credit
 * log carry those times). Reports and exports are checked against figures
 * worked out by hand from this story (club time zone Europe/Ljubljana, UTC+1
 * until 29 March 2026):
 *
 * Templates (1 Feb): Ten (10 sessions, EUR 100.00, 30 days), Five (5, EUR
 * 60.00, 60 days), Drop-in (1, USD 15.00, 10 days; deleted on 20 Mar).
 *
 * Passes:
 *   P1 Ana  Ten     granted 1 Feb → expires 3 Mar
 *   P2 Ben  Five    granted 1 Feb → expires 2 Apr
 *   P3 Cid  Drop-in granted 20 Feb → expires 2 Mar
 *   P4 Ana  Five    granted 20 Feb → expires 21 Apr
 *   P5 Dan  Ten     granted 10 Mar → expires 9 Apr, then deactivated
 *
 * S1 "Monday Yoga" Mon 2 Mar 18:00–19:00, capacity 2:
 *   1 Mar  Ana and Ben sign up; Cid joins the waitlist.
 *   17:30  Ben signs out late (inside 60 minutes): late_cancel.
 *   18:10  Ana checks herself in (P1 pays).
 *   18:15  Hana (host, "Front desk") checks in Cid (P3 pays; his waitlist entry ends).
 *   18:20  Hana checks in Dan: over capacity and unpaid (no pass).
 *   18:25  Ben tries to check himself in on "Ben's phone": refused session_full.
 * S2 "Monday Yoga" Mon 16 Mar 18:00–19:00, no capacity:
 *   15 Mar Ben marks going; Ben and Ana sign up.
 *   18:05  Ana checks herself in (P1 expired: P4 pays).
 *   18:10  Hana checks in Cid: unpaid (P3 used up and expired).
 *   18:30  Olga (owner) checks in Ben (P2 pays), 18:35 voids it: "Wrong person".
 * S3 Wed 25 Mar: still to come.
 * 20 Mar 12:00 UTC: "now"; the Drop-in template is deleted.
 */
export interface ReportClub {
  fixture: ClubFixture;
  clubId: string;
  now: Date;
  members: Record<'ana' | 'ben' | 'cid' | 'dan', string>;
  hostId: string;
  templates: Record<'ten' | 'five' | 'dropIn', string>;
  passes: Record<'p1' | 'p2' | 'p3' | 'p4' | 'p5', string>;
  sessions: Record<'s1' | 's2' | 's3', string>;
  /** Mutation ids of the attempts that need attention. */
  items: { danFlagged: string; benRefused: string; cidUnpaid: string };
  devices: { owner: Device; desk: Device };
}

const REPORT_NOW = new Date('2026-03-20T12:00:00.000Z');

/** A fresh server with the report club, for a test file's `beforeAll` (close `server` after). */
export async function startReportClub(): Promise<{ server: TestServer; club: ReportClub }> {
  const server = await startTestServer();
  return { server, club: await buildReportClub(server) };
}

async function buildReportClub(server: TestServer): Promise<ReportClub> {
  const fixture = await setUpClub(server, 'Sunrise Yoga Club');
  const { clubId } = fixture;
  const ana = await addMember(server, fixture, 'member', 'ana@example.org');
  const ben = await addMember(server, fixture, 'member', 'ben@example.org');
  const cid = await addMember(server, fixture, 'member', 'cid@example.org');
  const dan = await addMember(server, fixture, 'member', 'dan@example.org');
  const hana = await addMember(server, fixture, 'host', 'hana@example.org');

  const owner = new Device(fixture.owner, clubId, 'Office laptop');
  const desk = new Device(hana.client, clubId, 'Front desk');
  const anaPhone = new Device(ana.client, clubId, "Ana's phone");
  const benPhone = new Device(ben.client, clubId, "Ben's phone");
  const cidPhone = new Device(cid.client, clubId, "Cid's phone");

  /** Sends at a moment: the server's clock and the device's time both say `at`. */
  const send = async <N extends MutationName>(
    device: Device,
    at: string,
    name: N,
    args: MutationArgsInput<N>,
  ): Promise<PushResult> => {
    server.setNow(new Date(at));
    return device.send(name, args, at);
  };
  const ok = async <N extends MutationName>(
    device: Device,
    at: string,
    name: N,
    args: MutationArgsInput<N>,
  ) => {
    const result = await send(device, at, name, args);
    if (result.status !== 'applied') {
      throw new Error(`${name} at ${at} was refused: ${result.code} ${result.message}`);
    }
    return result;
  };

  const D1 = '2026-02-01T10:00:00.000Z';
  await ok(owner, D1, 'club.updateSettings', { lateCancelMinutes: 60 });
  const templates = { ten: randomUUID(), five: randomUUID(), dropIn: randomUUID() };
  await ok(owner, D1, 'template.create', {
    templateId: templates.ten,
    names: { en: 'Ten' },
    sessions: 10,
    priceMinor: 10000,
    currency: 'EUR',
    validityDays: 30,
  });
  await ok(owner, D1, 'template.create', {
    templateId: templates.five,
    names: { en: 'Five' },
    sessions: 5,
    priceMinor: 6000,
    currency: 'EUR',
    validityDays: 60,
  });
  await ok(owner, D1, 'template.create', {
    templateId: templates.dropIn,
    names: { en: 'Drop-in' },
    sessions: 1,
    priceMinor: 1500,
    currency: 'USD',
    validityDays: 10,
  });
  const sessions = { s1: randomUUID(), s2: randomUUID(), s3: randomUUID() };
  const yoga = (sessionId: string, day: string, capacity: number | null) =>
    ok(owner, D1, 'session.create', {
      sessionId,
      title: 'Monday Yoga',
      startsAt: `${day}T17:00:00.000Z`,
      endsAt: `${day}T18:00:00.000Z`,
      capacity,
    });
  await yoga(sessions.s1, '2026-03-02', 2);
  await yoga(sessions.s2, '2026-03-16', null);
  await yoga(sessions.s3, '2026-03-25', null);

  const passes = {
    p1: randomUUID(),
    p2: randomUUID(),
    p3: randomUUID(),
    p4: randomUUID(),
    p5: randomUUID(),
  };
  const grant = (at: string, passId: string, memberId: string, templateId: string) =>
    ok(owner, at, 'pass.grant', { passId, memberId, templateId });
  await grant(D1, passes.p1, ana.memberId, templates.ten);
  await grant(D1, passes.p2, ben.memberId, templates.five);
  const D2 = '2026-02-20T10:00:00.000Z';
  await grant(D2, passes.p3, cid.memberId, templates.dropIn);
  await grant(D2, passes.p4, ana.memberId, templates.five);
  const D3 = '2026-03-10T10:00:00.000Z';
  await grant(D3, passes.p5, dan.memberId, templates.ten);
  await ok(owner, D3, 'pass.setActive', { passId: passes.p5, active: false });

  // S1, Monday 2 March.
  const s1 = sessions.s1;
  await ok(anaPhone, '2026-03-01T10:00:00.000Z', 'signup.create', { sessionId: s1 });
  await ok(benPhone, '2026-03-01T10:01:00.000Z', 'signup.create', { sessionId: s1 });
  await ok(cidPhone, '2026-03-01T10:02:00.000Z', 'signup.create', { sessionId: s1 });
  await ok(benPhone, '2026-03-02T16:30:00.000Z', 'signup.cancel', { sessionId: s1 });
  await ok(anaPhone, '2026-03-02T17:10:00.000Z', 'checkin.create', { sessionId: s1 });
  await ok(desk, '2026-03-02T17:15:00.000Z', 'checkin.create', {
    sessionId: s1,
    memberId: cid.memberId,
  });
  const danFlagged = await ok(desk, '2026-03-02T17:20:00.000Z', 'checkin.create', {
    sessionId: s1,
    memberId: dan.memberId,
  });
  const benRefused = await send(benPhone, '2026-03-02T17:25:00.000Z', 'checkin.create', {
    sessionId: s1,
  });
  if (benRefused.code !== 'session_full') throw new Error('expected session_full');

  // S2, Monday 16 March.
  const s2 = sessions.s2;
  await ok(benPhone, '2026-03-15T10:00:00.000Z', 'intent.set', { sessionId: s2, going: true });
  await ok(benPhone, '2026-03-15T10:01:00.000Z', 'signup.create', { sessionId: s2 });
  await ok(anaPhone, '2026-03-15T10:02:00.000Z', 'signup.create', { sessionId: s2 });
  await ok(anaPhone, '2026-03-16T17:05:00.000Z', 'checkin.create', { sessionId: s2 });
  const cidUnpaid = await ok(desk, '2026-03-16T17:10:00.000Z', 'checkin.create', {
    sessionId: s2,
    memberId: cid.memberId,
  });
  await ok(owner, '2026-03-16T17:30:00.000Z', 'checkin.create', {
    sessionId: s2,
    memberId: ben.memberId,
  });
  await ok(owner, '2026-03-16T17:35:00.000Z', 'checkin.void', {
    sessionId: s2,
    memberId: ben.memberId,
    reason: 'Wrong person',
  });

  await ok(owner, REPORT_NOW.toISOString(), 'template.delete', { templateId: templates.dropIn });
  server.setNow(REPORT_NOW);

  return {
    fixture,
    clubId,
    now: REPORT_NOW,
    members: {
      ana: ana.memberId,
      ben: ben.memberId,
      cid: cid.memberId,
      dan: dan.memberId,
    },
    hostId: hana.memberId,
    templates,
    passes,
    sessions,
    items: { danFlagged: danFlagged.id, benRefused: benRefused.id, cidUnpaid: cidUnpaid.id },
    devices: { owner, desk },
  };
}
