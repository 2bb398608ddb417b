import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteOldRefusals } from '../repositories/mutation-log.repository.js';
import { listSecurityEvents } from '../repositories/security-log.repository.js';
import { Device } from '../test/devices.js';
import {
  addMember,
  errorCodeOf,
  failure,
  setUpClub,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../test/harness.js';
import { sessionArgs } from '../test/tenancy.js';

let server: TestServer;
afterEach(async () => {
  await server.close();
});

const count = (table: string, clubId: string) =>
  server.sql.one<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE club_id = ?`, [clubId])!
    .n;

/** A raw push over HTTP, to see the status and headers the app's client sees. */
function rawPush(client: TestClient, body: unknown) {
  return client.fetch(`${server.url}/trpc/sync.push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('outsiders leave no trace in a club', () => {
  it('refuses a non-member’s push as a whole: no log entry, no attention item, one security-log row', async () => {
    server = await startTestServer();
    const club = await setUpClub(server);
    // An account of the server that belongs to no club at all (a removed member is a
    // member of record and is answered per mutation, as before).
    const stranger = await addMember(server, club, 'member', 'stranger@example.org');
    server.sql.run('DELETE FROM memberships WHERE id = ?', [stranger.memberId]);
    const logBefore = count('mutation_log', club.clubId);
    const attentionBefore = await club.owner.api.reports.attention.query({ clubId: club.clubId });

    const device = new Device(stranger.client, club.clubId);
    for (let i = 0; i < 30; i++)
      device.queue('intent.set', { sessionId: randomUUID(), going: true });
    for (let i = 0; i < 5; i++) {
      const error = await failure(device.sync());
      expect(error.data?.code).toBe('not_permitted');
      expect(error.data?.httpStatus).toBe(403);
    }
    // And a club that does not exist answers the same (nothing tells the two apart).
    const nowhere = new Device(stranger.client, randomUUID());
    nowhere.queue('intent.set', { sessionId: randomUUID(), going: true });
    expect(await errorCodeOf(nowhere.sync())).toBe('not_permitted');

    expect(count('mutation_log', club.clubId)).toBe(logBefore);
    const attentionAfter = await club.owner.api.reports.attention.query({ clubId: club.clubId });
    expect(attentionAfter).toEqual(attentionBefore);
    // The burst is one row with a count, not five.
    const events = (await listSecurityEvents(server.deps.db)).filter(
      (e) => e.club_id === club.clubId,
    );
    expect(events).toMatchObject([{ kind: 'not_a_member', count: 5, client_id: device.clientId }]);
  });
});

describe('bounded input', () => {
  it('answers 429 with Retry-After past a device’s push rate, keeping nothing; the account’s other devices go on', async () => {
    server = await startTestServer({
      rateLimits: {
        loginPerAccount: 100,
        loginPerAddress: 100,
        secretsPerAddress: 100,
        pushesPerDevice: 3,
      },
    });
    const club = await setUpClub(server);
    const device = new Device(club.owner, club.clubId);
    for (let i = 0; i < 3; i++)
      await device.send('session.create', sessionArgs(randomUUID(), `S${i}`));
    device.queue('session.create', sessionArgs(randomUUID(), 'Held'));
    const before = count('mutation_log', club.clubId);
    const res = await rawPush(club.owner, {
      clubId: club.clubId,
      clientId: device.clientId,
      mutations: device.outbox,
    });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await res.json()) as {
      error: { data: { code: string; retryAfterSeconds: number } };
    };
    expect(body.error.data).toMatchObject({ code: 'rate_limited', retryAfterSeconds: retryAfter });
    // Nothing of the refused push was kept or logged.
    expect(count('mutation_log', club.clubId)).toBe(before);

    // Another device of the same account is not held by this device's limit.
    const other = new Device(club.owner, club.clubId);
    expect((await other.send('session.create', sessionArgs(randomUUID(), 'Other'))).status).toBe(
      'applied',
    );
    const events = await listSecurityEvents(server.deps.db);
    expect(events[0]).toMatchObject({ kind: 'rate_limited', client_id: device.clientId });
  });

  it('limits pulls per account with 429 rate_limited', async () => {
    server = await startTestServer({
      rateLimits: {
        loginPerAccount: 100,
        loginPerAddress: 100,
        secretsPerAddress: 100,
        pullsPerAccount: 2,
      },
    });
    const club = await setUpClub(server);
    await club.owner.api.sync.pull.query({ clubId: club.clubId });
    await club.owner.api.sync.pull.query({ clubId: club.clubId });
    const error = await failure(club.owner.api.sync.pull.query({ clubId: club.clubId }));
    expect(error.data).toMatchObject({ code: 'rate_limited', httpStatus: 429 });
    expect(error.data?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('answers a body over the size cap 413 too_large, and applies nothing', async () => {
    server = await startTestServer();
    const club = await setUpClub(server);
    const device = new Device(club.owner, club.clubId);
    for (let i = 0; i < 200; i++) {
      device.queue('session.create', {
        ...sessionArgs(randomUUID(), `Big ${i}`),
        description: 'd'.repeat(4900),
        location: 'l'.repeat(200),
        // Over the cap in total, each mutation well under the args limit.
        notes: 'n'.repeat(8000),
      } as never);
    }
    const before = count('mutation_log', club.clubId);
    const res = await rawPush(club.owner, {
      clubId: club.clubId,
      clientId: device.clientId,
      mutations: device.outbox,
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { data: { code: string } } };
    expect(body.error.data.code).toBe('too_large');
    expect(count('mutation_log', club.clubId)).toBe(before);
  });
});

describe('retention of the mutation log', () => {
  it('deletes old refusals only: applied entries and resolved items stay', async () => {
    server = await startTestServer();
    const club = await setUpClub(server);
    const member = await addMember(server, club, 'member', 'mia@example.org');
    const owner = new Device(club.owner, club.clubId);
    const mia = new Device(member.client, club.clubId);
    const applied = owner.queue('session.create', sessionArgs(randomUUID(), 'Kept'));
    await owner.sync();
    const refusals = [];
    for (let i = 0; i < 3; i++) {
      refusals.push(mia.queue('session.create', sessionArgs(randomUUID(), `Refused ${i}`)));
    }
    const results = await mia.sync();
    expect(results.map((r) => r.code)).toEqual(['not_permitted', 'not_permitted', 'not_permitted']);
    const resolved = refusals[0]!;
    expect(
      (await owner.send('attention.resolve', { itemId: resolved.id, resolution: 'dismissed' }))
        .status,
    ).toBe('applied');

    const later = new Date(Date.now() + 200 * 86_400_000).toISOString();
    expect(await deleteOldRefusals(server.deps.db, later)).toBe(2);
    const left = server.sql.values<string>('SELECT id FROM mutation_log WHERE club_id = ?', [
      club.clubId,
    ]);
    expect(left).toEqual(expect.arrayContaining([applied.id, resolved.id]));
    expect(left).not.toContain(refusals[1]!.id);
    expect(left).not.toContain(refusals[2]!.id);
    // Nothing newer than the cut-off goes.
    expect(await deleteOldRefusals(server.deps.db, new Date(0).toISOString())).toBe(0);
  });
});
