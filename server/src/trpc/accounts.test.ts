import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addMember,
  errorCodeOf,
  failure,
  PASSWORD,
  setUpClub,
  SETUP_TOKEN,
  startTestServer,
  type TestServer,
} from '../test/harness.js';

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('setup', () => {
  it('reports that setup is needed on an empty server and prints the link', async () => {
    expect(server.setupLink).toBe(`${server.url}/setup?token=${SETUP_TOKEN}`);
    expect(await server.client().api.setup.status.query()).toEqual({ needsSetup: true });
  });

  it('refuses a wrong token without creating anything', async () => {
    const error = await failure(
      server.client().api.setup.createClub.mutate({
        token: 'not-the-token',
        club: { name: 'Club' },
        owner: { name: 'A', email: 'a@example.org', password: PASSWORD },
      }),
    );
    expect(error.data?.code).toBe('invalid_setup_token');
    expect(error.data?.httpStatus).toBe(400);
    expect(error.message).toMatch(/not valid/);
    expect(await server.client().api.setup.status.query()).toEqual({ needsSetup: true });
  });

  it('creates the club and owner once, logs the owner in, then refuses the same token', async () => {
    const { owner, clubId } = await setUpClub(server);
    const me = await owner.api.auth.me.query();
    expect(me.user.email).toBe('owner@example.org');
    expect(me.clubs).toEqual([
      expect.objectContaining({
        clubId,
        clubName: 'Test Club',
        role: 'owner',
        timezone: 'Europe/Ljubljana',
      }),
    ]);
    const again = await errorCodeOf(
      server.client().api.setup.createClub.mutate({
        token: SETUP_TOKEN,
        club: { name: 'Second' },
        owner: { name: 'B', email: 'b@example.org', password: PASSWORD },
      }),
    );
    expect(again).toBe('already_set_up');
    expect(await server.client().api.setup.status.query()).toEqual({ needsSetup: false });
  });

  it('applies every default setting of spec §2 to a new club', async () => {
    const { owner, clubId } = await setUpClub(server);
    const club = await owner.api.clubs.get.query({ clubId });
    expect(club.settings).toEqual({
      timezone: 'Europe/Ljubljana',
      creditPolicy: 'at_checkin',
      signupsEnabled: true,
      waitlistEnabled: true,
      lateCancelMinutes: 0,
      whosGoingEnabled: true,
      // Not in spec §2: off, members see counts only (docs/decisions.md, "Schedule and history").
      membersSeeWhoIsGoing: false,
      multiCreditEnabled: false,
      maxCreditsPerCheckIn: 1,
      checkInOpensMinutesBefore: 30,
      checkInGraceMinutes: 30,
      backfillWindowDays: 7,
      hostsCanBackfill: true,
      hostsCanManageSessions: true,
      hostsCanManagePasses: false,
      hostOverCapacity: 'flag',
      hostWithoutCredits: 'flag',
      locales: ['en'],
      sessionReminderMinutes: 120,
      passExpiryReminderDays: 3,
    });
  });
});

