import type { Poke } from '@turnout/shared';
import { aNewCreditLogEntry } from '@turnout/shared/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.js';
import { clubChanges } from '../sync/changes.js';
import { aNotifyClub, openClockedStore, type ClockedStore } from '../test/notify-club.js';
import { renderMessage } from '../mail/messages/render.js';
import { makeDueReminders } from './reminders.js';

let store: ClockedStore;

afterEach(async () => {
  await store.db.destroy();
});

async function reminders() {
  const rows = await store.db
    .selectFrom('notifications')
    .select(['member_id', 'kind', 'data', 'created_at', 'version', 'delivered_at'])
    .where('kind', 'in', ['session_reminder', 'pass_expiring'])
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

const make = () => makeDueReminders({ db: store.db, clock: store.clock });

describe('session reminders', () => {
  // Saturday 18:00 in Berlin (UTC+1 in December); the club reminds 2 hours before.
  const STARTS = '2026-12-05T17:00:00.000Z';

  it('are made once, when the club’s reminder time before the start is reached', async () => {
    store = await openClockedStore('2026-12-04T10:00:00.000Z');
    const club = await aNotifyClub(store, { sessionReminderMinutes: 120 });
    const anna = await club.member('Anna');
    const session = await club.session(STARTS, { title: 'Flow Yoga' });
    await club.signUp(session, anna.memberId, '2026-12-04T10:00:00.000Z');

    store.setNow('2026-12-05T14:59:59.999Z');
    expect(await make()).toBe(0);

    store.setNow('2026-12-05T15:00:00.000Z');
    const before = (
      await store.db.selectFrom('change_counter').select('version').executeTakeFirstOrThrow()
    ).version;
    const pokes = clubChanges(club.clubId, [anna.memberId]);
    const poked = pokes.next();
    expect(await make()).toBe(1);
    const poke = (await poked).value as Poke;
    expect(poke.scope?.members).toEqual([anna.memberId]);

    expect(await reminders()).toEqual([
      {
        member_id: anna.memberId,
        kind: 'session_reminder',
        data: { sessionTitle: 'Flow Yoga', startsAt: STARTS, sessionId: session.id },
        created_at: '2026-12-05T15:00:00.000Z',
        version: before + 1,
        // Delivered by the dispatcher like any notification.
        delivered_at: null,
      },
    ]);
    expect(poke.version).toBe(before + 1);
    await pokes.return(undefined);

    store.setNow('2026-12-05T16:30:00.000Z');
    expect(await make()).toBe(0);
    expect(await reminders()).toHaveLength(1);
  });

  it('are not made for cancelled sessions, withdrawn or waiting sign-ups, removed members, late sign-ups, or when the club turned them off', async () => {
    store = await openClockedStore('2026-12-04T10:00:00.000Z');
    const club = await aNotifyClub(store, { sessionReminderMinutes: 120 });
    const [withdrawn, waiting, removed, late, kept] = await Promise.all(
      ['Withdrawn', 'Waiting', 'Removed', 'Late', 'Kept'].map((n) => club.member(n)),
    );
    const cancelled = await club.session(STARTS, { title: 'Cancelled' });
    const held = await club.session(STARTS, { title: 'Held' });
    await club.signUp(cancelled, kept!.memberId, '2026-12-04T10:00:00.000Z');
    await club.change({ sessions: [{ ...cancelled, status: 'cancelled', cancelReason: 'Ill' }] });
    const out = await club.signUp(held, withdrawn!.memberId, '2026-12-04T10:00:00.000Z');
    await club.change({ signups: [{ ...out, status: 'cancelled' }] });
    const wait = await club.signUp(held, waiting!.memberId, '2026-12-04T10:00:00.000Z');
    await club.change({ signups: [{ ...wait, status: 'waitlisted', position: 1 }] });
    await club.signUp(held, removed!.memberId, '2026-12-04T10:00:00.000Z');
    await club.remove(removed!.memberId);
    // Signed up after the reminder time: they have just chosen it.
    await club.signUp(held, late!.memberId, '2026-12-05T15:30:00.000Z');
    await club.signUp(held, kept!.memberId, '2026-12-04T10:00:00.000Z');

    const other = await aNotifyClub(store, { sessionReminderMinutes: 0 }, 'No reminders');
    const someone = await other.member('Someone');
    await other.signUp(await other.session(STARTS), someone.memberId, '2026-12-04T10:00:00.000Z');

    store.setNow('2026-12-05T16:00:00.000Z');
    expect(await make()).toBe(1);
    expect((await reminders()).map((r) => [r.member_id, r.data.sessionTitle])).toEqual([
      [kept!.memberId, 'Held'],
    ]);
  });

  it('is made once when two app servers run the job at the same moment', async () => {
    store = await openClockedStore('2026-12-04T10:00:00.000Z');
    const club = await aNotifyClub(store);
    const session = await club.session(STARTS);
    for (let i = 0; i < 20; i++) {
      const m = await club.member(`M${i}`);
      await club.signUp(session, m.memberId, '2026-12-04T10:00:00.000Z');
    }
    store.setNow('2026-12-05T15:30:00.000Z');
    const other = openDatabase(store.file);
    try {
      const made = await Promise.all([
        makeDueReminders({ db: store.db, clock: store.clock }, { batch: 7 }),
        makeDueReminders({ db: other.db, clock: store.clock }, { batch: 7 }),
        makeDueReminders({ db: store.db, clock: store.clock }, { batch: 7 }),
        makeDueReminders({ db: other.db, clock: store.clock }, { batch: 7 }),
      ]);
      const rest = await make();
      expect(made.reduce((a, b) => a + b, 0) + rest).toBe(20);
    } finally {
      await other.db.destroy();
    }
    expect(await reminders()).toHaveLength(20);
    expect(await make()).toBe(0);
  });
});

describe('pass expiry reminders', () => {
  it('come at 09:00 in the club’s zone the set number of days before, across a clock change', async () => {
    // Granted for 10 days on 17 October: valid through 27 October. Berlin leaves
    // summer time on 25 October; the reminder day, 24 October, is still UTC+2.
    store = await openClockedStore('2026-10-17T10:00:00.000Z');
    const club = await aNotifyClub(store, { passExpiryReminderDays: 3 });
    const anna = await club.member('Anna');
    const passId = await club.grant(anna.memberId, { sessions: 10, validityDays: 10 });
    const expiresOn = (
      await store.db
        .selectFrom('passes')
        .select('expires_on')
        .where('id', '=', passId)
        .executeTakeFirstOrThrow()
    ).expires_on;
    expect(expiresOn).toBe('2026-10-27');

    store.setNow('2026-10-24T06:59:59.999Z');
    expect(await make()).toBe(0);
    store.setNow('2026-10-24T07:00:00.000Z');
    expect(await make()).toBe(1);
    expect(await make()).toBe(0);
    const [reminder] = await reminders();
    expect(reminder).toMatchObject({
      member_id: anna.memberId,
      kind: 'pass_expiring',
      data: { passId, expiresOn: '2026-10-27', credits: 10, sessionId: null },
    });
  });

  it('are made for a membership by time (no credits, it expires by date), saying so in the mail', async () => {
    store = await openClockedStore('2026-12-01T10:00:00.000Z');
    const club = await aNotifyClub(store, { passExpiryReminderDays: 3 });
    const anna = await club.member('Anna');
    const passId = await club.grant(anna.memberId, { sessions: 0, validityDays: 10, time: true });
    store.setNow('2026-12-08T08:00:00.000Z');
    expect(await make()).toBe(1);
    const [reminder] = await reminders();
    expect(reminder).toMatchObject({
      kind: 'pass_expiring',
      data: { passId, expiresOn: '2026-12-11', credits: 0, unlimited: 1 },
    });
    const mail = renderMessage('pass_expiring', 'en', {
      ...(reminder!.data as Record<string, string | number | null>),
      passName: 'Unlimited month',
    });
    expect(mail.summary).toBe(
      'Unlimited month is valid until December 11, 2026: unlimited sessions until then.',
    );
    expect(mail.text).toContain('Renew it before then to keep coming.');
  });

  it('are not made for passes without credits, inactive or lapsed ones, or when the club turned them off', async () => {
    store = await openClockedStore('2026-12-01T10:00:00.000Z');
    const club = await aNotifyClub(store, { passExpiryReminderDays: 3 });
    const [empty, inactive, kept] = await Promise.all(
      ['Empty', 'Inactive', 'Kept'].map((n) => club.member(n)),
    );
    const emptyPass = await club.grant(empty!.memberId, { sessions: 2, validityDays: 10 });
    await club.change({
      creditLog: [
        aNewCreditLogEntry({
          passId: emptyPass,
          memberId: empty!.memberId,
          delta: -2,
          kind: 'charged_adjustment',
          balanceAfter: 0,
          byMemberId: club.ownerMemberId,
          at: '2026-12-01T11:00:00.000Z',
        }),
      ],
    });
    const inactivePass = await club.grant(inactive!.memberId, { sessions: 2, validityDays: 10 });
    await store.db
      .updateTable('passes')
      .set({ active: 0 })
      .where('id', '=', inactivePass)
      .execute();
    await club.grant(kept!.memberId, { sessions: 2, validityDays: 10 });
    // Valid through 6 December, but the job first runs after that (the server was down).
    const lapsed = await club.member('Lapsed');
    await club.grant(lapsed.memberId, { sessions: 2, validityDays: 5 });

    const off = await aNotifyClub(store, { passExpiryReminderDays: 0 }, 'Off');
    await off.grant((await off.member('Someone')).memberId, { sessions: 2, validityDays: 10 });

    // Valid through 11 December: reminded from the 8th.
    store.setNow('2026-12-09T12:00:00.000Z');
    expect(await make()).toBe(1);
    expect((await reminders()).map((r) => r.member_id)).toEqual([kept!.memberId]);
  });
});
