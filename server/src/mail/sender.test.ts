import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db/connection.js';
import { setChoice } from '../notify/preferences.js';
import { startSmtpPeer, type SmtpPeer } from '../test/smtp-peer.js';
import { queueMail, type MailToQueue } from './queue.js';
import {
  backoffAfter,
  createMailSender,
  type MailSender,
  type MailSenderOptions,
} from './sender.js';

const logger = pino({ level: 'silent' });
const baseUrl = 'https://club.example.org';
let file: string;
let db: Db;
let now: Date;
const others: Db[] = [];
const senders: MailSender[] = [];
const peers: SmtpPeer[] = [];

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-mail-'));
  file = path.join(dir, 'turnout.db');
  db = openDatabase(file).db;
  await migrateToLatest(db);
  now = new Date('2026-12-05T10:00:00.000Z');
  await db
    .insertInto('users')
    .values({
      id: 'u-ada',
      email: 'ada@example.org',
      name: 'Ada',
      password_hash: 'x',
      created_at: now.toISOString(),
      locale: 'de',
    })
    .execute();
});
afterEach(async () => {
  await Promise.all(senders.splice(0).map((s) => s.stop()));
  await Promise.all(peers.splice(0).map((p) => p.stop()));
  await Promise.all(others.splice(0).map((d) => d.destroy()));
  await db.destroy();
});

async function peer(port?: number): Promise<SmtpPeer> {
  const p = await startSmtpPeer(port === undefined ? {} : { port });
  peers.push(p);
  return p;
}

function sender(smtpUrl: string, options: MailSenderOptions = {}, on: Db = db): MailSender {
  const s = createMailSender(
    {
      db: on,
      config: { smtpUrl, mailFrom: 'Hill Gym <club@example.org>' },
      logger,
      clock: () => now,
      baseUrl,
    },
    options,
  );
  senders.push(s);
  return s;
}

const cancelled: MailToQueue = {
  to: 'ada@example.org',
  locale: 'de',
  kind: 'session_cancelled',
  userId: 'u-ada',
  data: {
    name: 'Ada',
    clubName: 'Hill Gym',
    timezone: 'Europe/Berlin',
    sessionTitle: 'Yoga',
    startsAt: '2026-12-07T17:00:00.000Z',
    reason: 'Coach is ill',
    link: `${baseUrl}/sessions/s1`,
  },
};

const row = (id?: string) =>
  id
    ? db.selectFrom('mail_queue').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    : db.selectFrom('mail_queue').selectAll().executeTakeFirstOrThrow();

