import { randomUUID } from 'node:crypto';
import type { MutationArgsInput, MutationName } from '@turnout/shared';
import { Device } from './devices.js';
import {
  addMember,
  setUpAnotherClub,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestServer,
} from './harness.js';

/** The kinds of row a create names by their own id. */
export const kinds = ['trainingType', 'session', 'series', 'template', 'pass', 'request'] as const;
export type Kind = (typeof kinds)[number];

/** A mutation with its args, of any name. */
export type Attempt = {
  [N in MutationName]: { name: N; args: MutationArgsInput<N> };
}[MutationName];

/**
 * Two clubs on one server, for tests that try to reach across them: club A
 * with an owner, a second owner and two members, and one row of every kind a
 * create names; club B with its owner, one member and a template of its own.
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
  /** Ids of A's rows, one per kind. */
  ids: Record<Kind, string>;
  /** B's own template, which B's creates may name. */
  bTemplateId: string;
}

/** A fresh server with the two clubs, for a test file's `beforeAll` (close `server` after). */
export async function startTwoClubs(): Promise<{ server: TestServer; world: TwoClubs }> {
  const server = await startTestServer();
  return { server, world: await twoClubs(server) };
}

async function twoClubs(server: TestServer): Promise<TwoClubs> {
  const a = await setUpClub(server, 'Club A');
  const b = await setUpAnotherClub(server, 'Club B', {
    name: 'Bea Owner',
    email: 'b-owner@example.org',
  });
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

  const ids = Object.fromEntries(kinds.map((kind) => [kind, randomUUID()])) as Record<Kind, string>;
  const bTemplateId = randomUUID();
  const applied = async (device: Device, attempt: Attempt) => {
    const result = await send(device, attempt);
    if (result.status !== 'applied') throw new Error(`${attempt.name}: ${JSON.stringify(result)}`);
  };
  // One of each kind in A, in the order they name each other; the request is the member's own.
  const refs = { templateId: ids.template, memberId: aMember.memberId };
  for (const kind of kinds) {
    await applied(
      kind === 'request' ? devices.aMember : devices.aOwner,
      createOf(kind, ids[kind], refs),
    );
  }
  await applied(devices.bOwner, createOf('template', bTemplateId, refs));
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

/** The create of a row of `kind` under `id`: a pass names its member and template, a request its template. */
export function createOf(
  kind: Kind,
  id: string,
  refs: { templateId: string; memberId: string },
): Attempt {
  const title = `${kind} ${id.slice(0, 4)}`;
  switch (kind) {
    case 'trainingType':
      return { name: 'trainingType.create', args: { trainingTypeId: id, name: title } };
    case 'session':
      return { name: 'session.create', args: sessionArgs(id, title) };
    case 'series':
      return { name: 'series.create', args: seriesArgs(id, title) };
    case 'template':
      return { name: 'template.create', args: templateArgs(id, title, 10) };
    case 'pass':
      return { name: 'pass.grant', args: { passId: id, ...refs } };
    case 'request':
      return { name: 'passRequest.create', args: { requestId: id, templateId: refs.templateId } };
  }
}

/** Sends an attempt of any name. */
export function send(device: Device, attempt: Attempt) {
  return device.send(attempt.name, attempt.args as never);
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

function templateArgs(templateId: string, name: string, sessions: number) {
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
    rows[table] = server.sql.all(`SELECT * FROM ${table} WHERE club_id = ? ORDER BY ${order}`, [
      clubId,
    ]);
  }
  return rows;
}
