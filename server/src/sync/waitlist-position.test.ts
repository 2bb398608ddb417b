import { aSession, aSignup, startingAt } from '@turnout/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeChange } from '../test/builders.js';
import { Device } from '../test/devices.js';
import {
  addMember,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestClient,
  type TestServer,
} from '../test/harness.js';

const LATER = startingAt('2030-01-01T17:00:00.000Z');

let server: TestServer;
let club: ClubFixture;
let host: { client: TestClient; memberId: string };
let mia: { client: TestClient; memberId: string };
let noah: { client: TestClient; memberId: string };
let lea: { client: TestClient; memberId: string };

beforeAll(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
  host = await addMember(server, club, 'host', 'host@example.org');
  mia = await addMember(server, club, 'member', 'mia@example.org');
  noah = await addMember(server, club, 'member', 'noah@example.org');
  lea = await addMember(server, club, 'member', 'lea@example.org');
});

afterAll(() => server.close());

async function countsFor(client: TestClient, sessionId: string, cursor?: string) {
  let out = await client.api.sync.pull.query({ clubId: club.clubId, cursor });
  const found = [...(out.changes.sessionCounts?.put ?? [])];
  while (out.hasMore) {
    out = await client.api.sync.pull.query({ clubId: club.clubId, cursor: out.cursor });
    found.push(...(out.changes.sessionCounts?.put ?? []));
  }
  return { count: found.findLast((c) => c.sessionId === sessionId), cursor: out.cursor };
}

describe('sync.pull: a member’s place on the waitlist', () => {
  it('is sent with the counts to the waiting member only, and moves up when someone ahead leaves', async () => {
    const session = aSession({ capacity: 1, ...LATER });
    const ahead = aSignup({
      sessionId: session.id,
      memberId: noah.memberId,
      status: 'waitlisted',
      position: 1,
    });
    await writeChange(server.deps.db, club.clubId, {
      sessions: [session],
      signups: [
        aSignup({ sessionId: session.id, memberId: lea.memberId }),
        ahead,
        aSignup({
          sessionId: session.id,
          memberId: mia.memberId,
          status: 'waitlisted',
          position: 2,
        }),
      ],
    });

    const first = await countsFor(mia.client, session.id);
    expect(first.count).toMatchObject({ waitlisted: 2, waitlistPositions: { [mia.memberId]: 2 } });
    expect((await countsFor(noah.client, session.id)).count?.waitlistPositions).toEqual({
      [noah.memberId]: 1,
    });
    // Holding a place, Lea waits for nothing; a host's device counts the line itself.
    expect((await countsFor(lea.client, session.id)).count).not.toHaveProperty('waitlistPositions');
    expect((await countsFor(host.client, session.id)).count).not.toHaveProperty(
      'waitlistPositions',
    );

    await writeChange(server.deps.db, club.clubId, {
      signups: [{ ...ahead, status: 'cancelled', position: null }],
    });
    const next = await countsFor(mia.client, session.id, first.cursor);
    expect(next.count).toMatchObject({ waitlisted: 1, waitlistPositions: { [mia.memberId]: 1 } });
  });

  it('is told to a guardian for the dependant waiting, by the dependant’s id', async () => {
    const lena = crypto.randomUUID();
    const phone = new Device(mia.client, club.clubId, "Mia's phone");
    expect((await phone.send('dependant.add', { dependantId: lena, name: 'Lena' })).status).toBe(
      'applied',
    );
    const session = aSession({ id: crypto.randomUUID(), capacity: 1, ...LATER });
    await writeChange(server.deps.db, club.clubId, {
      sessions: [session],
      signups: [
        aSignup({ id: crypto.randomUUID(), sessionId: session.id, memberId: lea.memberId }),
        aSignup({
          id: crypto.randomUUID(),
          sessionId: session.id,
          memberId: noah.memberId,
          status: 'waitlisted',
          position: 1,
        }),
        aSignup({
          id: crypto.randomUUID(),
          sessionId: session.id,
          memberId: lena,
          status: 'waitlisted',
          position: 2,
        }),
      ],
    });
    const told = await countsFor(mia.client, session.id);
    expect(told.count?.waitlistPositions).toEqual({ [lena]: 2 });
  });
});
