import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { CalendarPage } from '../pages/CalendarPage';
import { SessionsPage } from '../pages/SessionsPage';
import { expectAccessible } from '../support/a11y';
import { SeededClub } from '../support/club';
import { Phone, signedInContext } from '../support/phone';

test('a member gets the address of her sessions, a calendar app fetches it, and after she stops sharing it answers 404', async ({
  browser,
}) => {
  const club = await SeededClub.create('Calendar Club');
  const mia = await club.addPerson('Mia Member');
  const yoga = await club.createSession({ title: 'Evening Yoga', startsInMinutes: 24 * 60 });
  const other = await club.createSession({ title: 'Morning Run', startsInMinutes: 26 * 60 });
  await club.pushAs(mia, { name: 'signup.create', args: { sessionId: yoga.id } });

  const context = await signedInContext(browser, mia);
  try {
    const page = await context.newPage();
    await page.goto('/');
    const calendar = new CalendarPage(page);
    await calendar.openFromNavigation();

    const address = await test.step('she gets the address of her own sessions', async () => {
      const value = await calendar.getAddress('mine');
      expect(value).toMatch(/^http:\/\/[^/]+\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      await expect(
        calendar.panel('mine').getByRole('link', { name: 'Open in my calendar app' }),
      ).toHaveAttribute('href', value.replace(/^http:/, 'webcal:'));
      await expectAccessible(page, 'the Calendar page with an address');
      return value;
    });

    await test.step('a calendar app fetching it sees her session, not the other one', async () => {
      const response = await page.request.get(address);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
      const text = await response.text();
      expect(text).toContain('SUMMARY:Evening Yoga');
      expect(text).toContain(`UID:session-${yoga.id}@turnout`);
      expect(text).not.toContain(other.id);
    });

    await test.step('she stops sharing, and the address answers 404', async () => {
      await calendar.stopSharing('mine');
      await expect(calendar.notice).toHaveText('Sharing stopped. The address no longer works.');
      await expect(calendar.address('mine')).toHaveCount(0);
      await expect(
        calendar.panel('mine').getByRole('button', { name: 'Get an address' }),
      ).toBeVisible();
      expect((await page.request.get(address)).status()).toBe(404);
    });
  } finally {
    await context.close();
  }
});

test('offline, “Add to calendar” still saves a session as a calendar file, and the Calendar page says it needs a connection', async ({
  launchOptions,
}) => {
  // An installed app (its service worker precaching everything) and a sync: slower than a page.
  test.slow();
  const club = await SeededClub.create('Calendar File Club');
  const mia = await club.addPerson('Mia Member');
  const yoga = await club.createSession({
    title: 'Evening Yoga',
    startsInMinutes: 24 * 60,
    location: 'Hall B',
  });
  const phone = await Phone.open(mia, { launchOptions, label: 'Mia’s phone' });
  try {
    const page = phone.page;
    await phone.install();
    await phone.setOffline(true);

    await test.step('the session page saves the file, made on the phone', async () => {
      await new SessionsPage(page).session(yoga.title).click();
      await expect(page.getByRole('heading', { name: 'Evening Yoga' })).toBeVisible();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Add to calendar' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('Evening Yoga.ics');
      const text = await readFile(await download.path(), 'utf8');
      expect(text).toContain('BEGIN:VEVENT');
      expect(text).toContain(`UID:session-${yoga.id}@turnout`);
      expect(text).toContain('SUMMARY:Evening Yoga');
      expect(text).toContain('LOCATION:Hall B');
    });

    await test.step('the Calendar page says addresses need a connection', async () => {
      await new CalendarPage(page).openFromNavigation();
      await expect(page.getByTestId('calendar-offline')).toContainText(
        'Calendar addresses need a connection.',
      );
      await expect(page.getByRole('button', { name: 'Get an address' })).toHaveCount(0);
    });
  } finally {
    await phone.dispose();
  }
});
