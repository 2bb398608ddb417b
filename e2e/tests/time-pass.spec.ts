import { expect, test } from '@playwright/test';
import { addDaysToDate, clubDate } from '@turnout/shared';
import { PassesPage } from '../pages/PassesPage';
import { SessionPage } from '../pages/SessionPage';
import { expectAccessible } from '../support/a11y';
import { SeededClub } from '../support/club';
import { browserLocale, browserTimeZone } from '../support/env';
import { signedInContext } from '../support/phone';

/** A club date as the app shows it in the test browser's language ("Jan 4, 2027"). */
function shownDate(date: string): string {
  return new Intl.DateTimeFormat(browserLocale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

test('an owner makes an "unlimited 30 days" template and grants it; the member signs up and checks in with it, and their session credits do not go down', async ({
  browser,
}) => {
  const club = await SeededClub.create('Open Mat Gym');
  const mia = await club.addPerson('Mia Member');
  // Mia also holds five session credits: the membership pays first and keeps them.
  await club.givePass(mia, 5, 'Five sessions');
  // Check-in opens 30 minutes before the start: signing up and checking in both fit now.
  const session = await club.createSession({ title: 'Open mat', startsInMinutes: 15 });

  const owner = await signedInContext(browser, club.owner);
  const phone = await signedInContext(browser, mia);
  try {
    const page = await owner.newPage();
    await test.step('the owner makes an "unlimited for 30 days" template', async () => {
      await page.goto('/manage/templates');
      await page.getByRole('button', { name: 'New pass template' }).click();
      const form = page.getByRole('form', { name: 'New pass template' });
      await form.getByLabel('Name', { exact: true }).fill('Unlimited 30 days');
      await form.getByLabel('Unlimited sessions while it is valid').check();
      // No session count is asked for a membership, a weekly limit is.
      await expect(form.getByLabel('Sessions included')).toHaveCount(0);
      await expect(form.getByLabel('At most per week (optional)')).toBeVisible();
      await form.getByLabel('Valid for (days)').fill('30');
      await form.getByLabel('Price').fill('69');
      await expectAccessible(page, 'the template form with a time pass');
      await form.getByRole('button', { name: 'Create template' }).click();
      await expect(page.getByTestId('manage-notice')).toContainText(
        'Pass template “Unlimited 30 days” created.',
      );
      await expect(
        page.getByTestId('template').filter({ hasText: 'Unlimited 30 days' }),
      ).toContainText('Unlimited · valid 30 days');
    });

    const expiresOn = addDaysToDate(clubDate(Date.now(), browserTimeZone), 30);
    await test.step('the owner grants it to Mia', async () => {
      await page.goto(`/manage/passes?member=${encodeURIComponent(mia.memberId)}`);
      await page.getByRole('button', { name: 'Grant a pass' }).click();
      const select = page.getByLabel('Pass', { exact: true });
      const option = select.locator('option').filter({ hasText: /^Unlimited 30 days/ });
      await option.waitFor({ state: 'attached' });
      await select.selectOption({ label: (await option.textContent()) ?? '' });
      await expect(page.getByTestId('grant-preview')).toContainText('Unlimited ·');
      await page.getByRole('button', { name: 'Grant pass' }).click();
      await expect(page.getByText(`valid through ${shownDate(expiresOn)}`).first()).toBeVisible();
      const card = page
        .getByTestId('managed-pass')
        .filter({ has: page.getByRole('heading', { name: 'Unlimited 30 days' }) });
      await expect(card).toContainText(`Unlimited until ${shownDate(expiresOn)}`);
      // A membership has no sessions to add or take away.
      await expect(card.getByRole('button', { name: 'Add sessions' })).toHaveCount(0);
    });

    const mine = new PassesPage(await phone.newPage());
    const sessionPage = new SessionPage(await phone.newPage());
    await test.step('Mia signs up and checks in; the membership pays', async () => {
      await sessionPage.open(session.id);
      await expect(sessionPage.myCredits).toHaveText('Your membership pays for this session.');
      await sessionPage.page.getByRole('button', { name: 'Sign up' }).click();
      await expect(
        sessionPage.page.getByRole('button', { name: 'Give up my place' }),
      ).toBeVisible();
      await sessionPage.checkInButton.click();
      await expect(sessionPage.myStatus).toContainText(/checked in/i);
    });

    await test.step('the server used the membership once, with nothing taken off a balance', async () => {
      await expect
        .poll(async () => {
          const state = await club.state();
          return state.creditLog
            .filter((e) => e.sessionId === session.id)
            .map((e) => [e.kind, e.delta, e.balanceAfter]);
        })
        .toEqual([['used_checkin', 0, 0]]);
      const state = await club.state();
      expect(state.passes.map((p) => p.balance).sort()).toEqual([0, 5]);
    });

    await test.step("Mia's passes page says unlimited; her session credits did not go down", async () => {
      await mine.open();
      const membership = mine.pass('Unlimited 30 days');
      await expect(membership.getByTestId('time-pass')).toHaveText(
        `Unlimited until ${shownDate(expiresOn)}`,
      );
      await expect(membership).toContainText('Active');
      await expect(mine.pass('Five sessions')).toContainText('5 sessions left');
      const log = await mine.openLog('Unlimited 30 days');
      await expect(log.getByRole('listitem').first()).toContainText(
        'Used at check-in for Open mat',
      );
      await expectAccessible(mine.page, 'the passes page with a membership');
    });
  } finally {
    await owner.close();
    await phone.close();
  }
});
