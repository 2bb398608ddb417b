import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSecurityEvents } from '../repositories/security-log.repository.js';
import { queuedMails, startMailingServer, tokenOfLink } from '../test/account-mail.js';
import {
  addMember,
  errorCodeOf,
  failure,
  PASSWORD,
  setUpAnotherClub,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestServer,
} from '../test/harness.js';

const NEW_PASSWORD = 'a brand new password';

let server: TestServer;
let club: ClubFixture;

afterEach(async () => {
  await server.close();
});

async function forgot(email: string, locale?: 'en' | 'de') {
  return server
    .client()
    .api.account.forgotPassword.mutate({ email, ...(locale ? { locale } : {}) });
}

async function latestResetToken(): Promise<string> {
  const mails = await queuedMails(server, 'password_reset');
  return tokenOfLink(mails.at(-1)?.data.link);
}

describe('forgot password by mail', () => {
  beforeEach(async () => {
    server = await startMailingServer();
    club = await setUpClub(server);
    await addMember(server, club, 'member', 'mia@example.org');
  });

  it('answers the same for an unknown email and queues a mail only for the account', async () => {
    const known = await forgot('MIA@example.org ', 'de');
    const unknown = await forgot('nobody@example.org', 'de');
    expect(unknown).toEqual(known);
    const mails = await queuedMails(server);
    expect(mails).toEqual([
      {
        to: 'mia@example.org',
        locale: 'de',
        kind: 'password_reset',
        data: {
          name: 'mia',
          link: expect.stringMatching(/^https:\/\/turnout\.example\.org\/reset\/[\w-]{43}$/),
          expiresMinutes: 60,
        },
      },
    ]);
    const tokens = await server.deps.db.selectFrom('account_tokens').selectAll().execute();
    expect(tokens).toHaveLength(1);
    // Only a hash is stored: the mailed token appears nowhere in the row.
    expect(JSON.stringify(tokens)).not.toContain(tokenOfLink(mails[0]!.data.link));
  });

  it('links to PUBLIC_URL whatever Host the request named', async () => {
    const res = await fetch(`${server.localUrl}/trpc/account.forgotPassword`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'evil.example.net' },
      body: JSON.stringify({ email: 'mia@example.org' }),
    });
    expect(res.status).toBe(200);
    const [mail] = await queuedMails(server);
    expect(String(mail?.data.link)).toMatch(/^https:\/\/turnout\.example\.org\/reset\//);
  });

  it('writes in the language the account chose, before the device’s', async () => {
    const mia = await server.client().api.auth.login.mutate({
      email: 'mia@example.org',
      password: PASSWORD,
    });
    expect(mia.user.locale).toBeNull();
    await server.deps.db.updateTable('users').set({ locale: 'de' }).execute();
    await forgot('mia@example.org', 'en');
    expect((await queuedMails(server)).map((m) => m.locale)).toEqual(['de']);
  });

  it('resets the password once, ends every login and logs this device in', async () => {
    const phone = server.client();
    await phone.api.auth.login.mutate({ email: 'mia@example.org', password: PASSWORD });
    await forgot('mia@example.org');
    const token = await latestResetToken();

    // A browser logged in to another account (the owner's) opens the link.
    const browser = club.owner;
    expect(await browser.api.account.resetPreview.query({ token })).toEqual({
      name: 'mia',
      expiresAt: expect.any(String),
    });
    const me = await browser.api.account.resetPassword.mutate({ token, password: NEW_PASSWORD });
    expect(me.user.email).toBe('mia@example.org');
    expect((await browser.api.auth.me.query()).user.email).toBe('mia@example.org');

    expect(await errorCodeOf(phone.api.auth.me.query())).toBe('unauthenticated');
    // The owner's login on that browser ended with the switch; the owner's account is untouched.
    expect(await server.deps.db.selectFrom('login_sessions').select('user_id').execute()).toEqual([
      { user_id: me.user.id },
    ]);
    await server.client().api.auth.login.mutate({ email: 'owner@example.org', password: PASSWORD });
    expect(
      await errorCodeOf(
        server.client().api.auth.login.mutate({ email: 'mia@example.org', password: PASSWORD }),
      ),
    ).toBe('invalid_credentials');
    await server
      .client()
      .api.auth.login.mutate({ email: 'mia@example.org', password: NEW_PASSWORD });

    // Used: refused, and the password stays the new one.
    const again = await failure(
      server.client().api.account.resetPassword.mutate({ token, password: 'yet another password' }),
    );
    expect(again.data?.code).toBe('link_used');
    expect(await errorCodeOf(server.client().api.account.resetPreview.query({ token }))).toBe(
      'link_used',
    );
  });

  it('refuses a forged token and an expired one, and only the newest link works', async () => {
    const forged = 'x'.repeat(43);
    expect(
      await errorCodeOf(
        server.client().api.account.resetPassword.mutate({ token: forged, password: NEW_PASSWORD }),
      ),
    ).toBe('link_invalid');
    expect(
      await errorCodeOf(server.client().api.account.resetPreview.query({ token: 'AAAAA-AAAAA' })),
    ).toBe('link_invalid');

    await forgot('mia@example.org');
    const first = await latestResetToken();
    await forgot('mia@example.org');
    const second = await latestResetToken();
    expect(second).not.toBe(first);
    expect(
      await errorCodeOf(server.client().api.account.resetPreview.query({ token: first })),
    ).toBe('link_used');

    server.setNow(new Date(Date.now() + 61 * 60_000));
    const expired = await failure(
      server.client().api.account.resetPassword.mutate({ token: second, password: NEW_PASSWORD }),
    );
    expect(expired.data?.code).toBe('link_expired');
    expect(expired.message).toMatch(/expired/);
    server.setNow(new Date());
    await server.client().api.auth.login.mutate({ email: 'mia@example.org', password: PASSWORD });
  });

  it('takes the same password rules as registering', async () => {
    await forgot('mia@example.org');
    const token = await latestResetToken();
    const short = await failure(
      server.client().api.account.resetPassword.mutate({ token, password: 'short' }),
    );
    expect(short.data?.code).toBe('invalid_args');
    // A refused password leaves the link usable.
    await server.client().api.account.resetPassword.mutate({ token, password: NEW_PASSWORD });
  });

  it('sends nothing to a walk-in’s placeholder account', async () => {
    await server.deps.db
      .updateTable('users')
      .set({ email: 'guest-x@guests.invalid' })
      .where('email', '=', 'mia@example.org')
      .execute();
    await forgot('guest-x@guests.invalid');
    expect(await queuedMails(server)).toEqual([]);
  });
});

