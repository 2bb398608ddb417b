import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { aDoorKey, aPhone } from '@turnout/shared/testing';
import { SessionPage } from '../pages/SessionPage';
import { SessionsPage } from '../pages/SessionsPage';
import { withFakeCamera, writeCodeVideo } from '../support/camera';
import { checkInsOf, SeededClub } from '../support/club';
import { certifiedPhone } from '../support/door';
import { Phone } from '../support/phone';

/**
 * QR check-in in real Chromium (issue 13 item 3): a member's phone shows its
 * changing code; a host's phone, offline, films it with a fake camera (the
 * code drawn into a Y4M video) and the member is checked in at once; forged,
 * expired and other-club codes are refused on the device with their reason;
 * after reconnecting, the server has the check-in.
 */
test.setTimeout(120_000);

test('a host’s phone, offline, scans a member’s code and checks them in; bad codes are refused', async ({
  launchOptions,
}) => {
  const club = await SeededClub.create('Door Dojo');
  const host = await club.addPerson('Hana Host', 'host');
  const mia = await club.addPerson('Mia Member');
  const ben = await club.addPerson('Ben Brooks');
  const carla = await club.addPerson('Carla Cruz');
  await club.givePass(mia, 10);
  const session = await club.createSession({ title: 'Evening Kata', startsInMinutes: -10 });

  const dir = mkdtempSync(join(tmpdir(), 'turnout-camera-'));
  const camera = join(dir, 'camera.y4m');
  writeCodeVideo(camera, [null]);
  const miaPhone = await Phone.open(mia, { launchOptions, label: 'Mia’s phone' });
  const hostPhone = await Phone.open(host, {
    launchOptions: withFakeCamera(launchOptions, camera),
    label: 'the host’s phone',
  });
  try {
    let code = '';
    await test.step('Mia’s phone shows her check-in code, made on the phone', async () => {
      await miaPhone.install();
      await miaPhone.page.getByRole('link', { name: 'My code' }).click();
      const shown = miaPhone.page.getByTestId('my-code');
      await expect(shown.getByRole('img', { name: 'Check-in code of Mia Member' })).toBeVisible();
      code = (await shown.getAttribute('data-code'))!;
      expect(code).toMatch(/^[A-Za-z0-9_-]{280}$/);
    });

    const details = new SessionPage(hostPhone.page);
    const outcome = hostPhone.page.getByTestId('door-outcome');
    const scan = async (shown: string) => {
      writeCodeVideo(camera, [shown]);
      await hostPhone.page.getByRole('button', { name: 'Scan codes' }).click();
    };
    const stopScanning = () =>
      hostPhone.page.getByRole('button', { name: 'Stop scanning' }).click();

    await test.step('the host installs the app, opens the session and goes offline', async () => {
      await hostPhone.install();
      await new SessionsPage(hostPhone.page).session(session.title).click();
      await expect(details.heading).toHaveText(session.title);
      await hostPhone.setOffline(true);
    });

    await test.step('forged, expired and other-club codes are refused on the device, with why', async () => {
      const forged = aPhone(aDoorKey(), { clubId: club.id, memberId: ben.memberId });
      await scan(forged.codeAt(Date.now()));
      await expect(outcome).toContainText('Not checked in: This is not a valid check-in code');
      await stopScanning();

      const carlasPhone = await certifiedPhone(carla, club.id);
      await scan(await carlasPhone.codeAt(new Date(Date.now() - 10 * 60_000)));
      await expect(outcome).toContainText('Not checked in: This check-in code has expired.');
      await stopScanning();

      const elsewhere = aPhone(aDoorKey(), { clubId: randomUUID(), memberId: randomUUID() });
      await scan(elsewhere.codeAt(Date.now()));
      await expect(outcome).toContainText('This check-in code belongs to another club.');
      await stopScanning();
      await expect(hostPhone.status.allSynced).toBeVisible();
    });

    await test.step('Mia’s code checks her in at once, offline', async () => {
      // Codes last about a minute and a half: take the one her phone shows now.
      code = (await miaPhone.page.getByTestId('my-code').getAttribute('data-code'))!;
      await scan(code);
      await expect(outcome).toHaveText('Mia Member is checked in.');
      await expect(hostPhone.status.waiting(1)).toBeVisible();
      await expect(details.checkedInBadge(mia.name, 1)).toBeVisible();
      await stopScanning();
    });
    expect(checkInsOf(await club.state(), session.id).size).toBe(0);

    await test.step('back online, the server has the check-in, recorded by the host', async () => {
      await hostPhone.setOffline(false);
      await hostPhone.expectSynced();
      const checkIns = checkInsOf(await club.state(), session.id);
      expect([...checkIns.keys()]).toEqual([mia.memberId]);
    });
  } finally {
    await miaPhone.dispose();
    await hostPhone.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
