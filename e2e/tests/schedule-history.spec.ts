import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeChangeToFile } from '@turnout/server/builders';
import { clubDate } from '@turnout/shared';
import { anAttendance, aSession, startingAt } from '@turnout/shared/testing';
import { ManageRequestsPage } from '../pages/ManageRequestsPage';
import { MemberPassesPage } from '../pages/MemberPassesPage';
import { SessionsPage } from '../pages/SessionsPage';
import { expectAccessible } from '../support/a11y';
import { SeededClub, type Person } from '../support/club';
import { browserTimeZone } from '../support/env';
import { signedInContext } from '../support/phone';

const dayMs = 86_400_000;

/**
 * A year of one member's attendance, straight into the server's database:
 * no procedure records attendance that old (backfill reaches days back).
 * `Year class 0` is the newest (two days ago), `Year class 119` a year ago.
 */
async function seedYearOfAttendance(club: SeededClub, member: Person): Promise<number> {
  const now = Date.now();
  const sessions = Array.from({ length: 120 }, (_, i) =>
    aSession({
      // Ids of their own: the shared factories count from 1 in every test process.
      id: crypto.randomUUID(),
      title: `Year class ${i}`,
      location: 'Old hall',
      ...startingAt(new Date(now - (2 + 3 * i) * dayMs).toISOString()),
    }),
  );
  const file = join(process.env.TURNOUT_E2E_DATA_DIR ?? '', 'turnout.db');
  await writeChangeToFile(file, club.id, { sessions });
  await writeChangeToFile(file, club.id, {
    attendance: sessions.map((s) =>
      anAttendance({
        id: crypto.randomUUID(),
        sessionId: s.id,
        memberId: member.memberId,
        checkedInAt: s.startsAt,
        updatedAt: s.startsAt,
        byMemberId: member.memberId,
      }),
    ),
  });
  // Pulls hand out rows only up to what the server last made durable, and it learns of
  // rows written behind its back at its next flush: any mutation through it makes one (an
  // empty push here). Without it a device's first sync could run before that flush, miss
  // the year, and get it all in a later, unwindowed pull (seen once with two workers).
  await club.push();
  return sessions.length;
}

const historyLines = (page: Page) =>
  page.getByRole('list', { name: 'Attendance, newest first' }).getByRole('listitem');

test('a member on a fresh profile pages through a year of history from the server', async ({
  browser,
}) => {
  const club = await SeededClub.create('History Harriers');
  const mia = await club.addPerson('Mia Member');
  const total = await seedYearOfAttendance(club, mia);
  const device = await signedInContext(browser, mia);
  try {
    const page = await device.newPage();
    await page.goto('/history');
    await expect(
      page.getByText('This device keeps your history of the last 30 days'),
    ).toBeVisible();
    // What a first sync holds: the sessions of the last 30 days.
    await expect(historyLines(page)).toHaveCount(10, { timeout: 20_000 });
    const older = page.getByRole('button', { name: 'Load older history' });
    // Offline the device shows what it keeps and says how to get the rest.
    await device.setOffline(true);
    await expect(page.getByText('You are offline. Connect to load older history.')).toBeVisible();
    await expect(older).toHaveCount(0);
    await expect(historyLines(page)).toHaveCount(10);
    await device.setOffline(false);
    await older.click();
    await expect(historyLines(page)).toHaveCount(50);
    await older.click();
    await expect(historyLines(page)).toHaveCount(100);
    await older.click();
    await expect(historyLines(page)).toHaveCount(total);
    await expect(page.getByRole('status').filter({ hasText: 'That is everything' })).toBeVisible();
    await expect(older).toHaveCount(0);
    await expect(historyLines(page).last()).toContainText('Year class 119');
    await expect(historyLines(page).first()).toContainText('Year class 0');
    await expect(
      page.getByText(`${total} check-ins · ${total} credits · 0 no-shows`),
    ).toBeVisible();
    await expectAccessible(page, 'the history page with a year loaded');
  } finally {
    await device.close();
  }
});

