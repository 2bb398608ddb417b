import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderMessage } from '../mail/messages/render.js';
import {
  aNotifyClub,
  openClockedStore,
  recordingDelivery,
  type ClockedStore,
} from '../test/notify-club.js';
import { deliverDue, type DeliveryDeps } from './deliver.js';
import { setChoices } from './preferences.js';
import { makeDueReminders } from './reminders.js';

/**
 * A child has no login (docs/decisions.md "Dependants"): what the rules and
 * the reminder job address to them reaches their guardian instead, in the
 * guardian's language and as the guardian chose, naming the child.
 */

const START = '2026-12-04T10:00:00.000Z';
// Saturday 10:00 in Berlin; the club reminds 2 hours before (from 08:00 UTC).
const JUDO = '2026-12-05T09:00:00.000Z';
const render: DeliveryDeps['render'] = renderMessage;

let store: ClockedStore;
let delivery: ReturnType<typeof recordingDelivery>;
const depsOf = (over: Partial<DeliveryDeps> = {}) => delivery.depsOf(over);

async function mails() {
  const rows = await store.db.selectFrom('mail_queue').selectAll().orderBy('created_at').execute();
  return rows.map((m) => ({ ...m, data: JSON.parse(m.data) as Record<string, unknown> }));
}

beforeEach(async () => {
  store = await openClockedStore(START);
  delivery = recordingDelivery(store, render);
});
afterEach(async () => {
  await store.db.destroy();
});

