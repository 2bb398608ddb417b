import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db/connection.js';
import { mailConfigured, queueMail, sweepMailQueue } from './queue.js';

let db: Db;

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-mail-'));
  db = openDatabase(path.join(dir, 'turnout.db')).db;
  await migrateToLatest(db);
});
afterEach(async () => {
  await db.destroy();
});

const reset = {
  to: 'ada@example.org',
  locale: 'de',
  kind: 'password_reset' as const,
  data: { name: 'Ada', link: 'https://club.example.org/reset/x', expiresMinutes: 30 },
};

describe('the mail queue', () => {
  it('queues a row that is due at once', async () => {
    expect(await queueMail(db, reset)).toBe(true);
    const rows = await db.selectFrom('mail_queue').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ to: 'ada@example.org', locale: 'de', attempts: 0 });
    expect(JSON.parse(rows[0]!.data)).toEqual(reset.data);
    expect(rows[0]!.sent_at).toBeNull();
  });

  it('queues one mail for a dedupe key however often it is queued', async () => {
    expect(await queueMail(db, { ...reset, dedupeKey: 'reset:1' })).toBe(true);
    expect(await queueMail(db, { ...reset, dedupeKey: 'reset:1' })).toBe(false);
    expect(await queueMail(db, reset)).toBe(true);
    expect(await queueMail(db, reset)).toBe(true);
    const count = await db
      .selectFrom('mail_queue')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(3);
  });

  it('queues with the transaction it is given, and nothing when that rolls back', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await queueMail(trx, reset);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.selectFrom('mail_queue').selectAll().execute()).toHaveLength(0);
  });

  it('refuses what no caller should queue', async () => {
    await expect(queueMail(db, { ...reset, to: 'not an address' })).rejects.toThrow();
    await expect(
      queueMail(db, { ...reset, kind: 'newsletter' as unknown as 'password_reset' }),
    ).rejects.toThrow();
    await expect(queueMail(db, { ...reset, data: { big: 'x'.repeat(4001) } })).rejects.toThrow();
  });

  it('is configured only with a server and a sender', () => {
    expect(mailConfigured({ smtpUrl: undefined, mailFrom: undefined })).toBe(false);
    expect(mailConfigured({ smtpUrl: 'smtp://mail:25', mailFrom: 'Club <c@example.org>' })).toBe(
      true,
    );
  });

  it('gives up mail not sent for days and deletes what is past the retention', async () => {
    const day = 86_400_000;
    const now = new Date('2026-12-05T10:00:00.000Z');
    const ago = (days: number) => new Date(now.getTime() - days * day);
    await queueMail(db, { ...reset, dedupeKey: 'fresh' }, ago(1));
    await queueMail(db, { ...reset, dedupeKey: 'stale' }, ago(4));
    await queueMail(db, { ...reset, dedupeKey: 'old-sent' }, ago(31));
    await queueMail(db, { ...reset, dedupeKey: 'recent-sent' }, ago(10));
    await db
      .updateTable('mail_queue')
      .set({ sent_at: ago(9).toISOString() })
      .where('dedupe_key', 'in', ['old-sent', 'recent-sent'])
      .execute();
    expect(await sweepMailQueue(db, now)).toEqual({ givenUp: 1, deleted: 1 });
    const rows = await db
      .selectFrom('mail_queue')
      .select(['dedupe_key', 'failed_at', 'last_error'])
      .orderBy('dedupe_key')
      .execute();
    expect(rows).toEqual([
      { dedupe_key: 'fresh', failed_at: null, last_error: null },
      { dedupe_key: 'recent-sent', failed_at: null, last_error: null },
      { dedupe_key: 'stale', failed_at: now.toISOString(), last_error: 'not sent within 3 days' },
    ]);
  });
});