test('the schedule as a week, filtered by training type, kept in the link; a waiter sees their place', async ({
  browser,
}) => {
  const club = await SeededClub.create('Week Walkers');
  const mia = await club.addPerson('Mia Member');
  const ben = await club.addPerson('Ben Brooks');
  const noah = await club.addPerson('Noah Nowak');
  const yoga = crypto.randomUUID();
  const boxing = crypto.randomUUID();
  await club.push(
    { name: 'trainingType.create', args: { trainingTypeId: yoga, name: 'Yoga' } },
    { name: 'trainingType.create', args: { trainingTypeId: boxing, name: 'Boxing' } },
  );
  const session = (title: string, startsAt: number, trainingTypeId: string, extra = {}) => {
    const sessionId = crypto.randomUUID();
    return {
      sessionId,
      mutation: {
        name: 'session.create',
        args: {
          sessionId,
          title,
          trainingTypeId,
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 3_600_000).toISOString(),
          capacity: null,
          creditCost: 1,
          location: 'Hall',
          ...extra,
        },
      },
    };
  };
  // This week's two: at midday of the club's today (10:30 and 11:00 UTC are 11:30–13:00 in
  // Berlin, summer or winter), not "in an hour": late on a Sunday that is already next week.
  const today = clubDate(Date.now(), browserTimeZone);
  const hallYoga = session('Hall yoga', Date.parse(`${today}T10:30:00Z`), yoga);
  const parkBoxing = session('Park boxing', Date.parse(`${today}T11:00:00Z`), boxing, {
    location: 'Park',
  });
  const nextYoga = session('Yoga next week', Date.now() + 7 * 86_400_000, yoga);
  const full = session('Full class', Date.now() + 2 * 86_400_000, yoga, { capacity: 1 });
  await club.push(hallYoga.mutation, parkBoxing.mutation, nextYoga.mutation, full.mutation);
  await club.pushAs(ben, { name: 'signup.create', args: { sessionId: full.sessionId } });
  await club.pushAs(noah, { name: 'signup.create', args: { sessionId: full.sessionId } });
  await club.pushAs(mia, { name: 'signup.create', args: { sessionId: full.sessionId } });

  const device = await signedInContext(browser, mia);
  try {
    const schedule = new SessionsPage(await device.newPage());
    const page = schedule.page;
    await schedule.open();

    await test.step('the list says her place on the waitlist, told by the server', async () => {
      await expect(schedule.session('Full class')).toContainText('2nd on the waitlist');
    });

    await test.step('the week view shows this week with today marked', async () => {
      const weekButton = page.getByRole('button', { name: 'Week', exact: true });
      await weekButton.click();
      await expect(weekButton).toHaveAttribute('aria-pressed', 'true');
      const week = page.getByTestId('schedule-week');
      await expect(week.getByText('Today', { exact: true })).toBeVisible();
      await expect(schedule.session('Hall yoga')).toBeVisible();
      await expect(schedule.session('Park boxing')).toBeVisible();
      await expect(schedule.session('Yoga next week')).toHaveCount(0);
      await expectAccessible(page, 'the schedule as a week');
    });

    await test.step('a filter by training type goes into the link and stays after a reload', async () => {
      await page.getByLabel('Training type').selectOption({ label: 'Yoga' });
      await expect(page).toHaveURL(new RegExp(`type=${yoga}`));
      await expect(schedule.session('Park boxing')).toHaveCount(0);
      await expect(schedule.session('Hall yoga')).toBeVisible();
      await page.reload();
      await expect(schedule.session('Hall yoga')).toBeVisible();
      await expect(schedule.session('Park boxing')).toHaveCount(0);
      await expect(page.getByLabel('Training type')).toHaveValue(yoga);
      // Week or list is this device's choice: still the week.
      await expect(page.getByTestId('schedule-week')).toBeVisible();
    });

    await test.step('next week shows its sessions; the filter goes along', async () => {
      await page.getByRole('button', { name: 'Next week' }).click();
      await expect(schedule.session('Yoga next week')).toBeVisible();
      await expect(schedule.session('Hall yoga')).toHaveCount(0);
      await expect(page).toHaveURL(/week=\d{4}-\d{2}-\d{2}/);
      await page.getByRole('button', { name: 'This week' }).click();
      await expect(schedule.session('Hall yoga')).toBeVisible();
    });

    await test.step('"only mine" leaves the sessions she waits for', async () => {
      await page.getByRole('button', { name: 'Show everything' }).click();
      await page.getByRole('button', { name: 'List', exact: true }).click();
      await page.getByRole('checkbox', { name: /Only my sessions/ }).check();
      await expect(page).toHaveURL(/mine=1/);
      await expect(schedule.session('Full class')).toBeVisible();
      await expect(schedule.session('Hall yoga')).toHaveCount(0);
    });

    await test.step('names of others coming show only once the club allows it', async () => {
      await expect(schedule.session('Full class')).not.toContainText('Ben B.');
      await club.updateSettings({ membersSeeWhoIsGoing: true });
      await page.reload();
      // Ben holds the place; Noah only waits, so he is not named.
      await expect(schedule.session('Full class')).toContainText('With Ben B.', {
        timeout: 20_000,
      });
      await expect(schedule.session('Full class')).not.toContainText('Noah');
      await expect(schedule.session('Full class')).toContainText('2nd on the waitlist');
    });
  } finally {
    await device.close();
  }
});

