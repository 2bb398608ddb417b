import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { AttentionPage } from '../pages/AttentionPage';
import { NotificationsPage } from '../pages/NotificationsPage';
import { PassesPage } from '../pages/PassesPage';
import { forMember, SessionPage } from '../pages/SessionPage';
import { SessionsPage } from '../pages/SessionsPage';
import { SyncStatus } from '../pages/SyncStatus';
import { expectAccessible } from '../support/a11y';
import { SeededClub } from '../support/club';
import { signedInContext } from '../support/phone';

test('the member screens and the host roster have no accessibility problems, filled with real data', async ({
  browser,
}) => {
  const club = await SeededClub.create('Lakeside Climbing');
  await club.updateSettings({ multiCreditEnabled: true, maxCreditsPerCheckIn: 3 });
  const host = await club.addPerson('Hana Host', 'host');
  const mia = await club.addPerson('Mia Member');
  const olive = await club.addPerson('Olive Oak');
  const noah = await club.addPerson('Noah North');
  const template = await club.createTemplate('10-session pass', 10);
  await club.createTemplate('Monthly unlimited', 30, 30);
  await club.grantPass(mia, template);
  await club.grantPass(olive, template);
  // Noah has no pass: a host check-in of his is flagged unpaid.

  const bouldering = await club.createSession({
    title: 'Evening Bouldering',
    startsInMinutes: -10,
    capacity: 1,
  });
  const lastSpot = await club.createSession({
    title: 'Tiny Class',
    startsInMinutes: -5,
    capacity: 1,
  });
  const stretch = await club.createSession({ title: 'Sunday Stretch', startsInMinutes: 26 * 60 });
  const social = await club.createSession({ title: 'Friday Social', startsInMinutes: 50 * 60 });
  await club.push(
    { name: 'checkin.create', args: { sessionId: bouldering.id, memberId: olive.memberId } },
    // Over capacity and without credits: accepted and flagged twice.
    { name: 'checkin.create', args: { sessionId: bouldering.id, memberId: noah.memberId } },
  );
  await club.pushAs(
    mia,
    { name: 'signup.create', args: { sessionId: stretch.id } },
    { name: 'intent.set', args: { sessionId: stretch.id, going: true } },
    { name: 'signup.create', args: { sessionId: social.id } },
    {
      name: 'passRequest.create',
      args: { requestId: randomUUID(), templateId: template, note: 'Paying cash' },
    },
  );
  await club.push({ name: 'session.cancel', args: { sessionId: social.id, reason: 'Storm' } });

  const memberContext = await signedInContext(browser, mia);
  const hostContext = await signedInContext(browser, host);
  try {
    const page = await memberContext.newPage();
    const status = new SyncStatus(page);

    await test.step('sessions list', async () => {
      const sessions = new SessionsPage(page);
      await sessions.open();
      await expect(status.allSynced).toBeVisible();
      await expect(sessions.session(stretch.title)).toContainText('Signed up');
      await expect(sessions.session(social.title)).toContainText('Cancelled');
      await expectAccessible(page, 'the sessions list');
    });

    await test.step('session details, signed up (after saying she was going)', async () => {
      const details = new SessionPage(page);
      await details.open(stretch.id);
      await expect(details.myStatus).toHaveText('You are signed up.');
      // Her place is said once; asking whether she is going would mean nothing now.
      await expect(page.getByRole('group', { name: 'Are you going?' })).toHaveCount(0);
      await expectAccessible(page, 'the session details (signed up)');
    });

    await test.step('session details with check-in open', async () => {
      const details = new SessionPage(page);
      await details.open(lastSpot.id);
      await expect(details.checkInButton).toBeVisible();
      await expect(details.myCredits).toHaveText('You have 10 usable credits for this session.');
      await expectAccessible(page, 'the session details (check-in open)');
    });

    await test.step('needs attention, with a refused offline check-in', async () => {
      const details = new SessionPage(page);
      await memberContext.setOffline(true);
      await details.checkInButton.click();
      await expect(details.notice).toContainText('Saved on this device');
      // Meanwhile the front desk gives the last spot to someone else.
      await club.push({
        name: 'checkin.create',
        args: { sessionId: lastSpot.id, memberId: olive.memberId },
      });
      await memberContext.setOffline(false);
      await status.syncNowButton.click();
      await status.attention(1).click();
      const attention = new AttentionPage(page);
      await expect(attention.item(/^Your check-in for Tiny Class/)).toContainText(
        'The session is full.',
      );
      await expectAccessible(page, 'the needs-attention list');
    });

    await test.step('my passes, with a credit log open and a pending request', async () => {
      const passes = new PassesPage(page);
      await passes.open();
      await expect(passes.pass('10-session pass')).toContainText('10 sessions left');
      const log = await passes.openLog('10-session pass');
      await expect(log.getByRole('listitem')).toHaveCount(1);
      await expect(page.getByRole('region', { name: 'My requests' })).toContainText(
        '10-session pass',
      );
      await expectAccessible(page, 'my passes');
    });

    await test.step('my attendance history', async () => {
      await page.getByRole('link', { name: 'My attendance history' }).click();
      await expect(
        page.getByRole('heading', { name: 'My attendance history', level: 1 }),
      ).toBeVisible();
      await expectAccessible(page, 'my attendance history');
    });

    await test.step('notifications', async () => {
      const notifications = new NotificationsPage(page);
      await notifications.open();
      await expect(notifications.items.filter({ hasText: 'was cancelled: Storm' })).toHaveCount(1);
      await expect(notifications.items.filter({ hasText: 'You got a new pass' })).toHaveCount(1);
      await expectAccessible(page, 'the notifications');
    });

    await test.step('the host roster: flags, credits steppers, void form', async () => {
      const hostPage = await hostContext.newPage();
      const roster = new SessionPage(hostPage);
      await roster.open(bouldering.id);
      await expect(new SyncStatus(hostPage).allSynced).toBeVisible();
      await expect(roster.row(noah.name)).toContainText('Over capacity');
      await expect(roster.row(noah.name)).toContainText('Unpaid: 1 credit');
      await expect(roster.creditsStepper(mia.name)).toBeVisible();
      await expectAccessible(hostPage, 'the host roster');

      await roster
        .row(olive.name)
        .getByRole('button', { name: forMember('Void', olive.name) })
        .click();
      await expect(hostPage.getByLabel(`Why void the check-in of ${olive.name}?`)).toBeFocused();
      await expectAccessible(hostPage, 'the host roster with the void form open');
    });
  } finally {
    await memberContext.close();
    await hostContext.close();
  }
});
