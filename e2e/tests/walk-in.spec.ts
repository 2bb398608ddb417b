import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { HistoryPage } from '../pages/HistoryPage';
import { InvitePage } from '../pages/InvitePage';
import { ManageReportsPage } from '../pages/ManageReportsPage';
import { SessionPage } from '../pages/SessionPage';
import { SessionsPage } from '../pages/SessionsPage';
import { WalkInForm } from '../pages/WalkInForm';
import { checkInsOf, SeededClub } from '../support/club';
import { baseURL, browserLocale, browserTimeZone } from '../support/env';
import { Phone } from '../support/phone';

interface GuestVisitRow {
  memberId: string;
  name: string;
  contact: string | null;
  claimedAt: string | null;
  sessionId: string;
  kind: string;
  payment: string;
  amount: string | null;
  voided: boolean;
}

test('a host checks in a walk-in offline; after sync the visit is in the guest report, and the guest claims it with a new account', async ({
  launchOptions,
  browser,
}) => {
  // Two browsers, a sync and a sign-up: more than the default minute on a busy machine.
  test.slow();
  const club = await SeededClub.create('Canal Capoeira');
  const host = await club.addPerson('Hana Host', 'host');
  const mia = await club.addPerson('Mia Member');
  await club.givePass(mia, 10);
  const session = await club.createSession({
    title: 'Open Roda',
    startsInMinutes: -10,
    capacity: 12,
  });
  const guest = { name: 'Gina Walker', contact: 'gina@example.org', amount: '€12' };
  const guestVisits = () =>
    club.owner.api
      .query<{ visits: GuestVisitRow[] }>('reports.guestVisits', { clubId: club.id })
      .then((r) => r.visits);

  const phone = await Phone.open(host, { launchOptions, label: 'the host’s phone' });
  try {
    const details = new SessionPage(phone.page);

    await test.step('offline at the door, the host adds a guest and checks them in', async () => {
      await phone.install();
      await new SessionsPage(phone.page).session(session.title).click();
      await expect(details.row(mia.name)).toBeVisible();
      await phone.setOffline(true);
      await new WalkInForm(phone.page).checkIn({
        name: guest.name,
        contact: guest.contact,
        visit: 'Drop-in',
        payment: 'Cash',
        amount: guest.amount,
      });
      await expect(details.notice).toContainText(`${guest.name} is checked in as a guest.`);
      await expect(details.checkedInBadge(guest.name, 0)).toBeVisible();
      await expect(details.row(guest.name).getByText('Guest', { exact: true })).toBeVisible();
      await expect(details.row(mia.name).getByText('Guest', { exact: true })).toHaveCount(0);
      await expect(phone.status.waiting(1)).toBeVisible();
    });

    // Nothing reached the server while offline.
    expect(checkInsOf(await club.state(), session.id).size).toBe(0);

    await test.step('back online, the server has the guest’s visit', async () => {
      await phone.setOffline(false);
      await expect(phone.status.allSynced).toBeVisible();
      await expect(phone.status.attentionLink).toHaveCount(0);
      const visits = await guestVisits();
      expect(visits).toEqual([
        expect.objectContaining({
          name: guest.name,
          contact: guest.contact,
          claimedAt: null,
          sessionId: session.id,
          kind: 'drop_in',
          payment: 'cash',
          amount: guest.amount,
          voided: false,
        }),
      ]);
      // An ordinary check-in too (it counts in the headcount), charging nothing.
      const checkIn = checkInsOf(await club.state(), session.id).get(visits[0]!.memberId);
      expect(checkIn).toMatchObject({ credits: 0, charges: [], flags: [], unpaidCredits: 0 });
    });

    const reports = new ManageReportsPage(phone.page);
    let claimUrl = '';
    await test.step('Manage → Reports lists the guest visit; the host invites the guest to claim an account', async () => {
      await reports.open();
      await expect(reports.guestVisit(guest.name)).toContainText('Drop-in · Cash · €12');
      await expect(reports.guestVisits).toContainText('Drop-ins: 1 · Trials: 0');
      await reports.inviteButton(guest.name).click();
      await expect(reports.claimLink(guest.name)).toHaveText(/\/invite\/[A-Z0-9]{5}-[A-Z0-9]{5}$/);
      claimUrl = (await reports.claimLink(guest.name).textContent()) ?? '';
    });

    await test.step('in a fresh browser, the guest creates an account from the link and sees the visit', async () => {
      const context = await browser.newContext({
        baseURL,
        locale: browserLocale,
        timezoneId: browserTimeZone,
      });
      try {
        const page = await context.newPage();
        const invite = new InvitePage(page);
        await invite.open(claimUrl);
        await expect(page.getByRole('heading', { name: 'Claim your visits' })).toBeVisible();
        await expect(page.getByText(`You came to ${club.name} as ${guest.name}.`)).toBeVisible();
        await invite.createAccountAndJoin({
          name: guest.name,
          email: `gina.${randomUUID().slice(0, 8)}@example.org`,
          password: 'guest-password-1',
        });
        await expect(new SessionsPage(page).heading).toBeVisible();

        const history = new HistoryPage(page);
        await history.open();
        await expect(history.line(session.title)).toContainText('Checked in');
      } finally {
        await context.close();
      }
      const [visit] = await guestVisits();
      expect(visit?.claimedAt).not.toBeNull();
    });

    await test.step('the report says the guest has an account now', async () => {
      await reports.open();
      await expect(reports.guestVisit(guest.name)).toContainText('Has an account now');
      await expect(reports.inviteButton(guest.name)).toHaveCount(0);
    });
  } finally {
    await phone.dispose();
  }
});