describe('the mail sender', () => {
  it('sends a queued mail once, in the person’s language, text and HTML, with its links', async () => {
    const smtp = await peer();
    await queueMail(db, cancelled, now);
    const s = sender(smtp.url);
    expect(await s.runOnce()).toBe(1);
    expect(await s.runOnce()).toBe(0);
    const [mail] = await smtp.waitForMessages(1);
    expect(smtp.messages).toHaveLength(1);
    expect(mail!.to).toEqual(['ada@example.org']);
    expect(mail!.from).toBe('club@example.org');
    expect(mail!.subject).toBe('Abgesagt: Yoga');
    expect(mail!.text).toContain('Yoga am Montag, 7. Dezember um 18:00 wurde abgesagt.');
    expect(mail!.text).toContain('Der angegebene Grund: Coach is ill');
    expect(mail!.html).toContain(`href="${baseUrl}/sessions/s1"`);
    expect(mail!.headers.get('content-language')).toBe('de');
    const sent = await row();
    expect(mail!.messageId).toBe(`<${sent.id}@club.example.org>`);
    expect(sent).toMatchObject({ attempts: 1, sent_at: now.toISOString(), claimed_by: null });

    // One-click unsubscribe (RFC 8058), the same link as in the text.
    const unsubscribe = /\/unsubscribe\/[^\s>]+/.exec(mail!.text)![0];
    const headers = mail!.raw.split('\r\n\r\n')[0]!.replace(/\r\n\s+/g, ' ');
    expect(headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(headers).toContain(`List-Unsubscribe: <${baseUrl}${unsubscribe}>`);
  });

  it('logs in with the user and password of SMTP_URL', async () => {
    const smtp = await peer();
    await queueMail(db, cancelled, now);
    const s = sender(`smtp://club%40example.org:p%40ss%3Aword@127.0.0.1:${smtp.port}`);
    expect(await s.runOnce()).toBe(1);
    await smtp.waitForMessages(1);
    expect(smtp.logins).toEqual([{ user: 'club@example.org', password: 'p@ss:word' }]);
  });

  it('keeps mail queued with backoff while the mail server is down, and sends it once when it is back', async () => {
    const smtp = await peer();
    const port = smtp.port;
    await smtp.stop();
    peers.splice(0);
    await queueMail(db, cancelled, now);
    const s = sender(`smtp://127.0.0.1:${port}`, { backoffMs: 60_000 });

    expect(await s.runOnce()).toBe(0);
    let r = await row();
    expect(r).toMatchObject({ attempts: 1, sent_at: null, failed_at: null, claimed_by: null });
    expect(r.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(r.next_attempt_at).toBe(new Date(now.getTime() + 60_000).toISOString());

    // Not due yet: not tried again.
    expect(await s.runOnce()).toBe(0);
    expect((await row()).attempts).toBe(1);

    // Still down at the next try: the wait doubles.
    now = new Date(now.getTime() + 60_000);
    expect(await s.runOnce()).toBe(0);
    r = await row();
    expect(r.attempts).toBe(2);
    expect(r.next_attempt_at).toBe(new Date(now.getTime() + 120_000).toISOString());

    const back = await peer(port);
    now = new Date(now.getTime() + 120_000);
    expect(await s.runOnce()).toBe(1);
    expect(await s.runOnce()).toBe(0);
    await back.waitForMessages(1);
    expect(back.messages).toHaveLength(1);
    expect((await row()).sent_at).toBe(now.toISOString());
  });

  it('caps the backoff', () => {
    const o = { backoffMs: 60_000, maxBackoffMs: 3_600_000 };
    expect([1, 2, 3, 6, 7, 50].map((n) => backoffAfter(n, o))).toEqual([
      60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });

  it('retries a deferral, gives up on a refused recipient at once and on anything after the last try', async () => {
    const smtp = await peer();
    smtp.refuseRecipients({ code: 451, message: 'Try again later' });
    await queueMail(db, cancelled, now);
    const s = sender(smtp.url, { maxAttempts: 2 });
    await s.runOnce();
    expect(await row()).toMatchObject({ attempts: 1, failed_at: null });
    now = new Date(now.getTime() + backoffAfter(1));
    await s.runOnce();
    const given = await row();
    expect(given).toMatchObject({ attempts: 2, failed_at: now.toISOString(), sent_at: null });
    expect(given.last_error).toMatch(/451/);

    smtp.refuseRecipients({ code: 550, message: 'No such mailbox' });
    await queueMail(db, { ...cancelled, to: 'gone@example.org' }, now);
    await s.runOnce();
    const refused = await db
      .selectFrom('mail_queue')
      .selectAll()
      .where('to', '=', 'gone@example.org')
      .executeTakeFirstOrThrow();
    expect(refused).toMatchObject({ attempts: 1, failed_at: now.toISOString() });
    expect(refused.last_error).toMatch(/550/);
    now = new Date(now.getTime() + 86_400_000);
    expect(await s.runOnce()).toBe(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it('never sends a row twice from two app servers on the same database', async () => {
    const smtp = await peer();
    const count = 40;
    for (let i = 0; i < count; i++) {
      await queueMail(
        db,
        { ...cancelled, data: { ...cancelled.data, sessionTitle: `Class ${i}` } },
        now,
      );
    }
    const second = openDatabase(file).db;
    others.push(second);
    const a = sender(smtp.url, { batch: 3 });
    const b = sender(smtp.url, { batch: 3 }, second);
    const [sentA, sentB] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(sentA + sentB).toBe(count);
    await smtp.waitForMessages(count);
    // Both took part, and every row reached the SMTP server exactly once.
    expect(sentA).toBeGreaterThan(0);
    expect(sentB).toBeGreaterThan(0);
    expect(new Set(smtp.messages.map((m) => m.subject)).size).toBe(count);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(count);
    expect(smtp.messages).toHaveLength(count);
  });

  it('claims a row again when its lease ran out (its sender died mid-send)', async () => {
    const smtp = await peer();
    await queueMail(db, cancelled, now);
    // A sender that claimed the row and was never heard of again.
    await db
      .updateTable('mail_queue')
      .set({
        claimed_by: 'dead-process',
        claimed_until: new Date(now.getTime() + 60_000).toISOString(),
        next_attempt_at: new Date(now.getTime() + 60_000).toISOString(),
        attempts: 1,
      })
      .execute();
    const s = sender(smtp.url);
    expect(await s.runOnce()).toBe(0);
    now = new Date(now.getTime() + 60_000);
    expect(await s.runOnce()).toBe(1);
    await smtp.waitForMessages(1);
    expect(await row()).toMatchObject({ attempts: 2, claimed_by: null });
  });

  it('does not send a notification mail the person turned off after it was queued', async () => {
    const smtp = await peer();
    await queueMail(db, cancelled, now);
    await queueMail(db, { ...cancelled, kind: 'promoted' }, now);
    await setChoice(db, 'u-ada', 'session_cancelled', 'email', false, now);
    const s = sender(smtp.url);
    expect(await s.runOnce()).toBe(1);
    await smtp.waitForMessages(1);
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Du hast einen Platz: Yoga']);
    const off = await db
      .selectFrom('mail_queue')
      .selectAll()
      .where('kind', '=', 'session_cancelled')
      .executeTakeFirstOrThrow();
    expect(off.failed_at).not.toBeNull();
  });

  it('stops while the mail server never answers, leaving the mail queued', async () => {
    const smtp = await peer();
    smtp.stallData(true);
    await queueMail(db, cancelled, now);
    const s = sender(smtp.url, { stopGraceMs: 100 });
    s.start();
    await smtp.waitForData(1);
    await s.stop();
    const r = await row();
    expect(r).toMatchObject({ sent_at: null, failed_at: null, claimed_by: null, attempts: 1 });
    expect(r.last_error).toMatch(/abort/i);
    expect(smtp.messages).toHaveLength(0);
  });

  it('sends mail queued in this process without waiting for the next poll', async () => {
    const smtp = await peer();
    const s = sender(smtp.url, { pollMs: 3_600_000 });
    s.start();
    await queueMail(db, { ...cancelled, kind: 'password_reset', userId: null }, now);
    await smtp.waitForMessages(1);
    expect(smtp.messages[0]!.subject).toBe('Setze dein Turnout-Passwort zurück');
    // Account mail has no unsubscribe link.
    expect(smtp.messages[0]!.headers.get('list-unsubscribe')).toBeUndefined();
  });
});
