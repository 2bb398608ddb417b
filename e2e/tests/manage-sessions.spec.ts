import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { addDaysToDate, clubDate, isoWeekday } from '@turnout/shared';
import { ManageSeriesPage } from '../pages/ManageSeriesPage';
import { ManageSessionsPage } from '../pages/ManageSessionsPage';
import { expectAccessible } from '../support/a11y';
import { passOf, SeededClub, type Person, type SessionRow } from '../support/club';
import { browserTimeZone } from '../support/env';
import { signedInContext } from '../support/phone';

const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A sync.push from the person's own "phone" (one mutation), which must be applied. */
async function pushAs(club: SeededClub, person: Person, name: string, args: object) {
  const clientId = randomUUID();
  const { results } = await person.api.mutate<{ results: { status: string; code?: string }[] }>(
    'sync.push',
    {
      clubId: club.id,
      clientId,
      mutations: [
        { id: randomUUID(), clientId, seq: 1, name, args, occurredAt: new Date().toISOString() },
      ],
    },
  );
  expect(results[0], `${name} by ${person.name}`).toMatchObject({ status: 'applied' });
}

type OccurrenceRow = SessionRow & {
  startsAt: string;
  seriesId: string | null;
  cancelReason: string | null;
};

test('an owner creates a weekly series and cancels one session a member signed up for; the credit goes back and the member is told', async ({
  browser,
}) => {
  const club = await SeededClub.create('Series Strength');
  // Under at_signup a sign-up takes the credit at once, so the cancellation has one to return.
  await club.updateSettings({ creditPolicy: 'at_signup' });
  const mia = await club.addPerson('Mia Member');
  const passId = await club.givePass(mia, 5);

  const title = 'Evening Strength';
  const today = clubDate(Date.now(), browserTimeZone);
  const first = addDaysToDate(today, 1);
  const second = addDaysToDate(today, 3);
  const until = addDaysToDate(today, 14);
  const weekdays = [isoWeekday(first), isoWeekday(second)];

  const owner = await signedInContext(browser, club.owner);
  try {
    const page = await owner.newPage();
    await page.setViewportSize({ width: 360, height: 780 });
    const seriesPage = new ManageSeriesPage(page);
    const sessionsPage = new ManageSessionsPage(page);

    await test.step('the owner finds weekly series under Manage', async () => {
      await page.goto('/');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Manage' })
        .click();
      await page.getByRole('link', { name: /^Weekly series/ }).click();
      await expect(seriesPage.heading).toBeVisible();
      await expect(seriesPage.list).toHaveCount(0);
    });

    await test.step('the form previews the sessions of the schedule and creates them all', async () => {
      await seriesPage.fill({
        title,
        weekdays: weekdays.map((d) => weekdayNames[d - 1]!),
        startTime: '18:30',
        durationMinutes: 75,
        fromDate: first,
        untilDate: until,
        capacity: 10,
        location: 'Gym floor',
      });
      await expect(seriesPage.preview).toContainText('Creates 4 sessions');
      await expectAccessible(page, 'the new weekly series form');
      await seriesPage.createButton.click();
      await expect(seriesPage.notice).toHaveText(`Series “${title}” created with 4 sessions.`);
      const listed = seriesPage.series(title);
      await expect(listed).toContainText('6:30 PM · 75 min');
      await expect(listed).toContainText('4 sessions to come');
      await expect(listed.getByRole('link')).toHaveCount(3);
    });

    let occurrence: OccurrenceRow | undefined;
    await test.step('the series reaches the server, with every session', async () => {
      await expect
        .poll(async () => (await club.state()).sessions.filter((s) => s.title === title).length)
        .toBe(4);
      const sessions = (await club.state()).sessions as OccurrenceRow[];
      occurrence = sessions
        .filter((s) => s.title === title)
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
      expect(occurrence?.seriesId).toBeTruthy();
      expect(clubDate(occurrence!.startsAt, browserTimeZone)).toBe(first);
    });
    const sessionId = occurrence!.id;

    await test.step('Mia signs up for the first session on her phone; her pass pays one credit', async () => {
      await pushAs(club, mia, 'signup.create', { sessionId });
      expect(passOf(await club.state(), passId).balance).toBe(4);
    });

    await test.step('the owner sees her place and is told what cancelling does', async () => {
      await sessionsPage.open();
      const session = sessionsPage.sessions(title).first();
      await expect(session).toContainText('1 of 10 places taken');
      await expect(session).toContainText('Weekly series');
      const dialog = await sessionsPage.startCancelling(session, title);
      await expect(dialog).toContainText('1 person holds a place.');
      await expect(dialog).toContainText('1 credit goes back to the pass that paid it.');
      await expect(dialog).toContainText('everyone holding a place or waiting is notified');
      await expectAccessible(page, 'the cancel confirmation');
      await sessionsPage.confirmCancel(dialog, 'Coach is ill');
      await expect(sessionsPage.notice).toContainText(
        `is cancelled. 1 person is notified and gets their credits back.`,
      );
      await expect(session).toContainText('Cancelled: Coach is ill');
      // The other sessions of the series stay.
      await expect(sessionsPage.sessions(title)).toHaveCount(4);
      await expect(sessionsPage.sessions(title).filter({ hasText: 'Cancelled' })).toHaveCount(1);
    });

    await test.step('on the server: cancelled, Mia’s credit back on her pass, Mia notified', async () => {
      await expect
        .poll(async () => {
          const state = await club.state();
          const cancelled = state.sessions.find((s) => s.id === sessionId) as OccurrenceRow;
          return [cancelled.status, cancelled.cancelReason, passOf(state, passId).balance];
        })
        .toEqual(['cancelled', 'Coach is ill', 5]);
      const pulled = await mia.api.query<{
        changes: { notifications?: { put: { kind: string; sessionId: string | null }[] } };
      }>('sync.pull', { clubId: club.id });
      expect(pulled.changes.notifications?.put).toContainEqual(
        expect.objectContaining({ kind: 'session_cancelled', sessionId }),
      );
    });

    await test.step('the series lists the cancelled session among its next ones', async () => {
      await seriesPage.open();
      const listed = seriesPage.series(title);
      await expect(listed).toContainText('3 sessions to come');
      await expect(listed.getByText('Cancelled')).toHaveCount(1);
    });
  } finally {
    await owner.close();
  }
});
