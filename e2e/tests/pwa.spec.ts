import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { watchPolicyViolations } from '../support/csp';
import { baseURL } from '../support/env';
import { expectActiveWorker } from '../support/phone';

test('the app is installable from any page, precaches its shell and opens offline', async ({
  launchOptions,
}) => {
  // Installability is only judged in a real (non-incognito) profile.
  const profile = mkdtempSync(join(tmpdir(), 'turnout-profile-'));
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL });
  // The server's Content-Security-Policy lets the app, its worker and manifest work, online and offline.
  const policyViolations = await watchPolicyViolations(context);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/invite/ABCDE-FGHJK'); // a deep link
    // The boot screen of app.html gives way once the app draws.
    await expect(page.locator('#boot')).toHaveCount(0);
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
      'href',
      '/manifest.webmanifest',
    );
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.url).toBe(`${baseURL}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);

    for (const icon of ['icon-192.png', 'icon-512.png', 'icon-maskable-512.png']) {
      const response = await page.request.get(`/icons/${icon}`);
      expect(response.headers()['content-type'], icon).toBe('image/png');
    }

    // The worker registers from the deep link too, for the whole app.
    expect(await expectActiveWorker(page)).toEqual({
      scope: `${baseURL}/`,
      script: `${baseURL}/sw.js`,
    });

    // It precached the app shell: the SPA page and every script and style it loads.
    const shellPage = await (await page.request.get('/index.html')).text();
    const shellFiles = [
      ...shellPage.matchAll(/["'(](\/_app\/immutable\/[^"')]+\.(?:js|css))/g),
    ].map((m) => `${baseURL}${m[1]}`);
    expect(shellFiles.length).toBeGreaterThan(2);
    const precached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) {
          urls.push(request.url.replace(/\?__WB_REVISION__=.*$/, ''));
        }
      }
      return urls;
    });
    expect(precached).toEqual(
      expect.arrayContaining([
        `${baseURL}/index.html`,
        `${baseURL}/manifest.webmanifest`,
        `${baseURL}/icons/icon-192.png`,
        ...shellFiles,
      ]),
    );

    // Once the worker controls the app, it opens with no network, on any address.
    await page.reload();
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
      .toBe(true);
    await context.setOffline(true);
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Log in', level: 1 })).toBeVisible();
    // A deep link is answered by the app too (nobody has logged in on this device yet).
    await page.goto('/sessions/not-synced-yet');
    await expect(page.getByRole('alert')).toHaveText(
      'Turnout can’t reach the server to check your login.',
    );
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    expect(policyViolations).toEqual([]);

    // The page the worker answers offline is still under the policy: an injected script does not run.
    const injected = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injectedScriptRan = true';
      document.head.append(script);
      return 'injectedScriptRan' in window;
    });
    expect(injected).toBe(false);
    await expect
      .poll(() => policyViolations.join('\n'))
      .toMatch(/script-src(-elem)? blocked inline/);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