describe('limits and servers without mail', () => {
  it('limits requests per email whether or not it has an account, and per address', async () => {
    server = await startMailingServer({
      rateLimits: { resetRequestsPerEmail: 2, resetRequestsPerAddress: 7 },
    });
    club = await setUpClub(server);
    for (const email of ['owner@example.org', 'nobody@example.org']) {
      await forgot(email);
      await forgot(email);
      const limited = await failure(forgot(email));
      expect(limited.data?.code).toBe('rate_limited');
      expect(limited.data?.httpStatus).toBe(429);
    }
    expect(await queuedMails(server)).toHaveLength(2);
    await forgot('third@example.org');
    expect(await errorCodeOf(forgot('fourth@example.org'))).toBe('rate_limited');
  });

  it('answers the same and queues nothing when this server sends no mail', async () => {
    server = await startTestServer();
    club = await setUpClub(server);
    expect(await server.client().api.account.options.query()).toEqual({ mailConfigured: false });
    expect(await forgot('owner@example.org')).toEqual({ ok: true });
    expect(await server.deps.db.selectFrom('account_tokens').selectAll().execute()).toEqual([]);
    expect(await server.deps.db.selectFrom('mail_queue').selectAll().execute()).toEqual([]);
  });
});

describe('a reset code made by a host or owner', () => {
  let member: Awaited<ReturnType<typeof addMember>>;
  let host: Awaited<ReturnType<typeof addMember>>;

  beforeEach(async () => {
    server = await startTestServer();
    club = await setUpClub(server);
    member = await addMember(server, club, 'member', 'mia@example.org');
    host = await addMember(server, club, 'host', 'hal@example.org');
  });

  it('lets the member set a password with it once, and is in the security log', async () => {
    const issued = await host.client.api.account.issueReset.mutate({
      clubId: club.clubId,
      memberId: member.memberId,
    });
    expect(issued.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(issued.name).toBe('mia');

    // Typed by hand: lower case, no dash.
    const typed = issued.code.toLowerCase().replace('-', '');
    const me = await server
      .client()
      .api.account.resetPassword.mutate({ token: typed, password: NEW_PASSWORD });
    expect(me.user.email).toBe('mia@example.org');
    expect(await errorCodeOf(member.client.api.auth.me.query())).toBe('unauthenticated');
    expect(
      await errorCodeOf(
        server.client().api.account.resetPassword.mutate({
          token: issued.code,
          password: PASSWORD,
        }),
      ),
    ).toBe('link_used');

    const events = await listSecurityEvents(server.deps.db);
    const hostUser = await host.client.api.auth.me.query();
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'password_reset_issued',
        user_id: hostUser.user.id,
        club_id: club.clubId,
        detail: expect.stringContaining(member.memberId),
      }),
    ]);
  });

  it('is refused to a member, for a host or owner made by a host, and for oneself', async () => {
    const owner = await club.owner.api.auth.me.query();
    const ownerMemberId = owner.clubs[0]!.memberId;
    const issue = (client: typeof member.client, memberId: string) =>
      errorCodeOf(client.api.account.issueReset.mutate({ clubId: club.clubId, memberId }));
    expect(await issue(member.client, member.memberId)).toBe('not_permitted');
    expect(await issue(host.client, ownerMemberId)).toBe('not_permitted');
    const otherHost = await addMember(server, club, 'host', 'hank@example.org');
    expect(await issue(host.client, otherHost.memberId)).toBe('not_permitted');
    expect(await issue(host.client, host.memberId)).toBe('not_permitted');
    // The owner may, for hosts too.
    expect(await issue(club.owner, otherHost.memberId)).toBeUndefined();
    expect(await listSecurityEvents(server.deps.db)).toHaveLength(1);
  });

  it('reaches only people of the actor’s own club', async () => {
    const other = await setUpAnotherClub(server, 'Other Club', {
      name: 'Otto',
      email: 'otto@example.org',
    });
    const stranger = await addMember(server, other, 'member', 'sam@example.org');
    // Another club's owner cannot name this club, nor reach a member of theirs through it.
    expect(
      await errorCodeOf(
        other.owner.api.account.issueReset.mutate({
          clubId: club.clubId,
          memberId: member.memberId,
        }),
      ),
    ).toBe('not_permitted');
    expect(
      await errorCodeOf(
        club.owner.api.account.issueReset.mutate({
          clubId: club.clubId,
          memberId: stranger.memberId,
        }),
      ),
    ).toBe('not_found');
  });

  it('is refused for someone who is a host in a club the actor does not own', async () => {
    const other = await setUpAnotherClub(server, 'Other Club', {
      name: 'Otto',
      email: 'otto@example.org',
    });
    // Mia is a plain member here but a host of the other club.
    const invite = await other.owner.api.invites.create.mutate({
      clubId: other.clubId,
      role: 'host',
    });
    await member.client.api.invites.accept.mutate({ token: invite.code });
    const refused = await failure(
      club.owner.api.account.issueReset.mutate({
        clubId: club.clubId,
        memberId: member.memberId,
      }),
    );
    expect(refused.data?.code).toBe('not_permitted');
    expect(refused.message).toMatch(/owner of every club/);
  });
});
