import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.js';
import {
  aNotifyClub,
  openClockedStore,
  recordingDelivery,
  type ClockedStore,
} from '../test/notify-club.js';
import { deliverDue, type DeliveryDeps, type PushToUser } from './deliver.js';
import { setChoices } from './preferences.js';

const START = '2026-12-05T10:00:00.000Z';
const render: DeliveryDeps['render'] = (kind, locale, data) => ({
  subject: `${kind} (${locale})`,
  summary: `For ${String(data.name)} at ${String(data.clubName)}`,
});

let store: ClockedStore;
let delivery: ReturnType<typeof recordingDelivery>;
const depsOf = (over: Partial<DeliveryDeps> = {}) => delivery.depsOf(over);

async function mails() {
  return store.db.selectFrom('mail_queue').selectAll().orderBy('created_at').execute();
}

async function undelivered() {
  return store.db
    .selectFrom('notifications')
    .select(['id', 'delivery_claimed_until'])
    .where('delivered_at', 'is', null)
    .execute();
}

beforeEach(async () => {
  store = await openClockedStore(START);
  delivery = recordingDelivery(store, render);
});
afterEach(async () => {
  await store.db.destroy();
});

describe('delivering notifications', () => {
  it('queues one mail and one push per notification, in the person’s language, once', async () => {
    const club = await aNotifyClub(store, { locales: ['de', 'en'] });
    const anna = await club.member('Anna', { locale: 'en' });
    const bert = await club.member('Bert');
    const session = await club.session('2026-12-06T17:00:00.000Z', { title: 'Yoga' });
    await club.notify(anna.memberId, 'promoted', { credits: 1 }, session.id);
    const bertsId = await club.notify(bert.memberId, 'session_cancelled', { reason: 'Ill' });

    expect(await deliverDue(depsOf())).toBe(2);
    expect(await deliverDue(depsOf())).toBe(0);

    const queued = await mails();
    expect(queued.map((m) => [m.to, m.kind, m.locale])).toEqual([
      [anna.email, 'promoted', 'en'],
      // No language of his own: the club's main language.
      [bert.email, 'session_cancelled', 'de'],
    ]);
    expect(JSON.parse(queued[0]!.data)).toMatchObject({
      credits: 1,
      sessionId: session.id,
      sessionTitle: 'Yoga',
      startsAt: session.startsAt,
      name: 'Anna',
      clubName: 'Studio Nord',
      timezone: 'Europe/Berlin',
      link: `https://club.example.org/sessions/${session.id}`,
    });
    expect(queued[1]!.dedupe_key).toBe(`notification:${bertsId}`);
    expect(delivery.pushed).toEqual([
      {
        userId: anna.userId,
        title: 'promoted (en)',
        body: 'For Anna at Studio Nord',
        url: `/sessions/${session.id}`,
        tag: expect.any(String),
      },
      expect.objectContaining({ userId: bert.userId, url: '/notifications', tag: bertsId }),
    ]);
    expect(await undelivered()).toEqual([]);
  });

  it('follows each person’s choices: email off, no mail; push off, no push', async () => {
    const club = await aNotifyClub(store);
    const noMail = await club.member('No mail');
    const noPush = await club.member('No push');
    await setChoices(store.db, noMail.userId, {
      promoted: { in_app: true, email: false, push: true },
    });
    await setChoices(store.db, noPush.userId, {
      promoted: { in_app: true, email: true, push: false },
    });
    await club.notify(noMail.memberId, 'promoted');
    await club.notify(noPush.memberId, 'promoted');
    // spot_open mails nobody by default (and pushes: push is off for promoted only).
    await club.notify(noPush.memberId, 'spot_open');

    await deliverDue(depsOf());

    expect((await mails()).map((m) => [m.to, m.kind])).toEqual([[noPush.email, 'promoted']]);
    expect(delivery.pushed.map((p) => [p.userId, p.title])).toEqual([
      [noMail.userId, 'promoted (en)'],
      [noPush.userId, 'spot_open (en)'],
    ]);
    expect(await undelivered()).toEqual([]);
  });

  it('tells removed members and unmailable guests nothing by mail, and mails nobody without SMTP', async () => {
    const club = await aNotifyClub(store);
    const gone = await club.member('Gone');
    const guest = await club.member('Guest', { email: 'guest-1@guests.invalid' });
    await club.notify(gone.memberId, 'promoted');
    await club.remove(gone.memberId);
    await club.notify(guest.memberId, 'promoted');
    await deliverDue(depsOf());
    expect(await mails()).toEqual([]);
    // The guest's account cannot log in, so has no subscription; push is asked anyway.
    expect(delivery.pushed.map((p) => p.userId)).toEqual([guest.userId]);

    const someone = await club.member('Someone');
    await club.notify(someone.memberId, 'promoted');
    await deliverDue(depsOf({ config: { smtpUrl: undefined, mailFrom: undefined } }));
    expect(await mails()).toEqual([]);
    expect(delivery.pushed.map((p) => p.userId)).toEqual([guest.userId, someone.userId]);
  });

  it('closes rows too late to tell: about a session that started, or made over 8 days ago', async () => {
    const club = await aNotifyClub(store);
    const late = await club.member('Late');
    const started = await club.session('2026-12-05T09:30:00.000Z', { title: 'Started' });
    const coming = await club.session('2026-12-09T09:30:00.000Z', { title: 'Coming' });
    await club.notify(late.memberId, 'spot_open', { startsAt: started.startsAt }, started.id);
    // Made offline two days ago and synced only now: still told.
    await club.change({
      notifications: [
        {
          memberId: late.memberId,
          kind: 'session_cancelled',
          sessionId: coming.id,
          data: { startsAt: coming.startsAt, sessionTitle: 'Coming', reason: null },
          at: '2026-12-03T10:00:00.000Z',
        },
        {
          memberId: late.memberId,
          kind: 'pass_granted',
          sessionId: null,
          data: {},
          at: '2026-11-26T09:59:59.000Z',
        },
      ],
    });
    expect(await deliverDue(depsOf())).toBe(3);
    expect((await mails()).map((m) => m.kind)).toEqual(['session_cancelled']);
    expect(delivery.pushed.map((p) => p.url)).toEqual([`/sessions/${coming.id}`]);
    expect(await undelivered()).toEqual([]);
  });

  it('after a crash mid-delivery, delivers the row again once its lease runs out, mailing once', async () => {
    const club = await aNotifyClub(store);
    const anna = await club.member('Anna');
    await club.notify(anna.memberId, 'promoted');
    // The mail is queued, then the server dies before the push and before marking the row.
    const dying: PushToUser = async () => {
      throw new Error('killed');
    };
    expect(await deliverDue(depsOf({ push: dying }))).toBe(0);
    expect(await mails()).toHaveLength(1);
    const [claimed] = await undelivered();
    expect(claimed?.delivery_claimed_until).toBe('2026-12-05T10:05:00.000Z');

    // Another server, while the lease holds: the row is not its to take.
    store.setNow('2026-12-05T10:04:59.000Z');
    expect(await deliverDue(depsOf())).toBe(0);
    expect(delivery.pushed).toEqual([]);

    store.setNow('2026-12-05T10:05:00.000Z');
    expect(await deliverDue(depsOf())).toBe(1);
    expect(delivery.pushed.map((p) => p.userId)).toEqual([anna.userId]);
    expect(await mails()).toHaveLength(1);
    expect(await undelivered()).toEqual([]);
  });

  it('two app servers on one database deliver every row exactly once', async () => {
    const club = await aNotifyClub(store);
    const people = [];
    for (let i = 0; i < 12; i++) people.push(await club.member(`Person ${i}`));
    for (const p of people) {
      await club.notify(p.memberId, 'promoted');
      await club.notify(p.memberId, 'pass_granted');
    }
    // A second connection to the same file, as a second app server has.
    const other = openDatabase(store.file);
    try {
      const a = depsOf();
      const b = depsOf({ db: other.db });
      let rounds = 0;
      for (;;) {
        const [x, y] = await Promise.all([
          deliverDue(a, { batch: 5 }),
          deliverDue(b, { batch: 5 }),
        ]);
        rounds++;
        if (x + y === 0) break;
      }
      expect(rounds).toBeGreaterThan(2);
    } finally {
      await other.db.destroy();
    }
    expect(delivery.pushed).toHaveLength(24);
    expect(new Set(delivery.pushed.map((p) => p.tag)).size).toBe(24);
    expect(await mails()).toHaveLength(24);
    expect(await undelivered()).toEqual([]);
  });
});
