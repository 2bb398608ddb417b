import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMailingServer } from '../test/account-mail.js';
import { addMember, PASSWORD, setUpClub, type TestServer } from '../test/harness.js';
import { startSmtpPeer, type SmtpPeer } from '../test/smtp-peer.js';

/**
 * The account mails as they arrive at a real SMTP server on loopback: to
 * the right address, in the person's language, with a link that works.
 */
let peer: SmtpPeer;
let server: TestServer;

beforeEach(async () => {
  peer = await startSmtpPeer();
  server = await startMailingServer({ smtpUrl: peer.url });
});
afterEach(async () => {
  await server.close();
  await peer.stop();
});

const linkIn = (text: string, path: string) =>
  new RegExp(`https://turnout\\.example\\.org/${path}/[\\w-]+`).exec(text)?.[0] ?? '';

describe('account mail at a real SMTP peer', () => {
  it('a reset mail arrives once, in German when asked in German, and its link resets', async () => {
    const club = await setUpClub(server);
    await addMember(server, club, 'member', 'mia@example.org');
    await server.client().api.account.forgotPassword.mutate({ email: 'nobody@example.org' });
    await server
      .client()
      .api.account.forgotPassword.mutate({ email: 'mia@example.org', locale: 'de' });

    const [mail] = await peer.waitForMessages(1);
    expect(mail?.to).toEqual(['mia@example.org']);
    expect(mail?.headers.get('content-language')).toBe('de');
    const link = linkIn(mail?.text ?? '', 'reset');
    expect(link).not.toBe('');
    expect(mail?.html).toContain(link);

    const token = link.split('/').at(-1)!;
    const browser = server.client();
    await browser.api.account.resetPassword.mutate({ token, password: 'the new password' });
    expect((await browser.api.auth.me.query()).user.email).toBe('mia@example.org');
    // Only the account's mail ever went out.
    expect(peer.messages).toHaveLength(1);
  });

  it('an email change mails the new address, whose link changes the login', async () => {
    const club = await setUpClub(server);
    await club.owner.api.account.changeEmail.mutate({
      email: 'olga.new@example.org',
      currentPassword: PASSWORD,
    });
    const [mail] = await peer.waitForMessages(1);
    expect(mail?.to).toEqual(['olga.new@example.org']);
    const token = linkIn(mail?.text ?? '', 'email')
      .split('/')
      .at(-1)!;
    await server.client().api.account.confirmEmail.mutate({ token });
    await server
      .client()
      .api.auth.login.mutate({ email: 'olga.new@example.org', password: PASSWORD });
  });
});
