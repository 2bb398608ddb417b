import { expect, test } from '@playwright/test';
import { AppShell } from '../pages/AppShell';
import { KioskPage } from '../pages/KioskPage';
import { SessionsPage } from '../pages/SessionsPage';
import { checkInsOf, passOf, SeededClub } from '../support/club';
import { Phone } from '../support/phone';

test('a host turns a tablet into a door kiosk; offline, members check themselves in; it syncs, opens nothing else and needs the PIN to leave', async ({
  launchOptions,
}) => {
  // A long story on one tablet (install, five offline navigations, a sync): more than the default minute on a busy machine.
  test.slow();
  const club = await SeededClub.create('Harbour Climbing');
  const host = await club.addPerson('Hana Host', 'host');
  const anna = await club.addPerson('Anna Adams');
  // Starts like Anna: "an" finds both, "ann" only her.
  const anton = await club.addPerson('Anton Berg');
  const ben = await club.addPerson('Ben Brooks');
  const carla = await club.addPerson('Carla Cruz');
  const template = await club.createTemplate('10-session pass', 10);
  const passes = {
    anna: await club.grantPass(anna, template),
    anton: await club.grantPass(anton, template),
    ben: await club.grantPass(ben, template),
    carla: await club.grantPass(carla, template),
  };
  const session = await club.createSession({
    title: 'Evening Bouldering',
    startsInMinutes: -10,
    capacity: 20,
  });
  const pin = '2468';

  const tablet = await Phone.open(host, { launchOptions, label: 'the door tablet' });
  try {
    const kiosk = new KioskPage(tablet.page);

    await test.step('the host turns the tablet into a kiosk with an exit PIN', async () => {
      await tablet.install();
      await new AppShell(tablet.page).nav.getByRole('link', { name: 'Door kiosk' }).click();
      await kiosk.start(pin);
      await expect(kiosk.status).toContainText('Online');
      // The only session of today, open for check-in, is the one the kiosk offers.
      await expect(tablet.page.getByRole('radio', { name: /Evening Bouldering/ })).toBeChecked();
      await expect(kiosk.search).toBeVisible();
    });

    await test.step('offline, three members find themselves by first letters and check in', async () => {
      await tablet.context.setOffline(true);
      await expect(kiosk.status).toContainText('Offline');

      // One letter lists nobody (it would show half the club to the queue).
      await kiosk.type('a');
      await expect(kiosk.matches).toHaveCount(0);
      await kiosk.type('an');
      await expect(kiosk.matches).toHaveText([/^\s*Anna A\.\s/, /^\s*Anton B\.\s/]);
      await kiosk.checkIn('ann', 'Anna A.');
      await expect(kiosk.message).toHaveText('Welcome, Anna! You are checked in.');
      await expect(kiosk.search).toHaveValue('');
      await expect(kiosk.search).toBeFocused();

      // The first letters of the last name find people too.
      await kiosk.checkIn('bro', 'Ben B.');
      await expect(kiosk.message).toHaveText('Welcome, Ben! You are checked in.');
      await kiosk.checkIn('carl', 'Carla C.');
      await expect(kiosk.message).toHaveText('Welcome, Carla! You are checked in.');
      await expect(kiosk.status).toContainText('3 changes wait to sync');

      // Checked in already: the name is shown as done and cannot be tapped again.
      await kiosk.type('ann');
      await expect(kiosk.person('Anna A.')).toBeDisabled();
      await expect(kiosk.person('Anna A.')).toContainText('Checked in');
      // First name and initial only; nothing of anyone's passes.
      await expect(kiosk.main).not.toContainText('Adams');
      await expect(kiosk.main).not.toContainText(/credit/i);
      await kiosk.search.fill('');
    });

    // Nothing reached the server while offline.
    expect(checkInsOf(await club.state(), session.id).size).toBe(0);

    await test.step('the kiosk cannot open the roster or the manage pages, even typed in', async () => {
      for (const path of [
        `/sessions/${session.id}`,
        '/manage',
        '/manage/reports',
        '/people',
        '/',
      ]) {
        await tablet.page.goto(path);
        await expect(tablet.page).toHaveURL(/\/kiosk$/);
        await expect(kiosk.heading).toBeVisible();
        await expect(tablet.page.getByRole('region', { name: 'Roster' })).toHaveCount(0);
        await expect(tablet.page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
      }
      // The check-ins are still waiting in the outbox.
      await expect(kiosk.status).toContainText('3 changes wait to sync');
    });

    await test.step('back online, the server has the three check-ins', async () => {
      await tablet.context.setOffline(false);
      await expect(kiosk.status).toContainText('Online');
      await expect(kiosk.status).not.toContainText('wait');
      await expect
        .poll(async () => checkInsOf(await club.state(), session.id).size, {
          message: 'the check-ins on the server',
        })
        .toBe(3);
      const state = await club.state();
      const checkIns = checkInsOf(state, session.id);
      expect([...checkIns.keys()].sort()).toEqual(
        [anna.memberId, ben.memberId, carla.memberId].sort(),
      );
      for (const a of checkIns.values()) {
        expect({ credits: a.credits, flags: a.flags, unpaid: a.unpaidCredits }).toEqual({
          credits: 1,
          flags: [],
          unpaid: 0,
        });
      }
      expect(passOf(state, passes.anna).balance).toBe(9);
      expect(passOf(state, passes.ben).balance).toBe(9);
      expect(passOf(state, passes.carla).balance).toBe(9);
      expect(passOf(state, passes.anton).balance).toBe(10);
      expect(await club.attention()).toEqual([]);
    });

    await test.step('leaving needs the host’s PIN: a wrong one is refused', async () => {
      await kiosk.leave('1357');
      await expect(kiosk.exitPin).toHaveAccessibleDescription(/Wrong PIN\./);
      await expect(tablet.page).toHaveURL(/\/kiosk$/);
      await tablet.page.goto('/manage');
      await expect(tablet.page).toHaveURL(/\/kiosk$/);

      await kiosk.leave(pin);
      const sessions = new SessionsPage(tablet.page);
      await expect(sessions.heading).toBeVisible();
      await tablet.page.goto(`/sessions/${session.id}`);
      await expect(tablet.page).toHaveURL(new RegExp(`/sessions/${session.id}$`));
      await expect(tablet.page.getByRole('region', { name: 'Roster' })).toBeVisible();
    });
  } finally {
    await tablet.dispose();
  }
});