describe('login and logout', () => {
  it('logs in with a HttpOnly, SameSite=Lax, 30-day cookie and logs out', async () => {
    await setUpClub(server);
    const device = server.client();
    const me = await device.api.auth.login.mutate({
      email: 'OWNER@example.org ',
      password: PASSWORD,
    });
    expect(me.user.email).toBe('owner@example.org');
    const cookie = device.setCookieHeaders.at(-1)!;
    expect(cookie).toMatch(/^turnout_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const expires = new Date(/Expires=([^;]+)/.exec(cookie)![1]!);
    const days = (expires.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    await device.api.auth.logout.mutate();
    expect(device.setCookieHeaders.at(-1)).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(await errorCodeOf(device.api.auth.me.query())).toBe('unauthenticated');
  });

  it('ends the login on the server, so a copied cookie stops working after logout', async () => {
    const { owner } = await setUpClub(server);
    const copy = server.client();
    for (const [k, v] of owner.cookies) copy.cookies.set(k, v);
    await owner.api.auth.logout.mutate();
    expect(await errorCodeOf(copy.api.auth.me.query())).toBe('unauthenticated');
  });

  it('answers who is logged in with null, not a refusal, when nobody is (auth.current)', async () => {
    await setUpClub(server);
    const device = server.client();
    expect(await device.api.auth.current.query()).toBeNull();
    const me = await device.api.auth.login.mutate({
      email: 'owner@example.org',
      password: PASSWORD,
    });
    expect(await device.api.auth.current.query()).toEqual(me);
    await device.api.auth.logout.mutate();
    expect(await device.api.auth.current.query()).toBeNull();
  });

  it('sends Secure cookies when the public URL is https', async () => {
    await server.close();
    server = await startTestServer({ config: { publicUrl: 'https://club.example.org' } });
    const { owner } = await setUpClub(server);
    expect(owner.setCookieHeaders.at(-1)).toMatch(/; Secure/);
  });

  it('gives the same refusal for an unknown email and a wrong password', async () => {
    await setUpClub(server);
    const wrongPassword = await failure(
      server.client().api.auth.login.mutate({ email: 'owner@example.org', password: 'nope' }),
    );
    const unknown = await failure(
      server.client().api.auth.login.mutate({ email: 'nobody@example.org', password: PASSWORD }),
    );
    expect(wrongPassword.data?.code).toBe('invalid_credentials');
    expect(unknown.data?.code).toBe('invalid_credentials');
    expect(unknown.message).toBe(wrongPassword.message);
  });

  it('expires a login after 30 days unused, and renews one that is used', async () => {
    const start = new Date('2026-03-01T10:00:00Z');
    server.setNow(start);
    const { owner } = await setUpClub(server);
    const day = 86_400_000;

    // Used on day 20: renewed to day 50, with a fresh cookie.
    server.setNow(new Date(start.getTime() + 20 * day));
    const before = owner.setCookieHeaders.length;
    await owner.api.auth.me.query();
    expect(owner.setCookieHeaders.length).toBe(before + 1);
    expect(owner.setCookieHeaders.at(-1)).toMatch(/Expires=Mon, 20 Apr 2026/);

    // Used again within the same day: not renewed again (no write per request).
    await owner.api.auth.me.query();
    expect(owner.setCookieHeaders.length).toBe(before + 1);

    // Day 49: still valid thanks to the renewal.
    server.setNow(new Date(start.getTime() + 49 * day));
    await expect(owner.api.auth.me.query()).resolves.toBeTruthy();

    // Unused for more than 30 days: gone.
    server.setNow(new Date(start.getTime() + 80 * day));
    expect(await errorCodeOf(owner.api.auth.me.query())).toBe('unauthenticated');
  });
});

describe('request validation', () => {
  it('answers malformed input with invalid_args, the fields, and HTTP 400 — never a stack', async () => {
    const res = await fetch(`${server.localUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not-an-email', password: '' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { message: string; data: Record<string, unknown> };
    };
    expect(body.error.data.code).toBe('invalid_args');
    expect(body.error.data.issues).toEqual([
      {
        path: 'email',
        message: 'Enter a valid email address',
        code: 'invalid_format',
        format: 'email',
      },
      { path: 'password', message: 'Enter your password', code: 'too_small', minimum: 1 },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts/);
  });

  it('answers broken JSON with invalid_args', async () => {
    const res = await fetch(`${server.localUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { data: { code: string } } };
    expect(body.error.data.code).toBe('invalid_args');
  });

  it('answers an unknown procedure with not_found', async () => {
    const res = await fetch(`${server.localUrl}/trpc/nope.nothing`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { data: { code: string } } };
    expect(body.error.data.code).toBe('not_found');
  });
});

describe('origin check', () => {
  it('refuses a mutation from another site and accepts one from our own origin', async () => {
    await setUpClub(server);
    const evil = server.client({ origin: 'https://evil.example' });
    const error = await failure(
      evil.api.auth.login.mutate({ email: 'owner@example.org', password: PASSWORD }),
    );
    expect(error.data?.code).toBe('bad_origin');
    expect(error.data?.httpStatus).toBe(403);
    expect(evil.cookies.size).toBe(0);

    const same = server.client({ origin: server.localUrl });
    await expect(
      same.api.auth.login.mutate({ email: 'owner@example.org', password: PASSWORD }),
    ).resolves.toBeTruthy();
  });
});

describe('rate limit', () => {
  it('blocks repeated failed logins for one account and says when to retry', async () => {
    await server.close();
    server = await startTestServer({
      rateLimits: { loginPerAccount: 3, loginPerAddress: 100, secretsPerAddress: 100 },
    });
    await setUpClub(server);
    const device = server.client();
    const attempt = () =>
      errorCodeOf(device.api.auth.login.mutate({ email: 'owner@example.org', password: 'wrong' }));
    expect([await attempt(), await attempt(), await attempt()]).toEqual([
      'invalid_credentials',
      'invalid_credentials',
      'invalid_credentials',
    ]);
    const limited = await failure(
      device.api.auth.login.mutate({ email: 'owner@example.org', password: PASSWORD }),
    );
    expect(limited.data?.code).toBe('rate_limited');
    expect(limited.data?.httpStatus).toBe(429);
    expect(limited.message).toMatch(/wait \d+ seconds/);
  });
});

describe('invitations', () => {
  it('lets a new person join with a member invite and see the club', async () => {
    const fixture = await setUpClub(server);
    const invite = await fixture.owner.api.invites.create.mutate({
      clubId: fixture.clubId,
      role: 'member',
    });
    expect(invite.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(invite.url).toBe(`${server.url}/invite/${invite.code}`);

    const visitor = server.client();
    expect(await visitor.api.invites.preview.query({ token: invite.code.toLowerCase() })).toEqual({
      clubName: 'Test Club',
      role: 'member',
      expiresAt: invite.expiresAt,
      // Named only when the invite claims a walk-in's visits.
      guestName: null,
    });
    const me = await visitor.api.invites.accept.mutate({
      token: invite.code,
      account: { name: 'Mia', email: 'mia@example.org', password: PASSWORD },
    });
    expect(me.clubs).toEqual([expect.objectContaining({ clubName: 'Test Club', role: 'member' })]);
    expect(await visitor.api.auth.me.query()).toEqual(expect.objectContaining({ clubs: me.clubs }));

    // A personal invitation is used up.
    expect(
      await errorCodeOf(server.client().api.invites.preview.query({ token: invite.code })),
    ).toBe('invite_invalid');
  });

  it('lets hosts invite members only', async () => {
    const fixture = await setUpClub(server);
    const host = await addMember(server, fixture, 'host', 'host@example.org');
    const memberInvite = await host.client.api.invites.create.mutate({
      clubId: fixture.clubId,
      role: 'member',
    });
    expect(memberInvite.role).toBe('member');
    for (const role of ['host', 'owner'] as const) {
      expect(
        await errorCodeOf(host.client.api.invites.create.mutate({ clubId: fixture.clubId, role })),
      ).toBe('not_permitted');
    }
  });

  it('lets an owner invite hosts and owners, and an existing account join a second club', async () => {
    const first = await setUpClub(server);
    const host = await addMember(server, first, 'host', 'host@example.org');
    const owner2 = await addMember(server, first, 'owner', 'owner2@example.org');
    const members = await first.owner.api.members.list.query({ clubId: first.clubId });
    expect(members.map((m) => [m.email, m.role])).toEqual(
      expect.arrayContaining([
        ['host@example.org', 'host'],
        ['owner2@example.org', 'owner'],
        ['owner@example.org', 'owner'],
      ]),
    );

    // A second club, created with a new setup link, invites the same host as a member.
    const { issueSetupToken } = await import('../services/setup.service.js');
    const link = await issueSetupToken(
      { ...server.deps, config: { ...server.deps.config, setupToken: 'second-club-token' } },
      server.url,
    );
    const token = new URL(link).searchParams.get('token')!;
    const secondOwner = server.client();
    const me2 = await secondOwner.api.setup.createClub.mutate({
      token,
      club: { name: 'Second Club' },
      owner: { name: 'Sam', email: 'sam@example.org', password: PASSWORD },
    });
    const invite = await secondOwner.api.invites.create.mutate({
      clubId: me2.clubs[0]!.clubId,
      role: 'member',
    });
    const joined = await host.client.api.invites.accept.mutate({ token: invite.code });
    expect(joined.clubs.map((c) => [c.clubName, c.role])).toEqual([
      ['Second Club', 'member'],
      ['Test Club', 'host'],
    ]);
    expect(owner2.memberId).toBeTruthy();
  });

  it('refuses an existing email when creating an account, and an expired or revoked invite', async () => {
    const fixture = await setUpClub(server);
    const invite = await fixture.owner.api.invites.create.mutate({
      clubId: fixture.clubId,
      role: 'member',
      validDays: 1,
    });
    expect(
      await errorCodeOf(
        server.client().api.invites.accept.mutate({
          token: invite.code,
          account: { name: 'X', email: 'owner@example.org', password: PASSWORD },
        }),
      ),
    ).toBe('email_taken');

    const revoked = await fixture.owner.api.invites.create.mutate({
      clubId: fixture.clubId,
      role: 'member',
    });
    await fixture.owner.api.invites.revoke.mutate({
      clubId: fixture.clubId,
      inviteId: revoked.inviteId,
    });
    expect(
      (await fixture.owner.api.invites.list.query({ clubId: fixture.clubId })).map(
        (i) => i.inviteId,
      ),
    ).toEqual([invite.inviteId]);
    expect(
      await errorCodeOf(server.client().api.invites.preview.query({ token: revoked.code })),
    ).toBe('invite_invalid');

    server.setNow(new Date(Date.now() + 2 * 86_400_000));
    expect(
      await errorCodeOf(server.client().api.invites.preview.query({ token: invite.code })),
    ).toBe('invite_invalid');
  });

  it('lets a multi-use code be used by several people and no more', async () => {
    const fixture = await setUpClub(server);
    const invite = await fixture.owner.api.invites.create.mutate({
      clubId: fixture.clubId,
      role: 'member',
      maxUses: 2,
    });
    const join = (email: string) =>
      errorCodeOf(
        server.client().api.invites.accept.mutate({
          token: invite.code,
          account: { name: 'N', email, password: PASSWORD },
        }),
      );
    expect(await join('a@example.org')).toBeUndefined();
    expect(await join('b@example.org')).toBeUndefined();
    expect(await join('c@example.org')).toBe('invite_invalid');
    // The refused join created no account.
    expect(
      await errorCodeOf(
        server.client().api.auth.login.mutate({ email: 'c@example.org', password: PASSWORD }),
      ),
    ).toBe('invalid_credentials');
  });
});

describe('roles and removal', () => {
  it('lets the owner change roles, and a role change takes effect at once', async () => {
    const fixture = await setUpClub(server);
    const mia = await addMember(server, fixture, 'member', 'mia@example.org');
    expect(await errorCodeOf(mia.client.api.members.list.query({ clubId: fixture.clubId }))).toBe(
      'not_permitted',
    );
    await fixture.owner.api.members.setRole.mutate({
      clubId: fixture.clubId,
      memberId: mia.memberId,
      role: 'host',
    });
    await expect(
      mia.client.api.members.list.query({ clubId: fixture.clubId }),
    ).resolves.toHaveLength(2);
  });

  it('keeps at least one owner', async () => {
    const fixture = await setUpClub(server);
    const args = { clubId: fixture.clubId, memberId: fixture.ownerMemberId };
    expect(
      await errorCodeOf(fixture.owner.api.members.setRole.mutate({ ...args, role: 'host' })),
    ).toBe('last_owner');
    expect(await errorCodeOf(fixture.owner.api.members.remove.mutate(args))).toBe('last_owner');
  });

  it('removes a member: their logins end, the club refuses them, and a new invite restores them', async () => {
    const fixture = await setUpClub(server);
    const mia = await addMember(server, fixture, 'member', 'mia@example.org');
    await fixture.owner.api.members.remove.mutate({
      clubId: fixture.clubId,
      memberId: mia.memberId,
    });
    expect(await errorCodeOf(mia.client.api.auth.me.query())).toBe('unauthenticated');
    const again = server.client();
    await again.api.auth.login.mutate({ email: 'mia@example.org', password: PASSWORD });
    expect((await again.api.auth.me.query()).clubs).toEqual([]);
    expect(await errorCodeOf(again.api.clubs.get.query({ clubId: fixture.clubId }))).toBe(
      'not_permitted',
    );

    const invite = await fixture.owner.api.invites.create.mutate({
      clubId: fixture.clubId,
      role: 'member',
    });
    const back = await again.api.invites.accept.mutate({ token: invite.code });
    expect(back.clubs[0]?.memberId).toBe(mia.memberId);
  });
});
