import { expect, test } from '@playwright/test';
import { NotificationsPage } from '../pages/NotificationsPage';
import { expectAccessible } from '../support/a11y';
import { SeededClub } from '../support/club';
import { signedInContext } from '../support/phone';

test('the unread count on Notifications, and a kind turned off in the app leaves the list', async ({
  browser,
}) => {
  const club = await SeededClub.create('Choices Club');
  const mia = await club.addPerson('Mia Member');
  await club.givePass(mia, 10, 'Ten classes');
  const session = await club.createSession({ title: 'Evening Yoga', startsInMinutes: 24 * 60 });
  await club.pushAs(mia, { name: 'signup.create', args: { sessionId: session.id } });
  await club.pushAs(club.owner, {
    name: 'session.cancel',
    args: { sessionId: session.id, reason: 'Storm' },
  });

  const context = await signedInContext(browser, mia);
  try {
    const page = await context.newPage();
    await page.goto('/');
    const nav = page.getByRole('navigation');
    const link = nav.getByRole('link', { name: /^Notifications/ });

    await test.step('the navigation counts what is new on this device', async () => {
      await expect(link).toHaveAccessibleName(/^Notifications\s*2 new$/);
      await link.click();
      const notifications = new NotificationsPage(page);
      await notifications.heading.waitFor();
      await expect(notifications.items).toHaveCount(2);
      // Seen now: the count goes.
      await expect(link).toHaveAccessibleName('Notifications');
    });

    await test.step('“How you are told” shows every kind and that this server sends no mail', async () => {
      await page.getByRole('link', { name: 'Choose how you are told' }).click();
      await expect(page.getByRole('heading', { name: 'How you are told', level: 1 })).toBeVisible();
      await expect(page.getByTestId('mail-off')).toContainText('This server does not send email');
      const inApp = page.getByRole('switch', { name: 'In the app for “You got a pass”' });
      await expect(inApp).toBeChecked();
      await expect(
        page.getByRole('switch', { name: 'Email for “A spot opened close to the start”' }),
      ).not.toBeChecked();
      await expectAccessible(page, 'the notification choices');

      await inApp.uncheck();
      await expect(page.getByText('Saved.')).toBeVisible();
      await page.reload();
      await expect(
        page.getByRole('switch', { name: 'In the app for “You got a pass”' }),
      ).not.toBeChecked();
    });

    await test.step('the notifications page leaves that kind out', async () => {
      await page.getByRole('link', { name: 'Back to notifications' }).click();
      const notifications = new NotificationsPage(page);
      await notifications.heading.waitFor();
      await expect(notifications.items).toHaveCount(1);
      await expect(notifications.items.first()).toContainText('was cancelled: Storm');
    });
  } finally {
    await context.close();
  }
});
