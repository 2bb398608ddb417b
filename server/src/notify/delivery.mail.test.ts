import { randomUUID } from 'node:crypto';
import type { MutationArgsInput, MutationName } from '@turnout/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailingServer } from '../test/account-mail.js';
import { Device } from '../test/devices.js';
import { addMember, setUpAnotherClub, setUpClub, type TestServer } from '../test/harness.js';
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

/** The first mail to `to` with `subject`, waiting for it as mails arrive. */
async function mailTo(to: string, subject: string) {
  for (let count = 1; ; count++) {
    const mails = await peer.waitForMessages(count, 20_000);
    const found = mails.find((m) => m.to.includes(to) && m.subject === subject);
    if (found) return found;
  }
}

async function ok<N extends MutationName>(device: Device, name: N, args: MutationArgsInput<N>) {
  const result = await device.send(name, args);
  if (result.status !== 'applied') throw new Error(`${name}: ${result.code} ${result.message}`);
}

describe('a notification by mail, end to end', () => {
  it('a waiter promoted and charged under at_signup gets one mail in her language, with the charge', async () => {
    const club = await setUpClub(server, 'Studio Nord');
    const anna = await addMember(server, club, 'member', 'anna@example.org');
    const greta = await addMember(server, club, 'member', 'greta@example.org');
    await greta.client.api.account.updateProfile.mutate({ locale: 'de' });

    const owner = new Device(club.owner, club.clubId, 'Office');
    const annaPhone = new Device(anna.client, club.clubId, 'Anna');
    const gretaPhone = new Device(greta.client, club.clubId, 'Greta');
    await ok(owner, 'club.updateSettings', { creditPolicy: 'at_signup' });
    const templateId = randomUUID();
    await ok(owner, 'template.create', {
      templateId,
      names: { en: 'Ten classes' },
      sessions: 10,
      priceMinor: 10000,
      currency: 'EUR',
      validityDays: 90,
    });
    for (const memberId of [anna.memberId, greta.memberId]) {
      await ok(owner, 'pass.grant', { passId: randomUUID(), memberId, templateId });
    }
    const sessionId = randomUUID();
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    startsAt.setUTCHours(17, 0, 0, 0);
    await ok(owner, 'session.create', {
      sessionId,
      title: 'Abendyoga',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      capacity: 1,
    });
    await ok(annaPhone, 'signup.create', { sessionId });
    await ok(gretaPhone, 'signup.create', { sessionId });
    // Anna's place frees up: Greta moves up from the waitlist and is charged.
    await ok(annaPhone, 'signup.cancel', { sessionId });

    await server.notifications.runNow();
    // Both were told of their pass too (pass_granted mails by default): wait for the promotion.
    const mail = await mailTo('greta@example.org', 'Du hast einen Platz: Abendyoga');
    expect(mail!.subject).toBe('Du hast einen Platz: Abendyoga');
    expect(mail!.text).toContain('Du bist von der Warteliste nachgerückt');
    expect(mail!.text).toContain('1 Einheit wurde abgebucht.');
    expect(mail!.text).toContain(`https://turnout.example.org/sessions/${sessionId}`);

    // Once: another pass of the loop queues nothing more.
    await server.notifications.runNow();
    const queued = await server.deps.db
      .selectFrom('mail_queue')
      .select(['kind', 'to', 'locale'])
      .where('kind', '=', 'promoted')
      .execute();
    expect(queued).toEqual([{ kind: 'promoted', to: 'greta@example.org', locale: 'de' }]);
    expect(
      peer.messages.filter((m) => m.subject === 'Du hast einen Platz: Abendyoga'),
    ).toHaveLength(1);
  });

  it('a child promoted from the waitlist: their guardian gets the mail, naming the child', async () => {
    const club = await setUpAnotherClub(server, 'Judo Süd', {
      name: 'Otto Owner',
      email: 'otto@example.org',
    });
    const anna = await addMember(server, club, 'member', 'anna.judo@example.org');
    const mia = await addMember(server, club, 'member', 'mia.judo@example.org');
    await mia.client.api.account.updateProfile.mutate({ locale: 'de' });

    const owner = new Device(club.owner, club.clubId, 'Office');
    const annaPhone = new Device(anna.client, club.clubId, 'Anna');
    const miaPhone = new Device(mia.client, club.clubId, 'Mia');
    const ben = randomUUID();
    await ok(miaPhone, 'dependant.add', { dependantId: ben, name: 'Ben' });
    const sessionId = randomUUID();
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    startsAt.setUTCHours(9, 0, 0, 0);
    await ok(owner, 'session.create', {
      sessionId,
      title: 'Kinderjudo',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      capacity: 1,
    });
    await ok(annaPhone, 'signup.create', { sessionId });
    await ok(miaPhone, 'signup.create', { sessionId, memberId: ben });
    // Anna's place frees up: Ben moves up from the waitlist.
    await ok(annaPhone, 'signup.cancel', { sessionId });

    await server.notifications.runNow();
    const mail = await mailTo('mia.judo@example.org', 'Ben hat einen Platz: Kinderjudo');
    expect(mail!.text).toMatch(/^Hallo mia\.judo,/);
    expect(mail!.text).toContain('Ben ist von der Warteliste nachgerückt');
    expect(mail!.text).toContain(`https://turnout.example.org/sessions/${sessionId}`);

    await server.notifications.runNow();
    const queued = await server.deps.db
      .selectFrom('mail_queue')
      .select(['to', 'locale'])
      .where('kind', '=', 'promoted')
      .where('club_id', '=', club.clubId)
      .execute();
    // The child's own placeholder address is never mailed; the guardian is, once.
    expect(queued).toEqual([{ to: 'mia.judo@example.org', locale: 'de' }]);
  });
});
