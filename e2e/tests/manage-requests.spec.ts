import { expect, test } from '@playwright/test';
import { addDaysToDate, clubDate } from '@turnout/shared';
import { ManageRequestsPage } from '../pages/ManageRequestsPage';
import { MemberPassesPage } from '../pages/MemberPassesPage';
import { expectAccessible } from '../support/a11y';
import { SeededClub } from '../support/club';
import { browserLocale, browserTimeZone } from '../support/env';
import { signedInContext } from '../support/phone';

/** A club date as the app shows it in the test browser's language ("Jan 20, 2027"). */
function shownDate(date: string): string {
  return new Intl.DateTimeFormat(browserLocale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

test('members request passes; the owner sees them pending, approves one by granting it and rejects one with a reason, and the members see the outcome', async ({
  browser,
}) => {
  const club = await SeededClub.create('Request Riders');
  const mia = await club.addPerson('Mia Member');
  const ben = await club.addPerson('Ben Brooks');
  await club.createTemplate('Ten sessions', 10, 60);
  await club.createTemplate('Drop-in', 1, 7);

  const owner = await signedInContext(browser, club.owner);
  const miaDevice = await signedInContext(browser, mia);
  const benDevice = await signedInContext(browser, ben);
  try {
    const miaPasses = new MemberPassesPage(await miaDevice.newPage());
    const benPasses = new MemberPassesPage(await benDevice.newPage());
    const requests = new ManageRequestsPage(await owner.newPage());

    await test.step('two members request passes, one with a note', async () => {
      await miaPasses.open();
      await miaPasses.request(/^Ten sessions/, 'I pay cash on Monday');
      await expect(miaPasses.requestNotice).toHaveText('Request for Ten sessions sent.');
      await benPasses.open();
      await benPasses.request(/^Drop-in/);
      await expect(benPasses.requestNotice).toHaveText('Request for Drop-in sent.');
    });

    await test.step('the owner sees both pending, with a badge of two', async () => {
      await requests.open();
      await expect(requests.badge).toHaveText('2');
      await expect(requests.summary).toHaveText('2 requests wait for an answer.');
      await expect(requests.requests).toHaveCount(2);
      await expect(requests.request(mia.name)).toContainText('Asks for: Ten sessions');
      await expect(requests.request(mia.name)).toContainText('“I pay cash on Monday”');
      await expect(requests.request(ben.name)).toContainText('Asks for: Drop-in');
      await expectAccessible(requests.page, 'the pass requests page');
    });

    await test.step('opening the grant form and cancelling leaves the request pending', async () => {
      await requests.startApproving(ben.name, 'Drop-in');
      await expect(requests.grantPreview).toBeVisible();
      await requests.page.getByRole('button', { name: 'Cancel' }).click();
      await expect(requests.request(ben.name)).toContainText('Pending');
      await expect(requests.badge).toHaveText('2');
    });

    const expiresOn = addDaysToDate(clubDate(Date.now(), browserTimeZone), 60);
    await test.step('approving opens the grant form pre-filled; confirming grants the pass and approves the request', async () => {
      await requests.startApproving(mia.name, 'Ten sessions');
      await expect(requests.page.getByLabel('Pass', { exact: true })).toHaveValue(/.+/);
      await expect(requests.grantPreview).toContainText(
        `It will be valid through ${shownDate(expiresOn)}.`,
      );
      await expect(requests.grantPreview).toContainText('10 sessions');
      await expect(requests.request(mia.name)).toContainText('Pending');
      await expectAccessible(requests.page, 'the grant form of a request');
      await requests.confirmGrant();
      await expect(requests.notice).toHaveText(
        `Request approved: “Ten sessions” granted to ${mia.name}, valid through ${shownDate(expiresOn)}.`,
      );
      await expect(requests.badge).toHaveText('1');
      await expect(requests.requests).toHaveCount(1);
    });

    await test.step('the server holds the pass, granted for the request', async () => {
      await expect
        .poll(async () => {
          const state = await club.state();
          return state.passes.filter((p) => p.memberId === mia.memberId).map((p) => p.balance);
        })
        .toEqual([10]);
    });

    await test.step('the member sees the pass and the request approved', async () => {
      await miaPasses.page.reload();
      await expect(miaPasses.pass('Ten sessions')).toContainText('10 sessions left');
      await expect(miaPasses.requests.filter({ hasText: 'Ten sessions' })).toContainText(
        'Approved',
      );
    });

    const reason = 'Drop-ins are sold at the door';
    await test.step('the owner rejects the other request with a reason; nothing is pending any more', async () => {
      await requests.reject(ben.name, 'Drop-in', reason);
      await expect(requests.notice).toHaveText(
        `The request of ${ben.name} for Drop-in was rejected; they are notified.`,
      );
      await expect(requests.badge).toHaveCount(0);
      await expect(requests.summary).toHaveText('No requests wait for an answer.');
      await requests.show('Rejected');
      await expect(requests.request(ben.name)).toContainText(`Reason given: ${reason}`);
      await requests.show('All');
      await expect(requests.requests).toHaveCount(2);
      await expect(requests.request(mia.name)).toContainText('Approved by');
    });

    await test.step('the member sees the request declined, with the reason', async () => {
      await benPasses.page.reload();
      const request = benPasses.requests.filter({ hasText: 'Drop-in' });
      await expect(request).toContainText('Declined');
      await expect(request).toContainText(`Reason: ${reason}`);
      await expect(benPasses.page.getByRole('heading', { name: 'Drop-in', level: 2 })).toHaveCount(
        0,
      );
    });
  } finally {
    await owner.close();
    await miaDevice.close();
    await benDevice.close();
  }
});
