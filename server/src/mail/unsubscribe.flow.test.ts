import { randomUUID } from 'node:crypto';
import type { MutationArgsInput, MutationName } from '@turnout/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailingServer } from '../test/account-mail.js';
import { Device } from '../test/devices.js';
import { addMember, setUpClub, type TestServer } from '../test/harness.js';
import { startSmtpPeer, type SmtpPeer } from '../test/smtp-peer.js';

let peer: SmtpPeer;
let server: TestServer;

beforeAll(async () => {
  peer = await startSmtpPeer();
  server = await startMailingServer({ smtpUrl: peer.url });
});
afterAll(async () => {
  await server.close();
  await peer.stop();
});

async function ok<N extends MutationName>(device: Device, name: N, args: MutationArgsInput<N>) {
  const result = await device.send(name, args);
  if (result.status !== 'applied') throw new Error(`${name}: ${result.code} ${result.message}`);
}

describe('unsubscribing from a mail, end to end', () => {
  it('a member unsubscribes from cancellation mails by the link in one, and the next cancellation is not mailed', async () => {
    const club = await setUpClub(server, 'Studio Süd');
    const mia = await addMember(server, club, 'member', 'mia@example.org');
    const owner = new Device(club.owner, club.clubId, 'Office');
    const miaPhone = new Device(mia.client, club.clubId, 'Mia');
    const session = async (title: string) => {
      const sessionId = randomUUID();
      const startsAt = new Date(Date.now() + 2 * 86_400_000);
      await ok(owner, 'session.create', {
        sessionId,
        title,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        capacity: 10,
        creditCost: 0,
      });
      await ok(miaPhone, 'signup.create', { sessionId });
      return sessionId;
    };
    const first = await session('Morning run');
    const second = await session('Evening run');

    await ok(owner, 'session.cancel', { sessionId: first, reason: 'Storm warning' });
    await server.notifications.runNow();
    const [mail] = await peer.waitForMessages(1);
    expect(mail!.subject).toBe('Cancelled: Morning run');
    expect(mail!.text).toContain('The reason given: Storm warning');

    // The mail program's one click, on the link the mail's header carries.
    const header = mail!.raw.split('\r\n\r\n')[0]!.replace(/\r\n\s+/g, ' ');
    const link = /List-Unsubscribe: <([^>]+)>/.exec(header)![1]!;
    expect(link).toMatch(/^https:\/\/turnout\.example\.org\/unsubscribe\//);
    const answer = await fetch(new URL(new URL(link).pathname, server.localUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(answer.status).toBe(200);

    await ok(owner, 'session.cancel', { sessionId: second });
    await server.notifications.runNow();
    const queued = await server.deps.db
      .selectFrom('mail_queue')
      .select(['kind', 'data'])
      .where('to', '=', 'mia@example.org')
      .where('kind', '=', 'session_cancelled')
      .execute();
    expect(queued.map((q) => JSON.parse(q.data).sessionTitle)).toEqual(['Morning run']);
    // Still told in the app: the notification is there, only the mail is off.
    const told = await server.deps.db
      .selectFrom('notifications')
      .select('kind')
      .where('member_id', '=', mia.memberId)
      .where('kind', '=', 'session_cancelled')
      .execute();
    expect(told).toHaveLength(2);
    expect(peer.messages.map((m) => m.subject)).toEqual(['Cancelled: Morning run']);
  });
});
