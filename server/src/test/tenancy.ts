import { randomUUID } from 'node:crypto';
import type { MutationArgsInput, MutationName } from '@turnout/shared';
import { issueSetupToken } from '../services/setup.service.js';
import { Device } from './devices.js';
import { addMember, PASSWORD, setUpClub, type ClubFixture, type TestServer } from './harness.js';

/**
 * Two clubs on one server, for tests that try to reach across them: club A
 * with an owner, a second owner and two members, and some of everything a
 * create can name (training type, session, series, template, pass, pass
 * request); club B with its owner and one member.
 */
export interface TwoClubs {
  a: ClubFixture;
  b: ClubFixture;
  /** Devices by actor. */
  devices: {
    aOwner: Device;
    aOwner2: Device;
    aMember: Device;
    aMember2: Device;
    bOwner: Device;
    bMember: Device;
  };
  aMemberId: string;
  bMemberId: string;
  /** Ids of A's rows, one per kind a create names. */
  ids: {
    trainingTypeId: string;
    sessionId: string;
    seriesId: string;
    templateId: string;
    passId: string;
    requestId: string;
  };
  /** B's own template, which B's creates may name. */
  bTemplateId: string;
}

export async function twoClubs(server: TestServer): Promise<TwoClubs> {
  const a = await setUpClub(server, 'Club A');
  const link = await issueSetupToken(server.deps, server.url, `club-b-${randomUUID()}`);
  const bOwner = server.client();
  const me = await bOwner.api.setup.createClub.mutate({
    token: new URL(link).searchParams.get('token')!,
    club: { name: 'Club B', timezone: 'Europe/Ljubljana' },
    owner: { name: 'Bea Owner', email: 'b-owner@example.org', password: PASSWORD },
  });
  const b: ClubFixture = {
    clubId: me.clubs[0]!.clubId,
    owner: bOwner,
    ownerMemberId: me.clubs[0]!.memberId,
  };
  const aOwner2 = await addMember(server, a, 'owner', 'a-owner2@example.org');
  const aMember = await addMember(server, a, 'member', 'a-member@example.org');
  const aMember2 = await addMember(server, a, 'member', 'a-member2@example.org');
  const bMember = await addMember(server, b, 'member', 'b-member@example.org');
  const devices = {
    aOwner: new Device(a.owner, a.clubId, 'A desk'),
    aOwner2: new Device(aOwner2.client, a.clubId, 'A office'),
    aMember: new Device(aMember.client, a.clubId),
    aMember2: new Device(aMember2.client, a.clubId),
    bOwner: new Device(b.owner, b.clubId, 'B desk'),
    bMember: new Device(bMember.client, b.clubId),
  };

  const ids = {
    trainingTypeId: randomUUID(),
    sessionId: randomUUID(),
    seriesId: randomUUID(),
    templateId: randomUUID(),
    passId: randomUUID(),
    requestId: randomUUID(),
  };
  const bTemplateId = randomUUID();
  const applied = async <N extends MutationName>(
    device: Device,
    name: N,
    args: MutationArgsInput<N>,
  ) => {
    const result = await device.send(name, args);
    if (result.status !== 'applied') throw new Error(`${name}: ${JSON.stringify(result)}`);
  };
  await applied(devices.aOwner, 'trainingType.create', {
    trainingTypeId: ids.trainingTypeId,
    name: 'Yoga',
  });
  await applied(devices.aOwner, 'session.create', sessionArgs(ids.sessionId, 'Yoga'));
  await applied(devices.aOwner, 'series.create', seriesArgs(ids.seriesId, 'Morning run'));
  await applied(devices.aOwner, 'template.create', templateArgs(ids.templateId, '10 classes', 10));
  await applied(devices.aOwner, 'pass.grant', {
    passId: ids.passId,
    memberId: aMember.memberId,
    templateId: ids.templateId,
  });
  await applied(devices.aMember, 'passRequest.create', {
    requestId: ids.requestId,
    templateId: ids.templateId,
  });
  await applied(devices.bOwner, 'template.create', templateArgs(bTemplateId, 'B card', 5));
  return {
    a,
    b,
    devices,
    aMemberId: aMember.memberId,
    bMemberId: bMember.memberId,
    ids,
    bTemplateId,
  };
}

const DAY = 86_400_000;

export function sessionArgs(sessionId: string, title: string, inDays = 2) {
  const start = new Date(Date.now() + inDays * DAY);
  return {
    sessionId,
    title,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    capacity: 12,
  };
}

export function seriesArgs(seriesId: string, title: string) {
  const from = new Date(Date.now() + DAY).toISOString().slice(0, 10);
  const until = new Date(Date.now() + 15 * DAY).toISOString().slice(0, 10);
  return {
    seriesId,
    title,
    weekdays: [1, 3, 5],
    startTime: '07:00',
    durationMinutes: 45,
    fromDate: from,
    untilDate: until,
  };
}

export function templateArgs(templateId: string, name: string, sessions: number) {
  return {
    templateId,
    names: { en: name },
    sessions,
    priceMinor: 1000 * sessions,
    currency: 'EUR',
    validityDays: 60,
  };
}

/** Tables with a club's rows. */
const clubTables = [
  'training_types',
  'series',
  'sessions',
  'pass_templates',
  'pass_requests',
  'passes',
  'signups',
  'attendance',
  'intents',
  'credit_log',
  'notifications',
  'mutation_log',
  'attention_resolutions',
  'attention_groups',
  'attention_group_dismissals',
  'memberships',
  'guests',
  'guest_visits',
] as const;

/** Every row of a club, whole, table by table (for "nothing changed" checks). */
export function clubRows(server: TestServer, clubId: string): Record<string, unknown[]> {
  const rows: Record<string, unknown[]> = {};
  for (const table of clubTables) {
    const order =
      table === 'intents'
        ? 'session_id, member_id'
        : table === 'attention_resolutions'
          ? 'item_id'
          : table === 'attention_groups'
            ? 'client_id, name, code'
            : table === 'guests'
              ? 'member_id'
              : table === 'guest_visits'
                ? 'attendance_id'
                : 'id';
    rows[table] = server.sqlite
      .prepare(`SELECT * FROM ${table} WHERE club_id = ? ORDER BY ${order}`)
      .all(clubId);
  }
  return rows;
}