test('a member withdraws a pending pass request offline; after sync the organizer’s list drops it', async ({
  browser,
}) => {
  const club = await SeededClub.create('Withdraw Wanderers');
  const mia = await club.addPerson('Mia Member');
  await club.createTemplate('Ten sessions', 10, 60);
  const device = await signedInContext(browser, mia);
  const owner = await signedInContext(browser, club.owner);
  try {
    const passes = new MemberPassesPage(await device.newPage());
    const requests = new ManageRequestsPage(await owner.newPage());
    const request = passes.requests.filter({ hasText: 'Ten sessions' });

    await passes.open();
    await passes.request(/^Ten sessions/);
    await expect(passes.requestNotice).toHaveText('Request for Ten sessions sent.');
    await expect(request).toContainText('Pending');
    await expect(request.getByText('Waiting to sync')).toHaveCount(0);
    await requests.open();
    await expect(requests.requests).toHaveCount(1);

    await test.step('offline, the withdrawal shows at once and waits to sync', async () => {
      await device.setOffline(true);
      await passes.page
        .getByRole('button', { name: 'Withdraw your request for Ten sessions' })
        .click();
      await expect(
        passes.page.getByText(
          'Your request for Ten sessions will be withdrawn when this device is back online.',
        ),
      ).toBeVisible();
      await expect(request).toContainText('Withdrawn');
      await expect(request).toContainText('Waiting to sync');
      await expect(request.getByRole('button', { name: /^Withdraw/ })).toHaveCount(0);
      // The server has not heard of it yet.
      await requests.page.reload();
      await expect(requests.requests).toHaveCount(1);
    });

    await test.step('back online it syncs; the organizer’s pending list and badge drop it', async () => {
      await device.setOffline(false);
      await expect(request.getByText('Waiting to sync')).toHaveCount(0, { timeout: 20_000 });
      await expect(request).toContainText('Withdrawn');
      await expect
        .poll(async () => {
          await requests.page.reload();
          await requests.heading.waitFor();
          return requests.requests.count();
        })
        .toBe(0);
      await expect(requests.badge).toHaveCount(0);
      await requests.show('All');
      await expect(requests.request(mia.name)).toContainText('Withdrawn by Mia Member');
    });
  } finally {
    await device.close();
    await owner.close();
  }
});
