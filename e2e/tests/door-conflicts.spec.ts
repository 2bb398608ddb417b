import { expect, test } from '@playwright/test';
import { SessionPage } from '../pages/SessionPage';
import { checkInsOf, passOf, SeededClub, type ClubState } from '../support/club';
import { browserTimeZone } from '../support/env';
import { Phone, signedInContext } from '../support/phone';

/** A time as the app's English writes it on a row ("5:52 PM"), in the club's zone. */
function shortTime(instant: string): string {
  return new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: browserTimeZone }).format(
    new Date(instant),
  );
}

/** Every pass's balance is the sum of its credit log. */
function expectBalancesFromLog(state: ClubState): void {
  for (const pass of state.passes) {
    const logged = state.creditLog
      .filter((e) => e.passId === pass.id)
      .reduce((sum, e) => sum + e.delta, 0);
    expect(pass.balance, `pass ${pass.id}`).toBe(logged);
  }
}

test('two host devices offline fill the last spot under reject: the loser’s row names the winner and the device, and the owner puts it right', async ({
  launchOptions,
  browser,
}) => {
  // Two phones installed, offline and back, and an owner's browser: longer than most.
  test.setTimeout(180_000);
  const club = await SeededClub.create('Door Dojo');
  await club.updateSettings({ hostOverCapacity: 'reject' });
  const hugo = await club.addPerson('Hugo Host', 'host');
  const helga = await club.addPerson('Helga Host', 'host');
  const paul = await club.addPerson('Paul Park');
  const quinn = await club.addPerson('Quinn Quill');
  const template = await club.createTemplate('5-session pass', 5);
  await club.grantPass(paul, template);
  const quinnPass = await club.grantPass(quinn, template);
  const session = await club.createSession({
    title: 'Evening Judo',
    startsInMinutes: -5,
    capacity: 1,
  });

  const frontDesk = await Phone.open(hugo, { launchOptions, label: 'Hugo’s tablet' });
  const studio = await Phone.open(helga, { launchOptions, label: 'Helga’s phone' }).catch(
    async (error: unknown) => {
      await frontDesk.dispose();
      throw error;
    },
  );
  try {
    await frontDesk.install();
    await studio.install();
    // A phone-sized screen, where the roster scrolls under the bars that stay.
    await studio.page.setViewportSize({ width: 360, height: 640 });
    const desk = new SessionPage(frontDesk.page);
    const phone = new SessionPage(studio.page);

    await test.step('each host names their device', async () => {
      await expect(frontDesk.page.getByTestId('device-unnamed')).toBeVisible();
      await frontDesk.status.renameDevice('Front desk tablet');
      await expect(frontDesk.status.deviceName).toHaveText('This device: Front desk tablet');
      await expect(frontDesk.page.getByTestId('device-unnamed')).toHaveCount(0);
      await studio.status.renameDevice('Studio phone');
      await expect(studio.status.deviceName).toHaveText('This device: Studio phone');
    });

    await test.step('the roster comes first, the host’s own place folded away', async () => {
      await desk.open(session.id);
      await phone.open(session.id);
      await expect(phone.spots).toHaveText('1 of 1 place left');
      const ownPlace = studio.page.locator('details', {
        has: studio.page.getByTestId('my-status'),
      });
      await expect(ownPlace).not.toHaveAttribute('open');
      const rosterTop = (await phone.roster.boundingBox())!.y;
      const ownTop = (await ownPlace.boundingBox())!.y;
      expect(rosterTop).toBeLessThan(ownTop);
    });

    await test.step('offline, each host gives the last spot to someone', async () => {
      await frontDesk.setOffline(true);
      await studio.setOffline(true);
      await desk.hostCheckIn(paul.name);

      await phone.rosterSearch.fill(quinn.name);
      await phone.rosterCheckInButton(quinn.name).click();
      await expect(phone.checkedInBadge(quinn.name, 1)).toBeVisible();
      // Ready for the next name: the search is empty and has the focus.
      await expect(phone.rosterSearch).toHaveValue('');
      await expect(phone.rosterSearch).toBeFocused();
      await expect(phone.notice).toContainText(`${quinn.name} is checked in`);
      await expect(phone.spots).toHaveText('Full (1 place)');
    });

    await test.step('the search and the sync status stay in view while the roster scrolls', async () => {
      const rows = phone.roster.getByTestId('roster-row');
      await rows.last().evaluate((row) => row.scrollIntoView({ block: 'end' }));
      await expect(phone.roster.getByRole('heading', { name: 'Roster' })).not.toBeInViewport();
      await expect(phone.rosterSearch).toBeInViewport();
      await expect(phone.notice).toBeInViewport();
      await expect(studio.status.region).toBeInViewport();
    });

    await test.step('the front desk syncs first and keeps the spot', async () => {
      await frontDesk.setOffline(false);
      await expect(frontDesk.status.allSynced).toBeVisible();
      const checkIns = checkInsOf(await club.state(), session.id);
      expect([...checkIns.keys()]).toEqual([paul.memberId]);
    });

    await test.step('the studio phone is refused, and Quinn’s row says who won, when and where', async () => {
      await studio.setOffline(false);
      await expect(studio.status.allSynced).toBeVisible();
      const held = checkInsOf(await club.state(), session.id).get(paul.memberId)!;
      expect(held.deviceLabel).toBe('Front desk tablet');
      const told = `Check-in refused: the last spot went to ${paul.name}, checked in at ${shortTime(held.checkedInAt)} on Front desk tablet.`;
      await expect(phone.notes(quinn.name)).toHaveText(new RegExp(`^${escape(told)}`));
      await expect(phone.checkedInBadge(quinn.name, 1)).toHaveCount(0);
      // The green "checked in" is gone; the refusal is said in its place.
      await expect(phone.notice).toHaveText('');
      await expect(phone.problem).toContainText(`${quinn.name} — ${told}`);
      await expect(phone.spots).toHaveText('Full (1 place)');

      // After a reload (the device remembers), still on the row until acknowledged.
      await studio.page.reload();
      await expect(phone.notes(quinn.name)).toContainText('the last spot went to Paul Park');
      await expect(studio.status.attention(1)).toBeVisible();
    });

    await test.step('the server kept the refusal under the device’s name, and charged nothing', async () => {
      const attention = await club.attention();
      const refusal = attention.find((a) => a.kind === 'refused');
      expect(refusal).toMatchObject({
        code: 'session_full',
        member: { memberId: quinn.memberId, name: quinn.name },
      });
      expect((refusal as unknown as { device: { label: string } }).device.label).toBe(
        'Studio phone',
      );
      const state = await club.state();
      expect(passOf(state, quinnPass).balance).toBe(5);
      expectBalancesFromLog(state);
    });

    await test.step('the owner checks Quinn in after all, by their decision', async () => {
      const owner = await signedInContext(browser, club.owner);
      try {
        const page = await owner.newPage();
        await page.goto('/manage/attention');
        const item = page
          .getByTestId('attention-item')
          .filter({ has: page.getByRole('heading', { name: `Check-in · ${quinn.name}` }) });
        await expect(item).toContainText('Studio phone');
        await item.getByLabel('Note (optional)').fill('Was on the mat');
        await item.getByRole('button', { name: 'Check in after all' }).click();
        await expect(page.getByTestId('manage-notice')).toContainText('Checked in after all');
        await page.getByRole('radio', { name: 'Resolved' }).check();
        await expect(item.getByTestId('attention-resolution')).toContainText(
          `Checked in after all by ${club.owner.name}`,
        );
      } finally {
        await owner.close();
      }
      const state = await club.state();
      const checkIns = checkInsOf(state, session.id);
      expect(checkIns.get(quinn.memberId)).toMatchObject({
        flags: ['over_capacity'],
        charges: [{ passId: quinnPass, credits: 1 }],
      });
      expect(passOf(state, quinnPass).balance).toBe(4);
      expectBalancesFromLog(state);
    });

    await test.step('the studio phone shows Quinn checked in, and the note goes once seen', async () => {
      await studio.status.syncNowButton.click();
      await expect(phone.checkedInBadge(quinn.name, 1)).toBeVisible();
      await expect(phone.notes(quinn.name)).toContainText('Checked in since.');
      await phone.acknowledge(quinn.name).click();
      await expect(phone.notes(quinn.name)).toHaveCount(0);
      await expect(studio.status.attentionLink).toHaveCount(0);
    });
  } finally {
    await Promise.all([frontDesk.dispose(), studio.dispose()]);
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