describe('a child’s notifications', () => {
  it('a reminder of the child’s session reaches the guardian, naming the child, not the child', async () => {
    const club = await aNotifyClub(store, { sessionReminderMinutes: 120, locales: ['de', 'en'] });
    const mia = await club.member('Mia', { locale: 'en' });
    const ben = await club.child(mia.memberId, 'Ben');
    const judo = await club.session(JUDO, { title: 'Judo' });
    await club.signUp(judo, ben, START);
    await setChoices(store.db, mia.userId, {
      session_reminder: { in_app: true, email: true, push: true },
    });

    store.setNow('2026-12-05T07:00:00.000Z');
    expect(await makeDueReminders({ db: store.db, clock: store.clock })).toBe(1);
    expect(await deliverDue(depsOf())).toBe(1);

    const when = 'Saturday, December 5 at 10:00 AM';
    expect(delivery.pushed).toEqual([
      {
        userId: mia.userId,
        title: `Reminder for Ben: Judo, ${when}`,
        body: `Ben has a place in Judo on ${when}.`,
        url: `/sessions/${judo.id}`,
        tag: expect.any(String),
      },
    ]);
    const [mail, ...more] = await mails();
    expect(more).toEqual([]);
    expect(mail).toMatchObject({
      to: mia.email,
      user_id: mia.userId,
      kind: 'session_reminder',
      locale: 'en',
      data: { name: 'Mia', dependantName: 'Ben', sessionTitle: 'Judo' },
    });
    const text = renderMessage('session_reminder', mail!.locale, mail!.data as never).text;
    expect(text).toMatch(/^Hello Mia,\n\nA reminder: Ben has a place in Judo on Saturday/);
    expect(text).toContain('If Ben cannot come, sign them out in the app');
  });

  it('a promotion from the waitlist reaches the guardian in the guardian’s language', async () => {
    const club = await aNotifyClub(store, { locales: ['en', 'de'] });
    const mia = await club.member('Mia', { locale: 'de' });
    const ben = await club.child(mia.memberId, 'Ben');
    const judo = await club.session(JUDO, { title: 'Judo' });
    // As fillFreedSpots writes it when Ben moves up.
    await club.notify(
      ben,
      'promoted',
      { sessionTitle: 'Judo', startsAt: JUDO, credits: 1 },
      judo.id,
    );

    expect(await deliverDue(depsOf())).toBe(1);

    expect(delivery.pushed.map((p) => [p.userId, p.title, p.body])).toEqual([
      [
        mia.userId,
        'Ben hat einen Platz: Judo',
        'Ben ist von der Warteliste nachgerückt und hat einen Platz in Judo am Samstag, 5. Dezember um 10:00. 1 Einheit wurde abgebucht.',
      ],
    ]);
    expect((await mails()).map((m) => [m.to, m.kind, m.locale, m.data.dependantName])).toEqual([
      [mia.email, 'promoted', 'de', 'Ben'],
    ]);
  });

  it('a guardian removed from the club, or whose tie ended, is told nothing', async () => {
    const club = await aNotifyClub(store);
    const mia = await club.member('Mia');
    const tom = await club.member('Tom');
    const ben = await club.child(mia.memberId, 'Ben');
    const ida = await club.child(tom.memberId, 'Ida');
    const judo = await club.session(JUDO, { title: 'Judo' });
    await club.remove(mia.memberId);
    await club.notify(ben, 'promoted', {}, judo.id);
    await club.notify(ida, 'spot_open', {}, judo.id);
    await club.unlink(ida, tom.memberId);

    expect(await deliverDue(depsOf())).toBe(2);

    expect(delivery.pushed).toEqual([]);
    expect(await mails()).toEqual([]);
  });

  it('tells the guardian once per notification, beside their own, and each child by name', async () => {
    const club = await aNotifyClub(store, { sessionReminderMinutes: 120 });
    const mia = await club.member('Mia');
    const ben = await club.child(mia.memberId, 'Ben');
    const lea = await club.child(mia.memberId, 'Lea');
    const judo = await club.session(JUDO, { title: 'Judo' });
    for (const memberId of [mia.memberId, ben, lea]) await club.signUp(judo, memberId, START);

    store.setNow('2026-12-05T07:00:00.000Z');
    expect(await makeDueReminders({ db: store.db, clock: store.clock })).toBe(3);
    // A small batch: Mia's three reminders come in two passes, each told once.
    expect(await deliverDue(depsOf(), { batch: 2 })).toBe(2);
    expect(await deliverDue(depsOf(), { batch: 2 })).toBe(1);
    expect(await deliverDue(depsOf())).toBe(0);

    expect(delivery.pushed.every((p) => p.userId === mia.userId)).toBe(true);
    expect(delivery.pushed.map((p) => p.body.split(' ')[0]).sort()).toEqual(['Ben', 'Lea', 'You']);
    expect(new Set(delivery.pushed.map((p) => p.tag)).size).toBe(3);
  });

  it('follows the guardian’s own choices, and queues one mail per guardian and notification', async () => {
    const club = await aNotifyClub(store);
    const mia = await club.member('Mia');
    const tom = await club.member('Tom');
    const ben = await club.child(mia.memberId, 'Ben');
    const ida = await club.child(tom.memberId, 'Ida');
    const judo = await club.session(JUDO, { title: 'Judo' });
    await setChoices(store.db, mia.userId, {
      promoted: { in_app: true, email: false, push: false },
    });
    await club.notify(ben, 'promoted', {}, judo.id);
    const idas = await club.notify(ida, 'promoted', {}, judo.id);

    expect(await deliverDue(depsOf())).toBe(2);

    expect(delivery.pushed.map((p) => [p.userId, p.title])).toEqual([
      [tom.userId, 'Ida has a place: Judo'],
    ]);
    const queued = await mails();
    expect(queued.map((m) => [m.to, m.dedupe_key])).toEqual([
      [tom.email, `notification:${idas}:${tom.userId}`],
    ]);
  });

  it('finds the guardians of a whole batch in one query', async () => {
    const club = await aNotifyClub(store);
    const judo = await club.session(JUDO, { title: 'Judo' });
    const guardians = [await club.member('Mia'), await club.member('Tom')];
    for (const g of guardians) {
      for (const name of ['Ben', 'Lea', 'Ida']) {
        await club.notify(await club.child(g.memberId, name), 'promoted', {}, judo.id);
      }
      await club.notify(g.memberId, 'promoted', {}, judo.id);
    }
    let familyQueries = 0;
    const db = store.db.withPlugin({
      transformQuery: (args) => {
        if (JSON.stringify(args.node).includes('"dependants"')) familyQueries++;
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    });

    expect(await deliverDue(depsOf({ db }))).toBe(8);
    expect(familyQueries).toBe(1);
    expect(delivery.pushed).toHaveLength(8);
    expect(await deliverDue(depsOf({ db }))).toBe(0);
    expect(familyQueries).toBe(1);
  });

  it('a linked teen with their own account is told themselves, not their guardian', async () => {
    const club = await aNotifyClub(store);
    const mia = await club.member('Mia');
    const jonas = await club.member('Jonas');
    await club.link(jonas.memberId, mia.memberId);
    const judo = await club.session(JUDO, { title: 'Judo' });
    await club.notify(jonas.memberId, 'promoted', {}, judo.id);

    expect(await deliverDue(depsOf())).toBe(1);

    expect(delivery.pushed.map((p) => [p.userId, p.title])).toEqual([
      [jonas.userId, 'You have a place: Judo'],
    ]);
    expect((await mails()).map((m) => [m.to, m.data.dependantName])).toEqual([
      [jonas.email, undefined],
    ]);
  });
});
