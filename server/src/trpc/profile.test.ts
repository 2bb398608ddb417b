import { createTRPCClient, httpLink } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queuedMails, startMailingServer, tokenOfLink } from '../test/account-mail.js';
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
import type { AppRouter } from './app.router.js';

const NEW_PASSWORD = 'a brand new password';

let server: TestServer;
let club: ClubFixture;
let mia: TestClient;

async function loginAsMia(userAgent: string): Promise<TestClient> {
  const jar = server.client();
  // A device of its own: the user agent the logins list shows.
  const api = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${server.localUrl}/trpc`,
        fetch: (input, init) =>
          jar.fetch(input, {
            ...init,
            headers: { ...(init?.headers as Record<string, string>), 'user-agent': userAgent },
          }),
      }),
    ],
  });
  await api.auth.login.mutate({ email: 'mia@example.org', password: PASSWORD });
  return { ...jar, api };
}

beforeEach(async () => {
  server = await startMailingServer();
  club = await setUpClub(server);
  mia = (await addMember(server, club, 'member', 'mia@example.org')).client;
});
afterEach(async () => {
  await server.close();
});

describe('profile', () => {
  it('changes the name and the language, which auth.me then carries', async () => {
    expect(await mia.api.account.profile.query()).toEqual({
      name: 'mia',
      email: 'mia@example.org',
      locale: null,
      pendingEmail: null,
      mailConfigured: true,
    });
    await mia.api.account.updateProfile.mutate({ name: '  Mia Novak ', locale: 'de' });
    const me = await mia.api.auth.me.query();
    expect(me.user).toMatchObject({ name: 'Mia Novak', locale: 'de' });
    // Only what is named changes; null goes back to following the device.
    await mia.api.account.updateProfile.mutate({ locale: null });
    expect((await mia.api.account.profile.query()).name).toBe('Mia Novak');
    expect((await mia.api.auth.me.query()).user.locale).toBeNull();
    expect(await errorCodeOf(mia.api.account.updateProfile.mutate({ locale: 'es' as 'de' }))).toBe(
      'invalid_args',
    );
    expect(await errorCodeOf(mia.api.account.updateProfile.mutate({ name: ' ' }))).toBe(
      'invalid_args',
    );
  });
});

describe('password and logins', () => {
  it('changes the password knowing the current one, ending the other logins only', async () => {
    const laptop = await loginAsMia('Laptop browser');
    const wrong = await failure(
      mia.api.account.changePassword.mutate({
        currentPassword: 'not it at all',
        password: NEW_PASSWORD,
      }),
    );
    expect(wrong.data?.code).toBe('wrong_password');
    await laptop.api.auth.me.query();

    expect(
      await mia.api.account.changePassword.mutate({
        currentPassword: PASSWORD,
        password: NEW_PASSWORD,
      }),
    ).toEqual({ endedLogins: 1 });
    expect((await mia.api.auth.me.query()).user.email).toBe('mia@example.org');
    expect(await errorCodeOf(laptop.api.auth.me.query())).toBe('unauthenticated');
    await server
      .client()
      .api.auth.login.mutate({ email: 'mia@example.org', password: NEW_PASSWORD });
  });

  it('lists the logins with their devices and ends all but this one', async () => {
    const phone = await loginAsMia('Phone browser');
    const laptop = await loginAsMia('Laptop browser');
    const logins = await laptop.api.account.logins.query();
    expect(logins).toHaveLength(3);
    expect(logins.filter((l) => l.current)).toEqual([
      expect.objectContaining({ userAgent: 'Laptop browser', current: true }),
    ]);
    expect(logins.map((l) => l.userAgent)).toContain('Phone browser');

    expect(await laptop.api.account.endOtherLogins.mutate()).toEqual({ endedLogins: 2 });
    expect(await errorCodeOf(phone.api.auth.me.query())).toBe('unauthenticated');
    expect(await errorCodeOf(mia.api.auth.me.query())).toBe('unauthenticated');
    expect(await laptop.api.account.logins.query()).toEqual([
      expect.objectContaining({ current: true }),
    ]);
    // Another account's logins are untouched.
    await club.owner.api.auth.me.query();
  });

  it('a change ends open reset links too', async () => {
    await server.client().api.account.forgotPassword.mutate({ email: 'mia@example.org' });
    const [mail] = await queuedMails(server, 'password_reset');
    await mia.api.account.changePassword.mutate({
      currentPassword: PASSWORD,
      password: NEW_PASSWORD,
    });
    expect(
      await errorCodeOf(
        server.client().api.account.resetPassword.mutate({
          token: tokenOfLink(mail?.data.link),
          password: PASSWORD,
        }),
      ),
    ).toBe('link_used');
  });
});

describe('email change', () => {
  it('mails a link to the new address and changes the email only when it is opened', async () => {
    const asked = await mia.api.account.changeEmail.mutate({
      email: 'Mia.Novak@Example.org',
      currentPassword: PASSWORD,
      locale: 'de',
    });
    expect(asked.pendingEmail).toBe('mia.novak@example.org');
    const [mail] = await queuedMails(server, 'email_change');
    expect(mail).toEqual({
      to: 'mia.novak@example.org',
      locale: 'de',
      kind: 'email_change',
      data: {
        name: 'mia',
        link: expect.stringMatching(/^https:\/\/turnout\.example\.org\/email\/[\w-]{43}$/),
        expiresMinutes: 1440,
      },
    });
    // Until then the old address is the login.
    expect(await mia.api.account.profile.query()).toMatchObject({
      email: 'mia@example.org',
      pendingEmail: 'mia.novak@example.org',
    });

    const token = tokenOfLink(mail?.data.link);
    expect(await server.client().api.account.confirmEmail.mutate({ token })).toEqual({
      email: 'mia.novak@example.org',
    });
    expect(await mia.api.account.profile.query()).toMatchObject({
      email: 'mia.novak@example.org',
      pendingEmail: null,
    });
    await server
      .client()
      .api.auth.login.mutate({ email: 'mia.novak@example.org', password: PASSWORD });
    expect(await errorCodeOf(server.client().api.account.confirmEmail.mutate({ token }))).toBe(
      'link_used',
    );
  });

  it('refuses an address another account has, also when it was taken after the link was sent', async () => {
    const taken = await failure(
      mia.api.account.changeEmail.mutate({ email: 'owner@example.org', currentPassword: PASSWORD }),
    );
    expect(taken.data?.code).toBe('email_taken');
    expect(taken.message).toMatch(/Another account/);
    expect(
      await errorCodeOf(
        mia.api.account.changeEmail.mutate({ email: 'new@example.org', currentPassword: 'nope' }),
      ),
    ).toBe('wrong_password');

    await mia.api.account.changeEmail.mutate({
      email: 'new@example.org',
      currentPassword: PASSWORD,
    });
    const [mail] = await queuedMails(server, 'email_change');
    await addMember(server, club, 'member', 'new@example.org');
    expect(
      await errorCodeOf(
        server.client().api.account.confirmEmail.mutate({ token: tokenOfLink(mail?.data.link) }),
      ),
    ).toBe('email_taken');
    expect((await mia.api.account.profile.query()).email).toBe('mia@example.org');
  });

  it('refuses an expired link', async () => {
    await mia.api.account.changeEmail.mutate({
      email: 'new@example.org',
      currentPassword: PASSWORD,
    });
    const [mail] = await queuedMails(server, 'email_change');
    server.setNow(new Date(Date.now() + 25 * 60 * 60_000));
    expect(
      await errorCodeOf(
        server.client().api.account.confirmEmail.mutate({ token: tokenOfLink(mail?.data.link) }),
      ),
    ).toBe('link_expired');
  });
});

describe('a server without mail', () => {
  it('cannot confirm a new address, so it refuses the change clearly', async () => {
    await server.close();
    server = await startTestServer();
    club = await setUpClub(server);
    const refused = await failure(
      club.owner.api.account.changeEmail.mutate({
        email: 'new@example.org',
        currentPassword: PASSWORD,
      }),
    );
    expect(refused.data?.code).toBe('mail_not_configured');
    expect((await club.owner.api.account.profile.query()).mailConfigured).toBe(false);
  });
});
