import { expect, test } from '@playwright/test';
import { SessionPage } from '../pages/SessionPage';
import { SessionsPage } from '../pages/SessionsPage';
import { checkInsOf, passOf, SeededClub } from '../support/club';
import { Phone } from '../support/phone';

test('a host checks people in offline; the outbox survives a reload and a browser restart, then syncs exactly', async ({
  launchOptions,
}) => {
  const club = await SeededClub.create('Basement Boxing');
  await club.updateSettings({ multiCreditEnabled: true, maxCreditsPerCheckIn: 3 });
  const host = await club.addPerson('Hana Host', 'host');
  const anna = await club.addPerson('Anna Adams');
  const ben = await club.addPerson('Ben Brooks');
  const carla = await club.addPerson('Carla Cruz');
  const template = await club.createTemplate('10-session pass', 10);
  const passes = {
    anna: await club.grantPass(anna, template),
    ben: await club.grantPass(ben, template),
    carla: await club.grantPass(carla, template),
  };
  const session = await club.createSession({
    title: 'Open Sparring',
    startsInMinutes: -10,
    capacity: 12,
  });

  const phone = await Phone.open(host, { launchOptions, label: 'the host’s phone' });
  try {
    // Page objects of the phone's current page (a new one after the browser restarts).
    let sessions = new SessionsPage(phone.page);
    let details = new SessionPage(phone.page);

    await test.step('the host installs the app online and opens the session', async () => {
      await phone.install();
      await sessions.session(session.title).click();
      await expect(details.heading).toHaveText(session.title);
      await expect(details.row(anna.name)).toBeVisible();
    });

    await test.step('offline, the host checks in three members, one with 3 credits', async () => {
      await phone.setOffline(true);
      await details.hostCheckIn(anna.name);
      await expect(details.notice).toContainText(
        `${anna.name} is checked in (1 credit). Saved on this device`,
      );
      await details.hostCheckIn(ben.name, 3);
      await expect(details.notice).toContainText(`${ben.name} is checked in (3 credits).`);
      await details.hostCheckIn(carla.name);
      await expect(phone.status.waiting(3)).toBeVisible();
      await expect(details.rosterSummary).toContainText('Checked in 3');
      await expect(details.rosterSummary).toContainText('5 credits recorded');
    });

    await test.step('a reload opens the app from the service worker with the outbox intact', async () => {
      await phone.page.reload();
      await expect(details.heading).toHaveText(session.title);
      await expect(phone.status.connection('Offline')).toBeVisible();
      await expect(phone.status.waiting(3)).toBeVisible();
      await expect(details.checkedInBadge(ben.name, 3)).toBeVisible();
      await expect(details.checkedInBadge(anna.name, 1)).toBeVisible();
    });

    await test.step('closing the browser and opening it again offline keeps the outbox', async () => {
      await phone.close();
      await phone.reopen({ offline: true });
      sessions = new SessionsPage(phone.page);
      details = new SessionPage(phone.page);
      await phone.page.goto('/');
      await expect(sessions.heading).toBeVisible();
      await expect(phone.status.connection('Offline')).toBeVisible();
      await expect(phone.status.waiting(3)).toBeVisible();
      await sessions.session(session.title).click();
      await expect(details.checkedInBadge(carla.name, 1)).toBeVisible();
      await expect(details.checkedInBadge(ben.name, 3)).toBeVisible();
    });

    // Nothing reached the server while offline.
    expect(checkInsOf(await club.state(), session.id).size).toBe(0);

    await test.step('back online, everything syncs', async () => {
      await phone.setOffline(false);
      await expect(phone.status.allSynced).toBeVisible();
      await expect(phone.status.attentionLink).toHaveCount(0);
      await expect(details.checkedInBadge(ben.name, 3)).toBeVisible();
    });

    await test.step('the server holds exactly what the host did', async () => {
      const state = await club.state();
      const checkIns = checkInsOf(state, session.id);
      expect(
        [...checkIns.values()].map((a) => ({
          memberId: a.memberId,
          credits: a.credits,
          flags: a.flags,
          unpaid: a.unpaidCredits,
        })),
      ).toEqual(
        expect.arrayContaining([
          { memberId: anna.memberId, credits: 1, flags: [], unpaid: 0 },
          { memberId: ben.memberId, credits: 3, flags: [], unpaid: 0 },
          { memberId: carla.memberId, credits: 1, flags: [], unpaid: 0 },
        ]),
      );
      expect(checkIns.size).toBe(3);
      expect(checkIns.get(ben.memberId)?.charges).toEqual([{ passId: passes.ben, credits: 3 }]);
      expect(passOf(state, passes.anna).balance).toBe(9);
      expect(passOf(state, passes.ben).balance).toBe(7);
      expect(passOf(state, passes.carla).balance).toBe(9);
      // Each check-in charged once: one charge entry per member in the credit log.
      const charges = state.creditLog.filter((e) => e.sessionId === session.id);
      expect(charges.map((e) => e.delta).sort()).toEqual([-1, -1, -3]);
      expect(state.sessionCounts.find((c) => c.sessionId === session.id)?.occupancy).toBe(3);
      expect(await club.attention()).toEqual([]);
    });
  } finally {
    await phone.dispose();
  }
});
