import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choicesOf } from '../notify/preferences.js';
import {
  addMember,
  setUpAnotherClub,
  setUpClub,
  startTestServer,
  type TestServer,
} from '../test/harness.js';
import { startSmtpPeer, type SmtpPeer } from '../test/smtp-peer.js';
import { queueMail } from './queue.js';

let smtp: SmtpPeer;
let server: TestServer;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  server = await startTestServer({
    config: { smtpUrl: smtp.url, mailFrom: 'Test Club <club@example.org>' },
  });
});
afterAll(async () => {
  await server.close();
  await smtp.stop();
});

async function userIdOf(email: string): Promise<string> {
  const row = await server.deps.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

const linkIn = (text: string) => /https?:\/\/\S+\/unsubscribe\/\S+/.exec(text)?.[0];

describe('unsubscribe links', () => {
  it('turn one kind of mail off for one person, and the next mail of that kind is not sent', async () => {
    const club = await setUpClub(server);
    const member = await addMember(server, club, 'member', 'mia@example.org');
    const userId = await userIdOf(member.email);
    const mail = (kind: 'session_cancelled' | 'promoted', title: string) =>
      queueMail(server.deps.db, {
        to: member.email,
        locale: 'en',
        kind,
        userId,
        clubId: club.clubId,
        data: {
          name: 'Mia',
          clubName: 'Test Club',
          timezone: 'Europe/Ljubljana',
          sessionTitle: title,
          startsAt: '2026-12-07T17:00:00.000Z',
          link: `${server.url}/sessions/s1`,
        },
      });

    await mail('session_cancelled', 'Yoga');
    const [first] = await smtp.waitForMessages(1);
    const link = linkIn(first!.text)!;
    expect(link.startsWith(`${server.url}/unsubscribe/`)).toBe(true);
    const fetch = server.client().fetch;

    // Opening the link only asks: a link scanner unsubscribes nobody.
    const asked = await fetch(link);
    expect(asked.status).toBe(200);
    expect(asked.headers.get('content-security-policy')).toContain("form-action 'self'");
    const page = await asked.text();
    expect(page).toContain('Stop the emails about cancelled sessions?');
    expect(page).toContain('<form method="post">');
    expect((await choicesOf(server.deps.db, userId)).session_cancelled.email).toBe(true);

    // One click from the mail program (RFC 8058).
    const done = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('you no longer get emails about cancelled sessions');
    const choices = await choicesOf(server.deps.db, userId);
    expect(choices.session_cancelled).toEqual({ in_app: true, email: false, push: true });
    expect(choices.promoted.email).toBe(true);

    await mail('session_cancelled', 'Pilates');
    await mail('promoted', 'Spinning');
    await smtp.waitForMessages(2);
    // Pilates was claimed before Spinning and turned down before Spinning went out.
    const rows = await server.deps.db
      .selectFrom('mail_queue')
      .select(['data', 'sent_at', 'failed_at'])
      .where('kind', '=', 'session_cancelled')
      .orderBy('created_at')
      .execute();
    expect(
      rows.map((r) => [JSON.parse(r.data).sessionTitle, r.sent_at !== null, r.failed_at !== null]),
    ).toEqual([
      ['Yoga', true, false],
      ['Pilates', false, true],
    ]);
    expect(smtp.messages.map((m) => m.subject)).toEqual([
      'Cancelled: Yoga',
      'You have a place: Spinning',
    ]);
  });

  it('answers 404 to a forged, altered or malformed link, in the reader’s language', async () => {
    const fetch = server.client().fetch;
    const first = linkIn(smtp.messages[0]!.text)!;
    const [, userId, , mac] = /\/unsubscribe\/([^.]+)\.([a-z_]+)\.(\S+)$/.exec(first)!;
    const forged = [
      `${server.url}/unsubscribe/${userId}.promoted.${mac}`,
      `${server.url}/unsubscribe/${userId}.session_cancelled.${mac!.slice(0, -1)}${mac!.endsWith('A') ? 'B' : 'A'}`,
      `${server.url}/unsubscribe/nonsense`,
      `${server.url}/unsubscribe/${'x'.repeat(300)}`,
    ];
    for (const link of forged) {
      const answer = await fetch(link, {
        method: 'POST',
        headers: { 'accept-language': 'de-DE,de;q=0.9' },
      });
      expect(answer.status, link).toBe(404);
      expect(await answer.text()).toContain('Dieser Link funktioniert nicht (mehr).');
    }
    const choices = await choicesOf(server.deps.db, userId!);
    expect(choices.promoted.email).toBe(true);
  });
});

describe('invitation mail', () => {
  it('is queued when an invitation names an address and PUBLIC_URL is set, with a link that works', async () => {
    const peer = await startSmtpPeer();
    const withUrl = await startTestServer({
      config: {
        smtpUrl: peer.url,
        mailFrom: 'Test Club <club@example.org>',
        publicUrl: 'http://127.0.0.1:1',
      },
    });
    try {
      const club = await setUpClub(withUrl);
      const invite = await club.owner.api.invites.create.mutate({
        clubId: club.clubId,
        role: 'host',
        email: 'hugo@example.org',
      });
      expect(invite.mailed).toBe(true);
      const plain = await club.owner.api.invites.create.mutate({
        clubId: club.clubId,
        role: 'member',
      });
      expect(plain.mailed).toBe(false);

      const [mail] = await peer.waitForMessages(1);
      expect(mail!.to).toEqual(['hugo@example.org']);
      expect(mail!.subject).toBe('Join Test Club on Turnout');
      expect(mail!.text).toContain('Olga Owner invited you to join Test Club on Turnout as a host');
      expect(mail!.headers.get('list-unsubscribe')).toBeUndefined();
      const link = /http:\/\/127\.0\.0\.1:1\/invite\/(\S+)/.exec(mail!.text)![1]!;
      expect(link).toBe(invite.code);
      // The mailed code is the invitation's: it lets Hugo join as a host.
      const hugo = withUrl.client();
      const me = await hugo.api.invites.accept.mutate({
        token: link,
        account: { name: 'Hugo', email: 'hugo@example.org', password: 'a long enough password' },
      });
      expect(me.clubs.find((c) => c.clubId === club.clubId)?.role).toBe('host');
    } finally {
      await withUrl.close();
      await peer.stop();
    }
  });

  it('is not queued where links would follow the request’s Host (no PUBLIC_URL)', async () => {
    const club = await setUpAnotherClub(server, 'Other Club', {
      name: 'Otto',
      email: 'otto@example.org',
    });
    const invite = await club.owner.api.invites.create.mutate({
      clubId: club.clubId,
      role: 'member',
      email: 'nomail@example.org',
    });
    expect(invite.mailed).toBe(false);
    const queued = await server.deps.db
      .selectFrom('mail_queue')
      .select('id')
      .where('to', '=', 'nomail@example.org')
      .execute();
    expect(queued).toHaveLength(0);
  });
});
