import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteExpiredLoginSessions } from '../repositories/login-sessions.repository.js';
import {
  addMember,
  errorCodeOf,
  failure,
  PASSWORD,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestClient,
  type TestServer,
} from '../test/harness.js';
import {
  decryptPush,
  fakeBrowserKeys,
  readVapid,
  startFakePushService,
  type FakePushService,
} from '../test/push-service.js';
import { isInternalAddress, publicOnlyLookup } from './endpoint.js';
import { configurePush, pushToUser } from './send.js';
import { maxSubscriptionsPerUser } from './subscriptions.js';

let server: TestServer;
let pushService: FakePushService;
let club: ClubFixture;
let anna: TestClient;
let ben: TestClient;

async function userIdOf(email: string): Promise<string> {
  const row = await server.deps.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

function subscriptionRows() {
  return server.deps.db
    .selectFrom('push_subscriptions')
    .innerJoin('users', 'users.id', 'push_subscriptions.user_id')
    .select(['users.email', 'endpoint', 'last_ok_at'])
    .orderBy('endpoint')
    .execute();
}

beforeAll(async () => {
  server = await startTestServer();
  pushService = await startFakePushService();
  configurePush({ agent: pushService.agent, subject: 'mailto:owner@example.org' });
  club = await setUpClub(server);
  anna = (await addMember(server, club, 'member', 'anna@example.org')).client;
  ben = (await addMember(server, club, 'member', 'ben@example.org')).client;
});

afterAll(async () => {
  await pushService?.close();
  await server?.close();
});

describe('sending a push', () => {
  it('encrypts for the browser, signs with the server key, and drops what the push service says is gone', async () => {
    const annaPhone = fakeBrowserKeys();
    const annaLaptop = fakeBrowserKeys();
    const benPhone = fakeBrowserKeys();
    const phoneEndpoint = pushService.endpoint('anna-phone');
    const laptopEndpoint = pushService.endpoint('anna-laptop', 410);
    const benEndpoint = pushService.endpoint('ben-phone');
    await anna.api.push.subscribe.mutate({ endpoint: phoneEndpoint, keys: annaPhone.keys });
    await anna.api.push.subscribe.mutate({ endpoint: laptopEndpoint, keys: annaLaptop.keys });
    await ben.api.push.subscribe.mutate({ endpoint: benEndpoint, keys: benPhone.keys });
    const { publicKey } = await anna.api.push.publicKey.query();
    pushService.received.length = 0;

    const result = await pushToUser(server.deps.db, await userIdOf('anna@example.org'), {
      title: 'A spot opened',
      body: 'Yoga on Tuesday at 18:00 has a free spot — käse ✓',
      url: '/sessions/0190a0b0-0000-7000-8000-000000000001',
      tag: 'spot-open',
    });

    expect(result).toEqual({ sent: 1, dropped: 1, failed: 0 });
    expect(pushService.received.map((r) => r.path).sort()).toEqual([
      '/send/anna-laptop',
      '/send/anna-phone',
    ]);
    const phone = pushService.received.find((r) => r.path === '/send/anna-phone')!;
    expect(phone.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(phone.headers.ttl)).toBeGreaterThan(0);
    const vapid = readVapid(String(phone.headers.authorization));
    expect(vapid.key).toBe(publicKey);
    expect(vapid.claims.aud).toBe(new URL(phoneEndpoint).origin);
    expect(vapid.claims.sub).toBe('mailto:owner@example.org');
    expect(JSON.parse(decryptPush(phone.body, annaPhone))).toEqual({
      title: 'A spot opened',
      body: 'Yoga on Tuesday at 18:00 has a free spot — käse ✓',
      url: '/sessions/0190a0b0-0000-7000-8000-000000000001',
      tag: 'spot-open',
    });
    // The payload is for that browser only: another browser's keys cannot open it.
    expect(() => decryptPush(phone.body, annaLaptop)).toThrow();

    const rows = await subscriptionRows();
    expect(rows.map((r) => [r.email, r.endpoint])).toEqual(
      [
        ['ben@example.org', benEndpoint],
        ['anna@example.org', phoneEndpoint],
      ].sort((a, b) => a[1]!.localeCompare(b[1]!)),
    );
    expect(rows.find((r) => r.endpoint === phoneEndpoint)?.last_ok_at).not.toBeNull();
    // Ben's subscription was neither called nor touched.
    expect(rows.find((r) => r.endpoint === benEndpoint)?.last_ok_at).toBeNull();

    await anna.api.push.unsubscribe.mutate({ endpoint: phoneEndpoint });
    await ben.api.push.unsubscribe.mutate({ endpoint: benEndpoint });
  });

  it('keeps a subscription the push service failed on this time, and drops a 404', async () => {
    const down = fakeBrowserKeys();
    const missing = fakeBrowserKeys();
    await anna.api.push.subscribe.mutate({
      endpoint: pushService.endpoint('down', 503),
      keys: down.keys,
    });
    await anna.api.push.subscribe.mutate({
      endpoint: pushService.endpoint('missing', 404),
      keys: missing.keys,
    });

    const result = await pushToUser(server.deps.db, await userIdOf('anna@example.org'), {
      title: 'Cancelled',
      body: 'Pilates is cancelled',
      url: '/sessions/x',
    });

    expect(result).toEqual({ sent: 0, dropped: 1, failed: 1 });
    expect((await subscriptionRows()).map((r) => r.endpoint)).toEqual([
      pushService.endpoint('down', 503),
    ]);
    await anna.api.push.unsubscribe.mutate({ endpoint: pushService.endpoint('down', 503) });
  });

  it('sends nothing to a person without subscriptions, and refuses a url outside the app', async () => {
    const before = pushService.received.length;
    const id = await userIdOf('ben@example.org');
    expect(await pushToUser(server.deps.db, id, { title: 't', body: 'b', url: '/' })).toEqual({
      sent: 0,
      dropped: 0,
      failed: 0,
    });
    expect(pushService.received.length).toBe(before);
    await expect(
      pushToUser(server.deps.db, id, { title: 't', body: 'b', url: 'https://evil.example/' }),
    ).rejects.toThrow(TypeError);
  });
});

describe('subscribing', () => {
  it('gives the same VAPID public key every time: a 65-byte P-256 point', async () => {
    const first = await anna.api.push.publicKey.query();
    const again = await ben.api.push.publicKey.query();
    expect(again).toEqual(first);
    const point = Buffer.from(first.publicKey, 'base64url');
    expect(point.length).toBe(65);
    expect(point[0]).toBe(4);
  });

  it('moves an endpoint to whoever subscribed with it last', async () => {
    const browser = fakeBrowserKeys();
    const endpoint = pushService.endpoint('shared-tablet');
    await anna.api.push.subscribe.mutate({ endpoint, keys: browser.keys });
    expect(await anna.api.push.status.query({ endpoint })).toEqual({ subscribed: true });

    await ben.api.push.subscribe.mutate({ endpoint, keys: fakeBrowserKeys().keys });
    expect(await anna.api.push.status.query({ endpoint })).toEqual({ subscribed: false });
    expect(await ben.api.push.status.query({ endpoint })).toEqual({ subscribed: true });
    // Anna cannot remove what is now Ben's.
    expect(await anna.api.push.unsubscribe.mutate({ endpoint })).toEqual({ removed: false });
    expect((await subscriptionRows()).map((r) => [r.email, r.endpoint])).toEqual([
      ['ben@example.org', endpoint],
    ]);
    expect(await ben.api.push.unsubscribe.mutate({ endpoint })).toEqual({ removed: true });
    expect(await subscriptionRows()).toEqual([]);
  });

  it(`keeps at most ${maxSubscriptionsPerUser} browsers per person, dropping the oldest`, async () => {
    const endpoints: string[] = [];
    for (let i = 0; i <= maxSubscriptionsPerUser; i += 1) {
      server.setNow(new Date(Date.UTC(2026, 0, 1, 10, i)));
      const endpoint = pushService.endpoint(`browser-${String(i).padStart(2, '0')}`);
      endpoints.push(endpoint);
      await anna.api.push.subscribe.mutate({ endpoint, keys: fakeBrowserKeys().keys });
    }
    const kept = (await subscriptionRows()).map((r) => r.endpoint);
    expect(kept).toEqual(endpoints.slice(1));
    for (const endpoint of kept) await anna.api.push.unsubscribe.mutate({ endpoint });
    server.setNow(new Date());
  });

  it.each([
    ['http://push.example.net/x', 'https'],
    ['https://127.0.0.1/x', 'private network'],
    ['https://10.1.2.3/x', 'private network'],
    ['https://169.254.169.254/latest/meta-data', 'private network'],
    ['https://[::1]/x', 'private network'],
    ['https://[::ffff:192.168.0.1]/x', 'private network'],
    ['https://localhost/x', 'private network'],
    ['https://printer.local/x', 'private network'],
    ['https://metadata.google.internal/x', 'private network'],
    ['https://intranet/x', 'private network'],
    ['https://user:secret@push.example.net/x', 'credentials'],
    [`https://push.example.net/${'a'.repeat(1100)}`, 'too long'],
    ['not a url', 'not a URL'],
  ])('refuses the endpoint %s', async (endpoint, says) => {
    const error = await failure(
      anna.api.push.subscribe.mutate({ endpoint, keys: fakeBrowserKeys().keys }),
    );
    expect(error.data?.code).toBe('invalid_args');
    expect(error.message).toContain(says);
  });

  it('refuses keys that are not a P-256 point and a 16-byte secret', async () => {
    const endpoint = pushService.endpoint('bad-keys');
    const good = fakeBrowserKeys().keys;
    const compressed = Buffer.alloc(65, 3).toString('base64url');
    for (const keys of [
      { ...good, p256dh: good.p256dh.slice(0, 40) },
      { ...good, p256dh: compressed },
      { ...good, auth: Buffer.alloc(8).toString('base64url') },
      { ...good, auth: '!!!!!!!!!!!!!!!!!!!!!!' },
    ]) {
      expect(await errorCodeOf(anna.api.push.subscribe.mutate({ endpoint, keys }))).toBe(
        'invalid_args',
      );
    }
    expect(await subscriptionRows()).toEqual([]);
  });

  it('ends with the login it was made in', async () => {
    const secondLogin = async () => {
      const client = server.client();
      await client.api.auth.login.mutate({ email: 'anna@example.org', password: PASSWORD });
      return client;
    };
    const kept = pushService.endpoint('anna-stays');
    await anna.api.push.subscribe.mutate({ endpoint: kept, keys: fakeBrowserKeys().keys });

    const tablet = await secondLogin();
    await tablet.api.push.subscribe.mutate({
      endpoint: pushService.endpoint('anna-tablet'),
      keys: fakeBrowserKeys().keys,
    });
    await tablet.api.auth.logout.mutate();
    expect((await subscriptionRows()).map((r) => r.endpoint)).toEqual([kept]);

    // A login that expires goes the same way (the hourly sweep deletes it).
    const laptop = await secondLogin();
    const laptopEndpoint = pushService.endpoint('anna-laptop-2');
    await laptop.api.push.subscribe.mutate({
      endpoint: laptopEndpoint,
      keys: fakeBrowserKeys().keys,
    });
    const { login_session_id } = await server.deps.db
      .selectFrom('push_subscriptions')
      .select('login_session_id')
      .where('endpoint', '=', laptopEndpoint)
      .executeTakeFirstOrThrow();
    await server.deps.db
      .updateTable('login_sessions')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', login_session_id)
      .execute();
    await deleteExpiredLoginSessions(server.deps.db, new Date().toISOString());
    expect((await subscriptionRows()).map((r) => r.endpoint)).toEqual([kept]);
    await anna.api.push.unsubscribe.mutate({ endpoint: kept });
  });

  it('limits how often one account subscribes and unsubscribes', async () => {
    const limited = await startTestServer({
      rateLimits: {
        loginPerAccount: 100,
        loginPerAddress: 100,
        secretsPerAddress: 100,
        pushSubscriptionsPerAccount: 3,
      },
    });
    try {
      const owner = (await setUpClub(limited)).owner;
      const endpoint = pushService.endpoint('limited');
      const keys = fakeBrowserKeys().keys;
      await owner.api.push.subscribe.mutate({ endpoint, keys });
      await owner.api.push.unsubscribe.mutate({ endpoint });
      await owner.api.push.subscribe.mutate({ endpoint, keys });
      const refused = await failure(owner.api.push.unsubscribe.mutate({ endpoint }));
      expect(refused.data?.code).toBe('rate_limited');
      expect(await owner.api.push.status.query({ endpoint })).toEqual({ subscribed: true });
    } finally {
      await limited.close();
    }
  });

  it('asks for a login', async () => {
    expect(await errorCodeOf(server.client().api.push.publicKey.query())).toBe('unauthenticated');
  });
});

describe('the address check when sending', () => {
  it('knows internal addresses in both families', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ]) {
      expect(isInternalAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '142.250.74.10', '2a00:1450:4001:80b::200a']) {
      expect(isInternalAddress(a), a).toBe(false);
    }
  });

  it('refuses a name that resolves to loopback', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      publicOnlyLookup('localhost', {}, (err) => resolve(err));
    });
    expect(error?.code).toBe('EPUSHINTERNAL');
  });
});
