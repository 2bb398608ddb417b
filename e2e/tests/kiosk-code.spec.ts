import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { aDoorKey, aPhone } from '@turnout/shared/testing';
import { AppShell } from '../pages/AppShell';
import { KioskPage } from '../pages/KioskPage';
import { withFakeCamera, writeCodeVideo } from '../support/camera';
import { checkInsOf, SeededClub } from '../support/club';
import { certifiedPhone } from '../support/door';
import { Phone } from '../support/phone';

/**
 * The door kiosk takes members' codes too (spec §9.2: "first letters of
 * the name, or their code"): offline, a member holds her phone's code to
 * the tablet's camera and is welcomed by first name; a code that does not
 * check anyone in sends her to the desk without saying why (the queue reads
 * the screen); back online, the server has the check-in.
 */
test.setTimeout(120_000);

test('offline, a member checks in at the door kiosk by showing her code to its camera', async ({
  launchOptions,
}) => {
  const club = await SeededClub.create('Harbour Climbing');
  const host = await club.addPerson('Hana Host', 'host');
  const dana = await club.addPerson('Dana Dorsey');
  await club.givePass(dana, 5);
  const session = await club.createSession({ title: 'Morning Bouldering', startsInMinutes: -5 });
  const danasPhone = await certifiedPhone(dana, club.id);

  const dir = mkdtempSync(join(tmpdir(), 'turnout-camera-'));
  const camera = join(dir, 'camera.y4m');
  writeCodeVideo(camera, [null]);
  const tablet = await Phone.open(host, {
    launchOptions: withFakeCamera(launchOptions, camera),
    label: 'the door tablet',
  });
  try {
    const kiosk = new KioskPage(tablet.page);
    const outcome = tablet.page.getByTestId('door-outcome');
    const show = async (code: string) => {
      writeCodeVideo(camera, [code]);
      await tablet.page.getByRole('button', { name: 'Scan codes' }).click();
    };
    const stopScanning = () => tablet.page.getByRole('button', { name: 'Stop scanning' }).click();

    await test.step('the host turns the tablet into a kiosk; it goes offline', async () => {
      await tablet.install();
      await new AppShell(tablet.page).nav.getByRole('link', { name: 'Door kiosk' }).click();
      await kiosk.start('2468');
      await expect(tablet.page.getByRole('radio', { name: /Morning Bouldering/ })).toBeChecked();
      await tablet.context.setOffline(true);
      await expect(kiosk.status).toContainText('Offline');
    });

    await test.step('a forged code sends the member to the desk, without a reason', async () => {
      const forged = aPhone(aDoorKey(), { clubId: club.id, memberId: dana.memberId });
      await show(forged.codeAt(Date.now()));
      await expect(outcome).toHaveText('That did not work. Please see a host at the desk.');
      await stopScanning();
    });

    await test.step('Dana’s code checks her in, by first name only', async () => {
      await show(await danasPhone.codeAt(new Date()));
      await expect(outcome).toHaveText('Welcome, Dana! You are checked in.');
      await expect(kiosk.main).not.toContainText('Dorsey');
      await expect(kiosk.status).toContainText('1 change waits to sync');
      await stopScanning();
    });
    expect(checkInsOf(await club.state(), session.id).size).toBe(0);

    await test.step('back online, the server has her check-in', async () => {
      await tablet.context.setOffline(false);
      await expect(kiosk.status).not.toContainText('wait');
      await expect
        .poll(async () => [...checkInsOf(await club.state(), session.id).keys()])
        .toEqual([dana.memberId]);
    });
  } finally {
    await tablet.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
