import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SessionPage } from '../pages/SessionPage';
import { UpdatePrompt } from '../pages/UpdatePrompt';
import { checkInsOf, passOf, SeededClub } from '../support/club';
import { copyOfWebApp, deployNewVersion } from '../support/deploy';
import { port } from '../support/env';
import { Phone } from '../support/phone';
import { startServer, type RunningServer } from '../support/server';

test('a new version deployed while changes wait offline: “Reload now” switches to it and the outbox still syncs', async ({
  launchOptions,
}) => {
  // A server of its own, serving a copy of the web app that this test "deploys" into.
  const webDir = copyOfWebApp();
  const dataDir = mkdtempSync(join(tmpdir(), 'turnout-update-data-'));
  let server: RunningServer | undefined;
  let phone: Phone | undefined;
  try {
    server = await startServer({ port: port + 1, dataDir, webDir });
    const club = await SeededClub.create('Harbour Rowing', {
      baseURL: server.baseURL,
      token: server.setupToken,
    });
    const host = await club.addPerson('Hana Host', 'host');
    const ida = await club.addPerson('Ida Iver');
    const jon = await club.addPerson('Jon Jansen');
    const idaPass = await club.givePass(ida, 4);
    const jonPass = await club.givePass(jon, 4);
    const session = await club.createSession({ title: 'Early Row', startsInMinutes: -15 });

    const device = await Phone.open(host, {
      launchOptions,
      baseURL: server.baseURL,
      label: 'the phone',
    });
    phone = device;
    const page = device.page;
    const versionMarker = page.locator('meta[name="turnout-version"]');
    const prompt = new UpdatePrompt(page);
    const details = new SessionPage(page);

    await test.step('offline, the host checks in two members', async () => {
      await device.install();
      await details.open(session.id);
      await device.setOffline(true);
      await details.hostCheckIn(ida.name);
      await details.hostCheckIn(jon.name);
      await expect(device.status.waiting(2)).toBeVisible();
    });

    const revision =
      await test.step('a new version is deployed (files replaced, server restarted)', async () => {
        // The server reads the files' sizes and ETags at start, as in production: a deploy restarts it.
        await server!.stop();
        const next = deployNewVersion(webDir, 'e2e-next');
        server = await startServer({ port: port + 1, dataDir, webDir });
        return next;
      });

    await test.step('the network returns; the app finds the new version while the changes still wait', async () => {
      // The sync requests keep failing (a flaky link), so the changes are still waiting when the new version arrives.
      await device.context.route('**/trpc/sync.push**', (route) =>
        route.abort('internetdisconnected'),
      );
      await device.context.setOffline(false);
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
      });
      await expect(prompt.prompt).toBeVisible();
      await expect(device.status.waiting(2)).toBeVisible();
      await expect(versionMarker).toHaveCount(0);
    });

    await test.step('“Reload now” reloads into the new version with the outbox intact', async () => {
      await prompt.reloadButton.click();
      // The waiting worker takes over, then the page reloads and starts the new version:
      // over 10 s once on a loaded 2-core CI machine (25 s for the whole spec alone).
      await expect(versionMarker).toHaveAttribute('content', 'e2e-next', { timeout: 30_000 });
      await expect(prompt.prompt).toHaveCount(0);
      const cached = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const name of await caches.keys()) {
          for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
        }
        return urls.filter((url) => url.includes('/index.html'));
      });
      expect(cached).toEqual([`${server!.baseURL}/index.html?__WB_REVISION__=${revision}`]);
      await expect(details.heading).toHaveText(session.title);
      await expect(device.status.waiting(2)).toBeVisible();
      await expect(details.checkedInBadge(jon.name, 1)).toBeVisible();
      expect(checkInsOf(await club.state(), session.id).size).toBe(0);
    });

    await test.step('once the link works again, the waiting changes sync', async () => {
      await device.context.unrouteAll();
      await device.status.syncNowButton.click();
      await expect(device.status.allSynced).toBeVisible();
      const state = await club.state();
      const checkIns = checkInsOf(state, session.id);
      expect([...checkIns.keys()].sort()).toEqual([ida.memberId, jon.memberId].sort());
      expect(passOf(state, idaPass).balance).toBe(3);
      expect(passOf(state, jonPass).balance).toBe(3);
    });
  } finally {
    await phone?.dispose();
    await server?.stop();
    rmSync(webDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
});
